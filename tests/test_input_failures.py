"""Forgiving input and clean failures (issue 13): loose front matter is read with a
warning, an impossible date or an unreadable file is an input error naming it, and a file
the tool cannot write or an index it cannot use is one line, exit 2, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consistency.errors import FrontMatterError, UnreadableFile
from consistency.ingest import load
from consistency.ingest.frontmatter import parse_front_matter
from consistency.store import Index
from tests.conftest import invoke
from tests.test_store import write_corpus

QUOTE = 'Milano said "we will win this fight and we will do it today" at noon.\n'


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _no_traceback(*outputs: str) -> None:
    for out in outputs:
        assert "Traceback" not in out


# -- front matter --------------------------------------------------------------------------


def test_a_title_with_a_colon_is_read_with_a_warning_naming_file_and_line(workdir: Path) -> None:
    (workdir / "storm.md").write_text(
        "---\noutlet: BBC\ntitle: Storm Ciarán: the latest\npublished: 2023-11-02\n---\n" + QUOTE,
        encoding="utf-8",
    )
    result = invoke("check", "--format", "json", "storm.md")
    data = json.loads(result.stdout)
    assert data["errors"] == []
    (article,) = data["articles"]
    assert article["title"] == "Storm Ciarán: the latest" and article["outlet"] == "BBC"
    assert article["published"] == "2023-11-02"
    (diag,) = data["diagnostics"]
    assert (diag["code"], diag["path"], diag["line"]) == ("I002", "storm.md", 3)
    assert result.exit_code == 1  # a warning, like I001; --ignore I002 silences it


def test_loose_lines_beside_real_yaml_keep_the_yaml() -> None:
    text = "---\ntitle: A: b\ntags:\n  - x\n  - y\n# note\nsummary: c: d\n---\nText.\n"
    fm = parse_front_matter(text, "a.md")
    assert fm.title == "A: b"
    assert fm.extra == {"tags": ["x", "y"], "summary": "c: d"}
    assert [line for line, _ in fm.warnings] == [2, 7]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("- a\n- b\n", 2),  # a list where the mapping belongs
        ("outlet: BBC\n- a list item\n", 3),
        ("title: [unclosed, list\n", 3),  # broken YAML, not plain text
        ("x: !!python/object/apply:os.system [ls]\n", 2),  # safe loading stays
        ("title: a: b\nx: !!python/object/apply:os.system [ls]\n", 3),
    ],
)
def test_front_matter_that_is_neither_yaml_nor_key_value_is_an_error(body: str, line: int) -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse_front_matter(f"---\n{body}---\nText.\n", "a.md")
    assert caught.value.line == line


def test_an_unclosed_block_is_still_an_error() -> None:
    with pytest.raises(FrontMatterError, match="never closed"):
        parse_front_matter("---\ntitle: a: b\nText.\n", "a.md")


@pytest.mark.parametrize(
    "value", ["2017-10-16T12:31:00+25:00", "2017-10-16 12:31:00 -24:30", "2017-13-01"]
)
def test_an_impossible_date_is_an_input_error_naming_file_and_line(
    workdir: Path, value: str
) -> None:
    (workdir / "a.md").write_text(f"---\ntitle: a\npublished: {value}\n---\n" + QUOTE)
    (workdir / "b.txt").write_text(QUOTE)
    result = invoke("check", "--format", "json", "a.md", "b.txt")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(e["code"], e["path"], e["line"]) for e in data["errors"]] == [("F105", "a.md", 3)]
    assert value in data["errors"][0]["message"]
    assert [a["path"] for a in data["articles"]] == ["b.txt"]
    _no_traceback(result.stdout, result.stderr)


# -- unreadable files and directories --------------------------------------------------------


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Names that reading (a file) or listing (a directory) refuses, as chmod 000 would for
    anyone but root; simulated so that the tests run as root too."""
    names: set[str] = set()
    open_, scandir = os.open, os.scandir

    def fake_open(path: str | os.PathLike[str], flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return open_(path, flags, *args, **kwargs)

    def fake_scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path).name in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    yield names


def test_an_unreadable_file_in_a_directory_is_an_error_and_the_rest_are_checked(
    tmp_path: Path, refused: set[str]
) -> None:
    (tmp_path / "a.txt").write_text(QUOTE)
    (tmp_path / "b.txt").write_text(QUOTE)
    refused.add("a.txt")
    result = load([tmp_path], base=tmp_path)
    assert [d.article.path for d in result.documents] == ["b.txt"]
    (error,) = result.errors
    assert isinstance(error, UnreadableFile) and error.path == "a.txt"


