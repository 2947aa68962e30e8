"""lemminflect's dictionary is kept parsed in the user's cache folder: the same lemmas, and
a damaged or unwritable cache never changes them."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

PROBE = (
    "from consistency.text import lemma as lx\n"
    "print([lx.verb(w) for w in ('killed', 'rose', 'offer', 'battling')],"
    " lx.noun('firemen'), lx.base('worse'))\n"
)


def _run(cache: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def _cached(cache: Path) -> list[Path]:
    return sorted((cache / "consistency").glob("lemmas-*.marshal"))


def test_the_cache_gives_the_same_lemmas_and_survives_damage(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert "kill" in first and "fireman" in first
    (made,) = _cached(cache)
    assert isinstance(marshal.loads(made.read_bytes()), dict)
    assert _run(cache) == first  # read from the cache
    made.write_bytes(b"\x00 not marshal")
    assert _run(cache) == first  # damaged: parsed again and rewritten
    assert isinstance(marshal.loads(made.read_bytes()), dict)
    assert not list((cache / "consistency").glob(".*.tmp"))


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "consistency").write_text("a file where the folder would be")
    assert _run(blocked) == _run(tmp_path / "fresh")
    assert not _cached(blocked)
