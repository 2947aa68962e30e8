"""Help that helps (issue 14): -h and -V, completion, no Python types in help, lines that
fit 80 columns with words whole, and a command line that answers --help and --version
without loading the checker (what it imports is checked, not how long it takes)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from consistency import __version__

COMMANDS = ["check", "index", "stories", "ci", "rules", "show"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": "80", "PATH": "", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "consistency", *args], capture_output=True, text=True, env=env
    )


def test_short_help_and_version() -> None:
    assert _run("-V").stdout == f"consistency {__version__}\n"
    top = _run("-h")
    assert top.returncode == 0
    assert "Find where news articles about the same event disagree" in top.stdout
    assert "--install-completion" in top.stdout and "--show-completion" in top.stdout
    for command in COMMANDS:
        assert command in top.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_no_python_types_and_fits_80_columns(command: str) -> None:
    done = _run(*([command] if command else []), "-h")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for python_type in ("<bool>", "<str>", "<path>", "<int", "list[", "<list", "Path]"):
        assert python_type not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    words = set(text.split())
    for line in text.splitlines():  # no word cut in two at the end of a line
        assert not line.rstrip().endswith("-") or line.rstrip().split()[-1] in words


def test_help_and_version_do_not_load_the_checker() -> None:
    code = (
        "import sys; import consistency.cli; "
        "heavy = [m for m in ('pydantic', 'consistency.models', 'consistency.pipeline', "
        "'lemminflect', 'rapidfuzz', 'rich.console', 'dask', 'distributed') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
