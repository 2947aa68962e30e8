"""Temporal atoms resolved against a publication date into a `When`.

A bare weekday in past-tense news is the publication day or one of the six days before it;
a future cue moves it forward. Without a publication date weekdays and dates stay as named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from consistency.models import When

PART_WINDOWS = {
    "morning": (300, 720), "afternoon": (720, 1080), "evening": (1020, 1440),
    "night": (1200, 1800), "overnight": (1320, 1800), "tonight": (1020, 1800),
    "early hours": (0, 360),
}  # fmt: skip
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


@dataclass
class Atom:
    """One piece of a temporal expression, as matched."""

    start: int
    end: int
    kind: str
    weekday: int | None = None
    modifier: str | None = None  # last / next / this (before a weekday)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    minutes: list[tuple[int, int]] = field(default_factory=list)
    tz: str | None = None
    part: str | None = None
    relative: str | None = None
    since: bool = False
    time_start: int = 0  # where the clock time itself starts (after "at")


def _weekday_day(pub: dt.date, weekday: int, modifier: str | None, future: bool) -> dt.date:
    """The date a weekday names, seen from the publication day."""
    if modifier == "next" or (future and modifier != "last"):
        return pub + dt.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    back = (pub.weekday() - weekday) % 7
    if modifier == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _relative_days(rel: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    """The inclusive range of days a relative expression names."""
    day = dt.timedelta(days=1)
    monday = pub - pub.weekday() * day
    saturday = pub - ((pub.weekday() - 5) % 7) * day  # the latest Saturday on or before pub
    table: dict[str, tuple[dt.date, dt.date]] = {
        "today": (pub, pub), "tonight": (pub, pub), "yesterday": (pub - day, pub - day),
        "tomorrow": (pub + day, pub + day), "last night": (pub - day, pub - day),
        "this week": (monday, monday + 6 * day), "earlier this week": (monday, pub),
        "later this week": (pub, monday + 6 * day),
        # journalists mean the previous calendar week or simply the past seven days
        "last week": (min(monday - 7 * day, pub - 7 * day), pub - day),
        "past week": (pub - 7 * day, pub), "next week": (monday + 7 * day, monday + 13 * day),
        "this weekend": (saturday, saturday + day), "over the weekend": (saturday, saturday + day),
        "at the weekend": (saturday, saturday + day),
        "last weekend": (saturday - 7 * day, saturday + day),
        "next weekend": (saturday + 7 * day, saturday + 8 * day),
        "this month": (pub.replace(day=1), pub), "this year": (pub.replace(month=1, day=1), pub),
    }  # fmt: skip
    if rel in table:
        return table[rel]
    words = rel.split()
    if len(words) == 3 and words[2] == "ago":
        count = int(words[0]) if words[0].isdigit() else _NUMBERS.get(words[0], 0)
        size = 7 if words[1].startswith("week") else 1
        back = pub - count * size * day
        return (back - (size - 1) * day, back + (size - 1) * day) if size > 1 else (back, back)
    return None


def resolve(atoms: list[Atom], published: dt.date | None, *, future: bool) -> When | None:
    """What the atoms of one expression say, as days and times of day."""
    pub = published.date() if isinstance(published, dt.datetime) else published
    merged = Atom(atoms[0].start, atoms[-1].end, "")
    also: list[tuple[int, int, str]] = []
    for a in atoms:
        if a.minutes and merged.minutes and a.tz:  # "7:40 am (05:40 GMT)"
            also += [(s, e, a.tz) for s, e in a.minutes]
            continue
        for name in ("weekday", "modifier", "year", "month", "day", "tz", "part", "relative"):
            if getattr(merged, name) is None and getattr(a, name) is not None:
                setattr(merged, name, getattr(a, name))
        merged.minutes = merged.minutes or a.minutes
    when = When(
        precision="day",
        resolved_from="unresolved",
        weekday=merged.weekday,
        tz=merged.tz,
        also=also,
    )
    if not _days(when, merged, pub, future):
        return None
    when.minutes = _minutes(merged)
    if when.minutes:
        when.precision = "time" if merged.minutes else "part_of_day"
    return when


def _days(when: When, a: Atom, pub: dt.date | None, future: bool) -> bool:
    """Fill the day range of `when`; False when the expression names no day at all."""
    if a.month and a.day:
        when.month_day = (a.month, a.day)
        year = a.year or (nearest_year(pub, a.month, a.day, future, a.weekday) if pub else None)
        if year:
            when.first_day = when.last_day = dt.date(year, a.month, a.day)
            when.year = year
            when.resolved_from = "explicit" if a.year else "published"
        return True
    if a.weekday is not None:
        if pub is not None:
            when.first_day = when.last_day = _weekday_day(pub, a.weekday, a.modifier, future)
            when.resolved_from = "published"
        return True
    if a.month:
        year = a.year or (pub.year if pub else None)
        when.precision = "month"
        if year:
            end = dt.date(year + (a.month == 12), a.month % 12 + 1, 1) - dt.timedelta(days=1)
            when.first_day, when.last_day, when.year = dt.date(year, a.month, 1), end, year
            when.resolved_from = "explicit" if a.year else "published"
        return True
    if a.year:
        when.first_day, when.last_day = dt.date(a.year, 1, 1), dt.date(a.year, 12, 31)
        when.year, when.precision, when.resolved_from = a.year, "year", "explicit"
        return True
    rel = a.relative or {"tonight": "tonight", "overnight": "last night"}.get(a.part or "")
    if rel in ("this", "last", "yesterday", "tomorrow") and a.part:
        rel = {"this": "today", "last": "yesterday"}.get(rel, rel)
    if rel is None:
        return bool(a.minutes)  # a clock time alone: its day is unknown
    if pub is not None:
        span = _relative_days(rel, pub)
        if span is None:
            return False
        when.first_day, when.last_day = span
        when.resolved_from = "published"
        when.precision = "day" if span[0] == span[1] else "week"
    return True


def nearest_year(
    pub: dt.date, month: int, day: int, future: bool, weekday: int | None = None
) -> int:
    """The year that puts a month and day where news puts it: the recent past (up to ten
    months back, two ahead), or the coming year when the clause looks ahead. A weekday
    written with the date ("Tuesday, March 3") picks the year it fits, when one near by
    does."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (date - pub).days
        ok = 0 <= delta <= 366 if future else -300 <= delta <= 60
        fits = weekday is None or date.weekday() == weekday
        candidates.append((not fits, not ok, abs(delta), year))
    return min(candidates)[3] if candidates else pub.year


def _minutes(a: Atom) -> list[tuple[int, int]]:
    """Windows of the day: the clock time narrowed by the part of the day, if both."""
    part = PART_WINDOWS.get(a.part or ("tonight" if a.relative == "tonight" else ""))
    if a.relative == "last night":
        part = PART_WINDOWS["night"]
    if not a.minutes:
        return [part] if part else []
    if part is None:
        return list(a.minutes)
    inside = [w for w in a.minutes if w[0] < part[1] and part[0] < w[1]]
    return inside or list(a.minutes)
