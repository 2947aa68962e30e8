"""Renderers: one module per output format, each a function Report -> str."""

from __future__ import annotations

from collections.abc import Callable

from consistency.models import Report
from consistency.render.github import render_github
from consistency.render.json import render_json
from consistency.render.junit import render_junit
from consistency.render.markdown import render_markdown
from consistency.render.sarif import render_sarif
from consistency.render.text import render_text

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "github": render_github,
    "sarif": render_sarif,
    "junit": render_junit,
}
