"""GitHub-flavoured Markdown: findings with <del>/<ins> word diffs and quoted evidence.

Article text stays text: HTML is entity-escaped, Markdown punctuation backslash-escaped,
line breaks folded, @mentions, #references and bare URLs broken by a zero-width space (so a
PR comment notifies nobody and links nowhere), a leading '::' escaped (no line is a workflow
command when the report goes to a CI log); paths and ids are made inert (control characters
as visible escapes) in code spans whose fences outrun their backticks."""

from __future__ import annotations

import html
import re

from consistency.models import Evidence, Finding, Report, Severity
from consistency.render.common import (
    claim_in_context,
    diff_parts,
    elide,
    extracted_note,
    inert,
    one_line,
    summary_line,
)

# GitHub caps a PR comment at 65,536 characters (a step summary at 1 MiB): stay under both.
MAX_ARTICLE_ROWS = 100  # a corpus-wide table would crowd out the findings
MAX_CHARS = 60_000
MAX_CELL = 200  # characters of a title or outlet shown in the articles table
ICON = {Severity.error: "🛑", Severity.warning: "⚠️", Severity.info: "ℹ️"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_MENTION = re.compile(r"(@|\\#)(?=\w)")  # @user, #123, org/repo#123
_AUTOLINK = re.compile(r"(?i)(https?(?=:)|ftp(?=:)|www(?=\.))")  # GFM's bare-URL links
_COMMAND = re.compile(r"^(\s*):(?=:)")  # a line starting '::' is a workflow command in a log
_ZWSP = "&#8203;"


def esc(text: str) -> str:
    """Escape text for inline Markdown: one line, HTML entities, Markdown punctuation."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(one_line(text), quote=False))
    text = _AUTOLINK.sub(lambda m: m[1] + _ZWSP, _MENTION.sub(lambda m: m[1] + _ZWSP, text))
    return _COMMAND.sub(lambda m: m[1] + "\\:", text)


def code(text: str, *, table: bool = False) -> str:
    """A name as one inline code span, whatever backticks it holds (pipes escaped in
    tables), made inert first."""
    text = inert(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    if table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _diff(f: Finding) -> str:
    tags = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>", "equal": "{}"}
    return " ".join(tags[kind].format(esc(text)) for kind, text in diff_parts(f.diff))


def _context(e: Evidence) -> str:
    """The sentence around a short claim, the claim itself in bold."""
    parts = claim_in_context(e)
    if parts is None:
        return esc(e.context or "")
    before, claim, after = parts
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
        where, speaker = code(e.path, table=True), esc(e.speaker or "—")
        lines.append(f"| {e.role} | {where} | {e.line}:{e.column} | {speaker} |")
    lines.append("")
    for e in f.claims:
        quote = _context(e) if e.context else esc(elide(" ".join(e.text.split()), keep=25))
        lines += [f"> {quote}", f"> — {code(f'{e.path}:{e.line}')} ({e.role})", ""]
    return lines


def _articles(report: Report) -> list[str]:
    """The table of articles (the first hundred), and which spans are in extracted text."""
    stories = len(report.stories) > 1
    out = [
        "## Articles",
        "",
        "| id | outlet | published | title | path |" + (" story |" if stories else ""),
        "| --- | --- | --- | --- | --- |" + (" --- |" if stories else ""),
    ]
    for a in report.articles[:MAX_ARTICLE_ROWS]:
        published = a.published.isoformat() if a.published else "—"
        outlet, title = esc(_clip(a.outlet or "—")), esc(_clip(a.title or "—"))
        story = f" {code(a.story or '—', table=True)} |" if stories else ""
        aid, path = code(a.id, table=True), code(a.path, table=True)
        out.append(f"| {aid} | {outlet} | {published} | {title} | {path} |{story}")
    if len(report.articles) > MAX_ARTICLE_ROWS:
        out += ["", f"… and {len(report.articles) - MAX_ARTICLE_ROWS} more articles."]
    note = extracted_note(report, wrap=code)
    return out + (["", note] if note else [])


def _problems(report: Report, budget: int) -> list[str]:
    """Diagnostics and input errors, as many as fit in `budget` characters."""
    items = [
        f"- {code(f'{d.path}:{d.line}:{d.column}')} {d.code} {d.severity.value}: {esc(d.message)}"
        for d in report.diagnostics
    ] + [
        f"- {code(f'{e.path}:{e.line}' if e.line else e.path)} {e.code} input error: "
        f"{esc(e.message)}"
        for e in report.errors
    ]
    if not items:
        return []
    out = ["## Problems in the input", ""]
    for k, item in enumerate(items):
        if budget - len(item) - 1 < 0:
            out.append(f"- … and {len(items) - k} more: see the JSON report.")
            break
        out.append(item)
        budget -= len(item) + 1
    return [*out, ""]


def render_markdown(report: Report) -> str:
    """The report as Markdown that renders on GitHub."""
    out = ["# Consistency report", "", f"**{summary_line(report)}**", ""]
    out += [*_articles(report), "", "## Findings", ""]
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
    out += _problems(report, MAX_CHARS + 4_000 - sum(len(line) + 1 for line in out))
    return "\n".join(out)
