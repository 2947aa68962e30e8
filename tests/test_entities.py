"""Names spelled differently across outlets, and quotations credited to different people."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.models import Report
from consistency.rules.attribution import same_person
from tests.conftest import CASES, check_dir, check_texts, three_and_one


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def test_seed_mcgowen_is_the_minority_spelling(seeds_report: Report) -> None:
    (finding,) = [f for f in seeds_report.findings if f.code == "E101"]
    assert finding.kind.value == "entity_spelling"
    assert finding.odd_articles == ["003_7c0c9a0167550b32"]
    assert finding.majority_articles == [
        "000_910eee69659a91fa", "001_4104afc959bd6fd9", "002_7b3b194830fbf9a5",
        "004_9f26a8a11c2ff45a",
    ]  # fmt: skip
    assert (finding.args["minority"], finding.args["majority"]) == (
        "“Rose McGowen”",
        "“Rose McGowan”",
    )
    assert (finding.args["minority_count"], finding.args["majority_count"]) == (1, 4)


def test_seed_people_sharing_names_are_not_merged(seeds_report: Report) -> None:
    """Anna Paquin, Anika Noni Rose, Rose McGowan, Evan Rachel Wood, Jaime King, Ashley Judd,
    Amy Siskind … share first or last names with each other, or nothing: one finding only."""
    assert [f.code for f in seeds_report.findings if f.kind.value == "entity_spelling"] == ["E101"]
    assert not [f for f in seeds_report.findings if f.kind.value == "attribution"]


@pytest.mark.parametrize(
    "case,expected",
    [
        ("names-misspelled-surname", ["E101"]),
        ("names-misspelled-first-name", ["E101"]),
        ("names-middle-name-and-title", []),
        ("names-shared-surname", []),
        ("attribution-coach-president", ["A101"]),
        ("attribution-pronoun", []),
        ("names-accents-case-number", []),
        ("quote-credited-to-body", []),
        ("quote-credited-to-epithet", []),
    ],
)
def test_cases(case: str, expected: list[str]) -> None:
    assert codes(check_dir(CASES / case)) == expected


def test_coach_and_president() -> None:
    (finding,) = check_dir(CASES / "attribution-coach-president").findings
    assert finding.odd_articles == ["fourth"]
    assert finding.majority_articles == ["first", "second", "third"]
    assert {e.speaker for e in finding.claims} == {"Tom Okafor", "Ines Barros"}


def test_pronoun_speaker_resolved_across_a_sentence() -> None:
    report = check_dir(CASES / "attribution-pronoun")
    speakers = {c.article: c.speaker for c in report.quotes}
    assert speakers["pronoun"] is not None and speakers["pronoun"].name == "Ana Cruz"
    assert speakers["pronoun"].via == "pronoun"
    assert speakers["unnamed"] is None


def test_same_person() -> None:
    assert same_person("Rose McGowan", "Rose McGowen")
    assert same_person("Laura Núñez", "Laura Nunez")
    assert same_person("Barros", "Ines Barros")
    assert not same_person("Tom Okafor", "Grace Okafor")
    assert not same_person("Anna Paquin", "Anna Wintour")


def test_one_article_spelling_both_ways_is_two_people(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "Jon Marsh and his cousin Jon Marsch both spoke.",
        "Jon Marsh spoke first at the hearing.",
    )
    assert "E101" not in codes(report)


def test_similar_names_in_unrelated_company_are_two_people(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "Olga Brennan met Mayor Ana Cruz at the harbour on Monday.",
        "Olga Brennan and Ana Cruz toured the harbour together.",
        "Oleg Brennan trained with coach Ines Barros at the stadium.",
        "Coach Ines Barros said Oleg Brennan would start the final.",
    )
    assert "E101" not in codes(report)


def test_accents_case_and_number_are_not_misspellings() -> None:
    report = check_dir(CASES / "names-accents-case-number")
    assert "E101" not in codes(report)
    names = {c.name for c in report.claims if c.family == "name"}
    assert {"Nuria Valdéz", "Nuria Valdez", "Grey Otter", "Grey Otters"} <= names
    assert {"Coastal SWIFT", "Coastal Swift"} <= names


def test_a_plural_s_on_a_surname_is_still_a_misspelling(tmp_path: Path) -> None:
    (finding,) = three_and_one(tmp_path, "Peter Roberts", "Peter Robert").findings
    assert (finding.code, finding.args["minority"]) == ("E101", "“Peter Robert”")


def test_a_misspelling_beside_a_dropped_accent_is_still_reported(tmp_path: Path) -> None:
    (finding,) = three_and_one(tmp_path, "Nuria Valdéz", "Nuria Valdes").findings
    assert (finding.code, finding.args["majority"]) == ("E101", "“Nuria Valdéz”")


def test_a_team_name_takes_the_plural_or_not(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "The Grey Otters and Mayor Ana Cruz opened the boathouse.",
        "Ana Cruz thanked the Grey Otters for the rescue.",
        "Ana Cruz praised the Grey Otter rescue team.",
    )
    assert codes(report) == []


def test_a_body_and_a_person_who_speaks_for_it_agree() -> None:
    report = check_dir(CASES / "quote-credited-to-body")
    assert codes(report) == []
    speakers = {c.id: c.speaker.name for c in report.quotes if c.speaker}
    assert speakers["tribune:Q1"] == speakers["tribune:Q2"] == "Dalia Ferro"
    assert speakers["bulletin:Q1"] == speakers["wire:Q1"] == "Canal Authority"


def test_a_body_and_a_person_not_tied_to_it_disagree(tmp_path: Path) -> None:
    quote = "Divers recovered the second vehicle from the canal at first light"
    report = check_texts(
        tmp_path,
        f'The Canal Authority said: "{quote}."',
        f'The Canal Authority said on Sunday: "{quote}."',
        f'"{quote}," said Dalia Ferro, a local fisherwoman.',
    )
    assert codes(report) == ["A101"]


def test_an_epithet_and_the_name_agree() -> None:
    report = check_dir(CASES / "quote-credited-to-epithet")
    assert codes(report) == []
    assert {c.speaker.name for c in report.quotes if c.speaker} == {"Viktor Adler"}
