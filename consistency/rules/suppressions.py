"""Inline suppressions that excuse nothing (as ruff's RUF100 reports unused `noqa`): a
comment whose codes are no rule's (a typo, so the finding it meant still shows), and a
comment that matched no finding in this run (the text was fixed, or it sits on the wrong
line). Judged against every finding of the article's story, before any filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from consistency.extract import Extracted
from consistency.families import BY_CODE
from consistency.ingest.suppress import suppresses
from consistency.models import Diagnostic, Finding, Severity, Suppression

UNUSED = ("I004", "unused-suppression", Severity.info)
UNKNOWN = ("I005", "unknown-code-in-suppression", Severity.warning)


def unused_suppressions(
    records: Sequence[Extracted], findings: Iterable[Finding]
) -> list[Diagnostic]:
    """I005 for each suppression naming a code no rule has, I004 for each one that
    excused no finding; in the articles of `records`."""
    evidence: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for f in findings:
        for e in f.claims:
            evidence[e.article].append((f.code, e.line))
    out = []
    for record in records:
        for s in record.article.suppressions:
            problem = _problem(s, evidence.get(record.id, []))
            if problem is not None:
                (code, name, severity), message = problem
                out.append(
                    Diagnostic(
                        code=code,
                        name=name,
                        severity=severity,
                        message=message,
                        article=record.id,
                        path=record.article.path,
                        line=s.line,
                        column=1,
                    )  # fmt: skip
                )
    return out


def _problem(
    s: Suppression, evidence: list[tuple[str, int]]
) -> tuple[tuple[str, str, Severity], str] | None:
    unknown = [c for c in s.codes if not any(code.startswith(c) for code in BY_CODE)]
    if unknown:
        return UNKNOWN, f"no rule has the code {', '.join(unknown)}: this comment excuses nothing"
    if any(suppresses(s, code, line) for code, line in evidence):
        return None
    what = f"no {', '.join(s.codes)} finding" if s.codes else "no finding"
    lines = " or ".join(str(n) for n in s.applies_to)
    return UNUSED, f"unused suppression: {what} on line {lines}; remove the comment"
