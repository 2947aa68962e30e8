"""Durations as intervals of seconds: "15 hours", "a nine-hour battle", "an hour and 45
minutes", "1:45 hours", "two and a half hours", "just over an hour", "almost a week",
"eight to ten hours", "their 17th night".

One regular expression with bounded repeats only (it runs on any input in linear time),
then an interval: a figure is its value ±5% (a whole count of days also ±1 day, as spans
are counted inclusively or not), a unit without a number ("a week") ±25%, and a modifier
widens or bounds it; "less than" and "just over" leave the figure itself out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from consistency.extract.numbers import MODIFIERS, WORDS
from consistency.models import Quantity

SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "night": 86400.0,
           "week": 604800.0, "fortnight": 1209600.0, "month": 2629800.0}  # fmt: skip
DAY = 86400.0
EPSILON = 1e-6  # how far an open end ("less than two hours") stays from the figure
BARE, LOOSE = 0.05, 0.25  # relative half-widths: a figure, a unit without a number
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
# How each modifier of numbers.py bounds a duration, read from its factors there.
_KINDS = {(0.9, 1.1): "about", (0.85, 1.0): "below", (0.9, 1.0): "below",
          (1.0, math.inf): "over", (0.0, 1.0): "under", (1.0, 1.1): "just over"}  # fmt: skip
MODIFIER_KIND = {cue: _KINDS[f] for cue, f in MODIFIERS.items() if f in _KINDS} | {
    "a little over": "just over", "a little more than": "just over",
    "slightly more than": "just over", "well over": "over", "just shy of": "below",
}  # fmt: skip

_S = r"[ ]{1,2}"  # bounded: a run of spaces never makes the scan quadratic
_SMALL = [w for w, v in WORDS.items() if " " not in w and v < 100]
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDN = rf"(?:(?:{_TENS})-(?:{_UNITS})|{'|'.join(sorted(_SMALL, key=len, reverse=True))})"
_N = rf"(?:\d{{1,4}}(?:\.\d{{1,2}})?|{_WORDN})"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month)s?"
_ORD = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(sorted(ORDINALS, key=len, reverse=True))})"
_MOD = "|".join(sorted((re.escape(m) for m in MODIFIER_KIND), key=len, reverse=True))
PATTERN = re.compile(
    rf"(?<![\w.:-])(?:(?P<mod>{_MOD}){_S})?(?:"
    rf"(?P<h>an|one|{_N})[ -]hours?(?:,?{_S}and|,)?{_S}(?P<m>{_N})[ -]minutes?\b"
    rf"|(?P<hh>\d{{1,2}}):(?P<mm>[0-5]\d){_S}hours?\b"
    rf"|(?P<a1>an?|one)[ -](?P<u1>{_UNIT})(?:{_S}|-)and(?:{_S}|-)a(?:{_S}|-)half\b"
    rf"|(?P<n2>{_N})(?:{_S}|-)and(?:{_S}|-)a(?:{_S}|-)half[ -](?P<u2>{_UNIT})\b"
    rf"|(?:half{_S}an?{_S}|an?{_S}half[ -])(?P<u3>{_UNIT})\b"
    rf"|(?P<lo>{_N})(?:(?<=\d)(?:{_S})?[-–](?:{_S})?|{_S}(?:to|or){_S})(?P<hi>{_N})"
    rf"[ -](?P<u4>{_UNIT})\b"
    rf"|(?P<n>{_N})[ -](?P<u>{_UNIT})\b"
    rf"|(?P<a>an?)[ -](?P<ua>{_UNIT})\b"
    rf"|(?P<ord>{_ORD}){_S}(?P<uo>{_UNIT})\b"
    r")",
    re.IGNORECASE,
)
# What a PATTERN match can begin with besides a figure: the first word (lower case) of a
# modifier, a number word, an ordinal, "a", "an" or "half". Trying PATTERN only where one
# starts finds the same matches as trying it at every position, for a fraction of the cost.
FIRST_WORDS = frozenset(
    {m.split()[0] for m in MODIFIER_KIND}
    | {"a", "an", "one", "half", *_SMALL, *_TENS.split("|"), *ORDINALS}
)


@dataclass(frozen=True)
class Parsed:
    """A duration as written: its value in seconds, how it is bounded, its unit."""

    value: float
    unit: str  # the largest unit named: day counts are widened by a day
    modifier: str | None
    loose: bool = False  # a unit without a number: "a week"
    high: float | None = None  # the upper figure of a range ("eight to ten hours")
    ordinal: bool = False  # "the 17th night": a count so far
    whole: bool = False  # a whole number of its unit as written ("two hours", "18-day")


def number(word: str) -> float:
    """The value of a figure or number word: "45", "nine", "twenty-four", "an"."""
    low = word.lower()
    if low in ("a", "an"):
        return 1.0
    if low[0].isdigit():
        return float(low.rstrip("stndrh"))  # "17th"
    if low in ORDINALS:
        return float(ORDINALS[low])
    tens, _, unit = low.partition("-")
    return float(WORDS.get(tens, 0) + WORDS.get(unit, 0))


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def parse(m: re.Match[str]) -> Parsed:
    """What a PATTERN match says, before modifiers are applied."""
    g = m.groupdict()
    mod = " ".join((g["mod"] or "").lower().split()) or None
    if g["h"]:
        value = number(g["h"]) * 3600 + number(g["m"]) * 60
        return Parsed(value, "hour", mod)
    if g["hh"]:
        return Parsed(int(g["hh"]) * 3600 + int(g["mm"]) * 60.0, "hour", mod)
    if g["u1"]:
        return Parsed(1.5 * SECONDS[_unit(g["u1"])], _unit(g["u1"]), mod)
    if g["u2"]:
        return Parsed((number(g["n2"]) + 0.5) * SECONDS[_unit(g["u2"])], _unit(g["u2"]), mod)
    if g["u3"]:
        return Parsed(0.5 * SECONDS[_unit(g["u3"])], _unit(g["u3"]), mod)
    if g["u4"]:
        unit = _unit(g["u4"])
        low, high = number(g["lo"]) * SECONDS[unit], number(g["hi"]) * SECONDS[unit]
        return Parsed(low, unit, mod, high=high, whole=True)
    if g["u"]:
        value = number(g["n"])
        whole = value == int(value)
        return Parsed(value * SECONDS[_unit(g["u"])], _unit(g["u"]), mod, whole=whole)
    if g["ua"]:
        return Parsed(SECONDS[_unit(g["ua"])], _unit(g["ua"]), mod, loose=True)
    unit = _unit(g["uo"])
    return Parsed(number(g["ord"]) * SECONDS[unit], unit, mod, ordinal=True, whole=True)


def interval(p: Parsed) -> tuple[float, float | None]:
    """The seconds a duration can be, its modifier applied (None: no upper bound)."""
    v, top = p.value, p.high if p.high is not None else p.value
    half = LOOSE if p.loose else BARE
    low, high = v * (1 - half), top * (1 + half)
    if p.whole and p.unit in ("day", "night"):  # counted with or without the first day
        low, high = min(low, v - DAY), max(high, top + DAY)
    kind = MODIFIER_KIND.get(p.modifier or "")
    if kind == "about":
        return low * 0.9, high * 1.1
    if kind == "below":
        return 0.85 * v, top
    if kind == "over":
        return v, None
    if kind == "under":
        return 0.0, top * (1 - EPSILON)
    if kind == "just over":
        return top * (1 + EPSILON), 1.1 * top
    return max(low, 0.0), high


def quantity(p: Parsed) -> Quantity:
    """The duration as a Quantity in seconds."""
    low, high = interval(p)
    return Quantity(
        value=p.value,
        low=low,
        high=high,
        unit="s",
        dimension="duration",
        modifier=p.modifier,
        range=p.high is not None,
    )
