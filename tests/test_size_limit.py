"""An article over the size limit is an input error naming the file and its size; the
other files are still checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consistency.cli import app
from consistency.config import MAX_ARTICLE_SIZE, load_config
from consistency.errors import ArticleTooLarge, ConfigError
from consistency.ingest import load

SMALL = "Officials met on Monday, the mayor said. The bridge cost $5 million.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder with one small article and one of 1,200 bytes."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "small.txt").write_text(SMALL, encoding="utf-8")
    (folder / "big.txt").write_text("The mayor spoke. " * 70 + "\n", encoding="utf-8")
    return folder


def test_load_reports_the_big_file_and_keeps_the_others(articles: Path) -> None:
    result = load([articles], base=articles, max_size=500)
    assert [d.id for d in result.documents] == ["small"]
    [error] = result.errors
    assert isinstance(error, ArticleTooLarge)
    assert error.code == "F111" and error.path == "big.txt"
    assert "1,191 bytes" in error.message and "500" in error.message


def test_default_limit_and_none(articles: Path) -> None:
    assert MAX_ARTICLE_SIZE == 10_000_000
    assert len(load([articles]).documents) == 2
    assert len(load([articles], max_size=None).documents) == 2


def test_cli_option_is_an_input_error(articles: Path) -> None:
    args = ["check", str(articles), "--max-article-size", "500", "-f", "json"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [a["path"].rsplit("/", 1)[-1] for a in report["articles"]] == ["small.txt"]
    [error] = report["errors"]
    assert error["code"] == "F111" and "1,191 bytes" in error["message"]


def test_config_key(tmp_path: Path) -> None:
    path = tmp_path / "consistency.toml"
    path.write_text("max-article-size = 2000\n", encoding="utf-8")
    assert load_config(path, known_codes=set()).max_article_size == 2000
    path.write_text('max-article-size = "big"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="max-article-size"):
        load_config(path, known_codes=set())


def test_an_article_with_more_claims_than_any_news_text_is_cut_off_with_a_warning(
    tmp_path: Path,
) -> None:
    from consistency.extract import MAX_CLAIMS
    from tests.conftest import check_texts

    text = " ".join(f"It rained on Monday {k}." for k in range(MAX_CLAIMS + 50))
    report = check_texts(tmp_path, text)
    assert len(report.temporal) == MAX_CLAIMS
    (cut,) = [d for d in report.diagnostics if d.code == "I003"]
    assert cut.path == "a.txt" and cut.line == 1


def test_the_index_reports_an_article_over_the_size_limit_and_indexes_the_rest(
    tmp_path: Path,
) -> None:
    from consistency.corpus import refresh
    from consistency.store import Index

    (tmp_path / "big.txt").write_text("x " * 400, encoding="utf-8")
    (tmp_path / "small.txt").write_text("The mayor resigned on Monday.", encoding="utf-8")
    with Index(tmp_path / "index.db") as index:
        result = refresh(index, tmp_path, [tmp_path], max_size=500)
    assert [e.code for e in result.errors] == ["F111"]
    assert result.extracted == ["small.txt"]
