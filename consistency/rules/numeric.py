"""Numeric rules: the same quantity of the same event given incompatible values."""

from __future__ import annotations

import datetime as dt

from consistency.frames import Aligned, Match, align, overlap, settled
from consistency.models import Finding, Kind, NumericClaim, Quantity, Severity
from consistency.rules.base import Example, Rule, StoryInfo, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide_aligned

FAR_APART = 1.5  # a ratio at least this large between the figures makes an error

NUMBER_DIFFERS = Rule(
    code="N101",
    name="quantity-differs",
    kind=Kind.numeric,
    severity=Severity.warning,
    summary="The same quantity of the same event is given incompatible values.",
    doc=(
        "Flags a count, amount or measure of one quantity whose values cannot agree once "
        "rounding and modifiers are applied: “some 86,000” is 77,000-95,000, “31K” "
        "30,500-31,500, “at least 30” 30 and more, “22-foot” 21.5-22.5 feet; units are "
        "converted first (330 feet is 100 metres). Figures are taken as one quantity by "
        "their frames, not their wording: the counted thing and its class (“firefighters”, "
        "“firemen”), the verb and its class (“killed”, “died”), whose figure it is, and the "
        "rare words of the clause; the finding says which slots matched. Figures of "
        "different things, of different holders, or of a plan (“will remain”) are never "
        "compared. A move (“shares jumped 5%”) is compared by its direction only. A range "
        "of values (“aged 11 to 16”) must agree at both ends. Severity: an error when the "
        "figures are far apart (a ratio of 1.5 or more, an extra zero) or move in opposite "
        "directions, a warning when they are close. Why: numbers are copied from outlet to "
        "outlet, and so are their typos. Example: 350 against 3,500."
    ),
    message=(
        "{what}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict} "
        "(aligned on: {why})"
    ),
    flags=(
        Example(
            (
                "Police said nine people were wounded in the attack on the market.",
                "Police said seven people were wounded in the attack on the market.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "At least 30 people were wounded in the attack on the market.",
                "Three dozen people were wounded in the attack on the market.",
            ),
        ),
    ),
)

GROWING_COUNT = Rule(
    code="N102",
    name="growing-count-differs",
    kind=Kind.numeric,
    severity=Severity.info,
    summary="A count that grows over time differs between articles.",
    doc=(
        "Reports, for information, a count that keeps changing (replies, likes, retweets, "
        "followers, signatures, a death toll, the oxygen or time left) given different "
        "values by different articles, when the publication dates are unknown or put the "
        "figures in the order the count moves (the later article has the higher toll). "
        "Articles of the same day, or a later article with an older-looking figure, are "
        "compared as N101. Why: articles published hours apart see different numbers; that "
        "is not a contradiction, but a reader comparing them should know which is newer."
    ),
    message=(
        "{what}: {odd_value} in {odd}, {reference_value} in {reference} (a count that "
        "changes over time{timing}; aligned on: {why})"
    ),
    flags=(
        Example(
            (
                "The petition has received 12,000 signatures from residents.",
                "The petition has received 15,000 signatures from residents.",
            ),
        ),
    ),
    passes=(
        Example(
            (
                "The petition has received more than 12,000 signatures from residents.",
                "The petition has received 15,000 signatures from residents.",
            ),
        ),
    ),
)


THRESHOLD = 0.45  # the frame score at which two figures are one quantity (tuned on real news)
MEASURE_SLACK = 0.01  # a converted measure (400 m as 1,312 feet) is rounded once more


def relation(a: Quantity, b: Quantity) -> Relation | None:
    """Do two quantities agree? Values agree when their intervals overlap; a range of
    values ("aged 11 to 16") agrees with another range only when both ends agree, and with
    a single figure when it holds it. None when they measure different things."""
    if (a.dimension, a.unit, a.per) != (b.dimension, b.unit, b.per):
        return None
    if a.range and b.range:
        ends_a, ends_b = _ends(a), _ends(b)
        same = all(overlap(x, y) for x, y in zip(ends_a, ends_b, strict=True))
        return "agree" if same else "conflict"
    slack = MEASURE_SLACK if a.dimension in ("length", "area", "mass", "speed") else 0.0
    return "agree" if overlap(_widen(a, slack), _widen(b, slack)) else "conflict"


def _widen(q: Quantity, slack: float) -> tuple[float, float | None]:
    return q.low * (1 - slack), None if q.high is None else q.high * (1 + slack)


def _ends(q: Quantity) -> tuple[tuple[float, float], tuple[float, float]]:
    high = q.value if q.high is None else q.high
    return (q.low, q.low), (high, high)


def move_relation(a: NumericClaim, b: NumericClaim) -> Relation | None:
    """Moves (a share price up 5%) are compared by direction only: the size of a move
    changes by the minute, its direction does not."""
    if a.frame.move and b.frame.move:
        return "agree" if a.frame.move == b.frame.move else "conflict"
    if a.frame.move or b.frame.move:
        return None
    return relation(a.quantity, b.quantity)


