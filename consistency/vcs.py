"""What git says: the repository root and the files changed against a base ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

from consistency.errors import ConsistencyError


class GitError(ConsistencyError):
    """git is missing, or the directory or ref is not what the command needs."""


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


def touched_since(root: Path, commit: str) -> list[str] | None:
    """Paths (relative to `root`) that differ between `commit` and the work tree now:
    changed, added or deleted in commits since, staged or not, and untracked files git
    does not ignore. None when `commit` is not in this repository (a cache from elsewhere)."""
    try:
        _git(["cat-file", "-e", f"{commit}^{{commit}}"], root)
    except GitError:
        return None
    names = _git(["diff", "--name-only", "--no-renames", "-z", commit], root).split("\0")
    return sorted({n for n in names + _untracked(root) if n})


def _untracked(root: Path) -> list[str]:
    """Files git neither tracks nor ignores, relative to `root`."""
    return _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")


def changed_files(root: Path, base: str) -> list[Path]:
    """Files added, copied, modified or renamed since the merge base with `base` (committed
    or not), and untracked files git does not ignore; existing files only, sorted."""
    try:
        fork = _git(["merge-base", base, "HEAD"], root).strip()
    except GitError as exc:
        raise GitError(
            f"cannot compare with base ref {base!r} ({exc}); fetch it "
            "(actions/checkout with fetch-depth: 0) or pass --base"
        ) from exc
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMRT", fork], root).split("\0")
    names += _untracked(root)
    return sorted({root / n for n in names if n and (root / n).is_file()})
