"""JUnit XML: one test suite per article, one failing test case per finding. ElementTree
escapes markup; file names and text are made inert first (control characters, which XML 1.0
forbids or test reporters print raw, shown as visible escapes), so that no line of the XML
starts a workflow command."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from consistency.models import Report
from consistency.render.common import extracted_ids, inert, visible


def render_junit(report: Report) -> str:
    """The report as JUnit XML; an article without findings is one passing test case."""
    by_path: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    extracted = extracted_ids(report)
    for f in report.findings:
        e = f.claims[0]
        detail = "\n".join(
            f"{c.role} {inert(c.path)}:{c.line}:{c.column}"
            + (" (in the text extracted from the HTML)" if c.article in extracted else "")
            + f" {inert(c.text)}"
            for c in f.claims
        )
        by_path[e.path].append((f"{f.code} {f.name} line {e.line}", inert(f.message), detail))
    for d in report.diagnostics:
        by_path[d.path].append((f"{d.code} {d.name} line {d.line}", inert(d.message), ""))
    root = ET.Element("testsuites", name="consistency")
    total = failures = 0
    for article in report.articles:
        cases, name = by_path.get(article.path, []), inert(article.path)
        suite = ET.SubElement(
            root, "testsuite", name=name, tests=str(max(1, len(cases))),
            failures=str(len(cases)), errors="0",
        )  # fmt: skip
        if not cases:
            ET.SubElement(suite, "testcase", name="consistency", classname=name)
        for title, message, detail in cases:
            case = ET.SubElement(suite, "testcase", name=title, classname=name)
            failure = ET.SubElement(case, "failure", message=message, type=title.split()[0])
            failure.text = detail or message
        total += max(1, len(cases))
        failures += len(cases)
    for error in report.errors:
        name = inert(error.path)
        suite = ET.SubElement(root, "testsuite", name=name, tests="1", failures="0",
                              errors="1")  # fmt: skip
        case = ET.SubElement(suite, "testcase", name="read", classname=name)
        ET.SubElement(case, "error", message=inert(error.message), type=error.code)
        total += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(report.errors)))
    ET.indent(root)
    # Every value is inert already; this is the guard for whatever a new field forgets.
    body = visible(ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
