"""Terminal output (rich): one block per finding with its evidence, then a summary. Article
text and file names go in as rich Text (never markup), made inert: control characters
shown as escapes, so that no terminal sequence reaches the terminal and no line break lets
a name start a line a CI runner reads as a workflow command.

Every line is wrapped when it is rendered, at the console's width (80 columns as plain
text, the terminal's width on a terminal), its continuation lines indented under its
text; a break falls only between words, never inside a `path:line:col`, and never before
a word opening with '::'. The claim is marked in its sentence: bold and underlined on a
terminal with styles, between »guillemets« in plain text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.text import Text

from consistency.models import Diagnostic, Evidence, Finding, InputError, Report, Severity
from consistency.render.common import (
    claim_in_context,
    diff_parts,
    elide,
    extracted_note,
    inert,
    summary_line,
)

STYLE = {Severity.error: "bold red", Severity.warning: "bold yellow", Severity.info: "cyan"}
WIDTH = 80  # of plain text; a terminal's own width wins there
CLAIM = "bold underline"  # the claim in its sentence, on a terminal with styles
MARKS = ("»", "«")  # ... and in plain text
KEEP_CLAIM = 40  # a claim up to this long is never broken across lines
HEAD_INDENT = 4  # continuation lines of a finding, diagnostic or error line
BODY_INDENT = 11  # evidence, its sentence and the diff: under the text after the role
_SPACES = re.compile(" +")  # break points: plain spaces (never a no-break space)


@dataclass
class Line:
    """One logical line of the report, wrapped when rendered with `indent` columns before
    its continuation lines. Pieces are (text, style); `keep` holds the indexes of pieces
    never broken (a path:line:col) and `claim` the index of the claim, marked."""

    pieces: list[tuple[str, str]]
    indent: int = 0
    keep: set[int] = field(default_factory=set)
    claim: int | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        styled = console.is_terminal and console.color_system is not None
        text, kept = Text(), []
        for k, (piece, style) in enumerate(self.pieces):
            if k == self.claim:
                piece, style = (piece, CLAIM) if styled else (MARKS[0] + piece + MARKS[1], "")
            if k in self.keep or (k == self.claim and len(piece) <= KEEP_CLAIM):
                kept.append((len(text), len(text) + len(piece)))
            text.append(piece, style=style)
        text.rstrip()
        yield wrap(text, options.max_width, indent=self.indent, keep=kept)


def wrap(text: Text, width: int, *, indent: int = 0, keep: Sequence[tuple[int, int]] = ()) -> Text:
    """`text` (one line) broken at spaces into lines of at most `width` cells, those after
    the first indented by `indent`: never inside a `keep` range, never before '::'. A word
    longer than the width stays whole, on a line of its own."""
    plain = text.plain
    gaps = [
        (m.start(), m.end())
        for m in _SPACES.finditer(plain)
        if m.start() > 0 and m.end() < len(plain) and not plain.startswith("::", m.end())
        and not any(a < m.end() and m.start() < b for a, b in keep)
    ]  # fmt: skip
    spans: list[tuple[int, int]] = []
    start, room = 0, width
    word_start, last_end = 0, -1
    for gap_start, gap_end in [*gaps, (len(plain), len(plain))]:
        if last_end >= 0 and cell_len(plain[start:gap_start]) > room:
            spans.append((start, last_end))
            start, room = word_start, width - indent
        last_end, word_start = gap_start, gap_end
    spans.append((start, len(plain)))
    out = Text(no_wrap=True, overflow="ignore")
    for k, (a, b) in enumerate(spans):
        if k:
            out.append("\n" + " " * indent)
        out.append_text(text[a:b])
    return out


def _where(path: str, line: int, column: int | None = None) -> str:
    return f"{inert(path)}:{line}" + (f":{column}" if column is not None else "")


def _evidence(e: Evidence) -> list[Line]:
    role = Line([(f"  {e.role:<8} ", "dim"), (_where(e.path, e.line, e.column), "bold")],
                indent=BODY_INDENT, keep={1})  # fmt: skip
    if e.speaker:
        role.pieces.append((f"  ({inert(e.speaker)})", "dim"))
    lead = (" " * BODY_INDENT, "")
    parts = claim_in_context(e)
    if parts is None or not parts[1]:
        shown = e.context or elide(" ".join(e.text.split()), keep=12)
        return [role, Line([lead, (inert(shown), "")], indent=BODY_INDENT)]
    before, claim, after = (inert(part) for part in parts)
    sentence = Line([lead, (before, ""), (claim, ""), (after, "")], indent=BODY_INDENT, claim=2)
    return [role, sentence]


def _finding(f: Finding) -> list[RenderableType]:
    head = Line([], indent=HEAD_INDENT)
    if f.claims:
        first = f.claims[0]
        head.pieces.append((_where(first.path, first.line, first.column), "bold"))
        head.pieces.append((": ", "bold"))
        head.keep.add(0)
    head.pieces += [
        (f"{f.code} [{f.severity.value}] ", STYLE[f.severity]),
        (inert(f.message), ""),
    ]
    out: list[RenderableType] = [head]
    for e in f.claims:
        out.extend(_evidence(e))
    if f.diff:
        diff = Line([("  diff     ", "dim")], indent=BODY_INDENT)
        for kind, text in diff_parts(f.diff):
            if kind == "del":
                diff.pieces.append((f"[-{inert(text)}-]", "red strike"))
            elif kind == "ins":
                diff.pieces.append((f"{{+{inert(text)}+}}", "green"))
            else:
                diff.pieces.append((inert(text), ""))
            diff.pieces.append((" ", ""))
        out.append(diff)
    out.append(Text(""))
    return out


def _diagnostic(d: Diagnostic) -> Line:
    return Line(
        [
            (_where(d.path, d.line, d.column), "bold"),
            (": ", "bold"),
            (f"{d.code} [{d.severity.value}] ", STYLE[d.severity]),
            (f"{inert(d.message)} ({d.name})", ""),
        ],
        indent=HEAD_INDENT,
        keep={0},
    )


def _error(e: InputError) -> Line:
    where = _where(e.path, e.line) if e.line else inert(e.path)
    return Line(
        [(where, "bold"), (": ", "bold"), (f"{e.code} [input error] ", "bold red"),
         (inert(e.message), "")],
        indent=HEAD_INDENT,
        keep={0},
    )  # fmt: skip


def renderable(report: Report) -> RenderableType:
    """The report as rich renderables, wrapped at the width of the console they print on."""
    parts: list[RenderableType] = []
    for f in report.findings:
        parts.extend(_finding(f))
    parts.extend(_diagnostic(d) for d in report.diagnostics)
    parts.extend(_error(e) for e in report.errors)
    if report.diagnostics or report.errors:
        parts.append(Text(""))
    note = extracted_note(report)
    if note:
        parts.append(Line([(note, "dim")]))
    parts.append(Line([(summary_line(report), "bold")]))
    return Group(*parts)


def render_text(report: Report) -> str:
    """The report as plain text, wrapped at 80 columns."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=WIDTH, color_system=None, force_terminal=False, soft_wrap=True
    )
    console.print(renderable(report))
    return buffer.getvalue()
