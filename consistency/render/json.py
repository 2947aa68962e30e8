"""The full report as JSON (schema: schemas/report.schema.json)."""

from __future__ import annotations

from consistency.models import Report


def render_json(report: Report) -> str:
    """Serialise the whole report."""
    return report.model_dump_json(indent=2) + "\n"
