"""Calendar words and the date and time patterns news text uses, shared by ingest (date
stamps) and the temporal extractor."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
# "October 15", "Oct. 15, 2017", "15 October 2017", "15th of October", "2017-10-15"
DATE_RE = (
    rf"(?:(?P<mon1>{MONTH_RE})\.?[ ]+(?P<day1>[0-3]?\d){_ORD}(?![\d:])"
    rf"(?:,?[ ]+(?P<year1>{YEAR_RE}))?"
    rf"|(?P<day2>[0-3]?\d){_ORD}[ ]+(?:of[ ]+)?(?P<mon2>{MONTH_RE})\.?"
    rf"(?:,?[ ]+(?P<year2>{YEAR_RE}))?"
    rf"|(?P<year3>{YEAR_RE})-(?P<mon3>[01]\d)-(?P<day3>[0-3]\d))"
)
TIME_RE = (
    r"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?[ ]?(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"(?![A-Za-z])(?:[ ]+(?P<tz>(?-i:[A-Z]{2,4}T|GMT|UTC)\b))?"
)
TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "IST": 330, "JST": 540, "AEST": 600, "AEDT": 660,
}  # fmt: skip


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation."""
    return MONTHS[name.lower().rstrip(".")]


def date_parts(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """(year, month, day) from a DATE_RE match, or None when it is no real date."""
    if m.group("mon1"):
        year, month, day = m.group("year1"), month_number(m.group("mon1")), m.group("day1")
    elif m.group("mon2"):
        year, month, day = m.group("year2"), month_number(m.group("mon2")), m.group("day2")
    else:
        year, month, day = m.group("year3"), int(m.group("mon3")), m.group("day3")
    y = int(year) if year else None
    try:
        dt.date(y or 2000, month, int(day))  # 2000 is a leap year: 29 February passes
    except ValueError:
        return None
    return y, month, int(day)


def clock_minutes(hour: str, minute: str | None, ampm: str | None) -> int | None:
    """Minutes after midnight for "9:10 p.m." style times; None when impossible."""
    h, mins = int(hour), int(minute or 0)
    if ampm:
        if not 1 <= h <= 12:
            return None
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    elif h > 23:
        return None
    return h * 60 + mins


_YEAR_NEAR = re.compile(rf"(?<![\w$£€.,:/-])(?P<year>{YEAR_RE})(?![\w,.:/-]?\d)")
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|since|of|from|by|until|during|before|after|back[ ]in)|[’']s)[ ]+"
    rf"(?:a[ ]+|the[ ]+)?$|{MONTH_RE}\.?[ ]+[0-3]?\d(?:st|nd|rd|th)?,?[ ]+$",
    re.IGNORECASE,
)
_YEAR_NOUN = re.compile(r"(?<![ ])[ ]++([a-z]{3,}+)\b")  # after a year
# plurals without an s: "2000 people" is a count, not a year
_COUNTED = frozenset("people police staff personnel children men women cattle".split())


def year_near(text: str, lo: int, hi: int, skip: tuple[int, int]) -> int | None:
    """The year text[lo:hi] places its clause in, nearest to `skip` (the claim itself):
    a year after a cue ("in 1960", "since 2018") or naming a thing ("a 1960 tsunami");
    not a count ("2000 people")."""
    best: tuple[int, int] | None = None
    for m in _YEAR_NEAR.finditer(text, lo, hi):
        if m.start() < skip[1] and skip[0] < m.end():
            continue
        cue = _YEAR_CUE.search(text, max(lo, m.start() - 20), m.start())
        noun = _YEAR_NOUN.match(text, m.end())
        counted = noun and (noun.group(1).endswith("s") or noun.group(1) in _COUNTED)
        if not (cue or (noun and not counted)):
            continue
        distance = skip[0] - m.end() if m.end() <= skip[0] else m.start() - skip[1]
        if best is None or distance < best[0]:
            best = (distance, int(m.group("year")))
    return best[1] if best else None
