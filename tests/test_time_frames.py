"""Frames of temporal claims: every event class reachable, reports placed on what they
report, zones converted (across midnight too), years fixed by a written weekday."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lemminflect import getInflection

from consistency.extract.when import nearest_year
from consistency.models import TemporalClaim, When
from consistency.rules.timing import event_day_relation, local_offset, time_relation
from consistency.text.lexicon import EVENT_CLASSES
from tests.conftest import check_texts

EVENTS = [(cls, phrase) for cls, phrases in EVENT_CLASSES.items() for phrase in phrases]


def temporal(tmp_path: Path, text: str) -> list[TemporalClaim]:
    return check_texts(tmp_path, text).temporal


def _past(phrase: str) -> str:
    verb, *rest = phrase.split()
    return " ".join([getInflection(verb, "VBD")[0], *rest])


@pytest.mark.parametrize("cls,phrase", EVENTS, ids=[p for _, p in EVENTS])
def test_every_event_entry_gives_its_class(tmp_path: Path, cls: str, phrase: str) -> None:
    (claim,) = temporal(tmp_path, f"The convoy {_past(phrase)} on Sunday, police said.")
    assert claim.frame.predicate_class == cls


@pytest.mark.parametrize(
    "text,predicate",
    [
        ("The company said on Friday it had accepted the offer.", "accept"),
        ("The club has accepted the offer, the company said on Monday.", "accept"),
        ("Officials confirmed on Tuesday that the miners were rescued.", "rescue"),
        ("The firm announced the deal on Monday.", "announce"),
        ("The mayor said on Monday.", None),
    ],
)
def test_a_report_is_the_event_it_reports(tmp_path: Path, text: str, predicate: str | None) -> None:
    (claim,) = temporal(tmp_path, text)
    assert claim.frame.predicate == predicate


def test_a_future_cue_in_another_clause_leaves_the_saying_in_the_past(tmp_path: Path) -> None:
    text = "---\npublished: 2025-03-05\n---\nIt will close two plants, the firm said on Tuesday."
    (claim,) = temporal(tmp_path, text)
    assert claim.when.first_day == dt.date(2025, 3, 4)
    assert not claim.future


def test_subject_of_a_relative_clause(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, "Divers reached the ferry that sank on Sunday.")
    assert (claim.frame.thing, claim.frame.predicate) == ("ferry", "sink")


def test_times_in_brackets_are_the_same_moment_in_another_zone(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, "The blast came at 14:10 local time (11:10 GMT) on Monday.")
    assert claim.when.tz == "local"
    assert [zone for *_, zone in claim.when.also] == ["GMT"]
    assert local_offset([claim]) == 180


def _at(minute: int, tz: str | None, day: dt.date | None = None, width: int = 4) -> When:
    return When(
        first_day=day,
        last_day=day,
        minutes=[(minute, minute + width)],
        tz=tz,
        precision="time",
        resolved_from="explicit" if day else "unresolved",
    )


def test_zones_convert_and_local_time_needs_an_offset() -> None:
    assert time_relation(_at(14 * 60, "CEST"), _at(12 * 60, "GMT")) == "agree"
    assert time_relation(_at(14 * 60, "CEST"), _at(14 * 60, "GMT")) == "conflict"
    assert time_relation(_at(16 * 60, "local"), _at(11 * 60, "GMT")) is None
    assert time_relation(_at(16 * 60, "local"), _at(11 * 60, "GMT"), 180) == "conflict"
    assert time_relation(_at(14 * 60, "local"), _at(11 * 60, "GMT"), 180) == "agree"


def test_a_conversion_across_midnight_moves_the_day() -> None:
    monday, tuesday = dt.date(2025, 9, 15), dt.date(2025, 9, 16)
    late = _at(23 * 60 + 30, "GMT", monday)
    early = _at(60 + 30, "CEST", tuesday)  # 23:30 GMT is 01:30 the next day in Paris
    assert event_day_relation(late, early) == "agree"
    assert event_day_relation(late, _at(60 + 30, "GMT", tuesday)) == "conflict"


def test_hedged_times_twenty_minutes_apart_differ() -> None:
    about_630, about_650 = _at(18 * 60 + 21, None, width=19), _at(18 * 60 + 41, None, width=19)
    assert time_relation(about_630, about_650) == "conflict"


@pytest.mark.parametrize(
    "published,month,day,weekday,year",
    [
        (dt.date(2026, 1, 2), 12, 31, 2, 2025),  # Wednesday, December 31 seen in January
        (dt.date(2025, 12, 30), 1, 2, 4, 2026),  # Friday, January 2 seen in December
        (dt.date(2025, 3, 5), 3, 3, 0, 2025),
    ],
)
def test_a_written_weekday_fixes_the_year(
    published: dt.date, month: int, day: int, weekday: int, year: int
) -> None:
    assert nearest_year(published, month, day, False, weekday) == year
    assert dt.date(year, month, day).weekday() == weekday
