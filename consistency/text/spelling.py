"""Is one name a misspelling of another? Word and name comparisons for E101, no I/O."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from consistency.text.names import fold_name, number_variant

# Designators a company name may carry or drop ("Acme Shipping Ltd" is "Acme Shipping").
CORPORATE = frozenset(
    """ltd inc corp co llc plc limited corporation incorporated company gmbh ag sa nv bv
    spa pty""".split()
)
# Initial letters that romanisations of one sound swap ("Gunan"/"Kunan", "Duan"/"Tuan").
SOUND_ALIKE = frozenset(frozenset(p) for p in ("gk", "ck", "bp", "dt", "vw", "jy"))

Words = tuple[str, ...]


@lru_cache(maxsize=8192)
def name_words(name: str) -> Words:
    """A name as compared: folded words, trailing company designators dropped."""
    words = [w.strip(".,") for w in fold_name(name).split()]
    while len(words) > 1 and words[-1] in CORPORATE:
        words.pop()
    return tuple(w for w in words if w)


def _initials_agree(x: str, y: str) -> bool:
    return x[0] == y[0] or frozenset((x[0], y[0])) in SOUND_ALIKE


def typo_variant(x: str, y: str) -> bool:
    """One letter dropped, doubled or changed in a word of four letters or more."""
    return min(len(x), len(y)) >= 4 and x[0] == y[0] and Levenshtein.distance(x, y) == 1


def loose_variant(x: str, y: str) -> bool:
    """A respelling of a long word (letters dropped, vowels and doubled consonants
    changed, an initial sound swapped): about one letter in three may differ."""
    if min(len(x), len(y)) < 4 or not _initials_agree(x, y):
        return False
    limit = max(2, (max(len(x), len(y)) + 1) // 3)
    return Levenshtein.distance(x, y) <= limit and JaroWinkler.similarity(x, y) >= 0.85


def same_word(x: str, y: str, *, plural_ok: bool = False) -> bool:
    """Folded words that are one spelling: equal, or equal but for hyphens ("Jean Claude",
    "Jean-Claude"), or, where allowed, a plural more or less."""
    if x.replace("-", "") == y.replace("-", ""):
        return True
    return plural_ok and number_variant(x, y)


def _diff(a: Words, b: Words, *, group: bool) -> tuple[str, str] | bool | None:
    """Compare aligned words: True when one spelling, the one differing word pair when a
    misspelling, None when different names. A plural more or less is one spelling except
    on the surname of a two-word name that is no team ("Peter Robert" is a misspelling,
    "Coast Guards" and "the Wild Boar team" are not)."""
    surname = None if group or len(a) > 2 else len(a) - 1  # "Peter Roberts": no plural
    differ = [
        (x, y)
        for i, (x, y) in enumerate(zip(a, b, strict=True))
        if not same_word(x, y, plural_ok=i != surname)
    ]
    if not differ:
        return True
    if len(differ) < len(a):  # anchored by a word spelled alike: one word may be respelled
        if len(differ) == 1 and loose_variant(*differ[0]):
            return differ[0]
        return None
    if len(a) >= 2 and all(typo_variant(x, y) for x, y in differ):
        return differ[0]  # every word a letter off: "Norsk Shiping" for "Norske Shipping"
    return None


def windows(words: Words) -> set[Words]:
    """The heads and tails of a name, of two words or more, and the name itself: where
    another outlet's shorter form of it may be found."""
    out = {words}
    for k in range(2, len(words)):
        out.add(words[:k])
        out.add(words[-k:])
    return out


def align(a: Words, b: Words, *, group: bool = False) -> tuple[Words, Words] | None:
    """When names a and b are two spellings of one name, the two aligned spellings (the
    shorter name against the head or tail of the longer); None when one spelling or
    different names. "Navy diver Saman Gunan" against "Saman Kunan" gives
    (("saman", "gunan"), ("saman", "kunan"))."""
    short = min(len(a), len(b))
    if short < 2:
        return None
    pairs = [(a[-short:], b[-short:]), (a[:short], b[:short])]
    for x, y in pairs:
        found = _diff(x, y, group=group)
        if found is True:
            return None  # one spelling: an extra title or middle name is no misspelling
        if found:
            return x, y
    return None
