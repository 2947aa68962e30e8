"""Shared fixtures and the --update-golden switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from consistency.cli import app
from consistency.ingest import load
from consistency.models import Report
from consistency.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the expected files of tests/cases from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def check_dir(path: Path, *, base: Path | None = None) -> Report:
    """Run the whole pipeline on a directory (paths in the report relative to `base`)."""
    result = load([path], base=base or path)
    return run(result.documents, errors=result.errors)


def check_texts(tmp_path: Path, *texts: str) -> Report:
    """Write texts as article files a.txt, b.txt, … and check them."""
    for index, text in enumerate(texts):
        (tmp_path / f"{chr(ord('a') + index)}.txt").write_text(text, encoding="utf-8")
    return check_dir(tmp_path)


RUNNER = CliRunner()


def invoke(*args: str) -> Result:
    """Run the command line in-process, letting exceptions through."""
    return RUNNER.invoke(app, list(args), catch_exceptions=False)


def three_and_one(tmp_path: Path, majority: str, minority: str) -> Report:
    """Four articles naming one person: three spell the name `majority`, one `minority`."""
    return check_texts(
        tmp_path,
        f"{majority} met Mayor Ana Cruz at the harbour on Monday.",
        f"{majority} and Ana Cruz toured the harbour together.",
        f"Ana Cruz thanked {majority} for the visit.",
        f"Ana Cruz said {minority} would return in June.",
    )


@pytest.fixture(scope="session")
def seeds_report() -> Report:
    return check_dir(ROOT / "seeds", base=ROOT)
