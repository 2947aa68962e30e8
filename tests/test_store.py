"""The SQLite index: incremental refresh, removal, transactions that survive a kill, and two
writers at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from consistency.corpus import check_changed, refresh
from consistency.models import Claim
from consistency.storage import Entry, encode_features
from consistency.store import Index, Stamp, StoreError
from consistency.stories import group

ROOT = Path(__file__).resolve().parent.parent
STORY = """{name} said on Monday that the {thing} would reopen in {month}.

"We have checked every {thing} twice and we will not open it before it is safe," {name} told
reporters in {town}. About {count} people use the {thing} every day. The {town} {thing}
council and the {name} {thing} trust will meet in {town} to plan the {thing} opening.
"""


def tag(n: int) -> str:
    """A distinct made-up word for each number: 0 -> "vab", 1 -> "vac", ..."""
    letters = "bcdfghklmnprstvz"
    return "v" + "".join(letters[int(d, 16)] for d in f"{n:02x}")


def write_corpus(folder: Path, n: int, *, start: int = 0, extra: str = "") -> list[Path]:
    """`n` small articles, one story per ten, with distinct town and person names."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(start, start + n):
        story = tag(i // 10)
        text = STORY.format(
            name=f"Alex Quor{story}", thing=f"{story}ford bridge", month="May",
            town=f"Zen{story}", count=1000 + i // 10,
        )  # fmt: skip
        path = folder / f"a{i:04d}.txt"
        path.write_text(text + extra, encoding="utf-8")
        files.append(path)
    return files


def dump(index_path: Path) -> list[tuple[object, ...]]:
    """Every row of the articles table, for comparing whole index states."""
    with sqlite3.connect(index_path) as db:
        return db.execute("SELECT * FROM articles ORDER BY path").fetchall()


def test_refresh_extracts_only_new_and_changed_articles(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "articles", 12)
    with Index(tmp_path / "idx.sqlite") as index:
        first = refresh(index, tmp_path, [tmp_path / "articles"])
        assert len(first.extracted) == 12 and first.unchanged == 0
        files[3].write_text(files[3].read_text() + "\nA new paragraph.\n")
        second = refresh(index, tmp_path, [tmp_path / "articles"])
        assert second.extracted == ["articles/a0003.txt"]
        assert second.unchanged == 11
        files[5].unlink()
        third = refresh(index, tmp_path, [tmp_path / "articles"])
        assert third.removed == ["articles/a0005.txt"] and not third.extracted
        assert index.size() == 11
        assert "articles/a0005.txt" not in index.paths()


def test_touching_a_file_without_changing_it_does_not_extract_again(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "articles", 3)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        files[0].write_text(files[0].read_text())  # same bytes, new mtime
        again = refresh(index, tmp_path, [tmp_path / "articles"])
        assert again.extracted == [] and again.unchanged == 3


def test_a_new_extractor_version_extracts_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "articles", 4)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        monkeypatch.setattr("consistency.corpus.extractor_version", lambda: "another")
        again = refresh(index, tmp_path, [tmp_path / "articles"])
        assert len(again.extracted) == 4
        assert {s.extractor for s in index.stamps().values()} == {"another"}


def test_stored_claims_come_back_as_they_were_extracted(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 10)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        [record] = index.records(["articles/a0001.txt"])
        quotes = [c for c in record.claims if c.family == "quote"]
        assert quotes and quotes[0].speaker is not None
        assert quotes[0].speaker.name == "Alex Quor" + tag(0)
        text = (tmp_path / "articles" / "a0001.txt").read_text()
        assert all(text[c.span.start : c.span.end] == c.text for c in record.claims)


def test_a_file_that_turns_bad_leaves_the_index_and_is_an_error(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "articles", 3)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        files[1].write_bytes(b"")
        again = refresh(index, tmp_path, [tmp_path / "articles"])
        assert [e.path for e in again.errors] == ["articles/a0001.txt"]
        assert "articles/a0001.txt" not in index.paths() and index.size() == 2


def test_an_index_from_another_schema_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "idx.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema', '0')")
        db.execute("CREATE TABLE articles (path TEXT)")
    with Index(path) as index:
        assert index.size() == 0


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "idx.sqlite"
    path.write_text("not a database at all " * 100)
    with pytest.raises(StoreError, match=r"idx\.sqlite: not an index \(not an SQLite file\)"):
        Index(path)
    assert path.read_text() == "not a database at all " * 100  # someone else's file: kept


KILLER = """
import os, signal, sys
from pathlib import Path
import consistency.storage as storage
import consistency.store as store
from consistency.corpus import refresh

real, calls = storage._CLAIMS, [0]

class Killer:
    def dump_json(self, value):
        calls[0] += 1
        if calls[0] == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)  # inside the write transaction
        return real.dump_json(value)

storage._CLAIMS = Killer()
root = Path(sys.argv[1])
with store.Index(root / "idx.sqlite") as index:
    refresh(index, root, [root / "articles"])
"""


