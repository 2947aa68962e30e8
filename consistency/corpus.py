"""The corpus behind `consistency index` and `consistency ci`: keeping the SQLite index in
step with the files, and checking changed articles against their stories."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from consistency.config import MAX_ARTICLE_SIZE
from consistency.errors import IngestError, internal_error
from consistency.extract import extract
from consistency.ingest import discover, display_path, load_document, repository_document
from consistency.ingest.reading import read_article, stat_article
from consistency.models import Report
from consistency.pipeline import check
from consistency.store import Entry, Index, Stamp, extractor_version
from consistency.stories import group

Progress = Callable[[int, int], None]  # (done, total)
_BATCH = 100  # articles per write transaction


@dataclass
class Refresh:
    """What an index refresh did."""

    extracted: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # repository documents left out
    errors: list[IngestError] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every article found, relative to root


def refresh(
    index: Index,
    root: Path,
    paths: list[Path],
    *,
    whole: bool = False,
    progress: Progress | None = None,
    max_size: int | None = MAX_ARTICLE_SIZE,
    skip_documents: bool = False,
) -> Refresh:
    """Bring the index up to date with the articles under `paths`: extract new and changed
    ones (content hash or extractor version differs), drop those whose files are gone.
    With `whole`, `paths` are the whole corpus: indexed articles not under them go too
    (an article checked once from outside the corpus does not stay in it). With
    `skip_documents`, the repository's own documents (README, CHANGELOG, docs/…) are left
    out and listed in `skipped`."""
    files, errors = discover(paths, root)
    result = Refresh(errors=list(errors))
    if skip_documents:
        result.skipped = [display_path(f, root) for f, _ in files if repository_document(f, root)]
        files = [(f, top) for f, top in files if not repository_document(f, root)]
    stamps = index.stamps()
    version = extractor_version()
    pending: list[Entry] = []
    touched: list[tuple[str, Stamp]] = []
    for done, (file, top) in enumerate(files, start=1):
        rel = display_path(file, root)
        result.paths.append(rel)
        known = stamps.get(rel)
        fresh = known is not None and known.extractor == version
        try:
            stat = stat_article(file, top, rel, max_size)  # over the size limit: F111
            same = (
                fresh and known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
            )
            data = b"" if same else read_article(file, top, rel, max_size)[0]
        except IngestError as exc:
            result.errors.append(exc)  # not indexed
            continue
        if same:
            result.unchanged += 1
        else:
            stamp = Stamp(hashlib.sha256(data).hexdigest(), stat.st_size, stat.st_mtime_ns, version)
            if fresh and known and known.hash == stamp.hash:
                touched.append((rel, stamp))
                result.unchanged += 1
            else:
                try:
                    record = extract(load_document(file, rel, rel, data=data, root=top))
                except Exception as exc:  # an input error, or a bug: this file only
                    error = exc if isinstance(exc, IngestError) else None
                    result.errors.append(error or internal_error(rel, "extracting claims", exc))
                    if known is not None and index.remove([rel]):
                        result.removed.append(rel)
                else:
                    pending.append(Entry(rel, stamp, record))
                    result.extracted.append(rel)
        if len(pending) >= _BATCH or len(touched) >= _BATCH * 10:
            index.put(pending, touched)
            pending, touched = [], []
        if progress is not None:
            progress(done, len(files))
    index.put(pending, touched)
    found = set(result.paths)
    gone = [p for p in stamps if not (root / p).is_file() or (whole and p not in found)]
    if gone:
        index.remove(gone)
        result.removed.extend(gone)
    return result


def check_changed(index: Index, changed: Collection[str], *, errors: list[IngestError]) -> Report:
    """Check the indexed articles at `changed` (paths relative to the index root) against
    their stories; only findings that involve one of them are kept."""
    indexed = set(index.paths())
    wanted = [p for p in changed if p in indexed]
    stories = group(index, wanted) if wanted else {}
    members = sorted({a for articles in stories.values() for a in articles})
    records = index.records(members)
    return check(records, stories=stories, errors=errors, focus=set(wanted))
