"""Paragraphs and sentences of a normalised text, as offset spans."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence

_BLANK_LINE = re.compile(r"\n[ ]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")
_TERMINAL = tuple('.!?:"”’)')

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen gov sen rep lt col capt sgt cmdr adm rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no vs etc inc ltd co corp dept est fig approx u.s u.k u.n e.g i.e a.m p.m""".split()
)
# Possessive and anchored at the start of a run of marks, so a long run ("......") is read
# once, not once from each of its marks.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9#@])")
_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS)


def soft_wrapped(text: str) -> bool:
    """True when single newlines look like line wrapping inside paragraphs, not breaks."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 5:
        return False
    lengths = sorted(len(ln) for ln in lines)
    if lengths[int(len(lengths) * 0.9) - 1] > 100:
        return False
    pairs = text.split("\n")
    open_ends = sum(
        1
        for a, b in itertools.pairwise(pairs)
        if a.strip() and b.strip() and not a.rstrip().endswith(_TERMINAL)
    )
    return open_ends >= 0.3 * len(lines)


def paragraphs(text: str, *, start: int = 0, soft_wrap: bool = False) -> list[tuple[int, int]]:
    """Spans of paragraphs: blank-line separated, or line separated unless soft-wrapped."""
    breaker = _BLANK_LINE if soft_wrap else _NEWLINE
    spans: list[tuple[int, int]] = []
    pos = start
    for m in breaker.finditer(text, start):
        _append_trimmed(spans, text, pos, m.start())
        pos = m.end()
    _append_trimmed(spans, text, pos, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def sentences(
    text: str,
    para: tuple[int, int],
    *,
    opaque: Sequence[tuple[int, int]] = (),
    opaque_starts: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Sentence spans within a paragraph, never split inside an `opaque` span (a quote);
    `opaque_starts`, the starts of the sorted `opaque` spans, saves listing them again."""
    s, e = para
    starts = [o[0] for o in opaque] if opaque_starts is None else opaque_starts
    spans: list[tuple[int, int]] = []
    pos = s
    for m in _SENTENCE_END.finditer(text, s, e):
        cut = m.end()
        k = bisect_right(starts, cut - 1) - 1
        if k >= 0 and opaque[k][0] < cut - 1 < opaque[k][1] - 1:
            continue  # inside a quotation
        if _is_abbreviation(text, m.start()):
            continue
        _append_trimmed(spans, text, pos, cut)
        pos = cut
    _append_trimmed(spans, text, pos, e)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
        if dot - k > _LONGEST_ABBREVIATION:
            return False  # longer than any abbreviation: stop walking back
    word = text[k:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())
