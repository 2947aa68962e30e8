"""Reading an article's bytes safely, and decoding them. Only a regular file is read, only
when it lies inside the tree it was found in (a symbolic link out of a pull request's tree
is never followed), and never more than the size limit; every other thing a path can name
is an input error that says truthfully what it is."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from consistency.errors import (
    ArticleTooLarge,
    BinaryFile,
    EmptyFile,
    IngestError,
    NotRegularFile,
    OutsideTree,
    PathNotFound,
    UnreadableFile,
)

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
# Opening never blocks (a FIFO with no writer would wait forever) and never makes a
# terminal ours; the descriptor is not inherited.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def missing(path: Path, display: str | None = None) -> IngestError:
    """The error for a path that names no file: a broken link or a link loop is said to be
    one, not just "no such file"."""
    shown = display or str(path)
    try:
        target = os.readlink(path)
    except OSError:
        return PathNotFound(shown, "no such file or directory")
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return PathNotFound(shown, "symbolic link loop (it leads back to itself)")
    return PathNotFound(shown, f"broken symbolic link (to {target}, which does not exist)")


def inside(path: Path, root: Path) -> bool:
    """Is `path` below `root`, taken as written (no link followed)?"""
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))


def real_file(file: Path, root: Path, display: str) -> Path:
    """The file `file` names, links followed, when it lies inside `root`."""
    try:
        real = Path(os.path.realpath(file, strict=True))
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
            raise missing(file, display) from exc
        raise UnreadableFile(display, f"cannot read file: {exc.strerror or exc}") from exc
    if not real.is_relative_to(os.path.realpath(root)):
        target = os.readlink(file) if file.is_symlink() else real.as_posix()
        tree = Path(os.path.abspath(root)).as_posix()
        raise OutsideTree(display, f"symbolic link to {target}, outside {tree}: not read")
    return real


def _vet(info: os.stat_result, display: str, max_size: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise NotRegularFile(display, f"{kind}, not a regular file: not read")
    if max_size is not None and info.st_size > max_size:
        raise ArticleTooLarge(display, _too_large(f"{info.st_size:,}", max_size))


def _too_large(size: str, max_size: int) -> str:
    return f"file is {size} bytes, over the limit of {max_size:,} for one article"


def stat_article(file: Path, root: Path, display: str, max_size: int | None) -> os.stat_result:
    """The status of a file that may be read as an article (see `read_article`), without
    reading it: for an index that skips files it has seen."""
    real = real_file(file, root, display)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise UnreadableFile(display, f"cannot read file: {exc.strerror or exc}") from exc
    _vet(info, display, max_size)
    return info


def read_article(
    file: Path, root: Path, display: str, max_size: int | None
) -> tuple[bytes, os.stat_result]:
    """The bytes of `file` and its status: a regular file inside `root`, of at most
    `max_size` bytes (None: no limit), checked on the open file itself so that nothing can
    be swapped in between."""
    real = real_file(file, root, display)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise UnreadableFile(display, f"cannot read file: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _vet(info, display, max_size)
        try:
            data = handle.read(-1 if max_size is None else max_size + 1)
        except OSError as exc:
            raise UnreadableFile(display, f"cannot read file: {exc.strerror or exc}") from exc
    if max_size is not None and len(data) > max_size:  # it grew while it was read
        raise ArticleTooLarge(display, _too_large(f"more than {max_size:,}", max_size))
    return data, info


# Byte order marks, longest first (UTF-32's little-endian mark starts with UTF-16's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)  # fmt: skip


def _wide(data: bytes) -> str | None:
    """UTF-16 without a byte order mark, as some Windows tools write it: text whose every
    other byte is NUL (ASCII letters in two bytes)."""
    head = data[:8192]
    half = len(head) // 2
    even, odd = head[0::2], head[1::2]
    if half >= 4 and odd.count(0) >= 0.9 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if half >= 4 and even.count(0) >= 0.9 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> tuple[str, str, list[tuple[int, str]]]:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 or UTF-32 (by BOM, or UTF-16 by its NUL
    bytes), else cp1252 with a warning. NUL bytes otherwise mean binary."""
    if not data.strip():
        raise EmptyFile(path, "file is empty")
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
    codec = codec or (_wide(data) if b"\x00" in data[:8192] else None)
    if codec is not None and codec != "utf-8-sig":
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise BinaryFile(path, f"file is neither text nor valid {codec.upper()}") from None
        if not text.strip():
            raise EmptyFile(path, "file is empty")
        return text.removeprefix("\ufeff"), codec, []
    if b"\x00" in data[:8192]:
        raise BinaryFile(path, "file is binary (contains NUL bytes), not an article")
    if codec == "utf-8-sig":
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        return text, "cp1252", [(line, "not valid UTF-8; read as cp1252")]
