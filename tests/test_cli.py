"""The command line: exit codes, formats, output files and input errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from consistency.cli import app
from consistency.families import BY_CODE
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
QUOTE = 'Milano said "we will win this fight and we will do it today" at noon.\n'

runner = CliRunner()


def _no_traceback(*outputs: str) -> None:
    for out in outputs:
        assert "Traceback" not in out


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------------
# the bundled seeds
# ---------------------------------------------------------------------------------------


def test_check_seeds_reports_the_milano_misquote() -> None:
    result = invoke("check")
    assert result.exit_code == 1
    out = result.stdout
    assert "Q101" in out
    assert "[warning]" in out
    # 001 adds "ever" and "then" and drops "might" (read against 003 and 004 by hand)
    assert "001_4104afc959bd6fd9" in out
    assert "{+ever+}" in out and "{+then+}" in out and "[-might-]" in out
    # and the day of Milano's tweet: Monday in 002 against Sunday in 000, 003 and 004
    assert "T101" in out and "[error]" in out
    # and Rose McGowen (003) against Rose McGowan (the others)
    assert "E101" in out and "McGowen" in out
    assert "3 findings (1 error, 2 warnings, 0 info)" in out


def test_fail_level_error_fails_on_seeds_error_finding() -> None:
    assert invoke("check", "--fail-level", "error").exit_code == 1


def test_fail_level_none_passes_on_seeds() -> None:
    assert invoke("check", "--fail-level", "none").exit_code == 0


def test_fail_level_info_fails_on_seeds() -> None:
    assert invoke("check", "--fail-level", "info").exit_code == 1


def test_json_output_validates_against_the_schema() -> None:
    result = invoke("check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [f["code"] for f in data["findings"]] == ["T101", "E101", "Q101"]
    assert data["summary"]["articles"] == 5
    assert data["findings"][2]["odd_articles"] == ["001_4104afc959bd6fd9"]
    assert data["findings"][0]["odd_articles"] == ["002_7b3b194830fbf9a5"]


def test_json_output_with_errors_and_diagnostics_validates(workdir: Path) -> None:
    (workdir / "open.txt").write_text('One.\nHe said "this never ends at all\n', encoding="utf-8")
    (workdir / "bad.md").write_text("---\n- a\n- b\n---\nText.\n", encoding="utf-8")
    result = invoke("check", "--format", "json", "open.txt", "bad.md")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [d["code"] for d in data["diagnostics"]] == ["X001"]
    assert [(e["code"], e["path"], e["line"]) for e in data["errors"]] == [("F105", "bad.md", 2)]


def test_markdown_output_marks_changes() -> None:
    result = invoke("check", "--format", "markdown")
    assert result.exit_code == 1
    assert "<del>" in result.stdout or "<ins>" in result.stdout
    assert "<ins>ever</ins>" in result.stdout
    assert "<del>might</del>" in result.stdout


def test_output_file_is_written_and_stdout_stays_empty(workdir: Path) -> None:
    target = workdir / "out" / "report.json"
    result = invoke("check", "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["summary"]["findings"] == 3
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temp file left


def test_quiet_prints_no_report() -> None:
    result = invoke("check", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_invalid_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "--format", "yaml"])
    assert result.exit_code == 2
    assert "yaml" in result.stderr


# ---------------------------------------------------------------------------------------
# input errors
# ---------------------------------------------------------------------------------------


def test_missing_path_is_an_error_but_other_files_are_checked(workdir: Path) -> None:
    (workdir / "good.txt").write_text(QUOTE, encoding="utf-8")
    result = invoke("check", "--format", "json", "missing.txt", "good.txt")
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    data = json.loads(result.stdout)
    assert [a["path"] for a in data["articles"]] == ["good.txt"]
    (claim,) = [c for c in data["claims"] if c["family"] == "quote"]
    assert claim["quote"] == "we will win this fight and we will do it today"
    assert [(e["code"], e["path"]) for e in data["errors"]] == [("F101", "missing.txt")]


def test_missing_path_in_text_format(workdir: Path) -> None:
    (workdir / "good.txt").write_text(QUOTE, encoding="utf-8")
    result = invoke("check", "missing.txt", "good.txt")
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert "1 article" in result.stdout
    _no_traceback(result.stdout, result.stderr)


def test_error_message_keeps_brackets_in_the_path(workdir: Path) -> None:
    (workdir / "good.txt").write_text(QUOTE, encoding="utf-8")
    result = invoke("check", "notes [draft].txt", "good.txt")
    assert result.exit_code == 2
    assert "notes [draft].txt" in result.stderr


def test_error_message_with_markup_like_path_does_not_crash(workdir: Path) -> None:
    (workdir / "good.txt").write_text(QUOTE, encoding="utf-8")
    result = runner.invoke(app, ["check", "old[/]notes.txt", "good.txt"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    assert "old[/]notes.txt" in result.stderr


def test_directory_without_articles(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    (workdir / "empty" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = invoke("check", "empty")
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert "no .txt, .md or .html" in result.stderr


def test_binary_file(workdir: Path) -> None:
    (workdir / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    result = invoke("check", "photo.txt")
    assert result.exit_code == 2
    assert "photo.txt" in result.stderr
    assert "binary" in result.stderr
    _no_traceback(result.stdout, result.stderr)


def test_invalid_front_matter_names_file_and_line(workdir: Path) -> None:
    (workdir / "story.md").write_text(
        "---\noutlet: BBC\n- a list item\ntitle: a call\n---\n" + QUOTE, encoding="utf-8"
    )
    result = invoke("check", "story.md")
    assert result.exit_code == 2
    assert "story.md:3" in result.stderr
    _no_traceback(result.stdout, result.stderr)


def test_unclosed_quote_at_end_of_file_is_a_diagnostic(workdir: Path) -> None:
    (workdir / "open.txt").write_text(
        "First paragraph.\nSecond paragraph.\nShe said \u201cthis never ends at all",
        encoding="utf-8",
    )
    result = invoke("check", "open.txt")
    assert result.exit_code == 1
    # the opening mark is on line 3, after "She said " (column 10)
    assert "open.txt:3:10: X001" in result.stdout
    _no_traceback(result.stdout, result.stderr)
    assert invoke("check", "--fail-level", "error", "open.txt").exit_code == 0


def test_cp1252_file_gets_a_warning(workdir: Path) -> None:
    (workdir / "old.txt").write_bytes(b"He said \x93hello there my friend\x94")
    result = invoke("check", "--format", "json", "old.txt")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["I001"]
    assert [c["quote"] for c in data["claims"]] == ["hello there my friend"]


def _two_disagreeing(workdir: Path) -> dict:  # type: ignore[type-arg]
    (workdir / "a.txt").write_text(QUOTE, encoding="utf-8")
    (workdir / "b.txt").write_text(QUOTE.replace("today", "tomorrow"), encoding="utf-8")
    result = invoke("check", "--format", "json", "a.txt", "b.txt")
    assert result.exit_code == 1
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_two_files_disagreeing(workdir: Path) -> None:
    data = _two_disagreeing(workdir)
    (finding,) = data["findings"]
    assert finding["code"] == "Q101"
    assert "today" in finding["message"] and "tomorrow" in finding["message"]
    assert sorted(c["article"] for c in finding["claims"]) == ["a", "b"]


def test_diff_of_a_changed_last_word_shows_the_change(workdir: Path) -> None:
    (finding,) = _two_disagreeing(workdir)["findings"]
    changed = [(d["old"], d["new"]) for d in finding["diff"] if d["op"] != "equal"]
    assert changed in ([("today", "tomorrow")], [("tomorrow", "today")])


def test_python_dash_m_runs(workdir: Path) -> None:
    (workdir / "bin.txt").write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "-m", "consistency", "check", "bin.txt"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "bin.txt" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------


def test_rules_lists_q101() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.stdout.splitlines() if line[:1].isupper()]
    rules = [c for c in codes if re.fullmatch(r"[A-Z]\d{3}", c) and c in BY_CODE]
    assert "Q101" in rules
    assert rules == sorted(rules)


def test_rules_shows_one_rule() -> None:
    result = invoke("rules", "Q101")
    assert result.exit_code == 0
    assert result.stdout.startswith("Q101 quote-wording-differs")
    assert " ".join(BY_CODE["Q101"].doc.split()) in " ".join(result.stdout.split())


def test_rules_lowercase_code() -> None:
    assert invoke("rules", "q101").exit_code == 0


def test_rules_json_validates() -> None:
    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text(encoding="utf-8"))
    data = json.loads(invoke("rules", "--json").stdout)
    assert "Q101" in [r["code"] for r in data]
    for rule in data:  # rules, diagnostics and input errors alike
        jsonschema.validate(rule, schema)
        assert set(rule) == set(schema["properties"])


def test_unknown_rule() -> None:
    result = invoke("rules", "Z999")
    assert result.exit_code == 2
    assert "Z999" in result.stderr
