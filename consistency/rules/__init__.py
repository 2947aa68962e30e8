"""Discrepancy rules: each with a permanent code. The rules are registered with their
family in `consistency.families` (RULES, BY_CODE)."""

from __future__ import annotations

from consistency.rules.base import Example, Rule, StoryInfo

__all__ = ["Example", "Rule", "StoryInfo"]
