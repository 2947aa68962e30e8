"""Small helpers shared by the human-readable renderers."""

from __future__ import annotations

import re
from collections.abc import Callable

from consistency.models import DiffOp, Evidence, Report, Severity

ELIDE_EQUAL = 14  # equal runs longer than this many words are shortened in diffs
# Characters that act instead of showing: C0 and C1 controls (terminal escapes, carriage
# returns), Unicode line separators, bidirectional overrides, and the two non-characters
# XML 1.0 forbids.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ufffe\uffff]")
# What inline text must not hold: line breaks of every kind and tabs become spaces.
_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")


def _escape_control(m: re.Match[str]) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control characters as visible escapes (\\x1b, \\u202e); tabs and newlines stay."""
    return _CONTROL.sub(_escape_control, text)


def one_line(text: str) -> str:
    """Text for one line: every line break and tab a space, control characters visible."""
    return visible(_BREAKS.sub(" ", text))


# Every control character, line breaks and tabs included, and what GitHub Actions reads as a
# workflow command: a line starting with '::' after whitespace, or (legacy) holding '##['.
_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ufffe\uffff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r"^(\s*):(?=:)|(?<=##)\[")


def _escape_command(m: re.Match[str]) -> str:
    return "\\x5b" if m[1] is None else m[1] + "\\x3a"


def inert(text: str) -> str:
    """A file name, id or message made inert for one line of output that a terminal or a
    CI runner reads: control characters as visible escapes (\\n, \\x1b, \\u2028), a leading
    '::' as '\\x3a:' and '##[' as '##\\x5b', so that it can start no workflow command."""
    text = _LINE_CONTROL.sub(lambda m: _SHORT.get(m[0]) or _escape_control(m), text)
    return _COMMAND.sub(_escape_command, text)


def elide(text: str, *, keep: int = 5) -> str:
    """Shorten a long unchanged run of words to its ends."""
    words = text.split()
    if len(words) <= max(ELIDE_EQUAL, 2 * keep + 2):
        return text
    return " ".join(words[:keep]) + " … " + " ".join(words[-keep:])


def claim_in_context(e: Evidence) -> tuple[str, str, str] | None:
    """The sentence around a short claim cut at the claim (before, claim, after), or None
    when there is no sentence or it does not hold the claim as written."""
    context, claim = e.context or "", " ".join(e.text.split())
    at = context.find(claim)
    if at < 0:
        return None
    return context[:at], claim, context[at + len(claim) :]


def diff_parts(diff: list[DiffOp]) -> list[tuple[str, str]]:
    """(kind, text) pieces of a diff: kind is 'equal', 'del' or 'ins'."""
    parts: list[tuple[str, str]] = []
    for k, op in enumerate(diff):
        if op.op == "equal":
            text = op.new
            if k == 0:
                words = text.split()
                text = ("… " if len(words) > 6 else "") + " ".join(words[-6:])
            elif k == len(diff) - 1:
                words = text.split()
                text = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
            parts.append(("equal", elide(text)))
            continue
        if op.old:
            parts.append(("del", op.old))
        if op.new:
            parts.append(("ins", op.new))
    return parts


def count_of(n: int, severity: Severity) -> str:
    """'1 error', '2 warnings', '3 info'."""
    plural = "s" if severity is not Severity.info and n != 1 else ""
    return f"{n} {severity.value}{plural}"


def summary_line(report: Report) -> str:
    """ "1 finding (0 errors, 1 warning, 0 info) in 8 articles (2 stories); 1 suppressed
    inline"."""
    s = report.summary
    counts = ", ".join(count_of(s.by_severity.get(sev.value, 0), sev) for sev in Severity)
    findings = f"{s.findings} finding{'s' if s.findings != 1 else ''}"
    line = f"{findings} ({counts}) in {s.articles} article{'s' if s.articles != 1 else ''}"
    if s.stories > 1:
        line += f" ({s.stories} stories)"
    if s.suppressed:
        line += f"; {s.suppressed} suppressed inline"
    if s.baselined:
        line += f"; {s.baselined} accepted by the baseline"
    if s.stale_baseline:
        entries = "entry" if s.stale_baseline == 1 else "entries"
        line += f"; {s.stale_baseline} stale baseline {entries} (--update-baseline drops them)"
    if s.diagnostics:
        line += f"; {s.diagnostics} diagnostic{'s' if s.diagnostics != 1 else ''}"
    if s.errors:
        line += f"; {s.errors} input error{'s' if s.errors != 1 else ''}"
    return line


def extracted_ids(report: Report) -> set[str]:
    """Ids of the articles whose spans point into text extracted from HTML, not the file."""
    return {a.id for a in report.articles if a.text_source == "extracted"}


def extracted_note(report: Report, *, wrap: Callable[[str], str] = inert) -> str | None:
    """The sentence that says which files' lines and columns are in extracted text (each
    path shown by `wrap`)."""
    paths = [wrap(a.path) for a in report.articles if a.text_source == "extracted"]
    if not paths:
        return None
    listed = paths[0] if len(paths) == 1 else ", ".join(paths[:-1]) + " and " + paths[-1]
    return (
        f"Spans in {listed} point into the text extracted from the HTML: their lines and "
        "columns are in that text, not in the file."
    )
