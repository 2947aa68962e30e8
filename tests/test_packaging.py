"""The tool is installed by a name of its own (`consistency` on PyPI is another project):
distribution news-consistency, import package and command `consistency`; nothing tells a
user to install the other project, and no snippet a user copies holds a placeholder URL."""

from __future__ import annotations

import importlib.metadata
import json
import re
import tomllib
from pathlib import Path

from consistency import __version__
from consistency.models import Report
from consistency.render.sarif import render_sarif

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Everything a user reads or copies: docs, examples, hooks, messages in the code.
USER_FACING = [
    ROOT / "README.md",
    ROOT / ".pre-commit-hooks.yaml",
    *sorted((ROOT / "examples").rglob("*.*")),
    *sorted((ROOT / "consistency").rglob("*.py")),
    *sorted((ROOT / "benchmarks").glob("*.md")),
]
OTHER_PROJECT = re.compile(r"""pip install\s+(?:-\S+\s+)*['"]?consistency\b(?!-)""")
PLACEHOLDER = re.compile(r"\bOWNER\b|\.invalid/|example\.com")


def test_the_distribution_has_a_name_of_its_own_and_keeps_the_command() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == "news-consistency"
    assert project["scripts"] == {"consistency": "consistency.cli:main"}
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["consistency"]
    assert all("news-consistency[" in dep for dep in project["optional-dependencies"]["test"]
               if dep.split("[")[0] in ("consistency", "news-consistency"))  # fmt: skip


def test_the_installed_distribution_is_named_news_consistency() -> None:
    dist = importlib.metadata.distribution("news-consistency")
    assert dist.version == __version__
    assert any(e.name == "consistency" for e in dist.entry_points if e.group == "console_scripts")


def test_nothing_tells_a_user_to_install_the_other_project() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {m.group()}"
        for path in USER_FACING
        for m in OTHER_PROJECT.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []
    assert OTHER_PROJECT.search("run: pip install consistency")  # the check itself works
    assert not OTHER_PROJECT.search("pip install 'news-consistency[html]'")


def test_no_placeholder_url_in_what_users_copy_or_in_sarif(seeds_report: Report) -> None:
    copied = [
        ROOT / "README.md",
        ROOT / ".pre-commit-hooks.yaml",
        *(ROOT / "examples").rglob("*.*"),
    ]
    found = [
        f"{path.relative_to(ROOT)}: {m.group()}"
        for path in copied
        for m in PLACEHOLDER.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    driver = json.loads(render_sarif(seeds_report))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://pypi.org/project/news-consistency/"
