"""The exceptions of `consistency`: real failures, never findings. Input errors have codes
F1xx (files), apart from the rule codes (E101 is a rule: name-spelling-differs).

Each class carries its code, a kebab-case name and its documentation: the first paragraph
of the docstring is the summary, the rest the full text (`consistency rules F103` prints
both; `consistency.render.diagnostics.INPUT_ERRORS` is the table built from them)."""

from __future__ import annotations

import traceback
from pathlib import Path


class ConsistencyError(Exception):
    """Base of every error the tool reports on purpose."""

    code = "F000"
    name = "error"


class IngestError(ConsistencyError):
    """A file or path could not be turned into an article.

    The family of every input error: the codes F101 to F199 say why. An input error is
    about one file; every other file is still checked, and the exit code is 2."""

    code = "F100"
    name = "input-error"

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class PathNotFound(IngestError):
    """A path given on the command line does not exist.

    Nothing is at that path, or it is a symbolic link that leads nowhere (a broken link, or
    a loop that leads back to itself); the message says which. Check the spelling and the
    working directory."""

    code = "F101"
    name = "path-not-found"


class NoArticles(IngestError):
    """A directory holds no .txt, .md or .html file.

    A directory given on the command line was searched recursively and no article was
    found: `README.md` files and hidden directories are skipped, and other extensions
    are not articles."""

    code = "F102"
    name = "no-articles"


class BinaryFile(IngestError):
    """A file is not text.

    The file holds NUL bytes without being valid UTF-16 or UTF-32 (an image, a PDF, a
    word-processor file saved under an article's name). Export the article as plain text,
    Markdown or HTML."""

    code = "F103"
    name = "binary-file"


class EmptyFile(IngestError):
    """A file holds no article text.

    The file is empty or only whitespace, or it has front matter and nothing after it.
    There is nothing to compare."""

    code = "F104"
    name = "empty-file"


class FrontMatterError(IngestError):
    """A file's YAML front matter is invalid.

    The block opened with `---` is never closed, is a list where a mapping of keys belongs,
    has a value opening an unclosed `[` or `{`, uses a YAML tag, or gives a `published`
    date that cannot exist (month 13, offset +25:00). The message names the line. Plain
    `key: value` lines that are not strict YAML are read with warning I002 instead."""

    code = "F105"
    name = "invalid-front-matter"


class UnreadableFile(IngestError):
    """The operating system refused to read a file.

    Opening or reading the file (or listing a directory) failed: permission denied, an
    I/O error. The message gives the system's reason."""

    code = "F106"
    name = "unreadable-file"


class UnsupportedFile(IngestError):
    """A file named explicitly has an extension the tool does not read.

    Only `.txt`, `.md` (`.markdown`), `.html` and `.htm` files are articles. Files of other
    kinds found while searching a directory are skipped silently; one named on the command
    line is this error."""

    code = "F107"
    name = "unsupported-file"


class HtmlNotInstalled(IngestError):
    """An HTML file was given but trafilatura, the optional HTML extra, is not installed.

    HTML articles need `pip install 'news-consistency[html]'` (trafilatura and lxml), which
    extracts the main text and the page's metadata offline."""

    code = "F108"
    name = "html-not-installed"


class NoMainText(IngestError):
    """trafilatura found no main text in an HTML file (a menu, an app shell, a blank page).

    The page has no article body to extract: it is an index page, an application shell
    whose text is loaded by script, or empty. Save the article's own page, or its text."""

    code = "F109"
    name = "no-main-text"


class WriteError(ConsistencyError):
    """A file the user asked for (a report, a baseline) could not be written.

    Reported on stderr naming the file, exit 2; the file is left as it was (writes are
    atomic). Never part of a report."""

    code = "F110"
    name = "write-error"


class ArticleTooLarge(IngestError):
    """A file is over the size limit of one article (`max-article-size`).

    No news article is that long: the file is not read, so that one huge file cannot make
    a check take minutes or exhaust memory. Raise the limit with `--max-article-size` or
    `max-article-size` in the configuration (default 10,000,000 bytes)."""

    code = "F111"
    name = "article-too-large"


class ConfigError(ConsistencyError):
    """Options or configuration are invalid.

    An unknown key or rule code, a value of the wrong type, a configuration file that
    cannot be read: reported on stderr naming the file and line, exit 2. Never part of a
    report."""

    code = "E200"
    name = "config-error"


class NotRegularFile(IngestError):
    """A path names a named pipe, a device, a socket: only regular files are read.

    Reading such a path could block forever or never end; the message says what it is."""

    code = "F112"
    name = "not-a-regular-file"


class OutsideTree(IngestError):
    """A symbolic link leads out of the directory given (or the repository): never read.

    An article found in a tree is read only when its real path lies inside that tree, so a
    link committed in a pull request cannot make the check read (and quote) files elsewhere
    on the machine."""

    code = "F113"
    name = "outside-tree"


class InternalError(IngestError):
    """A bug in `consistency` met while processing one file or story.

    It is reported for that file (or the first file of the story), and the others are still
    checked; it is never taken for a clean result. The message says where in the package
    it was raised: please report it with the file."""

    code = "F199"
    name = "internal-error"


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