def test_an_unreadable_subdirectory_is_an_input_error(workdir: Path, refused: set[str]) -> None:
    (workdir / "news" / "locked").mkdir(parents=True)
    (workdir / "news" / "locked" / "hidden.txt").write_text(QUOTE)
    (workdir / "news" / "ok.txt").write_text(QUOTE)
    refused.add("locked")
    result = invoke("check", "--format", "json", "news")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(e["code"], e["path"]) for e in data["errors"]] == [("F106", "news/locked")]
    assert [a["path"] for a in data["articles"]] == ["news/ok.txt"]
    assert "news/locked: cannot read directory: Permission denied" in result.stderr


def test_an_unreadable_directory_argument_is_not_called_empty(
    workdir: Path, refused: set[str]
) -> None:
    (workdir / "news").mkdir()
    (workdir / "news" / "ok.txt").write_text(QUOTE)
    refused.add("news")
    result = invoke("check", "news")
    assert result.exit_code == 2
    assert "news: cannot read directory" in result.stderr
    assert "holds no" not in result.stderr


def test_the_index_command_reports_an_unreadable_file(workdir: Path, refused: set[str]) -> None:
    write_corpus(workdir / "articles", 3)
    refused.add("a0001.txt")
    result = invoke("index", "articles", "--index", "idx.sqlite")
    assert result.exit_code == 2
    assert "articles/a0001.txt: cannot read file" in result.stderr
    with Index(workdir / "idx.sqlite") as index:
        assert index.paths() == ["articles/a0000.txt", "articles/a0002.txt"]


# -- files the tool writes ---------------------------------------------------------------------


