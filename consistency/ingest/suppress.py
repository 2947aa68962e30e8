"""Inline suppressions in Markdown articles: `<!-- consistency: ignore[Q101] reason -->`.

A comment covers its own line and the next line with text, so it can sit at the end of
the line it excuses or on a line of its own just before it. Without `[...]` it covers
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
        if not text[m.end() :].split("\n", 1)[0].strip():  # nothing after it on its line
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
