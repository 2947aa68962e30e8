"""Full names as each article spells them: the evidence for spelling checks across outlets."""

from __future__ import annotations

from collections.abc import Iterator

from consistency.extract.context import ArticleContext
from consistency.models import NameClaim


def extract_names(ctx: ArticleContext) -> Iterator[NameClaim]:
    """Every name of two or more words in the article's narrative (not inside quotations),
    as a person or organisation, with the roles written beside it."""
    people = ctx.people
    n = 0
    for m in people.mentions:
        if len(m.tokens) < 2 or not all(t[:1].isupper() for t in m.tokens):
            continue
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