@pytest.mark.parametrize("kill_at", [50, 150])
def test_a_run_killed_mid_write_leaves_a_whole_index(tmp_path: Path, kill_at: int) -> None:
    write_corpus(tmp_path / "articles", 250)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
    before = dump(tmp_path / "idx.sqlite")
    write_corpus(tmp_path / "articles", 250, extra="\nAn update, added later.\n")

    script = tmp_path / "killer.py"
    script.write_text(textwrap.dedent(KILLER))
    done = subprocess.run([sys.executable, str(script), str(tmp_path), str(kill_at)])
    assert done.returncode == -9  # killed, not finished

    with sqlite3.connect(tmp_path / "idx.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    after = dump(tmp_path / "idx.sqlite")
    assert len(after) == 250
    changed = [new for old, new in zip(before, after, strict=True) if old != new]
    # Transactions of 100 articles: killed in the first, nothing changed; in the second,
    # the first hundred are wholly new and the rest wholly as before.
    assert len(changed) == (0 if kill_at <= 100 else 100)
    with Index(tmp_path / "idx.sqlite") as index:
        resumed = refresh(index, tmp_path, [tmp_path / "articles"])
        assert len(resumed.extracted) == 250 - len(changed)
        assert all(index.features(p) for p in index.paths())


def _open_index(path: str, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    Index(Path(path)).close()


def test_processes_opening_a_new_index_at_once_all_succeed(tmp_path: Path) -> None:
    """Switching a new file to WAL answers "database is locked" at once, past the busy
    timeout, while another process switches it: every opener must still get the index."""
    for attempt in range(10):
        path = str(tmp_path / f"idx{attempt}.sqlite")
        start = multiprocessing.Barrier(6)
        procs = [multiprocessing.Process(target=_open_index, args=(path, start)) for _ in range(6)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(timeout=60)
        assert [proc.exitcode for proc in procs] == [0] * 6


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    write_corpus(tmp_path / "one", 120)
    write_corpus(tmp_path / "two", 120, start=500)
    (tmp_path / ".git").mkdir()  # not a repository, but keep the root here
    index = tmp_path / "idx.sqlite"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "consistency", "index", folder, "--index", str(index), "-q"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for folder in ("one", "two")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with Index(index) as store:
        paths = store.paths()
    assert len(paths) == 240
    assert {p.split("/")[-2] for p in paths} == {"one", "two"}


def test_check_changed_compares_within_the_story_only(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 30)
    odd = tmp_path / "articles" / "a0012.txt"
    odd.write_text(odd.read_text().replace("twice", "three times"))
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        report = check_changed(index, ["articles/a0012.txt"], errors=[])
    assert [f.code for f in report.findings] == ["Q101"]
    assert report.findings[0].odd_articles == ["articles/a0012.txt"]
    [story] = report.stories
    assert story.articles == [f"articles/a{i:04d}.txt" for i in range(10, 20)]
    assert {a.path for a in report.articles} == set(story.articles)


def test_stamp_is_what_decides_freshness() -> None:
    assert Stamp("h", 1, 2, "v") == Stamp("h", 1, 2, "v")


def test_index_command_reports_a_bad_file_and_indexes_the_rest(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 3)
    (tmp_path / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    done = subprocess.run(
        [sys.executable, "-m", "consistency", "index", "articles", "--index", "idx.sqlite"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert "articles/broken.md:3: invalid YAML" in done.stderr and "Traceback" not in done.stderr
    assert "indexed 3 new or changed" in done.stdout
    with Index(tmp_path / "idx.sqlite") as index:
        assert index.size() == 3


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from consistency.cli import common as cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with cli.progress_bar("indexing", quiet=False) as progress:
        assert progress is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with cli.progress_bar("indexing", quiet=True) as progress:
        assert progress is None
    with cli.progress_bar("indexing", quiet=False) as progress:
        assert progress is not None
        progress(1, 2)


def test_refreshing_the_whole_corpus_drops_articles_from_outside_it(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 3)
    write_corpus(tmp_path / "docs", 1, start=100)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        refresh(index, tmp_path, [tmp_path / "docs"])  # a path given once, outside the corpus
        assert index.size() == 4
        partial = refresh(index, tmp_path, [tmp_path / "articles"])
        assert partial.removed == [] and index.size() == 4
        whole = refresh(index, tmp_path, [tmp_path / "articles"], whole=True)
        assert whole.removed == ["docs/a0100.txt"] and index.size() == 3


def test_postings_follow_every_replacement_and_removal(tmp_path: Path) -> None:
    """The postings (feature id, article id) are kept in step with each article's own
    feature list through new, changed and removed articles, so document frequencies and
    candidate stories come from the postings alone."""
    files = write_corpus(tmp_path / "articles", 30)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        files[0].write_text("Mayor Ana Cruz opened the Quorbridge library on Monday.\n")
        files[1].unlink()
        refresh(index, tmp_path, [tmp_path / "articles"], whole=True)
        paths = index.paths()
        assert len(paths) == 29 and "articles/a0001.txt" not in paths
        expected: dict[str, set[str]] = {}
        for path in paths:
            for feature in index.features(path):
                expected.setdefault(feature, set()).add(path)
        for feature, holders in expected.items():
            assert {p for p, _ in index.postings(feature)} == holders
            assert index.df(feature) == len(holders)
        rows = index.db.execute("SELECT count(*) FROM postings").fetchone()[0]
        assert rows == sum(len(index.features(p)) for p in paths)  # no stale posting


def test_records_are_stored_compressed_and_read_back_equal(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 3)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        (record,) = index.records(["articles/a0000.txt"])
        plain = len(TypeAdapter(list[Claim]).dump_json(record.claims))
        (blob,) = index.db.execute(
            "SELECT claims FROM articles WHERE path = 'articles/a0000.txt'"
        ).fetchone()
        assert isinstance(blob, bytes) and blob[:1] == b"\x78"  # zlib
        assert record.claims and all(c.article == "articles/a0000.txt" for c in record.claims)
        assert len(blob) < plain / 2


FEATURES = st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 3), max_size=6)
WRITES = st.lists(  # batches: each puts features at paths (None: removes the paths)
    st.tuples(st.booleans(), st.lists(st.tuples(st.integers(0, 6), FEATURES), max_size=5)),
    max_size=8,
)


def entry(slot: int, features: dict[str, int]) -> Entry:
    """An entry with only the features that the postings and counts are made from."""
    stamp = Stamp("h", 0, 0, "x")
    return Entry(f"a{slot}", stamp, None, features, (b"", b"", b"", encode_features(features)))


def assert_counts(index: Index, common: int) -> None:
    """The kept document frequencies and rare-feature counts equal those counted afresh."""
    db = index.db
    df = dict(db.execute("SELECT feature, count(*) FROM postings GROUP BY feature"))
    assert {i: n for i, n in db.execute("SELECT id, df FROM vocabulary") if n} == df
    rare = {a: 0 for (a,) in db.execute("SELECT id FROM articles")}
    for feature, article in db.execute("SELECT feature, article FROM postings"):
        rare[article] += df[feature] <= common
    assert dict(db.execute("SELECT article, rare FROM rarity")) == rare


@settings(max_examples=60, deadline=None)
@given(WRITES)
def test_frequencies_and_rare_counts_are_kept_through_any_writes(
    writes: list[tuple[bool, list[tuple[int, dict[str, int]]]]],
) -> None:
    """However articles are added, replaced (twice in one batch too) and removed, the
    frequencies and rare-feature counts the index keeps are those the postings give,
    including when a feature crosses the line between rare and common either way."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr("consistency.storecounts.COMMON_DF", 2)
        with Index(Path(folder) / "idx.sqlite") as index:
            for put, batch in writes:
                if put:
                    index.put([entry(slot, features) for slot, features in batch])
                else:
                    index.remove([f"a{slot}" for slot, _ in batch])
                assert_counts(index, 2)
                for slot, _ in batch:
                    held = index.features(f"a{slot}")
                    assert {f: index.df(f) for f in held} == {
                        f: len(index.postings(f)) for f in held
                    }


def test_a_failed_write_leaves_no_vocabulary_id_behind(tmp_path: Path) -> None:
    """A transaction rolled back takes its new vocabulary ids with it, and the index does
    not go on using them."""
    with Index(tmp_path / "idx.sqlite") as index:
        index.put([entry(0, {"a": 1})])
        broken = Entry("a1", Stamp("h", 0, 0, "x"), None, {"b": 1}, (b"", b"", b""))  # type: ignore[arg-type]
        with pytest.raises(sqlite3.Error):
            index.put([entry(2, {"c": 1}), broken])
        index.put([entry(3, {"d": 1, "c": 2})])
        assert_counts(index, 150)
        assert {p for p, _ in index.postings("c")} == {"a3"}


def test_grouping_on_the_index_is_the_grouping_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index bounds norms with its rare-feature counts; the stories it finds are the
    ones found with every feature in memory, for every article, with common features."""
    for module in ("consistency.storecounts", "consistency.stories", "consistency.storyfeatures"):
        monkeypatch.setattr(f"{module}.COMMON_DF", 6)
    write_corpus(tmp_path / "articles", 40)
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [tmp_path / "articles"])
        memory = index.in_memory()
        for article in index.paths():
            assert group(index, [article]) == group(memory, [article])


def test_articles_sharing_a_figure_and_little_else_are_passed_over_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles that share one figure with the article whose story is sought, and have many
    rare features of their own, cannot be in its story: the index's count of their rare
    features says so without reading them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed.txt").write_text(
        "Mayor Ana Quorvab opened the Vabford library for 4821 readers.\n"
    )
    for i in range(30):
        names = " ".join(f"{tag(i * 20 + k).title()}son" for k in range(20))
        (folder / f"o{i:02d}.txt").write_text(f"The 4821 visitors met {names} there.\n")
    read: list[str] = []
    with Index(tmp_path / "idx.sqlite") as index:
        refresh(index, tmp_path, [folder])
        monkeypatch.setattr(index, "read_ahead", lambda articles: read.extend(articles))
        stories = group(index, ["articles/seed.txt"])
    assert list(stories.values()) == [["articles/seed.txt"]]
    assert read == []
