"""Configuration files and --select/--ignore, as ruff does them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consistency.cli import app
from consistency.config import Config, load_config
from consistency.errors import ConfigError
from consistency.families import BY_CODE

KNOWN = set(BY_CODE) | {"X001", "X002", "I001"}
MISQUOTE = [
    'Mayor Ana Cruz said: "We will rebuild the bridge before the winter comes to town."',
    'Mayor Ana Cruz said: "We will rebuild the bridge after the winter comes to town."',
]


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in zip(("a.txt", "b.txt"), MISQUOTE, strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_selectors_are_prefixes() -> None:
    config = Config(select=["Q", "T101"], ignore=["Q102"])
    assert config.enabled("Q101") and config.enabled("T101")
    assert not config.enabled("Q102") and not config.enabled("T102") and not config.enabled("N101")
    per_path = Config(per_path_ignores={"wires/*.txt": ["E"]})
    assert not per_path.enabled("E101", "wires/a.txt") and per_path.enabled("E101", "b.txt")


def test_pyproject_table_is_read(articles: Path) -> None:
    (articles / "pyproject.toml").write_text('[tool.consistency]\nignore = ["Q101"]\n')
    code, out, _ = invoke("check", "a.txt", "b.txt")
    assert code == 0 and "Q101" not in out


def test_consistency_toml_fail_level(articles: Path) -> None:
    (articles / "consistency.toml").write_text('fail-level = "error"\n')
    assert invoke("check", "a.txt", "b.txt")[0] == 0  # a warning does not reach "error"
    assert invoke("check", "a.txt", "b.txt", "--fail-level", "warning")[0] == 1  # flag wins


def test_per_path_ignores(articles: Path) -> None:
    (articles / "consistency.toml").write_text('[per-path-ignores]\n"b.txt" = ["Q1"]\n')
    code, out, _ = invoke("check", "a.txt", "b.txt")
    assert code == 0, out  # the finding's first evidence is b.txt (the odd one)


@pytest.mark.parametrize(
    "text,line,needle",
    [
        ('select = ["Q"]\nseverity = "high"\n', 2, "unknown key 'severity'"),
        ('\nignore = ["Z999"]\n', 2, "unknown rule code 'Z999'"),
        ('fail-level = "loud"\n', 1, "fail-level"),
        ("select = [\n", 2, ""),
    ],
)
def test_bad_configuration_names_file_and_line(
    articles: Path, text: str, line: int, needle: str
) -> None:
    (articles / "consistency.toml").write_text(text)
    code, _, err = invoke("check", "a.txt", "b.txt")
    assert code == 2
    assert f"consistency.toml:{line}" in err and needle in err
    with pytest.raises(ConfigError):
        load_config(articles / "consistency.toml", known_codes=KNOWN)


def test_select_flag(articles: Path) -> None:
    assert invoke("check", "a.txt", "b.txt", "--select", "T")[0] == 0
    assert invoke("check", "a.txt", "b.txt", "--select", "q1")[0] == 1
    code, _, err = invoke("check", "a.txt", "b.txt", "--ignore", "Nope")
    assert code == 2 and "unknown rule code" in err
    assert os.path.exists("a.txt")
