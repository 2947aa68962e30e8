"""Direct quotations: their words, their editorial marks and who said them."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from consistency.extract.attribution import Attribution
from consistency.extract.context import ArticleContext
from consistency.extract.marks import MarkProblem, RawQuote
from consistency.extract.speech import INTERRUPTION
from consistency.models import Diagnostic, QuoteClaim, Severity, Speaker
from consistency.text.tokens import tokenize, words

MIN_WORDS = 4  # shorter quotations are terms or scare quotes ("weak", "Me too")


@dataclass
class _Quote:
    raw: RawQuote
    speaker: Attribution | None = None


def extract_quotes(ctx: ArticleContext) -> Iterator[QuoteClaim | Diagnostic]:
    """Every quotation of the article as a claim, and unbalanced marks as diagnostics."""
    text = ctx.text
    raws, problems = ctx.marks
    for problem in problems:
        yield _diagnostic(ctx, problem)
    attributor = ctx.people
    quotes = [_Quote(q) for q in ctx.top_quotes]
    for q in quotes:
        if _words(text, q.raw) >= MIN_WORDS:
            q.speaker = attributor.speaker(q.raw.open, q.raw.close)
    quotes = _merge_interrupted(text, quotes)
    _continue_speakers(ctx, quotes)
    nested = [_Quote(q) for q in raws if q.depth > 0]
    ordered = sorted(quotes + nested, key=lambda q: q.raw.open)
    for n, q in enumerate(ordered, start=1):
        yield _claim(ctx, q, f"{ctx.article_id}:Q{n}")


_WORDISH = re.compile(r"[#@]?\w+(?:['’]\w+)*")


def _words(text: str, raw: RawQuote) -> int:
    """How many words a quotation has (a cheap count; editorial marks included)."""
    return sum(len(_WORDISH.findall(text, s, e)) for s, e in raw.segments)


def _merge_interrupted(text: str, quotes: list[_Quote]) -> list[_Quote]:
    """Join "…," she said. "…" into one quotation with two segments."""
    merged: list[_Quote] = []
    for q in quotes:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.speaker is not None
            and q.speaker is None
            and "\n" not in text[prev.raw.close : q.raw.open]
            and INTERRUPTION.match(text[prev.raw.close : q.raw.open])
            and prev.speaker.start >= prev.raw.close
        ):
            prev.raw = RawQuote(
                prev.raw.open, q.raw.close, prev.raw.segments + q.raw.segments, prev.raw.family, 0
            )
            continue
        merged.append(q)
    return merged


def _continue_speakers(ctx: ArticleContext, quotes: list[_Quote]) -> None:
    """A paragraph that is only a quotation, right after a paragraph ending in an attributed
    one, continues that speaker (the news convention for running quotes)."""
    para_starts = [s for s, _ in ctx.paragraphs]
    for prev, q in itertools.pairwise(quotes):
        if q.speaker is not None or prev.speaker is None or _words(ctx.text, q.raw) < MIN_WORDS:
            continue
        index = _paragraph_index(para_starts, q.raw.open)
        if index is None or index == 0:
            continue
        ps, pe = ctx.paragraphs[index]
        own = ctx.text[ps:pe].strip()
        prev_s, prev_e = ctx.paragraphs[index - 1]
        if (
            q.raw.open == ps
            and q.raw.close >= pe - 1
            and own
            and prev_s <= prev.raw.open < prev_e
            and prev.speaker.end >= prev.raw.close
            and len(ctx.text[prev.speaker.end : prev_e].split()) <= 8
        ):
            s = prev.speaker
            q.speaker = Attribution(s.name, s.mention, "continuation", s.start, s.end)


def _paragraph_index(starts: list[int], pos: int) -> int | None:
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 else None


def _claim(ctx: ArticleContext, q: _Quote, claim_id: str) -> QuoteClaim:
    text = ctx.text
    raw = q.raw
    tokens_all = []
    editorial: list[str] = []
    for s, e in raw.segments:
        toks, marks = tokenize(text, s, e)
        tokens_all.extend(words(toks))
        editorial.extend(marks)
    quote = " ".join(" ".join(text[s:e].split()) for s, e in raw.segments if e > s)
    speaker = None
    if q.speaker is not None and raw.depth == 0:
        sp = q.speaker
        speaker = Speaker(
            name=sp.name, mention=sp.mention, via=sp.via,
            span=ctx.norm.span(sp.start, sp.end),
        )  # fmt: skip
    return QuoteClaim(
        id=claim_id,
        article=ctx.article_id,
        text=ctx.norm.original_slice(raw.open, raw.close),
        span=ctx.norm.span(raw.open, raw.close),
        quote=quote,
        words=" ".join(t.norm for t in tokens_all),
        speaker=speaker,
        segments=[ctx.norm.span(s, e) for s, e in raw.segments],
        editorial=editorial,
        depth=raw.depth,
        term=raw.depth > 0 or sum(t.kind != "gap" for t in tokens_all) < MIN_WORDS,
    )


def _diagnostic(ctx: ArticleContext, problem: MarkProblem) -> Diagnostic:
    span = ctx.norm.span(problem.pos, problem.pos + 1)
    return Diagnostic(
        code=problem.code,
        name=problem.name,
        severity=Severity.warning,
        message=problem.message,
        article=ctx.article_id,
        path=ctx.path,
        line=span.line,
        column=span.column,
    )
