"""Inline suppressions in Markdown articles: `<!-- consistency: ignore[Q101] reason -->`.

A comment at the end of a line covers that line; a comment on a line of its own covers
the next line with text (and its own). Without `[...]` it covers
every code.
"""

from __future__ import annotations

import re

from consistency.models import Suppression

_COMMENT = re.compile(
    r"<!--\s*consistency:\s*ignore(?:\[(?P<codes>[^\]]*)\])?(?P<reason>.*?)-->", re.DOTALL
)


def find_suppressions(text: str) -> list[Suppression]:
    """Every suppression comment of a Markdown text."""
    out = []
    for m in _COMMENT.finditer(text):
        line = text.count("\n", 0, m.end()) + 1
        covered = [line]
        rest = text[m.end() :]
        line_start = text.rfind("\n", 0, m.start()) + 1
        alone = not text[line_start : m.start()].strip() and not rest.split("\n", 1)[0].strip()
        if alone:  # on a line of its own: it excuses the next line with text
            following = rest.split("\n")[1:]
            for offset, content in enumerate(following, start=1):
                if content.strip():
                    covered.append(line + offset)
                    break
        codes = [c.strip().upper() for c in (m.group("codes") or "").split(",") if c.strip()]
        reason = " ".join(m.group("reason").split())
        out.append(Suppression(line=line, applies_to=covered, codes=codes, reason=reason))
    return out


def suppresses(suppression: Suppression, code: str, line: int) -> bool:
    """Does `suppression` cover a finding of `code` whose evidence starts on `line`?"""
    if line not in suppression.applies_to:
        return False
    return not suppression.codes or any(code.startswith(c) for c in suppression.codes)
