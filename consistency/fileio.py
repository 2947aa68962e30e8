"""Writing files the user owns: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

from consistency.errors import WriteError


def atomic_write_text(path: Path, text: str, *, what: str = "file") -> None:
    """Write `text` to `path` in UTF-8 with "\n" line ends, as `atomic_write_bytes` does."""
    atomic_write_bytes(path, text.encode("utf-8"), what=what)


def atomic_write_bytes(path: Path, data: bytes, *, what: str = "file") -> None:
    """Write `data` to `path` through a temporary file in the same directory and a rename;
    a failure is a WriteError naming `path` (as `what`), and `path` is left as it was.
    The temporary file's name holds the writer's process id: one left by a run that was
    killed is removed by the next write of the same file."""
    prefix = f".{path.name}.{os.getpid()}."
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    except OSError as exc:
        raise _refused(path, what, exc) from exc
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes it 0600: the user's umask decides
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _refused(path, what, exc) from exc
        raise


def _refused(path: Path, what: str, exc: OSError) -> WriteError:
    return WriteError(f"{path}: cannot write {what}: {exc.strerror or exc}")


def _remove_orphans(path: Path) -> None:
    """Remove the temporary files of `path` whose writer is no longer running."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Is process `pid` alive on this machine (one we may not signal counts as alive)?"""
    if pid == os.getpid() or os.name != "posix":  # elsewhere signal 0 is no mere probe
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _mode_for(path: Path) -> int:
    """The permissions of a file written at `path`: those of the file it replaces, else
    what the user's umask gives a new file (0644 under the usual 022)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
