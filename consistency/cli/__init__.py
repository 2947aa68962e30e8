"""Command line: the commands and their options. Only typer and the option types are
imported here; a command's body (in `consistency.cli.commands` and `.info`) loads the
checker when it runs, so `--help`, `--version` and completion answer at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from consistency import __version__
from consistency.cli.options import (
    DEFAULT_REASON,
    EXIT_ERROR,
    BaselineOpt,
    ConfigOpt,
    ExecutorName,
    ExecutorOpt,
    FailLevelOpt,
    Format,
    FormatOpt,
    IgnoreOpt,
    IndexOpt,
    JobsOpt,
    OutputOpt,
    QuietOpt,
    ReasonOpt,
    SchedulerOpt,
    SelectOpt,
    UpdateBaselineOpt,
    paths_argument,
)

app = typer.Typer(
    add_completion=True,
    no_args_is_help=False,
    rich_markup_mode=None,  # plain help: wrapped at the terminal's width, words kept whole
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Find where news articles about the same event disagree: quotations and who said "
    "them, days, dates and times, counts and amounts, and the spelling of names.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"consistency {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """consistency: a source-comparison and fact-consistency checker for news."""


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        paths_argument(
            "Articles (.txt, .md, .markdown, .html, .htm) or folders of them; by default "
            "the configured corpus, else the bundled sample articles."
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
    max_article_size: Annotated[
        int | None,
        typer.Option(
            "--max-article-size",
            min=1,
            metavar="BYTES",
            help="A bigger file is an input error (default: 10,000,000).",
        ),
    ] = None,
    jobs: JobsOpt = None,
    executor: ExecutorOpt = ExecutorName.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Check articles against each other, story by story, and report where they disagree."""
    arguments = dict(locals())  # the options, before anything else is bound
    from consistency.cli import commands

    commands.check(**arguments)


@app.command()
def index(
    paths: Annotated[
        list[Path] | None,
        paths_argument(
            "Articles or folders; by default the configured corpus, else the repository "
            "without its own documents (README, CHANGELOG, docs/, ...)."
        ),
    ] = None,
    index_file: IndexOpt = None,
    config_file: ConfigOpt = None,
    quiet: QuietOpt = False,
    jobs: JobsOpt = None,
    executor: ExecutorOpt = ExecutorName.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Add new and changed articles to the index; drop removed ones."""
    arguments = dict(locals())  # the options, before anything else is bound
    from consistency.cli import commands

    commands.index(**arguments)


@app.command()
def stories(
    paths: Annotated[
        list[Path] | None,
        paths_argument("Articles or folders; by default every indexed article."),
    ] = None,
    index_file: IndexOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """List how articles are grouped into stories (a front matter `story:` key overrides)."""
    arguments = dict(locals())  # the options, before anything else is bound
    from consistency.cli import commands

    commands.stories(**arguments)


@app.command()
def ci(
    paths: Annotated[
        list[Path] | None,
        paths_argument("The changed articles; by default those git says changed against --base."),
    ] = None,
    base: Annotated[
        str, typer.Option("--base", metavar="REF", help="Git ref to compare with.")
    ] = "origin/main",
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
    jobs: JobsOpt = None,
    executor: ExecutorOpt = ExecutorName.local,
    scheduler: SchedulerOpt = None,
    refresh_all: Annotated[
        bool,
        typer.Option(
            "--refresh-all",
            help="Walk the whole corpus (stat every file) instead of refreshing only what "
            "git says changed since the index was last brought up to date.",
        ),
    ] = False,
) -> None:
    """Check new and changed articles against their stories in the corpus; report only the
    findings that involve them."""
    arguments = dict(locals())  # the options, before anything else is bound
    from consistency.vcs import WorktreeScan

    # git walks the work tree while the checker loads (not needed: paths given, every
    # file of the corpus stat-ed)
    scan = None if paths and refresh_all else WorktreeScan.start(Path.cwd())
    from consistency.cli import commands

    try:
        commands.ci(**arguments, scan=scan)
    finally:
        if scan is not None:
            scan.close()  # git is waited for, even when it was not needed


@app.command()
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            show_default=False,
            help="A code (Q101, X001, F103) or a name (name-spelling-differs) to explain in full.",
        ),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """List every code a report can hold (rules, diagnostics, input errors), or explain one."""
    from consistency.cli.info import rules_command

    rules_command(code, as_json=json_)


@app.command()
def show(
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE",
            show_default=False,
            help="A file, or a location from a report: PATH:LINE[:COL].",
        ),
    ],
    lines: Annotated[
        str | None,
        typer.Option("--lines", metavar="A-B", help="Only these lines: A-B, A-, -B or N."),
    ] = None,
    line: Annotated[
        int | None,
        typer.Option("--line", min=1, metavar="N", help="Line N, marked, with --context lines."),
    ] = None,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, metavar="N", help="Lines around --line or LINE."),
    ] = 3,
    number: Annotated[bool, typer.Option("--number/--no-number", help="Number the lines.")] = True,
) -> None:
    """Print an article's text as the checker read it, numbered as reports number it.

    The decoded file with its front matter (for HTML, the text extracted from it). Tabs are
    shown as one space, other control characters as escapes."""
    from consistency.cli.info import show_command

    show_command(article, lines=lines, line=line, context=context, number=number)


def main() -> None:
    """Console-script entry point. A crash is never taken for a result: an unexpected
    exception is one line on stderr and exit 2 (files are isolated before this: a bug met
    in one article is input error F199 for it, and the others are checked). A reader that
    stops reading (`| head`) ends the run quietly."""
    try:
        app()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        from consistency.errors import internal_error
        from consistency.render.common import inert

        message = internal_error("consistency", "running", exc).message
        sys.stderr.write(f"error: {inert(message)}\n")
        sys.exit(EXIT_ERROR)
