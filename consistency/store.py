"""The embedded corpus: extracted articles in one SQLite file (WAL mode).

Each row holds an article's metadata, claims, diagnostics and story features, keyed by its
path relative to the index root, with the content hash and the extractor version it was
extracted with: an article is extracted again only when one of them changes.

Every write is a transaction taken with BEGIN IMMEDIATE, so a run killed half-way leaves
every article either as it was or wholly replaced, never half-written, and two processes
writing at once wait for each other (busy timeout) instead of losing rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter

from consistency import __version__
from consistency.config import INDEX_PATH
from consistency.errors import ConsistencyError
from consistency.extract import Extracted
from consistency.models import Article, Claim, Diagnostic
from consistency.stories import MemoryFeatures

DEFAULT_PATH = INDEX_PATH
SCHEMA_VERSION = 1
_BUSY_TIMEOUT_MS = 120_000
_MAGIC = b"SQLite format 3\x00"
_CLAIMS = TypeAdapter(list[Claim])
_DIAGNOSTICS = TypeAdapter(list[Diagnostic])

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    story TEXT,
    article TEXT NOT NULL,
    claims TEXT NOT NULL,
    diagnostics TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS features (
    feature TEXT NOT NULL,
    path TEXT NOT NULL REFERENCES articles(path) ON DELETE CASCADE,
    count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS features_by_feature ON features(feature);
CREATE INDEX IF NOT EXISTS features_by_path ON features(path);
CREATE INDEX IF NOT EXISTS articles_by_story ON articles(story);
"""


class StoreError(ConsistencyError):
    """The index file cannot be used."""


def is_corrupt(exc: Exception) -> bool:
    """Is this SQLite error a damaged or truncated file (not a lock, a permission, a full
    disk)?"""
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


