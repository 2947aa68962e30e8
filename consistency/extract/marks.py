"""Quote marks to quotation spans: curly and straight, nested, across paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER = "“„«", "”»", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER = "‘‚‹", "’›", "'"
MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_CLOSE + "'")
_OPENING_CONTEXT = set(" \n([{/\u2014\u2013-") | MARKS
_CLOSING_CONTEXT = set(" \n.,;:!?)]}/\u2014\u2013-") | MARKS
_MARK_RE = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")
_DASHES = ("\u2014 ", "\u2013 ", "\u2015 ")  # a transcript line: "— Were you afraid?"
_SPACES = " \u00a0\u202f"
_ELISIONS = ("em ", "til ", "cause ", "n ", "n’", "n'", "tis ", "twas ")


@dataclass
class RawQuote:
    """A quotation found by its marks: the outer span and the inner segments."""

    open: int
    close: int  # just past the closing mark
    segments: list[tuple[int, int]]
    family: str  # "d" double or "s" single
    depth: int


@dataclass
class MarkProblem:
    """An unbalanced quote mark."""

    code: str
    name: str
    message: str
    pos: int


@dataclass
class _Open:
    family: str
    pos: int
    seg_start: int
    curly: bool
    segments: list[tuple[int, int]] = field(default_factory=list)


def _role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'apostrophe' for the mark at text[i]."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = prev in _OPENING_CONTEXT and not nxt.isspace()
    right = not prev.isspace() and (nxt in _CLOSING_CONTEXT or nxt.isspace())
    if (ch in "«‹" and nxt in _SPACES) or (ch in "»›" and prev in _SPACES):
        return "open" if ch in "«‹" else "close"  # « French spacing » inside the marks
    if ch in "’'" and prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don't, Weinstein’s
    if ch in "‘’'" and (nxt.isdigit() or text.startswith(_ELISIONS, i + 1)) and left:
        return "apostrophe"  # ’90s, ’em, rock ’n’ roll
    if ch in DOUBLE_OPEN + SINGLE_OPEN:
        return "close" if right and not left else "open"
    if ch in DOUBLE_CLOSE + SINGLE_CLOSE:
        return "open" if left and not right else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def scan(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[RawQuote], list[MarkProblem]]:
    """Find quotations in the given paragraphs, and report unbalanced double quote marks."""
    quotes: list[RawQuote] = []
    problems: list[MarkProblem] = []
    carry: _Open | None = None
    for index, (ps, pe) in enumerate(paragraphs):
        stack: list[_Open] = []
        start = ps
        if carry is not None:
            if _role(text, ps) == "open" and _family(text[ps]) == carry.family:
                carry.seg_start = start = ps + 1
                stack.append(carry)
            else:
                problems.append(_unclosed(carry))
        for m in _MARK_RE.finditer(text, start, pe):
            _mark(text, m.start(), stack, quotes, problems)
        carry = _close_paragraph(text, stack, paragraphs, index, problems)
    if carry is not None:
        problems.append(_unclosed(carry))
    quotes = _with_dash_lines(quotes, dash_quotes(text, paragraphs))
    return quotes, problems


def dash_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[RawQuote]:
    """Paragraphs opened by a dash in an interview transcript: a run of at least two such
    paragraphs, one of them a question. Each is a quotation to the paragraph's end."""
    out: list[RawQuote] = []
    run: list[tuple[int, int]] = []
    for ps, pe in [*paragraphs, (len(text), len(text))]:
        if text.startswith(_DASHES, ps) and pe > ps + 2:
            run.append((ps, pe))
            continue
        if len(run) >= 2 and any(text[s:e].rstrip().endswith("?") for s, e in run):
            out.extend(RawQuote(s, e, [_trim(text, s + 2, e)], "d", 0) for s, e in run)
        run = []
    return out


def _with_dash_lines(quotes: list[RawQuote], dashed: list[RawQuote]) -> list[RawQuote]:
    """Add transcript lines to the marked quotations; those inside a line nest in it."""
    starts = [d.open for d in dashed]
    for q in quotes:
        k = bisect_right(starts, q.open) - 1
        if k >= 0 and q.close <= dashed[k].close:
            q.depth += 1
    out = quotes + dashed
    out.sort(key=lambda q: (q.open, -q.close))
    return out


# Quotations open at once, at most: a quotation in a quotation in a quotation is as deep
# as prose goes. Deeper, each new mark would make the open ones span ever more text, and
# the quotations' total length would grow with the square of the text's.
MAX_NESTING = 4


def _mark(
    text: str, i: int, stack: list[_Open], quotes: list[RawQuote], problems: list[MarkProblem]
) -> None:
    """Open a quotation at text[i], or close the innermost open one of the same family."""
    role = _role(text, i)
    if role == "apostrophe":
        return
    family = _family(text[i])
    if role == "either":
        role = "close" if any(o.family == family for o in stack) else "open"
    if role == "open":
        if len(stack) >= MAX_NESTING:  # no prose nests so deep: marks gone wrong (mojibake)
            given_up = stack.pop(0)  # the outermost, so that every quotation stays short
            if given_up.family == "d" or given_up.curly:
                problems.append(_unclosed(given_up))
        stack.append(_Open(family, i, i + 1, text[i] not in "\"'"))
        return
    match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].family == family), None)
    if match is None:
        if family == "d":
            message = "closing quote mark has no opening mark"
            problems.append(MarkProblem("X002", "unmatched-closing-quote", message, i))
        return
    entry = stack[match]
    for dropped in stack[match + 1 :]:
        if dropped.family == "d" or dropped.curly:
            problems.append(_unclosed(dropped))
    del stack[match:]
    segments = [*entry.segments, _trim(text, entry.seg_start, i)]
    quotes.append(RawQuote(entry.pos, i + 1, segments, family, len(stack)))


def _close_paragraph(
    text: str,
    stack: list[_Open],
    paragraphs: list[tuple[int, int]],
    index: int,
    problems: list[MarkProblem],
) -> _Open | None:
    """Carry a double quote into the next paragraph when that one reopens it (the convention
    for quotations running over several paragraphs); report the rest as unclosed."""
    carry = None
    if stack and stack[0].family == "d" and index + 1 < len(paragraphs):
        ns = paragraphs[index + 1][0]
        if _family(text[ns]) == "d" and _role(text, ns) == "open":
            bottom = stack[0]
            bottom.segments.append(_trim(text, bottom.seg_start, paragraphs[index][1]))
            carry = bottom
            stack = stack[1:]
    for entry in stack:
        if entry.family == "d" or entry.curly:
            problems.append(_unclosed(entry))
    return carry


def _family(ch: str) -> str:
    return "d" if ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER else "s"


def _unclosed(entry: _Open) -> MarkProblem:
    kind = "quotation" if entry.family == "d" else "single-quoted passage"
    return MarkProblem("X001", "unclosed-quote", f"{kind} opened here is never closed", entry.pos)
