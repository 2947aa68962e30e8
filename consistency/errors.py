"""The exceptions of `consistency`: real failures, never findings."""

from __future__ import annotations


class ConsistencyError(Exception):
    """Base of every error the tool reports on purpose."""

    code = "E000"


class IngestError(ConsistencyError):
    """A file (or path) could not be turned into an article."""

    code = "E100"

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class PathNotFound(IngestError):
    """A path given on the command line does not exist."""

    code = "E101"


class NoArticles(IngestError):
    """A directory holds no .txt, .md or .html file."""

    code = "E102"


class BinaryFile(IngestError):
    """A file is not text."""

    code = "E103"


class EmptyFile(IngestError):
    """A file holds no article text."""

    code = "E104"


class FrontMatterError(IngestError):
    """A file's YAML front matter is invalid."""

    code = "E105"


class UnreadableFile(IngestError):
    """The operating system refused to read a file."""

    code = "E106"


class UnsupportedFile(IngestError):
    """A file named explicitly has an extension the tool does not read."""

    code = "E107"


class HtmlNotInstalled(IngestError):
    """An HTML file was given but trafilatura, the optional HTML extra, is not installed."""

    code = "E108"


class NoMainText(IngestError):
    """trafilatura found no main text in an HTML file (a menu, an app shell, a blank page)."""

    code = "E109"


class ConfigError(ConsistencyError):
    """Options or configuration are invalid."""

    code = "E200"
