"""The embedded corpus: extracted articles in one SQLite file (WAL mode).

Each article is one row: its path relative to the index root (with an integer id that
every other table uses), the content hash and extractor version it was extracted with
(an article is extracted again only when one of them changes), and its metadata, claims,
diagnostics and story features as compressed JSON (`consistency.storage`). The story
features are also kept as postings, (feature id, article id, count) in a table without
rowids ordered by feature, for the candidate stories `ci` asks for with bounded queries.
Beside them the index keeps each feature's document frequency and each article's number of
rare features, up to date with every write (`consistency.storecounts`).

Every write is a transaction taken with BEGIN IMMEDIATE, so a run killed half-way leaves
every article either as it was or wholly replaced, never half-written, and two processes
writing at once wait for each other (busy timeout) instead of losing rows.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from consistency.cachefile import CacheFile
from consistency.config import INDEX_PATH
from consistency.extract import Extracted
from consistency.storage import (
    DamagedRow,
    Entry,
    Stamp,
    StoreError,
    decode,
    decode_features,
    extractor_version,
    is_corrupt,
)
from consistency.storecounts import recount, rows_in
from consistency.storyfeatures import MemoryFeatures

__all__ = ["DamagedRow", "Entry", "Index", "Stamp", "StoreError", "extractor_version", "is_corrupt"]

DEFAULT_PATH = INDEX_PATH
SCHEMA_VERSION = 3  # 2: integer ids, compressed records, postings without rowids; 3: document
# frequencies and rare-feature counts, which are counted against COMMON_DF: changing it is a
# new schema version

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    story TEXT,
    article BLOB NOT NULL,
    claims BLOB NOT NULL,
    diagnostics BLOB NOT NULL,
    features BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS vocabulary (
    id INTEGER PRIMARY KEY,
    feature TEXT NOT NULL UNIQUE,
    df INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS postings (
    feature INTEGER NOT NULL,
    article INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (feature, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rarity (article INTEGER PRIMARY KEY, rare INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_story ON articles(story);
"""