def _one_error_line(result, name: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: cannot ")
    _no_traceback(result.stdout, result.stderr)


@pytest.mark.parametrize("where", ["folder", "file/in/a/file.json"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(workdir: Path, where: str) -> None:
    (workdir / "folder").mkdir()
    (workdir / "file").write_text("mine\n")
    (workdir / "a.txt").write_text(QUOTE)
    _one_error_line(invoke("check", "a.txt", "-o", where), where)
    assert (workdir / "file").read_text() == "mine\n"


def test_a_baseline_that_cannot_be_written_is_one_line(workdir: Path) -> None:
    (workdir / "folder").mkdir()
    (workdir / "a.txt").write_text(QUOTE)
    result = invoke("check", "a.txt", "--baseline", "folder", "--update-baseline")
    _one_error_line(result, "folder")


def test_an_unreadable_configuration_is_one_line(workdir: Path) -> None:
    (workdir / "consistency.toml").write_bytes(b"select = ['Q\xff']\n")
    (workdir / "a.txt").write_text(QUOTE)
    _one_error_line(invoke("check", "a.txt", "--config", "consistency.toml"), "consistency.toml")


def test_an_index_path_that_cannot_be_created_is_one_line(workdir: Path) -> None:
    (workdir / "file").write_text("mine\n")
    (workdir / "a.txt").write_text(QUOTE)
    _one_error_line(invoke("index", "a.txt", "--index", "file/idx.sqlite"), "file/idx.sqlite")
    _one_error_line(invoke("index", "a.txt", "--index", "."), ".")


# -- a damaged index ---------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "header", "empty-header"])
def test_a_corrupt_index_is_rebuilt_with_a_warning(workdir: Path, damage: str) -> None:
    write_corpus(workdir / "articles", 12)
    assert invoke("index", "articles", "--index", "idx.sqlite").exit_code == 0
    data = (workdir / "idx.sqlite").read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "header": data[:16] + b"\xff" * 84 + data[100:],
        "empty-header": data[:10],
    }[damage]
    (workdir / "idx.sqlite").write_bytes(damaged)
    result = invoke("index", "articles", "--index", "idx.sqlite")
    assert result.exit_code == 0, result.stderr
    assert "idx.sqlite: the index was damaged" in result.stderr and "rebuilt" in result.stderr
    assert "12 articles in idx.sqlite" in result.stdout
    _no_traceback(result.stdout, result.stderr)
    with sqlite3.connect(workdir / "idx.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_index_damaged_inside_its_rows_is_rebuilt(workdir: Path) -> None:
    write_corpus(workdir / "articles", 3)
    assert invoke("index", "articles", "--index", "idx.sqlite").exit_code == 0
    with sqlite3.connect(workdir / "idx.sqlite") as db:
        db.execute("UPDATE articles SET claims = '{not json'")
    result = invoke("ci", "articles/a0001.txt", "--index", "idx.sqlite", "-q")
    assert result.exit_code in (0, 1), result.stderr
    assert "the index was damaged" in result.stderr
    with Index(workdir / "idx.sqlite") as index:
        assert index.size() == 3


def test_an_index_with_a_page_overwritten_is_verified_moved_aside_and_rebuilt(
    workdir: Path,
) -> None:
    write_corpus(workdir / "articles", 30)
    assert invoke("index", "articles", "--index", "idx.sqlite").exit_code == 0
    with sqlite3.connect(workdir / "idx.sqlite") as db:  # a page no indexing run reads
        try:
            size, page = db.execute(
                "SELECT pgsize, pageno FROM dbstat WHERE name = 'postings' "
                "AND pagetype = 'leaf' ORDER BY pageno LIMIT 1"
            ).fetchone()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
    data = bytearray((workdir / "idx.sqlite").read_bytes())
    start = (page - 1) * size
    data[start : start + size] = b"\x0a" + b"\xa5" * (size - 1)  # scribbled on
    (workdir / "idx.sqlite").write_bytes(bytes(data))
    result = invoke("index", "articles", "--index", "idx.sqlite")
    assert result.exit_code == 0, result.stderr
    assert "idx.sqlite: the index was damaged" in result.stderr
    assert "kept the damaged file as idx.sqlite.damaged" in result.stderr
    assert (workdir / "idx.sqlite.damaged").read_bytes() == bytes(data)
    assert "30 articles in idx.sqlite" in result.stdout
    _no_traceback(result.stdout, result.stderr)


def test_a_full_disk_under_the_index_is_said_once(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(workdir / "articles", 40)
    connect = Index._connect

    def small(self: Index) -> None:
        connect(self)
        self.db.execute("PRAGMA max_page_count = 12")  # as a full disk answers: SQLITE_FULL

    monkeypatch.setattr(Index, "_connect", small)
    result = invoke("index", "articles", "--index", "idx.sqlite")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: idx.sqlite: cannot use the index (database or disk is full)"]


def test_a_full_disk_under_a_report_is_said_and_leaves_nothing(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(workdir / "articles", 2)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = invoke("check", "articles", "-o", "report.json", "-f", "json")
    _one_error_line(result, "report.json")
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["articles"]


def test_a_killed_writer_leaves_no_temporary_file_behind_the_next_run(workdir: Path) -> None:
    write_corpus(workdir / "articles", 2)
    dead = workdir / ".report.json.4194399.abc123.tmp"  # above any process id Linux gives
    alive = workdir / f".report.json.{os.getppid()}.abc123.tmp"  # a writer still at work
    dead.write_text("{half")
    alive.write_text("{half")
    assert invoke("check", "articles", "-o", "report.json", "-f", "json").exit_code == 0
    assert not dead.exists() and alive.exists()
    assert json.loads((workdir / "report.json").read_text())["articles"]


def test_only_an_index_not_closed_cleanly_is_verified_when_opened(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consistency.cachefile import CacheFile
    from consistency.store import Index

    checked: list[Path] = []
    real = CacheFile._damage

    def spy(self: CacheFile) -> str | None:
        checked.append(self.path)
        return real(self)

    monkeypatch.setattr(CacheFile, "_damage", spy)
    with Index(workdir / "idx.sqlite"):
        pass
    assert len(checked) == 1  # a new file: verified
    with Index(workdir / "idx.sqlite"):
        pass
    assert len(checked) == 1  # closed cleanly by this tool: trusted
    db = sqlite3.connect(workdir / "idx.sqlite")
    db.execute("UPDATE meta SET value = '0' WHERE key = 'closed'")  # as a killed run leaves it
    db.commit()
    db.close()
    with Index(workdir / "idx.sqlite"):
        pass
    assert len(checked) == 2
    data = (workdir / "idx.sqlite").read_bytes()
    (workdir / "idx.sqlite").write_bytes(data[: len(data) - 1024])  # restored in part
    with Index(workdir / "idx.sqlite"):
        pass
    assert len(checked) == 3  # shorter than its header says: verified
