"""Counts, amounts and measures as intervals: "some 86,000", "at least 40", "31K",
"$2.7bn", "a quarter of a million", "35-metre", "four women a second".

Our own extractor (quantulum3 reads "31K" as 31 kelvin and takes half a second an article).
A rounded figure is an interval of its rounding; a modifier widens or bounds it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace

from consistency.extract.context import ArticleContext
from consistency.extract.quantity_frame import build
from consistency.models import Dimension, NumericClaim, Quantity
from consistency.text import lemma as lx
from consistency.text.tokens import FUNCTION_WORDS

UNITS: dict[str, tuple[Dimension, float]] = {  # name -> (dimension, factor to the base unit)
    "metre": ("length", 1.0), "meter": ("length", 1.0), "m": ("length", 1.0),
    "kilometre": ("length", 1000.0), "kilometer": ("length", 1000.0), "km": ("length", 1000.0),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048), "ft": ("length", 0.3048),
    "yard": ("length", 0.9144), "mile": ("length", 1609.344), "inch": ("length", 0.0254),
    "minute": ("duration", 60.0), "hour": ("duration", 3600.0), "second": ("duration", 1.0),
    "day": ("duration", 86400.0), "week": ("duration", 604800.0), "year": ("age", 1.0),
    "percent": ("percent", 1.0), "per cent": ("percent", 1.0), "%": ("percent", 1.0),
    "square mile": ("area", 2589988.0), "square kilometre": ("area", 1e6),
    "square kilometer": ("area", 1e6), "square km": ("area", 1e6), "sq km": ("area", 1e6),
    "square metre": ("area", 1.0), "square meter": ("area", 1.0), "square foot": ("area", 0.0929),
    "square feet": ("area", 0.0929), "hectare": ("area", 1e4), "acre": ("area", 4046.86),
    "knot": ("speed", 0.514444), "mph": ("speed", 0.44704), "km/h": ("speed", 0.277778),
    "kilogram": ("mass", 1.0), "kg": ("mass", 1.0), "tonne": ("mass", 1000.0),
    "ton": ("mass", 907.18474), "pound": ("mass", 0.45359237), "lb": ("mass", 0.45359237),
}  # fmt: skip
BASE_UNITS = {"length": "m", "area": "m2", "speed": "m/s", "duration": "s", "mass": "kg",
              "age": "year"}  # fmt: skip
CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "dollar": "USD",
              "euro": "EUR", "pound sterling": "GBP"}  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
    "hundred": 100, "a thousand": 1000, "half a million": 5e5, "a quarter of a million": 2.5e5,
    "a million": 1e6, "half a billion": 5e8, "a billion": 1e9,
}  # fmt: skip
# Vague quantities: "dozens of people" is at least two dozen and under a hundred.
VAGUE = {
    "dozens": (24.0, 99.0), "several dozen": (24.0, 99.0), "hundreds": (200.0, 999.0),
    "several hundred": (200.0, 999.0), "thousands": (2000.0, 9999.0),
    "several thousand": (2000.0, 9999.0), "tens of thousands": (2e4, 99999.0),
    "hundreds of thousands": (2e5, 999999.0), "millions": (2e6, 9.99e8),
}  # fmt: skip
MODIFIERS = {  # cue -> (low factor, high factor) applied to the rounded interval
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1), "approximately": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.9, 1.1), "nearly": (0.85, 1.0), "almost": (0.85, 1.0),
    "close to": (0.85, 1.0), "just under": (0.9, 1.0), "more than": (1.0, math.inf),
    "over": (1.0, math.inf), "at least": (1.0, math.inf), "upwards of": (1.0, math.inf),
    "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "less than": (0.0, 1.0), "under": (0.0, 1.0), "no more than": (0.0, 1.0),
    "just over": (1.0, 1.1),
}  # fmt: skip
MAX_DIGITS = 24  # characters of a figure in digits (separators included): more is no quantity
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_VAGUE = "|".join(sorted((v.replace(" ", "[ ]") for v in VAGUE), key=len, reverse=True))
_WORD_NUM = (
    rf"(?:{_VAGUE}|a[ ]quarter[ ]of[ ]a[ ](?:million|billion)|half[ ]a[ ](?:million|billion)|"
    r"a[ ](?:dozen|hundred|thousand|million|billion)|(?:twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen)"
)
_MOD = "|".join(sorted((re.escape(m) for m in MODIFIERS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS if u != "%"), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w.,$£€-])(?:(?P<mod>{_MOD})[ ]+)?(?:between[ ]+)?"
    rf"(?P<cur>us\$|\$|£|€)?(?:(?P<num>{_NUM})|(?P<word>{_WORD_NUM})(?:[ ]+dozen)?)"
    r"(?:[ ]?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)\b)?"
    rf"(?:[ ]?(?:to|-|–|and)[ ]?(?P<num2>{_NUM})"
    r"(?:[ ]?(?P<scale2>thousand|million|billion|bn|m|k)\b)?)?"
    r"(?:(?P<pct>[ ]?%|[ ]per[ ]?cent\b|[ ]percent\b)|(?P<age>-year-old\b|[ ]years?[ ]old\b)"
    rf"|(?:[ -](?P<unit>{_UNIT})s?\b))?",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"^[ ]+(?:(?:\w+[ ]+){0,2}?)(?:a|per|each|every)[ ]+(second|minute|hour|day|week|month|year)\b"
    r"|^(?:[ ]+(?:a|per|each)[ ]+|[ -]per-)"
    r"(share|head|person|capita|barrel|tonne|ton|litre|gallon)\b"
)
_FIRST_WORDS = frozenset(
    {m.split()[0] for m in MODIFIERS}
    | {w.split()[0].split("-")[0] for w in WORDS}
    | {v.split()[0] for v in VAGUE}
    | set("between us twenty thirty forty fifty sixty seventy eighty ninety".split())
)
_LETTERS = "".join(sorted({w[0] for w in _FIRST_WORDS}))
# Where NUMBER can start: a figure, a currency sign, or a whole run of ASCII letters that is
# one of _FIRST_WORDS (any case). The look-ahead first names the characters one starts
# with, so every other position fails at once.
_STARTS = re.compile(
    rf"(?=[\d$£€{_LETTERS}{_LETTERS.upper()}])(?<![\w.,$£€-])(?:\d|[$£€]"
    rf"|(?ai:(?:{'|'.join(sorted(_FIRST_WORDS, key=len, reverse=True))})(?![a-z])))"
)


def extract_numbers(ctx: ArticleContext) -> Iterator[NumericClaim]:
    """Every count, amount or measure outside quotations and dates, with its frame."""
    text = ctx.text
    blocked, starts = ctx.quoted_or_dated
    n = 0
    for m in _matches(text, ctx.body_start):
        if not (m.group("num") or m.group("word")):
            continue
        k = bisect_right(starts, m.start()) - 1
        if (k >= 0 and blocked[k][1] > m.start()) or (
            k + 1 < len(blocked) and blocked[k + 1][0] < m.end()
        ):
            continue  # inside a quotation, or part of a date or time (checked first: cheap)
        if _excluded(text, m):
            continue
        quantity = _quantity(m, text)
        if quantity is None or quantity.dimension == "duration":
            continue  # durations are a family of their own (extract/durations.py)
        built = build(text, ctx.sentence_of(m.start()), m.start(), m.end(), quantity)
        if built.age and quantity.dimension == "count":
            quantity = replace(quantity, dimension="age", unit="year")
        n += 1
        yield NumericClaim(
            id=f"{ctx.article_id}:N{n}",
            article=ctx.article_id,
            text=ctx.norm.original_slice(m.start(), m.end()),
            span=ctx.norm.span(m.start(), m.end()),
            quantity=quantity,
            counted=built.counted,
            frame=built.frame,
            growing=built.frame.varying is not None,
            context=ctx.sentence_around(m.start(), m.end()),
        )


def _matches(text: str, start: int) -> Iterator[re.Match[str]]:
    """NUMBER tried only where a figure, a currency sign, a number word or a modifier
    starts: scanning every position costs several times more."""
    pos = start
    for t in _STARTS.finditer(text, start):
        if t.start() < pos:
            continue
        m = NUMBER.match(text, t.start())
        if m is not None and (m.group("num") or m.group("word")):
            pos = m.end()
            yield m


def _excluded(text: str, m: re.Match[str]) -> bool:
    """Years, ordinals, clock times, phone numbers and street numbers are not quantities."""
    after = text[m.end() : m.end() + 40]
    num = m.group("num") or ""
    if re.fullmatch(r"\d{3,4}[-. ]\d{3,4}", m.group().strip()):
        return True  # 555-0134
    if after[:1].isalnum() or re.match(r"(?:st|nd|rd|th)\b", after):
        return True
    if re.match(r"[:.]\d", after) or re.match(r"[-. ]\d{3,4}\b", after):
        return True  # 9:10, 555-0134
    plain = not (m.group("cur") or m.group("scale") or m.group("unit") or m.group("pct"))
    if plain and m.group("num") and _identifier(text, m.start()):
        return True  # "Boeing 737", "Flight 302": a name's number, not a quantity
    if plain and _CLOCK.match(m.group()[-4:] + after):
        return True  # "1700 GMT": a clock time
    if plain and num.startswith("0") and len(num) > 1 and "." not in num:
        return True  # "0600 GMT", "007": a code or a clock, not a count
    if plain and re.fullmatch(r"1[89]\d\d|20\d\d", num):
        return True  # a year
    return bool(plain and re.match(r" [A-Z][a-z]+ (?:Street|Road|Avenue|Lane|Square)\b", after))


def _half_width(num: str, scale: float) -> float:
    """Half the rounding step of a figure as written: "31K" is 30,500 to 31,500, "2.5
    million" 2.45 to 2.55 million, "3,400" 3,350 to 3,450 (but "100" only 95 to 105)."""
    digits = num.replace(",", "")
    value = float(digits) * scale
    if "." in digits:
        half = 10.0 ** -len(digits.split(".")[1]) * scale / 2
    elif scale != 1.0:
        half = scale / 2  # "90m": rounded to the million
    else:
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        half = min(10.0**zeros / 2, 0.05 * value) if zeros else 0.0
        if zeros == 1 and digits.endswith("50") and value >= 100:
            half = min(25.0, 0.05 * value)  # "850": rounded to the nearest fifty
    return half * 0.999


