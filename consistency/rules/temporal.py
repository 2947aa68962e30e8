"""Temporal rules: the same event placed on different days or at different times."""

from __future__ import annotations

import datetime as dt

from consistency.models import Finding, Kind, Severity, TemporalClaim, When
from consistency.rules.base import Example, Rule, evidence, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide_variants
from consistency.text.dates import TZ_OFFSETS, WEEKDAYS

CLEAR_GAP_MINUTES = 60  # times closer than this are "about the same time"

EVENT_DAY = Rule(
    code="T101",
    name="event-day-differs",
    kind=Kind.temporal,
    severity=Severity.error,
    summary="The same event is placed on different days by different sources.",
    doc=(
        "Flags an event (who did what, read from the clause around a date or weekday) that "
        "two or more articles place on days that cannot be the same. Weekdays and relative "
        "expressions are resolved against each article's publication date first, so “on "
        "Sunday” in a Monday article and “yesterday” in another Monday article agree; "
        "without a publication date a weekday is compared with weekdays only. Why: the day "
        "of an event is the most often repeated fact, and the most often wrong. Example: "
        "“Milano tweeted on Monday” against three outlets' “on Sunday”."
    ),
    message="{event}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict}",
    flags=(
        Example(
            (
                "Mayor Ana Cruz resigned on Sunday, officials said.",
                "Mayor Ana Cruz resigned on Monday after a long meeting.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "---\npublished: 2024-05-06\n---\nMayor Ana Cruz resigned on Sunday.",
                "---\npublished: 2024-05-06\n---\nMayor Ana Cruz resigned yesterday.",
            ),
            "a Monday article's Sunday and yesterday",
        ),
    ),
)

EVENT_TIME = Rule(
    code="T102",
    name="event-time-differs",
    kind=Kind.temporal,
    severity=Severity.warning,
    summary="The same event is placed at clearly different times of the same day.",
    doc=(
        "Flags an event that articles agree happened on the same day but at times that are "
        f"at least {CLEAR_GAP_MINUTES} minutes apart once their tolerances are applied: "
        "“just after 9 p.m.” covers 9:00 to 9:20, “about 10:20” 10:00 to 10:40, “evening” "
        "17:00 to midnight. Why: a wrong time of day misleads readers about sequence and "
        "cause. Example: “the match was abandoned at 9:10 p.m.” against “in the morning”."
    ),
    message="{event}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict}",
    flags=(
        Example(
            (
                "The match was abandoned at 9:10 p.m. on Saturday, the league said.",
                "The match was abandoned on Saturday morning after the storm.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "The match was abandoned just after 9 p.m. on Saturday.",
                "The match was abandoned at 9:10 p.m. on Saturday.",
            ),
        ),
    ),
)

WEEKDAY_DATE = Rule(
    code="T103",
    name="weekday-contradicts-date",
    kind=Kind.temporal,
    severity=Severity.warning,
    summary="A weekday written next to a date is not that date's weekday.",
    doc=(
        "Flags an article that names a weekday beside a date the calendar puts on another "
        "day (“Sunday, October 16, 2017”: that was a Monday). The year comes from the date "
        "itself or from the publication date. Why: one of the two is wrong, and the article "
        "cannot be trusted on either until it is fixed."
    ),
    message="{value} in {article}: {date} was a {actual}, not a {named}",
    flags=(Example(("The protest began on Sunday, October 16, 2017 in the capital.",)),),
    passes=(Example(("The protest began on Sunday, October 15, 2017 in the capital.",)),),
)


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


def _single_day(w: When) -> bool:
    return (w.first_day is not None and w.first_day == w.last_day) or (
        w.first_day is None and bool(_constraints(w))
    )


def _shifted(w: When, other: When) -> list[tuple[int, int]]:
    """w's windows in other's time zone, when both zones are known."""
    if w.tz in TZ_OFFSETS and other.tz in TZ_OFFSETS:
        delta = TZ_OFFSETS[other.tz] - TZ_OFFSETS[w.tz]
        return [(s + delta, e + delta) for s, e in w.minutes]
    return list(w.minutes)


def time_relation(a: When, b: When) -> Relation | None:
    """On a day both place the event, are the times of day compatible?"""
    if day_relation(a, b) != "agree" or not (a.minutes and b.minutes):
        return None
    if not (_single_day(a) and _single_day(b)):
        return None
    gap = min(max(s2 - e1, s1 - e2, 0) for s1, e1 in _shifted(a, b) for s2, e2 in b.minutes)
    return "conflict" if gap >= CLEAR_GAP_MINUTES else "agree"


