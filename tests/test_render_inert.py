"""Whatever an article holds stays inert text in every format: no workflow command, no HTML
or link, no @mention, no control character, no broken code span or table."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from consistency.models import Report
from consistency.render import RENDERERS
from tests.conftest import check_texts
from tests.fuzzing import check_output, without_code

HOSTILE = (
    "\n::error::pwned\r\n%0A%0D%25 <script>alert(1)</script> [x](javascript:alert(1)) "
    "<img src=x> @octocat #12 ``tick` | pipe |\x1b[31m\x01\x7f\x85\u202e\u2028 "
)
POISONED = {"message", "text", "context", "speaker", "title", "outlet", "path", "old", "new"}


def _poison(value: Any) -> Any:
    """The report data with hostile text in front of every article-derived string."""
    if isinstance(value, dict):
        return {k: HOSTILE + v if k in POISONED and isinstance(v, str) else _poison(v)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_poison(v) for v in value]
    return value


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("inert")
    text = 'Mayor Ana Cruz said: "We will rebuild the old bridge before the winter comes."\n'
    real = check_texts(tmp, text, text.replace("before", "after"), 'She said: "Never\n')
    (tmp / "bad.txt").write_bytes(b"\x00binary")
    errors = check_texts(tmp).errors  # a.txt, b.txt, c.txt and the binary file
    data = real.model_dump() | {"errors": [e.model_dump() for e in errors]}
    assert data["findings"] and data["diagnostics"] and data["errors"]
    return Report.model_validate(_poison(data))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_passes_the_fuzz_checks(report: Report, fmt: str) -> None:
    check_output(fmt, RENDERERS[fmt](report))


def test_github_commands_cannot_be_injected(report: Report) -> None:
    out = RENDERERS["github"](report)
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == len(report.findings) + len(report.diagnostics) + len(report.errors)
    assert not any(line.startswith("::error::") for line in out.splitlines())
    assert "%0A::error::pwned%0D%0A%250A%250D%2525" in out  # decoded back to the article's text
    assert "\\x1b[31m\\x01\\x7f\\x85\\u202e" in out


def test_markdown_is_text_not_html_links_or_mentions(report: Report) -> None:
    out = without_code(RENDERERS["markdown"](report))
    assert "<script" not in out and "<img" not in out and "&lt;script&gt;" in out
    assert not re.search(r"(?<!\\)\]\(javascript:", out) and r"\[x\](javascript:" in out
    assert "@octocat" not in out and "@&#8203;octocat" in out and "#12" not in out
    header = 0
    for line in out.splitlines():  # every row of a table has as many cells as its header
        pipes = len(re.findall(r"(?<!\\)\|", line)) if line.startswith("| ") else 0
        header = header or pipes
        assert pipes in (0, header), line
        header = header if pipes else 0
    markdown = RENDERERS["markdown"](report)  # a code span longer than the backticks inside:
    assert re.search(r"\| ``` .*``tick` \\| pipe \\|.* ``` \|", markdown)


def test_json_and_sarif_keep_the_text_exactly(report: Report) -> None:
    out = RENDERERS["json"](report)
    assert Report.model_validate_json(out) == report
    assert "\\u0085" in out and "\\u2028" in out and "\x85" not in out
    sarif = json.loads(RENDERERS["sarif"](report))
    result = sarif["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == report.findings[0].claims[0].text
    assert r"\[x\](javascript:alert(1))" in result["message"]["text"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert re.fullmatch(r"[A-Za-z0-9%/!$&'()*+,;=@~._-]+", uri), uri


def test_junit_is_xml_1_0_whatever_the_text(report: Report) -> None:
    out = RENDERERS["junit"](report)
    root = ET.fromstring(out)
    failure = root.find(".//failure")
    assert failure is not None and "\\x1b[31m\\x01" in (failure.get("message") or "")


def test_text_sends_no_terminal_escapes(report: Report) -> None:
    out = RENDERERS["text"](report)
    assert "\x1b" not in out and "\\x1b[31m" in out and "\u202e" not in out


def test_inert_article_files_check_cleanly(tmp_path: Path) -> None:
    hostile = HOSTILE.replace("\n", " ").replace("\r", " ")
    text = f'Mayor Ana Cruz said: "We will rebuild {hostile} the bridge before the winter."\n'
    report = check_texts(tmp_path, text, text.replace("before", "after"))
    assert report.findings
    for fmt, render in RENDERERS.items():
        check_output(fmt, render(report))
