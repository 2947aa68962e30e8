"""Property-based tests: offset maps, quote-mark scanning, the whole pipeline, alignment."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from consistency.extract.marks import MARKS, scan
from consistency.ingest import load
from consistency.ingest.normalize import NormalizedText
from consistency.pipeline import run
from consistency.text.diff import compare
from consistency.text.segment import paragraphs
from consistency.text.tokens import GAP

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------------------
# NormalizedText.build
# ---------------------------------------------------------------------------------------

SPECIAL = [
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u200b",  # zero-width space
    "\ufeff",  # BOM / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\r\n",
    "\r",
    "\n",
    "\t",
    "…",
    "ﬁ",
    "“",
    "”",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "—",
    "😀",
    "👍🏽",
    "e\u0301",  # combining accent
    "é",
    "Ⅻ",
    "²",
    "ｗ",  # fullwidth letter
    " ",
]

texts_with_specials = st.lists(
    st.one_of(
        st.sampled_from(SPECIAL),
        st.sampled_from(list(string.ascii_letters + string.digits + " .,'\"")),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
).map("".join)


def _naive_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


@FAST
@given(texts_with_specials)
@example("a\u00a0b\u202fc\u200bd\ufeffe\u00adf\r\ng\rh…iﬁj“k”l😀m")
def test_normalized_spans_map_inside_original(original: str) -> None:
    norm = NormalizedText.build(original)
    n = len(norm.text)
    for start in range(n + 1):
        for end in range(start, n + 1):
            ostart, oend = norm.to_original(start, end)
            assert 0 <= ostart <= oend <= len(original), (start, end, ostart, oend)


@FAST
@given(texts_with_specials)
@example("ﬁ…\r\n\u200bab\u00a0c")
def test_normalized_mapping_is_monotonic(original: str) -> None:
    norm = NormalizedText.build(original)
    n = len(norm.text)
    empty = [norm.to_original(k, k)[0] for k in range(n + 1)]
    assert empty == sorted(empty)
    singles = [norm.to_original(k, k + 1) for k in range(n)]
    starts = [s for s, _ in singles]
    ends = [e for _, e in singles]
    assert starts == sorted(starts)
    assert ends == sorted(ends)
    # a wider span never maps to a narrower one
    for k in range(n):
        s, e = norm.to_original(0, k + 1)
        assert s <= singles[k][0] and e >= singles[k][1]


@FAST
@given(texts_with_specials)
@example("Hello\u00a0world\u200b ﬁne …\r\nbye")
def test_unchanged_ascii_letters_map_to_themselves(original: str) -> None:
    norm = NormalizedText.build(original)
    # where each single character of the copy comes from
    source = {norm.to_original(k, k + 1): k for k in range(len(norm.text))}
    for i, ch in enumerate(original):
        if ch in string.ascii_letters:
            assert (i, i + 1) in source, (i, ch)
            k = source[(i, i + 1)]
            assert norm.text[k] == ch
            assert norm.original_slice(k, k + 1) == ch


@FAST
@given(texts_with_specials)
def test_copy_has_no_special_spaces_or_invisible_characters(original: str) -> None:
    norm = NormalizedText.build(original)
    for bad in ("\r", "\u00a0", "\u202f", "\u200b", "\ufeff", "\u00ad", "\t"):
        assert bad not in norm.text
    # each identity character of the original survives: ASCII letters are counted equal
    assert sum(c in string.ascii_letters for c in norm.text) >= sum(
        c in string.ascii_letters for c in original
    )


@FAST
@given(texts_with_specials)
@example("one\r\ntwo\rthree\nfour")
def test_line_col_agrees_with_naive_count(original: str) -> None:
    norm = NormalizedText.build(original)
    for offset in range(len(original) + 1):
        assert norm.line_col(offset) == _naive_line_col(original, offset)


def test_normalized_copy_known_values() -> None:
    # hand-checked: NBSP becomes a space, ZWSP vanishes, CRLF becomes LF, "ﬁ" becomes "fi"
    norm = NormalizedText.build("a\u00a0b\u200bc\r\nﬁx")
    assert norm.text == "a bc\nfix"
    assert norm.original_slice(0, 4) == "a\u00a0b\u200bc"
    assert norm.original_slice(4, 5) == "\r\n"
    assert norm.original_slice(5, 6) == "ﬁ"  # half of a ligature maps to the whole of it
    assert norm.original_slice(7, 8) == "x"


# ---------------------------------------------------------------------------------------
# extract.marks.scan
# ---------------------------------------------------------------------------------------

mark_texts = st.text(
    alphabet=st.sampled_from(list("abcXY .,—-\n") + sorted(MARKS)),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(mark_texts, st.booleans())
def test_scan_quotes_lie_within_their_marks(text: str, soft: bool) -> None:
    paras = paragraphs(text, soft_wrap=soft)
    quotes, problems = scan(text, paras)
    for q in quotes:
        assert 0 <= q.open < q.close <= len(text)
        assert text[q.open] in MARKS
        assert text[q.close - 1] in MARKS
        assert q.depth >= 0
        assert q.segments
        for s, e in q.segments:
            assert q.open <= s <= e <= q.close
            assert 0 <= s <= e <= len(text)
    for p in problems:
        assert 0 <= p.pos < len(text)
        assert p.code in {"X001", "X002"}


def test_scan_known_quote() -> None:
    text = 'He said "we will win" and left.'
    quotes, problems = scan(text, paragraphs(text))
    assert problems == []
    assert len(quotes) == 1
    q = quotes[0]
    assert (q.open, q.close) == (8, 21)
    assert [text[s:e] for s, e in q.segments] == ["we will win"]


# ---------------------------------------------------------------------------------------
# the whole pipeline
# ---------------------------------------------------------------------------------------

FRAGMENTS = [
    "---\n",
    "title: T\n",
    "outlet: X\n",
    "published: 2017-10-16\n",
    "He said ",
    "she said. ",
    '"we will win this war today," ',
    "“If all the women wrote ‘Me too’ as a status”",
    "Milano wrote. ",
    "Milano said “we will win this fight and we will do it today” at noon.\n",
    'Milano said "we will win this fight and we will do it tomorrow" at noon.\n',
    "“we will win this fight and we will do it today,” Milano said.\n",
    "\n\n",
    "\n",
    "\r\n",
    "[sic] ",
    "… ",
    "[link](http://x.y/z) ",
    "*em* ",
    "# Head\n",
    "> ",
    "Follow us on Instagram ",
    "Leave a Reply\n",
    "//platform.twitter.com/widgets.js\n",
]
QUOTE_WORDS = ['"', "“", "”", "‘", "’", "'", "we ", "will ", "win ", "the ", "war ", "said "]
article_texts = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(QUOTE_WORDS),
        st.sampled_from(QUOTE_WORDS),
        st.sampled_from(SPECIAL),
        st.text(
            alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
            max_size=8,
        ),
    ),
    min_size=0,
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(article_texts, st.sampled_from([".txt", ".md"])), min_size=1, max_size=3))
@example([('He said "we will win this war today" loudly.\n', ".txt")] * 2)
@example(
    [
        (
            "---\ntitle: T\n---\r\n"
            "Milano said “we will win this ﬁght and we will do it today” at\u00a0noon.\r\n",
            ".md",
        ),
        ("Milano said “we will win this fight and we will do it tomorrow” at noon.", ".txt"),
    ]
)
def test_pipeline_spans_index_their_files(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts: dict[str, str] = {}
        paths = []
        for k, (text, suffix) in enumerate(files):
            path = root / f"a{k}{suffix}"
            data = text.encode("utf-8")
            path.write_bytes(data)
            texts[path.name] = data.decode("utf-8-sig")  # what an editor would show
            paths.append(path)
        result = load(paths, base=root)
        report = run(result.documents, errors=result.errors)
        by_id = {a.id: texts[a.path] for a in report.articles}
        assert len(report.articles) + len(report.errors) == len(files)
        for claim in report.claims:
            text = by_id[claim.article]
            s = claim.span
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == claim.text
            for seg in getattr(claim, "segments", []):
                assert 0 <= seg.start <= seg.end <= len(text)
                assert s.start <= seg.start and seg.end <= s.end
        for finding in report.findings:
            for ev in finding.claims:
                text = texts[ev.path]
                assert 0 <= ev.start <= ev.end <= len(text)
                assert text[ev.start : ev.end] == ev.text
        for diag in report.diagnostics:
            assert 1 <= diag.line <= texts[diag.path].count("\n") + 1


# ---------------------------------------------------------------------------------------
# alignment
# ---------------------------------------------------------------------------------------

VOCAB = ["the", "we", "will", "win", "war", "today", "not", GAP]
token_lists = st.lists(st.sampled_from(VOCAB), max_size=12)


@settings(max_examples=400, deadline=None)
@given(token_lists, token_lists)
@example(["the"] * 6 + ["we"], ["the", "the", "the", "we", "the"])
def test_same_statement_is_symmetric(a: list[str], b: list[str]) -> None:
    assert compare(a, b).same_statement == compare(b, a).same_statement


@settings(max_examples=400, deadline=None)
@given(token_lists, token_lists)
@example(["we", "the"], ["the", "we", "we"])
def test_difference_count_is_symmetric(a: list[str], b: list[str]) -> None:
    assert len(compare(a, b).differences) == len(compare(b, a).differences)


@settings(max_examples=400, deadline=None)
@given(token_lists, token_lists)
@example(["we", "the", GAP, "we", "the", "the"], ["we", "the", GAP, "the", "we"])
def test_similarity_is_a_fraction(a: list[str], b: list[str]) -> None:
    assert 0.0 <= compare(a, b).similarity <= 1.0


@settings(max_examples=300, deadline=None)
@given(token_lists, token_lists)
def test_contained_quotes_are_the_same_statement_both_ways(a: list[str], b: list[str]) -> None:
    # a partial quote (one wording inside the other) is the same statement whichever comes first
    longer = a + b
    for part in (a, b):
        if part:
            assert compare(part, longer).same_statement
            assert compare(longer, part).same_statement


@settings(max_examples=300, deadline=None)
@given(token_lists)
def test_identical_token_lists_have_no_differences(a: list[str]) -> None:
    c = compare(a, list(a))
    assert c.same_statement
    assert c.differences == []
