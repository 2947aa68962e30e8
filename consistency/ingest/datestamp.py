"""A publication date stamped in the text itself: a date line, a byline date, a dateline."""

from __future__ import annotations

import datetime as dt
import re

from consistency.text.dates import DATE_RE, TIME_RE, WEEKDAY_RE, clock_minutes, date_parts

_PREFIX = r"(?:(?:first[ ]+)?published|updated|last[ ]+updated|posted|modified)[ ]*(?::|on)?[ ]*"
_BYLINE = r"(?:by[ ][^|\n]{2,60}?[ ]*[|\u2022\u00b7\u2013\u2014-][ ]*)"
_H24 = r"(?P<h24>[0-2]?\d)[:.](?P<m24>[0-5]\d)(?:[ ]+[A-Z]{2,4})?"
_STAMP = re.compile(
    rf"^[ ]*(?:{_BYLINE})?(?:{_PREFIX})?(?:{WEEKDAY_RE},?[ ]+)?(?P<date>{DATE_RE})"
    rf"(?:,?[ ]+(?:at[ ]+)?(?:{TIME_RE}|{_H24}))?[ ]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Updated Thursday, June 22, 2023 3:55 p.m. EST - The search …": a stamp opening the text
_LEAD = re.compile(
    rf"^[ ]*(?:{_PREFIX})(?:{WEEKDAY_RE},?[ ]+)?(?P<date>{DATE_RE})"
    rf"(?:,?[ ]+(?:at[ ]+)?(?:{TIME_RE}|{_H24}))?[ ]+[\u2014\u2013-][ ]+\S",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(
    rf"^[ ]*[A-Z][A-Z .'-]{{2,30}},[ ]+(?P<date>{DATE_RE})[ ]*"
    r"(?:\([A-Za-z .]+\))?[ ]*[\u2014\u2013-]",
    re.MULTILINE,
)
HEAD_LINES, TAIL_LINES = 15, 5
# A line with something on it, read from its start only: a search from every space of a
# blank line (100,000 spaces, or Markdown emphasis blanked out) would cost its square.
_LINE = re.compile(r"^[^\S\n]*+\S[^\n]*+", re.MULTILINE)


def find_datestamp(text: str, start: int = 0) -> dt.date | dt.datetime | None:
    """The publication date the text states near its top (or very end), if any."""
    lines = list(_LINE.finditer(text[start:]))
    if not lines:
        return None
    zone = [*lines[:HEAD_LINES], *lines[-TAIL_LINES:]]
    for line in zone:
        chunk = line.group()
        for pattern in (_STAMP, _LEAD, _DATELINE):
            m = pattern.match(chunk)
            if m:
                stamp = _stamp(m)
                if stamp is not None:
                    return stamp
    return None


def _stamp(m: re.Match[str]) -> dt.date | dt.datetime | None:
    inner = re.match(DATE_RE, m.group("date"))
    parts = date_parts(inner) if inner else None
    if parts is None or parts[0] is None:
        return None
    day_value = dt.date(parts[0], parts[1], parts[2])
    groups = m.groupdict()
    minutes = None
    if groups.get("hour"):
        minutes = clock_minutes(groups["hour"], groups.get("minute"), groups.get("ampm"))
    elif groups.get("h24"):
        minutes = clock_minutes(groups["h24"], groups.get("m24"), None)
    if minutes is None:
        return day_value
    return dt.datetime.combine(day_value, dt.time(minutes // 60, minutes % 60))
