"""Defaults that fit where the tool runs (issue 14): what `check` reads with no paths, what
`index` leaves out of a repository nobody configured, where `ci` annotates, how
configuration paths are read, baselines that must exist, and files written as the user's
umask says."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from consistency.extract import extract
from consistency.ingest import load
from consistency.pipeline import check
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "cases" / "misquote-majority"  # gazette.txt misquotes, Q101


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in CASE.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


def _paths(stdout: str) -> list[str]:
    return [a["path"] for a in json.loads(stdout)["articles"]]


# -- check with no paths ------------------------------------------------------------------


def test_check_without_paths_reads_the_configured_corpus(workdir: Path) -> None:
    _story(workdir / "articles")
    (workdir / "consistency.toml").write_text('corpus = ["articles"]\n')
    (workdir / "sub").mkdir()
    os.chdir(workdir / "sub")  # the corpus is relative to the configuration file
    result = invoke("check", "-f", "json")
    paths = _paths(result.stdout)
    assert sorted(Path(p).name for p in paths) == [
        "courier.txt", "gazette.txt", "herald.txt", "post.txt"
    ]  # fmt: skip
    assert all(Path(p).is_file() for p in paths)
    assert "bundled" not in result.stderr


def test_check_without_paths_or_corpus_says_it_checks_the_bundled_articles(
    workdir: Path,
) -> None:
    result = invoke("check", "-f", "json")
    assert result.stderr.count("\n") == 1
    assert "no paths given: checking the 5 bundled sample articles" in result.stderr
    paths = _paths(result.stdout)
    assert len(paths) == 5
    assert all(Path(p).is_file() for p in paths)  # a path the user can open from here
    assert not any(p.startswith("_seeds/") for p in paths)
    assert invoke("check", "-f", "json", "-q").stderr == ""


# -- index with no corpus configured ----------------------------------------------------------


def test_index_without_a_corpus_skips_the_repository_documents_and_says_so(workdir: Path) -> None:
    _story(workdir / "news")
    documents = ["CHANGELOG.md", "CONTRIBUTING.md", "LICENSE.txt", "docs/guide.md"]
    documents += ["docs/api/index.md", ".github/PULL_REQUEST_TEMPLATE.md", "news/README.md"]
    for name in documents:
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text("Ana Cruz said on Monday the release was ready.\n")
    result = invoke("index", "--index", "idx.sqlite")
    assert result.exit_code == 0, result.stderr
    assert "4 articles in idx.sqlite" in result.stdout
    assert "skipped 5 repository document(s) (CHANGELOG.md, CONTRIBUTING.md, LICENSE.txt, …)" in (
        result.stderr
    )
    assert "set `corpus` in consistency.toml" in result.stderr
    explicit = invoke("index", ".", "--index", "idx.sqlite")  # named paths: all is read
    assert "9 articles" in explicit.stdout and explicit.exit_code == 0
    assert "skipped" not in explicit.stderr


# -- ci annotates the changed article ----------------------------------------------------


def test_the_first_evidence_of_a_focused_finding_is_in_the_changed_article(tmp_path: Path) -> None:
    folder = _story(tmp_path / "s")
    (folder / "post.txt").unlink()
    (folder / "herald.txt").unlink()  # gazette against courier: one against one, no majority
    records = [extract(d) for d in load([folder], base=folder).documents]
    ids = [r.id for r in records]
    whole = check(records, stories={"s": ids})
    (finding,) = whole.findings
    first = finding.claims[0].article
    other = next(e.article for e in finding.claims if e.article != first)
    (focused,) = check(records, stories={"s": ids}, focus={other}).findings
    assert focused.claims[0].article == other
    assert focused.fingerprint == finding.fingerprint
    assert {e.article for e in focused.claims} == {e.article for e in finding.claims}


# -- configuration -------------------------------------------------------------------------


def test_per_path_ignores_are_relative_to_the_configuration_file(workdir: Path) -> None:
    _story(workdir / "articles" / "wires")
    (workdir / "consistency.toml").write_text(
        '[per-path-ignores]\n"articles/wires/gazette.txt" = ["Q101"]\n'
    )
    os.chdir(workdir / "articles")
    assert json.loads(invoke("check", "wires", "-f", "json").stdout)["findings"] == []
    (workdir / "consistency.toml").write_text('[per-path-ignores]\n"wires/gazette.txt" = ["Q"]\n')
    assert json.loads(invoke("check", "wires", "-f", "json").stdout)["findings"]


def test_a_malformed_pyproject_is_an_error_not_silence(workdir: Path) -> None:
    _story(workdir / "articles")
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\nversion = \n')
    result = invoke("check", "articles")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "pyproject.toml:3: invalid TOML" in result.stderr


def test_a_missing_baseline_is_an_error_unless_it_is_being_created(workdir: Path) -> None:
    _story(workdir / "articles")
    missing = invoke("check", "articles", "--baseline", "accepted.json")
    assert missing.exit_code == 2
    assert "accepted.json: no such baseline file" in missing.stderr
    made = invoke("check", "articles", "--baseline", "accepted.json", "--update-baseline")
    assert made.exit_code == 0 and (workdir / "accepted.json").is_file()
    assert invoke("check", "articles", "--baseline", "accepted.json").exit_code == 0


def test_stale_baseline_entries_are_counted_in_the_summary(workdir: Path) -> None:
    _story(workdir / "articles")
    invoke("check", "articles", "--baseline", "accepted.json", "--update-baseline")
    gazette = workdir / "articles" / "gazette.txt"
    gazette.write_text((workdir / "articles" / "courier.txt").read_text())  # quote fixed
    report = json.loads(
        invoke("check", "articles", "-f", "json", "--baseline", "accepted.json").stdout
    )
    assert report["summary"]["stale_baseline"] == 1
    text = " ".join(invoke("check", "articles", "--baseline", "accepted.json").stdout.split())
    assert "1 stale baseline entry (--update-baseline drops them)" in text


# -- permissions -----------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_reports_and_baselines_are_written_as_the_umask_says(
    workdir: Path, mask: int, mode: int
) -> None:
    _story(workdir / "articles")
    old = os.umask(mask)
    try:
        invoke("check", "articles", "-o", "report.json", "-f", "json")
        invoke("check", "articles", "--baseline", "accepted.json", "--update-baseline")
    finally:
        os.umask(old)
    for name in ("report.json", "accepted.json"):
        assert stat.S_IMODE((workdir / name).stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_report_written_again_keeps_its_permissions(workdir: Path) -> None:
    _story(workdir / "articles")
    (workdir / "report.json").write_text("{}")
    (workdir / "report.json").chmod(0o600)
    invoke("check", "articles", "-o", "report.json", "-f", "json")
    assert stat.S_IMODE((workdir / "report.json").stat().st_mode) == 0o600
