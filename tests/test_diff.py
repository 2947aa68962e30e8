"""Word-level comparison: where two versions of a passage differ, and where they only
start or stop at different words."""

from __future__ import annotations

from consistency.text.diff import compare
from consistency.text.tokens import GAP, tokenize, words


def w(text: str) -> list[str]:
    return [t.norm for t in words(tokenize(text)[0])]


def changes(a: str, b: str) -> list[tuple[list[str], list[str]]]:
    ta, tb = w(a), w(b)
    c = compare(ta, tb)
    assert c.same_statement
    return [(ta[o[1] : o[2]], tb[o[3] : o[4]]) for o in c.differences]


def test_a_dropped_word_at_the_start_is_a_difference() -> None:
    a, b = "We have not taken this decision lightly", "We have taken this decision lightly"
    assert changes(a, b) == [(["not"], [])]


def test_overlapping_partial_quotes_with_a_repeated_word_do_not_differ() -> None:
    a = "Our tousfeckgo must kirprosbrour the polbrugroux"
    b = "our gibreast. Our tousfeckgo must kirprosbrour"
    assert changes(a, b) == []


def test_fragment_repeating_an_earlier_word_is_contained() -> None:
    assert (
        changes(
            "the magnitude of the problem", "all the women: a sense of the magnitude of the problem"
        )
        == []
    )


def test_changed_word_inside_and_at_the_edge() -> None:
    assert changes("we will win this fight today", "we will win this fight tomorrow") == [
        (["today"], ["tomorrow"])
    ]
    assert changes(
        "give people a sense of the scale of it", "give people a sense of the magnitude of it"
    ) == [(["scale"], ["magnitude"])]


def test_gaps_absorb_what_the_other_version_has() -> None:
    assert (
        changes("I am … proud of my players tonight", "I am very proud of my players tonight") == []
    )
    assert GAP in w("less alone [seeing] others")


def test_different_statements_sharing_a_phrase_are_not_aligned() -> None:
    c = compare(
        w("we underestimated the magnitude of the problem"),
        w("we might give people a sense of the magnitude of the problem"),
    )
    assert not c.same_statement


def test_a_closed_compound_written_as_two_words_is_the_same_wording() -> None:
    tail = "kept every passenger calm until the lifeboats arrived"
    assert changes(f"our crewmembers {tail}", f"our crew members {tail}") == []
    assert changes(f"each firefighter {tail}", f"each fire-fighter {tail}") == []
    assert changes(f"the healthcare workers {tail}", f"the health care workers {tail}") == []


def test_a_compound_at_the_edge_of_the_common_part_is_the_same_wording() -> None:
    a = "we thank our crewmembers for staying calm under pressure all night long"
    b = "we thank our crew members for staying calm under pressure all night"
    assert changes(a, b) == []


def test_splits_that_change_the_words_still_differ() -> None:
    tail = "by the storm before the crew could reach the lifeboats"
    assert changes(f"the hull was torn apart {tail}", f"the hull was torn a part {tail}")
    assert changes(f"the ferry sailed in 2015 {tail}", f"the ferry sailed in 20 15 {tail}")
    assert changes(f"our crewmembers were saved {tail}", f"our crew leaders were saved {tail}")


def test_round_brackets_are_an_editorial_gap() -> None:
    a = "a catastrophic loss of (the ferry's) pressure hull"
    b = "a catastrophic loss of the pressure hull"
    assert GAP in w(a)
    assert changes(a, b) == []
    assert changes("a catastrophic loss of (Orca's) pressure hull", b) == []
