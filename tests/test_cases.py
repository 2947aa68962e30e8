"""Golden files: every directory of tests/cases holds articles and its expected findings.

`pytest --update-golden` rewrites expected.json on purpose; review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consistency.models import Report
from tests.conftest import CASES, check_dir

CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


def summarise(report: Report) -> dict[str, Any]:
    """What a golden file pins: findings with their evidence, diagnostics, speakers."""
    return {
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "odd": f.odd_articles,
                "majority": f.majority_articles,
                "args": f.args,
                "evidence": [f"{e.role} {e.path}:{e.line}:{e.column}" for e in f.claims],
            }
            for f in report.findings
        ],
        "diagnostics": [f"{d.code} {d.path}:{d.line}:{d.column}" for d in report.diagnostics],
        "speakers": {
            c.id: (c.speaker.name if c.speaker else None) for c in report.quotes if not c.term
        },
        "errors": [f"{e.code} {e.path}" for e in report.errors],
    }


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden(case: Path, update_golden: bool) -> None:
    actual = summarise(check_dir(case))
    expected_file = case / "expected.json"
    if update_golden or not expected_file.exists():
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))
