"""The bodies of the commands that check articles: loaded only when one of them runs, so
that `--help` and `--version` answer without importing the checker."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import typer

from consistency.cli.common import (
    fail,
    make_output,
    progress_bar,
    read_config,
    report_errors,
    warn,
    with_index,
)
from consistency.cli.options import EXIT_CLEAN, EXIT_ERROR, ExecutorName, Format
from consistency.config import Config
from consistency.corpus import Refresh, check_changed, follow_git, refresh, remember_commit
from consistency.errors import ConsistencyError, IngestError
from consistency.ingest import (
    ARTICLE_SUFFIXES,
    display_path,
    is_article,
    load,
    repository_document,
)
from consistency.levels import FailLevel
from consistency.models import Report
from consistency.parallel import load_and_extract, using
from consistency.pipeline import run_extracted as run  # the check once claims are extracted
from consistency.render.common import inert
from consistency.store import DEFAULT_PATH as DEFAULT_INDEX
from consistency.store import Index
from consistency.stories import group
from consistency.storyfeatures import MemoryFeatures
from consistency.text.features import features_of
from consistency.vcs import WorktreeScan, changed_files, toplevel


def bundled_seeds() -> Path:
    """The sample articles shipped with the package (or beside it in a source checkout)."""
    here = Path(__file__).resolve().parent.parent  # the package folder
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise typer.BadParameter("the bundled seed articles are missing from this installation")


def check(
    paths: list[Path] | None, format: Format, output: Path | None, fail_level: FailLevel | None,
    select: str | None, ignore: str | None, config_file: Path | None, quiet: bool,
    baseline: Path | None, update_baseline: bool, reason: str, one_story: bool,
    max_article_size: int | None, jobs: int | None, executor: ExecutorName,
    scheduler: str | None,
) -> None:  # fmt: skip
    """`consistency check`."""
    out = make_output(
        config_file, select, ignore, format=format, output=output, quiet=quiet,
        fail_level=fail_level, baseline=baseline, update_baseline=update_baseline, reason=reason,
    )  # fmt: skip
    limit = max_article_size or out.config.max_article_size
    if not paths and out.config.corpus:
        paths = _corpus(out.config, _root(Path.cwd()), None)
    if not paths:
        paths = [bundled_seeds()]
        if not quiet:
            count = sum(1 for f in paths[0].iterdir() if is_article(f, paths[0]))
            warn(
                f"no paths given: checking the {count} bundled sample articles; pass files "
                "or folders, or set `corpus` in consistency.toml"
            )
    workers = out.config.jobs if jobs is None else jobs
    with _executor(executor, scheduler, workers):
        with progress_bar("extracting", quiet) as progress:
            done = load_and_extract(paths, max_size=limit, jobs=workers, progress=progress)
        out.report_errors(done.read_errors)
        errors = done.read_errors + done.extract_errors
        report = run(done.records, errors=errors, one_story=one_story, jobs=workers)
    out.texts = lambda report: done.texts({e.article for f in report.findings for e in f.claims})
    raise typer.Exit(out.emit(report, scope=[a.path for a in report.articles]))


@contextmanager
def _executor(name: ExecutorName, scheduler: str | None, jobs: int) -> Iterator[None]:
    """The block on the executor chosen: a local pool (nothing to set up), or a Dask
    cluster, `scheduler`'s or a local one of `jobs` processes (one line and exit 2 when the
    extra is missing or the scheduler cannot be reached)."""
    if name is ExecutorName.local:
        yield
        return
    from consistency.distributed import ExecutorError, dask_executor

    with ExitStack() as stack:
        try:
            executor = stack.enter_context(dask_executor(scheduler, jobs=jobs))
        except ExecutorError as exc:
            fail(str(exc))
        with using(executor):
            yield


def _root(cwd: Path) -> Path:
    """The repository root (git), else the working directory."""
    return toplevel(cwd) or cwd


def _corpus(config: Config, root: Path, paths: list[Path] | None) -> list[Path]:
    """Paths to index: those given, else the configuration's corpus, else the root."""
    if paths:
        return paths
    if config.corpus:
        base = config.source.parent if config.source is not None else root
        return [base / p for p in config.corpus]
    return [root]


def _article(path: Path, corpus: list[Path], skip_documents: bool) -> bool:
    """Is a changed file an article of the corpus (as `consistency index` would find it)?
    Judged by where it is written, not where a link leads: a link out of the tree is still
    a changed article, refused when read (F113), never silently passed over."""
    where = Path(os.path.abspath(path))
    return any(
        is_article(where, Path(os.path.abspath(folder)))
        and not (skip_documents and repository_document(path, folder))
        for folder in corpus
    )


def _say_skipped(done: Refresh, quiet: bool) -> None:
    """One line on the repository documents left out of a corpus nobody configured."""
    if done.skipped and not quiet:
        shown = ", ".join(done.skipped[:3]) + (", …" if len(done.skipped) > 3 else "")
        warn(
            f"no corpus configured: skipped {len(done.skipped)} repository document(s) "
            f"({shown}); set `corpus` in consistency.toml to name the article folders"
        )


