"""Discrepancy rules: each with a permanent code, registered explicitly here."""

from __future__ import annotations

from consistency.align import ClaimGroup
from consistency.models import Finding, TemporalClaim
from consistency.rules.base import Example, Rule
from consistency.rules.quotes import QUOTE_MINOR, QUOTE_WORDING, check_quotes
from consistency.rules.temporal import EVENT_DAY, EVENT_TIME, WEEKDAY_DATE, check_temporal

# Every rule, in code order. A code is never reused; a retired rule stays with its status.
RULES: tuple[Rule, ...] = (QUOTE_WORDING, QUOTE_MINOR, EVENT_DAY, EVENT_TIME, WEEKDAY_DATE)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def run_rules(
    *,
    quote_groups: list[ClaimGroup],
    event_groups: list[list[TemporalClaim]],
    temporal: list[TemporalClaim],
    paths: dict[str, str],
) -> list[Finding]:
    """All findings of all rules."""
    return check_quotes(quote_groups, paths) + check_temporal(event_groups, temporal, paths)


__all__ = ["BY_CODE", "RULES", "Example", "Rule", "run_rules"]
