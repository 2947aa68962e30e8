"""Files to articles: discovery, decoding, front matter or HTML extraction, normalisation."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import NamedTuple

from consistency.config import MAX_ARTICLE_SIZE
from consistency.errors import (
    EmptyFile,
    IngestError,
    NoArticles,
    UnreadableFile,
    UnsupportedFile,
    internal_error,
)
from consistency.ingest.boilerplate import blank_boilerplate
from consistency.ingest.datestamp import find_datestamp
from consistency.ingest.frontmatter import parse_front_matter
from consistency.ingest.html import extract_html, file_warnings
from consistency.ingest.markdown import blank_markdown
from consistency.ingest.normalize import NormalizedText
from consistency.ingest.reading import decode, inside, missing, read_article
from consistency.ingest.suppress import find_suppressions
from consistency.models import Article

ARTICLE_SUFFIXES = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
}  # fmt: skip


class FileWarning(NamedTuple):
    """A problem met reading a file that did not stop it being read."""

    line: int
    message: str
    code: str = "I001"
    name: str = "not-utf8"


@dataclass
class Document:
    """An article with its text: the original and the normalised copy used for matching."""

    article: Article
    norm: NormalizedText
    body_start: int = 0  # offset in the copy where the text after front matter begins
    warnings: list[FileWarning] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The article id."""
        return self.article.id


@dataclass
class IngestResult:
    """Documents read and errors met, in the order the paths were given."""

    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def is_article(file: Path, root: Path) -> bool:
    """Would a search of `root` pick up `file` as an article? An article suffix, not a
    README.md, nothing hidden on the way down from `root`."""
    try:
        inside = file.relative_to(root)
    except ValueError:
        return False
    return (
        file.suffix.lower() in ARTICLE_SUFFIXES
        and file.name.lower() != "readme.md"
        and not any(part.startswith(".") for part in inside.parts)
    )


# What a repository holds beside its articles, skipped when no corpus is configured: the
# usual documents by name (any folder, any extension) and the documentation folders.
_DOCUMENTS = frozenset(
    """readme changelog changes history contributing contributors license licence copying
    notice authors maintainers code_of_conduct security support governance""".split()
)
_DOCUMENT_FOLDERS = frozenset({"docs", "doc", ".github"})


def repository_document(file: Path, root: Path) -> bool:
    """Is `file` one of a repository's own documents (README, CHANGELOG, CONTRIBUTING,
    LICENSE, anything under docs/ or .github/ at the root), not an article?"""
    inside = Path(os.path.abspath(file)).relative_to(os.path.abspath(root))
    top = inside.parts[0].lower() if len(inside.parts) > 1 else ""
    return inside.stem.lower().replace("-", "_") in _DOCUMENTS or top in _DOCUMENT_FOLDERS


def discover(
    paths: list[Path], base: Path | None = None
) -> tuple[list[tuple[Path, Path]], list[IngestError]]:
    """Expand paths (files and directories, recursively) into (file, root) pairs: a file
    must stay inside its root when links are followed. The root of a file found in a
    directory is that directory; of a file named on its own, `base` (the working directory
    or the repository) when the file is written below it, else the file's own directory."""
    found: list[tuple[Path, Path]] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            errors.append(missing(path))
            continue
        if path.is_dir():
            files, unreadable = _walk(path)
            errors.extend(unreadable)
            if not files and not unreadable:
                errors.append(
                    NoArticles(str(path), "directory holds no .txt, .md or .html articles")
                )
            pairs = [(f, path) for f in files]
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            errors.append(UnsupportedFile(str(path), "not a .txt, .md or .html file"))
            continue
        else:
            pairs = [(path, base if base is not None and inside(path, base) else path.parent)]
        for file, root in pairs:
            key = Path(os.path.realpath(file))  # a link loop raises nothing here
            if key not in seen:
                seen.add(key)
                found.append((file, root))
    return found, errors


def _walk(root: Path) -> tuple[list[Path], list[IngestError]]:
    """The articles below `root`, sorted, and an error for each directory that could not
    be listed (hidden ones are not entered, as `is_article` would skip their files). Every
    entry with an article's name that is no directory is returned, links and pipes too:
    reading it says what it is (links to directories are not followed)."""
    errors: list[IngestError] = []

    def refused(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        reason = exc.strerror or str(exc)
        errors.append(UnreadableFile(str(where), f"cannot read directory: {reason}"))

    files: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=refused):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder)
        files.extend(f for f in map(here.joinpath, names) if is_article(f, root))
    return sorted(files), errors


def _article_ids(files: list[tuple[Path, Path]], base: Path) -> list[str]:
    """File stems; where stems collide, the path below its root (then below `base`)
    without suffix, then with it, so that every id is unique."""
    candidates: list[Callable[[Path, Path], str]] = [
        lambda f, root: f.stem,
        lambda f, root: _relative(f, root).with_suffix("").as_posix(),
        lambda f, root: _relative(f, base).with_suffix("").as_posix(),
        lambda f, root: _relative(f, base).as_posix(),
        lambda f, root: Path(os.path.realpath(f)).as_posix(),
    ]
    ids = [candidates[0](f, r) for f, r in files]
    for make in candidates[1:]:
        counts = Counter(ids)
        if all(n == 1 for n in counts.values()):
            break
        ids = [make(f, r) if counts[i] > 1 else i for (f, r), i in zip(files, ids, strict=True)]
    return ids


