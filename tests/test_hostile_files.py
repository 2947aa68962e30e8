"""What a pull request may put where an article belongs (issue 16): pipes, devices, links out
of the tree, link loops, UTF-16, a bug met in one article. Each is named truthfully for that
file, never read when it is not a regular file inside the tree, and the other files are
still checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import consistency.extract as extraction
from consistency import cli, pipeline
from consistency.cli import commands
from consistency.errors import (
    InternalError,
    NotRegularFile,
    OutsideTree,
    PathNotFound,
    UnreadableFile,
)
from consistency.ingest import load
from consistency.pipeline import run
from tests.test_ci_git import consistency, git

ROOT = Path(__file__).resolve().parent.parent
QUOTE = 'Mayor Ana Cruz said on Monday: "We will rebuild the old bridge before the winter."\n'
SECRET = "s3cr3t-t0ken-do-not-leak"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, pipes and devices of POSIX")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the tree under test, with a secret in it."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"Ana Cruz said the password is {SECRET}.\n")
    return secret


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "good.txt").write_text(QUOTE)
    return tree


def _errors(tree: Path, *paths: Path) -> dict[str, type]:
    result = load(list(paths) or [tree], base=tree)
    assert [d.article.path for d in result.documents] == ["good.txt"]
    return {e.path: type(e) for e in result.errors}


def test_a_link_out_of_the_tree_is_an_error_and_never_read(tree: Path, outside: Path) -> None:
    (tree / "leak.txt").symlink_to(outside)
    (tree / "zero.txt").symlink_to("/dev/zero")
    assert _errors(tree) == {"leak.txt": OutsideTree, "zero.txt": OutsideTree}
    assert _errors(tree, tree / "good.txt", tree / "leak.txt")["leak.txt"] is OutsideTree


def test_a_link_inside_the_tree_is_read_once(tree: Path) -> None:
    (tree / "same.txt").symlink_to("good.txt")
    assert _errors(tree) == {}


def test_a_pipe_is_named_and_never_opened_for_long(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")  # nobody writes to it: opening it to read would block
    assert _errors(tree) == {"pipe.txt": NotRegularFile}
    done = subprocess.run(
        [sys.executable, "-m", "consistency", "check", "pipe.txt", "good.txt", "-f", "json"],
        cwd=tree, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "pipe.txt: a named pipe (FIFO), not a regular file" in done.stderr
    assert [a["path"] for a in json.loads(done.stdout)["articles"]] == ["good.txt"]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda link: link.symlink_to(link.name), "symbolic link loop"),
        (lambda link: link.symlink_to("gone.txt"), "broken symbolic link (to gone.txt"),
    ],
    ids=["loop", "broken"],
)
def test_links_that_lead_nowhere_say_so(tree: Path, make: object, says: str) -> None:
    link = tree / "link.txt"
    make(link)  # type: ignore[operator]
    for paths in ([tree], [tree / "good.txt", link]):
        result = load(paths, base=tree)
        (error,) = result.errors
        assert isinstance(error, PathNotFound) and error.path.endswith("link.txt")
        assert says in error.message


def test_an_unreadable_file_given_by_name_is_an_input_error(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    (tree / "locked.txt").write_text(QUOTE)
    monkeypatch.setattr(os, "open", refuse)
    assert _errors(tree, tree / "good.txt", tree / "locked.txt") == {"locked.txt": UnreadableFile}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_text(tree: Path, codec: str) -> None:
    (tree / "wide.txt").write_bytes(QUOTE.replace("before", "after").encode(codec))
    result = load([tree], base=tree)
    assert not result.errors
    wide = next(d for d in result.documents if d.article.path == "wide.txt")
    assert wide.article.encoding == codec
    report = run(result.documents)
    (finding,) = [f for f in report.findings if f.code == "Q101"]
    (odd,) = [e for e in finding.claims if e.article == "wide"]
    text = (tree / "wide.txt").read_bytes().decode(codec).removeprefix("\ufeff")
    assert odd.line == 1 and text[odd.start : odd.end] == odd.text


def test_nul_bytes_that_are_no_utf16_are_still_binary(tree: Path) -> None:
    (tree / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    assert _errors(tree) == {"blob.txt": type(load([tree / "blob.txt"]).errors[0])}
    assert "binary" in load([tree / "blob.txt"]).errors[0].message


def test_a_bug_met_in_one_article_is_reported_for_it_and_the_rest_are_checked(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "other.txt").write_text(QUOTE.replace("before", "after"))
    real = extraction.extract

    def extract(doc: object) -> object:
        if doc.article.path == "other.txt":  # type: ignore[attr-defined]
            raise ZeroDivisionError("boom")
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(extraction, "extract", extract)  # what every caller runs
    result = load([tree], base=tree)
    report = run(result.documents, errors=result.errors)
    assert [a.path for a in report.articles] == ["good.txt"]
    (error,) = report.errors
    assert error.code == InternalError.code and error.path == "other.txt"
    assert "ZeroDivisionError: boom" in error.message and "\n" not in error.message


def test_a_bug_met_in_one_story_is_reported_and_other_stories_are_checked(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "other.txt").write_text(QUOTE.replace("before", "after"))
    real = pipeline.check_story
    calls: list[int] = []

    def check_story(claims: list[object], info: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("first story")
        return real(claims, info)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_story", check_story)
    result = load([tree], base=tree)
    records = [extraction.extract(d) for d in result.documents]
    report = pipeline.check(records, stories={"s1": ["good"], "s2": ["other"]})
    assert len(calls) == 2
    (error,) = report.errors
    assert error.code == InternalError.code and error.path == "good.txt"
    assert "checking story 's1' (good.txt)" in error.message


def test_a_crash_outside_any_file_is_one_line_and_exit_2(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(commands, "run", broken)
    monkeypatch.setattr(sys, "argv", ["consistency", "check", str(tree)])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: renderer exploded" in err
    assert "Traceback" not in err


def test_ci_never_reads_a_link_out_of_the_repository(tmp_path: Path, outside: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "articles").mkdir(parents=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (repo / "articles" / seed.name).write_bytes(seed.read_bytes())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "corpus")
    assert consistency(repo, "index").returncode == 0
    git(repo, "checkout", "-q", "-b", "pr")
    (repo / "articles" / "leak.txt").symlink_to(outside)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "an innocent article")
    outputs = []
    for fmt in ("text", "json", "github", "markdown", "sarif", "junit"):
        done = consistency(repo, "ci", "--base", "main", "-f", fmt)
        assert done.returncode == 2, done.stderr
        assert "leak.txt: symbolic link to" in done.stderr
        outputs += [done.stdout, done.stderr]
    outputs.append(consistency(repo, "check", "articles", "-f", "json").stdout)
    index = repo / ".consistency" / "index.sqlite"
    assert index.exists()
    everything = "\n".join(outputs).encode() + b"".join(
        p.read_bytes()
        for p in repo.rglob("*")
        if p.is_file() and not p.is_symlink() and ".git" not in p.parts
    )
    assert SECRET.encode() not in everything
    assert str(outside).encode() not in index.read_bytes()
