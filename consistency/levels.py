"""Severities and fail levels: plain enums, importable without pydantic (the command line
reads them before anything heavy is loaded)."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How serious a finding or diagnostic is."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class FailLevel(str, Enum):
    """The lowest severity that makes a run fail (exit code 1)."""

    error = "error"
    warning = "warning"
    info = "info"
    none = "none"

    def reached_by(self, severity: Severity) -> bool:
        """True when `severity` is at or above this level."""
        if self is FailLevel.none:
            return False
        return severity.rank >= Severity(self.value).rank
