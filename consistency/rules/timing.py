"""When two resolved temporal expressions can be one day or one moment: days by range,
weekday and date; times of day by their tolerance windows, read across time zones."""

from __future__ import annotations

import datetime as dt

from consistency.models import TemporalClaim, When
from consistency.rules.vote import Relation
from consistency.text.dates import TZ_OFFSETS

CLEAR_GAP_MINUTES = 0  # windows this far apart (or more) cannot be one moment


def _constraints(w: When) -> dict[str, object]:
    out: dict[str, object] = {}
    if w.weekday is not None:
        out["weekday"] = w.weekday
    if w.month_day is not None:
        out["month_day"] = tuple(w.month_day)
    return out


def _fits(day: dt.date, c: dict[str, object]) -> bool:
    return c.get("weekday", day.weekday()) == day.weekday() and c.get(
        "month_day", (day.month, day.day)
    ) == (day.month, day.day)


def day_relation(a: When, b: When) -> Relation | None:
    """Can two resolutions name the same day? None when they cannot be compared."""
    if a.first_day and b.first_day and a.last_day and b.last_day:
        overlap = a.first_day <= b.last_day and b.first_day <= a.last_day
        return "agree" if overlap else "conflict"
    if a.first_day or b.first_day:
        ranged, other = (a, b) if a.first_day else (b, a)
        c = _constraints(other)
        if not c or ranged.first_day is None or ranged.last_day is None:
            return None
        span = (ranged.last_day - ranged.first_day).days
        days = (ranged.first_day + dt.timedelta(days=k) for k in range(min(span, 400) + 1))
        return "agree" if any(_fits(d, c) for d in days) else "conflict"
    ca, cb = _constraints(a), _constraints(b)
    shared = set(ca) & set(cb)
    if not shared:
        return None
    return "agree" if all(ca[k] == cb[k] for k in shared) else "conflict"


def event_day_relation(a: When, b: When) -> Relation | None:
    """day_relation, allowing for the night: "Monday night" and "early Tuesday" can be one
    moment, and a time converted from another zone can fall on the next day."""
    ua, ub = _utc_day(a), _utc_day(b)
    if ua is not None and ub is not None:
        return "agree" if ua == ub else "conflict"
    found = day_relation(a, b)
    if found != "conflict":
        return found
    if a.first_day and b.first_day and a.first_day == a.last_day and b.first_day == b.last_day:
        step = (b.first_day - a.first_day).days
    else:
        wa, wb = weekday_of(a), weekday_of(b)
        if wa is None or wb is None:
            return found
        step = (wb - wa) % 7
    if (step == 1 and _late(a)) or (step in (-1, 6) and _late(b)):
        return None  # the earlier side runs past midnight
    return found


def _late(w: When) -> bool:
    return any(end > 1440 for _, end in w.minutes)


def _utc_day(w: When) -> dt.date | None:
    """The day in UTC of a time with a named zone on a known day."""
    if w.tz not in TZ_OFFSETS or not w.minutes or w.first_day != w.last_day or not w.first_day:
        return None
    start, end = w.minutes[0]
    middle = (start + end) // 2 - TZ_OFFSETS[w.tz]
    return w.first_day + dt.timedelta(days=middle // 1440)


def _single_day(w: When) -> bool:
    return (w.first_day is not None and w.first_day == w.last_day) or (
        w.first_day is None and bool(_constraints(w))
    )


def _readings(w: When) -> list[tuple[str | None, list[tuple[int, int]]]]:
    """The windows of the day a time names, per zone: as written, then as given again in
    brackets in another zone ("7:40 am (05:40 GMT)")."""
    out: list[tuple[str | None, list[tuple[int, int]]]] = [(w.tz, list(w.minutes))]
    for start, end, zone in w.also:
        out.append((zone, [(start, end)]))
    return out


def _offset(zone_a: str | None, zone_b: str | None, local: int | None) -> int | None:
    """Minutes to add to a time in zone_a to read it in zone_b; None when the two cannot
    be placed against each other. A time with no zone said is read in the other's zone;
    "local" times of one story are in one place, at UTC offset `local` when the story
    gives one; named zones convert."""
    if zone_a is None or zone_b is None or zone_a == zone_b:
        return 0
    offsets = dict(TZ_OFFSETS, local=local) if local is not None else TZ_OFFSETS
    a, b = offsets.get(zone_a), offsets.get(zone_b)
    return None if a is None or b is None else b - a


def local_offset(claims: list[TemporalClaim]) -> int | None:
    """The UTC offset of the story's "local time", from a time given both ways ("14:10
    local time (11:10 GMT)"); None when no article gives one, or they disagree."""
    found = set()
    for c in claims:
        w = c.when
        if w.tz == "local" and w.minutes:
            for start, _, zone in w.also:
                if zone in TZ_OFFSETS:
                    found.add((w.minutes[0][0] - start) % 1440 + TZ_OFFSETS[zone])
    return found.pop() if len(found) == 1 else None


def _gap(a: list[tuple[int, int]], b: list[tuple[int, int]], shift: int) -> int:
    """The smallest distance in minutes between windows of a (shifted) and b; 0 or less
    when they overlap (windows are half-open)."""
    return min(max(s2 - (e1 + shift), (s1 + shift) - e2) for s1, e1 in a for s2, e2 in b)


def time_relation(a: When, b: When, local: int | None = None) -> Relation | None:
    """On a day both place the event, are the times of day compatible? Every reading of
    one is compared with every reading of the other that can be placed against it; one
    that fits is agreement."""
    if event_day_relation(a, b) == "conflict" or not (a.minutes and b.minutes):
        return None
    if any((w.first_day or _constraints(w)) and not _single_day(w) for w in (a, b)):
        return None  # "this week at 9": no one day to compare the times on
    gaps = [
        _gap(wa, wb, shift)
        for za, wa in _readings(a)
        for zb, wb in _readings(b)
        if (shift := _offset(za, zb, local)) is not None
    ]
    if not gaps:
        return None
    return "conflict" if min(gaps) >= CLEAR_GAP_MINUTES else "agree"


def weekday_of(w: When) -> int | None:
    """The weekday a resolution names, when it names one day."""
    if w.first_day is not None and w.first_day == w.last_day:
        return w.first_day.weekday()
    return w.weekday if w.first_day is None else None