def same_subject(a: TemporalClaim, b: TemporalClaim) -> bool:
    """Events share a key by surname; full names with different first names ("Samuel
    Zhang", "Hassan Zhang") are different people all the same."""
    if a.event is None or b.event is None:
        return False
    wa, wb = a.event.subject.split(), b.event.subject.split()
    if len(wa) > 1 and len(wb) > 1 and wa[0][:1].isupper() and wb[0][:1].isupper():
        return wa[0] == wb[0] or wa[0].rstrip(".") == wb[0][:1] or wb[0].rstrip(".") == wa[0][:1]
    return True


def describe(claim: TemporalClaim) -> str:
    """The expression as written, with the day it resolves to."""
    text = " ".join(claim.text.split())
    w = claim.when
    if w.resolved_from == "published" and w.first_day and w.first_day == w.last_day:
        return f"“{text}” ({w.first_day.isoformat()})"
    return f"“{text}”"


def check_temporal(
    groups: list[list[TemporalClaim]], claims: list[TemporalClaim], paths: dict[str, str]
) -> list[Finding]:
    """T101 and T102 over claims grouped by event; T103 on every claim."""
    findings: list[Finding] = []
    for group in groups:
        findings.extend(_check_group(group, paths))
    findings.extend(_weekday_dates(claims, paths))
    return findings


def _variant_key(c: TemporalClaim) -> tuple[object, ...]:
    """Claims that say exactly the same thing about an event vote as one variant."""
    w = c.when
    words = c.event.subject.split() if c.event else []
    first = words[0] if len(words) > 1 and words[0][:1].isupper() else ""
    return (w.first_day, w.last_day, w.weekday, w.month_day, tuple(w.minutes), w.tz, first)


def _check_group(group: list[TemporalClaim], paths: dict[str, str]) -> list[Finding]:
    by_key: dict[tuple[object, ...], list[TemporalClaim]] = {}
    for claim in group:
        by_key.setdefault(_variant_key(claim), []).append(claim)
    variants = list(by_key.values())

    def by_day(a: TemporalClaim, b: TemporalClaim) -> Relation | None:
        return day_relation(a.when, b.when) if same_subject(a, b) else None

    def by_time(a: TemporalClaim, b: TemporalClaim) -> Relation | None:
        return time_relation(a.when, b.when) if same_subject(a, b) else None

    out = [_finding(EVENT_DAY, variants, v, paths) for v in decide_variants(variants, by_day)]
    out += [_finding(EVENT_TIME, variants, v, paths) for v in decide_variants(variants, by_time)]
    return out


def _finding(
    rule: Rule, variants: list[list[TemporalClaim]], v: Verdict, paths: dict[str, str]
) -> Finding:
    odd, ref = variants[v.odd][0], variants[v.reference][0]
    event = odd.event or ref.event
    args: dict[str, str | int | list[str]] = {
        "event": f"{event.subject[:1].upper()}{event.subject[1:]} {event.verb}" if event else "",
        "odd_value": describe(odd),
        "reference_value": describe(ref),
    }
    return rule.verdict_finding(
        v,
        severity=rule.severity,
        args=args,
        claims=verdict_evidence(variants, v, paths),
        values=[event.key if event else "", describe(odd), describe(ref)],
    )


def _weekday_dates(claims: list[TemporalClaim], paths: dict[str, str]) -> list[Finding]:
    out = []
    for c in claims:
        w = c.when
        if w.weekday is None or w.month_day is None or w.first_day is None:
            continue
        if w.first_day.weekday() == w.weekday:
            continue
        args: dict[str, str | int | list[str]] = {
            "value": f"“{' '.join(c.text.split())}”",
            "article": c.article,
            "date": w.first_day.isoformat(),
            "actual": WEEKDAYS[w.first_day.weekday()].title(),
            "named": WEEKDAYS[w.weekday].title(),
        }
        out.append(
            WEEKDAY_DATE.finding(
                severity=WEEKDAY_DATE.severity,
                args=args,
                claims=[evidence(c, "odd", paths)],
                odd=[c.article],
                values=[w.first_day.isoformat(), str(w.weekday)],
            )
        )
    return out
