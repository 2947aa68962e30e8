"""Extraction over every core: a process pool mapping a function over chunks of files, the
results back in input order. `check` (`load_and_extract`) and the index refresh
(`consistency.corpus.refresh`) both go through `ordered_map`. The per-story checks of
`consistency.pipeline.check` and the links of a whole check's story grouping go through
`shared_map` and `forked_map`: their inputs (every claim) cost more to send than to work
on, so on Linux they run on workers forked with the inputs in place.

`ordered_map` runs the chunks on the executor in use (`using`: the Dask cluster of
`--executor dask`, see `consistency.distributed`), else on a local process pool of `jobs`
processes: the same tasks, the same results in the same order.

What crosses the process boundary is small on the way out (a file's path, its id, its
limits: the worker reads and decodes the file itself) and an `Extracted` record on the
way back. A worker never raises for one file: it returns the file's error as a `Failed`
record (an exception's traceback does not pickle, and `IngestError` cannot be rebuilt from
its `args`), so errors come back in the same order, with the same text, as in one process.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from consistency.config import MAX_ARTICLE_SIZE
from consistency.errors import IngestError
from consistency.extract import Extracted, extract_or_fail
from consistency.heap import records_kept, settle
from consistency.ingest import load_document, planned, read_document

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]  # (done, total)

MIN_CHUNK = 16  # articles per task: below this the per-task overhead shows
MAX_CHUNK = 64  # above this the last chunks leave cores idle
TASKS_PER_WORKER = 4  # chunks per worker, so that a slow chunk is not the whole wait
# Imported once in the fork server, so that each worker starts with them loaded.
_PRELOAD = ["consistency.extract", "consistency.families", "consistency.ingest"]


def cpu_count() -> int:
    """The cores this process may use."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def workers(jobs: int) -> int:
    """Processes for `--jobs N`: N, or every core for 0."""
    return cpu_count() if jobs <= 0 else jobs


def chunk_size(items: int, processes: int) -> int:
    """Items per task: about `TASKS_PER_WORKER` tasks per process, within the bounds."""
    wanted = math.ceil(items / max(1, processes * TASKS_PER_WORKER))
    return max(MIN_CHUNK, min(MAX_CHUNK, wanted))


class Executor(Protocol):
    """Somewhere else to run chunks of work: `consistency.distributed.DaskExecutor`."""

    def workers(self) -> int:
        """The tasks it runs at once (its threads)."""
        ...

    def run_chunks(self, fn: Callable[[T], R], chunks: Sequence[Sequence[T]]) -> Iterator[list[R]]:
        """`fn` over each chunk, one task per chunk; the results chunk by chunk, in order."""
        ...


_EXECUTOR: ContextVar[Executor | None] = ContextVar("consistency_executor", default=None)


@contextmanager
def using(executor: Executor) -> Iterator[Executor]:
    """Run every `ordered_map` of this block on `executor` instead of a local pool (as
    joblib's `parallel_config` does): the index refresh needs no parameter for it."""
    token = _EXECUTOR.set(executor)
    try:
        yield executor
    finally:
        _EXECUTOR.reset(token)


def ordered_map(
    fn: Callable[[T], R], items: Sequence[T], *, jobs: int = 1, chunk: int | None = None
) -> Iterator[R]:
    """`fn` over `items`, in order. On the executor in use (`using`), else in a pool of
    `jobs` processes (0: every core), `chunk` items per task; with one worker, or fewer
    items than two chunks, in this process (a pool costs more than it saves). `fn` must be
    a module-level function (it is pickled by name) and should not raise: an exception
    ends the whole map. The executor is chosen now, not when the first result is asked for."""
    executor = _EXECUTOR.get()
    processes = executor.workers() if executor is not None else workers(jobs)
    size = chunk or chunk_size(len(items), processes)
    if (executor is None and processes <= 1) or len(items) < 2 * size:
        return map(fn, items)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if executor is not None:
        return (result for results in executor.run_chunks(fn, chunks) for result in results)
    return _pooled(fn, chunks, processes)


def shared_map(fn: Callable[[T], R], items: Sequence[T], *, jobs: int = 1) -> Iterator[R]:
    """`ordered_map` for items that cost more to send than to work on (a story's claims:
    pickling them took the parent half as long as checking them). Where a worker can be
    forked safely (Linux, and this process runs one thread only), the workers are forked
    with `items` in place, shared copy-on-write (records kept by `consistency.heap` are
    out of the collector's sight, so its passes do not copy their pages), and only the
    indices of each chunk go out. Anywhere else, and on the executor in use,
    `ordered_map`: the same results in the same order."""
    forked = forked_map(fn, items, jobs=jobs)
    return ordered_map(fn, items, jobs=jobs) if forked is None else forked


