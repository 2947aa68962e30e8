"""Temporal extraction, resolution against publication dates, and the T rules."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.extract.when import _relative_days, _weekday_day
from consistency.models import Report, TemporalClaim, When
from consistency.rules.timing import day_relation, time_relation
from tests.conftest import check_dir, check_texts

PUB = "---\npublished: {}\n---\n"


def temporal(tmp_path: Path, text: str) -> list[TemporalClaim]:
    return check_texts(tmp_path, text).temporal


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It opened on October 15, 2017.", "October 15, 2017"),
        ("It opened on Oct. 15 in the rain.", "Oct. 15"),
        ("It opened on 15 October 2017.", "15 October 2017"),
        ("It opened on Oct 15, 2017.", "Oct 15, 2017"),
        ("It opened on 2017-10-15.", "2017-10-15"),
        ("It opened on Sunday (October 15) at last.", "Sunday (October 15)"),
        ("It opened in 2006.", "2006"),
        ("It opened back in 2010.", "2010"),
        ("It opened at 7 a.m. sharp.", "7 a.m."),
        ("It opened at 9:10 p.m. sharp.", "9:10 p.m."),
        ("It opened at 10:30pm PDT.", "10:30pm PDT"),
        ("It opened at noon.", "noon"),
        ("It opened just after 9, staff said.", "just after 9"),
        ("It opened on Sunday evening.", "Sunday evening"),
        ("It opened overnight.", "overnight"),
        ("It opened this morning.", "this morning"),
        ("It opened yesterday.", "yesterday"),
        ("It opened last week.", "last week"),
        ("It opened last Friday.", "last Friday"),
        ("During Monday's event, it opened.", "Monday's"),
        ("It opened at 1700 GMT.", "1700 GMT"),
        ("It opened at around 18 h 50.", "at around 18 h 50"),
        ("It opened at 15:05 hrs local time.", "15:05 hrs local time"),
        ("It opened at 08:44 local time (05H44 GMT).", "08:44 local time (05H44 GMT)"),
        ("It opened in the early hours of Monday.", "in the early hours of Monday"),
    ],
)
def test_expressions_news_uses(tmp_path: Path, text: str, expected: str) -> None:
    assert [c.text for c in temporal(tmp_path, text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We said the plan would cost $15 and we may revise it.",  # not Wednesday, not a date
        "The sunday papers and the march of time.",  # lower case is no name
        "He was 44 years old and ran 3 miles at 10 mph.",
        '"I will see you on Friday," she said.',  # inside a quotation
    ],
)
def test_not_temporal(tmp_path: Path, text: str) -> None:
    assert temporal(tmp_path, text) == []


def test_weekday_resolves_to_the_week_before_publication(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, PUB.format("2024-05-06") + "Ana Cruz resigned on Sunday.")
    assert claim.when.first_day == dt.date(2024, 5, 5)
    assert claim.when.resolved_from == "published"
    assert claim.event is not None and claim.event.key == "cruz|resign"


def test_future_cue_moves_a_weekday_forward(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, PUB.format("2024-05-06") + "Ana Cruz will resign on Sunday.")
    assert claim.future and claim.when.first_day == dt.date(2024, 5, 12)


def test_publication_date_from_a_date_stamp(tmp_path: Path) -> None:
    text = "Mayor quits\nOct 16, 2017 12:31 PM\n\nAna Cruz resigned on Sunday."
    report = check_texts(tmp_path, text)
    assert report.articles[0].published == dt.datetime(2017, 10, 16, 12, 31)
    assert report.articles[0].published_source == "text"
    assert report.temporal[-1].when.first_day == dt.date(2017, 10, 15)


@pytest.mark.parametrize(
    "head,published",
    [
        ("GENEVA, May 4, 2023 (Reuters) - ", dt.date(2023, 5, 4)),
        ("Updated Thursday, May 4, 2023 3:55 p.m. EDT - ", dt.datetime(2023, 5, 4, 15, 55)),
    ],
)
def test_publication_date_from_a_dateline(tmp_path: Path, head: str, published: dt.date) -> None:
    report = check_texts(tmp_path, f"Talks end\n\n{head}The talks ended on Wednesday.")
    assert report.articles[0].published == published
    assert report.articles[0].published_source == "text"
    assert report.temporal[-1].when.first_day == dt.date(2023, 5, 3)


def test_without_publication_date_weekdays_stay_weekdays(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, "Ana Cruz resigned on Sunday.")
    assert claim.when.first_day is None and claim.when.weekday == 6
    assert claim.when.resolved_from == "unresolved"


def _when(**kw: object) -> When:
    return When(precision="day", resolved_from="published", **kw)  # type: ignore[arg-type]


def test_today_in_a_thursday_article_is_thursday() -> None:
    thursday = dt.date(2024, 5, 9)
    today = _when(first_day=thursday, last_day=thursday)
    on_thursday = _when(weekday=3)
    assert day_relation(today, on_thursday) == "agree"


def test_friday_and_last_week_seen_from_the_following_monday() -> None:
    monday = dt.date(2024, 5, 6)
    span = _relative_days("last week", monday)
    assert span is not None
    friday = _weekday_day(monday, 4, None, False)
    assert (
        day_relation(
            _when(first_day=span[0], last_day=span[1]), _when(first_day=friday, last_day=friday)
        )
        == "agree"
    )


def test_just_after_nine_and_nine_ten_agree() -> None:
    day = dt.date(2024, 5, 4)
    a = _when(first_day=day, last_day=day, minutes=[(1260, 1280)])
    b = _when(first_day=day, last_day=day, minutes=[(1265, 1276)])
    morning = _when(first_day=day, last_day=day, minutes=[(300, 720)])
    assert time_relation(a, b) == "agree"
    assert time_relation(a, morning) == "conflict"


def test_time_zones_are_converted_when_both_are_known() -> None:
    day = dt.date(2024, 5, 4)
    pdt = _when(first_day=day, last_day=day, minutes=[(1345, 1356)], tz="PDT")  # 22:30 PDT
    edt = _when(first_day=day, last_day=day, minutes=[(1525, 1536)], tz="EDT")  # 01:30 EDT
    assert time_relation(pdt, edt) == "agree"


# -- arithmetic against datetime ---------------------------------------------------------

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


@given(dates, st.integers(0, 6))
def test_past_weekday_is_within_the_six_days_before(pub: dt.date, weekday: int) -> None:
    day = _weekday_day(pub, weekday, None, False)
    assert day.weekday() == weekday and 0 <= (pub - day).days <= 6


@given(dates, st.integers(0, 6))
def test_future_weekday_is_within_the_next_seven_days(pub: dt.date, weekday: int) -> None:
    day = _weekday_day(pub, weekday, None, True)
    assert day.weekday() == weekday and 1 <= (day - pub).days <= 7


@given(dates, st.integers(0, 6))
def test_last_weekday_is_strictly_before(pub: dt.date, weekday: int) -> None:
    day = _weekday_day(pub, weekday, "last", False)
    assert day.weekday() == weekday and 1 <= (pub - day).days <= 7


@given(dates)
def test_relative_days(pub: dt.date) -> None:
    assert _relative_days("yesterday", pub) == (pub - dt.timedelta(days=1),) * 2
    week = _relative_days("this week", pub)
    assert week is not None and week[0].weekday() == 0 and week[0] <= pub <= week[1]
    last = _relative_days("last week", pub)
    assert last is not None and last[1] < pub and (pub - last[0]).days <= 13


@given(dates, dates)
def test_day_relation_is_symmetric(a: dt.date, b: dt.date) -> None:
    wa, wb = _when(first_day=a, last_day=a), _when(weekday=b.weekday())
    assert day_relation(wa, wb) == day_relation(wb, wa)
    assert day_relation(wa, _when(first_day=b, last_day=b)) == ("agree" if a == b else "conflict")


@given(dates)
def test_written_dates_round_trip(tmp_path_factory: pytest.TempPathFactory, day: dt.date) -> None:
    tmp = tmp_path_factory.mktemp("dates")
    forms = [day.strftime("%B %-d, %Y"), day.strftime("%-d %B %Y"), day.isoformat()]
    weekday = day.strftime("%A")
    text = " ".join(f"It happened on {weekday}, {form}." for form in forms)
    claims = temporal(tmp, text)
    assert [c.when.first_day for c in claims] == [day] * 3
    report = check_texts(tmp, text)
    assert not [f for f in report.findings if f.code == "T103"]


def test_seed_tweet_day(seeds_report: Report) -> None:
    (finding,) = [f for f in seeds_report.findings if f.kind.value == "temporal"]
    assert finding.code == "T101" and finding.severity.value == "error"
    assert finding.odd_articles == ["002_7b3b194830fbf9a5"]
    assert finding.majority_articles == [
        "000_910eee69659a91fa", "003_7c0c9a0167550b32", "004_9f26a8a11c2ff45a"
    ]  # fmt: skip
    quoted = {e.text for e in finding.claims}
    assert not {"Monday’s", "Monday morning", "Friday"} & quoted


def test_times_case_majority_and_tolerances() -> None:
    from tests.conftest import CASES, check_dir

    report = check_dir(CASES / "temporal-times")
    (finding,) = report.findings
    assert finding.code == "T102" and finding.odd_articles == ["d"]
    assert finding.majority_articles == ["a", "b", "c"]  # "just after 9" and 9:10 p.m. agree


def test_event_subject_is_the_noun_phrase_before_the_verb(tmp_path: Path) -> None:
    (claim,) = temporal(tmp_path, "The league said the match was abandoned on Saturday.")
    assert claim.event is not None and claim.event.key == "match|abandon"
    (claim,) = temporal(tmp_path, "Hughes, a nurse at the General Hospital, collapsed on Monday.")
    assert claim.event is not None and claim.event.key == "hughes|collapse"
    (claim,) = temporal(tmp_path, "Since Monday, the hashtag “#MeToo” has trended worldwide.")
    assert claim.since and claim.frame.thing == "hashtag" and claim.frame.predicate == "trend"
    (claim,) = temporal(tmp_path, "Ana Cruz said on Monday that she would stay.")
    assert claim.frame.predicate is None  # saying recurs, and the staying is yet to come


def test_today_and_on_thursday_end_to_end(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        PUB.format("2024-05-09") + "Ana Cruz resigned today after a long meeting.",  # Thursday
        PUB.format("2024-05-10") + "Ana Cruz resigned on Thursday after a long meeting.",
        PUB.format("2024-05-13") + "Ana Cruz resigned last week after a long meeting.",
    )
    assert [c.event.key for c in report.temporal if c.event] == ["cruz|resign"] * 3
    assert report.findings == []


def test_times_in_a_sentence_that_never_ends_cost_no_square(tmp_path: Path) -> None:
    """Found by the fuzzer: each time's subject was looked for in the whole sentence."""
    report = check_texts(tmp_path, "Of the " + "at 7 p.m. " * 800 + "all went home.")
    assert len(report.temporal) == 800  # a square of 8,000 characters per claim would stall


def test_a_story_places_its_undated_days_by_its_own_articles_not_another_storys(
    tmp_path: Path,
) -> None:
    """Two stories checked in one run: the other story's publication dates (years later)
    must not move this story's undated "Sunday (October 15)" to another year."""
    root = Path(__file__).resolve().parents[1]
    for source in (root / "seeds", root / "tests" / "data" / "bridge-story"):
        for f in source.glob("*.*"):
            if f.suffix in (".txt", ".md") and f.name != "README.md":
                shutil.copy(f, tmp_path / f.name)
    together = check_dir(tmp_path)
    alone = check_dir(root / "seeds", base=root)
    seeds = {f.stem for f in (root / "seeds").glob("*.txt")}

    def codes(report: Report) -> list[str]:
        return sorted(f.code for f in report.findings if f.claims[0].article in seeds)

    assert len(together.stories) == 2
    assert codes(together) == codes(alone) == ["E101", "Q101", "T101"]
