"""Word variants that do not change what was said: spelling, contractions."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from consistency.text.tokens import expansions

_NEGATING_PREFIXES = ("un", "in", "im", "ir", "il", "dis", "non", "a")
_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_TEENS = "fifteen sixteen seventeen eighteen nineteen twenty"
# a number written as a word or in digits is the same wording ("two days" / "2 days")
NUMBER_WORDS = {w: str(k) for k, w in enumerate(f"{_UNITS} {_TEENS}".split(), start=1)} | {
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "hundred": "100",
}  # fmt: skip


def as_digits(tokens: list[str]) -> list[str]:
    """The tokens with number words written in digits, one token for one token."""
    return [NUMBER_WORDS.get(t, t) for t in tokens]


def is_number(token: str) -> bool:
    """True for a numeric token."""
    return token[:1].isdigit()


def spelling_variant(x: str, y: str) -> bool:
    """ "organised"/"organized", "harrassment"/"harassment"; never "lawful"/"unlawful"."""
    if min(len(x), len(y)) < 4 or is_number(x) or is_number(y):
        return False
    short, long_ = sorted((x, y), key=len)
    if long_.endswith(short) and long_[: len(long_) - len(short)] in _NEGATING_PREFIXES:
        return False
    return Levenshtein.distance(x, y) <= 2 and Levenshtein.normalized_similarity(x, y) >= 0.75


def expanded(tokens: list[str]) -> list[str]:
    """Tokens with contractions spelled out ("i'm" -> "i", "am")."""
    out: list[str] = []
    for t in tokens:
        forms = expansions(t)
        out.extend(forms[0] if forms else (t,))
    return out


def equivalent(old: list[str], new: list[str]) -> bool:
    """True when two runs of words say the same thing (contraction or spelling variant)."""
    if expanded(old) == expanded(new):
        return True
    return len(old) == len(new) == 1 and spelling_variant(old[0], new[0])
