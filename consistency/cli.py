"""Command line: parse arguments, run the pipeline, pick a renderer, set the exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from consistency import __version__
from consistency.baseline import DEFAULT_REASON, read_baseline, updated, write_baseline
from consistency.config import Config, find_config, load_config, unknown_code
from consistency.corpus import Progress, check_changed, refresh
from consistency.errors import ConfigError, ConsistencyError
from consistency.fileio import atomic_write_text
from consistency.ingest import ARTICLE_SUFFIXES, display_path, load
from consistency.models import Baseline, FailLevel, Report
from consistency.pipeline import apply_baseline, apply_config, run
from consistency.render import RENDERERS
from consistency.render.diagnostics import DIAGNOSTICS
from consistency.render.text import renderable
from consistency.rules import BY_CODE, RULES
from consistency.store import DEFAULT_PATH as DEFAULT_INDEX
from consistency.store import Index
from consistency.stories import MemoryFeatures, group
from consistency.text.features import features_of
from consistency.vcs import changed_files, toplevel

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="Find where news articles about the same event disagree: quotes, and soon dates, "
    "numbers and names.",
)
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(str, Enum):
    """Output formats of `check`."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def bundled_seeds() -> Path:
    """The sample articles shipped with the package (or beside it in a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise typer.BadParameter("the bundled seed articles are missing from this installation")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"consistency {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """consistency: a source-comparison and fact-consistency checker for news."""


def _config(path: Path | None, select: str | None, ignore: str | None) -> Config:
    """The configuration file (given, or the nearest one), then the command-line codes:
    --select replaces the file's selection, --ignore adds to its ignores."""
    known = set(BY_CODE) | set(DIAGNOSTICS)
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    config = load_config(path or find_config(Path.cwd()), known_codes=known)
    if select is not None:
        config.select = _flag_codes("select", select, known)
    if ignore is not None:
        config.ignore = config.ignore + _flag_codes("ignore", ignore, known)
    return config


def _flag_codes(option: str, value: str, known: set[str]) -> list[str]:
    """Comma-separated codes or prefixes from a command-line option, checked."""
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    bad = unknown_code(codes, known)
    if bad is not None:
        raise ConfigError(f"--{option}: unknown rule code {bad!r}")
    return codes


def exit_code(report: Report, fail_level: FailLevel) -> int:
    """2 on input errors, 1 when a finding or diagnostic reaches the fail level, else 0."""
    if report.errors:
        return EXIT_ERROR
    severities = [f.severity for f in report.findings] + [d.severity for d in report.diagnostics]
    return EXIT_FINDINGS if any(fail_level.reached_by(s) for s in severities) else EXIT_CLEAN


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
FailLevelOpt = Annotated[
    FailLevel | None,
    typer.Option(
        "--fail-level", help="Exit 1 when something reaches this severity (default: warning)."
    ),
]
SelectOpt = Annotated[
    str | None, typer.Option("--select", help="Only these codes or prefixes (Q,T101).")
]
IgnoreOpt = Annotated[
    str | None, typer.Option("--ignore", help="Leave out these codes or prefixes.")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="consistency.toml or pyproject.toml to read.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No report on stdout.")]
BaselineOpt = Annotated[
    Path | None,
    typer.Option("--baseline", help="JSON file of accepted findings to leave out of the report."),
]
UpdateBaselineOpt = Annotated[
    bool,
    typer.Option(
        "--update-baseline",
        help="Write this run's findings into --baseline (dropping stale entries) and exit 0.",
    ),
]
ReasonOpt = Annotated[
    str, typer.Option("--reason", help="Reason recorded for findings newly baselined.")
]
IndexOpt = Annotated[
    Path | None,
    typer.Option("--index", help="Index file (default: .consistency/index.sqlite at the root)."),
]


