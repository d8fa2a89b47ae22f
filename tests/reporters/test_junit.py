"""JUnit XML: one test case per file, failures for errors and warnings, infos as output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import load_pack
from briefcheck.report import FileReport, Finding, Report
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.reporters.junit import render


def sample() -> Report:
    """A failing file (an info among its findings), a clean one, an info-only one, an unreadable."""
    a = FileReport(
        path="sub/a&b.txt",
        findings=[
            Finding("lead-length", "info", 2, 1, 2, 30, 1, "x", "lead is 27 words (33 short)"),
            Finding(
                "house-typo",
                "error",
                23,
                41,
                23,
                51,
                1,
                "tribal are",
                'a slip; write "tribal area"',
                "tribal area",
            ),
            Finding("spacing", "warning", 5, 3, 5, 5, 1, "  ", "double <space>\nhere", ""),
        ],
    )
    clean = FileReport(path="clean.txt")
    notes = FileReport(
        path="notes.md",
        findings=[
            Finding("bio-heading", "info", 9, 1, 9, 12, 1, "About", "bio label", "AUTHOR BIO:")
        ],
    )
    broken = FileReport(path="c.txt", error="not UTF-8 & not\x01 text")
    return Report([a, clean, notes, broken])


EXPECTED = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="briefcheck" tests="4" failures="1" errors="1">
  <testsuite name="briefcheck" tests="4" failures="1" errors="1" skipped="0">
    <testcase classname="briefcheck" name="sub/a&amp;b.txt" file="sub/a&amp;b.txt">
      <failure type="spacing" message="double &lt;space&gt;&#10;here">\
sub/a&amp;b.txt:5:3: warning spacing double &lt;space&gt;
here
fix: delete</failure>
      <failure type="house-typo" message="a slip; write &quot;tribal area&quot;">\
sub/a&amp;b.txt:23:41: error house-typo a slip; write "tribal area"
fix: 'tribal area'</failure>
      <system-out>sub/a&amp;b.txt:2:1: info lead-length lead is 27 words (33 short)</system-out>
    </testcase>
    <testcase classname="briefcheck" name="clean.txt" file="clean.txt" />
    <testcase classname="briefcheck" name="notes.md" file="notes.md">
      <system-out>notes.md:9:1: info bio-heading bio label (fix: 'AUTHOR BIO:')</system-out>
    </testcase>
    <testcase classname="briefcheck" name="c.txt" file="c.txt">
      <error type="unreadable" message="not UTF-8 &amp; not\\x01 text">\
c.txt: error: not UTF-8 &amp; not\\x01 text</error>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_output_is_exact() -> None:
    assert render(sample(), RenderOptions()) == EXPECTED


def test_registry_and_options_do_not_change_it() -> None:
    for options in (RenderOptions(color=True), RenderOptions(show_source=False, summary=False)):
        assert REPORTERS["junit"](sample(), options) == EXPECTED


def test_parses_with_counts_of_test_cases() -> None:
    root = ET.fromstring(render(sample(), RenderOptions()))
    assert root.tag == "testsuites"
    (suite,) = root
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["sub/a&b.txt", "clean.txt", "notes.md", "c.txt"]
    assert [len(c.findall("failure")) for c in cases] == [2, 0, 0, 0]
    assert [len(c.findall("error")) for c in cases] == [0, 0, 0, 1]
    for node in (root, suite):
        assert (node.get("tests"), node.get("failures"), node.get("errors")) == ("4", "1", "1")
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message") == "double <space>\nhere"
    assert cases[2].findtext("system-out") == (
        "notes.md:9:1: info bio-heading bio label (fix: 'AUTHOR BIO:')"
    )


def test_real_run_parses_and_counts_every_finding(submissions: Path, tmp_path: Path) -> None:
    targets = [str(submissions), str(tmp_path / "absent.txt")]
    report = check_paths(targets, select_rules(load_pack("analyst")))
    root = ET.fromstring(render(report, RenderOptions()))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(report.files) == int(root.get("tests", "-1"))
    failures = root.findall(".//failure")
    counts = report.counts()
    assert len(failures) == counts["errors"] + counts["warnings"]
    info_lines = sum(len((c.findtext("system-out") or "").splitlines()) for c in cases)
    assert info_lines == counts["infos"]
    assert len(root.findall(".//error")) == 1 == int(root.get("errors", "-1"))
    failing = sum(1 for c in cases if c.find("failure") is not None)
    assert int(root.get("failures", "-1")) == failing


def test_empty_report_is_still_a_document() -> None:
    out = render(Report(), RenderOptions())
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="briefcheck" tests="0" failures="0" errors="0">\n'
        '  <testsuite name="briefcheck" tests="0" failures="0" errors="0" skipped="0" />\n'
        "</testsuites>\n"
    )
    ET.fromstring(out)
