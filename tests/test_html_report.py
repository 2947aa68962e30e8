"""The HTML report: one self-contained page, every piece of data escaped, each finding's
claims highlighted in their articles' texts and linked both ways; checked as a page
(lxml) and in a real headless Chromium (the DOM after the script ran, and a screenshot).

The browser tests are skipped only where chromium is missing and CI is unset: in CI (where
`.ci/run` installs chromium) a missing browser fails them."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from consistency.cli.commands import _read_back
from consistency.generate import generated
from consistency.ingest import load
from consistency.models import Report
from consistency.pipeline import run
from consistency.render import PAGES, render
from consistency.render.html import _article_text, _Mark, render_html
from consistency.render.markup import CSS, JS, el, start_tag, text
from tests.conftest import ROOT, check_texts, invoke
from tests.fuzzing import check_output
from tests.test_render_inert import HOSTILE, NAME, _poison, _rename

Dom = lxml.html.HtmlElement
TITLE = "Consistency report"
# What an article, a file name, an outlet and a story may plant: each would change the
# page's title or add an element or attribute if it ran.
SCRIPT = "<script>document.title='pwned';document.body.appendChild(document.createElement('blink'))</script>"  # noqa: E501
IMG = "<img src=x onerror=\"document.body.dataset.pwned='1'\">"
STORY = "kestrel ](javascript:alert(1)) <script>document.title='pwned'</script>"
FILE = "wire <img src=x onerror=document.title=1> [a](javascript:alert(1)).md"
OUTLET = "<img src=x onerror=\"document.body.dataset.pwned='1'\"> [x](javascript:alert(1)) Wire"
WIRE = f"""---
story: '{STORY.replace("'", "''")}'
outlet: '{OUTLET.replace("'", "''")}'
published: 2026-03-10
title: '{SCRIPT.replace("'", "''")}'
---

The Kestrel Point harbour bridge was shut on Monday. {SCRIPT} [click](javascript:alert(1))
{IMG} ](javascript:alert(2))
::error::pwned ##[error] \x1b[31m red

"The bearings will be replaced after a single car goes back on that bridge," Priya
Halvorsen, the chief engineer, said.
"""


def checked(paths: list[Path], base: Path) -> tuple[Report, dict[str, str]]:
    """The report on `paths` and the texts its spans point into."""
    result = load(paths, base=base)
    texts = {d.id: d.norm.original for d in result.documents}
    return run(result.documents, errors=result.errors), texts


@pytest.fixture(scope="module")
def seeds() -> tuple[Report, dict[str, str]]:
    return checked([ROOT / "seeds"], ROOT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, and the bridge story (all its articles labelled with a hostile story id)
    with a wire article that misquotes the engineer and plants markup everywhere."""
    tmp = tmp_path_factory.mktemp("corpus")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, tmp / seed.name)
    bridge = tmp / "bridge"
    bridge.mkdir()
    label = "story: '" + STORY.replace("'", "''") + "'\n"
    for article in sorted((ROOT / "tests" / "data" / "bridge-story").iterdir()):
        body = article.read_text(encoding="utf-8")
        body = "---\n" + label + (body[4:] if body.startswith("---\n") else "---\n" + body)
        (bridge / article.name).write_text(body, encoding="utf-8")
    (bridge / FILE).write_text(WIRE, encoding="utf-8")
    return tmp


@pytest.fixture(scope="module")
def stories(corpus: Path) -> tuple[Report, dict[str, str]]:
    report, texts = checked([corpus], corpus)
    assert len(report.stories) == 2 and STORY in {s.id for s in report.stories}
    assert any(f.code == "Q101" and f.odd_articles == [Path(FILE).stem] for f in report.findings)
    return report, texts


def dom(page: str) -> Dom:
    return lxml.html.document_fromstring(page)


def ids(doc: Dom) -> Counter[str]:
    return Counter(e.get("id") for e in doc.iter() if e.get("id"))


def message_head(message: str) -> str:
    """The message as the page shows it (why the claims were aligned is a line of its own)."""
    return " ".join(message.split(" (aligned on: ")[0].split())


