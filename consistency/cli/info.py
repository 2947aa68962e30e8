"""The commands that explain rather than check: `rules` documents every code a report can
hold, `show` prints an article's text as the checker read it, with the line numbers its
reports use."""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import typer
from rich.cells import cell_len

from consistency.cli.common import fail, read_config
from consistency.errors import ConsistencyError
from consistency.families import RULES
from consistency.ingest import Document, load
from consistency.models import RuleInfo
from consistency.render.common import inert
from consistency.render.diagnostics import DIAGNOSTICS, INPUT_ERRORS, ErrorInfo

WIDTH = 80
Info = RuleInfo | ErrorInfo


def groups() -> list[tuple[str, str, list[Info]]]:
    """(what one is called, the heading, the entries) of every code, in listing order."""
    return [
        ("rule", "Rules: where articles disagree", [r.info for r in RULES]),
        ("diagnostic", "Diagnostics: problems in one article", list(DIAGNOSTICS.values())),
        ("input error", "Input errors: files not read (exit 2)", list(INPUT_ERRORS.values())),
    ]


def _kind(info: Info) -> str:
    return info.kind.value if isinstance(info, RuleInfo) else info.kind


def as_data(info: Info) -> dict[str, Any]:
    """An entry as JSON data: the fields of a `RuleInfo` (an input error's kind: input)."""
    return info.model_dump(mode="json") if isinstance(info, RuleInfo) else info.as_dict()


def find(code: str) -> tuple[str, Info] | None:
    """The group and entry of a code or a name, in any case."""
    wanted = code.strip().lower()
    for group, _, entries in groups():
        for info in entries:
            if wanted in (info.code.lower(), info.name):
                return group, info
    return None


