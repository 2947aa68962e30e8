"""HTML articles: main text and metadata from trafilatura, spans into the extracted text."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from consistency.cli import app
from consistency.errors import HtmlNotInstalled
from consistency.ingest import load
from consistency.ingest.html import extract_html
from consistency.models import Report
from consistency.pipeline import run
from consistency.render.github import render_github
from consistency.render.junit import render_junit
from consistency.render.markdown import render_markdown
from consistency.render.sarif import render_sarif
from consistency.render.text import render_text

needs_trafilatura = pytest.mark.skipif(
    importlib.util.find_spec("trafilatura") is None, reason="the [html] extra is not installed"
)
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
QUOTE = (
    "We will keep the ferries running through the winter, whatever the strike costs the "
    "harbour board"
)
CHANGED = QUOTE.replace("running", "sailing")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour board vows to keep ferries running | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="og:title" content="Harbour board vows to keep ferries running">
<meta property="article:published_time" content="2024-02-06T07:45:00+00:00">
<link rel="canonical" href="https://courier.example/news/ferries-strike">
<script>window.dataLayer = [];</script>
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<div class="advert">Advertisement: half-price boat insurance this week only</div>
<article>
<h1>Harbour board vows to keep ferries running</h1>
<p>Port Elspeth's harbour board said on Monday that ferry crossings to the islands would
continue despite a strike by deckhands over pay.</p>
<p>“QUOTE,” said Moira Lindqvist, the board's chair, speaking at the terminal.</p>
<p>The union says 120 deckhands walked out at dawn, and that the strike will last until the
board reopens talks.</p>
<p>Passengers queued for more than two hours at the terminal, and several said they had
missed hospital appointments on the mainland.</p>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Lighthouse sold for a pound</a></li>
<li><a href="/b">Seal pup rescued from car park</a></li></ul></aside>
<footer><p>© 2024 The Coastal Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body>
</html>
"""

TEXT = """Ferry strike: islands still served

Port Elspeth's harbour board will keep ferries sailing while deckhands strike.

"QUOTE," board chair Moira Lindqvist said on Monday.
"""

NO_ARTICLE = """<!DOCTYPE html>
<html><head><title>Courier</title><script src="/app.js"></script></head>
<body><header><a href="/">Home</a> <a href="/login">Log in</a></header>
<div id="root"></div><noscript>Please enable JavaScript.</noscript></body></html>
"""

runner = CliRunner()


def page(quote: str = QUOTE) -> str:
    """The HTML article, quoting `quote`."""
    return PAGE.replace("QUOTE", quote)


def text_article(quote: str = QUOTE) -> str:
    """A plain-text article quoting `quote`."""
    return TEXT.replace("QUOTE", quote)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _misquote_set(folder: Path) -> None:
    """a.html and b.txt quote the chair with one word changed; c.txt agrees with b.txt."""
    (folder / "a.html").write_text(page(CHANGED), encoding="utf-8")
    (folder / "b.txt").write_text(text_article(), encoding="utf-8")
    (folder / "c.txt").write_text(text_article(), encoding="utf-8")


def _check(folder: Path, *names: str) -> Report:
    result = load([folder / n for n in names], base=folder)
    return run(result.documents, errors=result.errors)


# ---------------------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------------------


@needs_trafilatura
def test_main_text_is_kept_and_boilerplate_dropped() -> None:
    text, _meta = extract_html(page(), "a.html")
    assert "ferry crossings to the islands would continue" in text
    assert f"“{QUOTE},” said Moira Lindqvist" in text
    assert "missed hospital appointments" in text
    for furniture in ("Subscribe", "Advertisement", "Most read", "Lighthouse", "©", "Privacy"):
        assert furniture not in text
    assert "dataLayer" not in text and "<" not in text


@needs_trafilatura
def test_paragraphs_are_separated_by_blank_lines() -> None:
    text, _meta = extract_html(page(), "a.html")
    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) >= 4
    assert all(block.strip() == block and "\n" not in block for block in blocks)


