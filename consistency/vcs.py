"""What git says: the repository root and the files changed against a base ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

from consistency.errors import ConsistencyError


class GitError(ConsistencyError):
    """git is missing, or the directory or ref is not what the command needs."""


# the paths a diff names (a rename as its two paths), and the files git neither tracks nor
# ignores: asked by the scan at the start and by the walk that stands in for it
_NAMES = ["diff", "--name-only", "--no-renames", "-z"]
_UNTRACKED = ["ls-files", "--others", "--exclude-standard", "-z"]


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed; pass the articles to check as paths") from exc
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise GitError(f"git {' '.join(args[:2])}: {message}")
    return done.stdout


def toplevel(cwd: Path) -> Path | None:
    """The root of the git work tree holding `cwd`, or None outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        return None


def head(root: Path) -> str | None:
    """The commit checked out, or None (no git, no commit yet)."""
    try:
        return _git(["rev-parse", "--verify", "-q", "HEAD"], root).strip() or None
    except GitError:
        return None


def touched_since(root: Path, commit: str, scan: WorktreeScan | None = None) -> list[str] | None:
    """Paths (relative to `root`) that differ between `commit` and the work tree now:
    changed, added or deleted in commits since, staged or not, and untracked files git
    does not ignore. None when `commit` is not in this repository (a cache from elsewhere).
    With `scan` (of `root`, started earlier), the work tree is not walked again: what
    differs from HEAD comes from it, and only the commits since are compared (tree with
    tree, at the cost of the change)."""
    try:
        _git(["cat-file", "-e", f"{commit}^{{commit}}"], root)
    except GitError:
        return None
    names = _differing(root, commit, scan) if scan is not None else None
    if names is None:
        names = _names(_git([*_NAMES, commit], root))
        names |= _untracked(root)
    return sorted(names)


def _untracked(root: Path) -> set[str]:
    """Files git neither tracks nor ignores, relative to `root`."""
    return _names(_git(_UNTRACKED, root))


def changed_files(root: Path, base: str, scan: WorktreeScan | None = None) -> list[Path]:
    """Files added, copied, modified or renamed since the merge base with `base` (committed
    or not), and untracked files git does not ignore; existing files only, sorted. With
    `scan` (of `root`), the work tree is not walked again (see `touched_since`)."""
    try:
        fork = _git(["merge-base", base, "HEAD"], root).strip()
    except GitError as exc:
        raise GitError(
            f"cannot compare with base ref {base!r} ({exc}); fetch it "
            "(actions/checkout with fetch-depth: 0) or pass --base"
        ) from exc
    filter = "--diff-filter=ACMRT"
    names = _differing(root, fork, scan, filter) if scan is not None else None
    if names is None:
        names = _names(_git([*_NAMES, filter, fork], root))
        names |= _untracked(root)
    return sorted(root / n for n in names if (root / n).is_file())


_RECHECK = 500  # paths changed both since and in the work tree, asked of git by name


def _differing(root: Path, commit: str, scan: WorktreeScan, *options: str) -> set[str] | None:
    """What `git diff --name-only OPTIONS commit` and the untracked files give, from `scan`
    (what differs from HEAD in the work tree) and a diff of the trees of `commit` and HEAD
    (at the cost of the change). A path in both may be back as `commit` had it: git is
    asked about those by name. None when `scan` has no answer for `root`."""
    local = scan.answer(root)
    if local is None:
        return None
    changed, untracked = local
    since = _names(_git([*_NAMES, commit, "HEAD"], root))
    both = since & changed
    if len(both) > _RECHECK:
        return None
    kept = _names(_git([*_NAMES, *options, commit, "HEAD"], root)) if options else since
    again = set()
    if both:  # (with no path, git would compare the whole work tree)
        asked = ["--literal-pathspecs", *_NAMES, *options, commit, "--", *sorted(both)]
        again = _names(_git(asked, root))
    return (kept - both) | again | (changed - since) | untracked


def _names(output: str) -> set[str]:
    return {name for name in output.split("\0") if name}


class WorktreeScan:
    """What differs between HEAD and the work tree (changed, staged or not, and untracked
    files git does not ignore), asked of git in the background as soon as a command
    starts. At 100,000 files that is git's walk of the tree, about 0.2 s, which then runs
    while the checker loads instead of after it; `ci` asks it once for everything."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._asked = [
            _start([*_NAMES, "HEAD"], root),
            _start(_UNTRACKED, root),
        ]
        self._answer: tuple[set[str], set[str]] | None = None

    @classmethod
    def start(cls, cwd: Path) -> WorktreeScan | None:
        """The scan of the work tree holding `cwd`, started; None outside one (or without
        git, or before the first commit)."""
        root = toplevel(cwd)
        if root is None or head(root) is None:
            return None
        try:
            return cls(root)
        except OSError:
            return None

    def answer(self, root: Path) -> tuple[set[str], set[str]] | None:
        """The paths that differ from HEAD and the untracked ones (relative to `root`), once
        git has answered; None when `root` is not the scanned tree or git failed (the
        caller asks git itself)."""
        if self._asked:
            answers = [process.communicate()[0] for process in self._asked]
            if all(process.returncode == 0 for process in self._asked):
                changed, untracked = answers
                self._answer = (_names(changed), _names(untracked))
            self._asked = []
        return self._answer if root == self.root else None

    def close(self) -> None:
        """Wait for git, if it was never asked (no process is left behind)."""
        self.answer(self.root)


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
