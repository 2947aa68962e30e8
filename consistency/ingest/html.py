"""HTML articles: the main text and metadata that trafilatura extracts from a page.

An HTML article's spans point into the extracted text, not into the file (the article
says so with `text_source="extracted"`, and the reports repeat it): markup, menus and
footers are gone, so there is no offset map back to the HTML. trafilatura is an optional
extra, imported only when an HTML file is read.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import Any

from consistency.errors import HtmlNotInstalled, NoMainText
from consistency.ingest.frontmatter import FrontMatter

INSTALL_HINT = "pip install 'news-consistency[html]'"

# htmldate drops dates later than max_date, which defaults to today: a fixed bound keeps a
# run repeatable. No extensive search: the date comes from the page's metadata (meta tags,
# JSON-LD, the URL), never guessed from its text; our own date stamp search does that.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}

# Offline and deterministic (no URL is fetched, no cache across files). Precision over
# recall: a menu or a related-articles list read as text would bring claims of other
# stories, and a page with no article (an app shell, an index page) should be an error.
_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
}
# Browsers draw the marks of <q> themselves: outer quotation, then nested.
_Q_MARKS = (("“", "”"), ("‘", "’"))


def extract_html(raw: str, path: str) -> tuple[str, FrontMatter]:
    """The main text of an HTML page, one block per paragraph with blank lines between
    them, and its metadata (title, publication date, site name, canonical URL).

    Raises HtmlNotInstalled without trafilatura, NoMainText when the page has no article."""
    trafilatura = _trafilatura(path)
    # Metadata from the page as it is (htmldate reads <time> elements as dates) ...
    found = trafilatura.extract_metadata(raw, date_config=dict(_DATE_PARAMS))
    # ... and the text from a copy whose <time> and <q> read as they do in a browser.
    tree = trafilatura.load_html(raw)
    if tree is not None:
        _inline_as_displayed(tree)
    doc = trafilatura.bare_extraction(tree, **_OPTIONS) if tree is not None else None
    text = paragraphs(_field(doc, "text") or "")
    if not text:
        raise NoMainText(path, "trafilatura found no main text (article body) in this HTML page")
    meta = FrontMatter(
        outlet=_field(found, "sitename"),
        published=_date(_field(found, "date")),
        title=_field(found, "title"),
        url=_field(found, "url"),
    )
    return text, meta


def _inline_as_displayed(tree: Any) -> None:
    """trafilatura drops <time> with its words ("closed on <time>Monday</time>") and breaks
    the line at a <q> without its marks; make both plain inline text, marks included."""
    found = [(el, sum(1 for a in el.iterancestors("q"))) for el in tree.iter("time", "q")]
    for el, depth in found:
        if el.tag == "q":
            opening, closing = _Q_MARKS[depth % 2]
            el.text = opening + (el.text or "")
            if len(el):
                el[-1].tail = (el[-1].tail or "") + closing
            else:
                el.text += closing
        el.tag = "span"


def paragraphs(text: str) -> str:
    """trafilatura's lines (blocks, list items, line breaks) as paragraphs separated by
    blank lines, whichever way the text is segmented later."""
    lines = [line.strip() for line in text.splitlines()]
    body = "\n\n".join(line for line in lines if line)
    return body + "\n" if body else ""


def file_warnings(warnings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Decoding warnings name lines of the HTML file; the extracted text has other lines,
    so they move to line 1 and keep the file's line in their message."""
    return [(1, f"{message} (line {line} of the HTML file)") for line, message in warnings]


def _trafilatura(path: str) -> ModuleType:
    """Import trafilatura (slow, and only installed with the [html] extra)."""
    try:
        import trafilatura
    except ImportError as exc:
        raise HtmlNotInstalled(path, f"HTML support not installed: {INSTALL_HINT}") from exc
    module: ModuleType = trafilatura  # typed when installed, Any to mypy when not
    return module


def _field(doc: object, name: str) -> str | None:
    """A text field of trafilatura's result, or None when missing or blank."""
    value = getattr(doc, name, None)
    return value.strip() or None if isinstance(value, str) else None


def _date(value: str | None) -> dt.date | None:
    """htmldate's YYYY-MM-DD, as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
