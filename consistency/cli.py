"""Command line: parse arguments, run the pipeline, pick a renderer, set the exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from consistency import __version__
from consistency.config import Config, find_config, load_config, unknown_code
from consistency.errors import ConfigError, ConsistencyError
from consistency.fileio import atomic_write_text
from consistency.ingest import load
from consistency.models import FailLevel, Report
from consistency.pipeline import apply_config, run
from consistency.render import RENDERERS
from consistency.render.diagnostics import DIAGNOSTICS
from consistency.render.text import renderable
from consistency.rules import BY_CODE, RULES

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


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Articles (.txt, .md, .html) or directories; the bundled seeds if none."
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_level: Annotated[
        FailLevel | None,
        typer.Option(
            "--fail-level", help="Exit 1 when something reaches this severity [default: warning]."
        ),
    ] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="Only these codes or prefixes (Q,T101).")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Leave out these codes or prefixes.")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="consistency.toml or pyproject.toml to read."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No report on stdout.")] = False,
) -> None:
    """Check articles against each other and report where they disagree."""
    err = Console(stderr=True, highlight=False)
    try:
        config = _config(config_file, select, ignore)
    except ConsistencyError as exc:
        err.print(Text.assemble(("error", "bold red"), f": {exc}"), soft_wrap=True)
        raise typer.Exit(EXIT_ERROR) from None
    if paths:
        result = load(paths)
    else:
        seeds = bundled_seeds()
        result = load([seeds], base=seeds.parent)
    for error in result.errors:
        err.print(Text.assemble(("error", "bold red"), f": {error}"), soft_wrap=True)
    report = apply_config(run(result.documents, errors=result.errors), config)
    if output is not None:
        atomic_write_text(output, RENDERERS[format.value](report))
    elif not quiet:
        if format is Format.text and sys.stdout.isatty():
            Console(highlight=False).print(renderable(report))
        else:
            sys.stdout.write(RENDERERS[format.value](report))
    raise typer.Exit(exit_code(report, fail_level or config.fail_level))


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
