"""Every rule is registered, documented, exemplified, and its examples behave."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from consistency import rules as rules_pkg
from consistency.families import BY_CODE, RULES
from consistency.models import Severity
from consistency.rules import Rule
from consistency.rules.base import Example
from tests.conftest import check_texts


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]\d{3}", c) for c in codes)
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)


def test_every_rule_object_in_the_package_is_registered() -> None:
    """A rule defined in consistency/rules/ but missing from RULES is a silent no-op."""
    import importlib
    import pkgutil

    defined = set()
    for info in pkgutil.iter_modules(rules_pkg.__path__):
        module = importlib.import_module(f"consistency.rules.{info.name}")
        defined |= {v.code for v in vars(module).values() if isinstance(v, Rule)}
    assert defined == set(BY_CODE)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_and_has_examples(rule: Rule) -> None:
    assert rule.summary and len(rule.doc) > 80
    assert rule.flags, f"{rule.code} has no example that must flag"
    assert rule.passes, f"{rule.code} has no example that must pass"
    # the message template only uses arguments the rule provides
    assert "{" in rule.message


def _cases(kind: str) -> list[tuple[Rule, Example]]:
    return [(r, e) for r in RULES for e in (r.flags if kind == "flag" else r.passes)]


@pytest.mark.parametrize("rule,example", _cases("flag"), ids=lambda x: getattr(x, "code", ""))
def test_flag_examples_flag(rule: Rule, example: Example, tmp_path: Path) -> None:
    report = check_texts(tmp_path, *example.articles)
    assert rule.code in {f.code for f in report.findings}, example.note


@pytest.mark.parametrize("rule,example", _cases("pass"), ids=lambda x: getattr(x, "code", ""))
def test_pass_examples_pass(rule: Rule, example: Example, tmp_path: Path) -> None:
    report = check_texts(tmp_path, *example.articles)
    assert rule.code not in {f.code for f in report.findings}, example.note


def test_dropped_negation_is_an_error(tmp_path: Path) -> None:
    example = BY_CODE["Q101"].flags[1]
    report = check_texts(tmp_path, *example.articles)
    assert [f.severity for f in report.findings] == [Severity.error]


def test_message_is_built_from_arguments(tmp_path: Path) -> None:
    report = check_texts(tmp_path, *BY_CODE["Q101"].flags[0].articles)
    (f,) = report.findings
    assert f.args["changes"] == "“before” → “after”"
    assert f.args["odd"] == ["b"] and f.args["reference"] == ["a"]
    assert f.odd_articles == []  # two sources, no majority: nobody is the odd one out
