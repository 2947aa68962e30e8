"""lemminflect's dictionary is kept as a table in the user's cache folder: the same lemmas
as lemminflect gives, a warm cache does not import lemminflect, and a damaged or unwritable
cache never changes them."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = (
    "import sys\n"
    "from consistency.text import lemma as lx\n"
    "print([lx.verb(w) for w in ('killed', 'rose', 'offer', 'battling')],"
    " lx.noun('firemen'), lx.base('worse'))\n"
    "print('imported' if 'lemminflect' in sys.modules else 'not imported', file=sys.stderr)\n"
)


def _run(cache: Path, *, imports: str | None = None) -> str:
    """The probe's output; `imports`: whether lemminflect must have been imported."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert imports is None or result.stderr.splitlines()[-1] == imports
    return result.stdout


def _cached(cache: Path) -> list[Path]:
    return sorted((cache / "consistency").glob("lemmas-*.marshal"))


def test_the_cache_gives_the_same_lemmas_and_survives_damage(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache, imports="imported")
    assert "kill" in first and "fireman" in first
    (made,) = _cached(cache)
    assert isinstance(marshal.loads(made.read_bytes()), tuple)
    assert _run(cache, imports="not imported") == first  # read from the cache
    made.write_bytes(b"\x00 not marshal")
    assert _run(cache, imports="imported") == first  # damaged: built again and rewritten
    assert isinstance(marshal.loads(made.read_bytes()), tuple)
    assert not list((cache / "consistency").glob(".*.tmp"))


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "consistency").write_text("a file where the folder would be")
    assert _run(blocked) == _run(tmp_path / "fresh")
    assert not _cached(blocked)


def test_the_table_gives_what_lemminflect_gives(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from lemminflect import getAllLemmas

    from consistency.text import lemma as lx

    table = lx._built()
    lookup = lx._Sorted.loads(lx._Sorted.of(table).dumps())
    assert lookup is not None
    words = [*sorted(table)[::97], "Killed", "FIREMEN", "I", "US", "Ships", "qzxv", "a", "", "~"]
    for word in words:
        assert lookup.get(word.lower()) == dict(getAllLemmas(word.lower())), word


def test_entries_holding_a_separator_are_kept_aside() -> None:
    from consistency.text import lemma as lx

    table = {"cat": {"NOUN": ("cat",)}, "odd\tword": {"NOUN": ("odd",)}, "zed": {"X": ("a\nb",)}}
    lookup = lx._Sorted.loads(lx._Sorted.of(table).dumps())
    assert lookup is not None and set(lookup.odd) == {"odd\tword", "zed"}
    assert {word: lookup.get(word) for word in table} == table
    assert lookup.get("odd") == {} and lookup.get("cats") == {}
    assert lx._Sorted.loads(lx.marshal.dumps({"a": 1})) is None
