"""Baselines: findings accepted on purpose, each with a reason, keyed by fingerprint.

A fingerprint is made of the rule, the articles and the normalised claim values, never of
line numbers, so an entry survives edits elsewhere in its files.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pydantic import ValidationError

from consistency.config import DEFAULT_REASON
from consistency.errors import ConsistencyError
from consistency.fileio import atomic_write_text
from consistency.models import Baseline, BaselineEntry, Finding, Report


class BaselineError(ConsistencyError):
    """The baseline file cannot be read."""


def read_baseline(path: Path, *, creating: bool = False) -> Baseline:
    """The baseline at `path`; when the file does not exist, an empty one if this run is
    `creating` it (--update-baseline), else an error (a mistyped name must not pass)."""
    if not path.exists():
        if creating:
            return Baseline()
        raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)")
    try:
        return Baseline.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        problem = f"{where}: {first['msg']}" if where else first["msg"]
        raise BaselineError(f"{path}: not a consistency baseline ({problem})") from exc
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc


def accepted(finding: Finding, baseline: Baseline) -> bool:
    """Does the baseline accept this finding?"""
    return finding.fingerprint in {e.fingerprint for e in baseline.findings}


def updated(
    baseline: Baseline, report: Report, *, scope: Collection[str], reason: str = DEFAULT_REASON
) -> Baseline:
    """The baseline with this run's findings in it (new ones get `reason`, old ones keep
    theirs) and without stale entries: entries about a path this run checked whose finding
    did not come back. Entries about paths outside `scope` are kept as they are."""
    current = {f.fingerprint: f for f in report.findings}
    old = {e.fingerprint: e for e in baseline.findings}
    entries = []
    for fingerprint, entry in old.items():
        if fingerprint in current or not set(entry.paths) & set(scope):
            entries.append(entry)
    for fingerprint, f in current.items():
        if fingerprint not in old:
            entries.append(
                BaselineEntry(
                    fingerprint=fingerprint,
                    code=f.code,
                    paths=sorted({e.path for e in f.claims}),
                    message=f.message,
                    reason=reason,
                )  # fmt: skip
            )
    entries.sort(key=lambda e: (e.code, e.paths, e.fingerprint))
    return Baseline(findings=entries)


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write the baseline atomically."""
    atomic_write_text(path, baseline.model_dump_json(indent=2) + "\n", what="baseline")