def _suggestion(code: str) -> str:
    names = [n for _, _, entries in groups() for info in entries for n in (info.code, info.name)]
    close = difflib.get_close_matches(code.strip(), names, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(code.strip().upper(), names, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else "; `consistency rules` lists them"


def _paragraphs(text: str) -> list[str]:
    return [
        textwrap.fill(" ".join(p.split()), WIDTH, break_long_words=False, break_on_hyphens=False)
        for p in text.split("\n\n")
        if p.strip()
    ]


def describe(group: str, info: Info) -> str:
    """One code in full: code, name, what it is, its summary and its documentation."""
    what = "exit 2" if group == "input error" else f"{info.severity.value}, {_kind(info)}"
    status = f", {info.status}" if info.status != "stable" else ""
    head = f"{info.code} {info.name} ({group}, {what}{status})"
    body = [info.summary] if info.summary != info.doc else []
    return "\n\n".join([head, *_paragraphs("\n\n".join([*body, info.doc]))]) + "\n"


def listing() -> str:
    """Every code, by group, in aligned columns that fit 80 columns."""
    everything = [info for _, _, entries in groups() for info in entries]
    name_width = max(len(info.name) for info in everything)
    left = 4 + 2 + name_width + 2 + len("warning") + 2
    out: list[str] = []
    for _, heading, entries in groups():
        out += ["", heading] if out else [heading]
        for info in entries:
            prefix = f"{info.code:<4}  {info.name:<{name_width}}  {info.severity.value:<7}  "
            out.append(
                textwrap.fill(
                    info.summary,
                    WIDTH,
                    initial_indent=prefix,
                    subsequent_indent=" " * left,
                    break_long_words=False,
                    break_on_hyphens=False,
                )  # fmt: skip
            )
    return "\n".join(out) + "\n"


def rules_command(code: str | None, *, as_json: bool) -> None:
    """`consistency rules [CODE] [--json]`."""
    if code is None:
        if as_json:
            data = [as_data(info) for _, _, entries in groups() for info in entries]
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            typer.echo(listing(), nl=False)
        return
    found = find(code)
    if found is None:
        fail(f"unknown code {code!r}{_suggestion(code)}")
    group, info = found
    if as_json:
        typer.echo(json.dumps(as_data(info), indent=2, ensure_ascii=False))
    else:
        typer.echo(describe(group, info), nl=False)


# ---------------------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------------------

_LOCATION = re.compile(r"(?P<path>.+?):(?P<line>\d+)(?::(?P<column>\d+))?")
_RANGE = re.compile(r"(?P<first>\d*)(?:-(?P<last>\d*))?")


def parse_target(article: str) -> tuple[Path, int | None, int | None]:
    """The file and the line and column of `path[:line[:col]]` (a location copied from a
    report); a file whose own name ends like one is taken as it is."""
    m = _LOCATION.fullmatch(article)
    if Path(article).exists() or m is None:
        return Path(article), None, None
    column = int(m["column"]) if m["column"] else None
    return Path(m["path"]), int(m["line"]), column


def parse_range(text: str) -> tuple[int, int | None]:
    """`A-B`, `A-`, `-B` or `N` as (first, last); last None: to the end."""
    m = _RANGE.fullmatch(text.strip())
    first = int(m["first"] or 1) if m else 0
    last = None if m is None or m["last"] == "" else int(m["last"] or first)
    if m is None or not (m["first"] or m["last"]) or first < 1 or (last or first) < first:
        raise typer.BadParameter(f"{text!r} is not a range such as 10-20", param_hint="--lines")
    return first, last


def read_document(path: Path) -> Document:
    """The article at `path` read as `check` reads it (same ingest, same size limit), or
    one line on stderr naming the file and exit 2."""
    if path.is_dir():
        fail(f"{path}: is a directory; show takes one article")
    try:
        limit = read_config(None, None, None).max_article_size
    except ConsistencyError as exc:
        fail(str(exc))
    result = load([path], max_size=limit)
    if result.errors:
        fail(str(result.errors[0]))
    return result.documents[0]


def text_lines(text: str) -> list[str]:
    """The lines of the text as reports number them (split at '\\n' only; a CRLF line end
    is no part of its line), made inert: a tab one space, so that columns stay true, and
    other control characters visible escapes."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the end of the last line, not a line
    return [inert(line.removesuffix("\r").replace("\t", " ")) for line in lines]


def numbered(
    lines: list[str], first: int, last: int, *, number: bool, at: int | None, caret: int | None
) -> list[str]:
    """Lines first..last (1-based) with a right-aligned gutter; the line `at` marked with
    '>', and a '^' under it `caret` cells into its text."""
    width = len(str(last))
    out: list[str] = []
    for n in range(first, last + 1):
        mark = (">" if n == at else " ") if at is not None else ""
        gutter = f"{mark}{n:>{width}}  " if number else ""
        out.append(f"{gutter}{lines[n - 1]}".rstrip())
        if n == at and caret is not None:
            out.append(" " * (len(gutter) + caret) + "^")
    return out


def show_command(
    article: str, *, lines: str | None, line: int | None, context: int, number: bool
) -> None:
    """`consistency show ARTICLE[:LINE[:COL]] [--lines A-B | --line N] [--no-number]`."""
    path, at, column = parse_target(article)
    if line is not None:
        at, column = line, None
    document = read_document(path)
    shown = text_lines(document.norm.original)
    total = len(shown)
    if at is not None and not 1 <= at <= total:
        fail(f"{document.article.path}: no line {at}: the text has {total} lines")
    caret = None
    if at is not None and column is not None:  # the cells the text before the column takes
        before = document.norm.original.split("\n")[at - 1][: column - 1]
        caret = cell_len(text_lines(before)[0])
    if lines is not None:
        first, last = parse_range(lines)
        last = total if last is None else last
        if first > total:
            fail(f"{document.article.path}: no lines {lines}: the text has {total} lines")
    elif at is not None:
        first, last = at - context, at + context
    else:
        first, last = 1, total
    first, last = max(first, 1), min(last, total)
    if document.article.text_source == "extracted":
        typer.echo(
            f"note: {inert(document.article.path)} is HTML: this is the text extracted from it, "
            "which the lines and columns of its reports count in",
            err=True,
        )
    body = numbered(shown, first, last, number=number, at=at, caret=caret)
    typer.echo("\n".join(body))
