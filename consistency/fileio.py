"""Writing files the user owns: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from consistency.errors import WriteError


def atomic_write_text(path: Path, text: str, *, what: str = "file") -> None:
    """Write `text` to `path` through a temporary file in the same directory and a rename;
    a failure is a WriteError naming `path` (as `what`), and `path` is left as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _refused(path, what, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
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
