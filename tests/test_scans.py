"""The fast scans that decide where the big extraction patterns are tried find exactly what
the plain scans they replace find: a word list or a look-ahead that missed a starting word
would drop claims silently. Each plain scan is written here the obvious way, and both are
run over random text made of the words, figures and marks the patterns care about."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.extract import durations, numbers, temporal
from consistency.extract.duration_parse import PATTERN

PIECES = [
    *"a an one half two twenty-four 17th seventeenth 1.5 45 2,000 $ £ € 9:30".split(),
    *"about more than nearly almost up to well over some dozens between us".split(),
    *"hour hours minute Day days week nights fortnight month Months second".split(),
    *"Monday monday May may yesterday Tonight noon midday morning year weeks".split(),
    *"and or to ago old per the of said police Mr March. Sundays weekend".split(),
    *"x1 a1 ab_c DAY Hour ÉTÉ ſix Kelvin Ａ ٣ 3rd-4th 10-12 -".split(),
]
GLUE = [" ", "  ", "-", ".", ",", ":", "", "\n", "'", "’", "(", '"']
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GLUE)), max_size=60).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


def _windows(text: str, start: int) -> list[tuple[int, int]]:
    """The windows around unit words, merged, as durations.py draws them."""
    out: list[list[int]] = []
    for hit in re.finditer(
        r"second|minute|hour|day|night|week|fortnight|month", text[start:], re.I
    ):
        lo = max(start, start + hit.start() - durations._REACH)
        hi = start + hit.end() + durations._REACH
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 20))
def test_durations_are_found_as_scanning_every_position_finds_them(text: str, start: int) -> None:
    start = min(start, len(text))
    plain = [
        m.span()
        for lo, hi in _windows(text, start)
        for m in PATTERN.finditer(text, lo, min(hi, len(text)))
    ]
    assert [m.span() for m in durations._matches(text, start)] == plain


# scan -> (its fast pattern, the plain pattern, which of the plain matches it must find)
SCANS: dict[str, tuple[re.Pattern[str], str, Callable[[str], bool]]] = {
    "temporal triggers": (
        temporal._TRIGGER,
        r"\d+|[A-Za-z]+",
        lambda w: w[0].isdigit() or w.lower() in temporal.TRIGGERS,
    ),
    "number starts": (
        numbers._STARTS,
        r"(?<![\w.,$£€-])(?:\d|[$£€]|[A-Za-z]+)",
        lambda w: w[0].isdigit() or w in "$£€" or w.lower() in numbers._FIRST_WORDS,
    ),
}


@pytest.mark.parametrize("scan", sorted(SCANS))
@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_a_scan_finds_what_the_plain_scan_keeps(scan: str, text: str) -> None:
    fast, plain, keep = SCANS[scan]
    kept = [m.span() for m in re.finditer(plain, text) if keep(m.group())]
    assert [m.span() for m in fast.finditer(text)] == kept


def test_letters_a_case_blind_pattern_takes_for_ascii_ones_start_durations_too() -> None:
    for text in ("for ſix hours", "fıve days", "FİVE weeks", "\u212aept for two hours"):
        plain = [m.span() for lo, hi in _windows(text, 0) for m in PATTERN.finditer(text, lo, hi)]
        assert [m.span() for m in durations._matches(text, 0)] == plain != []


def test_the_scans_find_what_they_are_for() -> None:
    text = "For about 15 hours on Monday, some 2,000 people waited; a week later, in May."
    assert [m.group() for m in durations._matches(text, 0)] == ["about 15 hours", "a week"]
    assert [m.group() for m in temporal._TRIGGER.finditer(text)] == [
        "15", "hours", "Monday", "2", "000", "week", "May",
    ]  # fmt: skip
    starts = [m.group() for m in numbers._STARTS.finditer(text)]
    assert starts[:3] == ["about", "1", "some"] and "2" in starts and "For" not in starts


NAME_PIECES = ["the", "The", "THE", "Wild", "Boars", "wild boars", "Mr", "Jr.", "O'Neil", "_x"]
NAME_PIECES += ["“the", "Boarſ", "WİLD", "wıld", "\u212aeel", "Zoë", "é"]  # letters re folds


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(NAME_PIECES), st.sampled_from(GLUE)), max_size=12),
    st.sampled_from(["Wild Boars", "wild Boars", "Jr.", "O'Neil", "Boars_x", "Ṡam Boars", "Keel"]),
)
def test_a_name_after_the_is_found_as_the_plain_pattern_finds_it(
    parts: list[tuple[str, str]], name: str
) -> None:
    assert_group_name_as_plain("".join(word + glue for word, glue in parts), name)


@pytest.mark.parametrize(
    ("context", "name"),
    [
        ("fans of the Wild Boarſ cheered", "Wild Boars"),  # ſ matches s, lower-cases to ſ
        ("fans of “the WİLD Boars” cheered", "Wild Boars"),  # İ matches i, lowers to two
        ("the wıld boars", "Wild Boars"),  # ı matches i
        ("the \u212aeel club", "Keel"),  # the Kelvin sign lower-cases to k
        ("“the Wild Boars’", "Wild Boars"),
        ("the Wild Boarsé", "Wild Boars"),  # é is a word letter: no edge
    ],
)
def test_letters_that_fold_to_ascii_find_a_name_as_the_plain_pattern_does(
    context: str, name: str
) -> None:
    assert_group_name_as_plain(context, name)


def assert_group_name_as_plain(context: str, name: str) -> None:
    """`_group_name` finds "the <name>" in `context` exactly where the plain pattern does."""
    from consistency.models import NameClaim, Span
    from consistency.rules.names import _group_name

    span = Span(start=0, end=1, line=1, column=1, end_line=1, end_column=1)
    claim = NameClaim(id="a:N1", article="a", text=name, span=span, name=name, context=context)
    plain = re.search(rf"\bthe\s+{re.escape(name)}\b", context, re.IGNORECASE) is not None
    assert _group_name(claim) == plain
