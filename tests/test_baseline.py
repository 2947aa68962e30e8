"""Accepting findings on purpose: inline comments in Markdown and baseline files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from consistency.ingest.suppress import find_suppressions, suppresses
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[1]
BASELINE_SCHEMA = json.loads((ROOT / "schemas" / "baseline.schema.json").read_text())
CASE = ROOT / "tests" / "cases" / "misquote-majority"


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The misquote-majority case (gazette.txt drops a "not"), with gazette as Markdown."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "story"
    folder.mkdir()
    for f in CASE.glob("*.txt"):
        name = "gazette.md" if f.stem == "gazette" else f.name
        (folder / name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def gazette_with(story: Path, comment: str, *, before: bool = True) -> None:
    path = story / "gazette.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines) if "lightly" in ln)
    if before:
        lines.insert(n, comment)
    else:
        lines[n] += " " + comment
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def findings(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


# -- inline comments -----------------------------------------------------------------------


def test_comment_parsing_covers_its_line_and_the_next_line_with_text() -> None:
    text = "a\n<!-- consistency: ignore[Q101, t1] the wire cut it -->\n\nquote here\nlast\n"
    [s] = find_suppressions(text)
    assert s.line == 2 and s.applies_to == [2, 4]
    assert s.codes == ["Q101", "T1"] and s.reason == "the wire cut it"
    assert suppresses(s, "Q101", 4) and suppresses(s, "T103", 4)
    assert not suppresses(s, "Q102", 4) and not suppresses(s, "Q101", 5)


def test_a_comment_at_the_end_of_a_line_covers_only_that_line() -> None:
    [s] = find_suppressions("“Quoted,” she said. <!-- consistency: ignore -->\nnext\n")
    assert s.applies_to == [1] and s.codes == [] and suppresses(s, "E101", 1)


def test_other_comments_are_not_suppressions() -> None:
    assert find_suppressions("<!-- an editor's note -->\n<!-- consistency: check -->\n") == []


@pytest.mark.parametrize("before", [True, False])
def test_inline_comment_suppresses_the_finding(story: Path, before: bool) -> None:
    gazette_with(story, "<!-- consistency: ignore[Q101] quoted from the mayor's first draft -->",
                 before=before)  # fmt: skip
    result = invoke("check", "story", "-f", "json")
    assert result.exit_code == 0, result.stdout
    assert findings(result) == []
    assert json.loads(result.stdout)["summary"]["suppressed"] == 1


def test_inline_comment_for_another_code_does_not_suppress(story: Path) -> None:
    gazette_with(story, "<!-- consistency: ignore[T101] -->")
    result = invoke("check", "story", "-f", "json")
    assert result.exit_code == 1 and findings(result) == ["Q101"]


def test_a_comment_far_from_the_quote_does_not_suppress(story: Path) -> None:
    path = story / "gazette.md"
    path.write_text("<!-- consistency: ignore -->\n\n" + path.read_text(), encoding="utf-8")
    result = invoke("check", "story", "-f", "json")
    assert findings(result) == ["Q101"]


def _diagnostics(result) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    return [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_a_suppression_that_excuses_nothing_is_reported_as_unused(story: Path) -> None:
    gazette_with(story, "<!-- consistency: ignore[T101] -->")  # the finding there is a Q101
    path = story / "gazette.md"
    path.write_text("<!-- consistency: ignore -->\n\n" + path.read_text(), encoding="utf-8")
    result = invoke("check", "story", "-f", "json")
    found = _diagnostics(result)
    assert [code for code, _, _ in found] == ["I004", "I004"]
    text = path.read_text(encoding="utf-8").splitlines()
    assert [line for _, line, _ in found] == [
        1,
        text.index("<!-- consistency: ignore[T101] -->") + 1,
    ]
    assert "no T101 finding on line" in found[1][2] and "no finding on line" in found[0][2]
    assert result.exit_code == 1  # the Q101 still fails the run, not the info


def test_a_used_suppression_is_not_reported(story: Path) -> None:
    gazette_with(story, "<!-- consistency: ignore[Q1] the first draft -->")
    result = invoke("check", "story", "-f", "json")
    assert _diagnostics(result) == [] and result.exit_code == 0


def test_an_unknown_code_in_a_suppression_is_a_warning(story: Path) -> None:
    gazette_with(story, "<!-- consistency: ignore[Q1O1] typo: letter O -->")
    result = invoke("check", "story", "-f", "json")
    ((code, _, message),) = _diagnostics(result)
    assert code == "I005" and "no rule has the code Q1O1" in message
    assert findings(result) == ["Q101"]  # still reported


# -- baselines -----------------------------------------------------------------------------


def test_update_baseline_writes_a_valid_file_and_exits_0(story: Path) -> None:
    result = invoke("check", "story", "--baseline", "base.json", "--update-baseline",
                    "--reason", "known wire error")  # fmt: skip
    assert result.exit_code == 0, result.stdout
    data = json.loads(Path("base.json").read_text())
    jsonschema.validate(data, BASELINE_SCHEMA)
    [entry] = data["findings"]
    assert entry["code"] == "Q101" and entry["reason"] == "known wire error"
    assert "story/gazette.md" in entry["paths"]

    again = invoke("check", "story", "--baseline", "base.json", "-f", "json")
    assert again.exit_code == 0 and findings(again) == []
    assert json.loads(again.stdout)["summary"]["baselined"] == 1


def test_baselined_finding_survives_edits_elsewhere_in_the_file(story: Path) -> None:
    invoke("check", "story", "--baseline", "base.json", "--update-baseline")
    path = story / "gazette.md"
    path.write_text("Updated at 10:40 with reaction.\n\n" + path.read_text() + "\nMore text.\n")
    assert invoke("check", "story", "--baseline", "base.json").exit_code == 0


def test_a_new_finding_is_not_covered_by_the_baseline(story: Path) -> None:
    invoke("check", "story", "--baseline", "base.json", "--update-baseline")
    path = story / "courier.txt"
    path.write_text(path.read_text().replace("winter storms", "autumn storms"))
    result = invoke("check", "story", "--baseline", "base.json", "-f", "json")
    assert result.exit_code == 1 and "Q101" in findings(result)


def test_update_drops_stale_entries_and_keeps_reasons(story: Path) -> None:
    invoke("check", "story", "--baseline", "base.json", "--update-baseline", "--reason", "first")
    data = json.loads(Path("base.json").read_text())
    outside = {**data["findings"][0], "fingerprint": "0" * 16, "paths": ["elsewhere/a.txt"]}
    data["findings"].append(outside)
    Path("base.json").write_text(json.dumps(data))
    invoke("check", "story", "--baseline", "base.json", "--update-baseline", "--reason", "second")
    kept = json.loads(Path("base.json").read_text())["findings"]
    assert [e["reason"] for e in kept] == ["first", "first"]  # nothing new; the old reason stays

    fixed = story / "gazette.md"
    fixed.write_text(fixed.read_text().replace("We have taken", "We have not taken"))
    invoke("check", "story", "--baseline", "base.json", "--update-baseline")
    kept = json.loads(Path("base.json").read_text())["findings"]
    assert [e["paths"] for e in kept] == [["elsewhere/a.txt"]]  # outside this run: kept


def test_a_broken_baseline_is_a_clear_error(story: Path) -> None:
    Path("base.json").write_text('{"version": 7}')
    result = invoke("check", "story", "--baseline", "base.json")
    assert result.exit_code == 2
    assert "base.json" in result.output and "Traceback" not in result.output


def test_update_baseline_needs_a_file(story: Path) -> None:
    result = invoke("check", "story", "--update-baseline")
    assert result.exit_code == 2 and "--baseline" in result.output


def test_an_article_joining_the_majority_keeps_the_finding_baselined(story: Path) -> None:
    invoke("check", "story", "--baseline", "base.json", "--update-baseline")
    (story / "tribune.txt").write_text((story / "herald.txt").read_text(), encoding="utf-8")
    result = invoke("check", "story", "--baseline", "base.json", "-f", "json")
    assert result.exit_code == 0 and findings(result) == []
