"""Lemmas and parts of speech from lemminflect's dictionary (shipped with the package,
offline): what a word can be (noun, verb, adjective) and its base forms.

lemminflect parses its dictionary (a gzipped CSV of 70,000 words) on first use, 0.3-0.6 s,
and importing it imports numpy, 0.1 s more: together a third of a `consistency ci` run. So
the table this module reads (every word with its lemmas as lemminflect gives them, its
overrides applied) is kept in the user's cache folder (`$XDG_CACHE_HOME/consistency`, else
`~/.cache/consistency`), as sorted lines searched in place (`_Sorted`), in a marshal file
named by the size and time of lemminflect's files. When it is there, lemminflect is not
imported at all. It is written atomically; when it cannot be read or written, the table is
built from lemminflect again, the same."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
from array import array
from functools import cache, lru_cache
from pathlib import Path

from consistency.errors import WriteError
from consistency.fileio import atomic_write_bytes

Table = dict[str, dict[str, tuple[str, ...]]]  # word -> part of speech -> lemmas

# lemminflect's files the table is made from, relative to its package folder
_SOURCES = ("__init__.py", "resources/lemma_lu.csv.gz", "resources/lemma_overrides.csv")


def cache_dir() -> Path:
    """Where derived data is kept: `$XDG_CACHE_HOME/consistency`, else
    `~/.cache/consistency`."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "consistency"


@cache
def _table() -> _Sorted:
    """The table from the cache, or built from lemminflect (and cached)."""
    path = _cache_path()
    if path is not None:
        try:
            found = _Sorted.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            found = None
        if found is not None:
            return found
    table = _Sorted.of(_built())
    if path is not None:
        with contextlib.suppress(WriteError):  # no cache then: built again next run
            atomic_write_bytes(path, table.dumps(), what="the lemma cache")
    return table


class _Sorted:
    """The table as one text, a line per word in sorted order (the word, a tab, then each
    part of speech with its lemmas), and where each line starts. It loads in milliseconds
    (a string and an array; a dictionary of 64,000 words took 0.14 s, a tenth of a `ci`
    run) and a word is found by bisection. Words whose entry holds a separator, if a
    dictionary ever has one, are kept aside in a plain dictionary (`odd`)."""

    __slots__ = ("odd", "starts", "text")
    _FORMAT = "lemma-lines-1"
    _POS, _LEMMA = "\x1e", "\x1f"  # between parts of speech; between a part and its lemmas

    def __init__(self, text: str, starts: array[int], odd: Table) -> None:
        self.text, self.starts, self.odd = text, starts, odd

    @classmethod
    def of(cls, table: Table) -> _Sorted:
        lines, odd = [], {}
        for word in sorted(table):
            found = table[word]
            entry = cls._POS.join(cls._LEMMA.join((pos, *found[pos])) for pos in found)
            fields = [word, *found, *(lemma for lemmas in found.values() for lemma in lemmas)]
            if any(c in f for f in fields for c in "\t\n\x1e\x1f"):
                odd[word] = found
            else:
                lines.append(f"{word}\t{entry}\n")
        starts, at = array("I"), 0
        for line in lines:
            starts.append(at)
            at += len(line)
        return cls("".join(lines), starts, odd)

    @classmethod
    def loads(cls, data: bytes) -> _Sorted | None:
        """The table of a cache file; None when the file is not one."""
        loaded = marshal.loads(data)
        if not (isinstance(loaded, tuple) and len(loaded) == 4 and loaded[0] == cls._FORMAT):
            return None
        _, text, raw, odd = loaded
        if not (isinstance(text, str) and isinstance(raw, bytes) and isinstance(odd, dict)):
            return None
        starts = array("I")
        starts.frombytes(raw)
        if not (starts and starts[0] == 0 and starts[-1] < len(text) and text[-1] == "\n"):
            return None
        return cls(text, starts, odd)

    def dumps(self) -> bytes:
        return marshal.dumps((self._FORMAT, self.text, self.starts.tobytes(), self.odd))

    def get(self, word: str) -> dict[str, tuple[str, ...]]:
        """What the table holds for `word`, {} when nothing."""
        if word in self.odd:
            return self.odd[word]
        text, starts = self.text, self.starts
        lo, hi = 0, len(starts)
        while lo < hi:  # the first line whose word is not below `word`
            mid = (lo + hi) // 2
            at = starts[mid]
            if text[at : text.find("\t", at)] < word:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(starts):
            return {}
        at = starts[lo]
        tab = text.find("\t", at)
        if text[at:tab] != word:
            return {}
        found = {}
        for part in text[tab + 1 : text.find("\n", tab)].split(self._POS):
            pos, *lemmas = part.split(self._LEMMA)
            found[pos] = tuple(lemmas)
        return found


def _built() -> Table:
    """Every lower-case word lemminflect knows, with what `getAllLemmas` gives for it."""
    from lemminflect import getAllLemmas
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    words = {*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict()}
    table: Table = {}
    for word in (w for w in words if w == w.lower()):  # (`_Sorted.of` sorts them)
        found = getAllLemmas(word)
        if found:
            table[word] = {pos: tuple(lemmas) for pos, lemmas in found.items()}
    return table


def _cache_path() -> Path | None:
    """The cache file for the installed lemminflect, found without importing it; None when
    its files are not where this module expects them (then nothing is cached)."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        stats = [(package / name).stat() for name in _SOURCES]
    except OSError:
        return None
    key = ",".join(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)
    return cache_dir() / f"lemmas-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1 << 16)
def forms(word: str) -> dict[str, tuple[str, ...]]:
    """Every part of speech the dictionary knows for `word`, with its lemmas (the caller
    must not change the dictionary)."""
    return _table().get(word.lower())


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