@needs_trafilatura
def test_metadata_goes_into_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (article,) = [d.article for d in load([tmp_path / "a.html"], base=tmp_path).documents]
    assert article.format == "html"
    assert article.text_source == "extracted"
    assert article.outlet == "The Coastal Courier"
    assert article.title == "Harbour board vows to keep ferries running"
    assert article.published == dt.date(2024, 2, 6)
    assert article.published_source == "html"
    assert article.url == "https://courier.example/news/ferries-strike"


@needs_trafilatura
def test_text_articles_still_point_into_the_file(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(text_article(), encoding="utf-8")
    (doc,) = load([tmp_path / "b.txt"], base=tmp_path).documents
    assert doc.article.text_source == "file" and doc.article.format == "text"


@needs_trafilatura
def test_claim_spans_slice_the_extracted_text(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    report = _check(tmp_path, "a.html", "b.txt", "c.txt")
    extracted, _meta = extract_html((tmp_path / "a.html").read_text(encoding="utf-8"), "a.html")
    lines = extracted.split("\n")
    claims = [c for c in report.claims if c.article == "a"]
    assert any(c.family == "quote" for c in claims)
    assert {c.family for c in claims} >= {"quote", "numeric"}
    for claim in claims:
        span = claim.span
        assert claim.text == extracted[span.start : span.end]
        assert lines[span.line - 1][span.column - 1 :].startswith(claim.text.split("\n")[0])


@needs_trafilatura
def test_html_files_are_found_in_directories(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    (tmp_path / "d.htm").write_text(page(), encoding="utf-8")
    ids = [d.id for d in load([tmp_path], base=tmp_path).documents]
    assert ids == ["a", "b", "c", "d"]


@needs_trafilatura
def test_date_stamp_in_the_text_when_the_page_has_no_date(tmp_path: Path) -> None:
    undated = re.sub(r'<meta property="article:published_time"[^>]*>\n', "", page())
    undated = undated.replace("<h1>", "<p>Published: Feb 5, 2024</p>\n<h1>")
    (tmp_path / "a.html").write_text(undated, encoding="utf-8")
    (doc,) = load([tmp_path / "a.html"], base=tmp_path).documents
    assert doc.article.published == dt.date(2024, 2, 5)
    assert doc.article.published_source == "text"


@needs_trafilatura
def test_time_and_q_elements_read_as_displayed() -> None:
    inline = (
        page()
        .replace(
            "said on Monday that",
            'said on <time datetime="2024-02-05">Monday</time> that',
        )
        .replace(
            "speaking at the terminal.",
            "who called it <q>a <q>temporary</q> disruption</q> at the terminal.",
        )
    )
    text, meta = extract_html(inline, "a.html")
    assert "harbour board said on Monday that ferry crossings" in text
    assert "who called it “a ‘temporary’ disruption” at the terminal." in text
    assert meta.published == dt.date(2024, 2, 6)


@needs_trafilatura
def test_cp1252_warning_keeps_the_line_of_the_file(tmp_path: Path) -> None:
    data = page().replace("Port Elspeth's", "Port Elspeth\u2019s").encode("cp1252")
    (tmp_path / "a.html").write_bytes(data.replace(b"utf-8", b"windows-1252"))
    result = load([tmp_path / "a.html"], base=tmp_path)
    (doc,) = result.documents
    assert doc.article.encoding == "cp1252"
    bad_line = next(k for k, ln in enumerate(page().splitlines(), 1) if "Elspeth's" in ln)
    ((line, message, *_),) = doc.warnings
    assert line == 1
    assert f"line {bad_line} of the HTML file" in message


# ---------------------------------------------------------------------------------------
# the command line and the reports
# ---------------------------------------------------------------------------------------


@needs_trafilatura
def test_html_and_text_misquote_is_a_q101_through_the_cli(workdir: Path) -> None:
    _misquote_set(workdir)
    result = runner.invoke(app, ["check", "a.html", "b.txt", "c.txt", "-f", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "Q101"]
    assert finding["odd_articles"] == ["a"]
    assert finding["majority_articles"] == ["b", "c"]
    assert ["running", "sailing"] in [[op["old"], op["new"]] for op in finding["diff"]]
    (html_article,) = [a for a in data["articles"] if a["id"] == "a"]
    assert html_article["text_source"] == "extracted"
    assert html_article["outlet"] == "The Coastal Courier"


@needs_trafilatura
def test_text_report_says_spans_are_in_the_extracted_text(workdir: Path) -> None:
    _misquote_set(workdir)
    result = runner.invoke(app, ["check", "a.html", "b.txt", "c.txt"])
    assert "Q101" in result.stdout
    assert "Spans in a.html point into the text extracted from the HTML" in result.stdout
    assert "b.txt point" not in result.stdout


@needs_trafilatura
def test_markdown_report_says_spans_are_in_the_extracted_text(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    out = render_markdown(_check(tmp_path, "a.html", "b.txt", "c.txt"))
    assert "Spans in `a.html` point into the text extracted from the HTML" in out


@needs_trafilatura
def test_no_note_without_html_articles(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    report = _check(tmp_path, "b.txt", "c.txt")
    assert "extracted" not in render_text(report) + render_markdown(report)


@needs_trafilatura
def test_sarif_does_not_place_extracted_spans_in_the_html_file(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    log = json.loads(render_sarif(_check(tmp_path, "a.html", "b.txt", "c.txt")))
    jsonschema.validate(log, SARIF_SCHEMA)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "Q101"]
    locations = [result["locations"][0], *result["relatedLocations"]]
    by_uri = {loc["physicalLocation"]["artifactLocation"]["uri"]: loc for loc in locations}
    html = by_uri["a.html"]
    assert "region" not in html["physicalLocation"]
    assert html["properties"]["textSource"] == "extracted"
    assert "sailing" in html["properties"]["extractedRegion"]["snippet"]["text"]
    assert "extracted from the HTML" in html["message"]["text"]
    assert "region" in by_uri["b.txt"]["physicalLocation"]


@needs_trafilatura
def test_github_annotation_for_html_names_the_file_only(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    out = render_github(_check(tmp_path, "a.html", "b.txt", "c.txt"))
    (line,) = [ln for ln in out.splitlines() if "Q101" in ln]
    assert line.startswith("::warning file=a.html,title=")
    assert "line=" not in line and "of the text extracted from the HTML" in line


@needs_trafilatura
def test_junit_detail_marks_extracted_positions(tmp_path: Path) -> None:
    _misquote_set(tmp_path)
    out = render_junit(_check(tmp_path, "a.html", "b.txt", "c.txt"))
    assert re.search(r"odd a\.html:\d+:\d+ \(in the text extracted from the HTML\) “", out)
    assert re.search(r"majority b\.txt:\d+:\d+ \"We will", out)


# ---------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------


@needs_trafilatura
def test_page_without_main_text_is_an_error_and_the_rest_is_checked(workdir: Path) -> None:
    _misquote_set(workdir)
    (workdir / "shell.html").write_text(NO_ARTICLE, encoding="utf-8")
    args = ["check", "shell.html", "a.html", "b.txt", "c.txt", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "shell.html" in result.stderr and "no main text" in result.stderr
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert [(e["code"], e["path"]) for e in data["errors"]] == [("F109", "shell.html")]
    assert "Q101" in [f["code"] for f in data["findings"]]
    assert [a["id"] for a in data["articles"]] == ["a", "b", "c"]


def test_without_trafilatura_html_is_an_error_naming_the_file(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` fails
    _misquote_set(workdir)
    result = runner.invoke(app, ["check", "a.html", "b.txt", "c.txt", "-f", "json"])
    assert result.exit_code == 2
    assert "a.html" in result.stderr
    assert "pip install 'news-consistency[html]'" in result.stderr
    data = json.loads(result.stdout)
    assert [(e["code"], e["path"]) for e in data["errors"]] == [("F108", "a.html")]
    assert [a["id"] for a in data["articles"]] == ["b", "c"]


def test_without_trafilatura_text_files_still_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    _misquote_set(tmp_path)
    result = load([tmp_path], base=tmp_path)
    assert [d.id for d in result.documents] == ["b", "c"]
    (error,) = result.errors
    assert isinstance(error, HtmlNotInstalled)
    assert str(error) == "a.html: HTML support not installed: pip install 'news-consistency[html]'"
