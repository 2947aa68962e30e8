"""Lemmas and parts of speech from lemminflect's dictionary (shipped with the package,
offline): what a word can be (noun, verb, adjective) and its base forms.

lemminflect parses its dictionary (a gzipped CSV of 70,000 words) on first use: 0.3-0.6 s,
a third of a `consistency ci` run. The parsed dictionary is kept in the user's cache folder
(`$XDG_CACHE_HOME/consistency`, else `~/.cache/consistency`) as a marshal file named by
lemminflect's version and its data file's size and time, which loads four times faster.
It is written atomically; when it cannot be read or written, lemminflect's own loading is
used, with the same result."""

from __future__ import annotations

import contextlib
import marshal
import os
from functools import cache, lru_cache
from pathlib import Path

import lemminflect
from lemminflect import getAllLemmas
from lemminflect.core.Lemmatizer import Lemmatizer

from consistency.errors import WriteError
from consistency.fileio import atomic_write_bytes


def cache_dir() -> Path:
    """Where derived data is kept: `$XDG_CACHE_HOME/consistency`, else
    `~/.cache/consistency`."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "consistency"


@cache
def _dictionary_loaded() -> None:
    """Give lemminflect its dictionary from the cache, or cache the one it loads."""
    lemmatizer = Lemmatizer()
    if hasattr(lemmatizer, "lemma_dict"):
        return  # loaded already (lemminflect keeps one Lemmatizer)
    path = _cache_path(Path(lemmatizer.lemma_lu_fn))
    if path is not None:
        try:
            table = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            table = None
        if isinstance(table, dict) and table:
            lemmatizer.lemma_dict = table
            return
    table = lemmatizer._getLemmaDict()
    if path is not None:
        with contextlib.suppress(WriteError):  # no cache then: parsed again next run
            atomic_write_bytes(path, marshal.dumps(table), what="the lemma cache")


def _cache_path(data: Path) -> Path | None:
    """The cache file of lemminflect's data file `data`; None when it cannot be found."""
    try:
        stat = data.stat()
    except OSError:
        return None
    name = f"lemmas-{lemminflect.__version__}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    return cache_dir() / name


@lru_cache(maxsize=1 << 16)
def forms(word: str) -> dict[str, tuple[str, ...]]:
    """Every part of speech the dictionary knows for `word`, with its lemmas."""
    _dictionary_loaded()
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