def far_apart(a: Quantity, b: Quantity) -> bool:
    """An error-sized gap: a large ratio or an order of magnitude."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return low == 0 or high / low >= FAR_APART


def blocks(claim: NumericClaim) -> list[tuple[str, ...]]:
    """Cheap keys a pair must share to be scored: the kind of quantity and one slot."""
    f = claim.frame
    if f.thin and not f.move:
        return []  # nothing counted, no verb, nobody's: too little to align
    kind = _kind(claim)
    keys: list[tuple[str, ...]] = []
    if f.thing:
        keys.append((*kind, "thing", f.thing_class or f.thing))
    if f.predicate:
        keys.append((*kind, "verb", f.predicate_class or f.predicate))
    if f.holder:
        keys.append((*kind, "holder", f.holder))
    if f.move:
        keys.append((*kind, "move"))
    return keys


def _kind(claim: NumericClaim) -> tuple[str, ...]:
    """What kind of quantity a figure is: dimension, unit and rate."""
    q = claim.quantity
    return (q.dimension, q.unit or "", q.per or "")


def check_numeric(claims: list[NumericClaim], story: StoryInfo) -> list[Finding]:
    """N101 (and N102 for counts that change over time) over figures aligned by frame."""
    findings: list[Finding] = []
    reference = story.date()
    frames = settled(claims, lambda c: c.frame, reference.year if reference else None)
    groups = align(
        claims,
        frame=lambda c: frames[c.id],
        blocks=blocks,
        value=lambda c: (c.quantity.low, c.quantity.high),
        kind=_kind,
        threshold=THRESHOLD,
    )
    for group in groups:
        findings.extend(_check_group(group, story))
    return findings


def _check_group(group: Aligned[NumericClaim], story: StoryInfo) -> list[Finding]:
    def key(c: NumericClaim) -> tuple[object, ...]:
        q = c.quantity
        return (q.low, q.high, q.unit, q.per, q.range, c.frame.move)

    variants, verdicts = decide_aligned(group, key, move_relation)
    return [_finding(variants, v, match, story) for v, match in verdicts]


def describe(claim: NumericClaim) -> str:
    """The figure as written (with its direction, for a move)."""
    shown = f"“{' '.join(claim.text.split())}”"
    return f"{shown} {claim.frame.move}" if claim.frame.move else shown


def _what(odd: NumericClaim, ref: NumericClaim) -> str:
    """What the figures are of, as the articles word it."""
    for claim in (odd, ref):
        if claim.counted:
            return claim.counted
    f = odd.frame
    if f.move:
        return "The move"
    if f.thing:
        return f.thing
    if f.holder:
        return f"The figure for {f.holder}"
    return f"The figure ({f.predicate})" if f.predicate else "The figure"


def _finding(
    variants: list[list[NumericClaim]], v: Verdict, match: Match | None, story: StoryInfo
) -> Finding:
    odd, ref = variants[v.odd][0], variants[v.reference][0]
    changing = odd.frame.varying or ref.frame.varying
    rule, severity = NUMBER_DIFFERS, NUMBER_DIFFERS.severity
    if changing and _explained_by_time(odd, ref, changing, story):
        rule, severity = GROWING_COUNT, GROWING_COUNT.severity
    elif (odd.frame.move and ref.frame.move) or far_apart(odd.quantity, ref.quantity):
        severity = Severity.error
    what = _what(odd, ref)
    why = "; ".join(match.reasons) if match else ""
    args: dict[str, str | int | list[str]] = {
        "what": what[:1].upper() + what[1:],
        "odd_value": describe(odd),
        "reference_value": describe(ref),
        "why": why,
        "score": f"{match.score:.2f}" if match else "",
        "timing": _timing(odd, ref, story) if rule is GROWING_COUNT else "",
    }
    return rule.verdict_finding(
        v,
        severity=severity,
        args=args,
        claims=verdict_evidence(variants, v, story.paths),
        values=[odd.frame.thing_class or odd.frame.thing or "", describe(odd), describe(ref)],
    )


def _timing(odd: NumericClaim, ref: NumericClaim, story: StoryInfo) -> str:
    if story.published.get(odd.article) is None or story.published.get(ref.article) is None:
        return "; compare publication times"
    return "; the later article has the later figure"


def _explained_by_time(
    odd: NumericClaim, ref: NumericClaim, changing: str, story: StoryInfo
) -> bool:
    """Is the difference what time does to a changing count? Yes when the articles'
    publication times are unknown or put the figures in the order the count moves (the
    later article has the higher toll, the lower oxygen left); no when both were published
    at the same time (the same day, where only days are known), or the later article has
    the figure the count moved away from."""
    first, second = story.published.get(odd.article), story.published.get(ref.article)
    if first is None or second is None:
        return True
    if not (isinstance(first, dt.datetime) and isinstance(second, dt.datetime)):
        first = first.date() if isinstance(first, dt.datetime) else first
        second = second.date() if isinstance(second, dt.datetime) else second
    elif (first.tzinfo is None) != (second.tzinfo is None):
        first, second = first.replace(tzinfo=None), second.replace(tzinfo=None)
    if first == second:
        return False
    later_higher = (first > second) == (odd.quantity.value > ref.quantity.value)
    return later_higher if changing == "grows" else not later_higher
