"""JUnit XML for CI test reporters (Jenkins, GitLab, GitHub test-report actions).

Each checked file is one test case. Every error or warning finding is a `<failure>` of that test
case (its `type` is the rule id); info findings do not fail it and are listed in its
`<system-out>` instead. A file that could not be read is an `<error>`. The `failures` and
`errors` counts are test cases (files), as the schema defines them, not findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from briefcheck.report import FileReport, Finding, Report
from briefcheck.reporters import DEFAULT_OPTIONS, RenderOptions, finding_key, show_fix

SUITE = "briefcheck"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot carry at all, not even as references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """The report as a JUnit XML document: one suite, one test case per file."""
    # Options only shape human output; the document is the same whatever they say.
    cases = [_testcase(f) for f in report.files]
    errors = sum(1 for c in cases if c.find("error") is not None)
    failures = sum(1 for c in cases if c.find("failure") is not None and c.find("error") is None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    suite.extend(cases)
    ET.indent(root)
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(f: FileReport) -> ET.Element:
    case = ET.Element("testcase", {"classname": SUITE, "name": _xml(f.path), "file": _xml(f.path)})
    if f.error is not None:
        error = ET.SubElement(case, "error", {"type": "unreadable", "message": _xml(f.error)})
        error.text = _xml(f"{f.path}: error: {f.error}")
    findings = sorted(f.findings, key=finding_key)
    for x in findings:
        if x.severity != "info":
            failure = ET.SubElement(case, "failure", {"type": x.rule, "message": _xml(x.message)})
            fix = "" if x.fix is None else f"\nfix: {show_fix(x.fix)}"
            failure.text = _xml(_describe(f.path, x) + fix)
    infos = [
        _describe(f.path, x) + ("" if x.fix is None else f" (fix: {show_fix(x.fix)})")
        for x in findings
        if x.severity == "info"
    ]
    if infos:
        ET.SubElement(case, "system-out").text = _xml("\n".join(infos))
    return case


def _describe(path: str, x: Finding) -> str:
    """`path:line:col: severity rule message`, as in the text format."""
    return f"{path}:{x.line}:{x.column}: {x.severity} {x.rule} {x.message}"


def _xml(s: str) -> str:
    """`s` with the characters XML cannot hold shown as `\\xNN` escapes."""
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)