class Index(CacheFile):
    """The SQLite index; also a `stories.FeatureSource` over the indexed articles."""

    SCHEMA = _SCHEMA
    SCHEMA_VERSION = SCHEMA_VERSION
    TABLES = ("features", "rarity", "postings", "vocabulary", "articles")  # "features": schema 1's

    def __init__(self, path: Path) -> None:
        self._postings: dict[str, list[tuple[str, int]]] = {}
        self._features: dict[str, dict[str, int]] = {}
        self._df: dict[str, int] = {}
        self._rare: dict[str, int] = {}
        self._ids: dict[str, int] = {}  # vocabulary ids, as they are written
        self._new_ids: dict[str, int] = {}  # those of the transaction under way
        super().__init__(path)

    def __enter__(self) -> Index:
        return self

    # -- reading ---------------------------------------------------------------------------

    def stamps(self, under: Sequence[str] | None = None) -> dict[str, Stamp]:
        """Path -> stamp, for every indexed article, or only for the articles at or below
        the relative paths `under` (bounded range queries on the path index)."""
        query = "SELECT path, hash, size, mtime_ns, extractor FROM articles"
        if under is None:
            return {p: Stamp(h, s, m, e) for p, h, s, m, e in self.db.execute(query)}
        out: dict[str, Stamp] = {}
        for prefix in under:
            folder = prefix.rstrip("/") + "/"
            rows = self.db.execute(
                f"{query} WHERE path = ? OR (path >= ? AND path < ?)",
                (prefix, folder, folder[:-1] + "0"),  # "0" follows "/": every path below
            )
            out.update({p: Stamp(h, s, m, e) for p, h, s, m, e in rows})
        return out

    def known(self, paths: Iterable[str]) -> list[str]:
        """Those of `paths` that are indexed, in their order (bounded queries)."""
        wanted = list(paths)
        found = {p for (p,) in rows_in(self.db, "SELECT path FROM articles WHERE path", wanted)}
        return [p for p in wanted if p in found]

    def paths(self) -> list[str]:
        """Every indexed path, sorted."""
        return [p for (p,) in self.db.execute("SELECT path FROM articles ORDER BY path")]

    def records(self, paths: Iterable[str]) -> list[Extracted]:
        """The stored articles at `paths` (unknown paths are skipped), in that order."""
        out = []
        for path in paths:
            row = self.db.execute(
                "SELECT article, claims, diagnostics, features FROM articles WHERE path = ?",
                (path,),
            ).fetchone()
            if row is not None:
                out.append(decode(*row))
        return out

    # -- writing ---------------------------------------------------------------------------

    def put(self, entries: Sequence[Entry], touched: Sequence[tuple[str, Stamp]] = ()) -> None:
        """Add or replace articles, and record new sizes and times of articles whose content
        did not change, all in one transaction."""
        with self._writing() as db:
            db.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                [(stamp.size, stamp.mtime_ns, path) for path, stamp in touched],
            )
            changes: Counter[int] = Counter()  # feature id -> change of its frequency
            holding: dict[int, Collection[int]] = {}  # article id -> its feature ids
            for e in entries:
                held = self._drop_postings(db, e.path)
                (article,) = db.execute(
                    "INSERT INTO articles(path, hash, size, mtime_ns, extractor, story, article,"
                    " claims, diagnostics, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(path) DO UPDATE SET hash = excluded.hash,"
                    " size = excluded.size, mtime_ns = excluded.mtime_ns,"
                    " extractor = excluded.extractor, story = excluded.story,"
                    " article = excluded.article, claims = excluded.claims,"
                    " diagnostics = excluded.diagnostics, features = excluded.features"
                    " RETURNING id",
                    (
                        e.path, e.stamp.hash, e.stamp.size, e.stamp.mtime_ns, e.stamp.extractor,
                        e.story, *e.packed,
                    ),
                ).fetchone()  # fmt: skip
                ids = self._feature_ids(db, list(e.features), create=True)
                db.executemany(
                    "INSERT INTO postings(feature, article, count) VALUES (?, ?, ?)",
                    [(ids[f], article, c) for f, c in e.features.items()],
                )
                holds = holding[article] = set(ids.values())
                changes.update(holds - held)
                changes.subtract(held - holds)
            recount(db, changes, holding)

    def remove(self, paths: Iterable[str]) -> int:
        """Drop articles from the index; how many were there."""
        gone = 0
        with self._writing() as db:
            changes: Counter[int] = Counter()
            for path in paths:
                changes.subtract(self._drop_postings(db, path))
                row = db.execute("DELETE FROM articles WHERE path = ? RETURNING id", (path,))
                for (article,) in row.fetchall():
                    db.execute("DELETE FROM rarity WHERE article = ?", (article,))
                    gone += 1
            recount(db, changes, {})
        return gone

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; the vocabulary ids it made are known once it commits."""
        self._new_ids.clear()
        try:
            with self.transaction() as db:
                yield db
            self._ids.update(self._new_ids)
        finally:
            self._new_ids.clear()
            self._forget_reads()  # what was read is out of date

    def _drop_postings(self, db: sqlite3.Connection, path: str) -> set[int]:
        """Delete the postings of the article at `path`, found by its own feature list; the
        ids of the features it had."""
        row = db.execute("SELECT id, features FROM articles WHERE path = ?", (path,)).fetchone()
        if row is None:
            return set()
        ids = set(self._feature_ids(db, list(decode_features(row[1])), create=False).values())
        db.executemany(
            "DELETE FROM postings WHERE feature = ? AND article = ?", [(i, row[0]) for i in ids]
        )
        return ids

    def _feature_ids(
        self, db: sqlite3.Connection, features: list[str], *, create: bool
    ) -> dict[str, int]:
        """The vocabulary ids of `features` (added first when `create`). Ids are never
        reused, so they are kept once their transaction commits."""
        known, new = self._ids, self._new_ids
        missing = [f for f in features if f not in known and f not in new]
        if missing:
            if create:
                db.executemany(
                    "INSERT OR IGNORE INTO vocabulary(feature) VALUES (?)", [(f,) for f in missing]
                )
            new.update(rows_in(db, "SELECT feature, id FROM vocabulary WHERE feature", missing))
        return {f: i for f in features if (i := known.get(f) or new.get(f)) is not None}

    def _forget(self) -> None:
        self._ids.clear()
        self._forget_reads()

    def _forget_reads(self) -> None:
        self._postings.clear()
        self._features.clear()
        self._df.clear()
        self._rare.clear()

    # -- stories.FeatureSource ---------------------------------------------------------------

    def size(self) -> int:
        """Number of indexed articles."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def features(self, article: str) -> dict[str, int]:
        """The story features of an indexed article."""
        found = self._features.get(article)
        if found is None:
            row = self.db.execute(
                "SELECT features FROM articles WHERE path = ?", (article,)
            ).fetchone()
            found = self._features[article] = decode_features(row[0]) if row else {}
        return found

    def read_ahead(self, articles: Collection[str]) -> None:
        """Read the features of `articles` not read yet, a bounded query per few hundred
        (one query per article was most of finding a story at 10,000 articles)."""
        wanted = [a for a in articles if a not in self._features]
        query = "SELECT path, features FROM articles WHERE path"
        for path, blob in rows_in(self.db, query, wanted):
            self._features[path] = decode_features(blob)
        # and the document frequencies of their features, which their norms need next
        unknown = {f for a in wanted for f in self._features.get(a, ()) if f not in self._df}
        counted = sorted(unknown - self._postings.keys())
        self._df.update(dict.fromkeys(counted, 0))  # a feature of no article: none in the index
        self._df.update(
            rows_in(self.db, "SELECT feature, df FROM vocabulary WHERE feature", counted)
        )

    def postings(self, feature: str) -> Sequence[tuple[str, int]]:
        """Indexed articles that have `feature`, with its count (and, kept for `rare`, how
        many rare features each has)."""
        found = self._postings.get(feature)
        if found is None:
            rows = self.db.execute(
                "SELECT a.path, p.count, r.rare FROM postings p"
                " JOIN articles a ON a.id = p.article JOIN rarity r ON r.article = p.article"
                " WHERE p.feature = (SELECT id FROM vocabulary WHERE feature = ?)",
                (feature,),
            ).fetchall()
            self._rare.update((path, rare) for path, _count, rare in rows)
            found = self._postings[feature] = [(path, count) for path, count, _rare in rows]
        return found

    def rare_counts(self) -> Mapping[str, int]:
        """Article -> how many of its features are in at most `COMMON_DF` articles, for the
        articles of the postings read so far."""
        return self._rare

    def df(self, feature: str) -> int:
        """How many indexed articles have `feature` (kept by the index: one lookup)."""
        known = self._df.get(feature)
        if known is None:
            row = self.db.execute("SELECT df FROM vocabulary WHERE feature = ?", (feature,))
            found = row.fetchone()
            known = self._df[feature] = int(found[0]) if found else 0
        return known

    def label(self, article: str) -> str | None:
        """The story an article's front matter names."""
        row = self.db.execute("SELECT story FROM articles WHERE path = ?", (article,)).fetchone()
        return row[0] if row else None

    def labelled(self, label: str) -> Sequence[str]:
        """The articles whose front matter names story `label`."""
        rows = self.db.execute("SELECT path FROM articles WHERE story = ? ORDER BY path", (label,))
        return [p for (p,) in rows]

    def in_memory(self) -> MemoryFeatures:
        """Every article's features and story label, loaded at once (to group them all)."""
        rows = self.db.execute("SELECT path, features FROM articles ORDER BY path")
        by_article = {path: decode_features(blob) for path, blob in rows}
        rows = self.db.execute("SELECT path, story FROM articles WHERE story IS NOT NULL")
        return MemoryFeatures(by_article, dict(rows.fetchall()))
