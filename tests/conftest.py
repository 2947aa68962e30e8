"""Shared fixtures and the --update-golden switch."""

from __future__ import annotations

import subprocess
import sys
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


def generated_corpus(out: Path, articles: int) -> Path:
    """A synthetic corpus of `articles` articles (benchmarks/generate.py) in `out`, with
    two files that are input errors (an empty one, a binary one); its articles folder."""
    generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(out)]
    subprocess.run([*generate, "--articles", str(articles)], check=True, capture_output=True)
    folder = out / "articles"
    (folder / "a_empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "m_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder
