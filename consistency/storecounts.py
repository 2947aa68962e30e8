"""The counts the index keeps up to date with every write: each feature's document
frequency (`vocabulary.df`) and each article's number of *rare* features, those in at most
`COMMON_DF` articles (`rarity.rare`). The grouping reads a frequency in one lookup, and
bounds an article's norm from below by its rare features without reading them.

A write batch changes frequencies by whole articles: `recount` is given the net change of
each feature's frequency and the features of the articles just written, and touches the
rare counts of other articles only for a feature whose frequency crosses `COMMON_DF`
(seldom)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from consistency.storyfeatures import COMMON_DF

_CHUNK = 500  # parameters of one IN (...) query


def recount(
    db: sqlite3.Connection, changes: Counter[int], holding: dict[int, Collection[int]]
) -> None:
    """Keep the document frequencies of the features whose frequency `changes`, the
    rare-feature counts of the articles holding a feature that thereby became common or
    rare again, and those of the articles just written (`holding`: article id -> its
    feature ids)."""
    changed = sorted(i for i, n in changes.items() if n)
    before = dict(rows_in(db, "SELECT id, df FROM vocabulary WHERE id", changed))
    db.executemany(
        "UPDATE vocabulary SET df = df + ? WHERE id = ?", [(changes[i], i) for i in changed]
    )
    crossed = []
    for i in changed:
        was, now = before[i], before[i] + changes[i]
        if (was <= COMMON_DF) != (now <= COMMON_DF):
            crossed.append((1 if now <= COMMON_DF else -1, i))
    db.executemany(
        "UPDATE rarity SET rare = rare + ? WHERE article IN"
        " (SELECT article FROM postings WHERE feature = ?)",
        crossed,
    )
    held = sorted({i for ids in holding.values() for i in ids})
    rare = {
        i for i, n in rows_in(db, "SELECT id, df FROM vocabulary WHERE id", held) if n <= COMMON_DF
    }
    db.executemany(
        "INSERT OR REPLACE INTO rarity(article, rare) VALUES (?, ?)",
        [(article, len(rare.intersection(ids))) for article, ids in holding.items()],
    )


def rows_in(
    db: sqlite3.Connection, query: str, values: Sequence[Any], first: tuple[Any, ...] = ()
) -> Iterator[tuple[Any, ...]]:
    """The rows of `query` + " IN (...)" over `values`, a bounded number of parameters at
    a time (after the parameters `first`, the same for every chunk)."""
    for k in range(0, len(values), _CHUNK):
        chunk = values[k : k + _CHUNK]
        yield from db.execute(f"{query} IN ({','.join('?' * len(chunk))})", (*first, *chunk))
