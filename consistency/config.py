"""Configuration: `[tool.consistency]` in pyproject.toml, or consistency.toml.

    [tool.consistency]
    select = ["Q", "T101"]          # codes or prefixes, as ruff does ("ALL" for everything)
    ignore = ["Q102"]
    fail-level = "error"
    corpus = ["articles/"]
    max-article-size = 10000000     # bytes; a bigger file is an input error (F111)
    jobs = 0                        # processes extracting articles; 0: every core
    [tool.consistency.per-path-ignores]
    "wires/*.txt" = ["E101"]

Unknown keys and unknown codes are errors naming the file and line.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consistency.errors import ConfigError
from consistency.levels import FailLevel

INDEX_PATH = Path(".consistency") / "index.sqlite"  # below the repository root
DEFAULT_REASON = "accepted with --update-baseline"  # a baseline entry's reason, unless given
KEYS = {"select", "ignore", "fail-level", "per-path-ignores", "corpus", "max-article-size", "jobs"}
MAX_ARTICLE_SIZE = 10_000_000  # bytes: a bigger file is an input error, not an article


@dataclass
class Config:
    """What to report and when to fail."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_level: FailLevel = FailLevel.warning
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    corpus: list[str] = field(default_factory=list)
    max_article_size: int = MAX_ARTICLE_SIZE
    jobs: int = 0  # processes extracting articles; 0: every core, 1: no pool
    source: Path | None = None

    def relative(self, path: Path) -> str:
        """`path` as per-path-ignores patterns see it: relative to the configuration file's
        folder (to the working directory without a file)."""
        folder = self.source.parent if self.source is not None else Path.cwd()
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder))).as_posix()

    def enabled(self, code: str, path: str | None = None) -> bool:
        """Is `code` reported (for a finding whose first evidence is in `path`)?"""
        if not _matches(code, self.select) or _matches(code, self.ignore):
            return False
        if path is not None:
            for pattern, codes in self.per_path_ignores.items():
                if fnmatch.fnmatch(path, pattern) and _matches(code, codes):
                    return False
        return True


def _matches(code: str, selectors: list[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def find_config(start: Path) -> Path | None:
    """The nearest consistency.toml, or pyproject.toml with a [tool.consistency] table."""
    for folder in [start, *start.parents]:
        own = folder / "consistency.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "consistency" in _parsed(pyproject)[0].get("tool", {}):
            return pyproject
    return None


def _parsed(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's data and text; a file that cannot be read or parsed is a ConfigError
    naming it (and the line), never silence: a broken pyproject.toml may hide settings."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"{path}: cannot read configuration: {reason or exc}") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else max(1, len(text.splitlines()) + 1)
        raise ConfigError(f"{path}:{line}: invalid TOML: {exc}") from exc


def load_config(path: Path | None, *, known_codes: set[str]) -> Config:
    """Read and validate a configuration file (None: the defaults)."""
    if path is None:
        return Config()
    data, text = _parsed(path)
    table: dict[str, Any] = data
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("consistency", {})
    return _validated(table, path, text, known_codes)


def _line(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _codes(value: Any, key: str, path: Path, text: str, known: set[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}:{_line(text, key)}: '{key}' must be a list of rule codes")
    bad = unknown_code(value, known)
    if bad is not None:
        raise ConfigError(f"{path}:{_line(text, key)}: unknown rule code {bad!r} in '{key}'")
    return list(value)


def unknown_code(codes: list[str], known: set[str]) -> str | None:
    """The first selector that names no known code, if any ("ALL" names them all)."""
    return next((c for c in codes if c != "ALL" and not any(k.startswith(c) for k in known)), None)


def _validated(table: dict[str, Any], path: Path, text: str, known: set[str]) -> Config:
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{path}:{_line(text, key)}: unknown key '{key}'")
    config = Config(source=path)
    if "select" in table:
        config.select = _codes(table["select"], "select", path, text, known)
    if "ignore" in table:
        config.ignore = _codes(table["ignore"], "ignore", path, text, known)
    if "fail-level" in table:
        try:
            config.fail_level = FailLevel(table["fail-level"])
        except ValueError as exc:
            line = _line(text, "fail-level")
            raise ConfigError(
                f"{path}:{line}: 'fail-level' must be one of error, warning, info, none"
            ) from exc
    ignores = table.get("per-path-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{path}:{_line(text, 'per-path-ignores')}: must be a table")
    for pattern, codes in ignores.items():
        config.per_path_ignores[pattern] = _codes(codes, pattern, path, text, known)
    corpus = table.get("corpus", [])
    if not isinstance(corpus, list) or not all(isinstance(c, str) for c in corpus):
        raise ConfigError(f"{path}:{_line(text, 'corpus')}: 'corpus' must be a list of paths")
    config.corpus = list(corpus)
    size = table.get("max-article-size", MAX_ARTICLE_SIZE)
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        line = _line(text, "max-article-size")
        raise ConfigError(f"{path}:{line}: 'max-article-size' must be a positive number of bytes")
    config.max_article_size = size
    jobs = table.get("jobs", 0)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        line = _line(text, "jobs")
        raise ConfigError(f"{path}:{line}: 'jobs' must be a number of processes (0 for every core)")
    config.jobs = jobs
    return config
