"""Full names as each article spells them: the evidence for spelling checks across outlets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from consistency.extract.context import ArticleContext
from consistency.models import NameClaim


def extract_names(ctx: ArticleContext) -> Iterator[NameClaim]:
    """Every name of two or more words in the article's narrative (not inside quotations),
    as a person or organisation, with the roles written beside it."""
    people = ctx.people
    headlines = [p for p in ctx.paragraphs if _headline(ctx.text[p[0] : p[1]])]
    n = 0
    for m in people.mentions:
        if len(m.tokens) < 2 or not all(t[:1].isupper() for t in m.tokens):
            continue
        if any(s <= m.start < e for s, e in headlines):
            continue  # "Hashtag Helps Sexual Assault Survivors Break Silence" is no name
        n += 1
        yield NameClaim(
            id=f"{ctx.article_id}:E{n}",
            article=ctx.article_id,
            text=ctx.norm.original_slice(m.start, m.end),
            span=ctx.norm.span(m.start, m.end),
            name=m.name,
            roles=sorted(set(m.roles)),
            context=ctx.sentence_around(m.start, m.end),
        )


def _headline(paragraph: str) -> bool:
    """A short line in title case: its capitals say nothing about names."""
    words = re.findall(r"[A-Za-z][\w’'-]*", paragraph)
    if not 3 <= len(words) <= 20 or paragraph.rstrip().endswith((".", "?", "!", '"', "”")):
        return False
    capitals: int = sum(w[0].isupper() for w in words)
    return capitals >= 0.7 * len(words)
