"""An SQLite file that is a cache (the index): opened in WAL mode with a busy timeout,
verified when opened unless this tool closed it cleanly, moved aside and started again when
damaged, migrated by starting again when its schema is another version's. Subclasses give
the schema and what to forget when the file starts again.

Verifying (`PRAGMA quick_check`) reads the whole file: 2.3 s of a 3.8 s `ci` run at 100,000
articles. So a file is verified when it was not closed cleanly (the `closed` mark, cleared
while it is open, was not set back: a killed run, another tool, an old version) or when it
is shorter than its own header says (a cache restored in part); a file this tool closed,
whole, is trusted as SQLite's transactions leave it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consistency.storage import StoreError, is_corrupt

_BUSY_TIMEOUT_MS = 120_000
_MAGIC = b"SQLite format 3\x00"
_CLOSED = "closed"  # the meta key set when this tool closes the file, cleared when it opens it


class CacheFile:
    """One SQLite file; `SCHEMA` (statements separated by ";"), `SCHEMA_VERSION` and
    `TABLES` (dropped when the version differs) come from the subclass."""

    SCHEMA = ""
    SCHEMA_VERSION = 0
    TABLES: tuple[str, ...] = ()

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rebuilt: str | None = None  # why a damaged index was started again
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore = path.parent / ".gitignore"
            if path.parent.name == ".consistency" and not ignore.exists():
                ignore.write_text("# written by consistency: the index is a cache\n*\n")
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the index: {exc.strerror or exc}") from exc
        try:
            whole = self._whole()
            self._connect()
            damage = None if whole and self._was_closed else self._damage()
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise StoreError(f"{path}: cannot open the index ({exc})") from exc
            damage = str(exc)
        if damage:
            self.rebuild(damage)

    def _whole(self) -> bool:
        """Is the file as long as its header says, with no log of another connection
        left to apply? Read before it is opened."""
        try:
            with open(self.path, "rb") as handle:
                header = handle.read(100)
                size = os.fstat(handle.fileno()).st_size
        except OSError:
            return False
        if len(header) < 100 or not header.startswith(_MAGIC):
            return False
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        return size >= pages * page_size and not Path(f"{self.path}-wal").exists()

    def _damage(self) -> str | None:
        """What SQLite's quick check finds wrong in the file (a page overwritten, a cache
        restored half), or None: an index is verified before it is used."""
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
        return None if problems == ["ok"] else "; ".join(problems)

    def _connect(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._use_wal()
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

    def meta(self, key: str) -> str | None:
        """A value kept beside the data (the schema version, the commit last refreshed)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, values: dict[str, str]) -> None:
        """Keep values beside the data, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", list(values.items())
            )

    def _forget(self) -> None:
        """What a subclass caches of the file's content: forgotten when it starts again."""

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

    def __enter__(self) -> CacheFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection, marking the file as closed cleanly (see the module's
        docstring)."""
        # a full disk: the mark is not set, and the file is verified next time
        with contextlib.suppress(sqlite3.Error), self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (_CLOSED,))
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
        self._was_closed = False  # did this tool close the file cleanly last time?
        if row is not None:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(found[0]) if found else None
            closed = self.db.execute("SELECT value FROM meta WHERE key = ?", (_CLOSED,))
            self._was_closed = closed.fetchone() == ("1",)
        if version not in (None, self.SCHEMA_VERSION):
            # An index written by another version is a cache: start it again.
            for table in (*self.TABLES, "meta"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in self.SCHEMA.split(";"):  # executescript would commit: one at a time
            if statement.strip():
                self.db.execute(statement)
        self.db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?), (?, '0')",
            (str(self.SCHEMA_VERSION), _CLOSED),
        )
