"""The human format, like ruff and rustc: `path:line:col: severity rule message`, then source."""

from __future__ import annotations

from briefcheck.report import ArticleSummary, FileReport, Finding, Report
from briefcheck.reporters import DEFAULT_OPTIONS, RenderOptions, finding_key

WINDOW = 100  # characters of a long source line shown around the span
_SNAP = 15  # how far a cut may move to fall between words
_GUTTER = 5  # width of the line-number column, as in "   23 | "
_ELLIPSIS = "…"

_RESET = "\x1b[0m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[34m"}


def render(report: Report, options: RenderOptions = DEFAULT_OPTIONS) -> str:
    """The report for people: findings with source and carets, article figures, a summary line."""
    chunks: list[list[str]] = []
    for f in report.files:
        chunks.extend(_file(f, options))
    # Blank lines separate multi-line blocks; the compact form stays one line per finding.
    sep = "\n\n" if options.show_source else "\n"
    out = sep.join("\n".join(c) for c in chunks)
    if options.summary:
        out = f"{out}\n\n{summary_line(report)}" if out else summary_line(report)
    return f"{out}\n" if out else ""


def summary_line(report: Report) -> str:
    """E.g. `3 files, 12 findings: 5 errors, 6 warnings, 1 info`."""
    c = report.counts()
    head = _count(c["files"], "file")
    unreadable = sum(1 for f in report.files if f.error is not None)
    if unreadable:
        head += f" ({unreadable:,} unreadable)"
    if not c["findings"]:
        return f"{head}, no findings"
    kinds = [("errors", "error"), ("warnings", "warning"), ("infos", "info")]
    parts = [_count(c[key], noun) for key, noun in kinds if c[key]]
    return f"{head}, {_count(c['findings'], 'finding')}: {', '.join(parts)}"


def article_line(a: ArticleSummary) -> str:
    """E.g. `  article 1 (By A. Author): 1,124 words — lead 83, background 219, …`."""
    byline = f" ({a.byline})" if a.byline else ""
    line = f"  article {a.number}{byline}: {_count(a.words, 'word')}"
    if a.sections:
        line += " — " + ", ".join(f"{name} {n:,}" for name, n in a.sections.items())
    return line


def _file(f: FileReport, options: RenderOptions) -> list[list[str]]:
    chunks: list[list[str]] = []
    if f.error is not None:
        chunks.append([f"{f.path}: {_paint('error', 'error', options)}: {f.error}"])
    findings = sorted(f.findings, key=finding_key)
    chunks.extend(_finding(f, x, options) for x in findings)
    if options.summary and f.error is None:
        # Without findings the figures would otherwise follow nothing that names their file.
        head = [] if findings else [f"{f.path}: no findings"]
        chunks.append(head + [article_line(a) for a in f.articles])
    return chunks


def _finding(f: FileReport, x: Finding, options: RenderOptions) -> list[str]:
    severity = _paint(x.severity, x.severity, options)
    rule = f"{_DIM}{x.rule}{_RESET}" if options.color else x.rule
    head = f"{f.path}:{x.line}:{x.column}: {severity} {rule} {x.message}"
    fix = None if x.fix is None else f"fix: {_show_fix(x.fix)}"
    if not (options.show_source and 1 <= x.line <= len(f.source_lines)):
        return [f"{head} ({fix})" if fix else head]
    text = f.source_lines[x.line - 1].rstrip("\r\n").replace("\t", " ")  # tabs break alignment
    start = min(max(x.column - 1, 0), len(text))
    # A span over several lines is underlined to the end of its first line.
    end = x.end_column - 1 if x.end_line == x.line else len(text)
    end = min(max(end, start), len(text))
    shown, col, width = window(text, start, end)
    carets = _paint(x.severity, "^" * width, options)
    pad = " " * _GUTTER
    return [
        head,
        f"{x.line:>{_GUTTER}} | {shown}".rstrip(),
        f"{pad} | {' ' * col}{carets}" + (f" {fix}" if fix else ""),
    ]


def window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The shown part of a line, the caret column in it and the caret count for [start, end)."""
    n = len(text)
    if n <= WINDOW:
        return text, start, max(1, end - start)
    if end - start >= WINDOW:
        lo, hi = start, start + WINDOW
    else:
        lo = max(0, start - (WINDOW - (end - start)) // 2)
        hi = min(n, lo + WINDOW)
        lo = max(0, hi - WINDOW)
    if lo > 0:
        # Cut at a space so the ellipsis stands before a whole word.
        space = lo - 1 if text[lo - 1] == " " else text.find(" ", lo, min(lo + _SNAP, start))
        lo = space if space != -1 else lo
    if hi < n:
        space = text.rfind(" ", max(hi - _SNAP, end), hi + 1)
        hi = space + 1 if space != -1 else hi
    left = _ELLIPSIS if lo > 0 else ""
    right = _ELLIPSIS if hi < n else ""
    return left + text[lo:hi] + right, start - lo + len(left), max(1, min(end, hi) - start)


def _show_fix(fix: str) -> str:
    # An empty fix deletes; quote a fix whose whitespace would otherwise be invisible.
    if not fix:
        return "delete"
    return fix if fix.isprintable() and fix == fix.strip() else repr(fix)


def _paint(severity: str, text: str, options: RenderOptions) -> str:
    return f"{_SEVERITY_COLOR[severity]}{text}{_RESET}" if options.color else text


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
