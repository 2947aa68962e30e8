"""Who said a quotation: roles, appositives, continuations and unnamed speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.models import Report
from tests.conftest import CASES, check_dir, check_texts

QUOTE = '"The pumps will run through the night and the divers go back in at dawn,"'
BEFORE = '"The pumps will run through the night and the divers go back in at dawn."'


def speakers(report: Report) -> list[tuple[str, str] | None]:
    return [
        (q.speaker.name, q.speaker.mention) if q.speaker else None
        for q in report.quotes
        if not q.term
    ]


@pytest.mark.parametrize(
    "text,name,mention",
    [
        (f"{QUOTE} said fire chief Daniel Okafor.", "Daniel Okafor", "fire chief Daniel Okafor"),
        (
            f"{QUOTE} coastguard commander Helen Ashworth told reporters.",
            "Helen Ashworth",
            "coastguard commander Helen Ashworth",
        ),
        (
            f"{QUOTE} Graham Pike, chief executive of Bluewater Lines, said.",
            "Graham Pike",
            "Graham Pike, chief executive of Bluewater Lines",
        ),
        (
            f"Graham Pike, chief executive of Bluewater Lines, said: {BEFORE}",
            "Graham Pike",
            "Graham Pike, chief executive of Bluewater Lines",
        ),
        (
            f"{QUOTE} Port Kelby's deputy governor, Ana Ruiz, told reporters.",
            "Ana Ruiz",
            "Port Kelby's deputy governor, Ana Ruiz",
        ),
        (f"{QUOTE} said the Tesla mogul, Elon Musk.", "Elon Musk", "the Tesla mogul, Elon Musk"),
        (
            f"{QUOTE} said Kelby acting Gov. Marta Lind, who leads the search.",
            "Marta Lind",
            "Kelby acting Gov. Marta Lind",
        ),
        (f"{QUOTE} said Rear Adm. Jane Doe.", "Jane Doe", "Rear Adm. Jane Doe"),
        (f"{QUOTE} said a Harbour Navy official.", "", "a Harbour Navy official"),
        (f"{QUOTE} the deputy governor said.", "", "the deputy governor"),
    ],
)
def test_speaker_phrases(tmp_path: Path, text: str, name: str, mention: str) -> None:
    assert speakers(check_texts(tmp_path, text)) == [(name, mention)]


def test_a_company_is_no_unnamed_speaker(tmp_path: Path) -> None:
    assert speakers(check_texts(tmp_path, f"{QUOTE} the company said.")) == [None]


def test_a_quotation_after_an_attributed_one_continues_its_speaker(tmp_path: Path) -> None:
    text = f'{QUOTE} Ana Ruiz, the deputy governor, told reporters at the quay. "We will not stop."'
    text = text.replace('"We will not stop."', '"We will not stop until every diver is back."')
    assert [s[0] if s else None for s in speakers(check_texts(tmp_path, text))] == [
        "Ana Ruiz",
        "Ana Ruiz",
    ]


def test_a_stray_closing_mark_does_not_hide_the_speaker(tmp_path: Path) -> None:
    text = '"We are not sure we can stop it" from reaching the pier," Fire Chief Ana Ruiz said.'
    report = check_texts(tmp_path, text)
    assert [s[0] if s else None for s in speakers(report)] == ["Ana Ruiz"]
    assert [d.code for d in report.diagnostics] == ["X002"]  # the text is still unbalanced


@pytest.mark.parametrize(
    "case,expected",
    [
        ("speaker-role-and-name", []),
        ("speaker-person-for-body", []),
        ("attribution-two-officials", ["A101"]),
        ("attribution-role-descriptions", ["A101"]),
    ],
)
def test_cases(case: str, expected: list[str]) -> None:
    assert [f.code for f in check_dir(CASES / case).findings] == expected


def test_role_descriptions_name_the_odd_outlet() -> None:
    (finding,) = check_dir(CASES / "attribution-role-descriptions").findings
    assert finding.odd_articles == ["wire"]
    assert finding.args["odd_speaker"] == "a Harbour Navy official"
    assert finding.args["reference_speaker"] in ("Mirela Sand", "the Port Kelby deputy governor")


def test_the_message_names_the_spelling_most_outlets_use(tmp_path: Path) -> None:
    quote = '"We are not sure we can stop the fire from reaching the east wing,"'
    report = check_texts(
        tmp_path,
        f"{quote} said fire chief Tomas Brant.",
        f"{quote} said fire chief Tomas Brandt.",
        f"{quote} fire chief Tomas Brandt said.",
        f"{quote} said deputy minister Jonas Keel.",
    )
    (finding,) = [f for f in report.findings if f.code == "A101"]
    assert finding.args["reference_speaker"] == "Tomas Brandt"
    assert finding.args["odd_speaker"] == "Jonas Keel"
