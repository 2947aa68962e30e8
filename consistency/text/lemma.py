"""Lemmas and parts of speech from lemminflect's dictionary (shipped with the package,
offline): what a word can be (noun, verb, adjective) and its base forms."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas


@lru_cache(maxsize=1 << 16)
def forms(word: str) -> dict[str, tuple[str, ...]]:
    """Every part of speech the dictionary knows for `word`, with its lemmas."""
    return dict(getAllLemmas(word.lower()))


@lru_cache(maxsize=1 << 16)
def verb(word: str) -> str | None:
    """The verb lemma of `word` when it can only or most likely be a verb form ("killed",
    "battling", "rose"); None for words that are nouns as often ("ships", "offer") and for
    unknown words."""
    found = forms(word)
    lemmas = found.get("VERB")
    if not lemmas:
        return None
    low = word.lower()
    inflected = low.endswith(("ed", "ing")) or not (low == lemmas[0] or low.endswith("s"))
    if "NOUN" in found and not inflected:
        return None  # "offer", "deal": a noun as often as a verb
    return lemmas[0]


@lru_cache(maxsize=1 << 16)
def noun(word: str) -> str | None:
    """The noun lemma of `word` ("firemen" -> "fireman"); None when it is not a noun."""
    lemmas = forms(word).get("NOUN")
    return lemmas[0] if lemmas else None


@lru_cache(maxsize=1 << 16)
def base(word: str) -> str:
    """The most likely lemma of any word, the word itself when unknown."""
    found = forms(word)
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        if pos in found:
            return found[pos][0]
    return word.lower()
