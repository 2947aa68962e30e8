"""Durations: the parser's intervals, the frames and a no-crash property."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.extract.context import ArticleContext
from consistency.extract.durations import extract_durations
from consistency.ingest import load_document
from consistency.models import DurationClaim

H, D, W = 3600.0, 86400.0, 604800.0


def durations(tmp_path: Path, text: str) -> list[DurationClaim]:
    """The duration claims of one article."""
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return list(extract_durations(ArticleContext.of(load_document(path, "a", "a.txt"))))


def one(tmp_path: Path, text: str) -> DurationClaim:
    found = durations(tmp_path, text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The talks lasted 15 hours.", 14.25 * H, 15.75 * H),
        ("The talks lasted some 14 hours.", 14 * H * 0.95 * 0.9, 14 * H * 1.05 * 1.1),
        ("It ended after a nine-hour battle.", 8.55 * H, 9.45 * H),
        ("They survived an 18-day ordeal.", 17 * D, 19 * D),
        ("It sank an hour and 45 minutes into the voyage.", 1.6625 * H, 1.8375 * H),
        ("It sank 1 hour and 45 minutes into the voyage.", 1.6625 * H, 1.8375 * H),
        ("It sank 1:45 hours into the voyage.", 1.6625 * H, 1.8375 * H),
        ("The crossing takes two and a half hours.", 2.375 * H, 2.625 * H),
        ("The meeting lasted half an hour.", 0.475 * H, 0.525 * H),
        ("It sank just over an hour into the voyage.", H, 1.1 * H),
        ("The talks took a fortnight.", 0.75 * 2 * W, 1.25 * 2 * W),
        ("The road was shut for almost a week.", 0.85 * W, W),
        ("The road was shut for six days.", 5 * D, 7 * D),
        ("The strike went on for three weeks.", 2.85 * W, 3.15 * W),
        ("The strike went on for four weeks.", 3.8 * W, 4.2 * W),
        ("Firefighters battled the blaze for more than nine hours.", 9 * H, math.inf),
        ("The whole trip takes eight to ten hours.", 7.6 * H, 10.5 * H),
        ("The port stayed closed for a month.", 0.75 * 2629800, 1.25 * 2629800),
    ],
)
def test_intervals(tmp_path: Path, text: str, low: float, high: float) -> None:
    q = one(tmp_path, text).quantity
    assert (q.dimension, q.unit) == ("duration", "s")
    assert q.low == pytest.approx(low, rel=1e-3)
    assert (math.inf if q.high is None else q.high) == pytest.approx(high, rel=1e-3)


def test_open_ends_never_meet(tmp_path: Path) -> None:
    over = one(tmp_path, "It lands in just over two hours.").quantity
    under = one(tmp_path, "He flew the less than two-hour flight.").quantity
    assert under.high is not None and under.high < 2 * H < over.low


def test_frames_say_what_a_duration_is_of(tmp_path: Path) -> None:
    dive = one(tmp_path, "Contact was lost about an hour and 45 minutes into their dive.")
    assert dive.frame.thing == "dive"
    battle = one(tmp_path, "The fire was put out after a nine-hour battle.")
    assert battle.frame.thing == "battle"
    began = one(tmp_path, "The fire was put out some 15 hours after it began.")
    assert (began.frame.predicate, began.frame.predicate_class) == ("begin", "start")
    plan = one(tmp_path, "The descent is expected to take two hours to reach the floor.")
    assert (plan.frame.predicate, plan.frame.future) == ("take", True)


@pytest.mark.parametrize(
    "text",
    [
        "The miners have been trapped for 13 days.",
        "Seventeen days after the boys went missing, divers found them.",
        "They spent their 17th night trapped on a ledge.",
        "The canal was blocked for the fifth day in a row.",
    ],
)
def test_elapsed_spans_grow(tmp_path: Path, text: str) -> None:
    claim = one(tmp_path, text)
    assert claim.elapsed and claim.frame.varying == "grows"


@pytest.mark.parametrize(
    "text",
    [
        "The 30-year-old driver was hurt.",
        "She takes the pills twice a day.",
        "One day he will return.",
        "He was fired a week ago.",
        "The plan was announced 86 weeks ago.",
        "The mine opened 15 days ago.",
        "The company lost $5m a day.",
    ],
)
def test_not_durations(tmp_path: Path, text: str) -> None:
    assert durations(tmp_path, text) == []


def test_quoted_durations_are_left_alone(tmp_path: Path) -> None:
    assert durations(tmp_path, 'She said: "We waited for six hours."') == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "an a one two 15 1:45 hour hours minute days week fortnight-long and half to - "
            'about just over less than 17th the into after it began " . , x'.split(" ")
        ),
        max_size=40,
    )
)
def test_never_crashes_and_spans_fit(
    tmp_path_factory: pytest.TempPathFactory, words: list[str]
) -> None:
    text = "Intro. " + " ".join(words) + " end."
    for claim in durations(tmp_path_factory.mktemp("d"), text):
        assert 0 <= claim.span.start < claim.span.end <= len(text)
        assert text[claim.span.start : claim.span.end] == claim.text


def test_scan_is_linear_on_hostile_input(tmp_path: Path) -> None:
    text = "1-" * 4000 + " " * 4000 + "two and a half " * 500
    assert isinstance(durations(tmp_path, text), list)
