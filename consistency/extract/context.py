"""What every extractor reads, computed once per article: the normalised text, its
paragraphs and sentences, its quotations and the people it names."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from consistency.extract.attribution import Attributor
from consistency.extract.marks import MarkProblem, RawQuote, scan
from consistency.extract.when import Atom
from consistency.ingest import Document
from consistency.ingest.normalize import NormalizedText
from consistency.text.segment import paragraphs, sentences, soft_wrapped


@dataclass
class ArticleContext:
    """One article prepared for extraction."""

    article_id: str
    path: str
    norm: NormalizedText
    paragraphs: list[tuple[int, int]]
    published: dt.date | dt.datetime | None = None
    body_start: int = 0
    # sentence_around's strings, one object per window: claims of one sentence share it
    _shown: dict[tuple[int, int, int, int], str] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        """The normalised copy."""
        return self.norm.text

    @classmethod
    def of(cls, doc: Document) -> ArticleContext:
        """Prepare a document: markdown breaks paragraphs at blank lines, text at newlines
        unless its lines are visibly wrapped."""
        text = doc.norm.text
        soft = doc.article.format == "markdown" or soft_wrapped(text[doc.body_start :])
        paras = paragraphs(text, start=doc.body_start, soft_wrap=soft)
        return cls(doc.id, doc.article.path, doc.norm, paras, doc.article.published, doc.body_start)

    @cached_property
    def marks(self) -> tuple[list[RawQuote], list[MarkProblem]]:
        """Quotations found by their marks, and unbalanced marks."""
        return scan(self.text, self.paragraphs)

    @cached_property
    def top_quotes(self) -> list[RawQuote]:
        """Quotations not nested in another one."""
        return [q for q in self.marks[0] if q.depth == 0]

    @cached_property
    def sentence_index(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Sentences (never split inside a quotation) and the paragraph of each."""
        opaque = [(q.open, q.close) for q in self.top_quotes]
        starts = [o[0] for o in opaque]
        sents: list[tuple[int, int]] = []
        para_of: list[int] = []
        for index, para in enumerate(self.paragraphs):
            for sent in sentences(self.text, para, opaque=opaque, opaque_starts=starts):
                sents.append(sent)
                para_of.append(index)
        return sents, para_of

    @cached_property
    def people(self) -> Attributor:
        """The people the article names, with pronoun and role resolution."""
        sents, para_of = self.sentence_index
        spans = [(q.open, q.close) for q in self.top_quotes]
        return Attributor(self.text, sents, spans, para_of)

    @cached_property
    def temporal_atoms(self) -> list[Atom]:
        """The pieces of date and time expressions, found once for every extractor."""
        from consistency.extract.temporal import find_atoms  # temporal imports this module

        return list(find_atoms(self.text, self.body_start))

    @cached_property
    def date_spans(self) -> list[tuple[int, int]]:
        """Where dates and times are: other families leave those words alone."""
        return [(a.start, a.end) for a in self.temporal_atoms]

    @cached_property
    def quoted_or_dated(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Quotations and date expressions, sorted, with their starts for bisection: the
        words figures and durations leave alone."""
        spans = sorted([(q.open, q.close) for q in self.top_quotes] + self.date_spans)
        return spans, [s for s, _ in spans]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, for bisection."""
        return [s for s, _ in self.sentence_index[0]]

    def sentence_of(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The sentence holding offset `start` (found by bisection), or the claim's own
        span when it is outside every sentence."""
        sents = self.sentence_index[0]
        k = bisect_right(self.sentence_starts, start) - 1
        if k >= 0 and sents[k][1] > start:
            return sents[k]
        return (start, start if end is None else end)

    def sentence_around(self, start: int, end: int, reach: int = 70) -> str:
        """The sentence around [start, end), cut to whole words within `reach` characters
        on each side."""
        s, e = self.sentence_of(start, end)
        text = self.text
        left, right = max(s, start - reach), min(max(e, end), end + reach)
        if left > s:
            left = text.find(" ", left, start) + 1 or left
        if right < e and text.rfind(" ", end, right) > end:
            right = text.rfind(" ", end, right)
        key = (s, e, left, right)
        shown = self._shown.get(key)
        if shown is None:
            shown = " ".join(text[left:right].split())
            shown = self._shown[key] = (
                ("…" if left > s else "") + shown + ("…" if right < e else "")
            )
        return shown
