"""Full names as each article spells them: the evidence for spelling checks across outlets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from consistency.extract.context import ArticleContext
from consistency.models import NameClaim
from consistency.text.names import Mention, number_variant
from consistency.text.spelling import name_words, typo_variant
from consistency.text.tokens import fold

# A nickname in quotes between a first name and a surname: Ana "Nana" Cruz.
_NICKNAME = re.compile(r"(?<!\s)\s++[\"“‘'(][^\W\d_][\w-]*+[\"”’')]\s++")  # after a name


def extract_names(ctx: ArticleContext) -> Iterator[NameClaim]:
    """Every name of two or more words in the article's narrative (not inside quotations),
    as a person or organisation, with the roles written beside it; and a surname written
    alone that respells the surname of someone the article named in full before."""
    headlines = [p for p in ctx.paragraphs if _headline(ctx.text[p[0] : p[1]])]
    mentions = [m for m in ctx.people.mentions if not any(s <= m.start < e for s, e in headlines)]
    full = _full_names(ctx.text, mentions)
    words = {w for name in {m.name for m in full} for w in name_words(name)}
    first_end: dict[str, int] = {}  # each surname and where it is first written in full
    for m in full:
        surname = name_words(m.name)[-1]
        first_end[surname] = min(m.end, first_end.get(surname, m.end))
    alone = [m for m in mentions if len(m.tokens) == 1 and _respelled(m, first_end, words)]
    for n, m in enumerate(sorted(full + alone, key=lambda m: m.start), start=1):
        yield NameClaim(
            id=f"{ctx.article_id}:E{n}",
            article=ctx.article_id,
            text=ctx.norm.original_slice(m.start, m.end),
            span=ctx.norm.span(m.start, m.end),
            name=m.name,
            roles=sorted(set(m.roles)),
            context=ctx.sentence_around(m.start, m.end),
        )


def _capitalised(m: Mention) -> bool:
    return all(t[:1].isupper() for t in m.tokens)


def _full_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names of two words or more; a first name and a surname around a quoted nickname
    ("coach Ana "Nana" Cruz") are one name."""
    out = [m for m in mentions if len(m.tokens) >= 2 and _capitalised(m)]
    for m, after in pairwise(mentions):
        if not (_capitalised(m) and _capitalised(after)):
            continue
        if _NICKNAME.fullmatch(text, m.end, after.start):
            out.append(Mention(f"{m.name} {after.name}", m.start, after.end, m.roles, m.gender))
    return out


def _respelled(m: Mention, first_end: dict[str, int], words: set[str]) -> bool:
    """A lone capitalised word that is no word of the article's full names but a letter
    off the surname of one named earlier: "Saman Kunan … Kanan said" (not "the Kunans")."""
    word = fold(m.name)
    if word in words or not m.name[:1].isupper():
        return False
    surnames = [s for s, end in first_end.items() if end <= m.start]
    return any(typo_variant(word, s) and not number_variant(word, s) for s in surnames)


def _headline(paragraph: str) -> bool:
    """A short line in title case: its capitals say nothing about names."""
    words = re.findall(r"[A-Za-z][\w’'-]*", paragraph)
    if not 3 <= len(words) <= 20 or paragraph.rstrip().endswith((".", "?", "!", '"', "”")):
        return False
    capitals: int = sum(w[0].isupper() for w in words)
    return capitals >= 0.7 * len(words)
