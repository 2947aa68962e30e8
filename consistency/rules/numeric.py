"""Numeric rules: the same quantity of the same event given incompatible values."""

from __future__ import annotations

import math

from consistency.models import Finding, Kind, NumericClaim, Quantity, Severity
from consistency.rules.base import Example, Rule, verdict_evidence
from consistency.rules.vote import Relation, Verdict, decide_variants

FAR_APART = 1.5  # a ratio at least this large between the figures makes an error

NUMBER_DIFFERS = Rule(
    code="N101",
    name="quantity-differs",
    kind=Kind.numeric,
    severity=Severity.warning,
    summary="The same quantity of the same event is given incompatible values.",
    doc=(
        "Flags a count, amount or measure of the same thing in the same event (“nine "
        "wounded”, “a 35-metre tower”) whose intervals cannot overlap once rounding and "
        "modifiers are applied: “some 86,000” is 77,000-95,000, “31K” 30,500-31,500, “at "
        "least 30” 30 and more; units are converted first (330 feet is 100 metres). "
        "Severity: an error when the figures are far apart (a ratio of 1.5 or more, an extra "
        "zero), a warning when they are close. Why: numbers are copied from outlet to "
        "outlet, and so are their typos. Example: 350 against 3,500."
    ),
    message="{what}: {odd_value} in {odd}, but {reference_value} in {reference}{verdict}",
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
        "comments, views, signatures, a death toll) given different values by different "
        "articles. Why: articles published hours apart see different numbers; that is not a "
        "contradiction, but a reader comparing them should know which figure is newer."
    ),
    message=(
        "{what}: {odd_value} in {odd}, {reference_value} in {reference} "
        "(a count that grows over time; compare publication times)"
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


def relation(a: Quantity, b: Quantity) -> Relation | None:
    """Do two quantities' intervals overlap? None when they measure different things."""
    if (a.dimension, a.unit, a.per) != (b.dimension, b.unit, b.per):
        return None
    a_high = math.inf if a.high is None else a.high
    b_high = math.inf if b.high is None else b.high
    return "agree" if a.low <= b_high and b.low <= a_high else "conflict"


def far_apart(a: Quantity, b: Quantity) -> bool:
    """An error-sized gap: a large ratio or an order of magnitude."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return low == 0 or high / low >= FAR_APART


def check_numeric(groups: list[list[NumericClaim]], paths: dict[str, str]) -> list[Finding]:
    """N101 (and N102 for growing counts) over claims grouped by what they count."""
    findings: list[Finding] = []
    for group in groups:
        by_value: dict[tuple[object, ...], list[NumericClaim]] = {}
        for claim in group:
            q = claim.quantity
            by_value.setdefault((q.low, q.high, q.unit, q.per), []).append(claim)
        variants = list(by_value.values())
        for verdict in decide_variants(variants, lambda a, b: relation(a.quantity, b.quantity)):
            findings.append(_finding(variants, verdict, paths))
    return findings


def describe(claim: NumericClaim) -> str:
    """The figure as written."""
    return f"“{' '.join(claim.text.split())}”"


def _finding(variants: list[list[NumericClaim]], v: Verdict, paths: dict[str, str]) -> Finding:
    odd, ref = variants[v.odd][0], variants[v.reference][0]
    growing = odd.growing or ref.growing
    rule = GROWING_COUNT if growing else NUMBER_DIFFERS
    severity = rule.severity
    if not growing and far_apart(odd.quantity, ref.quantity):
        severity = Severity.error
    what = odd.counted or "The figure"
    if odd.key and odd.key.startswith("casualties:"):
        what = "The number " + odd.key.split(":")[1]
    args: dict[str, str | int | list[str]] = {
        "what": what[:1].upper() + what[1:],
        "odd_value": describe(odd),
        "reference_value": describe(ref),
    }
    return rule.verdict_finding(
        v,
        severity=severity,
        args=args,
        claims=verdict_evidence(variants, v, paths),
        values=[odd.key or "", describe(odd), describe(ref)],
    )
