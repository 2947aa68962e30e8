"""GitHub-flavoured Markdown: findings with <del>/<ins> word diffs and quoted evidence."""

from __future__ import annotations

import html
import re

from consistency.models import Evidence, Finding, Report, Severity
from consistency.render.common import diff_parts, elide, extracted_note, summary_line

# GitHub caps a PR comment at 65,536 characters (a step summary at 1 MiB): stay under both.
MAX_ARTICLE_ROWS = 100  # a corpus-wide table would crowd out the findings
MAX_CHARS = 60_000
ICON = {Severity.error: "🛑", Severity.warning: "⚠️", Severity.info: "ℹ️"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def esc(text: str) -> str:
    """Escape text for inline Markdown: HTML entities and Markdown punctuation."""
    return (
        _MD_SPECIAL.sub(r"\\\1", html.unescape(text)).replace("\\<", "&lt;").replace("\\>", "&gt;")
    )


def _diff(f: Finding) -> str:
    pieces = []
    for kind, text in diff_parts(f.diff):
        if kind == "del":
            pieces.append(f"<del>{html.escape(text)}</del>")
        elif kind == "ins":
            pieces.append(f"<ins>{html.escape(text)}</ins>")
        else:
            pieces.append(html.escape(text))
    return " ".join(pieces)


def _context(e: Evidence) -> str:
    """The sentence around a short claim, the claim itself in bold."""
    context, claim = e.context or "", " ".join(e.text.split())
    at = context.find(claim)
    if at < 0:
        return esc(context)
    before, after = context[:at], context[at + len(claim) :]
    return f"{esc(before)}<b>{esc(claim)}</b>{esc(after)}"


def _finding(f: Finding, number: int) -> list[str]:
    lines = [
        f"### {number}. {ICON[f.severity]} `{f.code}` {f.name} ({f.severity.value})",
        "",
        esc(f.message),
        "",
    ]
    if f.diff:
        direction = "majority → odd one out" if f.odd_articles else "first → second version"
        lines += [f"Word diff ({direction}):", "", f"> {_diff(f)}", ""]
    lines += ["| role | source | line | speaker |", "| --- | --- | --- | --- |"]
    for e in f.claims:
        lines.append(f"| {e.role} | `{e.path}` | {e.line}:{e.column} | {esc(e.speaker or '—')} |")
    lines.append("")
    for e in f.claims:
        quote = _context(e) if e.context else esc(elide(" ".join(e.text.split()), keep=25))
        lines += [f"> {quote}", f"> — `{e.path}:{e.line}` ({e.role})", ""]
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown that renders on GitHub."""
    out = ["# Consistency report", "", f"**{summary_line(report)}**", ""]
    stories = len(report.stories) > 1
    out += [
        "## Articles",
        "",
        "| id | outlet | published | title | path |" + (" story |" if stories else ""),
        "| --- | --- | --- | --- | --- |" + (" --- |" if stories else ""),
    ]
    for a in report.articles[:MAX_ARTICLE_ROWS]:
        published = a.published.isoformat() if a.published else "—"
        outlet, title = esc(a.outlet or "—"), esc(a.title or "—")
        story = f" `{a.story}` |" if stories else ""
        out.append(f"| `{a.id}` | {outlet} | {published} | {title} | `{a.path}` |{story}")
    if len(report.articles) > MAX_ARTICLE_ROWS:
        out += ["", f"… and {len(report.articles) - MAX_ARTICLE_ROWS} more articles."]
    note = extracted_note(report, quote="`")
    if note:
        out += ["", note]
    out += ["", "## Findings", ""]
    if not report.findings:
        out += ["No discrepancies found.", ""]
    size = sum(len(line) + 1 for line in out)
    for number, f in enumerate(report.findings, start=1):
        block = _finding(f, number)
        cost = sum(len(line) + 1 for line in block)
        if size + cost > MAX_CHARS:
            rest = len(report.findings) - number + 1
            out += [
                f"… and {rest} more finding{'s' if rest != 1 else ''}: see the JSON report.",
                "",
            ]
            break
        out += block
        size += cost
    if report.diagnostics or report.errors:
        out += ["## Problems in the input", ""]
        for d in report.diagnostics:
            out.append(
                f"- `{d.path}:{d.line}:{d.column}` {d.code} {d.severity.value}: {esc(d.message)}"
            )
        for e in report.errors:
            where = f"{e.path}:{e.line}" if e.line else e.path
            out.append(f"- `{where}` {e.code} input error: {esc(e.message)}")
        out.append("")
    return "\n".join(out)
