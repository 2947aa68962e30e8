"""What the index stores, and how: the stamp that tells whether an article is up to date,
the extractor version, and the compact encoding of an article's record (JSON compressed
with zlib, about a fifth of the plain JSON). A row that does not decode is damage, as a
damaged page is: the index is rebuilt."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from consistency import __version__
from consistency.errors import ConsistencyError
from consistency.extract import Extracted
from consistency.models import Article, Claim, Diagnostic

_CLAIMS = TypeAdapter(list[Claim])
_DIAGNOSTICS = TypeAdapter(list[Diagnostic])
_LEVEL = 6  # zlib: as small as level 9 within a few percent, at a third of the time


class DamagedRow(sqlite3.DatabaseError):
    """A row of the index that does not decode: treated as a damaged file."""

    sqlite_errorname = "SQLITE_CORRUPT"


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


@dataclass(frozen=True)
class Entry:
    """One article as the index holds it: its record packed (`encode`) where it was
    extracted, in a worker, so the one process writing the index only writes."""

    path: str
    stamp: Stamp
    story: str | None  # the front matter's story label
    features: dict[str, int]
    packed: tuple[bytes, bytes, bytes, bytes]  # article, claims, diagnostics, features

    @classmethod
    def of(cls, path: str, stamp: Stamp, record: Extracted) -> Entry:
        """The entry of an extracted article."""
        return cls(path, stamp, record.article.story, record.features, encode(record))


def pack(data: bytes) -> bytes:
    """Bytes as the index keeps them."""
    return zlib.compress(data, _LEVEL)


def _unpack(blob: bytes) -> bytes:
    try:
        return zlib.decompress(blob)
    except (zlib.error, TypeError) as exc:
        raise DamagedRow(f"a row does not decode ({exc})") from exc


def encode(record: Extracted) -> tuple[bytes, bytes, bytes, bytes]:
    """The article, claims, diagnostics and features of a record, packed."""
    return (
        pack(record.article.model_dump_json().encode()),
        pack(_CLAIMS.dump_json(record.claims)),
        pack(_DIAGNOSTICS.dump_json(record.diagnostics)),
        encode_features(record.features),
    )


def encode_features(features: dict[str, int]) -> bytes:
    """An article's story features, packed."""
    return pack(json.dumps(features, separators=(",", ":"), sort_keys=True).encode())


def decode_features(blob: bytes) -> dict[str, int]:
    """An article's story features."""
    data: Any = _loads(_unpack(blob))
    if not isinstance(data, dict):
        raise DamagedRow("a row's features are not a mapping")
    return {str(k): int(v) for k, v in data.items()}


def decode(article: bytes, claims: bytes, diagnostics: bytes, features: bytes) -> Extracted:
    """A stored record; DamagedRow when any part does not decode."""
    try:
        return Extracted(
            article=Article.model_validate_json(_unpack(article)),
            claims=_CLAIMS.validate_json(_unpack(claims)),
            diagnostics=_DIAGNOSTICS.validate_json(_unpack(diagnostics)),
            features=decode_features(features),
        )
    except ValidationError as exc:
        raise DamagedRow(f"a row does not decode ({exc.error_count()} errors)") from exc


def _loads(data: bytes) -> object:
    try:
        return json.loads(data)
    except ValueError as exc:
        raise DamagedRow(f"a row does not decode ({exc})") from exc
