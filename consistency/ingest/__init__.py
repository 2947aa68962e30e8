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
    ArticleTooLarge,
    BinaryFile,
    EmptyFile,
    IngestError,
    NoArticles,
    PathNotFound,
    UnreadableFile,
    UnsupportedFile,
)
from consistency.ingest.boilerplate import blank_boilerplate
from consistency.ingest.datestamp import find_datestamp
from consistency.ingest.frontmatter import parse_front_matter
from consistency.ingest.html import extract_html, file_warnings
from consistency.ingest.markdown import blank_markdown
from consistency.ingest.normalize import NormalizedText
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


def discover(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[IngestError]]:
    """Expand paths (files and directories, recursively) into (file, root) pairs."""
    found: list[tuple[Path, Path]] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            errors.append(PathNotFound(str(path), "no such file or directory"))
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
            pairs = [(path, path.parent)]
        for file, root in pairs:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((file, root))
    return found, errors


def _walk(root: Path) -> tuple[list[Path], list[IngestError]]:
    """The articles below `root`, sorted, and an error for each directory that could not
    be listed (hidden ones are not entered, as `is_article` would skip their files)."""
    errors: list[IngestError] = []

    def refused(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        reason = exc.strerror or str(exc)
        errors.append(UnreadableFile(str(where), f"cannot read directory: {reason}"))

    files: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=refused):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder)
        files.extend(f for f in map(here.joinpath, names) if f.is_file() and is_article(f, root))
    return sorted(files), errors


def _article_ids(files: list[tuple[Path, Path]], base: Path) -> list[str]:
    """File stems; where stems collide, the path below its root (then below `base`)
    without suffix, then with it, so that every id is unique."""
    candidates: list[Callable[[Path, Path], str]] = [
        lambda f, root: f.stem,
        lambda f, root: _relative(f, root).with_suffix("").as_posix(),
        lambda f, root: _relative(f, base).with_suffix("").as_posix(),
        lambda f, root: _relative(f, base).as_posix(),
        lambda f, root: f.resolve().as_posix(),
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
        return file.resolve().relative_to(root.resolve())
    except ValueError:
        return PurePath(file)


def decode(data: bytes, path: str) -> tuple[str, str, list[tuple[int, str]]]:
    """Bytes to text: UTF-8 (BOM or not), else cp1252 with a warning."""
    if not data.strip():
        raise EmptyFile(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise BinaryFile(path, "file is binary (contains NUL bytes), not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        return text, "cp1252", [(line, "not valid UTF-8; read as cp1252")]


def load_document(
    file: Path, article_id: str, display: str, *, data: bytes | None = None
) -> Document:
    """Read one file (or its bytes, when the caller already has them) into a Document,
    raising an IngestError for this file only."""
    if data is None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise UnreadableFile(display, f"cannot read file: {exc.strerror or exc}") from exc
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
    """The path shown in reports: relative to `base` when the file is below it."""
    if base is not None:
        try:
            return file.resolve().relative_to(_resolved(base)).as_posix()
        except ValueError:
            pass
    return file.as_posix()


def check_size(file: Path, display: str, max_size: int | None) -> None:
    """Raise ArticleTooLarge when `file` is over `max_size` bytes (None: no limit)."""
    if max_size is None:
        return
    try:
        size = file.stat().st_size
    except OSError:
        return  # reading it will say why
    if size > max_size:
        raise ArticleTooLarge(
            display, f"file is {size:,} bytes, over the limit of {max_size:,} for one article"
        )


def load(
    paths: list[Path], *, base: Path | None = None, max_size: int | None = MAX_ARTICLE_SIZE
) -> IngestResult:
    """Load every article under `paths`; a bad file (or one over `max_size` bytes) is an
    error for that file only. Paths in the result are shown relative to `base` (default:
    the working directory)."""
    files, errors = discover(paths)
    result = IngestResult(errors=list(errors))
    base = Path.cwd() if base is None else base
    for (file, _root), article_id in zip(files, _article_ids(files, base), strict=True):
        display = display_path(file, base)
        try:
            check_size(file, display, max_size)
            result.documents.append(load_document(file, article_id, display))
        except IngestError as exc:
            result.errors.append(exc)
    return result
