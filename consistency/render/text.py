"""Terminal output (rich): one block per finding with its evidence, then a summary. Article
text and file names go in as rich Text (never markup), made inert: control characters
shown as escapes, so that no terminal sequence reaches the terminal and no line break lets
a name start a line a CI runner reads as a workflow command."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.text import Text

from consistency.models import Diagnostic, Finding, InputError, Report, Severity
from consistency.render.common import diff_parts, elide, extracted_note, inert, summary_line

STYLE = {Severity.error: "bold red", Severity.warning: "bold yellow", Severity.info: "cyan"}


def _finding(f: Finding) -> list[RenderableType]:
    first = f.claims[0] if f.claims else None
    where = f"{inert(first.path)}:{first.line}:{first.column}: " if first else ""
    head = Text(where, style="bold")
    head.append(f"{f.code} ", style=STYLE[f.severity])
    head.append(f"[{f.severity.value}] ", style=STYLE[f.severity])
    head.append(inert(f.message))
    out: list[RenderableType] = [head]
    for e in f.claims:
        line = Text(f"  {e.role:<8} ", style="dim")
        line.append(f"{inert(e.path)}:{e.line}:{e.column}", style="bold")
        if e.speaker:
            line.append(f"  ({inert(e.speaker)})", style="dim")
        shown = e.context or elide(" ".join(e.text.split()), keep=12)
        line.append("\n           " + inert(shown))
        out.append(line)
    if f.diff:
        diff = Text("  diff     ", style="dim")
        for kind, text in diff_parts(f.diff):
            if kind == "del":
                diff.append(f"[-{inert(text)}-]", style="red strike")
            elif kind == "ins":
                diff.append(f"{{+{inert(text)}+}}", style="green")
            else:
                diff.append(inert(text))
            diff.append(" ")
        out.append(diff)
    out.append(Text(""))
    return out


def _diagnostic(d: Diagnostic) -> Text:
    t = Text(f"{inert(d.path)}:{d.line}:{d.column}: ", style="bold")
    t.append(f"{d.code} [{d.severity.value}] ", style=STYLE[d.severity])
    t.append(f"{inert(d.message)} ({d.name})")
    return t


def _error(e: InputError) -> Text:
    where = f"{e.path}:{e.line}" if e.line else e.path
    t = Text(f"{inert(where)}: ", style="bold")
    t.append(f"{e.code} [input error] ", style="bold red")
    t.append(inert(e.message))
    return t


def renderable(report: Report) -> RenderableType:
    """The report as rich renderables, for a terminal with colour."""
    parts: list[RenderableType] = []
    for f in report.findings:
        parts.extend(_finding(f))
    parts.extend(_diagnostic(d) for d in report.diagnostics)
    parts.extend(_error(e) for e in report.errors)
    if report.diagnostics or report.errors:
        parts.append(Text(""))
    note = extracted_note(report)
    if note:
        parts.append(Text(note, style="dim"))
    parts.append(Text(summary_line(report), style="bold"))
    return Group(*parts)


def render_text(report: Report) -> str:
    """The report as plain text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=100, color_system=None, force_terminal=False, soft_wrap=True
    )
    console.print(renderable(report))
    return buffer.getvalue()
