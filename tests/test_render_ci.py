"""CI formats: SARIF against the official schema, GitHub annotations, JUnit, size limits."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import asdict
from pathlib import Path

import jsonschema

from consistency.models import Report
from consistency.render.github import MAX_PER_LEVEL, render_github
from consistency.render.junit import render_junit
from consistency.render.markdown import MAX_CHARS, render_markdown
from consistency.render.sarif import render_sarif
from tests.conftest import CASES, check_dir, check_texts

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_validates_against_the_official_schema(seeds_report: Report) -> None:
    log = json.loads(render_sarif(seeds_report))
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"Q101", "T101", "E101", "X001"} <= set(rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.code for f in seeds_report.findings]
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["charLength"] > 0
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("seeds/")  # relative to the repository root
        assert r["partialFingerprints"]["consistencyFinding/v1"]


def test_sarif_with_diagnostics_and_errors_validates(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    report = check_texts(tmp_path, 'She said: "This never ends\n')
    log = json.loads(render_sarif(report))
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"][0]["ruleId"] == "X001"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"] == {"id": "F103"}  # binary file, described in the driver
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.txt"
    described = {d["id"] for d in log["runs"][0]["tool"]["driver"]["notifications"]}
    assert {"F101", "F103", "F112", "F113", "F199"} <= described


def test_github_escapes_and_caps(tmp_path: Path) -> None:
    texts = [
        f'Mayor Ana Cruz said: "We will rebuild bridge {k}, 100% sure: before winter {k} comes."'
        for k in range(2)
    ]
    report = check_texts(tmp_path, texts[0], texts[0].replace("before", "after"))
    out = render_github(report)
    (line,) = [x for x in out.splitlines() if x.startswith("::")]
    assert line.startswith("::warning file=b.txt,line=1,col=")  # no majority: b vs a
    assert "title=Q101 quote-wording-differs::" in line
    big = Report.model_validate(
        {**report.model_dump(), "findings": [asdict(report.findings[0])] * (MAX_PER_LEVEL + 5)}
    )
    lines = render_github(big).splitlines()
    assert sum(x.startswith("::warning") for x in lines) == MAX_PER_LEVEL
    assert any("5 more finding(s) not annotated" in x for x in lines)


def test_github_escaping_of_properties() -> None:
    from consistency.render.github import _data, _prop

    assert _prop("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert _data("50% off\r\nnow") == "50%25 off%0D%0Anow"


def test_junit_is_well_formed() -> None:
    report = check_dir(CASES / "misquote-majority")
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites" and root.get("failures") == str(len(report.findings))
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == [f.code for f in report.findings]


def test_markdown_stays_within_github_comment_limits(seeds_report: Report) -> None:
    many = Report.model_validate(
        {**seeds_report.model_dump(), "findings": [asdict(seeds_report.findings[-1])] * 400}
    )
    md = render_markdown(many)
    assert len(md) <= MAX_CHARS + 2000
    assert "more findings: see the JSON report" in md