def forked_map(fn: Callable[[T], R], items: Sequence[T], *, jobs: int = 1) -> Iterator[R] | None:
    """`fn` over `items` on workers forked with both in place (`fn` is not pickled either:
    a bound method of a large object will do), the results in order; None where that is
    not possible or not worth it (see `shared_map`): the caller works in this process."""
    processes = workers(jobs)
    size = chunk_size(len(items), processes)
    if _EXECUTOR.get() is not None or processes <= 1 or len(items) < 2 * size or not _forkable():
        return None
    chunks = [range(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    return _forked(fn, items, chunks, processes)


_SHARED: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []  # what forked workers inherit


def _forkable() -> bool:
    """Can this process fork a worker safely? Not with a second thread, whose locks the
    child would inherit held; not on macOS, whose system libraries do not survive fork."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _forked(
    fn: Callable[[T], R], items: Sequence[T], chunks: list[range], processes: int
) -> Iterator[R]:
    _SHARED.append((fn, items))
    try:
        yield from _pooled(_shared_item, chunks, processes, multiprocessing.get_context("fork"))
    finally:
        _SHARED.pop()


def _shared_item(index: int) -> Any:
    """In a forked worker: `fn` over item `index` of the items it was forked with."""
    fn, items = _SHARED[-1]
    return fn(items[index])


def _pooled(
    fn: Callable[[T], R],
    chunks: Sequence[Sequence[T]],
    processes: int,
    context: multiprocessing.context.BaseContext | None = None,
) -> Iterator[R]:
    """The chunks on a local process pool (fork server workers unless `context` says
    otherwise), the results in order."""
    pool = ProcessPoolExecutor(
        max_workers=min(processes, len(chunks)), mp_context=context or _context()
    )
    try:
        pending: deque[Future[list[R]]] = deque(pool.submit(apply, fn, c) for c in chunks)
        while pending:  # popped as consumed: a record is not kept once handed over
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def apply(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """One task: `fn` over a chunk, in a worker."""
    return [fn(item) for item in chunk]


def _context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one (POSIX): the checker's modules are imported once, in
    the server, and every worker forks from it already loaded; spawn elsewhere (Windows).
    Not plain fork: forking a process that has threads (a progress bar) is unsafe, and
    it is no longer the default on macOS. `forked_map` forks only where it is safe."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class Failed:
    """A file's error, as it crosses the process boundary: `stage` says whether reading
    the file or extracting its claims failed."""

    stage: Literal["read", "extract"]
    kind: type[IngestError]
    path: str
    message: str
    line: int | None = None

    @classmethod
    def of(cls, stage: Literal["read", "extract"], error: IngestError) -> Failed:
        """The record of `error`."""
        return cls(stage, type(error), error.path, error.message, error.line)

    def error(self) -> IngestError:
        """The error again, as raised in the worker."""
        return self.kind(self.path, self.message, line=self.line)


@dataclass(frozen=True)
class FileJob:
    """One article to read and extract: what `load` would pass to `load_document`."""

    file: Path
    root: Path
    id: str
    display: str
    max_size: int | None = MAX_ARTICLE_SIZE


def read_and_extract(job: FileJob) -> Extracted | Failed:
    """Read one article and extract its claims; its error instead, as `load` and
    `pipeline.run` would report it (a bug while reading or extracting is F199)."""
    try:
        doc = read_document(job.file, job.id, job.display, root=job.root, max_size=job.max_size)
    except IngestError as exc:
        return Failed.of("read", exc)
    try:
        return extract_or_fail(doc)
    except IngestError as exc:
        return Failed.of("extract", exc)


@dataclass
class Loaded:
    """Articles read and extracted, with the errors met reading them (discovery's first)
    and extracting them, each in the order of the files."""

    records: list[Extracted]
    read_errors: list[IngestError]
    extract_errors: list[IngestError]
    files: dict[str, FileJob]  # by article id

    def texts(self, ids: Collection[str]) -> dict[str, str]:
        """The decoded texts of the articles `ids` (for the HTML page), read again as
        they were read the first time; a file that cannot be read now is left out."""
        texts = {}
        for article_id in ids:
            job = self.files.get(article_id)
            if job is None:
                continue
            try:
                doc = load_document(
                    job.file, job.id, job.display, root=job.root, max_size=job.max_size
                )
            except Exception:  # changed since: the page shows the evidence without it
                continue
            texts[article_id] = doc.norm.original
        return texts


def load_and_extract(
    paths: list[Path],
    *,
    base: Path | None = None,
    max_size: int | None = MAX_ARTICLE_SIZE,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Loaded:
    """`ingest.load` and the extraction of `pipeline.run` in one pass over the files, on
    `jobs` processes: the same records and errors, in the same order, for any `jobs`."""
    base = Path.cwd() if base is None else base
    files, errors = planned(paths, base)
    jobs_ = [
        FileJob(file, root, article_id, display, max_size)
        for file, root, article_id, display in files
    ]
    loaded = Loaded([], list(errors), [], {job.id: job for job in jobs_})
    canonical: dict[str, str] = {}
    with records_kept():
        for done, outcome in enumerate(ordered_map(read_and_extract, jobs_, jobs=jobs), start=1):
            if isinstance(outcome, Failed):
                where = loaded.read_errors if outcome.stage == "read" else loaded.extract_errors
                where.append(outcome.error())
            else:
                outcome.share_features(canonical)
                loaded.records.append(outcome)
            settle(done)
            if progress is not None:
                progress(done, len(jobs_))
    return loaded
