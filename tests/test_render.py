"""One golden file per renderer (tests/golden/<case>.<ext>); --update-golden rewrites them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from consistency.render import RENDERERS
from tests.conftest import CASES, check_dir

GOLDEN = Path(__file__).resolve().parent / "golden"
EXTENSIONS = {
    "text": "txt", "markdown": "md", "json": "json", "github": "github.txt", "sarif": "sarif",
    "junit": "junit.xml",
}  # fmt: skip
RENDER_CASES = ["misquote-majority", "unbalanced-quotes", "no-majority"]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("case", RENDER_CASES)
def test_renderer_golden(case: str, fmt: str, update_golden: bool) -> None:
    output = RENDERERS[fmt](check_dir(CASES / case))
    golden = GOLDEN / f"{case}.{EXTENSIONS[fmt]}"
    if update_golden or not golden.exists():
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_every_format_has_a_golden_file() -> None:
    assert set(RENDERERS) == set(EXTENSIONS)


def test_markdown_diff_uses_html_tags_next_to_punctuation() -> None:
    md = RENDERERS["markdown"](check_dir(CASES / "misquote-majority"))
    assert "<del>not</del>" in md
    assert "~~" not in md
    # evidence is quoted with file and line
    assert re.search(r"^> — `gazette\.txt:5` \(odd\)$", md, re.MULTILINE)


def test_markdown_escapes_html_in_article_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('Kim said: "I will <b>never</b> resign from this post today."')
    (tmp_path / "b.txt").write_text('Kim said: "I will <b>always</b> resign from this post today."')
    md = RENDERERS["markdown"](check_dir(tmp_path))
    assert "<b>" not in md and "&lt;b&gt;" in md


def test_json_round_trips() -> None:
    report = check_dir(CASES / "misquote-majority")
    data = json.loads(RENDERERS["json"](report))
    assert data["summary"]["findings"] == len(report.findings)
