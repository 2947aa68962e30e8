"""Duration rules: the same span of time given lengths that cannot agree."""

from __future__ import annotations

import datetime as dt

from consistency.frames import Aligned, Match, align, overlap, settled
from consistency.models import DurationClaim, Finding, Kind, Severity
from consistency.rules.base import Example, Rule, StoryInfo, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide_aligned

DURATION_DIFFERS = Rule(
    code="T104",
    name="duration-differs",
    kind=Kind.temporal,
    severity=Severity.warning,
    summary="The same span of time is given lengths that cannot agree.",
    doc=(
        "Flags a duration of one thing whose lengths cannot agree once rounding and hedges "
        "are applied: a figure is its value ±5% (a count of days also ±1 day, as spans are "
        "counted with or without their first day), a unit without a number (“a week”) "
        "±25%, “about” widens by a tenth, “almost” is up to the figure, “more than” the "
        "figure and up, “less than” below it and “just over” above it (so “just over two "
        "hours” and “less than two hours” never agree). Durations are taken as one by "
        "their frames: what they are the length of (“a nine-hour battle”, “into their "
        "dive”), the act they run from (“after it began”), the verb (“expected to take”) "
        "and the rare words of the clause; a planned length is never compared with one "
        "that happened, nor a whole (“the entire trip”) with a part. Why: “15 hours” copied "
        "as “nine hours” changes the story. Example: a three-week strike against a "
        "four-week strike."
    ),
    message=(
        "{what}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict} "
        "(aligned on: {why})"
    ),
    flags=(
        Example(
            (
                "The dock workers' strike lasted three weeks before a deal was reached.",
                "The dock workers' strike lasted four weeks before a deal was reached.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "The dock workers' strike lasted about four weeks before a deal was reached.",
                "The dock workers' strike lasted almost a month before a deal was reached.",
            ),
        ),
    ),
)

ELAPSED_GROWS = Rule(
    code="T105",
    name="elapsed-time-grows",
    kind=Kind.temporal,
    severity=Severity.info,
    summary="A span counted so far differs between articles published at different times.",
    doc=(
        "Reports, for information, a span that grows as the story goes on (“trapped for 9 "
        "days”, “their 12th night underground”, “for the fifth day in a row”) given "
        "different lengths by different articles, when the publication dates are unknown "
        "or put the longer span in the later article. When both articles are dated and the "
        "earlier one has the longer span, or they were published the same day, the "
        "difference is a real conflict and T104 reports it. Why: an article written on "
        "day 9 and one written on day 12 both tell the truth."
    ),
    message=(
        "{what}: {odd_value} in {odd}, {reference_value} in {reference} (a span that grows "
        "over time{timing}; aligned on: {why})"
    ),
    flags=(
        Example(
            (
                "The miners have been trapped underground for 9 days, officials said.",
                "The miners have been trapped underground for 12 days, officials said.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "The miners have been trapped underground for about 10 days, officials said.",
                "The miners have been trapped underground for 11 days, officials said.",
            ),
        ),
    ),
)

THRESHOLD = 0.45  # the frame score at which two durations are one span
_WHOLE = ("whole", "entire", "total", "full", "overall", "round")


def relation(a: DurationClaim, b: DurationClaim) -> Relation:
    """Two durations agree when their intervals overlap."""
    qa, qb = a.quantity, b.quantity
    return "agree" if overlap((qa.low, qa.high), (qb.low, qb.high)) else "conflict"


def compatible(a: DurationClaim, b: DurationClaim) -> bool:
    """A plan is never a fact, and a whole is never its part."""
    return a.frame.future == b.frame.future and _whole(a) == _whole(b)


def _whole(claim: DurationClaim) -> bool:
    return any(word in _WHOLE for word in claim.frame.words)


def blocks(claim: DurationClaim) -> list[tuple[str, ...]]:
    """Cheap keys a pair must share to be scored: what it is of, or its act."""
    f = claim.frame
    keys: list[tuple[str, ...]] = []
    if f.thing:
        keys.append(("thing", f.thing_class or f.thing))
    if f.predicate:
        keys.append(("verb", f.predicate_class or f.predicate))
    return keys


def check_durations(claims: list[DurationClaim], story: StoryInfo) -> list[Finding]:
    """T104 (and T105 for spans that grow) over durations aligned by frame."""
    reference = story.date()
    frames = settled(claims, lambda c: c.frame, reference.year if reference else None)
    groups = align(
        claims,
        frame=lambda c: frames[c.id],
        blocks=blocks,
        value=lambda c: (c.quantity.low, c.quantity.high),
        kind=lambda c: (c.frame.future, _whole(c)),  # only claims that may align crowd
        compatible=compatible,
        threshold=THRESHOLD,
    )
    return [f for group in groups for f in _check_group(group, story)]


def _check_group(group: Aligned[DurationClaim], story: StoryInfo) -> list[Finding]:
    def key(claim: DurationClaim) -> tuple[float, float | None]:
        return (claim.quantity.low, claim.quantity.high)

    variants, verdicts = decide_aligned(group, key, relation)
    return [_finding(variants, v, match, story) for v, match in verdicts]


def _describe(claim: DurationClaim) -> str:
    return f"“{' '.join(claim.text.split())}”"


def _finding(
    variants: list[list[DurationClaim]], v: Verdict, match: Match | None, story: StoryInfo
) -> Finding:
    odd, ref = variants[v.odd][0], variants[v.reference][0]
    rule = DURATION_DIFFERS
    if (odd.elapsed or ref.elapsed) and _explained_by_time(odd, ref, story):
        rule = ELAPSED_GROWS
    thing = odd.frame.thing or ref.frame.thing
    predicate = odd.frame.predicate or ref.frame.predicate
    what = f"The length of the {thing}" if thing else f"The time ({predicate or 'span'})"
    args: dict[str, str | int | list[str]] = {
        "what": what,
        "odd_value": _describe(odd),
        "reference_value": _describe(ref),
        "why": "; ".join(match.reasons) if match else "",
        "score": f"{match.score:.2f}" if match else "",
        "timing": _timing(odd, ref, story) if rule is ELAPSED_GROWS else "",
    }
    return rule.verdict_finding(
        v,
        severity=rule.severity,
        args=args,
        claims=verdict_evidence(variants, v, story.paths),
        values=[thing or predicate or "", _describe(odd), _describe(ref)],
    )


def _timing(odd: DurationClaim, ref: DurationClaim, story: StoryInfo) -> str:
    if story.published.get(odd.article) is None or story.published.get(ref.article) is None:
        return "; compare publication times"
    return "; the later article has the longer span"


def _explained_by_time(odd: DurationClaim, ref: DurationClaim, story: StoryInfo) -> bool:
    """Yes when publication dates are unknown or the later article has the longer span; no
    when both were published the same day, or the earlier one has the longer span."""
    first, second = _day(story.published.get(odd.article)), _day(story.published.get(ref.article))
    if first is None or second is None:
        return True
    if first == second:
        return False
    return (first > second) == (odd.quantity.value > ref.quantity.value)


def _day(when: dt.date | dt.datetime | None) -> dt.date | None:
    return when.date() if isinstance(when, dt.datetime) else when