@dataclass
class Output:
    """Where and how a command reports, and what it leaves out."""

    format: Format
    output: Path | None
    quiet: bool
    config: Config
    fail_level: FailLevel | None
    baseline: Path | None
    update_baseline: bool
    reason: str
    accepted: Baseline = field(default_factory=Baseline)

    def emit(self, report: Report, *, scope: Collection[str]) -> int:
        """Filter, update the baseline, write the report; the exit code."""
        report = apply_config(report, self.config)
        if self.baseline is not None:
            accepted = self.accepted
            if self.update_baseline:
                accepted = updated(accepted, report, scope=scope, reason=self.reason)
                write_baseline(self.baseline, accepted)
            report = apply_baseline(report, accepted)
        if self.output is not None:
            atomic_write_text(self.output, RENDERERS[self.format.value](report))
        elif not self.quiet:
            if self.format is Format.text and sys.stdout.isatty():
                Console(highlight=False).print(renderable(report))
            else:
                sys.stdout.write(RENDERERS[self.format.value](report))
        code = exit_code(report, self.fail_level or self.config.fail_level)
        # updating the baseline accepts this run's findings: only input errors fail it
        return EXIT_CLEAN if self.update_baseline and code == EXIT_FINDINGS else code


def _output(
    config_file: Path | None, select: str | None, ignore: str | None, **options: Any
) -> Output:
    """The configuration and output options of a command; exits 2 on a bad configuration."""
    if options.get("update_baseline") and options.get("baseline") is None:
        _fail("--update-baseline needs --baseline FILE")
    try:
        out = Output(config=_config(config_file, select, ignore), **options)
        if out.baseline is not None:
            out.accepted = read_baseline(out.baseline)
    except ConsistencyError as exc:
        _fail(str(exc))
    return out


def _fail(message: str) -> NoReturn:
    _err().print(Text.assemble(("error", "bold red"), f": {message}"), soft_wrap=True)
    raise typer.Exit(EXIT_ERROR)


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _report_errors(errors: Iterable[object]) -> None:
    for error in errors:
        _err().print(Text.assemble(("error", "bold red"), f": {error}"), soft_wrap=True)


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[Progress | None]:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    bar = RichProgress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=_err(), transient=True,
    )  # fmt: skip
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Articles (.txt, .md, .html) or directories; the bundled seeds if none."
        ),
    ] = None,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    fail_level: FailLevelOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    quiet: QuietOpt = False,
    baseline: BaselineOpt = None,
    update_baseline: UpdateBaselineOpt = False,
    reason: ReasonOpt = DEFAULT_REASON,
    one_story: Annotated[
        bool, typer.Option("--one-story", help="Compare all articles as one story.")
    ] = False,
) -> None:
    """Check articles against each other, story by story, and report where they disagree."""
    out = _output(
        config_file, select, ignore, format=format, output=output, quiet=quiet,
        fail_level=fail_level, baseline=baseline, update_baseline=update_baseline, reason=reason,
    )  # fmt: skip
    if paths:
        result = load(paths)
    else:
        seeds = bundled_seeds()
        result = load([seeds], base=seeds.parent)
    _report_errors(result.errors)
    with _progress("extracting", quiet) as progress:
        report = run(result.documents, errors=result.errors, one_story=one_story, progress=progress)
    raise typer.Exit(out.emit(report, scope=[a.path for a in report.articles]))


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


def _article(path: Path, corpus: list[Path]) -> bool:
    """Is a changed file an article of the corpus (as `consistency index` would find it)?"""
    if path.suffix.lower() not in ARTICLE_SUFFIXES or path.name.lower() == "readme.md":
        return False
    for folder in corpus:
        try:
            inside = path.resolve().relative_to(folder.resolve())
        except ValueError:
            continue
        if not any(part.startswith(".") for part in inside.parts):
            return True
    return False


