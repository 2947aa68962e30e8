"""Temporal rules: the same event placed on different days or at different times."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from consistency.extract.when import nearest_year
from consistency.frames import Aligned, Match, Weights, align
from consistency.models import Finding, Kind, Severity, TemporalClaim, When
from consistency.rules.base import Example, Rule, StoryInfo, evidence, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide_aligned
from consistency.text.dates import TZ_OFFSETS, WEEKDAYS

CLEAR_GAP_MINUTES = 0  # windows this far apart (or more) cannot be one moment

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
    message=(
        "{event}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict} "
        "(aligned on: {why})"
    ),
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
    message=(
        "{event}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict} "
        "(aligned on: {why})"
    ),
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
        wa, wb = _weekday(a), _weekday(b)
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


THRESHOLD = 0.5  # frames scoring at least this are taken as the same event
# The act is what a date is about: the verb weighs most; a subject or object one article
# leaves out costs little.
WEIGHTS = Weights(
    same_thing=0.35,
    same_thing_class=0.3,
    same_predicate=0.45,
    same_predicate_class=0.4,
    other_predicate=-0.3,
    one_holder=-0.05,
    one_thing=-0.05,
)


def blocks(claim: TemporalClaim) -> list[tuple[str, str]]:
    """Cheap keys a claim is scored under: its act's class, its thing, its holder."""
    f = claim.frame
    keys = [("verb", f.predicate_class or f.predicate or "")]
    if f.thing:
        keys.append(("thing", f.thing_class or f.thing))
    if f.holder:
        keys.append(("holder", f.holder))
    return keys


def _value(claim: TemporalClaim) -> tuple[float, float]:
    """The day as a number, for telling a thing placed on several days."""
    w = claim.when
    if w.first_day and w.last_day:
        return (float(w.first_day.toordinal()), float(w.last_day.toordinal()))
    return (1e7 + (w.weekday if w.weekday is not None else 7), 1e7 + 7)


def check_temporal(claims: list[TemporalClaim], story: StoryInfo) -> list[Finding]:
    """T101 and T102 over claims aligned by the frame of their event; T103 on every claim."""
    placed = [_placed(c, story) for c in claims]
    events = _once([c for c in placed if c.frame.predicate and not c.since])
    # the day is resolved by tense already: "will resign on Friday" said on Monday and
    # "resigned on Friday" said on Saturday are one event on one day
    untensed = {c.id: c.frame.model_copy(update={"future": False}) for c in events}
    groups = align(
        events,
        frame=lambda c: untensed[c.id],
        blocks=blocks,
        compatible=_comparable,
        value=_value,
        kind=lambda c: c.when.precision,
        threshold=THRESHOLD,
        weights=WEIGHTS,
    )
    findings: list[Finding] = []
    local = local_offset(placed)
    for group in groups:
        findings.extend(_check_group(group, story, local))
    findings.extend(_weekday_dates(placed, story.paths))
    return findings


def _act(claim: TemporalClaim) -> tuple[str, str]:
    f = claim.frame
    return (f.predicate_class or f.predicate or "", f.thing_class or f.thing or f.holder or "")


def _once(claims: list[TemporalClaim]) -> list[TemporalClaim]:
    """Claims about acts that happen once: an act one article places on two different days,
    or the story on more than two, recurs (rescues day after day, daily briefings), and
    the day of one instance says nothing about another. Days are told apart by weekday,
    which works with or without publication dates."""
    in_article: dict[tuple[str, tuple[str, str]], set[int]] = defaultdict(set)
    in_story: dict[tuple[str, str], set[int]] = defaultdict(set)
    for c in claims:
        day = _weekday(c.when)
        if day is not None:
            in_article[(c.article, _act(c))].add(day)
            in_story[_act(c)].add(day)
    recurring = {act for act, days in in_story.items() if len(days) > 2}
    recurring |= {act for (_, act), days in in_article.items() if len(days) > 1}
    return [c for c in claims if _act(c) not in recurring]


def _weekday(w: When) -> int | None:
    if w.first_day is not None and w.first_day == w.last_day:
        return w.first_day.weekday()
    return w.weekday if w.first_day is None else None