def check_page(doc: Dom, report: Report, *, whole_texts: bool) -> None:
    """Each finding with its code, severity and message; each claim marked beside the
    others and in its article's text, linked both ways; every link's target exists."""
    assert doc.findtext(".//title") == TITLE
    anchors = ids(doc)
    assert all(n == 1 for n in anchors.values()), "an id used twice"
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert hrefs and all(h.startswith("#") and h[1:] in anchors for h in hrefs)
    for n, f in enumerate(report.findings, start=1):
        box = doc.get_element_by_id(f"f{n}")
        assert (box.get("data-code"), box.get("data-severity")) == (f.code, f.severity.value)
        shown = " ".join(box.text_content().split())
        assert f.code in shown and message_head(f.message) in shown
        for m, e in enumerate(f.claims, start=1):
            here, there = doc.get_element_by_id(f"f{n}e{m}"), doc.get_element_by_id(f"t{n}e{m}")
            assert here.tag == there.tag == "mark"
            assert here.text_content() == e.text if whole_texts else True
            parts = doc.xpath(f"//mark[@data-part-of='t{n}e{m}']")
            marked = "".join(x.text_content() for x in [there, *parts])
            if whole_texts:  # a claim over two lines goes on in the next one's mark
                assert marked == e.text.replace("\n", "")
            else:
                assert " ".join(marked.split()) == " ".join(e.text.split())
            column = here.getparent().getparent()
            assert e.role in column.get("class").split()
            assert f"{e.path}:{e.line}:{e.column}" in column.text_content()
            assert column.xpath(".//a")[0].get("href") == f"#t{n}e{m}"
            assert any(a.get("href") == f"#f{n}e{m}" for a in doc.iter("a"))  # and back


# ---------------------------------------------------------------------------------------
# the page, without a browser
# ---------------------------------------------------------------------------------------


def test_html_is_a_format_of_check_and_ci() -> None:
    assert "html" in PAGES
    assert "html" in invoke("check", "--help").stdout and "html" in invoke("ci", "--help").stdout


def test_markup_escapes_text_and_attributes_and_links_only_inside() -> None:
    assert el("p", "<b>&\"'</b>") == "<p>&lt;b&gt;&amp;&quot;&#x27;&lt;/b&gt;</p>"
    assert el("a", "x", href='#a"><script>') == '<a href="#a&quot;&gt;&lt;script&gt;">x</a>'
    assert el("p", el("b", "x"), "<i>") == "<p><b>x</b>&lt;i&gt;</p>"  # only our own markup
    assert text("a\x1b[31m\u202eb\r\n") == "a\\x1b[31m\\u202eb\n"
    assert start_tag("input", checked=True, hidden=False, data_code="Q1") == (
        '<input checked data-code="Q1">'
    )
    for href in ("javascript:alert(1)", "https://evil.example/", "data:text/html,x", "//x"):
        with pytest.raises(ValueError):
            el("a", "x", href=href)


def test_page_is_self_contained_with_a_strict_csp(seeds: tuple[Report, dict[str, str]]) -> None:
    page = render_html(*seeds)
    doc = dom(page)
    assert not re.search(
        r"(?i)(src|href|action)\s*=\s*[\"']?\s*(https?:|//|javascript:|data:)", page
    )
    assert not [e for e in doc.iter() if e.get("src") is not None]
    assert not doc.xpath("//link|//img|//iframe|//object|//embed|//base|//form")
    assert "url(" not in CSS and "@import" not in CSS and "http" not in JS
    [style], [script] = doc.xpath("//style"), doc.xpath("//script")
    assert (style.text, script.text) == (CSS, JS)
    [csp] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    digest = {k: base64.b64encode(hashlib.sha256(v.encode()).digest()).decode() for k, v in
              (("style", CSS), ("script", JS))}  # fmt: skip
    assert f"default-src 'none'; style-src 'sha256-{digest['style']}'; " in csp
    assert f"script-src 'sha256-{digest['script']}';" in csp and "unsafe" not in csp


