"""Generated files (schemas, example reports) are committed and must not drift."""

from __future__ import annotations

import json

import jsonschema

from consistency.generate import ROOT, stale
from consistency.models import Report


def test_generated_files_are_up_to_date() -> None:
    assert stale() == [], "run: python -m consistency.generate"


def test_seeds_json_report_validates_against_schema(seeds_report: Report) -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(json.loads(seeds_report.model_dump_json()), schema)
    data = json.loads((ROOT / "reports" / "seeds.json").read_text())
    jsonschema.validate(data, schema)
    assert {"id", "path", "outlet", "published", "title"} <= set(data["articles"][0])
    claim = data["findings"][0]["claims"][0]
    assert {"article", "text", "start", "end", "line", "column"} <= set(claim)
    assert {f["kind"] for f in data["findings"]} == {"quote_wording", "temporal", "entity_spelling"}
