"""The pipeline: documents in, report out. No I/O happens here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from consistency import __version__
from consistency.align import align_events, align_quantities, align_quotes
from consistency.config import Config
from consistency.errors import IngestError
from consistency.extract import extract
from consistency.ingest import Document
from consistency.models import (
    Article,
    Claim,
    Diagnostic,
    Finding,
    InputError,
    NameClaim,
    NumericClaim,
    QuoteClaim,
    Report,
    Severity,
    Summary,
    TemporalClaim,
    Tool,
)
from consistency.rules import run_rules


def run(documents: list[Document], *, errors: Iterable[IngestError] = ()) -> Report:
    """Extract, align and check the claims of `documents`; report input errors alongside."""
    claims: list[Claim] = []
    diagnostics: list[Diagnostic] = []
    for doc in documents:
        diagnostics.extend(_ingest_warnings(doc))
        found, problems = extract(doc)
        claims.extend(found)
        diagnostics.extend(problems)
    paths = {doc.id: doc.article.path for doc in documents}
    quotes = [c for c in claims if isinstance(c, QuoteClaim)]
    temporal = [c for c in claims if isinstance(c, TemporalClaim)]
    numeric = [c for c in claims if isinstance(c, NumericClaim)]
    names = [c for c in claims if isinstance(c, NameClaim)]
    raw_findings = run_rules(
        quote_groups=align_quotes(quotes),
        event_groups=align_events(temporal),
        temporal=temporal,
        quantity_groups=align_quantities(numeric),
        names=names,
        paths=paths,
    )
    findings = sorted(raw_findings, key=_finding_order)
    input_errors = [
        InputError(code=e.code, path=e.path, line=e.line, message=e.message) for e in errors
    ]
    return _report(
        articles=[doc.article for doc in documents],
        findings=findings,
        diagnostics=diagnostics,
        errors=input_errors,
        claims=claims,
    )


def _report(
    *,
    articles: list[Article],
    findings: list[Finding],
    diagnostics: list[Diagnostic],
    errors: list[InputError],
    claims: list[Claim],
) -> Report:
    """A report with its summary counted from its contents."""
    counts = Counter(f.severity.value for f in findings)
    summary = Summary(
        articles=len(articles),
        claims=len(claims),
        findings=len(findings),
        by_severity={s.value: counts.get(s.value, 0) for s in Severity},
        diagnostics=len(diagnostics),
        errors=len(errors),
    )
    return Report(
        tool=Tool(version=__version__), articles=articles, findings=findings,
        diagnostics=diagnostics, errors=errors, claims=claims, summary=summary,
    )  # fmt: skip


def apply_config(report: Report, config: Config) -> Report:
    """Keep only the findings and diagnostics the configuration selects."""
    findings = [
        f for f in report.findings
        if config.enabled(f.code, f.claims[0].path if f.claims else None)
    ]  # fmt: skip
    diagnostics = [d for d in report.diagnostics if config.enabled(d.code, d.path)]
    return _report(
        articles=report.articles, findings=findings, diagnostics=diagnostics,
        errors=report.errors, claims=report.claims,
    )  # fmt: skip


def _finding_order(f: Finding) -> tuple[int, str, str, int]:
    first = f.claims[0] if f.claims else None
    return (-f.severity.rank, f.code, first.article if first else "", first.start if first else 0)


def _ingest_warnings(doc: Document) -> list[Diagnostic]:
    out = []
    for line, message in doc.warnings:
        out.append(
            Diagnostic(
                code="I001",
                name="not-utf8",
                severity=Severity.warning,
                message=message,
                article=doc.id,
                path=doc.article.path,
                line=line,
                column=1,
            )  # fmt: skip
        )
    return out
