"""Whatever an article holds stays inert text in every format: no workflow command, no HTML
or link, no @mention, no control character, no broken code span or table."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from consistency.cli.common import report_errors
from consistency.errors import BinaryFile
from consistency.models import Report
from consistency.render import RENDERERS
from consistency.render.common import inert
from tests.conftest import ROOT, check_texts, invoke
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
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real report's data: findings, a diagnostic and input errors."""
    tmp = tmp_path_factory.mktemp("inert")
    text = 'Mayor Ana Cruz said: "We will rebuild the old bridge before the winter comes."\n'
    real = check_texts(tmp, text, text.replace("before", "after"), 'She said: "Never\n')
    (tmp / "bad.txt").write_bytes(b"\x00binary")
    errors = check_texts(tmp).errors  # a.txt, b.txt, c.txt and the binary file
    data = real.model_dump() | {"errors": [e.model_dump() for e in errors]}
    assert data["findings"] and data["diagnostics"] and data["errors"]
    return data


@pytest.fixture(scope="module")
def report(data: dict[str, Any]) -> Report:
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


# ---------------------------------------------------------------------------------------
# file names, ids, stories, outlets and titles: a pull request chooses them too
# ---------------------------------------------------------------------------------------

NAME = (
    " ::error title=LEAD::a\n::error title=PWN::b\r\n##[error]c ``tick` @octocat "
    "[x](javascript:alert(1)) ](javascript:y https://evil.example www.evil.example "
    "\x1b[31m\x00\t\x7f\x85\u2028\u2029\u202e\u2066 | "
)
NAMED = {"id", "article", "path", "story", "outlet", "title", "message"}
NAMED_LISTS = {"articles", "odd_articles", "majority_articles"}
OUR_HTML = {"<del>", "</del>", "<ins>", "</ins>", "<b>", "</b>"}
COMMAND = re.compile(r"::(error|warning) file=[^:]*::.*")  # no ':' in the properties


def _rename(value: Any, key: str = "") -> Any:
    """The report data with a hostile prefix on every name, id and message."""
    if isinstance(value, dict):
        return {k: _rename(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, key) for v in value]
    if isinstance(value, str) and key in NAMED | NAMED_LISTS:
        return NAME + value
    return value


@pytest.fixture(scope="module")
def named(data: dict[str, Any]) -> Report:
    return Report.model_validate(_rename(data))


def _commands(out: str) -> list[str]:
    """The lines a GitHub runner would run as workflow commands; none may be legacy."""
    lines = out.splitlines()
    assert not [line for line in lines if "##[" in line]
    return [line for line in lines if line.lstrip().startswith("::")]


def _tokens(markdown: str) -> Iterator[Token]:
    """Every token of the Markdown as a CommonMark parser with GFM tables reads it."""
    stack = MarkdownIt("commonmark").enable("table").parse(markdown)
    while stack:
        token = stack.pop(0)
        yield token
        stack[:0] = token.children or []


