"""Words of quoted text for comparison: editorial marks out, ellipses and insertions as gaps.

Words in [square brackets] or (round brackets) inside a quotation are the editor's, not the
speaker's: "the loss of (the vessel's) hull" clarifies "the loss of the hull". Both become a
gap, which stands for whatever another version has in its place."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

GAP = "\u2026gap"  # a token standing for words an editor left out or replaced
_QUOTE_MARKS = set("\"'“”‘’„‚«»")

# Words too common to tie two passages together on their own.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at for by with from and or but if as is are was were be been it
    its this that i you he she we they me him her us them my your his our their not no so
    do does did have has had will would can could there here what who which""".split()
)

_TOKEN = re.compile(
    r"""
    (?P<sic>[\[(]\s*sic\s*[\])])
  | (?P<gap>\[[^\[\]]*+\]|\([^()\n]*\)|\u2026|\.[ ]?\.[ ]?\.)
  | (?P<num>\d+(?:[.,]\d+)*)
  | (?P<word>[#@]?\w+(?:['’]\w+)*)
  | (?P<punct>[,;:!?.\u2013\u2014-])
    """,
    re.VERBOSE | re.IGNORECASE,
)


class Token(NamedTuple):
    """One comparable unit: its normal form, and where it is in the normalised copy (a
    named tuple: quotations make hundreds of thousands, and a tuple is made fastest)."""

    norm: str
    start: int
    end: int
    kind: str  # "word", "num", "gap" or "punct"


def fold(word: str) -> str:
    """A word for comparison: lower case, straight apostrophe, no diacritics ("Nuñez" ->
    "nunez")."""
    word = word.replace("’", "'").lower()
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    return word


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[str]]:
    """Tokens of text[start:end] and the editorial marks met ([sic], ellipses, insertions)."""
    tokens: list[Token] = []
    editorial: list[str] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup or "punct"
        if kind == "sic":
            editorial.append("[sic]")
            continue
        if kind == "gap":
            editorial.append(m.group())
            if not (tokens and tokens[-1].kind == "gap"):
                tokens.append(Token(GAP, m.start(), m.end(), "gap"))
            continue
        value = m.group()
        if kind == "punct" and text[m.end() : m.end() + 1] in _QUOTE_MARKS:
            continue  # punctuation closing a nested quotation is not wording
        if kind == "num":
            value = value.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", value) else value
        tokens.append(Token(fold(value) if kind == "word" else value, m.start(), m.end(), kind))
    return tokens, editorial


def words(tokens: list[Token]) -> list[Token]:
    """Only the tokens that carry wording: words, numbers and gaps."""
    return [t for t in tokens if t.kind != "punct"]


CONTRACTIONS = {
    "n't": ("not",), "'m": ("am",), "'re": ("are",), "'ll": ("will",), "'ve": ("have",),
    "'d": ("would", "had"), "'s": ("is", "has"),
}  # fmt: skip
_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not")}


def expansions(word: str) -> list[tuple[str, ...]]:
    """Possible expanded forms of a contraction ("I'm" -> ("i", "am")); [] when none."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    for suffix, fulls in CONTRACTIONS.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return [(stem, full) for full in fulls]
    return []
