"""What the commands share: options, the configuration, the output and its exit code,
error messages and the progress bar."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from pydantic import ValidationError

from consistency.baseline import read_baseline, updated, write_baseline
from consistency.cli.options import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Format
from consistency.config import Config, find_config, load_config, unknown_code
from consistency.corpus import Progress
from consistency.errors import ConfigError, ConsistencyError
from consistency.families import BY_CODE
from consistency.fileio import atomic_write_text
from consistency.levels import FailLevel
from consistency.models import Baseline, Report
from consistency.pipeline import apply_baseline, apply_config
from consistency.render import PAGES, render
from consistency.render.common import inert
from consistency.render.diagnostics import DIAGNOSTICS
from consistency.store import Index, is_corrupt

if TYPE_CHECKING:
    from rich.console import Console


def read_config(path: Path | None, select: str | None, ignore: str | None) -> Config:
    """The configuration file (given, or the nearest one), then the command-line codes:
    --select replaces the file's selection, --ignore adds to its ignores."""
    known = set(BY_CODE) | set(DIAGNOSTICS)
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    config = load_config(path or find_config(Path.cwd()), known_codes=known)
    if select is not None:
        config.select = flag_codes("select", select, known)
    if ignore is not None:
        config.ignore = config.ignore + flag_codes("ignore", ignore, known)
    return config


def flag_codes(option: str, value: str, known: set[str]) -> list[str]:
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
    # the texts the report's spans point into (article id -> text), for the HTML page
    texts: Callable[[Report], Mapping[str, str]] | None = None

    def render(self, report: Report) -> str:
        """The report in the chosen format (a page with the articles' texts in it)."""
        texts = self.texts(report) if self.texts and self.format.value in PAGES else None
        return render(self.format.value, report, texts)

    def report_errors(self, errors: Iterable[object]) -> None:
        """Input errors on stderr, one line each, unless the text report will show them on
        the terminal stderr writes to as well: each error is printed once."""
        shown = self.format is Format.text and self.output is None and not self.quiet
        if not (shown and same_terminal()):
            report_errors(errors)

    def emit(self, report: Report, *, scope: Collection[str], base: Path | None = None) -> int:
        """Filter, update the baseline, write the report; the exit code. Report paths are
        relative to `base` (default: the working directory)."""
        report = apply_config(report, self.config, base)
        try:
            if self.baseline is not None:
                accepted = self.accepted
                if self.update_baseline:
                    accepted = updated(accepted, report, scope=scope, reason=self.reason)
                    write_baseline(self.baseline, accepted)
                report = apply_baseline(report, accepted, scope)
            if self.output is not None:
                text = self.render(report)
                atomic_write_text(self.output, text, what="report")
        except ConsistencyError as exc:
            fail(str(exc))
        if self.output is None and not self.quiet:
            if self.format is Format.text and sys.stdout.isatty():
                from rich.console import Console

                from consistency.render.text import renderable

                Console(highlight=False).print(renderable(report))
            else:
                sys.stdout.write(self.render(report))
        code = exit_code(report, self.fail_level or self.config.fail_level)
        # updating the baseline accepts this run's findings: only input errors fail it
        return EXIT_CLEAN if self.update_baseline and code == EXIT_FINDINGS else code


def make_output(
    config_file: Path | None, select: str | None, ignore: str | None, **options: Any
) -> Output:
    """The configuration and output options of a command; exits 2 on a bad configuration."""
    if options.get("update_baseline") and options.get("baseline") is None:
        fail("--update-baseline needs --baseline FILE")
    try:
        out = Output(config=read_config(config_file, select, ignore), **options)
        if out.baseline is not None:
            out.accepted = read_baseline(out.baseline, creating=bool(out.update_baseline))
    except ConsistencyError as exc:
        fail(str(exc))
    return out


def fail(message: str) -> NoReturn:
    """An error on stderr, one line (file names in it made inert), and exit 2."""
    _say("error", "bold red", message)
    raise typer.Exit(EXIT_ERROR)


def warn(message: str) -> None:
    """A warning on stderr, one line."""
    _say("warning", "bold yellow", message)


def _say(label: str, style: str, message: str) -> None:
    from rich.text import Text

    stderr_console().print(Text.assemble((label, style), f": {inert(message)}"), soft_wrap=True)


T = TypeVar("T")


def with_index(path: Path, work: Callable[[Index], T]) -> tuple[T, Path]:
    """`work` on the index at `path` (and the path). The index is a cache: a damaged one
    is rebuilt, with a warning, and the work done again; any other failure is one line
    naming the file, exit 2."""
    try:
        store = Index(path)
    except ConsistencyError as exc:
        fail(str(exc))
    with store:
        for attempt in (1, 2):
            if store.rebuilt is not None:
                warn(
                    f"{path}: the index was damaged ({store.rebuilt}); rebuilt it, and kept "
                    f"the damaged file as {path}.damaged"
                )
            try:
                return work(store), store.path
            except (sqlite3.DatabaseError, ValidationError) as exc:
                damaged = isinstance(exc, ValidationError) or is_corrupt(exc)
                if attempt == 2 or not damaged:
                    fail(f"{path}: cannot use the index ({_first_line(exc)})")
                try:
                    store.rebuild(_first_line(exc))
                except ConsistencyError as err:
                    fail(str(err))
    raise AssertionError("unreachable")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def stderr_console() -> Console:
    """A rich console on stderr (rich is imported where it is used: most runs of `ci` print
    nothing through it)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def same_terminal() -> bool:
    """Are stdout and stderr one terminal (so that what both print is seen twice)?"""
    try:
        out, err = sys.stdout, sys.stderr
        if not (out.isatty() and err.isatty()):
            return False
        return os.path.samestat(os.fstat(out.fileno()), os.fstat(err.fileno()))
    except (OSError, ValueError, AttributeError):  # a stream without a file descriptor
        return False


def report_errors(errors: Iterable[object]) -> None:
    """One line on stderr per input error, its file name and message made inert."""
    for error in errors:
        _say("error", "bold red", str(error))


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Progress | None]:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    bar = RichProgress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=stderr_console(), transient=True,
    )  # fmt: skip
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)