def index(
    paths: list[Path] | None, index_file: Path | None, config_file: Path | None, quiet: bool,
    jobs: int | None, executor: ExecutorName, scheduler: str | None,
) -> None:  # fmt: skip
    """`consistency index`."""
    try:
        config = read_config(config_file, None, None)
    except ConsistencyError as exc:
        fail(str(exc))
    root = _root(Path.cwd())
    workers = config.jobs if jobs is None else jobs

    def work(store: Index) -> tuple[Refresh, int]:
        with progress_bar("indexing", quiet) as progress:
            done = refresh(
                store, root, _corpus(config, root, paths), whole=not paths, progress=progress,
                max_size=config.max_article_size, skip_documents=not paths and not config.corpus,
                jobs=workers,
            )  # fmt: skip
        if not paths:  # the whole corpus: `ci` follows git from this commit on
            remember_commit(store, root)
        return done, store.size()

    with _executor(executor, scheduler, workers):
        (done, total), where = with_index(index_file or root / DEFAULT_INDEX, work)
    _say_skipped(done, quiet)
    report_errors(done.errors)
    if not quiet:
        typer.echo(
            f"indexed {len(done.extracted)} new or changed, {done.unchanged} unchanged, "
            f"{len(done.removed)} removed; {total} articles in {where}"
        )
    raise typer.Exit(EXIT_ERROR if done.errors else EXIT_CLEAN)


def stories(paths: list[Path] | None, index_file: Path | None, json_: bool) -> None:
    """`consistency stories`."""
    if paths:
        result = load(paths)
        report_errors(result.errors)
        source = MemoryFeatures(
            {d.article.path: features_of(d.norm.text, d.body_start) for d in result.documents},
            {d.article.path: d.article.story for d in result.documents if d.article.story},
        )
        code = EXIT_ERROR if result.errors else EXIT_CLEAN
    else:
        source, _ = with_index(index_file or _root(Path.cwd()) / DEFAULT_INDEX, Index.in_memory)
        code = EXIT_CLEAN
    grouping = group(source, source.by_article)
    if json_:
        typer.echo(json.dumps([{"id": s, "articles": a} for s, a in grouping.items()], indent=2))
    else:
        for story, articles in grouping.items():
            labelled = all(source.label(a) == story for a in articles)
            named = ", named" if labelled else ""
            typer.echo(f"{inert(story)}  ({len(articles)} articles{named})")
            for article in articles:
                typer.echo(f"  {inert(article)}")
    raise typer.Exit(code)


def _read_back(root: Path, max_size: int | None) -> Callable[[Report], dict[str, str]]:
    """For the HTML page: the texts of the articles in a report's findings, read again."""

    def read(report: Report) -> dict[str, str]:
        involved = {e.article for f in report.findings for e in f.claims}
        ids = {a.path: a.id for a in report.articles if a.id in involved}
        docs = load([root / path for path in ids], base=root, max_size=max_size).documents
        return {ids[d.article.path]: d.norm.original for d in docs if d.article.path in ids}

    return read


def ci(
    paths: list[Path] | None, base: str, format: Format, output: Path | None,
    fail_level: FailLevel | None, select: str | None, ignore: str | None,
    config_file: Path | None, quiet: bool, baseline: Path | None, update_baseline: bool,
    reason: str, index_file: Path | None, jobs: int | None, executor: ExecutorName,
    scheduler: str | None, refresh_all: bool, scan: WorktreeScan | None = None,
) -> None:  # fmt: skip
    """`consistency ci`; `scan`: git's answer on the work tree, asked at the start."""
    out = make_output(
        config_file, select, ignore, format=format, output=output, quiet=quiet,
        fail_level=fail_level, baseline=baseline, update_baseline=update_baseline, reason=reason,
    )  # fmt: skip
    root = scan.root if scan is not None else _root(Path.cwd())  # the scan's is git's root
    corpus = _corpus(out.config, root, None)
    documents = not out.config.corpus  # no corpus configured: the repository's own skipped
    try:
        changed = paths or [
            p for p in changed_files(root, base, scan) if _article(p, corpus, documents)
        ]
    except ConsistencyError as exc:
        fail(str(exc))
    focus = [display_path(p, root) for p in changed if p.suffix.lower() in ARTICLE_SUFFIXES]
    limit = out.config.max_article_size
    workers = out.config.jobs if jobs is None else jobs

    def work(store: Index) -> tuple[list[IngestError], Report]:
        with progress_bar("indexing", quiet) as progress:
            done = follow_git(
                store, root, corpus, article=lambda p: _article(p, corpus, documents),
                refresh_all=refresh_all, progress=progress, max_size=limit,
                skip_documents=documents, jobs=workers, scan=scan,
            )  # fmt: skip
        indexed = set(done.paths)
        extra = [p for p in changed if display_path(p, root) not in indexed]
        if extra:
            done.errors.extend(refresh(store, root, extra, max_size=limit, jobs=workers).errors)
        return done.errors, check_changed(store, focus, errors=done.errors)

    with _executor(executor, scheduler, workers):
        (errors, report), _ = with_index(index_file or root / DEFAULT_INDEX, work)
    out.report_errors(errors)
    out.texts = _read_back(root, limit)
    raise typer.Exit(out.emit(report, scope=focus, base=root))
