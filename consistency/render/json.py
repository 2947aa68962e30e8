"""The full report as JSON (schema: schemas/report.schema.json)."""

from __future__ import annotations

import re

from consistency.models import Report

# JSON escapes C0 controls itself; DEL, C1 controls and the two Unicode line separators are
# valid raw but break terminals and JavaScript readers, so they are written as \u escapes.
# So is the '[' of '##[', which a GitHub runner reading the output would take for a (legacy)
# workflow command. Outside strings JSON is ASCII without '#', so the substitution can only
# touch string contents; the values read back unchanged.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]|(?<=##)\\[")


def ascii_controls(text: str) -> str:
    """JSON text with DEL, C1 controls, U+2028/U+2029 and the '[' of '##[' as \\u escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def render_json(report: Report) -> str:
    """Serialise the whole report."""
    return ascii_controls(report.model_dump_json(indent=2)) + "\n"
