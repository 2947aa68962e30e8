"""The corpus behind `consistency index` and `consistency ci`: keeping the SQLite index in
step with the files, and checking changed articles against their stories."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consistency.config import MAX_ARTICLE_SIZE
from consistency.errors import IngestError, internal_error
from consistency.extract import extract
from consistency.ingest import discover, display_path, load_document, repository_document
from consistency.ingest.reading import read_article, stat_article
from consistency.models import Report
from consistency.parallel import Failed, ordered_map
from consistency.pipeline import check
from consistency.store import Entry, Index, Stamp, extractor_version
from consistency.stories import group
from consistency.vcs import WorktreeScan, head, touched_since

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
    jobs: int = 1,
) -> Refresh:
    """Bring the index up to date with the articles under `paths`: extract new and changed
    ones (content hash or extractor version differs), drop those whose files are gone.
    With `whole`, `paths` are the whole corpus: indexed articles not under them go too
    (an article checked once from outside the corpus does not stay in it). With
    `skip_documents`, the repository's own documents (README, CHANGELOG, docs/…) are left
    out and listed in `skipped`. Files are read and extracted on `jobs` processes (0: every
    core; see `consistency.parallel`); the index and the result are the same for any."""
    files, errors = discover(paths, root)
    result = Refresh(errors=list(errors))
    if skip_documents:
        result.skipped = [display_path(f, root) for f, _ in files if repository_document(f, root)]
        files = [(f, top) for f, top in files if not repository_document(f, root)]
    # The whole corpus reads every stamp; a part of it only the stamps below its paths.
    under = [display_path(p, root) for p in paths]
    stamps = index.stamps(None if whole or "." in under else under)
    version = extractor_version()
    rels = [display_path(file, root) for file, _ in files]
    plan = [
        _plan(file, top, rel, stamps.get(rel), version, max_size)
        for (file, top), rel in zip(files, rels, strict=True)
    ]
    outcomes = ordered_map(_index_one, [p for p in plan if isinstance(p, _Job)], jobs=jobs)
    pending: list[Entry] = []
    touched: list[tuple[str, Stamp]] = []
    for done, step in enumerate(plan, start=1):
        rel = step.rel
        result.paths.append(rel)
        outcome = next(outcomes) if isinstance(step, _Job) else step.outcome
        if outcome is None:
            result.unchanged += 1
        elif isinstance(outcome, Stamp):
            touched.append((rel, outcome))
            result.unchanged += 1
        elif isinstance(outcome, Entry):
            pending.append(outcome)
            result.extracted.append(rel)
        else:
            result.errors.append(outcome.error())
            removable = outcome.stage == "extract" and rel in stamps
            if removable and index.remove([rel]):
                result.removed.append(rel)
        if len(pending) >= _BATCH or len(touched) >= _BATCH * 10:
            index.put(pending, touched)
            pending, touched = [], []
        if progress is not None:
            progress(done, len(plan))
    index.put(pending, touched)
    found = set(result.paths)
    gone = [p for p in stamps if not (root / p).is_file() or (whole and p not in found)]
    if gone:
        index.remove(gone)
        result.removed.extend(gone)
    return result


@dataclass(frozen=True)
class _Done:
    """A file settled without reading it: unchanged (None), or its error."""

    rel: str
    outcome: Failed | None


@dataclass(frozen=True)
class _Job:
    """A file to read in a worker (`_index_one`), with what the index knows of it."""

    file: Path
    top: Path
    rel: str
    max_size: int | None
    size: int
    mtime_ns: int
    version: str
    known_hash: str | None  # of an entry by the current extractor: unchanged if it matches


def _plan(
    file: Path, top: Path, rel: str, known: Stamp | None, version: str, max_size: int | None
) -> _Done | _Job:
    """What to do with one file, from its status alone (over the size limit: F111)."""
    fresh = known if known is not None and known.extractor == version else None
    try:
        stat = stat_article(file, top, rel, max_size)
    except IngestError as exc:
        return _Done(rel, Failed.of("read", exc))  # not indexed
    if fresh is not None and (fresh.size, fresh.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return _Done(rel, None)
    hash_ = fresh.hash if fresh is not None else None
    return _Job(file, top, rel, max_size, stat.st_size, stat.st_mtime_ns, version, hash_)


def _index_one(job: _Job) -> Stamp | Entry | Failed:
    """Read one file (in a worker): its new stamp when only its status changed, else its
    entry with the claims extracted, or its error."""
    try:
        data = read_article(job.file, job.top, job.rel, job.max_size)[0]
    except IngestError as exc:
        return Failed.of("read", exc)  # not indexed
    stamp = Stamp(hashlib.sha256(data).hexdigest(), job.size, job.mtime_ns, job.version)
    if stamp.hash == job.known_hash:
        return stamp
    try:
        record = extract(load_document(job.file, job.rel, job.rel, data=data, root=job.top))
    except Exception as exc:  # an input error, or a bug: this file only
        error = exc if isinstance(exc, IngestError) else None
        return Failed.of("extract", error or internal_error(job.rel, "extracting claims", exc))
    return Entry.of(job.rel, stamp, record)


def follow_git(
    index: Index,
    root: Path,
    corpus: list[Path],
    *,
    article: Callable[[Path], bool],
    refresh_all: bool = False,
    scan: WorktreeScan | None = None,
    **options: Any,
) -> Refresh:
    """Bring the index up to date at a cost proportional to the change: only the paths git
    says differ from the commit the index was last brought up to date at (and those that
    differed from it then, uncommitted), new and changed ones refreshed, deleted ones
    dropped. Without such a commit (no git, a cache from elsewhere) or with `refresh_all`,
    the whole corpus is walked (`refresh(whole=True)`, every file stat-ed). `article`
    says whether a changed file is an article of the corpus; `scan`, git's answer on the
    work tree asked earlier (`vcs.WorktreeScan`); `options` go to `refresh`."""
    last = index.meta("commit")
    since = None if refresh_all or last is None else touched_since(root, last, scan)
    if since is None:
        done = refresh(index, root, corpus, whole=True, **options)
    else:
        touched = sorted({*since, *json.loads(index.meta("dirty") or "[]")})
        files = [root / rel for rel in touched if (root / rel).is_file() and article(root / rel)]
        done = refresh(index, root, files, **options) if files else Refresh()
        kept = {display_path(f, root) for f in files}
        gone = index.known(p for p in touched if p not in kept)
        if gone:  # deleted, or no longer an article of the corpus
            index.remove(gone)
            done.removed.extend(gone)
    known = (last, since) if last and since is not None else None
    remember_commit(index, root, known=known, scan=scan)
    return done


def remember_commit(
    index: Index,
    root: Path,
    *,
    known: tuple[str, list[str]] | None = None,
    scan: WorktreeScan | None = None,
) -> None:
    """Record the commit the index now matches, and the paths that differ from it in the
    work tree (uncommitted: refreshed again next time, in case they are reverted).
    `known`: a commit and the paths git said differ from it a moment ago, used again when
    that commit is still the one checked out (asking git again costs a walk of the tree);
    `scan`, git's answer on the work tree asked earlier, used otherwise."""
    commit = head(root)
    if commit is not None:
        if known is not None and known[0] == commit:
            dirty = known[1]
        else:
            dirty = touched_since(root, commit, scan) or []
        index.set_meta({"commit": commit, "dirty": json.dumps(dirty)})


def check_changed(index: Index, changed: Collection[str], *, errors: list[IngestError]) -> Report:
    """Check the indexed articles at `changed` (paths relative to the index root) against
    their stories; only findings that involve one of them are kept."""
    wanted = index.known(changed)
    stories = group(index, wanted) if wanted else {}
    members = sorted({a for articles in stories.values() for a in articles})
    records = index.records(members)
    return check(records, stories=stories, errors=errors, focus=set(wanted))
