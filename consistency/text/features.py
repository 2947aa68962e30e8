"""The features that tie an article to a story: names, hashtags, figures and longer words,
counted. `consistency.stories` compares articles by them; the index stores them."""

from __future__ import annotations

import re
from collections import Counter

from consistency.text.tokens import FUNCTION_WORDS

_MAX_FEATURES = 400
_WORD = re.compile(r"[#@]?[^\W\d_][\w'’-]*|\d[\d,.]*\d")
# (a newline is found as the last one of the trailing blanks: each blank is read once)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’(\[])\s*+$|\n[^\S\n]*+$")
_COMMON = frozenset(
    """about after again against along already also although always among another anyone
    around because before being below between both cannot could during each either enough
    every everyone first from further however instead into itself later least little
    might more most much never next often other others over perhaps rather really said
    says several should since some something still such than their them themselves then
    there these they thing things those though through today under until upon very were
    what whatever when where whether which while whom whose will with within without would
    year years people during according statement told tuesday wednesday thursday friday
    saturday sunday monday january february march april june july august september october
    november december""".split()
)
_NOT_NAMES = FUNCTION_WORDS | _COMMON  # capitalised, still not a name


def features_of(text: str, start: int = 0) -> dict[str, int]:
    """The story features of a (normalised) text from `start` on, with their counts."""
    found: list[str] = []
    for m in _WORD.finditer(text, start):
        word = m.group()
        first = word[0]
        if first.isupper():
            low = word.lower().strip("'’-")
            if low not in _NOT_NAMES and not _SENTENCE_START.search(
                text, max(start, m.start() - 3), m.start()
            ):
                found.append(low.capitalize())  # a name keeps its capital
        elif first.isdigit():
            digits = re.sub(r"\D", "", word)
            if len(digits) >= 3:
                found.append(digits)
        elif first in "#@":
            low = word.lower().strip("'’-")
            if len(low) > 2:
                found.append(low)
        elif len(word) >= 5 or not word.isascii():  # lower case lengthens no ASCII word
            low = word.lower().strip("'’-")
            if len(low) >= 5 and low not in _COMMON:
                found.append(low)
    return dict(Counter(found).most_common(_MAX_FEATURES))
