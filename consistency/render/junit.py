"""JUnit XML: one test suite per article, one failing test case per finding. ElementTree
escapes markup; characters XML 1.0 forbids even as references (most C0 controls) are shown
as visible escapes instead."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from consistency.models import Report
from consistency.render.common import extracted_ids, visible


def render_junit(report: Report) -> str:
    """The report as JUnit XML; an article without findings is one passing test case."""
    by_path: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    extracted = extracted_ids(report)
    for f in report.findings:
        e = f.claims[0]
        detail = "\n".join(
            f"{c.role} {c.path}:{c.line}:{c.column}"
            + (" (in the text extracted from the HTML)" if c.article in extracted else "")
            + f" {c.text}"
            for c in f.claims
        )
        by_path[e.path].append((f"{f.code} {f.name} line {e.line}", f.message, detail))
    for d in report.diagnostics:
        by_path[d.path].append((f"{d.code} {d.name} line {d.line}", d.message, ""))
    root = ET.Element("testsuites", name="consistency")
    total = failures = 0
    for article in report.articles:
        cases = by_path.get(article.path, [])
        suite = ET.SubElement(
            root, "testsuite", name=article.path, tests=str(max(1, len(cases))),
            failures=str(len(cases)), errors="0",
        )  # fmt: skip
        if not cases:
            ET.SubElement(suite, "testcase", name="consistency", classname=article.path)
        for name, message, detail in cases:
            case = ET.SubElement(suite, "testcase", name=name, classname=article.path)
            failure = ET.SubElement(case, "failure", message=message, type=name.split()[0])
            failure.text = detail or message
        total += max(1, len(cases))
        failures += len(cases)
    for error in report.errors:
        suite = ET.SubElement(root, "testsuite", name=error.path, tests="1", failures="0",
                              errors="1")  # fmt: skip
        case = ET.SubElement(suite, "testcase", name="read", classname=error.path)
        ET.SubElement(case, "error", message=error.message, type=error.code)
        total += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(report.errors)))
    ET.indent(root)
    # Controls can only come from article text, never from the markup: escape them after.
    body = visible(ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
