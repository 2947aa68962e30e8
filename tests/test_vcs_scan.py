"""git's answer on the work tree, asked when `ci` starts (`vcs.WorktreeScan`), gives the
same changed paths as asking git after the index is open, in every kind of change."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.vcs import WorktreeScan, changed_files, touched_since
from tests.test_ci_git import git


def _write(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


@pytest.fixture
def changed_repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository, the commit an index would record, then every kind of change since:
    committed (changed, added, deleted, and one changed back in the work tree), staged,
    unstaged, deleted in the work tree, and untracked (one of them ignored)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for name in ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "sub/g.txt"):
        _write(repo, name, f"{name} first\n")
    _write(repo, ".gitignore", "*.log\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    recorded = git(repo, "rev-parse", "HEAD").strip()
    _write(repo, "a.txt", "a changed\n")
    _write(repo, "new.txt", "added\n")
    _write(repo, "f.txt", "f changed\n")
    git(repo, "rm", "-q", "b.txt")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second")
    _write(repo, "f.txt", "f.txt first\n")  # changed back: git diff from the commit omits it
    _write(repo, "c.txt", "c staged\n")
    git(repo, "add", "c.txt")
    _write(repo, "sub/g.txt", "g unstaged\n")
    (repo / "d.txt").unlink()
    _write(repo, "sub/untracked.txt", "untracked\n")
    _write(repo, "noise.log", "ignored\n")
    return repo, recorded


def test_the_scan_gives_the_paths_asking_git_later_gives(changed_repo: tuple[Path, str]) -> None:
    repo, recorded = changed_repo
    scan = WorktreeScan.start(repo / "sub")  # from a subdirectory: paths are the root's
    assert scan is not None and scan.root == repo
    plain = touched_since(repo, recorded)
    scanned = touched_since(repo, recorded, scan)
    assert plain is not None and scanned is not None
    expected = {"a.txt", "b.txt", "c.txt", "d.txt", "new.txt", "sub/g.txt", "sub/untracked.txt"}
    assert plain == scanned == sorted(expected)  # f.txt changed and changed back: not in
    assert changed_files(repo, recorded, scan) == changed_files(repo, recorded)
    head = git(repo, "rev-parse", "HEAD").strip()
    assert touched_since(repo, head, scan) == touched_since(repo, head)  # what remember keeps
    assert touched_since(repo, "0" * 40, scan) is None  # a commit from elsewhere


def test_the_scan_answers_only_for_its_own_tree_and_only_where_there_is_one(
    changed_repo: tuple[Path, str], tmp_path: Path
) -> None:
    repo, _ = changed_repo
    scan = WorktreeScan.start(repo)
    assert scan is not None
    assert scan.answer(tmp_path) is None  # another root: the caller asks git itself
    assert scan.answer(repo) == ({"c.txt", "d.txt", "f.txt", "sub/g.txt"}, {"sub/untracked.txt"})
    outside = tmp_path / "plain"
    outside.mkdir()
    assert WorktreeScan.start(outside) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    assert WorktreeScan.start(empty) is None  # no commit yet: nothing to compare with
