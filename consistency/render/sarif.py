"""SARIF 2.1.0 for code-scanning tools: rules, levels, regions, stable fingerprints."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from consistency import __version__
from consistency.families import RULES
from consistency.models import Evidence, InputError, Report, RuleInfo, Severity
from consistency.render.common import extracted_ids
from consistency.render.diagnostics import DIAGNOSTICS, INPUT_ERRORS, ErrorInfo
from consistency.render.json import ascii_controls

LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_BRACKET = re.compile(r"([\[\]])")


def _text(text: str) -> dict[str, str]:
    """A plain-text SARIF message: square brackets escaped, or viewers read '[x](1)' as an
    embedded link to a related location (SARIF 2.1.0 §3.11.6)."""
    return {"text": _BRACKET.sub(r"\\\1", text)}


def _uri(path: str) -> str:
    """A relative path as a URI reference: spaces, '%', '#', '?' and controls %-encoded."""
    return quote(path, safe="/!$&'()*+,;=@~")


def _descriptor(info: RuleInfo | ErrorInfo) -> dict[str, Any]:
    """A reportingDescriptor: what a rule or an input error's code is, at which level."""
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.doc},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
    }


def _rule(info: RuleInfo) -> dict[str, Any]:
    return {**_descriptor(info), "properties": {"kind": info.kind.value}}


def _failure(e: InputError) -> dict[str, Any]:
    """A file that could not be read: a notification naming its code and its file."""
    artifact: dict[str, Any] = {"artifactLocation": {"uri": _uri(e.path), "uriBaseId": "%SRCROOT%"}}
    if e.line:
        artifact["region"] = {"startLine": e.line}
    return {
        "level": "error",
        "message": _text(f"{e.path}: {e.message}"),
        "descriptor": {"id": e.code},
        "locations": [{"physicalLocation": artifact}],
    }


def _place(path: str, region: dict[str, Any], *, extracted: bool) -> dict[str, Any]:
    """A physical location; for an HTML article the region is in the text extracted from
    the HTML, not in the file, so it moves to the properties and the file has no region."""
    artifact = {"artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}}
    if extracted:
        return {
            "physicalLocation": artifact,
            "properties": {"textSource": "extracted", "extractedRegion": region},
        }
    return {"physicalLocation": {**artifact, "region": region}}


def _location(e: Evidence, *, extracted: bool) -> dict[str, Any]:
    region = {
        "startLine": e.line,
        "startColumn": e.column,
        "charOffset": e.start,
        "charLength": e.end - e.start,
        "snippet": {"text": e.text},
    }
    where = f" (at {e.line}:{e.column} of the text extracted from the HTML)" if extracted else ""
    return {
        **_place(e.path, region, extracted=extracted),
        "message": _text(f"{e.role}: {e.article}{where}"),
    }


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    infos = [r.info for r in RULES] + list(DIAGNOSTICS.values())
    index = {info.code: k for k, info in enumerate(infos)}
    results: list[dict[str, Any]] = []
    extracted = extracted_ids(report)
    for f in report.findings:
        first, *rest = f.claims
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVEL[f.severity],
                "message": _text(f.message),
                "locations": [_location(first, extracted=first.article in extracted)],
                "relatedLocations": [
                    {"id": k, **_location(e, extracted=e.article in extracted)}
                    for k, e in enumerate(rest, start=1)
                ],
                "partialFingerprints": {"consistencyFinding/v1": f.fingerprint},
                "properties": {"kind": f.kind.value, "oddArticles": f.odd_articles},
            }
        )
    for d in report.diagnostics:
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVEL[d.severity],
                "message": _text(d.message),
                "locations": [
                    _place(
                        d.path,
                        {"startLine": d.line, "startColumn": d.column},
                        extracted=d.article in extracted,
                    )
                ],
                "partialFingerprints": {
                    "consistencyDiagnostic/v1": f"{d.code}:{d.article}:{d.line}:{d.column}"
                },
            }
        )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "consistency",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/news-consistency/",
                        "rules": [_rule(info) for info in infos],
                        "notifications": [_descriptor(e) for e in INPUT_ERRORS.values()],
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": [_failure(e) for e in report.errors],
                    }
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return ascii_controls(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
