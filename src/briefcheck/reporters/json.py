"""The stable JSON format (ARCHITECTURE.md, "Output contract")."""

from __future__ import annotations

import json
from typing import Any

from briefcheck.report import ArticleSummary, FileReport, Finding, Report
from briefcheck.reporters import DEFAULT_OPTIONS, RenderOptions, finding_key

VERSION = 1


def render(report: Report, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """The report as one JSON object, keys in contract order, with a trailing newline."""
    # Options only shape human output; the JSON contract is the same whatever they say.
    counts = report.counts()
    doc = {
        "version": VERSION,
        "files": [_file(f) for f in report.files],
        "summary": {k: counts[k] for k in ("files", "findings", "errors", "warnings")},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _file(f: FileReport) -> dict[str, Any]:
    out: dict[str, Any] = {"path": f.path}
    if f.error is not None:
        out["error"] = f.error  # the one documented extension of the contract
    out["articles"] = [_article(a) for a in f.articles]
    out["findings"] = [_finding(x) for x in sorted(f.findings, key=finding_key)]
    return out


def _article(a: ArticleSummary) -> dict[str, Any]:
    return {"number": a.number, "byline": a.byline, "words": a.words, "sections": dict(a.sections)}


def _finding(x: Finding) -> dict[str, Any]:
    # Built field by field: offsets are internal and must not leak into the contract.
    return {
        "rule": x.rule,
        "severity": x.severity,
        "line": x.line,
        "column": x.column,
        "end_line": x.end_line,
        "end_column": x.end_column,
        "article": x.article,
        "text": x.text,
        "message": x.message,
        "fix": x.fix,
    }
