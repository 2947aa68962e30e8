"""The alignment core and the numeric frames: lexicon entries in use, scores symmetric,
thin frames never compared, blocking keeps the pairs few."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.frames import Rarity, align, score, settled
from consistency.models import Frame, NumericClaim
from consistency.text.dates import year_near
from consistency.text.lexicon import NOUN_CLASSES, PREDICATE_CLASSES
from tests.conftest import check_texts

NOUNS = [(cls, word) for cls, words in NOUN_CLASSES.items() for word in words]
VERBS = [(cls, word) for cls, words in PREDICATE_CLASSES.items() for word in words]


def numeric(tmp_path: Path, text: str) -> list[NumericClaim]:
    return check_texts(tmp_path, text).numeric


def _plural(word: str) -> str:
    *head, last = word.split()
    irregular = {"man": "men", "woman": "women", "child": "children", "person": "people"}
    for singular, plural in irregular.items():
        if last.endswith(singular):
            last = last[: -len(singular)] + plural
            break
    else:
        if last.endswith("y") and last[-2] not in "aeiou":
            last = last[:-1] + "ies"
        elif not last.endswith(("s", "ff")) and last not in ("staff", "police", "dead"):
            last += "es" if last.endswith(("sh", "ch", "x")) else "s"
    return " ".join([*head, last])


@pytest.mark.parametrize("cls,word", NOUNS, ids=[w for _, w in NOUNS])
def test_every_noun_entry_gives_its_class(tmp_path: Path, cls: str, word: str) -> None:
    (claim,) = numeric(tmp_path, f"Officials counted 40 {_plural(word)} at the scene.")
    assert claim.frame.thing_class == cls


def _past(verb: str) -> str:
    irregular = {
        "rise": "rose", "fall": "fell", "sink": "sank", "grow": "grew", "lose": "lost",
        "shed": "shed", "fight": "fought", "send": "sent", "give": "gave", "pay": "paid",
        "spend": "spent", "buy": "bought", "hold": "held", "stick": "stuck", "free": "freed",
        "hurt": "hurt", "slide": "slid",
    }  # fmt: skip
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in ("plan", "slip", "drop", "dip", "trap", "plummet"):
        return verb + (verb[-1] if verb != "plummet" else "") + "ed"
    return verb + "ed"


@pytest.mark.parametrize("cls,verb", VERBS, ids=[v for _, v in VERBS])
def test_every_predicate_entry_gives_its_class(tmp_path: Path, cls: str, verb: str) -> None:
    (claim,) = numeric(tmp_path, f"Officials said they {_past(verb)} 40 crates at the port.")
    assert claim.frame.predicate_class == cls


frames = st.builds(
    Frame,
    thing=st.sampled_from([None, "firefighter", "fireman", "ship"]),
    thing_class=st.sampled_from([None, "responder", "vessel"]),
    predicate=st.sampled_from([None, "battle", "fight", "sink"]),
    predicate_class=st.sampled_from([None, "respond", "fall"]),
    holder=st.sampled_from([None, "paris", "lyon"]),
    words=st.lists(st.sampled_from(["blaze", "night", "warehouse", "port", "storm"]), max_size=4),
    future=st.booleans(),
)


@given(frames, frames)
def test_score_is_symmetric(a: Frame, b: Frame) -> None:
    rarity = Rarity([], lambda c: [])
    one, two = score(a, b, rarity), score(b, a, rarity)
    assert (one is None) == (two is None)
    assert one is None or two is None or one.score == pytest.approx(two.score)


def test_different_holders_and_plans_are_never_the_same_fact() -> None:
    rarity = Rarity([], lambda c: [])
    base = Frame(thing="pledge", thing_class="pledge", predicate="pledge", holder="paris")
    assert score(base, replace(base, holder="lyon"), rarity) is None
    assert score(base, replace(base, future=True), rarity) is None
    assert score(base, base, rarity) is not None


class _Claim:
    def __init__(self, article: str, frame: Frame) -> None:
        self.article, self.frame = article, frame


def test_blocking_scores_only_pairs_that_share_a_key() -> None:
    calls = 0

    def blocks(c: _Claim) -> list[str]:
        return [c.frame.thing] if c.frame.thing else []

    def frame(c: _Claim) -> Frame:
        nonlocal calls
        calls += 1
        return c.frame

    claims = [_Claim(f"a{i}", Frame(thing=f"thing{i % 50}")) for i in range(1000)]
    claims += [_Claim(f"b{i}", Frame()) for i in range(1000)]  # thin: never compared
    groups = align(claims, frame=frame, blocks=blocks, threshold=0.4)
    assert len(groups) == 50 and all(len(g.claims) == 20 for g in groups)
    # frames are read a few times per claim, plus twice per candidate pair: 50 blocks of
    # 20 claims give 50 * 190 pairs, far from the 2,000 * 1,999 / 2 of comparing all
    assert calls < 5 * len(claims) + 2 * 50 * 190


@pytest.mark.parametrize(
    "text,figure,year",
    [
        ("It is the worst since a 1960 tsunami killed 61 people.", "61", 1960),
        ("In 1987, a landslide killed 19 people.", "19", 1987),
        ("The landslide of 1987 killed 19 people.", "19", 1987),
        ("Some 2000 people and 61 soldiers were there.", "61", None),
        ("On March 10, 2019, the plane crashed, killing 157.", "157", 2019),
        ("The storm killed 61 people.", "61", None),
    ],
)
def test_the_year_a_clause_is_about(text: str, figure: str, year: int | None) -> None:
    at = text.rindex(figure)
    assert year_near(text, 0, len(text), (at, at + len(figure))) == year


def test_figures_of_an_earlier_year_are_another_event(tmp_path: Path) -> None:
    claims = numeric(
        tmp_path,
        "---\npublished: 2025-10-04\n---\nThe worst since a 1987 landslide killed 19 people.",
    )
    (claim,) = claims
    assert claim.frame.era == 1987
    settled_frames = settled(claims, lambda c: c.frame, 2025)
    assert settled_frames[claim.id].era == 1987
    assert settled(claims, lambda c: c.frame, 1988)[claim.id].era is None
    now = replace(claim.frame, era=None)
    assert score(claim.frame, now, Rarity([], lambda c: [])) is None
