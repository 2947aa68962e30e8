"""The exceptions of `consistency`: real failures, never findings. Input errors have codes
F1xx (files), apart from the rule codes (E101 is a rule: name-spelling-differs)."""

from __future__ import annotations

import traceback
from pathlib import Path


class ConsistencyError(Exception):
    """Base of every error the tool reports on purpose."""

    code = "F000"


class IngestError(ConsistencyError):
    """A file (or path) could not be turned into an article."""

    code = "F100"

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class PathNotFound(IngestError):
    """A path given on the command line does not exist."""

    code = "F101"


class NoArticles(IngestError):
    """A directory holds no .txt, .md or .html file."""

    code = "F102"


class BinaryFile(IngestError):
    """A file is not text."""

    code = "F103"


class EmptyFile(IngestError):
    """A file holds no article text."""

    code = "F104"


class FrontMatterError(IngestError):
    """A file's YAML front matter is invalid."""

    code = "F105"


class UnreadableFile(IngestError):
    """The operating system refused to read a file."""

    code = "F106"


class UnsupportedFile(IngestError):
    """A file named explicitly has an extension the tool does not read."""

    code = "F107"


class HtmlNotInstalled(IngestError):
    """An HTML file was given but trafilatura, the optional HTML extra, is not installed."""

    code = "F108"


class NoMainText(IngestError):
    """trafilatura found no main text in an HTML file (a menu, an app shell, a blank page)."""

    code = "F109"


class WriteError(ConsistencyError):
    """A file the user asked for (a report, a baseline) could not be written."""

    code = "F110"


class ArticleTooLarge(IngestError):
    """A file is over the size limit of one article (`max-article-size`)."""

    code = "F111"


class ConfigError(ConsistencyError):
    """Options or configuration are invalid."""

    code = "E200"


class NotRegularFile(IngestError):
    """A path names a named pipe, a device, a socket: only regular files are read."""

    code = "F112"


class OutsideTree(IngestError):
    """A symbolic link leads out of the directory given (or the repository): never read."""

    code = "F113"


class InternalError(IngestError):
    """A bug in `consistency` met while processing one file or story: reported for it, and
    the others are still checked; never taken for a clean result."""

    code = "F199"


_HOME = Path(__file__).resolve().parents[1]  # the directory that holds the package


def internal_error(path: str, doing: str, exc: BaseException) -> InternalError:
    """An unexpected exception met while `doing` something to the file at `path`, as one
    line that says where in the package it was raised (for a bug report)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        name = Path(frames[-1].filename)
        shown = name.relative_to(_HOME) if name.is_relative_to(_HOME) else name.name
        where = f" at {Path(shown).as_posix()}:{frames[-1].lineno}"
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return InternalError(
        path, f"internal error while {doing} ({detail}{where}); please report it with this file"
    )
