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


def test_quotation_marks_nest_four_deep_at_most(tmp_path: Path) -> None:
    """Mojibake turns every en dash into 'â€“', whose last character opens a quotation: a
    thousand openers, then closers, would make a thousand quotations each spanning the
    rest of the text (quadratic in all). The outermost opener past four deep is given up,
    reported unclosed."""
    report = check_texts(tmp_path, "Officials met on Monday. " + "“ word " * 1000 + "” " * 1000)
    quotes = [c for c in report.claims if c.family == "quote"]
    assert len(quotes) <= 5
    assert sum(len(c.text) for c in quotes) < 4 * len("“ word " * 4 + "” " * 4)  # not 1000s
    assert sum(d.code == "X001" for d in report.diagnostics) >= 996
    deep = check_texts(
        tmp_path, "He said: “She told me ‘they said “it is ‘fine’ here” today’ again.”"
    )
    assert len([c for c in deep.claims if c.family == "quote"]) == 4  # four deep still nest
