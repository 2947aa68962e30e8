"""A normalised copy of an article's text with a map back to the original offsets.

Matching works on the copy (plain spaces, no zero-width characters, compatibility forms
folded, line ends unified); every span found in it is mapped back so that reports point
at the file the user has open.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from consistency.models import Span

_SPACES = {
    "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
    "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\t",
}  # fmt: skip
_DROPPED = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Characters NFKC would fold that carry meaning for quote and dash detection.
_KEEP = set("“”‘’„‚«»‹›–—")
_SPECIAL = re.compile(r"[^\x20-\x7e\n]")  # the only characters that may change


def _replacement(ch: str) -> str | None:
    """What `ch` becomes in the copy, or None when it stays as it is."""
    if ch in _SPACES:
        return " "
    if ch in _DROPPED:
        return ""
    if ch == "\r":
        return "\n"
    if ch.isascii() or ch in _KEEP:
        return None
    folded = unicodedata.normalize("NFKC", ch)
    return None if folded == ch else folded


@dataclass(frozen=True)
class _Piece:
    norm_start: int
    orig_start: int
    norm_len: int
    orig_len: int  # equal to norm_len for identity pieces


@dataclass
class NormalizedText:
    """The normalised copy of `original` and the offset map between them."""

    original: str
    text: str
    _pieces: list[_Piece] = field(repr=False)
    _starts: list[int] = field(repr=False)
    _line_starts: list[int] = field(repr=False)

    @classmethod
    def build(cls, original: str) -> NormalizedText:
        """Normalise `original`, recording where every output character came from.
        Only changes of length break the identity map; printable ASCII is skipped fast."""
        out: list[str] = []
        pieces: list[_Piece] = []
        copied = 0  # original text before this index is already in `out`
        run_orig = run_norm = 0  # where the current identity piece starts
        skip_to = 0
        for m in _SPECIAL.finditer(original):
            i = m.start()
            if i < skip_to:
                continue
            ch = original[i]
            rep = _replacement(ch)
            if rep is None:
                continue
            width = 2 if ch == "\r" and original[i + 1 : i + 2] == "\n" else 1
            out.append(original[copied:i])
            out.append(rep)
            copied = skip_to = i + width
            if len(rep) == width:
                continue  # same length: positions are unchanged
            if i > run_orig:
                pieces.append(_Piece(run_norm, run_orig, i - run_orig, i - run_orig))
            norm_pos = run_norm + (i - run_orig)
            if rep:
                pieces.append(_Piece(norm_pos, i, len(rep), width))
            run_orig, run_norm = i + width, norm_pos + len(rep)
        out.append(original[copied:])
        if len(original) > run_orig or not pieces:
            length = len(original) - run_orig
            pieces.append(_Piece(run_norm, run_orig, length, length))
        line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
        return cls(original, "".join(out), pieces, [p.norm_start for p in pieces], line_starts)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the copy to the span of the original it came from."""
        if end <= start:
            pos = self._orig_start(start)
            return pos, pos
        return self._orig_start(start), self._orig_end(end - 1)

    def _piece(self, pos: int) -> _Piece | None:
        k = bisect_right(self._starts, pos) - 1
        return self._pieces[k] if k >= 0 else None

    def _orig_start(self, pos: int) -> int:
        if pos >= len(self.text):
            return len(self.original)
        p = self._piece(pos)
        assert p is not None
        if p.norm_len == p.orig_len:
            return p.orig_start + (pos - p.norm_start)
        return p.orig_start

    def _orig_end(self, last: int) -> int:
        p = self._piece(last)
        assert p is not None
        if p.norm_len == p.orig_len:
            return p.orig_start + (last - p.norm_start) + 1
        return p.orig_start + p.orig_len

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset into the original."""
        k = bisect_right(self._line_starts, offset) - 1
        return k + 1, offset - self._line_starts[k] + 1

    def span(self, start: int, end: int) -> Span:
        """A `Span` in the original for the span [start, end) of the copy."""
        ostart, oend = self.to_original(start, end)
        return self.original_span(ostart, oend)

    def original_span(self, ostart: int, oend: int) -> Span:
        """A `Span` for offsets that already point into the original."""
        line, col = self.line_col(ostart)
        end_line, end_col = self.line_col(max(ostart, oend - 1))
        return Span(
            start=ostart, end=oend, line=line, column=col, end_line=end_line, end_column=end_col
        )

    def original_slice(self, start: int, end: int) -> str:
        """The text of the original behind the copy's span [start, end)."""
        ostart, oend = self.to_original(start, end)
        return self.original[ostart:oend]

    def blank(self, spans: Iterable[tuple[int, int]]) -> None:
        """Replace each span of the copy with spaces (newlines kept): boilerplate, markup."""
        chars = list(self.text)
        for start, end in spans:
            for k in range(start, end):
                if chars[k] != "\n":
                    chars[k] = " "
        self.text = "".join(chars)
