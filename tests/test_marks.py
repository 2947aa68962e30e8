"""Quotation marks of other conventions: guillemets, low marks and transcript dashes."""

from __future__ import annotations

from pathlib import Path

from consistency.extract.marks import dash_quotes
from tests.conftest import CASES, check_dir, check_texts


def test_other_conventions_are_quotations() -> None:
    report = check_dir(CASES / "marks-other-conventions")
    assert report.diagnostics == []
    quoted = {q.quote for q in report.quotes}
    assert "Nous reconstruirons la halle avant la fin de l'année" in quoted
    assert "Wir wissen noch nicht, wie lange die Arbeiten dauern werden" in quoted
    assert "nothing is decided yet for the tower" in quoted
    assert "Will the market hall open again this year?" in quoted


def test_spaced_guillemets_close(tmp_path: Path) -> None:
    report = check_texts(tmp_path, "Il a dit : « Nous ne savons pas encore » et il est parti.")
    assert [q.quote for q in report.quotes] == ["Nous ne savons pas encore"]
    assert report.diagnostics == []


def test_dashes_without_a_question_are_no_transcript() -> None:
    text = "— one item of a list\n— another item of the list\n"
    paragraphs = [(0, 21), (22, 48)]
    assert dash_quotes(text, paragraphs) == []


def test_a_transcript_needs_two_lines() -> None:
    text = "— Were you afraid?\n"
    assert dash_quotes(text, [(0, 18)]) == []
