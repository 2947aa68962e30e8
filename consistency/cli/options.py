"""The options the commands share, and the output formats: light to import (typer and
enums only), so that `--help` and `--version` answer without loading the checker."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from consistency.config import DEFAULT_REASON, INDEX_PATH
from consistency.levels import FailLevel

__all__ = ["DEFAULT_REASON", "INDEX_PATH"]

# Exit codes, as linters have them: nothing reached the fail level, something did, the run
# could not do its work (an input, usage or internal error).
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(str, Enum):
    """Output formats of `check` and `ci`."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    html = "html"


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(f.value for f in Format)}.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file."),
]
FailLevelOpt = Annotated[
    FailLevel | None,
    typer.Option(
        "--fail-level",
        metavar="LEVEL",
        help="Exit 1 when something reaches this severity: error, warning, info or none "
        "(default: warning).",
    ),
]
SelectOpt = Annotated[
    str | None,
    typer.Option("--select", metavar="CODES", help="Only these codes or prefixes (Q,T101)."),
]
IgnoreOpt = Annotated[
    str | None, typer.Option("--ignore", metavar="CODES", help="Leave out these codes or prefixes.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="consistency.toml or pyproject.toml to read."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No report on stdout.")]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        metavar="FILE",
        help="JSON file of accepted findings to leave out of the report.",
    ),
]
UpdateBaselineOpt = Annotated[
    bool,
    typer.Option(
        "--update-baseline",
        help="Write this run's findings into --baseline (dropping stale entries) and exit 0.",
    ),
]
ReasonOpt = Annotated[
    str,
    typer.Option("--reason", metavar="TEXT", help="Reason recorded for findings newly baselined."),
]
IndexOpt = Annotated[
    Path | None,
    typer.Option(
        "--index",
        metavar="FILE",
        help="Index file (default: .consistency/index.sqlite at the root).",
    ),
]

JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Processes extracting articles: 0 for every core (the default), 1 for none.",
    ),
]


class ExecutorName(str, Enum):
    """Where `--executor` runs extraction and the per-story checks."""

    local = "local"
    dask = "dask"


ExecutorOpt = Annotated[
    ExecutorName,
    typer.Option(
        "--executor",
        metavar="NAME",
        help="local: a process pool of --jobs processes; dask: a Dask cluster (--scheduler, "
        "else a local one of --jobs processes; needs the [dask] extra).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        envvar="CONSISTENCY_DASK_SCHEDULER",
        show_envvar=True,
        help="The Dask scheduler of --executor dask (tcp://host:8786).",
    ),
]


def paths_argument(help: str) -> Any:
    """An optional list of files or folders (typer.Argument is typed as Any)."""
    return typer.Argument(metavar="PATH", show_default=False, help=help)


# typer prints an argument's Python type beside it in help ("PATH <list[Path]>"); the help
# text says what it takes, in words.
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
