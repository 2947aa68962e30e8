"""Extraction over several processes: the same report, index, errors and order as one."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

import pytest

import consistency.extract as extraction
from consistency import parallel
from consistency.config import load_config
from consistency.corpus import refresh
from consistency.errors import ConfigError, EmptyFile, InternalError
from consistency.parallel import Failed, FileJob, load_and_extract, ordered_map, read_and_extract
from consistency.store import Index
from tests.conftest import generated_corpus, invoke

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 48  # three chunks of 16: big enough for the pool


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of a few dozen articles, with two files that are input errors."""
    return generated_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


def test_check_reports_the_same_bytes_on_one_process_and_on_two(
    corpus: Path, tmp_path: Path
) -> None:
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        result = invoke("check", str(corpus), "-f", "json", "-o", str(out), "--jobs", jobs)
        assert result.exit_code == 2  # the two input errors
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert b'"F104"' in reports[0] or b'"F103"' in reports[0]


def test_index_builds_the_same_rows_on_one_process_and_on_two(corpus: Path, tmp_path: Path) -> None:
    dumps = []
    for jobs in ("1", "2"):
        index = tmp_path / f"jobs{jobs}.sqlite"
        result = invoke("index", str(corpus), "--index", str(index), "--jobs", jobs)
        assert result.exit_code == 2
        with sqlite3.connect(index) as db:
            dumps.append(db.execute("SELECT * FROM articles ORDER BY path").fetchall())
    assert len(dumps[0]) == ARTICLES and dumps[0] == dumps[1]


def test_a_refresh_on_the_pool_counts_unchanged_touched_and_errors_in_order(
    corpus: Path, tmp_path: Path
) -> None:
    with Index(tmp_path / "idx.sqlite") as index:
        first = refresh(index, corpus, [corpus], jobs=2)
        files = sorted(corpus.iterdir())
        os.utime(files[5])  # a new mtime, the same content: touched, not extracted
        seen = []
        again = refresh(index, corpus, [corpus], jobs=2, progress=lambda d, t: seen.append(d))
    assert len(first.extracted) == ARTICLES
    assert [e.path for e in first.errors] == ["a_empty.txt", "m_binary.txt"]
    assert again.extracted == [] and again.unchanged == ARTICLES
    assert [e.path for e in again.errors] == [e.path for e in first.errors]
    assert seen == list(range(1, ARTICLES + 3))


def test_errors_come_back_from_the_workers_whole_and_in_order(corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    jobs = [FileJob(f, corpus, f.stem, f.name) for f in files]
    bad = FileJob(files[20], corpus, files[20].stem, files[20].name, "x")  # type: ignore[arg-type]
    jobs[20] = bad  # a size limit that is no number: a bug while reading
    serial = list(ordered_map(read_and_extract, jobs, jobs=1))
    pooled = list(ordered_map(read_and_extract, jobs, jobs=2, chunk=8))
    assert serial == pooled
    failed = {i: o.error() for i, o in enumerate(pooled) if isinstance(o, Failed)}
    binary = next(i for i, j in enumerate(jobs) if j.display == "m_binary.txt")
    assert sorted(failed) == sorted({0, 20, binary})
    assert isinstance(failed[0], EmptyFile) and isinstance(failed[20], InternalError)
    assert failed[20].code == "F199" and "while reading" in failed[20].message
    assert failed[binary].code == serial[binary].error().code  # type: ignore[union-attr]


def test_a_bug_in_extraction_is_f199_for_that_file_and_survives_pickling(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(extraction, "extract", broken)  # what every caller runs
    file = sorted(corpus.glob("*.txt"))[3]
    outcome = pickle.loads(pickle.dumps(read_and_extract(FileJob(file, corpus, "x", "x.txt"))))
    assert isinstance(outcome, Failed) and outcome.stage == "extract"
    error = outcome.error()
    assert error.code == "F199" and error.path == "x.txt" and "ValueError: boom" in error.message


def test_load_and_extract_keeps_read_and_extraction_errors_apart(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    done = load_and_extract([corpus], base=corpus, jobs=2, progress=lambda *p: seen.append(p))
    assert len(done.records) == ARTICLES and done.extract_errors == []
    assert [e.path for e in done.read_errors] == ["a_empty.txt", "m_binary.txt"]
    assert seen[-1] == (ARTICLES + 2, ARTICLES + 2)
    first = done.records[0].id
    assert done.texts([first])[first].startswith(
        (corpus / f"{first}.txt").read_text(encoding="utf-8")[:50]
    )


def test_small_inputs_and_one_job_run_without_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> object:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    assert list(ordered_map(abs, range(-31, 0), jobs=0)) == list(range(31, 0, -1))
    assert list(ordered_map(abs, range(-500, 0), jobs=1)) == list(range(500, 0, -1))


def test_the_pool_keeps_the_input_order() -> None:
    items = list(range(-200, 0))
    assert list(ordered_map(abs, items, jobs=2, chunk=16)) == [abs(i) for i in items]


def test_chunks_stay_within_bounds() -> None:
    assert parallel.chunk_size(40, 2) == parallel.MIN_CHUNK
    assert parallel.chunk_size(100_000, 2) == parallel.MAX_CHUNK
    assert parallel.workers(0) == parallel.cpu_count() and parallel.workers(3) == 3


@pytest.mark.parametrize("value", ["-1", "true", '"4"', "1.5"])
def test_jobs_in_the_configuration_must_be_a_count(tmp_path: Path, value: str) -> None:
    config = tmp_path / "consistency.toml"
    config.write_text(f'select = ["ALL"]\njobs = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"consistency.toml:2: 'jobs' must be"):
        load_config(config, known_codes=set())


def test_jobs_in_the_configuration_is_read(tmp_path: Path) -> None:
    config = tmp_path / "consistency.toml"
    config.write_text("jobs = 3\n", encoding="utf-8")
    assert load_config(config, known_codes=set()).jobs == 3
    assert load_config(None, known_codes=set()).jobs == 0


def test_jobs_is_an_option_of_check_index_and_ci() -> None:
    for command in ("check", "index", "ci"):
        assert "--jobs" in invoke(command, "--help").output


def _story_count(report_json: bytes) -> int:
    import json

    return len(json.loads(report_json)["stories"])


def test_stories_checked_on_forked_workers_give_the_same_report(tmp_path: Path) -> None:
    from consistency.pipeline import run_extracted
    from consistency.render import RENDERERS

    folder = generated_corpus(tmp_path, 180)  # 36 stories: enough for two chunks of 16
    done = load_and_extract([folder], base=folder, jobs=1)
    reports = []
    for jobs in (1, 2):
        report = run_extracted(done.records, errors=done.read_errors, jobs=jobs)
        reports.append(RENDERERS["json"](report).encode())
    assert _story_count(reports[0]) >= 2 * parallel.MIN_CHUNK
    assert reports[0] == reports[1]


def test_shared_map_keeps_the_order_and_forks_only_a_single_threaded_process() -> None:
    import threading

    items = list(range(-200, 0))
    assert list(parallel.shared_map(abs, items, jobs=2)) == [abs(i) for i in items]
    if threading.active_count() == 1:  # other tests may leave a thread behind
        assert parallel._forkable() == (os.name == "posix" and os.uname().sysname == "Linux")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel._forkable()  # a second thread: the fork server pool instead
        assert list(parallel.shared_map(abs, items, jobs=2)) == [abs(i) for i in items]
    finally:
        stop.set()
        thread.join()
