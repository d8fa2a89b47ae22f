"""The JSON format: the output contract of ARCHITECTURE.md, byte for byte."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.report import ArticleSummary, FileReport, Finding, Report
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.reporters.json import dumps, render

FINDING_KEYS = [
    "rule",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "article",
    "text",
    "message",
    "fix",
]


def sample() -> Report:
    """Two checked files (findings out of order, unicode, a missing part) and one unreadable."""
    typo = Finding(
        "house-typo",
        "error",
        23,
        41,
        23,
        51,
        1,
        "tribal are",
        "'tribal are' is a known slip; write 'tribal area'",
        "tribal area",
        start=900,
        end=910,
    )
    quotes = Finding(
        "scare-quotes", "info", 2, 5, 2, 10, 1, "“new”", "scare quotes — say what is meant"
    )
    missing = Finding("missing-conclusion", "error", 40, 1, 40, 1, 1, "", "no CONCLUSION: section")
    span = Finding("split-sentence", "warning", 23, 41, 24, 3, 1, "tribal are\nbo", "split")
    a = FileReport(
        path="submissions/a.txt",
        articles=[
            ArticleSummary(1, "By Emil Avdaliani", 1124, {"lead": 83, "background": 219, "bio": 29})
        ],
        findings=[missing, typo, quotes, span],
        source_lines=["never", "shown"],
    )
    b = FileReport(
        path="submissions/b.md",
        findings=[Finding("repeated-word", "warning", 1, 5, 1, 12, None, "return ", "twice", "")],
    )
    c = FileReport(path="submissions/c.docx", error="not a .docx file")
    return Report([a, b, c])


EXPECTED = """\
{
  "version": 1,
  "files": [
    {
      "path": "submissions/a.txt",
      "articles": [
        {
          "number": 1,
          "byline": "By Emil Avdaliani",
          "words": 1124,
          "sections": {
            "lead": 83,
            "background": 219,
            "bio": 29
          }
        }
      ],
      "findings": [
        {
          "rule": "scare-quotes",
          "severity": "info",
          "line": 2,
          "column": 5,
          "end_line": 2,
          "end_column": 10,
          "article": 1,
          "text": "“new”",
          "message": "scare quotes — say what is meant",
          "fix": null
        },
        {
          "rule": "house-typo",
          "severity": "error",
          "line": 23,
          "column": 41,
          "end_line": 23,
          "end_column": 51,
          "article": 1,
          "text": "tribal are",
          "message": "'tribal are' is a known slip; write 'tribal area'",
          "fix": "tribal area"
        },
        {
          "rule": "split-sentence",
          "severity": "warning",
          "line": 23,
          "column": 41,
          "end_line": 24,
          "end_column": 3,
          "article": 1,
          "text": "tribal are\\nbo",
          "message": "split",
          "fix": null
        },
        {
          "rule": "missing-conclusion",
          "severity": "error",
          "line": 40,
          "column": 1,
          "end_line": 40,
          "end_column": 1,
          "article": 1,
          "text": "",
          "message": "no CONCLUSION: section",
          "fix": null
        }
      ]
    },
    {
      "path": "submissions/b.md",
      "articles": [],
      "findings": [
        {
          "rule": "repeated-word",
          "severity": "warning",
          "line": 1,
          "column": 5,
          "end_line": 1,
          "end_column": 12,
          "article": null,
          "text": "return ",
          "message": "twice",
          "fix": ""
        }
      ]
    },
    {
      "path": "submissions/c.docx",
      "error": "not a .docx file",
      "articles": [],
      "findings": []
    }
  ],
  "summary": {
    "files": 3,
    "findings": 5,
    "errors": 2,
    "warnings": 2
  }
}
"""


def test_output_is_exact() -> None:
    assert render(sample(), RenderOptions()) == EXPECTED


def test_registry_and_options_do_not_change_it() -> None:
    # The contract is fixed: colour, source and summary options shape only human output.
    for options in (RenderOptions(color=True), RenderOptions(show_source=False, summary=False)):
        assert REPORTERS["json"](sample(), options) == EXPECTED


def test_round_trips_with_contract_key_order() -> None:
    doc = json.loads(render(sample(), RenderOptions()))
    assert list(doc) == ["version", "files", "summary"]
    assert list(doc["summary"]) == ["files", "findings", "errors", "warnings"]
    a, b, c = doc["files"]
    assert list(a) == list(b) == ["path", "articles", "findings"]
    assert list(c) == ["path", "error", "articles", "findings"]
    assert list(a["articles"][0]) == ["number", "byline", "words", "sections"]
    assert list(a["articles"][0]["sections"]) == ["lead", "background", "bio"]
    for f in (*a["findings"], *b["findings"]):
        assert list(f) == FINDING_KEYS


def test_internal_fields_stay_out() -> None:
    out = render(sample(), RenderOptions())
    for name in ('"start"', '"end"', '"source_lines"', '"infos"', "never"):
        assert name not in out


def test_unicode_is_written_as_is_with_a_trailing_newline() -> None:
    out = render(sample(), RenderOptions())
    assert "“new”" in out and "—" in out and "\\u" not in out
    assert out.endswith("}\n") and not out.endswith("\n\n")


def test_findings_sorted_by_line_column_rule() -> None:
    doc = json.loads(render(sample(), RenderOptions()))
    found = [(f["line"], f["column"], f["rule"]) for f in doc["files"][0]["findings"]]
    assert found == sorted(found)


def test_empty_report() -> None:
    doc = json.loads(render(Report(), RenderOptions()))
    assert doc == {
        "version": 1,
        "files": [],
        "summary": {"files": 0, "findings": 0, "errors": 0, "warnings": 0},
    }


# --- the indented writer, against the standard library's ------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.integers(0, 9), inner, max_size=3),  # keys the encoder makes strings
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_dumps_writes_what_json_dumps_writes(value) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_whole_report_is_written_as_json_dumps_would() -> None:
    report = sample()
    doc = json.loads(render(report))
    assert render(report) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
