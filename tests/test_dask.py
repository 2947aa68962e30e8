"""`--executor dask` (issue 15): extraction, the index refresh and the per-story checks on a
Dask cluster give the same report and index as the local run; without the extra, or with
no scheduler to reach, one line and exit 2."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from consistency import distributed as executor_module
from consistency.distributed import INSTALL, DaskExecutor
from tests.conftest import generated_corpus, invoke

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred generated articles, and two files that are input errors."""
    return generated_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A cluster of two worker processes, as a remote one would be reached: by address."""
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    with cluster:
        yield cluster.scheduler_address


@pytest.fixture
def chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of chunks each map sent to the cluster."""
    sent: list[int] = []
    run_chunks = DaskExecutor.run_chunks

    def counted(self: DaskExecutor, fn: Callable[[Any], Any], items: Sequence[Any]) -> Any:
        sent.append(len(items))
        return run_chunks(self, fn, items)

    monkeypatch.setattr(DaskExecutor, "run_chunks", counted)
    return sent


def test_check_on_the_cluster_reports_the_same_bytes_as_the_local_run(
    corpus: Path, scheduler: str, tmp_path: Path, chunks: list[int]
) -> None:
    reports = []
    for how in (["--jobs", "1"], ["--executor", "dask", "--scheduler", scheduler]):
        out = tmp_path / "report.json"
        result = invoke("check", str(corpus), "-f", "json", "-o", str(out), *how)
        assert result.exit_code == 2  # the two input errors
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert b'"F104"' in reports[0] or b'"F103"' in reports[0]
    assert len(chunks) == 2 and all(n >= 2 for n in chunks)  # the files, then the stories


def test_index_on_the_cluster_builds_the_same_rows(
    corpus: Path, scheduler: str, tmp_path: Path, chunks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONSISTENCY_DASK_SCHEDULER", scheduler)  # the address from the env
    dumps = []
    for how in (["--jobs", "1"], ["--executor", "dask"]):
        index = tmp_path / f"{how[-1]}.sqlite"
        result = invoke("index", str(corpus), "--index", str(index), *how)
        assert result.exit_code == 2
        with sqlite3.connect(index) as db:
            dumps.append(db.execute("SELECT * FROM articles ORDER BY path").fetchall())
    assert len(dumps[0]) == ARTICLES and dumps[0] == dumps[1]
    assert len(chunks) == 1


def test_without_the_extra_the_dask_executor_is_one_line_naming_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executor_module, "available", lambda: False)
    for command in ("check", "index", "ci"):
        result = invoke(command, str(corpus), "-q", "--executor", "dask")
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [
            f"error: --executor dask needs the [dask] extra: {INSTALL}"
        ]


def test_an_address_no_transport_takes_is_one_line(corpus: Path) -> None:
    result = invoke("check", str(corpus), "-q", "--executor", "dask", "--scheduler", "x://y")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: not a Dask scheduler address: x://y")
    assert "Traceback" not in result.stderr


def test_executor_and_scheduler_are_options_of_check_index_and_ci() -> None:
    for command in ("check", "index", "ci"):
        shown = invoke(command, "--help").output
        assert "--executor" in shown and "--scheduler" in shown
        assert "CONSISTENCY_DASK_SCHEDULER" in shown
