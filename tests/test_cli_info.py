"""`consistency rules` documents every code, `consistency show` prints the text reports point
into, and the text report wraps, marks the claim and shows each input error once."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

import consistency.cli.common as common
from consistency import errors
from consistency.errors import ConsistencyError, IngestError
from consistency.families import RULES
from consistency.models import Report
from consistency.render.diagnostics import DIAGNOSTICS, INPUT_ERRORS
from consistency.render.text import MARKS, render_text, renderable, wrap
from tests.conftest import check_texts, invoke

# ---------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------


def _subclasses(cls: type[ConsistencyError]) -> list[type[ConsistencyError]]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def _reportable() -> set[str]:
    """The codes of every exception a report can hold (Report.errors are IngestErrors)."""
    return {cls.code for cls in [IngestError, *_subclasses(IngestError)]}


def _every_code() -> set[str]:
    return {r.code for r in RULES} | set(DIAGNOSTICS) | _reportable()


def _listed(stdout: str) -> list[str]:
    return [m[1] for m in re.finditer(r"(?m)^([A-Z]\d{3})  ", stdout)]


def test_every_code_is_listed_once_by_group() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    listed = _listed(result.stdout)
    assert sorted(listed) == sorted(_every_code())
    headings = [line for line in result.stdout.splitlines()
                if line[:1].isupper() and not re.match(r"[A-Z]\d{3}  ", line)]  # fmt: skip
    assert [h.split(":")[0] for h in headings] == ["Rules", "Diagnostics", "Input errors"]
    assert listed.index("Q101") < listed.index("X001") < listed.index("F103")


def test_the_listing_fits_80_columns_in_aligned_columns() -> None:
    lines = invoke("rules").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = [line for line in lines if re.match(r"[A-Z]\d{3}  ", line)]
    summaries = {line.index(line.split()[3], len(line.split()[0]) + 30) for line in rows}
    assert len(summaries) == 1  # every summary starts in the same column
    continued = [line for line in lines if line.startswith(" ")]
    assert continued and all(len(line) - len(line.lstrip()) in summaries for line in continued)


@pytest.mark.parametrize("code", sorted(_every_code()))
def test_every_code_is_documented(code: str) -> None:
    result = invoke("rules", code.lower())
    assert result.exit_code == 0, result.stderr
    info = {r.code: r.info for r in RULES} | DIAGNOSTICS | INPUT_ERRORS
    entry = info[code]
    assert result.stdout.startswith(f"{code} {entry.name} (")
    flat = " ".join(result.stdout.split())
    assert " ".join(entry.doc.split()) in flat and " ".join(entry.summary.split()) in flat
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    data = json.loads(invoke("rules", code, "--json").stdout)
    assert data["code"] == code and data["name"] == entry.name and data["doc"] == entry.doc


def test_every_error_class_has_a_name_and_a_doc() -> None:
    classes = [ConsistencyError, *_subclasses(ConsistencyError)]
    own = [c for c in classes if "code" in vars(c) and c.__module__ == errors.__name__]
    assert {c.code for c in own} >= _reportable() | {"F110", "E200"}
    for cls in own:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", cls.name), cls
        assert cls.__doc__ and cls.__doc__.strip(), cls
    names = [c.name for c in own] + [r.name for r in RULES] + [d.name for d in DIAGNOSTICS.values()]
    assert len(names) == len(set(names))
    for info in INPUT_ERRORS.values():
        assert info.summary and info.doc and "\n" not in info.summary


def test_a_code_that_never_reaches_a_report_is_not_listed() -> None:
    """WriteError and ConfigError stop the command on stderr; only IngestErrors are in a
    report, so only they are input errors."""
    assert set(INPUT_ERRORS) == _reportable()
    assert invoke("rules", "F110").exit_code == 2


def test_a_code_is_found_by_its_name_too() -> None:
    result = invoke("rules", "Binary-File")
    assert result.exit_code == 0 and result.stdout.startswith("F103 binary-file (input error")


def test_an_unknown_code_is_one_line_with_a_suggestion() -> None:
    result = invoke("rules", "Q110")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "Q110" in result.stderr and "did you mean Q10" in result.stderr
    far = invoke("rules", "Z999")
    assert far.exit_code == 2 and "did you mean" not in far.stderr


def test_the_json_listing_holds_every_code() -> None:
    data = json.loads(invoke("rules", "--json").stdout)
    assert {d["code"] for d in data} == _every_code()
    assert {d["kind"] for d in data if d["code"].startswith("F")} == {"input"}


# ---------------------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------------------

FRONT = """---
outlet: Northern Ledger
published: 2024-03-04
---
Mayor Ana Cruz opened the bridge on Monday.