def test_page_structure_on_the_seeds(seeds: tuple[Report, dict[str, str]]) -> None:
    report, texts = seeds
    doc = dom(render_html(report, texts))
    check_page(doc, report, whole_texts=True)
    assert len(doc.xpath("//article[@class]")) == len(report.findings) == 3
    assert not doc.xpath("//article[@hidden]")  # readable without the script
    assert doc.get_element_by_id("filters").get("hidden") is not None
    [quote] = [k for k, f in enumerate(report.findings, start=1) if f.code == "Q101"]
    box = doc.get_element_by_id(f"f{quote}")
    assert box.xpath(".//ins/text()") == ["ever", "then"] and box.xpath(".//del/text()") == [
        "might"
    ]
    assert box.xpath(".//div[contains(@class, 'odd')]//p[@class='role']/text()") == ["odd one out"]
    rows = doc.xpath("//section[@class='story']//tr[td]")
    assert [r.xpath("td")[4].text_content() for r in rows] == [a.path for a in report.articles]
    lines = doc.xpath("//section[@class='article']//div[@class='line']")
    assert len(lines) == sum(texts[a.id].count("\n") + 1 for a in report.articles)


def test_without_texts_the_context_sentences_stand_in(seeds: tuple[Report, dict[str, str]]) -> None:
    report, texts = seeds
    for given in (None, {a: "x" * 10 for a in texts}):  # none, or not the spans' texts
        page = render_html(report, given)
        check_page(dom(page), report, whole_texts=False)
        assert "The article&#x27;s text is not in this report" in page


def test_marks_nest_and_go_on_across_crossings_and_lines() -> None:
    marks = [_Mark(0, 4, "t1e1", "f1e1", 1), _Mark(0, 4, "t2e1", "f2e1", 2),
             _Mark(2, 6, "t3e1", "f3e1", 3), _Mark(5, 9, "t4e1", "f4e1", 4)]  # fmt: skip
    root = ET.fromstring(_article_text("abcdef\nghij", marks, 0))  # well-formed: nested
    by_id = {m.get("id"): "".join(m.itertext()) for m in root.iter("mark") if m.get("id")}
    assert by_id == {"t1e1": "abcd", "t2e1": "abcd", "t3e1": "cd", "t4e1": "f"}
    parts = [(m.get("data-part-of"), "".join(m.itertext())) for m in root.iter("mark")]
    assert [(of, part) for of, part in parts if of] == [("t3e1", "ef"), ("t4e1", "gh")]
    assert [a.text for a in root.iter("a") if a.get("class") != "ln"] == ["1", "2", "3", "4"]


def test_planted_markup_stays_text(stories: tuple[Report, dict[str, str]]) -> None:
    report, texts = stories
    page = render("html", report, texts)
    check_output("html", page)  # and no line of it is a workflow command in a CI log
    check_page(dom(page), report, whole_texts=True)
    for planted in (SCRIPT, IMG, STORY, FILE, OUTLET):
        assert planted not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in page
    assert "&lt;img src=x onerror=document.title=1&gt; [a](javascript:alert(1)).md" in page
    assert "::error::pwned ##&#91;error] \\x1b[31m red" in page and "\x1b" not in page


@pytest.mark.parametrize(
    ("poison", "escaped"),
    [(_poison, "&lt;script&gt;alert(1)&lt;/script&gt;"), (_rename, "##&#91;error]c ``tick`")],
)
def test_hostile_report_data_stays_text(
    tmp_path: Path, poison: Callable[[Any], Any], escaped: str
) -> None:
    """Every string of the report with markup, links, controls and workflow commands in
    front (as tests/test_render_inert.py does to the other formats)."""
    said = 'Mayor Ana Cruz said: "We will rebuild the old bridge before the winter comes."\n'
    real = check_texts(tmp_path, said, said.replace("before", "after"), 'She said: "Never\n')
    report = Report.model_validate(poison(real.model_dump()))
    assert report.findings and report.diagnostics
    page = render_html(report)
    check_output("html", page)
    doc = dom(page)
    assert len(doc.xpath("//script")) == 1 and not doc.xpath("//img")
    assert all(a.get("href").startswith("#") for a in doc.iter("a"))
    assert escaped in page and "\\x1b[31m" in page and "\x1b" not in page
    assert HOSTILE not in page and NAME not in page
    assert "Problems in the input" in page


def test_a_clean_report_says_so(tmp_path: Path) -> None:
    said = 'Mayor Ana Cruz said: "We will rebuild the old bridge before the winter comes."\n'
    page = render_html(check_texts(tmp_path, said, said))
    assert "No discrepancies found." in page and "Article texts" not in page
    assert 'id="filters"' not in page