def _check_markdown(out: str) -> list[str]:
    """No link, image or foreign HTML, no mention or bare URL in the text; the code spans."""
    tokens = list(_tokens(out))
    assert not [t for t in tokens if t.type in ("link_open", "image", "html_block")]
    assert {t.content for t in tokens if t.type == "html_inline"} <= OUR_HTML
    text = " ".join(t.content for t in tokens if t.type == "text")
    assert not re.search(r"@\w", text), "an @mention"
    assert not re.search(r"(?i)https?:|www\.", text), "a URL GitHub would link"
    assert not re.search(r"(?<!\\)`", without_code(out)), "a backtick out of its code span"
    return [t.content for t in tokens if t.type == "code_inline"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a/b.txt", "a/b.txt"),
        ("x\n::error title=PWN::y.txt", "x\\n::error title=PWN::y.txt"),
        (" \t::warning::x", " \\t::warning::x"),
        ("  ::warning::x", "  \\x3a:warning::x"),
        ("see ##[error] and ##[group]", "see ##\\x5berror] and ##\\x5bgroup]"),
        ("\r\x00\x1b\x7f\x85\u2028\u2029\u202a\u202e\u2066\u2069", r"\r\x00\x1b\x7f\x85"
         r"\u2028\u2029\u202a\u202e\u2066\u2069"),
    ],
)  # fmt: skip
def test_inert_shows_controls_and_breaks_workflow_commands(name: str, shown: str) -> None:
    assert inert(name) == shown


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_hostile_names_start_no_workflow_command(named: Report, fmt: str) -> None:
    out = RENDERERS[fmt](named)
    check_output(fmt, out)
    commands = _commands(out)
    if fmt == "github":  # its own commands, one per finding, diagnostic and input error
        assert len(commands) == len(named.findings) + len(named.diagnostics) + len(named.errors)
        assert all(COMMAND.fullmatch(line) for line in commands), commands
    else:
        assert commands == []


def test_hostile_names_stay_true_in_json_and_sarif(named: Report) -> None:
    assert Report.model_validate_json(RENDERERS["json"](named)) == named
    sarif = json.loads(RENDERERS["sarif"](named))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert unquote(location["artifactLocation"]["uri"]) == named.findings[0].claims[0].path


def test_hostile_names_are_shown_inert_in_text_and_junit(named: Report) -> None:
    path = named.findings[0].claims[0].path
    assert inert(path) in RENDERERS["text"](named)
    root = ET.fromstring(RENDERERS["junit"](named))
    suites = [suite.get("name") for suite in root.iter("testsuite")]
    assert suites == [inert(a.path) for a in named.articles] + [inert(e.path) for e in named.errors]


def test_hostile_names_stay_in_their_markdown_code_spans(named: Report) -> None:
    spans = _check_markdown(RENDERERS["markdown"](named))
    for article in named.articles:
        assert {inert(article.id), inert(article.path), inert(article.story or "")} <= set(spans)


def test_an_input_error_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    report_errors([BinaryFile(NAME + "bad.txt", "file is binary")])
    err = capsys.readouterr().err
    assert err == f"error: {inert(NAME)}bad.txt: file is binary\n"
    assert _commands(err) == []


# a real file: a name may hold anything but '/' and NUL
FILE = "x\n::error title=PWN::y ##[error] @octocat `` ` [a](javascript:alert(1)).txt"
BINARY = "bad\n::error title=ERR::z.txt"
STORY = '---\nstory: "s` [x](https://evil.example) `"\n---\nAnn Smith said on Monday.\n'


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("names")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for seed in seeds:
        shutil.copy(seed, tmp / seed.name)
    shutil.copy(seeds[0], tmp / FILE)
    (tmp / BINARY).write_bytes(b"\x00binary")
    (tmp / "s.md").write_text(STORY, encoding="utf-8")
    return tmp


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_file_named_like_a_workflow_command_runs_none(
    hostile_dir: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_dir)
    result = invoke("check", ".", "-f", fmt)
    assert result.exit_code == 2  # the binary file
    check_output(fmt, result.stdout)
    commands = _commands(result.stdout)
    assert all(COMMAND.fullmatch(line) for line in commands) if fmt == "github" else not commands
    assert _commands(result.stderr) == []
    errors = [line for line in result.stderr.splitlines() if "ERR" in line]
    assert len(errors) == 1 and errors[0].startswith(f"error: {inert(BINARY)}: "), errors
    if fmt == "json":
        report = Report.model_validate_json(result.stdout)
        assert {FILE, "s.md"} <= {a.path for a in report.articles}
        assert [e.path for e in report.errors] == [BINARY]
    if fmt in ("text", "junit"):
        assert inert(FILE) in result.stdout
    if fmt == "markdown":
        assert inert(FILE) in _check_markdown(result.stdout)
