"""Claim extraction: one module per claim family, each a pure generator over an article."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from consistency.extract.context import ArticleContext
from consistency.extract.names import extract_names
from consistency.extract.numbers import extract_numbers
from consistency.extract.quotes import extract_quotes
from consistency.extract.temporal import extract_temporal
from consistency.ingest import Document
from consistency.models import Claim, Diagnostic

Extractor = Callable[[ArticleContext], Iterator[Claim | Diagnostic]]

# Explicit registration: a family is extracted only when it is listed here.
EXTRACTORS: dict[str, Extractor] = {
    "quote": extract_quotes,
    "temporal": extract_temporal,
    "numeric": extract_numbers,
    "name": extract_names,
}


def extract(doc: Document) -> tuple[list[Claim], list[Diagnostic]]:
    """All claims of one article, and the diagnostics met while extracting them."""
    ctx = ArticleContext.of(doc)
    claims: list[Claim] = []
    diagnostics: list[Diagnostic] = []
    for extractor in EXTRACTORS.values():
        for item in extractor(ctx):
            if isinstance(item, Diagnostic):
                diagnostics.append(item)
            else:
                claims.append(item)
    return claims, diagnostics
