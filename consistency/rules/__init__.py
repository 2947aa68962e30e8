"""Discrepancy rules: each with a permanent code, registered explicitly here."""

from __future__ import annotations

from consistency.align import ClaimGroup
from consistency.models import Finding, NameClaim, NumericClaim, TemporalClaim
from consistency.rules.base import Example, Rule
from consistency.rules.entities import (
    ATTRIBUTION,
    NAME_SPELLING,
    check_attribution,
    check_names,
)
from consistency.rules.numeric import GROWING_COUNT, NUMBER_DIFFERS, check_numeric
from consistency.rules.quotes import QUOTE_MINOR, QUOTE_WORDING, check_quotes
from consistency.rules.temporal import EVENT_DAY, EVENT_TIME, WEEKDAY_DATE, check_temporal

# Every rule, in code order. A code is never reused; a retired rule stays with its status.
RULES: tuple[Rule, ...] = (
    ATTRIBUTION,
    NAME_SPELLING,
    NUMBER_DIFFERS,
    GROWING_COUNT,
    QUOTE_WORDING,
    QUOTE_MINOR,
    EVENT_DAY,
    EVENT_TIME,
    WEEKDAY_DATE,
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def run_rules(
    *,
    quote_groups: list[ClaimGroup],
    event_groups: list[list[TemporalClaim]],
    temporal: list[TemporalClaim],
    quantity_groups: list[list[NumericClaim]],
    names: list[NameClaim],
    paths: dict[str, str],
) -> list[Finding]:
    """All findings of all rules."""
    return (
        check_quotes(quote_groups, paths)
        + check_attribution(quote_groups, paths)
        + check_names(names, paths)
        + check_temporal(event_groups, temporal, paths)
        + check_numeric(quantity_groups, paths)
    )


__all__ = ["BY_CODE", "RULES", "Example", "Rule", "run_rules"]
