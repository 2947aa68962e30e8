"""Markdown markup blanked out of the copy so that only the prose is matched."""

from __future__ import annotations

import re

from consistency.ingest.normalize import NormalizedText

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TAIL = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")  # the "(url)" after "[text]"
_LINK_OPEN = re.compile(r"\[(?=[^\]\n]*\]\()")
_LINK_CLOSE = re.compile(r"\](?=\()")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"^[ ]{0,3}(?:>[ ]?)+", re.MULTILINE)
_LIST_MARK = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,3}[.)])[ ]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*])")
_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ ]*){3,}$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")


def blank_markdown(norm: NormalizedText, start: int = 0) -> None:
    """Blank Markdown syntax in the copy from `start` on, leaving the prose in place."""
    text = norm.text
    spans: list[tuple[int, int]] = []
    for pattern in (_COMMENT, _IMAGE, _LINK_TAIL, _HEADING, _QUOTE_PREFIX, _RULE, _HTML_TAG):
        spans.extend(m.span() for m in pattern.finditer(text, start))
    # link brackets only where a "(url)" follows, so editorial [brackets] survive
    spans.extend(m.span() for m in _LINK_OPEN.finditer(text, start))
    spans.extend(m.span() for m in _LINK_CLOSE.finditer(text, start))
    spans.extend(m.span() for m in _LIST_MARK.finditer(text, start))
    spans.extend(m.span() for m in _EMPHASIS.finditer(text, start))
    norm.blank(spans)