_CLOCK = re.compile(r"\d{4}[ ]?(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|hrs|h)\b")
_IDENTIFIER = re.compile(r"(?<![.!?]\s)\b(?:[A-Z][a-z]*|[A-Z]+)[ ]$")


_NOT_NAMES = FUNCTION_WORDS | frozenset(
    """with about around some nearly almost over just only all more less another including
    among after before since until between during than up down""".split()
)


def _identifier(text: str, start: int) -> bool:
    """A figure right after a capitalised noun or an unknown name ("Boeing 737", "Flight
    302", "ET 302") names something; after "With" or "The" it is a count."""
    m = _IDENTIFIER.search(text, max(0, start - 30), start)
    word = m.group().strip() if m else ""
    if not word or word.lower() in _NOT_NAMES:
        return False
    found = lx.forms(word)
    return not found or "NOUN" in found or "PROPN" in found


# A count written with a point between thousands, as much of Europe writes it ("20.124
# containers"): three decimals on a count of things is almost never a fraction.
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def _quantity(m: re.Match[str], text: str) -> Quantity | None:
    g = m.groupdict()
    vague: tuple[float, float] | None = None
    if (g["scale"] or "") == "m" and not g["cur"] and not g["unit"]:
        g["scale"], g["unit"] = None, "m"  # "a 400m ship": metres, as no currency is named
    scale = SCALES.get((g["scale"] or "").lower(), 1.0)
    if g["num"]:
        digits = g["num"]
        if len(digits) > MAX_DIGITS:
            return None  # a serial number or a string of digits, not a figure
        plain = not (g["scale"] or g["cur"] or g["pct"] or g["unit"])
        if plain and _THOUSANDS_DOT.fullmatch(digits):
            digits = digits.replace(".", ",")  # "20.124 teu": a thousands separator
        value = float(digits.replace(",", "")) * scale
        half = _half_width(digits, scale)
    elif (vague := VAGUE.get(" ".join(g["word"].lower().split()))) is not None:
        value, half = vague[0] * scale, 0.0
    else:
        words = " ".join(g["word"].lower().split())
        value = (
            _word_value(words)
            * scale
            * (12 if m.group().lower().rstrip().endswith("dozen") and "dozen" not in words else 1)
        )
        half = 0.05 * value if value >= 100 else 0.0
    low, high = value - half, value + half
    if vague is not None:
        high = vague[1] * scale
    if g["num2"]:
        high = float(g["num2"].replace(",", "")) * SCALES.get((g["scale2"] or "").lower(), scale)
    dimension: Dimension = "count"
    unit, factor = None, 1.0
    if g["cur"] or re.match(
        r"[ ](?:dollars|euros|pounds sterling)\b", text[m.end() : m.end() + 18]
    ):
        dimension, unit = "money", CURRENCIES.get((g["cur"] or "dollar").lower(), "USD")
    elif g["pct"]:
        dimension, unit = "percent", "percent"
    elif g["unit"]:
        name = g["unit"].lower()
        dimension, factor = UNITS.get(name, UNITS.get(name.rstrip("s"), ("count", 1.0)))
        unit = BASE_UNITS.get(dimension, name)
    elif g["age"]:
        dimension, unit = "age", "year"
    whole = not g["num2"] and "." not in (g["num"] or "")
    if dimension in ("length", "area", "duration", "mass") and whole:  # "22-foot", "two miles"
        low, high = min(low, value - 0.4995), max(high, value + 0.4995)
    lo_f, hi_f = MODIFIERS.get((g["mod"] or "").lower(), (1.0, 1.0))
    return Quantity(
        value=value * factor,
        low=low * factor * lo_f,
        high=None if math.isinf(hi_f) else high * factor * hi_f,
        unit=unit,
        dimension=dimension,
        per=_rate(text, m.end()),
        modifier=(g["mod"] or "").lower() or None,
        range=bool(g["num2"]),
    )


def _word_value(words: str) -> float:
    if words in WORDS:
        return float(WORDS[words])
    tens, _, unit = words.partition("-")
    return float(WORDS.get(tens, 0) + WORDS.get(unit, 0))


def _rate(text: str, end: int) -> str | None:
    m = _RATE.match(text[end : end + 40])
    return (m.group(1) or m.group(2)).lower() if m else None
