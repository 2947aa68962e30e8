"""Temporal rules: the same event placed on different days or at different times."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from consistency.extract.when import nearest_year
from consistency.frames import Aligned, Match, Weights, align
from consistency.models import Finding, Kind, Severity, TemporalClaim
from consistency.rules.base import Example, Rule, StoryInfo, evidence, verdict_evidence
from consistency.rules.timing import (
    event_day_relation,
    local_offset,
    time_relation,
    weekday_of,
)
from consistency.rules.vote import Relation, Verdict, decide_aligned
from consistency.text.dates import WEEKDAYS

EVENT_DAY = Rule(
    code="T101",
    name="event-day-differs",
    kind=Kind.temporal,
    severity=Severity.error,
    summary="The same event is placed on different days by different sources.",
    doc=(
        "Flags an event that two or more articles place on days that cannot be the same. "
        "The event of a date is read from its clause (the act, its subject or object, who "
        "did it) and events are aligned by the similarity of these frames, so “the fire "
        "broke out on Monday” and “the blaze erupted on Monday” meet; a report is the event "
        "it reports (“the company said on Friday it had accepted the offer” is the "
        "accepting), and acts that recur in the story (rescues day after day, briefings) "
        "are left out. Weekdays and relative expressions are resolved against each "
        "article's publication date first (front matter, HTML metadata or a date line), so "
        "“on Sunday” in a Monday article and “yesterday” in another Monday article agree; a "
        "date without a year in an undated article takes the story's year; without any "
        "date a weekday is compared with weekdays and dates by their constraints. The "
        "finding says what each day was resolved against. Why: the day of an event is the "
        "most often repeated fact, and the most often wrong. Example: “Milano tweeted on "
        "Monday” against three outlets' “on Sunday”."
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
        "Flags an event that articles agree happened on the same day but at times that "
        "cannot be one moment once each is widened by its precision and hedge: “6:50 p.m.” "
        "is 6:47 to 6:53, “about 6:30 p.m.” 6:21 to 6:39, “about 1am” 0:40 to 1:20, “just "
        "after 9 p.m.” 9:00 to 9:20, “shortly before 7pm” 6:15 to 7:00, “evening” 17:00 to "
        "midnight. Times in named zones are converted (a conversion across midnight moves "
        "the day); “local time” is placed when an article gives one time both ways (“14:10 "
        "local time (11:10 GMT)”); a time with no zone said is read in the other's zone, "
        "and a bracketed conversion counts as the same moment. Why: a wrong time of day "
        "misleads readers about sequence and cause. Example: “the match was abandoned at "
        "9:10 p.m.” against “in the morning”."
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
    untensed = {c.id: replace(c.frame, future=False) for c in events}
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
    in_story: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        day = weekday_of(c.when)
        if day is not None:
            in_article[(c.article, _act(c))].add(day)
            in_story[_act(c)[0]].add(day)  # whatever it is done to: rescues of boys, of a coach
    recurring = {act for (_, act), days in in_article.items() if len(days) > 1}
    verbs = {verb for verb, days in in_story.items() if len(days) > 2}
    return [c for c in claims if _act(c) not in recurring and _act(c)[0] not in verbs]


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
    reference = story.date()
    if reference is None:
        return claim
    month, day = w.month_day
    year = nearest_year(reference, month, day, claim.future, w.weekday)
    try:
        first = dt.date(year, month, day)
    except ValueError:
        return claim
    when = replace(w, first_day=first, last_day=first, year=year, resolved_from="story")
    return replace(claim, when=when)


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
