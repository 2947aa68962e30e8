"""What every extractor reads: the normalised text and its paragraphs, computed once."""

from __future__ import annotations

from dataclasses import dataclass

from consistency.ingest import Document
from consistency.ingest.normalize import NormalizedText
from consistency.text.segment import paragraphs, soft_wrapped


@dataclass
class ArticleContext:
    """One article prepared for extraction."""

    article_id: str
    path: str
    norm: NormalizedText
    paragraphs: list[tuple[int, int]]

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
        return cls(doc.id, doc.article.path, doc.norm, paras)
