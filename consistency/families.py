"""The claim families, registered once: each with its extractor, its check (alignment and
rules) and its rules. Extraction, the pipeline and the rule listing loop over this table
and name no family; a new family is one entry here and one folder of code."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from consistency.align import align_quotes
from consistency.extract.context import ArticleContext
from consistency.extract.durations import extract_durations
from consistency.extract.names import extract_names
from consistency.extract.numbers import extract_numbers
from consistency.extract.quotes import extract_quotes
from consistency.extract.temporal import extract_temporal
from consistency.models import Claim, Diagnostic, Finding
from consistency.rules.attribution import ATTRIBUTION, check_attribution
from consistency.rules.base import Rule, StoryInfo
from consistency.rules.durations import DURATION_DIFFERS, ELAPSED_GROWS, check_durations
from consistency.rules.names import NAME_SPELLING, check_names
from consistency.rules.numeric import GROWING_COUNT, NUMBER_DIFFERS, check_numeric
from consistency.rules.quotes import QUOTE_MINOR, QUOTE_WORDING, check_quotes
from consistency.rules.temporal import EVENT_DAY, EVENT_TIME, WEEKDAY_DATE, check_temporal

Extractor = Callable[[ArticleContext], Iterator[Claim | Diagnostic]]
Check = Callable[[list[Any], StoryInfo], list[Finding]]


@dataclass(frozen=True)
class Family:
    """One claim family: the `family` value of its claims, how they are extracted, how a
    story's claims of this family are aligned and checked, and the rules that can fire."""

    name: str
    extract: Extractor
    check: Check
    rules: tuple[Rule, ...]


def _quotes(claims: list[Any], story: StoryInfo) -> list[Finding]:
    groups = align_quotes(claims)
    return check_quotes(groups, story.paths) + check_attribution(groups, story.paths)


def _names(claims: list[Any], story: StoryInfo) -> list[Finding]:
    return check_names(claims, story.paths)


# Explicit registration: a family is extracted and checked only when it is listed here.
FAMILIES: tuple[Family, ...] = (
    Family("quote", extract_quotes, _quotes, (QUOTE_WORDING, QUOTE_MINOR, ATTRIBUTION)),
    Family("temporal", extract_temporal, check_temporal, (EVENT_DAY, EVENT_TIME, WEEKDAY_DATE)),
    Family("numeric", extract_numbers, check_numeric, (NUMBER_DIFFERS, GROWING_COUNT)),
    Family("duration", extract_durations, check_durations, (DURATION_DIFFERS, ELAPSED_GROWS)),
    Family("name", extract_names, _names, (NAME_SPELLING,)),
)

# Every rule, in code order. A code is never reused; a retired rule stays with its status.
RULES: tuple[Rule, ...] = tuple(
    sorted((r for f in FAMILIES for r in f.rules), key=lambda r: r.code)
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def check_story(claims: Sequence[Claim], story: StoryInfo) -> list[Finding]:
    """Align one story's claims family by family and run each family's rules."""
    findings: list[Finding] = []
    for family in FAMILIES:
        mine = [c for c in claims if c.family == family.name]
        if mine:
            findings.extend(family.check(mine, story))
    return findings
