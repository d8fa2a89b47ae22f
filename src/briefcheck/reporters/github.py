"""GitHub Actions: workflow-command annotations on stdout and a Markdown job summary."""

from __future__ import annotations

import os
from collections.abc import Mapping

from briefcheck.report import SEVERITY_RANK, ArticleSummary, FileReport, Finding, Report
from briefcheck.reporters import DEFAULT_OPTIONS, RenderOptions, finding_key, show_fix
from briefcheck.reporters.text import summary_line

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
STEP_SUMMARY_VAR = "GITHUB_STEP_SUMMARY"
_MD_SPECIAL = "\\`*_[]<>|~&"  # characters that GitHub Markdown could read as markup in a cell


def render(report: Report, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """One `::error|warning|notice …::message` line per finding, most severe first."""
    # GitHub shows only the first 10 annotations of each kind per step: errors must come first.
    lines = [
        f"::error file={escape_property(f.path)}::{escape_data(f.error)}"
        for f in report.files
        if f.error is not None
    ]
    ranked = sorted(
        ((f, x) for f in report.files for x in f.findings),
        key=lambda fx: (-SEVERITY_RANK[fx[1].severity], fx[0].path, finding_key(fx[1])),
    )
    lines.extend(annotation(f.path, x) for f, x in ranked)
    if options.summary:
        lines.append(summary_line(report))  # a plain log line, not a command
    return "".join(f"{line}\n" for line in lines)


def annotation(path: str, x: Finding) -> str:
    """The workflow command for one finding in the file at `path`."""
    props = [("file", path), ("line", str(x.line))]
    # GitHub refuses col/endColumn on an annotation that spans several lines.
    if x.end_line == x.line:
        props += [("col", str(x.column)), ("endLine", str(x.end_line))]
        props += [("endColumn", str(x.end_column))]
    else:
        props.append(("endLine", str(x.end_line)))
    props.append(("title", x.rule))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = x.message if x.fix is None else f"{x.message} (fix: {show_fix(x.fix)})"
    return f"::{COMMAND[x.severity]} {head}::{escape_data(message)}"


def escape_data(s: str) -> str:
    """Escape a command's message as @actions/core does: `%`, CR and LF."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a command property value: as data, plus `:` and `,`."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def step_summary(report: Report) -> str:
    """A Markdown job summary: counts, every finding in a table, per-article word counts."""
    out = ["## briefcheck", "", _md(summary_line(report)), ""]
    failed = [f for f in report.files if f.error is not None]
    if failed:
        out += ["### Unreadable files", "", "| file | error |", "|---|---|"]
        out += [f"| {_md(f.path)} | {_md(f.error or '')} |" for f in failed]
        out.append("")
    findings = [(f, x) for f in report.files for x in sorted(f.findings, key=finding_key)]
    if findings:
        out += ["### Findings", ""]
        out += ["| file | line | severity | rule | message | fix |", "|---|--:|---|---|---|---|"]
        out += [_finding_row(f, x) for f, x in findings]
        out.append("")
    articles = [(f, a) for f in report.files for a in f.articles]
    if articles:
        out += ["### Word counts", ""]
        out += _article_table(articles)
        out.append("")
    return "\n".join(out)


def write_step_summary(report: Report, environ: Mapping[str, str] = os.environ) -> None:
    """Append `step_summary(report)` to the file named by GITHUB_STEP_SUMMARY, when it is set."""
    target = environ.get(STEP_SUMMARY_VAR)
    if not target:
        return
    with open(target, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(step_summary(report) + "\n")


def _finding_row(f: FileReport, x: Finding) -> str:
    fix = "" if x.fix is None else _md(show_fix(x.fix))
    cells = [f.path, str(x.line), x.severity, x.rule, x.message]
    return "| " + " | ".join(_md(c) for c in cells) + f" | {fix} |"


def _article_table(articles: list[tuple[FileReport, ArticleSummary]]) -> list[str]:
    # Columns: every section name that occurs, in the order it first occurs.
    parts = list(dict.fromkeys(name for _, a in articles for name in a.sections))
    head = ["file", "article", "byline", "words", *parts]
    rows = [
        "| " + " | ".join(_md(h) for h in head) + " |",
        "|---|--:|---|--:|" + "--:|" * len(parts),
    ]
    for f, a in articles:
        counts = [f"{a.sections[p]:,}" if p in a.sections else "" for p in parts]
        cells = [_md(f.path), str(a.number), _md(a.byline or ""), f"{a.words:,}", *counts]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _md(s: str) -> str:
    """A table cell showing `s` literally: markup characters escaped, line breaks as <br>."""
    s = "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in s)
    return s.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")