\tCruz said: "We will rebuild the old bridge before the winter comes, whatever it costs."
"""
MARKDOWN = """---
outlet: Post
---
# Bridge **works**

Mayor Ana Cruz said: "We will rebuild the old bridge after the winter comes, whatever it costs."
"""
_GUTTER = re.compile(r"(?P<mark>[ >]?) *(?P<n>\d+)  (?P<text>.*)")


def _numbered(stdout: str) -> dict[int, str]:
    lines = {}
    for line in stdout.splitlines():
        m = _GUTTER.fullmatch(line) or re.fullmatch(r"(?P<mark>[ >]?) *(?P<n>\d+)", line)
        if m:
            lines[int(m["n"])] = m.groupdict().get("text") or ""
    return lines


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FRONT, encoding="utf-8")
    (tmp_path / "b.md").write_text(MARKDOWN, encoding="utf-8")
    return tmp_path


def test_show_holds_the_evidence_at_the_reported_line_and_column(articles: Path) -> None:
    report = Report.model_validate_json(invoke("check", "a.txt", "b.md", "-f", "json").stdout)
    (finding,) = [f for f in report.findings if f.code == "Q101"]
    assert {e.path for e in finding.claims} == {"a.txt", "b.md"}
    for e in finding.claims:
        result = invoke("show", e.path)
        assert result.exit_code == 0
        line = _numbered(result.stdout)[e.line]
        assert line[e.column - 1 :].startswith(e.text.split("\n")[0])
    assert e.line > 4  # past the front matter, which is shown and counted


def test_show_numbers_every_line_of_the_decoded_file(articles: Path) -> None:
    lines = _numbered(invoke("show", "a.txt").stdout)
    assert list(lines) == list(range(1, FRONT.count("\n") + 1))
    assert lines[1] == "---" and lines[2] == "outlet: Northern Ledger"
    assert lines[7].startswith(' Cruz said: "We')  # the tab is one space: columns stay true


def test_show_a_location_from_a_report(articles: Path) -> None:
    result = invoke("show", "a.txt:7:2", "-C", "1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line[:2] for line in lines] == [" 6", ">7", "  "]  # the last line
    caret = lines[2]
    assert caret.strip() == "^" and lines[1][caret.index("^") :].startswith("Cruz said")


def test_show_a_range_and_without_numbers(articles: Path) -> None:
    assert invoke("show", "b.md", "--lines", "4-5").stdout == "4  # Bridge **works**\n5\n"
    assert invoke("show", "b.md", "--lines", "4", "--no-number").stdout == "# Bridge **works**\n"
    assert invoke("show", "b.md", "--lines", "9-").exit_code == 2
    assert invoke("show", "b.md", "--line", "99").exit_code == 2


def test_show_makes_control_characters_inert_and_keeps_the_numbering(tmp_path: Path) -> None:
    text = "one\x1b[31m red\r\n::error::two\u2028still two\r\nthree\n"
    (tmp_path / "c.txt").write_text(text, encoding="utf-8", newline="")
    result = invoke("show", str(tmp_path / "c.txt"))
    assert result.exit_code == 0
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028]", result.stdout)
    lines = _numbered(result.stdout)
    assert lines == {1: "one\\x1b[31m red", 2: "\\x3a:error::two\\u2028still two", 3: "three"}
    assert not any(line.lstrip().startswith("::") for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("bin.txt", b"\x00\x01binary", "binary"),
        ("notes.pdf", b"text", "not a .txt"),
        ("bad.md", b"---\ntitle: [open\n---\nText.\n", "front matter"),
    ],
)
def test_show_an_unreadable_file_is_one_line(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = invoke("show", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and name in line and message in line


def test_show_a_directory_is_an_error(tmp_path: Path) -> None:
    result = invoke("show", str(tmp_path))
    assert result.exit_code == 2 and "directory" in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("trafilatura") is None, reason="no [html] extra")
def test_show_an_html_page_prints_the_extracted_text(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {k} of the harbour story, long enough to count.</p>"
                   for k in range(6))  # fmt: skip
    page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    result = invoke("show", str(tmp_path / "p.html"))
    assert result.exit_code == 0
    assert "<p>" not in result.stdout and "Paragraph 0 of the harbour" in result.stdout
    assert "extracted" in result.stderr


# ---------------------------------------------------------------------------------------
# the text report
# ---------------------------------------------------------------------------------------


def _long_report(tmp_path: Path) -> Report:
    folder = tmp_path / "a folder with a long name that keeps going"
    folder.mkdir()
    name = "Alexandria Konstantinopoulou-Papadimitriou"
    texts = [
        f"{name} met Mayor Ana Cruz at the harbour on Monday to discuss the ferries.",
        f"{name} and Ana Cruz toured the harbour together before the storm arrived.",
        f"Ana Cruz thanked {name} for the long visit to the harbour and the island.",
        "Ana Cruz said Alexandria Konstantinopoulu-Papadimitriou would return in June.",
    ]
    return check_texts(folder, *texts)


def test_text_wraps_at_80_with_indented_continuations(tmp_path: Path) -> None:
    report = _long_report(tmp_path)
    assert report.findings
    out = render_text(report)
    lines = out.splitlines()
    for line in lines:
        assert len(line) <= 80 or " " not in line.strip(), line
    heads = [k for k, line in enumerate(lines) if re.match(r"\S+:\d+:\d+: [A-Z]\d{3} ", line)]
    assert heads and lines[heads[0] + 1].startswith("    ")  # the message continues, indented
    for e in report.findings[0].claims:
        assert f"{e.path}:{e.line}:{e.column}" in out  # never broken (the path has spaces)
    sentences = [line for line in lines if line.startswith(" " * 11)]
    assert sentences and all(line[11] != " " for line in sentences)


def test_text_marks_the_claim_in_its_sentence(tmp_path: Path) -> None:
    report = _long_report(tmp_path)
    out = " ".join(render_text(report).split())
    assert f"{MARKS[0]}Alexandria Konstantinopoulu-Papadimitriou{MARKS[1]} would return" in out
    buffer = io.StringIO()
    terminal = Console(file=buffer, force_terminal=True, color_system="standard", width=60)
    terminal.print(renderable(report))
    styled = buffer.getvalue()
    assert MARKS[0] not in styled and "\x1b[1;4mAlexandria" in styled
    plain = re.sub("\x1b\\[[0-9;]*m", "", styled)
    assert max(len(line) for line in plain.splitlines()) <= 60  # the terminal's width


def test_wrap_never_breaks_a_kept_range_or_before_a_command() -> None:
    text = Text("aaa bbb ::ccc ddd eee fff ggg hhh")
    assert wrap(text, 10, indent=2).plain.splitlines() == [
        "aaa",
        "  bbb ::ccc",
        "  ddd eee",
        "  fff ggg",
        "  hhh",
    ]
    kept = wrap(text, 10, indent=2, keep=[(18, 33)]).plain.splitlines()
    assert kept == ["aaa", "  bbb ::ccc", "  ddd", "  eee fff ggg hhh"]


def test_the_seeds_report_marks_the_odd_weekday(seeds_report: Report) -> None:
    out = render_text(seeds_report)
    assert "»Monday«" in out and max(map(len, out.splitlines())) <= 80


# ---------------------------------------------------------------------------------------
# an input error is shown once
# ---------------------------------------------------------------------------------------


@pytest.fixture
def with_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FRONT, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00binary")
    return tmp_path


def test_an_input_error_on_one_terminal_is_printed_once(
    with_binary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "same_terminal", lambda: True)
    result = invoke("check", "a.txt", "bin.txt", "-f", "text")
    assert result.exit_code == 2
    assert "bin.txt" not in result.stderr
    assert result.stdout.count("bin.txt") == 1 and "F103 [input error]" in result.stdout


@pytest.mark.parametrize("args", [["-f", "text"], ["-f", "json"], ["-q"]])
def test_an_input_error_goes_to_stderr_when_the_report_does_not_show_it_there(
    with_binary: Path, args: list[str]
) -> None:
    result = invoke("check", "a.txt", "bin.txt", *args)
    assert result.exit_code == 2
    assert result.stderr.count("bin.txt") == 1  # stdout is not the terminal stderr is


def test_same_terminal_is_false_for_captured_streams() -> None:
    assert common.same_terminal() is False