_COARSE = frozenset({"year", "month"})


def _comparable(a: TemporalClaim, b: TemporalClaim) -> bool:
    """A year or a month is compared with years and months only: "in 2020" in one article
    and "yesterday" in another are seldom one event."""
    return (a.when.precision in _COARSE) == (b.when.precision in _COARSE)


def _placed(claim: TemporalClaim, story: StoryInfo) -> TemporalClaim:
    """A date without a year in an article without a publication date takes its year from
    the story's other articles (news is published within days of what it reports)."""
    w = claim.when
    if w.month_day is None or w.first_day is not None:
        return claim
    reference = _story_date(story)
    if reference is None:
        return claim
    month, day = w.month_day
    year = nearest_year(reference, month, day, claim.future, w.weekday)
    try:
        first = dt.date(year, month, day)
    except ValueError:
        return claim
    when = w.model_copy(update={"first_day": first, "last_day": first, "year": year,
                                "resolved_from": "story"})  # fmt: skip
    return claim.model_copy(update={"when": when})


def _story_date(story: StoryInfo) -> dt.date | None:
    """The median publication date of the story's articles, if any is known."""
    days = sorted(d.date() if isinstance(d, dt.datetime) else d
                  for d in story.published.values() if d is not None)  # fmt: skip
    return days[len(days) // 2] if days else None


def _variant_key(c: TemporalClaim) -> tuple[object, ...]:
    """Claims that say exactly the same thing about an event vote as one variant."""
    w = c.when
    return (w.first_day, w.last_day, w.weekday, w.month_day, tuple(w.minutes), w.tz)


def _check_group(
    group: Aligned[TemporalClaim], story: StoryInfo, local: int | None
) -> list[Finding]:
    def by_day(a: TemporalClaim, b: TemporalClaim) -> Relation | None:
        return event_day_relation(a.when, b.when)

    def by_time(a: TemporalClaim, b: TemporalClaim) -> Relation | None:
        return time_relation(a.when, b.when, local)

    out = []
    for rule, relation in ((EVENT_DAY, by_day), (EVENT_TIME, by_time)):
        variants, verdicts = decide_aligned(group, _variant_key, relation)
        out += [_finding(rule, variants, v, m, story) for v, m in verdicts]
    return out


def describe(claim: TemporalClaim, story: StoryInfo) -> str:
    """The expression as written, with the day it resolves to and what fixed that day."""
    text = " ".join(claim.text.split())
    w = claim.when
    if w.first_day is None or w.first_day != w.last_day or w.resolved_from == "explicit":
        return f"“{text}”"
    if w.resolved_from == "published":
        published = story.published.get(claim.article)
        stamp = published.date() if isinstance(published, dt.datetime) else published
        return f"“{text}” ({w.first_day.isoformat()}, published {stamp})"
    return f"“{text}” ({w.first_day.isoformat()}, the story's year)"


def _what(odd: TemporalClaim, ref: TemporalClaim) -> str:
    """The event as the articles word it: "Alyssa Milano tweeted", "The fire broke out"."""
    for claim in (odd, ref):
        e = claim.event
        if e is not None and e.subject:
            return f"{e.subject[:1].upper()}{e.subject[1:]} {e.verb}"
    e = odd.event or ref.event
    return f"The event ({e.verb})" if e else "The event"


def _finding(
    rule: Rule,
    variants: list[list[TemporalClaim]],
    v: Verdict,
    match: Match | None,
    story: StoryInfo,
) -> Finding:
    odd, ref = variants[v.odd][0], variants[v.reference][0]
    args: dict[str, str | int | list[str]] = {
        "event": _what(odd, ref),
        "odd_value": describe(odd, story),
        "reference_value": describe(ref, story),
        "why": "; ".join(match.reasons) if match else "",
        "score": f"{match.score:.2f}" if match else "",
    }
    f = odd.frame
    return rule.verdict_finding(
        v,
        severity=rule.severity,
        args=args,
        claims=verdict_evidence(variants, v, story.paths),
        values=[
            f.predicate_class or f.predicate or "",
            describe(odd, story),
            describe(ref, story),
        ],  # fmt: skip
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
