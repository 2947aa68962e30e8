"""Regenerate the committed generated files: JSON Schemas and the seeds' example reports.

python -m consistency.generate          # write them
python -m consistency.generate --check  # exit 1 when any is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from consistency.fileio import atomic_write_text
from consistency.ingest import load
from consistency.models import ALL_MODELS
from consistency.pipeline import run
from consistency.render import RENDERERS, render

ROOT = Path(__file__).resolve().parent.parent


def schema_files() -> dict[Path, str]:
    """schemas/<name>.schema.json for every exported model."""
    out = {}
    for name, model in ALL_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://consistency.invalid/schemas/{name}.schema.json"
        out[ROOT / "schemas" / f"{name}.schema.json"] = json.dumps(schema, indent=2) + "\n"
    return out


def report_files() -> dict[Path, str]:
    """reports/seeds.{md,json,html}: the report on the bundled seeds."""
    result = load([ROOT / "seeds"], base=ROOT)
    report = run(result.documents, errors=result.errors)
    texts = {d.id: d.norm.original for d in result.documents}
    return {
        ROOT / "reports" / "seeds.md": RENDERERS["markdown"](report),
        ROOT / "reports" / "seeds.json": RENDERERS["json"](report),
        ROOT / "reports" / "seeds.html": render("html", report, texts),
    }


def generated() -> dict[Path, str]:
    """Every generated file and its expected content."""
    return {**schema_files(), **report_files()}


def stale() -> list[Path]:
    """Generated files whose committed content differs from what the code produces now."""
    return [
        path
        for path, text in generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """Write the files, or with --check only report the stale ones."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        old = stale()
        for path in old:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        if old:
            print("run: python -m consistency.generate", file=sys.stderr)
        return 1 if old else 0
    for path, text in generated().items():
        atomic_write_text(path, text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