@cache
def extractor_version() -> str:
    """A hash of the code that turns files into claims: any change re-extracts."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    sources = [package / "models.py"]
    for folder in ("ingest", "extract", "text"):
        sources.extend(sorted((package / folder).glob("*.py")))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Stamp:
    """What tells whether an indexed article is up to date."""

    hash: str
    size: int
    mtime_ns: int
    extractor: str


@dataclass
class Entry:
    """One article as the index holds it."""

    path: str
    stamp: Stamp
    record: Extracted


class Index:
    """The SQLite index; also a `stories.FeatureSource` over the indexed articles."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rebuilt: str | None = None  # why a damaged index was started again
        self._postings: dict[str, list[tuple[str, int]]] = {}
        self._features: dict[str, dict[str, int]] = {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore = path.parent / ".gitignore"
            if path.parent.name == ".consistency" and not ignore.exists():
                ignore.write_text("# written by consistency: the index is a cache\n*\n")
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the index: {exc.strerror or exc}") from exc
        try:
            self._connect()
            damage = self._damage()
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise StoreError(f"{path}: cannot open the index ({exc})") from exc
            damage = str(exc)
        if damage:
            self.rebuild(damage)

    def _damage(self) -> str | None:
        """What SQLite's quick check finds wrong in the file (a page overwritten, a cache
        restored half), or None: an index is verified before it is used."""
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
        return None if problems == ["ok"] else "; ".join(problems)

    def _connect(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._use_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        with self.transaction():
            self._migrate()

    def rebuild(self, reason: str) -> None:
        """Start a damaged index again, empty (it is a cache); refuse when the file is not
        an SQLite file at all, which would be someone else's file given by mistake."""
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(len(_MAGIC))
        except FileNotFoundError:
            head = b""
        if head and not _MAGIC.startswith(head):
            raise StoreError(f"{self.path}: not an index (not an SQLite file); left as it is")
        if hasattr(self, "db"):
            self.db.close()
        for suffix in ("", "-wal", "-shm", "-journal"):  # kept aside for a post-mortem
            part, aside = Path(f"{self.path}{suffix}"), Path(f"{self.path}.damaged{suffix}")
            aside.unlink(missing_ok=True)  # one generation only
            try:
                os.replace(part, aside)
            except FileNotFoundError:
                pass
            except OSError:
                part.unlink(missing_ok=True)
        try:
            self._connect()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot rebuild the index ({exc})") from exc
        self.rebuilt = reason
        self._forget()

    def _use_wal(self) -> None:
        """Switch to WAL. SQLite answers "database is locked" at once, without waiting on
        the busy timeout, when another process is creating or switching the same new file,
        so the switch is retried for as long as the busy timeout allows."""
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it is committed or none of it."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            # SQLite may have rolled back already (a full disk): keep the first error
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        row = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        version = None
        if row is not None:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(found[0]) if found else None
        if version not in (None, SCHEMA_VERSION):
            # An index written by another version is a cache: start it again.
            for table in ("features", "articles", "meta"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA.split(";"):  # executescript would commit: one at a time
            if statement.strip():
                self.db.execute(statement)
        self.db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
        )

    # -- reading ---------------------------------------------------------------------------

    def stamps(self) -> dict[str, Stamp]:
        """Path -> stamp, for every indexed article."""
        rows = self.db.execute("SELECT path, hash, size, mtime_ns, extractor FROM articles")
        return {p: Stamp(h, s, m, e) for p, h, s, m, e in rows}

    def paths(self) -> list[str]:
        """Every indexed path, sorted."""
        return [p for (p,) in self.db.execute("SELECT path FROM articles ORDER BY path")]

    def records(self, paths: Iterable[str]) -> list[Extracted]:
        """The stored articles at `paths` (unknown paths are skipped), in that order."""
        out = []
        for path in paths:
            row = self.db.execute(
                "SELECT article, claims, diagnostics FROM articles WHERE path = ?", (path,)
            ).fetchone()
            if row is None:
                continue
            out.append(
                Extracted(
                    article=Article.model_validate_json(row[0]),
                    claims=_CLAIMS.validate_json(row[1]),
                    diagnostics=_DIAGNOSTICS.validate_json(row[2]),
                    features=self.features(path),
                )
            )
        return out

    # -- writing ---------------------------------------------------------------------------

    def put(self, entries: Sequence[Entry], touched: Sequence[tuple[str, Stamp]] = ()) -> None:
        """Add or replace articles, and record new sizes and times of articles whose content
        did not change, all in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                [(stamp.size, stamp.mtime_ns, path) for path, stamp in touched],
            )
            for e in entries:
                db.execute("DELETE FROM features WHERE path = ?", (e.path,))
                db.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.path, e.stamp.hash, e.stamp.size, e.stamp.mtime_ns, e.stamp.extractor,
                        e.record.article.story, e.record.article.model_dump_json(),
                        _CLAIMS.dump_json(e.record.claims).decode(),
                        _DIAGNOSTICS.dump_json(e.record.diagnostics).decode(),
                    ),
                )  # fmt: skip
                db.executemany(
                    "INSERT INTO features(feature, path, count) VALUES (?, ?, ?)",
                    [(f, e.path, c) for f, c in e.record.features.items()],
                )
        self._forget()

    def remove(self, paths: Iterable[str]) -> int:
        """Drop articles from the index; how many were there."""
        gone = 0
        with self.transaction() as db:
            for path in paths:
                gone += db.execute("DELETE FROM articles WHERE path = ?", (path,)).rowcount
        self._forget()
        return gone

    def _forget(self) -> None:
        self._postings.clear()
        self._features.clear()

    # -- stories.FeatureSource ---------------------------------------------------------------

    def size(self) -> int:
        """Number of indexed articles."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def features(self, article: str) -> dict[str, int]:
        """The story features of an indexed article."""
        found = self._features.get(article)
        if found is None:
            rows = self.db.execute("SELECT feature, count FROM features WHERE path = ?", (article,))
            found = self._features[article] = dict(rows.fetchall())
        return found

    def postings(self, feature: str) -> Sequence[tuple[str, int]]:
        """Indexed articles that have `feature`, with its count."""
        found = self._postings.get(feature)
        if found is None:
            rows = self.db.execute("SELECT path, count FROM features WHERE feature = ?", (feature,))
            found = self._postings[feature] = rows.fetchall()
        return found

    def df(self, feature: str) -> int:
        """How many indexed articles have `feature` (counted by the index, not fetched)."""
        found = self._postings.get(feature)
        if found is not None:
            return len(found)
        row = self.db.execute("SELECT count(*) FROM features WHERE feature = ?", (feature,))
        return int(row.fetchone()[0])

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
        by_article: dict[str, dict[str, int]] = {p: {} for p in self.paths()}
        for feature, path, count in self.db.execute("SELECT feature, path, count FROM features"):
            by_article[path][feature] = count
        rows = self.db.execute("SELECT path, story FROM articles WHERE story IS NOT NULL")
        return MemoryFeatures(by_article, dict(rows.fetchall()))