def test_check_writes_the_page_with_the_article_texts(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("check", str(ROOT / "tests" / "cases" / "misquote-majority"), "-f", "html",
                    "-o", str(out))  # fmt: skip
    assert result.exit_code == 1, result.stderr
    doc = dom(out.read_text(encoding="utf-8"))
    assert doc.xpath("//section[@class='article']//div[@class='line']//mark[@id]")
    assert "not in this report" not in doc.text_content()


def test_ci_reads_back_the_texts_of_the_articles_in_findings(
    corpus: Path, stories: tuple[Report, dict[str, str]]
) -> None:
    report, texts = stories
    read = _read_back(corpus, None)(report)
    involved = {e.article for f in report.findings for e in f.claims}
    assert read == {a: texts[a] for a in involved}


def test_the_seeds_page_is_a_generated_report() -> None:
    assert ROOT / "reports" / "seeds.html" in generated()


# ---------------------------------------------------------------------------------------
# in a real browser: the DOM after the script ran, and a screenshot
# ---------------------------------------------------------------------------------------

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


@pytest.fixture(scope="module")
def browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI is unset")
    return CHROMIUM


def browse(browser: str, page: Path, *, query: str = "", shot: Path | None = None) -> Dom:
    """One headless Chromium run: the DOM once the page's script ran (and a screenshot)."""
    args = [
        browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={page.parent / 'profile'}",
        "--window-size=1280,2000", "--dump-dom",
    ]  # fmt: skip
    if shot is not None:
        args.append(f"--screenshot={shot}")
    done = subprocess.run([*args, page.as_uri() + query], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-3000:]
    return dom(done.stdout)


def test_in_chromium_the_seeds_page_runs_its_script_and_shows(
    browser: str, seeds: tuple[Report, dict[str, str]], tmp_path: Path
) -> None:
    report, texts = seeds
    page, shot = tmp_path / "seeds.html", tmp_path / "seeds.png"
    page.write_text(render_html(report, texts), encoding="utf-8")
    doc = browse(browser, page, shot=shot)
    check_page(doc, report, whole_texts=True)
    assert doc.get_element_by_id("filters").get("hidden") is None  # the script ran
    assert doc.get_element_by_id("shown").text == "Showing 3 of 3 findings."
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1280, 2000)
    assert len(png) > 50_000, "a blank page"


def test_in_chromium_filters_apply_and_planted_markup_never_runs(
    browser: str, stories: tuple[Report, dict[str, str]], tmp_path: Path
) -> None:
    report, texts = stories
    page = tmp_path / "stories.html"
    page.write_text(render_html(report, texts), encoding="utf-8")
    # only Q101 by the filters, and the finding whose claim the address names
    other = next(n for n, f in enumerate(report.findings, start=1) if f.code != "Q101")
    doc = browse(browser, page, query=f"?severity=warning,error&code=Q101#f{other}e1")
    check_page(doc, report, whole_texts=True)
    shown = [n for n, box in enumerate(doc.xpath("//article[@data-code]"), start=1)
             if box.get("hidden") is None]  # fmt: skip
    quotes = [n for n, f in enumerate(report.findings, start=1) if f.code == "Q101"]
    assert shown == sorted([*quotes, other]) and len(quotes) == 2 and len(report.findings) > 3
    assert doc.get_element_by_id("shown").text == f"Showing 3 of {len(report.findings)} findings."
    # nothing planted ran: the title, no new element or attribute, no foreign script or link
    assert doc.findtext(".//title") == TITLE
    assert not doc.xpath("//blink|//img|//iframe") and len(doc.xpath("//script")) == 1
    assert doc.body.get("data-pwned") is None
    assert not [k for e in doc.iter() for k in e.attrib if k.lower().startswith("on")]
    assert all(a.get("href").startswith("#") for a in doc.iter("a"))
    shown_text = doc.text_content()
    for planted in (SCRIPT, IMG, STORY, FILE, OUTLET, "[click](javascript:alert(1))"):
        assert planted in shown_text, planted  # shown as the text it is
    assert [s.text_content() for s in doc.xpath("//section[@class='story']/h3/code")] == [
        s.id for s in report.stories
    ]
