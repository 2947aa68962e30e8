"""Discrepancy rules: each with a permanent code, registered explicitly here."""

from __future__ import annotations

from consistency.align import ClaimGroup
from consistency.models import Finding
from consistency.rules.base import Example, Rule
from consistency.rules.quotes import QUOTE_MINOR, QUOTE_WORDING, check_quotes

# Every rule, in code order. A code is never reused; a retired rule stays with its status.
RULES: tuple[Rule, ...] = (QUOTE_WORDING, QUOTE_MINOR)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def run_rules(quote_groups: list[ClaimGroup], paths: dict[str, str]) -> list[Finding]:
    """All findings of all rules."""
    return check_quotes(quote_groups, paths)


__all__ = ["BY_CODE", "RULES", "Example", "Rule", "run_rules"]
