"""Markdown markup blanked out of the copy so that only the prose is matched."""

from __future__ import annotations

import re
from collections.abc import Iterator

from consistency.ingest.normalize import NormalizedText

_LINK_TAIL = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")  # the "(url)" after "[text]"
_LINK_CLOSE = re.compile(r"\](?=\()")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"^[ ]{0,3}(?:>[ ]?)+", re.MULTILINE)
_LIST_MARK = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,3}[.)])[ ]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*])")
_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ ]*){3,}$", re.MULTILINE)
_IMAGE_OPEN = re.compile(r"!\[")
_TAG_OPEN = re.compile(r"</?[A-Za-z]")


def blank_markdown(norm: NormalizedText, start: int = 0) -> None:
    """Blank Markdown syntax in the copy from `start` on, leaving the prose in place."""
    text = norm.text
    spans: list[tuple[int, int]] = list(_comments(text, start))
    spans.extend(_images(text, start))
    for pattern in (_LINK_TAIL, _HEADING, _QUOTE_PREFIX, _RULE):
        spans.extend(m.span() for m in pattern.finditer(text, start))
    spans.extend(_tags(text, start))
    # link brackets only where a "(url)" follows, so editorial [brackets] survive
    spans.extend(_link_opens(text, start))
    spans.extend(m.span() for m in _LINK_CLOSE.finditer(text, start))
    spans.extend(m.span() for m in _LIST_MARK.finditer(text, start))
    spans.extend(m.span() for m in _EMPHASIS.finditer(text, start))
    norm.blank(spans)


# Markup with an opener and a closer is found by searching for the closer once for every
# stretch of text, not once for every opener: a line of 100,000 unclosed "![" or "[" would
# otherwise be read to its end from each of them.


class _NextStop:
    """The first of some characters at or after a position, remembered for the next ask."""

    def __init__(self, text: str, chars: str) -> None:
        self.text = text
        self.pattern = re.compile(f"[{re.escape(chars)}]")
        self.asked, self.found = 1, 0  # nothing remembered yet

    def __call__(self, pos: int) -> int:
        """The index of the first stop character at or after `pos` (len(text) if none)."""
        if not self.asked <= pos <= self.found:
            m = self.pattern.search(self.text, pos)
            self.asked, self.found = pos, m.start() if m else len(self.text)
        return self.found


def _comments(text: str, start: int) -> Iterator[tuple[int, int]]:
    """HTML comments, across lines."""
    pos = text.find("<!--", start)
    while pos >= 0:
        end = text.find("-->", pos + 4)
        if end < 0:
            return  # no comment closes after here
        yield pos, end + 3
        pos = text.find("<!--", end + 3)


def _images(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Images, ![alt](url), on one line; the alt text holds no "]", the url no ")"."""
    bracket, paren, done = _NextStop(text, "]\n"), _NextStop(text, ")\n"), start
    for m in _IMAGE_OPEN.finditer(text, start):
        if m.start() < done:
            continue
        j = bracket(m.end())
        if text.startswith("](", j):
            k = paren(j + 2)
            if k < len(text) and text[k] == ")":
                done = k + 1
                yield m.start(), done


def _tags(text: str, start: int) -> Iterator[tuple[int, int]]:
    """HTML tags, <a href=...> or </a>, on one line."""
    close, done = _NextStop(text, ">\n"), start
    for m in _TAG_OPEN.finditer(text, start):
        if m.start() < done:
            continue
        k = close(m.end())
        if k < len(text) and text[k] == ">":
            done = k + 1
            yield m.start(), done


def _link_opens(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Each "[" whose first "]" on its line comes right before a "("."""
    bracket = _NextStop(text, "]\n")
    pos = text.find("[", start)
    while pos >= 0:
        if text.startswith("](", bracket(pos + 1)):
            yield pos, pos + 1
        pos = text.find("[", pos + 1)
