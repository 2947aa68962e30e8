"""The diagnostic and input-error codes, described like rules for CI formats."""

from __future__ import annotations

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
            code="I001", name="not-utf8", kind=Kind.quote_wording, severity=Severity.warning,
            summary="The file is not UTF-8 and was read as cp1252.",
            doc="The bytes are not valid UTF-8; the file was decoded as cp1252 (Windows "
            "Latin-1). Offsets are in characters of that decoding.",
        ),
        RuleInfo(
            code="I002", name="lenient-front-matter", kind=Kind.quote_wording,
            severity=Severity.warning, summary="Front matter is not strict YAML; read as "
            "'key: value' lines.",
            doc="A front matter line is not valid YAML (`title: Storm Ciar\u00e1n: the "
            "latest`) but is plainly one `key: value` line: the text after its first `: ` is "
            "the value. Quote the value to silence this.",
        ),
        RuleInfo(
            code="I003", name="too-many-claims", kind=Kind.quote_wording,
            severity=Severity.warning, summary="An article has more claims of one family "
            "than any news text; the rest were not checked.",
            doc=f"Past {MAX_CLAIMS:,} claims of one family (quotations, dates, figures, "
            "durations, names) in one article, extraction of that family stops and this "
            "warning says where: the cost of one article stays bounded whatever it holds.",
        ),
    )
}  # fmt: skip
