"""The diagnostic and input-error codes, described like rules for CI formats and for
`consistency rules`: the one table of what each code that is not a rule means."""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from consistency.errors import (
    ArticleTooLarge,
    BinaryFile,
    EmptyFile,
    FrontMatterError,
    HtmlNotInstalled,
    IngestError,
    InternalError,
    NoArticles,
    NoMainText,
    NotRegularFile,
    OutsideTree,
    PathNotFound,
    UnreadableFile,
    UnsupportedFile,
)
from consistency.extract import MAX_CLAIMS
from consistency.models import Kind, RuleInfo, Severity

# Diagnostics are about one article, not a discrepancy between articles; formats that
# list rules (SARIF) describe them too. Their kind is the family they come from.
DIAGNOSTICS: dict[str, RuleInfo] = {
    info.code: info
    for info in (
        RuleInfo(
            code="X001", name="unclosed-quote", kind=Kind.quote_wording,
            severity=Severity.warning, summary="A quotation is opened and never closed.",
            doc="A quote mark opens a quotation that no later mark closes (a quotation "
            "running over paragraphs reopens each paragraph). No quotation is invented.",
        ),
        RuleInfo(
            code="X002", name="unmatched-closing-quote", kind=Kind.quote_wording,
            severity=Severity.warning, summary="A closing quote mark has no opening mark.",
            doc="A closing double quote mark appears where no quotation is open.",
        ),
        RuleInfo(
            code="I001", name="not-utf8", kind=Kind.input, severity=Severity.warning,
            summary="The file is not UTF-8 and was read as cp1252.",
            doc="The bytes are not valid UTF-8; the file was decoded as cp1252 (Windows "
            "Latin-1). Offsets are in characters of that decoding.",
        ),
        RuleInfo(
            code="I002", name="lenient-front-matter", kind=Kind.input,
            severity=Severity.warning, summary="Front matter is not strict YAML; read as "
            "'key: value' lines.",
            doc="A front matter line is not valid YAML (`title: Storm Ciar\u00e1n: the "
            "latest`) but is plainly one `key: value` line: the text after its first `: ` is "
            "the value. Quote the value to silence this.",
        ),
        RuleInfo(
            code="I003", name="too-many-claims", kind=Kind.input,
            severity=Severity.warning, summary="An article has more claims of one family "
            "than any news text; the rest were not checked.",
            doc=f"Past {MAX_CLAIMS:,} claims of one family (quotations, dates, figures, "
            "durations, names) in one article, extraction of that family stops and this "
            "warning says where: the cost of one article stays bounded whatever it holds.",
        ),
        RuleInfo(
            code="I004", name="unused-suppression", kind=Kind.input,
            severity=Severity.info, summary="An inline suppression excused no finding.",
            doc="A `<!-- consistency: ignore[...] -->` comment matched no finding of its "
            "article in this run (the text was fixed, or the comment sits on the wrong "
            "line): remove it, as ruff's RUF100 asks of an unused `noqa`. Information only.",
        ),
        RuleInfo(
            code="I005", name="unknown-code-in-suppression", kind=Kind.input,
            severity=Severity.warning, summary="An inline suppression names a code no rule "
            "has.",
            doc="A suppression comment names a code (or prefix) that no rule has, usually a "
            "typo: it excuses nothing, and the finding it meant is still reported. "
            "Diagnostics (X, I) cannot be suppressed inline; leave them out with `ignore`.",
        ),
    )
}  # fmt: skip


@dataclass(frozen=True)
class ErrorInfo:
    """An input error's code described as a rule is (the fields of `RuleInfo`): always an
    error, of kind `input`, with its name and documentation from the exception class."""

    code: str
    name: str
    summary: str
    doc: str
    kind: Kind = Kind.input
    severity: Severity = Severity.error
    status: str = "stable"

    @classmethod
    def of(cls, error: type[IngestError]) -> ErrorInfo:
        """The description of an exception class: its docstring's first paragraph is the
        summary, the rest the documentation (each paragraph on one line, as rules have)."""
        paragraphs = [
            " ".join(p.split()) for p in inspect.cleandoc(error.__doc__ or "").split("\n\n")
        ]
        doc = "\n\n".join(paragraphs[1:]) or paragraphs[0]
        return cls(code=error.code, name=error.name, summary=paragraphs[0], doc=doc)

    def as_dict(self) -> dict[str, str]:
        """As JSON data, with the keys of a `RuleInfo`."""
        return {
            "code": self.code, "name": self.name, "kind": self.kind.value,
            "severity": self.severity.value, "summary": self.summary, "doc": self.doc,
            "status": self.status,
        }  # fmt: skip


# The input errors a report can hold (`Report.errors`: every IngestError). Explicit, as the
# rules are, with a test that every IngestError subclass is here. WriteError (F110) and
# ConfigError (E200) stop the command with one line on stderr and are never in a report.
INPUT_ERRORS: dict[str, ErrorInfo] = {
    error.code: ErrorInfo.of(error)
    for error in (
        IngestError, PathNotFound, NoArticles, BinaryFile, EmptyFile, FrontMatterError,
        UnreadableFile, UnsupportedFile, HtmlNotInstalled, NoMainText, ArticleTooLarge,
        NotRegularFile, OutsideTree, InternalError,
    )
}  # fmt: skip
