"""GitHub Actions workflow commands: annotations for errors and warnings, capped."""

from __future__ import annotations

from consistency.models import Report, Severity
from consistency.render.common import extracted_ids, summary_line, visible

MAX_PER_LEVEL = 10  # GitHub shows at most ten annotations of each level per step


def _data(text: str) -> str:
    """Escape a workflow-command message: the runner decodes %25, %0D and %0A back, so an
    article's own '%0A' or '::error::' stays text; other control characters are shown, and
    the legacy command marker '##[' too."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text.replace("\t", " ")).replace("##[", "##\\x5b")


def _prop(text: str) -> str:
    """Escape a workflow-command property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """One ::error/::warning line per finding or diagnostic (the first ten of each level),
    then a line counting what was left out; info is never annotated."""
    lines: list[str] = []
    shown = {Severity.error: 0, Severity.warning: 0}
    skipped = 0
    extracted = extracted_ids(report)
    items = [
        (f.severity, f.claims[0].article, f.claims[0].path, f.claims[0].line, f.claims[0].column,
         f"{f.code} {f.name}", f.message)
        for f in report.findings
    ] + [
        (d.severity, d.article, d.path, d.line, d.column, f"{d.code} {d.name}", d.message)
        for d in report.diagnostics
    ]  # fmt: skip
    for severity, article, path, line, column, title, message in items:
        if severity is Severity.info:
            continue
        if shown[severity] >= MAX_PER_LEVEL:
            skipped += 1
            continue
        shown[severity] += 1
        props = f"file={_prop(path)},line={line},col={column},title={_prop(title)}"
        if article in extracted:  # no line of the HTML file: annotate the file, say where
            props = f"file={_prop(path)},title={_prop(title)}"
            message += f" (at {line}:{column} of the text extracted from the HTML)"
        lines.append(f"::{severity.value} {props}::{_data(message)}")
    for e in report.errors:
        where = f"file={_prop(e.path)}" + (f",line={e.line}" if e.line else "")
        lines.append(f"::error {where},title={_prop(e.code)}::{_data(e.message)}")
    if skipped:
        lines.append(f"{skipped} more finding(s) not annotated; see the job summary.")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