@app.command()
def index(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Articles or directories (default: the configured corpus, or the repository root)."
        ),
    ] = None,
    index_file: IndexOpt = None,
    config_file: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Add new and changed articles to the index; drop removed ones."""
    out = _output(
        config_file, None, None, format=Format.text, output=None, quiet=quiet, fail_level=None,
        baseline=None, update_baseline=False, reason="",
    )  # fmt: skip
    root = _root(Path.cwd())
    with _open_index(index_file, root) as store, _progress("indexing", quiet) as progress:
        corpus = _corpus(out.config, root, paths)
        done = refresh(store, root, corpus, whole=not paths, progress=progress)
        total = store.size()
    _report_errors(done.errors)
    if not quiet:
        typer.echo(
            f"indexed {len(done.extracted)} new or changed, {done.unchanged} unchanged, "
            f"{len(done.removed)} removed; {total} articles in {store.path}"
        )
    raise typer.Exit(EXIT_ERROR if done.errors else EXIT_CLEAN)


@contextmanager
def _open_index(index_file: Path | None, root: Path) -> Iterator[Index]:
    try:
        store = Index(index_file or root / DEFAULT_INDEX)
    except ConsistencyError as exc:
        _fail(str(exc))
    with store:
        yield store


@app.command()
def stories(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Articles or directories (default: every indexed article)."),
    ] = None,
    index_file: IndexOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """List how articles are grouped into stories (a front matter `story:` key overrides)."""
    if paths:
        result = load(paths)
        _report_errors(result.errors)
        source = MemoryFeatures(
            {d.article.path: features_of(d.norm.text, d.body_start) for d in result.documents},
            {d.article.path: d.article.story for d in result.documents if d.article.story},
        )
        code = EXIT_ERROR if result.errors else EXIT_CLEAN
    else:
        with _open_index(index_file, _root(Path.cwd())) as store:
            source = store.in_memory()
        code = EXIT_CLEAN
    grouping = group(source, source.by_article)
    if json_:
        typer.echo(json.dumps([{"id": s, "articles": a} for s, a in grouping.items()], indent=2))
    else:
        for story, articles in grouping.items():
            labelled = all(source.label(a) == story for a in articles)
            typer.echo(f"{story}  ({len(articles)} articles{', named' if labelled else ''})")
            for article in articles:
                typer.echo(f"  {article}")
    raise typer.Exit(code)


@app.command()
def ci(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Changed articles (default: those changed against --base, by git)."),
    ] = None,
    base: Annotated[str, typer.Option("--base", help="Git ref to compare with.")] = "origin/main",
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    fail_level: FailLevelOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    quiet: QuietOpt = False,
    baseline: BaselineOpt = None,
    update_baseline: UpdateBaselineOpt = False,
    reason: ReasonOpt = DEFAULT_REASON,
    index_file: IndexOpt = None,
) -> None:
    """Check new and changed articles against their stories in the corpus; report only
    findings that involve them."""
    out = _output(
        config_file, select, ignore, format=format, output=output, quiet=quiet,
        fail_level=fail_level, baseline=baseline, update_baseline=update_baseline, reason=reason,
    )  # fmt: skip
    root = _root(Path.cwd())
    corpus = _corpus(out.config, root, None)
    try:
        changed = paths if paths else [p for p in changed_files(root, base) if _article(p, corpus)]
    except ConsistencyError as exc:
        _fail(str(exc))
    with _open_index(index_file, root) as store:
        with _progress("indexing", quiet) as progress:
            done = refresh(store, root, corpus, whole=True, progress=progress)
        indexed = set(done.paths)
        extra = [p for p in changed if display_path(p, root) not in indexed]
        if extra:
            done.errors.extend(refresh(store, root, extra).errors)
        focus = [display_path(p, root) for p in changed if p.suffix.lower() in ARTICLE_SUFFIXES]
        _report_errors(done.errors)
        report = check_changed(store, focus, errors=done.errors)
    raise typer.Exit(out.emit(report, scope=focus))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="Show one rule in full.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """List the rules, or explain one."""
    if code is not None:
        rule = BY_CODE.get(code.upper())
        if rule is None:
            typer.echo(f"error: unknown rule code {code!r}", err=True)
            raise typer.Exit(EXIT_ERROR)
        if json_:
            typer.echo(rule.info.model_dump_json(indent=2))
            return
        typer.echo(f"{rule.code} {rule.name} ({rule.severity.value}, {rule.kind.value})\n")
        typer.echo(rule.doc)
        return
    if json_:
        typer.echo("[" + ",".join(r.info.model_dump_json() for r in RULES) + "]")
        return
    for rule in RULES:
        typer.echo(f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} {rule.summary}")


def main() -> None:
    """Console-script entry point."""
    app()
