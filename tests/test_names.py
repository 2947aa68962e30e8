"""E101: names spelled two ways across outlets; the word and name comparisons behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.models import Finding, Report, Severity
from consistency.text.names import MAX_NAME_WORDS, find_mentions, number_variant
from consistency.text.spelling import align, loose_variant, name_words, typo_variant
from tests.conftest import CASES, check_dir, check_texts, three_and_one


def names_found(report: Report) -> list[tuple[str, Severity, str | int | list[str]]]:
    return [(f.code, f.severity, f.args["minority"]) for f in report.findings]


@pytest.mark.parametrize(
    "case,expected",
    [
        ("names-dropped-letter", [("E101", Severity.warning, "“Idris Kalbni”")]),
        ("names-first-name-respelled", [("E101", Severity.warning, "“Anzelm Brodowicz”")]),
        ("names-surname-respelled", [("E101", Severity.warning, "“Abebe Gebrahewet”")]),
        ("names-surname-alone", [("E101", Severity.warning, "“Vaskov”")]),
        ("names-company-misspelled", [("E101", Severity.warning, "“Nordvic Shiping”")]),
        ("names-romanised-split", [("E101", Severity.info, "“Boonsong Ratanakorn”")]),
        ("names-plural-and-case", []),
    ],
)
def test_name_cases(case: str, expected: list[tuple[str, Severity, str]]) -> None:
    assert names_found(check_dir(CASES / case)) == expected


def _one(report: Report) -> Finding:
    (finding,) = report.findings
    return finding


def test_a_split_names_both_sides() -> None:
    finding = _one(check_dir(CASES / "names-romanised-split"))
    assert (finding.odd_articles, finding.majority_articles) == (["d", "e"], ["a", "b", "c"])
    assert finding.args["majority"] == "“Boonsong Rattanakorn”"


def test_a_surname_alone_is_set_against_the_full_name() -> None:
    finding = _one(check_dir(CASES / "names-surname-alone"))
    assert finding.args["majority"] == "“Teodor Vasko”"
    assert finding.odd_articles == ["a"] and finding.majority_articles == ["a", "b", "c"]


def test_a_nickname_in_quotes_is_inside_the_name() -> None:
    report = check_dir(CASES / "names-first-name-respelled")
    names = {c.name for c in report.claims if c.family == "name" and c.article == "d"}
    assert "Anzelm Brodowicz" in names


def test_plurals_hyphens_articles_and_designators_are_extracted_but_harmless() -> None:
    report = check_dir(CASES / "names-plural-and-case")
    names = {c.name for c in report.claims if c.family == "name"}
    assert {"Northern Coast Guard", "Northern Coast Guards", "Harbour Authorities"} <= names
    assert {"Jean Marc Duval", "Jean-Marc Duval", "Lindqvist Marine Ltd"} <= names


def test_one_against_one_is_information(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "Minister Lena Farokh met Mayor Ana Cruz at the harbour on Monday.",
        "Minister Lena Farok and Ana Cruz toured the harbour on Monday.",
    )
    assert names_found(report) == [("E101", Severity.info, "“Lena Farok”")]


def test_a_title_before_the_name_is_matched_past(tmp_path: Path) -> None:
    report = three_and_one(tmp_path, "Lena Farokh", "Navy SEAL Lena Farok")
    assert names_found(report) == [("E101", Severity.warning, "“Lena Farok”")]


def test_a_father_and_son_are_two_people(tmp_path: Path) -> None:
    report = three_and_one(tmp_path, "Karim Haddad", "Samir Haddad")
    assert report.findings == []


def test_a_family_name_in_the_plural_is_no_surname_alone(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "Karim Haddad met Mayor Ana Cruz at the harbour. The Haddads left on Monday.",
        "Karim Haddad and Ana Cruz toured the harbour together.",
    )
    assert report.findings == []


def test_word_comparisons() -> None:
    assert typo_variant("kalbni", "kalbeni") and typo_variant("ferrant", "ferrantt")
    assert not typo_variant("rush", "bush")  # another initial
    assert loose_variant("gebrahewet", "gebrehiwot")  # three letters in ten
    assert loose_variant("gaspar", "kaspar")  # an initial sound swapped
    assert not loose_variant("line", "marine") and not loose_variant("shahzad", "suleman")
    assert number_variant("authority", "authorities") and not number_variant("boar", "bore")


def test_name_alignment() -> None:
    tail = align(name_words("Navy diver Lena Farok"), name_words("Lena Farokh"))
    assert tail == (("lena", "farok"), ("lena", "farokh"))
    head = align(name_words("Norsk Shiping"), name_words("Norske Shipping Ltd"))
    assert head == (("norsk", "shiping"), ("norske", "shipping"))
    assert align(name_words("Abiy Tesfaye Ali"), name_words("Abiy Tesfaye")) is None
    assert align(name_words("Jean Marc Duval"), name_words("Jean-Marc Duval")) is None
    assert align(name_words("Omar al-Rashid"), name_words("Omar el-Rashid")) is None
    assert align(name_words("Peter Roberts"), name_words("Peter Robert")) is not None
    assert align(name_words("Grey Otters"), name_words("Grey Otter"), group=True) is None
    assert align(name_words("Kenya Port Authority"), name_words("Kenya Ports Authority")) is None


def test_a_run_of_capitalised_words_longer_than_any_name_is_no_name() -> None:
    """'Alice Alice …' 20,000 times is no 20,000-word name: indexing its heads and tails
    would take memory quadratic in the text (issue 16)."""
    assert find_mentions("Alice " * 20_000) == []
    assert all(len(m.tokens) <= MAX_NAME_WORDS for m in find_mentions("Ann Lee. " * 100))
    long_name = "Ana María del Carmen Fernanda García Pérez"  # seven words: still a name
    assert [m.name for m in find_mentions(f"Judge {long_name} said so.")] == [long_name]


def test_a_text_of_one_name_repeated_checks_in_linear_memory(tmp_path: Path) -> None:
    report = check_texts(tmp_path, "Alice " * 50_000, "Alice Smith said so. " * 2_000)
    assert report.articles and not report.errors
