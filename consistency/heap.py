"""Records kept to the end of a run, and the cyclic garbage collector.

A check keeps every article's claims until its report is written: millions of small
objects with no reference cycles among them. CPython's cyclic collector rereads every
live object it tracks on each full collection, so as the records pile up it spends more
and more time rereading them (a third of the main process's time while a process pool's
records come in, at 5,000 articles). Inside `records_kept()`, `settle()` moves what is
alive out of the collector's sight (`gc.freeze`); reference counting still frees anything
let go later, and leaving the block hands everything back (`gc.unfreeze`), so that a
library caller's later collections see the same heap as without it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SETTLE_EVERY = 256  # records between two freezes: each is cheap, but not free

_DEPTH: ContextVar[int] = ContextVar("consistency_records_kept", default=0)


@contextmanager
def records_kept() -> Iterator[None]:
    """A block that builds records kept to the end of the run (nested blocks are one)."""
    token = _DEPTH.set(_DEPTH.get() + 1)
    try:
        yield
    finally:
        _DEPTH.reset(token)
        if _DEPTH.get() == 0:
            gc.unfreeze()


def settle(count: int = SETTLE_EVERY) -> None:
    """Move every object alive now out of the collector's sight, once in `SETTLE_EVERY`
    records (`count`: the records kept so far); only inside `records_kept()`."""
    if _DEPTH.get() and count % SETTLE_EVERY == 0:
        gc.freeze()