def _relative(file: Path, root: Path) -> PurePath:
    try:
        return Path(os.path.realpath(file)).relative_to(os.path.realpath(root))
    except ValueError:
        return PurePath(file)


def load_document(
    file: Path,
    article_id: str,
    display: str,
    *,
    data: bytes | None = None,
    root: Path | None = None,
    max_size: int | None = MAX_ARTICLE_SIZE,
) -> Document:
    """Read one file (or its bytes, when the caller already has them) into a Document,
    raising an IngestError for this file only. The file is read only as `read_article`
    allows: a regular file inside `root` (default: its own directory) within `max_size`."""
    if data is None:
        data, _ = read_article(file, file.parent if root is None else root, display, max_size)
    text, encoding, warnings = decode(data, display)
    fmt = ARTICLE_SUFFIXES.get(file.suffix.lower(), "text")
    if fmt == "html":  # spans point into the extracted main text, not into the file
        text, meta = extract_html(text, display)
        warnings = file_warnings(warnings)
    else:
        meta = parse_front_matter(text, display)
    norm = NormalizedText.build(text)
    body_start = len(NormalizedText.build(text[: meta.end]).text) if meta.end else 0
    if body_start:
        norm.blank([(0, body_start)])
    if not norm.text[body_start:].strip():
        raise EmptyFile(display, "file has front matter but no article text")
    blank_boilerplate(norm)
    if fmt == "markdown":
        blank_markdown(norm, body_start)
    from_meta = "html" if fmt == "html" else "front_matter"
    published, source = meta.published, from_meta if meta.published else None
    if published is None:
        published = find_datestamp(norm.text, body_start)
        source = "text" if published else None
    article = Article(
        id=article_id,
        path=display,
        outlet=meta.outlet,
        published=published,
        published_source=source,
        title=meta.title,
        url=meta.url,
        encoding=encoding,
        format=fmt,
        text_source="extracted" if fmt == "html" else "file",
        story=meta.story,
        story_source="front_matter" if meta.story else None,
        suppressions=find_suppressions(text) if fmt == "markdown" else [],
    )
    notes = [FileWarning(line, message) for line, message in warnings]
    notes += [FileWarning(n, m, "I002", "lenient-front-matter") for n, m in meta.warnings]
    return Document(article, norm, body_start, notes)


def _resolved(folder: Path) -> Path:
    """`folder` resolved; absolute ones once (a relative one depends on the cwd)."""
    return _resolved_absolute(folder) if folder.is_absolute() else folder.resolve()


@lru_cache(maxsize=64)
def _resolved_absolute(folder: Path) -> Path:
    return folder.resolve()


def display_path(file: Path, base: Path | None) -> str:
    """The path shown in reports: relative to `base` when the file is below it, as written
    (a link is shown by its own name) or else with links followed."""
    if base is not None:
        for path, folder in (
            (Path(os.path.abspath(file)), Path(os.path.abspath(base))),
            (Path(os.path.realpath(file)), _resolved(base)),
        ):
            if path.is_relative_to(folder):
                return path.relative_to(folder).as_posix()
    return file.as_posix()


def load(
    paths: list[Path], *, base: Path | None = None, max_size: int | None = MAX_ARTICLE_SIZE
) -> IngestResult:
    """Load every article under `paths`; a bad file (or one over `max_size` bytes) is an
    error for that file only. Paths in the result are shown relative to `base` (default:
    the working directory)."""
    base = Path.cwd() if base is None else base
    files, errors = planned(paths, base)
    result = IngestResult(errors=list(errors))
    for file, root, article_id, display in files:
        try:
            result.documents.append(
                read_document(file, article_id, display, root=root, max_size=max_size)
            )
        except IngestError as exc:
            result.errors.append(exc)
    return result


def planned(
    paths: list[Path], base: Path
) -> tuple[list[tuple[Path, Path, str, str]], list[IngestError]]:
    """The articles under `paths` as (file, root, article id, path shown relative to
    `base`), in order, and the errors met finding them."""
    files, errors = discover(paths, base)
    ids = _article_ids(files, base)
    out = [(f, root, i, display_path(f, base)) for (f, root), i in zip(files, ids, strict=True)]
    return out, errors


def read_document(
    file: Path, article_id: str, display: str, *, root: Path, max_size: int | None
) -> Document:
    """`load_document` for one file of a run: a bug met reading it is input error F199
    for that file (the others are still read), never an exception out of the run."""
    try:
        return load_document(file, article_id, display, root=root, max_size=max_size)
    except IngestError:
        raise
    except Exception as exc:
        raise internal_error(display, "reading", exc) from exc
