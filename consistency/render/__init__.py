"""Renderers: one module per output format, each a function Report -> str; the HTML page
also shows the articles' texts, when it is given them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from consistency.models import Report
from consistency.render.github import render_github
from consistency.render.html import render_html
from consistency.render.json import render_json
from consistency.render.junit import render_junit
from consistency.render.markdown import render_markdown
from consistency.render.sarif import render_sarif

Renderer = Callable[[Report], str]
PageRenderer = Callable[[Report, Mapping[str, str] | None], str]


def render_text(report: Report) -> str:
    """The terminal format (rich, imported only for it: a tenth of a `ci` run's imports)."""
    from consistency.render.text import render_text as text

    return text(report)


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "github": render_github,
    "sarif": render_sarif,
    "junit": render_junit,
}

# Formats that embed the articles' texts (article id -> the text its spans point into);
# given none, they show the claims' context sentences instead.
PAGES: dict[str, PageRenderer] = {
    "html": render_html,
}


def render(fmt: str, report: Report, texts: Mapping[str, str] | None = None) -> str:
    """The report in format `fmt` (a key of RENDERERS or PAGES); `texts` for PAGES."""
    if fmt in PAGES:
        return PAGES[fmt](report, texts)
    return RENDERERS[fmt](report)
