"""Numeric extraction: figures as intervals, what they count, and what is not a number."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.models import NumericClaim, Quantity, Report
from consistency.rules.numeric import far_apart, relation
from tests.conftest import check_texts


def numbers(tmp_path: Path, text: str) -> list[NumericClaim]:
    return check_texts(tmp_path, text).numeric


def one(tmp_path: Path, text: str) -> Quantity:
    (claim,) = numbers(tmp_path, text)
    return claim.quantity


@pytest.mark.parametrize(
    "text,value,low,high,unit",
    [
        ("The union said 3,400 workers will strike.", 3400, 3350, 3450, None),
        ("The rate rose by 2.7 points.", 2.7, 2.65, 2.75, None),
        ("The tweet drew over 31K comments.", 31000, 30500, None, None),
        ("The tweet drew 31K comments.", 31000, 30500, 31500, None),
        ("It cost $2.7bn to build.", 2.7e9, 2.65e9, 2.75e9, "USD"),
        ("They paid £90m for the club.", 9e7, 8.95e7, 9.05e7, "GBP"),
        ("A €310m loan was agreed.", 3.1e8, 3.095e8, 3.105e8, "EUR"),
        (
            "Nearly a quarter of a million people marched.",
            2.5e5,
            2.5e5 * 0.95 * 0.85,
            2.5e5 * 1.05,
            None,
        ),
        ("Some 86,000 women shared their stories.", 86000, 85500 * 0.9, 86500 * 1.1, None),
        ("Forty-four people were hurt.", 44, 44, 44, None),
        ("A dozen people were hurt.", 12, 12, 12, None),
        ("Prices rose six percent in May.", 6, 6, 6, "percent"),
        # a whole number of a unit is rounded to the unit: 114.5 to 115.5 feet
        ("They built a 115-foot wall.", 115 * 0.3048, 114.5 * 0.3048, 115.5 * 0.3048, "m"),
    ],
)
def test_figures_become_intervals(
    tmp_path: Path, text: str, value: float, low: float, high: float | None, unit: str | None
) -> None:
    q = one(tmp_path, text)
    assert q.value == pytest.approx(value)
    assert q.low == pytest.approx(low, rel=1e-3)
    assert (q.high is None) if high is None else q.high == pytest.approx(high, rel=1e-3)
    assert q.unit == unit


def test_rates_ranges_and_ages(tmp_path: Path) -> None:
    assert one(tmp_path, "The line carries 9,000 passengers a day.").per == "day"
    assert one(tmp_path, "Up to four women a second replied.").per == "second"
    q = one(tmp_path, "Between 15 and 20 boats sank in the storm.")
    assert (q.low, q.high) == (15, 20)
    assert one(tmp_path, "The 44-year-old issued a call.").dimension == "age"


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2006 and amended in 2010.",  # years
        "It happened on October 15 at 9:10 p.m.",  # dates and times
        "She came 3rd in the race and was the first to finish twice.",  # ordinals
        "Call 555-0134 for details.",  # a phone number
        "He lives at 10 Downing Street.",  # an address
        '"We lost 40 jobs," she said.',  # inside a quotation
        "One of them said no.",  # "one" is a pronoun as often as a number
    ],
)
def test_not_quantities(tmp_path: Path, text: str) -> None:
    assert numbers(tmp_path, text) == []


def test_seeds_have_no_numeric_finding(seeds_report: Report) -> None:
    assert [f for f in seeds_report.findings if f.kind.value == "numeric"] == []
    counted = {c.text: c.counted for c in seeds_report.numeric}
    assert counted["over 31K"] == "comments"
    assert counted["some 86,000"] == "women"


def test_casualties_normalise_wording(tmp_path: Path) -> None:
    report = check_texts(
        tmp_path,
        "Four people died in the crash on the motorway.",
        "The crash on the motorway killed four, police said.",
        "The crash left a death toll of four on the motorway.",
    )
    assert [c.frame.predicate_class for c in report.numeric][:2] == ["die", "die"]
    assert report.findings == []


# -- properties ---------------------------------------------------------------------------

quantities = st.builds(
    lambda v, w, up: Quantity(value=v, low=v - w, high=None if up else v + w, dimension="count"),
    st.floats(1, 1e9),
    st.floats(0, 1e6),
    st.booleans(),
)


@given(quantities, quantities)
def test_interval_logic_is_symmetric(a: Quantity, b: Quantity) -> None:
    assert relation(a, b) == relation(b, a)
    assert far_apart(a, b) == far_apart(b, a)


@given(st.integers(1, 999_999_999))
def test_digits_round_trip(tmp_path_factory: pytest.TempPathFactory, n: int) -> None:
    text = f"The agency said {n:,} people were affected by the outage."
    (claim,) = numbers(tmp_path_factory.mktemp("n"), text)
    assert claim.quantity.value == n
    assert claim.quantity.low <= n <= (claim.quantity.high or math.inf)


@given(st.integers(2, 99), st.sampled_from(["thousand", "million", "billion"]))
def test_scale_words_round_trip(
    tmp_path_factory: pytest.TempPathFactory, n: int, scale: str
) -> None:
    factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
    (claim,) = numbers(tmp_path_factory.mktemp("s"), f"The fund raised ${n} {scale} last month.")
    assert claim.quantity.value == pytest.approx(n * factor)
    assert claim.quantity.unit == "USD"


@pytest.mark.parametrize(
    "text,varying",
    [
        ("Four victims have been identified so far, police said.", "grows"),
        ("Rescuers have freed 12 miners to date.", "grows"),
        ("Four victims were identified by their families.", None),
    ],
)
def test_running_counts_grow(tmp_path: Path, text: str, varying: str | None) -> None:
    (claim,) = check_texts(tmp_path, text).numeric
    assert claim.frame.varying == varying


def test_a_run_of_hundreds_of_digits_is_no_figure(tmp_path: Path) -> None:
    report = check_texts(tmp_path, f"Officials said 1{'0' * 400} people were there.")
    assert report.numeric == []
