"""`--executor dask`: the chunks `consistency.parallel.ordered_map` builds (extraction, the
index refresh, the per-story checks), run on a Dask cluster through `dask.distributed`.

Each chunk is one task (`Client.submit`), carrying what it carries on the local pool: a
file's path, id and limits (the worker reads the file itself, so the workers must see the
files at the same paths: a shared file system), or a story's claims. The results come back
in input order, as the same records and errors. Without a scheduler address a
`LocalCluster` of worker processes lives for the run. The optional extra `[dask]` installs
`dask[distributed]`; nothing here imports it until an executor is made."""

from __future__ import annotations

import importlib.util
import logging
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

from consistency.errors import ConsistencyError
from consistency.parallel import apply, workers

T = TypeVar("T")
R = TypeVar("R")

INSTALL = "pip install 'news-consistency[dask]'"
SCHEDULER_ENV = "CONSISTENCY_DASK_SCHEDULER"
CONNECT_TIMEOUT = "10s"  # an unreachable scheduler is an error, not a wait


class ExecutorError(ConsistencyError):
    """The Dask executor cannot run: the extra is missing or the scheduler unreachable."""


def available() -> bool:
    """Is `dask.distributed` installed (the `[dask]` extra)?"""
    return importlib.util.find_spec("distributed") is not None


class DaskExecutor:
    """Chunks of work as tasks on a `distributed.Client`'s workers, results in order."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def workers(self) -> int:
        """The threads of the cluster's workers: the tasks it runs at once."""
        return max(1, int(sum(self.client.nthreads().values())))

    def run_chunks(self, fn: Callable[[T], R], chunks: Sequence[Sequence[T]]) -> Iterator[list[R]]:
        """One task per chunk, all submitted at once (the scheduler spreads them); each
        chunk's results handed over in order and released on the cluster as they are."""
        pending = deque(self.client.submit(apply, fn, chunk, pure=False) for chunk in chunks)
        try:
            while pending:
                future = pending.popleft()
                yield future.result()
                future.release()
        finally:  # stopped early (an error, a closed pipe): the rest is not computed
            if pending:
                self.client.cancel(list(pending))


@contextmanager
def dask_executor(scheduler: str | None, *, jobs: int = 0) -> Iterator[DaskExecutor]:
    """A `DaskExecutor` for the block: on the cluster whose scheduler is at `scheduler`
    (else `$CONSISTENCY_DASK_SCHEDULER`), or on a `LocalCluster` of `jobs` worker
    processes (0: every core), one thread each, closed at the end of the block."""
    if not available():
        raise ExecutorError(f"--executor dask needs the [dask] extra: {INSTALL}")
    # Imported by name, untyped: mypy gives the same verdict with the extra or without it.
    distributed = importlib.import_module("distributed")
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    with ExitStack() as stack:
        if address is None:
            cluster = distributed.LocalCluster(
                n_workers=workers(jobs), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
            )  # fmt: skip
            stack.enter_context(cluster)
            address = cluster.scheduler_address
        _check_address(address)
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except OSError as exc:  # refused, or no answer in time
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        stack.enter_context(client)
        yield DaskExecutor(client)


def _check_address(address: str) -> None:
    """Refuse an address no Dask transport takes before a `Client` is made for it (a client
    that failed to start hangs for 20 s when it is collected)."""
    registry = importlib.import_module("distributed.comm.registry")
    try:
        registry.get_backend(importlib.import_module("distributed.comm").parse_address(address)[0])
    except ValueError as exc:
        raise ExecutorError(f"not a Dask scheduler address: {address} ({exc})") from exc
