"""Claim extraction: one module per claim family, each a pure generator over an article."""

from __future__ import annotations

from dataclasses import dataclass, field

from consistency.errors import internal_error
from consistency.extract.context import ArticleContext
from consistency.ingest import Document
from consistency.models import Article, Claim, Diagnostic, Severity
from consistency.text.features import features_of


@dataclass
class Extracted:
    """What extraction keeps of an article: its metadata, claims, diagnostics and the
    features that tie it to a story. This is what the index stores."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    features: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The article id."""
        return self.article.id

    def share_features(self, canonical: dict[str, str]) -> None:
        """Make its feature names the objects `canonical` already holds for the same text
        (adding the new ones): a check keeps every article's features, and most words
        recur from one article to the next."""
        self.features = {canonical.setdefault(f, f): n for f, n in self.features.items()}


def extract(doc: Document) -> Extracted:
    """All claims of one article, the diagnostics met while extracting them, and its story
    features."""
    from consistency.families import FAMILIES  # the table imports the extractors below

    ctx = ArticleContext.of(doc)
    out = Extracted(doc.article, features=features_of(doc.norm.text, doc.body_start))
    out.diagnostics.extend(_ingest_warnings(doc))
    for family in FAMILIES:
        count = 0
        for item in family.extract(ctx):
            if isinstance(item, Diagnostic):
                out.diagnostics.append(item)
                continue
            if count == MAX_CLAIMS:
                out.diagnostics.append(_too_many(doc, family.name, item))
                break  # the rest of this family is not extracted: its cost stays bounded
            out.claims.append(item)
            count += 1
    return out


def extract_or_fail(doc: Document) -> Extracted:
    """`extract`, with a bug met in it raised as input error F199 for this article: the
    caller reports it and checks the others."""
    try:
        return extract(doc)
    except Exception as exc:
        raise internal_error(doc.article.path, "extracting claims", exc) from exc


# Claims of one family in one article past which the article is no news text (a live blog
# of 100,000 words has a few thousand): the first ones are kept, the rest reported.
MAX_CLAIMS = 2000


def _too_many(doc: Document, family: str, first_left: Claim) -> Diagnostic:
    """The warning that an article's claims of one family were cut off."""
    return Diagnostic(
        code="I003",
        name="too-many-claims",
        severity=Severity.warning,
        message=f"more than {MAX_CLAIMS} {family} claims in one article; the first "
        f"{MAX_CLAIMS} are checked, the rest from here on are not",
        article=doc.id,
        path=doc.article.path,
        line=first_left.span.line,
        column=first_left.span.column,
    )


def _ingest_warnings(doc: Document) -> list[Diagnostic]:
    """Problems met reading the file (a fallback encoding, lenient front matter), as
    diagnostics."""
    return [
        Diagnostic(
            code=w.code,
            name=w.name,
            severity=Severity.warning,
            message=w.message,
            article=doc.id,
            path=doc.article.path,
            line=w.line,
            column=1,
        )  # fmt: skip
        for w in doc.warnings
    ]
