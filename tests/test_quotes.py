"""Quotation extraction and attribution on texts written for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.models import QuoteClaim
from tests.conftest import check_texts


def quotes(tmp_path: Path, text: str) -> list[QuoteClaim]:
    report = check_texts(tmp_path, text)
    return [c for c in report.quotes if c.depth == 0]


def speaker_of(tmp_path: Path, text: str, start: str) -> str | None:
    (claim,) = [c for c in quotes(tmp_path, text) if c.quote.startswith(start)]
    return claim.speaker.name if claim.speaker else None


@pytest.mark.parametrize(
    "text,expected",
    [
        ('Mayor Ana Cruz said: "The road will reopen on Friday morning."', "Ana Cruz"),
        ('"The road will reopen on Friday morning," said Ana Cruz.', "Ana Cruz"),
        ('"The road will reopen on Friday morning," Ana Cruz told reporters.', "Ana Cruz"),
        (
            "Ana Cruz, the city's mayor, said the works were \"going faster than any of us "
            'expected" this week.',
            "Ana Cruz",
        ),
        (
            'Ana Cruz spoke on Monday. "The road will reopen on Friday morning," she said.',
            "Ana Cruz",
        ),
        ('According to Ana Cruz, "the road will reopen on Friday morning".', "Ana Cruz"),
        (
            'Actress Lee Park met the producer. "I will not work with him ever again," the '
            "actress said.",
            "Lee Park",
        ),
        ('"The road will reopen on Friday morning," said Rear Adm. Ana Cruz.', "Ana Cruz"),
        (
            '"The road will reopen on Friday morning," said Port Authority chief Ana Cruz.',
            "Ana Cruz",
        ),
        ('"The road will reopen on Friday morning," said Civic Party leader Ana Cruz.', "Ana Cruz"),
        ('The Port Authority said: "The road will reopen on Friday morning."', "Port Authority"),
        ('"The road will reopen on Friday morning," she said.', None),  # nobody to refer to
        ('Critics called the plan "a waste of money and of everybody\'s time".', None),
        (
            'Ana Cruz defended the plan, while critics called it "a waste of money and time".',
            None,
        ),
    ],
)
def test_speaker(tmp_path: Path, text: str, expected: str | None) -> None:
    (claim,) = quotes(tmp_path, text)
    assert (claim.speaker.name if claim.speaker else None) == expected


@pytest.mark.parametrize(
    "text,start,expected",
    [
        pytest.param(
            "Senator Tom Okafor criticised Police Commissioner Ellen Marsh on Monday.\n\n"
            '"The public deserved far better answers than the ones they were given," he said.',
            "The public",
            "Tom Okafor",
            id="pronoun_prefers_the_subject_over_the_nearest_name",
        ),
        pytest.param(
            "Ms Ellen Marsh replied to Mr Tom Okafor in a letter on Tuesday.\n\n"
            '"My officers acted with restraint throughout a very difficult night," he said.',
            "My officers",
            "Tom Okafor",
            id="pronoun_skips_a_person_of_the_other_gender",
        ),
        pytest.param(
            "After the vote, Jordan Vale and Casey Lund left together.\n\n"
            '"We will not support any budget that cuts nurses," she said.',
            "We will not",
            None,
            id="ambiguous_pronoun_gets_no_speaker",
        ),
        pytest.param(
            'Jaime Cole shared a caption. "Please share this with everyone you know," she wrote.\n'
            '"I have spoken openly about my experiences for years and I will keep going."\n',
            "I have spoken",
            "Jaime Cole",
            id="running_quote_paragraph_continues_the_speaker",
        ),
        pytest.param(  # a capitalised epithet after "the" is no person
            "The Harbour Baron, Viktor Adler, met the council for a month, "
            "and on Monday he won.\n\n"
            '"We will rebuild the pier before the summer season opens," he said.',
            "We will rebuild",
            "Viktor Adler",
            id="an_epithet_is_not_the_antecedent_of_a_pronoun",
        ),
        pytest.param(
            "Ines Barros, the founder of the bakery chain, met the suppliers on Monday.\n\n"
            '"Every supplier will be paid in full before the end of the month," the company\'s '
            "founder and chief executive said.",
            "Every supplier",
            "Ines Barros",
            id="an_epithet_of_two_roles_finds_the_person_holding_one",
        ),
        pytest.param(
            "Ines Barros, the mayor, met Tom Okafor, the governor, on Monday.\n\n"
            '"Every supplier will be paid in full before the end of the month," the mayor and the '
            "governor said.",
            "Every supplier",
            None,
            id="two_people_joined_by_and_are_no_epithet",
        ),
    ],
)
def test_speaker_in_context(tmp_path: Path, text: str, start: str, expected: str | None) -> None:
    """Pronouns, roles, epithets and running quotes resolved to the person who spoke."""
    assert speaker_of(tmp_path, text, start) == expected


def test_interrupted_quote_is_one_claim_with_two_segments(tmp_path: Path) -> None:
    text = (
        'Oskar Lind defended the change. "Nobody wants to wait longer for a train," Lind said. '
        '"But the timetable gives us reliability."'
    )
    (claim,) = quotes(tmp_path, text)
    assert len(claim.segments) == 2
    assert claim.words.split()[-3:] == ["gives", "us", "reliability"]
    assert "said" not in claim.words.split()
    assert claim.speaker is not None and claim.speaker.name == "Oskar Lind"


def test_nested_quotes_stay_inside_the_outer_quote(tmp_path: Path) -> None:
    text = "“If you write “Me too” as a status, people will see the scale of it,” Ward wrote."
    report = check_texts(tmp_path, text)
    outer = [c for c in report.quotes if c.depth == 0]
    inner = [c for c in report.quotes if c.depth == 1]
    assert len(outer) == 1 and outer[0].quote.endswith("the scale of it,")
    assert len(inner) == 1 and inner[0].quote == "Me too" and inner[0].term


def test_apostrophes_are_not_quote_marks(tmp_path: Path) -> None:
    text = "Weinstein’s lawyers said it isn’t true and the ’90s were different, rock ’n’ roll."
    report = check_texts(tmp_path, text)
    assert report.quotes == [] and report.diagnostics == []


def test_single_quotes_as_quotation_marks(tmp_path: Path) -> None:
    text = "'We have done nothing wrong and we will prove it in court,' the company's lawyer said."
    (claim,) = quotes(tmp_path, text)
    assert claim.quote.startswith("We have done nothing wrong")
    assert not claim.term


def test_editorial_marks_are_recorded_not_compared(tmp_path: Path) -> None:
    text = 'She wrote: "I instinctually [sic] shut down … and my body [finally] remembered."'
    (claim,) = quotes(tmp_path, text)
    assert claim.editorial == ["[sic]", "...", "[finally]"]  # the ellipsis character folded
    assert "sic" not in claim.words.split()


def test_unclosed_quote_is_a_diagnostic_not_a_claim(tmp_path: Path) -> None:
    report = check_texts(tmp_path, 'Intro line.\n\nShe said: "This never ends\n')
    assert [c for c in report.quotes if not c.term] == []
    (diag,) = report.diagnostics
    assert (diag.code, diag.line, diag.column) == ("X001", 3, 11)


def test_claim_spans_point_into_the_original_file(tmp_path: Path) -> None:
    text = "Intro\u00a0line.\r\n\r\nAna Cruz said:\u00a0“The road will\u200b reopen on Friday.”\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    from tests.conftest import check_dir

    report = check_dir(tmp_path)
    (claim,) = report.quotes
    original = (tmp_path / "a.txt").read_bytes().decode("utf-8")
    assert original[claim.span.start : claim.span.end] == claim.text
    assert claim.text.startswith("“") and claim.text.endswith("”")
    assert (claim.span.line, claim.span.column) == (3, 16)


def test_speaker_mention_keeps_the_description_at_the_quote(tmp_path: Path) -> None:
    text = (
        '"The road will reopen on Friday morning," said Ana Cruz, the Port Authority director.\n\n'
        'The Port Authority said: "Every lane will be open again by the weekend."'
    )
    mentions = [c.speaker.mention for c in quotes(tmp_path, text) if c.speaker]
    assert mentions == ["Ana Cruz, the Port Authority director", "The Port Authority"]


def test_round_brackets_in_a_quotation_are_an_editorial_insertion(tmp_path: Path) -> None:
    text = 'Ana Cruz said: "The loss of (the ferry\'s) engine room was sudden and complete."'
    (claim,) = quotes(tmp_path, text)
    assert claim.editorial == ["(the ferry's)"]
    assert "ferry's" not in claim.words.split()
