"""The editor's review page: one self-contained HTML file with every finding marked in place."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from briefcheck.report import SEVERITY_RANK, ArticleSummary, FileReport, Finding, Report
from briefcheck.stats import Limits, LimitsFor, article_rows, format_range, limits_for, verdict

SEVERITIES = ("error", "warning", "info")
_EOL_RUN = re.compile(r"(?:\r\n|\r|\n)+")
_EOL = re.compile(r"\r\n|\r|\n")
_PLURAL = {"error": "errors", "warning": "warnings", "info": "infos"}


@dataclass(frozen=True, slots=True)
class _Mark:
    """A finding placed in its file: its number (element ids) and clamped offsets."""

    key: int
    finding: Finding
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Group:
    """A stretch of a file's text shown under the headings of the articles it holds."""

    articles: tuple[ArticleSummary, ...]
    start: int
    end: int


def render_html(
    report: Report,
    texts: Mapping[str, str] | None,
    limits: LimitsFor,
    title: str = "briefcheck review",
) -> str:
    """The review page for a run; `texts` maps each path to its decoded text (else `f.text`)."""
    numbered = _number(report)
    sources = [(texts or {}).get(f.path, f.text) or "" for f in report.files]
    groups = [_article_groups(f, t) for f, t in zip(report.files, sources, strict=True)]
    body = [
        '<a class="skip" href="#findings-h">Skip to the list of findings</a>',
        '<header class="top">',
        f"<h1>{_e(title)}</h1>",
        f'<p class="summary">{_e(_summary(report))}</p>',
        "</header>",
        '<div class="layout">',
        '<main id="main">',
        _overview(report, numbered, groups),
    ]
    for fi, f in enumerate(report.files, 1):
        text, marks = sources[fi - 1], numbered[fi - 1]
        ranges = limits_for(limits, f.path)
        body.append(_file_section(fi, f, text, groups[fi - 1], marks, ranges))
    body += [_rules(report, numbered), "</main>", _sidebar(report, numbered), "</div>"]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        '<meta name="generator" content="briefcheck">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _highlight(text: str, start: int, end: int, marks: list[_Mark], wrapped: bool) -> str:
    """text[start:end] as HTML with each finding in a `<mark>`; crossing spans are split."""
    # Marks nest when one span holds another; when two cross, the inner one is closed and
    # reopened as a `<span class="hl cont">` fragment, so that a finding has exactly one <mark>
    # and the HTML stays well nested. An empty span is an empty mark that CSS draws as a flag.
    opens: dict[int, list[_Mark]] = defaultdict(list)
    closes: dict[int, list[_Mark]] = defaultdict(list)
    points: dict[int, list[_Mark]] = defaultdict(list)
    for m in marks:
        s = _snap(text, min(max(m.start, start), end))
        e = _snap(text, min(max(m.end, s), end))
        if s == e:
            points[s].append(m)
        else:
            opens[s].append(m)
            closes[e].append(m)
    out: list[str] = []
    stack: list[tuple[_Mark, bool]] = []  # (mark, is its head <mark> rather than a fragment)
    cursor = start
    for p in sorted({*opens, *closes, *points, end}):
        out.append(_source_text(text[cursor:p], wrapped))
        cursor = p
        ending = {m.key for m in closes.get(p, ())}
        reopen: list[_Mark] = []
        while ending:
            m, head = stack.pop()
            out.append("</mark>" if head else "</span>")
            if m.key in ending:
                ending.discard(m.key)
            else:
                reopen.append(m)
        for m in reversed(reopen):
            out.append(_open(m, head=False))
            stack.append((m, False))
        for m in sorted(points.get(p, ()), key=_order):
            out.append(_open(m, head=True, empty=True) + "</mark>")
        for m in sorted(opens.get(p, ()), key=lambda m: (-m.end, *_order(m))):
            out.append(_open(m, head=True))
            stack.append((m, True))
    out.extend("</mark>" if head else "</span>" for _, head in reversed(stack))
    return "".join(out)


def _article_groups(f: FileReport, text: str) -> list[_Group]:
    """A file's text split where its articles start, in the articles' order."""
    # An article starts at `ArticleSummary.start`, pulled back to the article's first finding
    # (text above a byline, say).
    firsts: dict[int, int] = {}
    for x in f.findings:
        if x.article is not None:
            firsts[x.article] = min(firsts.get(x.article, x.start), x.start)
    groups: list[tuple[list[ArticleSummary], int]] = []
    cursor = 0
    for a in f.articles:
        anchor = _anchor(text, a, cursor, firsts.get(a.number)) if groups else 0
        if anchor is None:  # not found after the previous article: show it with that one
            groups[-1][0].append(a)
            continue
        groups.append(([a], anchor))
        cursor = anchor + 1
    if not groups:
        return [_Group((), 0, len(text))]
    ends = [start for _, start in groups[1:]] + [len(text)]
    return [_Group(tuple(arts), s, e) for (arts, s), e in zip(groups, ends, strict=True)]


def _anchor(text: str, a: ArticleSummary, cursor: int, first: int | None) -> int | None:
    candidates = [a.start]
    if first is not None:
        candidates.append(first)
    candidates = [c for c in candidates if cursor <= c <= len(text)]
    if not candidates:
        return None
    anchor = min(candidates)
    line_start = max(text.rfind("\n", 0, anchor), text.rfind("\r", 0, anchor)) + 1
    return max(line_start, cursor)


def _number(report: Report) -> list[list[_Mark]]:
    """Every finding with a report-wide number, file by file in line/column/rule order."""
    out: list[list[_Mark]] = []
    key = 0
    for f in report.files:
        marks = []
        for x in sorted(f.findings, key=lambda x: (x.line, x.column, x.rule, x.start, x.end)):
            key += 1
            marks.append(_Mark(key, x, x.start, max(x.start, x.end)))
        out.append(marks)
    return out


def _file_section(
    fi: int, f: FileReport, text: str, groups: list[_Group], marks: list[_Mark], limits: Limits
) -> str:
    out = [f'<section class="file" id="file-{fi}" aria-labelledby="file-{fi}-h">']
    out.append(f'<h2 id="file-{fi}-h" class="path">{_e(f.path)}</h2>')
    if f.error is not None:
        out.append(f'<p class="file-error">Not checked: {_e(f.error)}</p>')
        return "\n".join([*out, "</section>"])
    whole = [m for m in marks if m.finding.article is None]
    if whole:
        out.append(f'<p class="counts">About the whole file: {_e(_counts_text(whole))}</p>')
    if not text:
        out.append('<p class="note">The source text is not available; see the findings list.</p>')
        return "\n".join([*out, "</section>"])
    wrapped = _hard_wrapped(text)
    for i, group in enumerate(groups):
        last = i == len(groups) - 1
        inside = [m for m in marks if group.start <= m.start and (last or m.start < group.end)]
        out.append(_article(fi, f, group, text, inside, marks, limits, wrapped))
    return "\n".join([*out, "</section>"])


def _article(
    fi: int,
    f: FileReport,
    group: _Group,
    text: str,
    inside: list[_Mark],
    marks: list[_Mark],
    limits: Limits,
    wrapped: bool,
) -> str:
    first = group.articles[0].number if group.articles else 0
    aid = f"a-{fi}-{first}"
    heads = [_article_title(a) for a in group.articles] or [f.path]
    out = [f'<article class="article" id="{aid}" aria-labelledby="{aid}-h">']
    out.append(f'<h3 id="{aid}-h">{_e(" · ".join(heads))}</h3>')
    numbers = {a.number for a in group.articles}
    own = [m for m in marks if m.finding.article in numbers]
    out.append(f'<p class="counts">{_chips(own)}</p>')
    for a in group.articles:
        out.append(_chart(aid, a, limits, len(group.articles) > 1))
    out.append(f'<h4 class="visually-hidden">Text of {_e(" · ".join(heads))}</h4>')
    body = _highlight(text, group.start, group.end, inside, wrapped)
    out.append(f'<div class="text{" wrapped" if wrapped else ""}">{body}</div>')
    return "\n".join([*out, "</article>"])


def _article_title(a: ArticleSummary) -> str:
    return f"Article {a.number}" + (f" — {a.byline}" if a.byline else " (no byline)")


def _chart(aid: str, a: ArticleSummary, limits: Limits, named: bool) -> str:
    caption = f"Words per part{f' (article {a.number})' if named else ''} against the house range"
    rows = []
    for row in article_rows("", a, limits):
        n, lo, hi, status = row.words, row.min, row.max, row.status
        scale = max(n, hi or 0, lo or 0, 1) * 1.15
        band = ""
        if lo is not None or hi is not None:
            left = (lo or 0) / scale * 100
            right = (hi if hi is not None else scale) / scale * 100
            band = f'<span class="band" style="left:{left:.1f}%;width:{right - left:.1f}%"></span>'
        bar = f'<span class="val st-{status}" style="width:{n / scale * 100:.1f}%"></span>'
        shown = verdict(status, row.delta)
        rows.append(
            f'<tr class="st-{status}"><th scope="row">{_e(row.part)}</th>'
            f'<td class="num">{n:,}</td><td class="rng">{_e(format_range(lo, hi))}</td>'
            f'<td class="barcell"><div class="bar" aria-hidden="true">{band}{bar}</div></td>'
            f'<td class="status">{_e(shown)}</td></tr>'
        )
    return (
        f'<table class="parts"><caption>{_e(caption)}</caption>'
        '<thead><tr><th scope="col">Part</th><th scope="col" class="num">Words</th>'
        '<th scope="col" class="rng">Range</th><th scope="col" class="barcell">'
        '<span class="visually-hidden">Chart</span></th><th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _overview(report: Report, numbered: list[list[_Mark]], groups: list[list[_Group]]) -> str:
    bodies = []
    for fi, (f, marks) in enumerate(zip(report.files, numbered, strict=True), 1):
        first = {a.number: g.articles[0].number for g in groups[fi - 1] for a in g.articles}
        rows = []
        if f.error is not None:
            rows.append(f'<td colspan="5" class="err">Not checked: {_e(f.error)}</td>')
        whole = [m for m in marks if m.finding.article is None]
        if f.error is None and (whole or not f.articles):
            rows.append(f'<td>whole file</td><td class="num"></td>{_count_cells(whole)}')
        for a in f.articles:
            own = [m for m in marks if m.finding.article == a.number]
            link = f'<a href="#a-{fi}-{first.get(a.number, a.number)}">{a.number}</a>'
            rows.append(
                f"<td>{link} {_e(a.byline or '(no byline)')}</td>"
                f'<td class="num">{a.words:,}</td>{_count_cells(own)}'
            )
        head = (
            f'<th scope="rowgroup" rowspan="{len(rows)}" class="path">'
            f'<a href="#file-{fi}">{_e(f.path)}</a></th>'
        )
        bodies.append(
            "<tbody>"
            + "".join(f"<tr>{head if i == 0 else ''}{r}</tr>" for i, r in enumerate(rows))
            + "</tbody>"
        )
    return (
        '<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>'
        '<table class="overview"><thead><tr><th scope="col">File</th>'
        '<th scope="col">Article</th><th scope="col" class="num">Body words</th>'
        '<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th>'
        '<th scope="col" class="num">Info</th></tr></thead>'
        f"{''.join(bodies)}</table></section>"
    )


def _count_cells(marks: list[_Mark]) -> str:
    c = Counter(m.finding.severity for m in marks)
    return "".join(
        f'<td class="num{" has-" + s if c[s] else ""}">{c[s]:,}</td>' for s in SEVERITIES
    )


def _chips(marks: list[_Mark]) -> str:
    c = Counter(m.finding.severity for m in marks)
    if not marks:
        return '<span class="chip none">no findings</span>'
    return " ".join(
        f'<span class="chip sev-{s}">{c[s]:,} {_e(s if c[s] == 1 else _PLURAL[s])}</span>'
        for s in SEVERITIES
        if c[s]
    )


def _counts_text(marks: list[_Mark]) -> str:
    c = Counter(m.finding.severity for m in marks)
    return ", ".join(f"{c[s]:,} {s if c[s] == 1 else _PLURAL[s]}" for s in SEVERITIES if c[s])


def _sidebar(report: Report, numbered: list[list[_Mark]]) -> str:
    all_marks = [m for marks in numbered for m in marks]
    sev = Counter(m.finding.severity for m in all_marks)
    rules = Counter(m.finding.rule for m in all_marks)
    boxes = "".join(
        f'<label class="check"><input type="checkbox" name="sev" value="{s}" checked> '
        f'<span class="chip sev-{s}">{_e(_PLURAL[s])}</span> ({sev[s]:,})</label>'
        for s in SEVERITIES
    )
    options = "".join(
        f'<option value="{_e(r)}">{_e(r)} ({n:,})</option>' for r, n in sorted(rules.items())
    )
    items = []
    for fi, (f, marks) in enumerate(zip(report.files, numbered, strict=True), 1):
        if not marks:
            continue
        items.append(f'<li class="group"><h3>{_e(f.path)}</h3><ol class="findings">')
        items.extend(_item(fi, m) for m in marks)
        items.append("</ol></li>")
    listing = (
        f'<ol class="files">{"".join(items)}</ol>' if items else '<p class="note">No findings.</p>'
    )
    return (
        '<aside class="side" aria-label="Findings">'
        '<section id="details" class="details" aria-labelledby="details-h" aria-live="polite">'
        '<h2 id="details-h">Details</h2><div id="details-body"><p class="note">'
        "Hover a highlighted passage for its message; click it to pin the details here."
        "</p></div></section>"
        f'<h2 id="findings-h">Findings <span class="shown" id="shown">({len(all_marks):,})</span>'
        "</h2>"
        '<form id="filters" class="filters" hidden><fieldset><legend>Severity</legend>'
        f'{boxes}</fieldset><label for="rule-filter">Rule</label>'
        f'<select id="rule-filter" name="rule"><option value="">all rules</option>{options}'
        "</select></form>"
        f'<div class="list">{listing}</div></aside>'
    )


def _item(fi: int, m: _Mark) -> str:
    x = m.finding
    where = f"{x.line}:{x.column}" + (f" · article {x.article}" if x.article is not None else "")
    change = _change(x)
    return (
        f'<li id="f-{m.key}" class="finding sev-{_e(x.severity)}" data-rule="{_e(x.rule)}" '
        f'data-sev="{_e(x.severity)}" data-file="{fi}">'
        f'<a class="loc" href="#m-{m.key}">{_e(where)}</a> '
        f'<span class="chip sev-{_e(x.severity)}">{_e(x.severity)}</span> '
        f'<a class="rule" href="#rule-{_e(x.rule)}"><code>{_e(x.rule)}</code></a>'
        f'<p class="msg">{_e(x.message)}</p>{change}</li>'
    )


def _change(x: Finding) -> str:
    """The flagged text and its fix: `old → new`, `old → delete`, `insert new`, or `old`."""
    old = f'<del title="flagged text">{_e(_clip(x.text))}</del>' if x.text else ""
    if x.fix is None:
        return f'<p class="change">{old}</p>' if old else ""
    new = f'<ins title="fix">{_e(x.fix)}</ins>' if x.fix else "delete"
    if not old:
        return f'<p class="change">fix: insert {new}</p>'
    arrow = '<span aria-hidden="true">→</span><span class="visually-hidden">fix:</span>'
    return f'<p class="change">{old} {arrow} {new}</p>'


def _rules(report: Report, numbered: list[list[_Mark]]) -> str:
    used = sorted({m.finding.rule for marks in numbered for m in marks})
    if not used:
        return ""
    out = []
    for rule in used:
        info = report.rules.get(rule)
        out.append(f'<dt id="rule-{_e(rule)}"><code>{_e(rule)}</code></dt>')
        if info is None:
            out.append("<dd></dd>")
            continue
        fix = f'<p class="rfix">{_e(info.fix)}</p>' if info.fix else ""
        out.append(
            f'<dd><p class="rsum">{_e(info.summary)}</p>'
            f'<p class="why">{_e(info.rationale)}</p>{fix}</dd>'
        )
    return (
        '<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Rules in this report</h2>'
        f'<dl class="rules">{"".join(out)}</dl></section>'
    )


def _open(m: _Mark, head: bool, empty: bool = False) -> str:
    x = m.finding
    tip = x.message
    if x.fix is not None:
        tip += f"\nfix: {x.fix}" if x.fix else "\nfix: delete"
    common = f'data-rule="{_e(x.rule)}" data-sev="{_e(x.severity)}" title="{_e(tip)}"'
    if not head:
        return f'<span class="hl cont sev-{_e(x.severity)}" data-of="m-{m.key}" {common}>'
    cls = f"sev-{_e(x.severity)}" + (" empty" if empty else "")
    label = f' aria-label="{_e(x.rule)}: {_e(x.message)}"' if empty else ""
    return f'<mark id="m-{m.key}" class="{cls}" {common}{label} tabindex="0">'


def _order(m: _Mark) -> tuple[int, str, int]:
    return (-SEVERITY_RANK.get(m.finding.severity, 0), m.finding.rule, m.key)


def _snap(text: str, p: int) -> int:
    # Never cut a CRLF in two: the halves would show as two line breaks.
    return p + 1 if 0 < p < len(text) and text[p - 1] == "\r" and text[p] == "\n" else p


def _source_text(s: str, wrapped: bool) -> str:
    """Escaped source text; line ends become gap spans (runs only, in hard-wrapped text)."""
    out = []
    pos = 0
    for m in _EOL_RUN.finditer(s):
        out.append(_e(s[pos : m.start()]))
        run = m.group()
        if wrapped and len(_EOL.findall(run)) == 1:
            out.append(run)
        else:
            out.append(f'<span class="nl">{run}</span>')
        pos = m.end()
    out.append(_e(s[pos:]))
    return "".join(out)


def _hard_wrapped(text: str) -> bool:
    """Whether paragraphs are wrapped lines separated by blank lines (not one line each)."""
    lines = [len(x) for x in _EOL.split(text) if x.strip()]
    if not lines or "\n\n" not in text.replace("\r\n", "\n").replace("\r", "\n"):
        return False
    return sorted(lines)[len(lines) // 2] < 100


def _summary(report: Report) -> str:
    c = report.counts()
    articles = sum(len(f.articles) for f in report.files)
    head = f"{c['files']:,} file{'s' if c['files'] != 1 else ''}, "
    head += f"{articles:,} article{'s' if articles != 1 else ''}"
    if not c["findings"]:
        return f"{head}, no findings"
    kinds = [(c[_PLURAL[s]], s) for s in SEVERITIES if c[_PLURAL[s]]]
    parts = ", ".join(f"{n:,} {s if n == 1 else _PLURAL[s]}" for n, s in kinds)
    return f"{head}, {c['findings']:,} finding{'s' if c['findings'] != 1 else ''}: {parts}"


def _clip(s: str, n: int = 160) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _e(s: object) -> str:
    return escape(str(s), quote=True)


_CSS = """
:root{--ink:#1d2433;--muted:#4a5365;--line:#d9dce3;--paper:#ffffff;--bg:#f4f3ef;
--err:#b42318;--err-bg:#fde4e1;--warn:#9a4a00;--warn-bg:#fdefcf;--info:#2f49b5;--info-bg:#e3e9fd;
--ok:#1f7a4d;--band:#d3ebdc}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:#1f4aa8}
code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
.top{padding:1.25rem 2rem 1rem;border-bottom:1px solid var(--line);background:var(--paper)}
.top h1{margin:0;font-size:1.35rem;font-weight:650;letter-spacing:.01em}
.summary{margin:.25rem 0 0;color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 24rem;gap:1.5rem;padding:1.5rem 2rem;
max-width:88rem;margin:0 auto;align-items:start}
main>section,.article{background:var(--paper);border:1px solid var(--line);border-radius:8px;
padding:1.25rem 1.5rem;margin:0 0 1.5rem}
section.file{background:none;border:0;padding:0}
h2{font-size:1.1rem;margin:0 0 .75rem}
h2.path{font:600 1rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
padding:.5rem 0;border-bottom:2px solid var(--ink);margin-bottom:1rem}
h3{font-size:1.05rem;margin:0 0 .5rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.has-error{color:var(--err);font-weight:650}td.has-warning{color:var(--warn);font-weight:650}
td.has-info{color:var(--info)}
td.err{color:var(--err)}
.overview th.path{font:500 .85rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
overflow-wrap:anywhere;width:30%}
.num,.rng,.status{white-space:nowrap}
.file-error{color:var(--err);font-weight:600}
.note{color:var(--muted)}
.counts{margin:0 0 .75rem}
.chip{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:600;
line-height:1.45rem;color:#fff}
.chip.sev-error{background:var(--err)}.chip.sev-warning{background:var(--warn)}
.chip.sev-info{background:var(--info)}.chip.none{background:var(--ok)}
table.parts{margin:.25rem 0 1rem;font-size:.875rem;max-width:40rem}
table.parts caption{text-align:left;font-weight:600;color:var(--muted);padding:0 0 .25rem;
font-size:.85rem}
table.parts td,table.parts th{padding:.15rem .5rem}
.barcell{width:45%}
.bar{position:relative;height:.8rem;margin-top:.3rem;background:#eef0f3;border-radius:3px;
overflow:hidden}
.bar .band{position:absolute;top:0;bottom:0;background:var(--band);
border-left:2px solid var(--ok);border-right:2px solid var(--ok)}
.bar .val{position:absolute;left:0;top:.2rem;height:.4rem;background:#5b6475;border-radius:2px}
.bar .val.st-short,.bar .val.st-over{background:var(--err)}
.bar .val.st-missing{background:none}
tr.st-short .status,tr.st-over .status,tr.st-missing .status{color:var(--err);font-weight:650}
tr.st-ok .status{color:var(--ok)}
.text{font:17px/1.7 Georgia,"Times New Roman",Times,serif;white-space:pre-wrap;
overflow-wrap:break-word;max-width:46rem;color:#141a26}
.text .nl{display:block;height:.7em;overflow:hidden}
mark,.hl{color:inherit;background:none;border-bottom:2px solid;padding:0 .05em;cursor:pointer}
mark.sev-error,.hl.sev-error{background:var(--err-bg);border-color:var(--err)}
mark.sev-warning,.hl.sev-warning{background:var(--warn-bg);border-color:var(--warn)}
mark.sev-info,.hl.sev-info{background:var(--info-bg);border-color:var(--info)}
mark mark{border-bottom-style:double;border-bottom-width:3px}
mark.empty{border:0;background:none;padding:0}
mark.empty::before{content:"\\2691\\00a0" attr(data-rule);font:600 11px/1 system-ui,sans-serif;
padding:.15rem .4rem;border-radius:3px;vertical-align:.15em;margin:0 .2rem;color:#fff;
white-space:nowrap}
mark.empty.sev-error::before{background:var(--err)}
mark.empty.sev-warning::before{background:var(--warn)}
mark.empty.sev-info::before{background:var(--info)}
mark:focus-visible{outline:2px solid var(--ink);outline-offset:1px}
.pinned{outline:2px solid var(--ink);outline-offset:1px}
.muted{background:none!important;border-bottom-color:transparent!important}
mark.empty.muted::before{opacity:.25}
.side{position:sticky;top:1rem;max-height:calc(100vh - 2rem);display:flex;flex-direction:column;
background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1rem}
.side h2{font-size:1rem}
.details{border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:.75rem}
.details .finding{list-style:none;padding:0;border:0}
.details{flex:0 0 auto;max-height:45vh;overflow:auto}
.side>h2,.filters{flex:0 0 auto}
.rule-doc{font-size:.85rem;margin-top:.5rem;padding-top:.5rem;border-top:1px dashed var(--line)}
.rule-doc p{margin:.2rem 0}.rule-doc .rsum{font-weight:600}.rule-doc .why{color:var(--muted)}
.filters{margin:0 0 .5rem}
.filters fieldset{border:0;padding:0;margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.5rem}
.filters legend{font-size:.8rem;color:var(--muted);margin-bottom:.2rem;padding:0}
.filters label[for]{font-size:.8rem;color:var(--muted);display:block}
.filters select{width:100%;font:inherit;padding:.25rem;border:1px solid #8a93a5;border-radius:4px}
.list{flex:1 1 auto;overflow:auto;min-height:8rem}
.files,.findings{list-style:none;margin:0;padding:0}
.group h3{font:600 .8rem/1.3 ui-monospace,Menlo,Consolas,monospace;color:var(--muted);
margin:.5rem 0 .25rem}
.finding{padding:.45rem .5rem;border-left:3px solid var(--line);margin:0 0 .35rem;
font-size:.875rem}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}
.finding.sev-info{border-left-color:var(--info)}
.finding.current{background:#eef1f7}
.finding p{margin:.15rem 0}
.finding .loc{font-variant-numeric:tabular-nums;margin-right:.25rem}
.change del,.change ins{text-decoration:none;white-space:pre-wrap;padding:0 .3rem;
border-radius:3px;font-family:Georgia,"Times New Roman",serif}
.change del{background:#f1f2f5;border:1px solid var(--line)}
.change ins{background:#dff2e7;border:1px solid #9fd3b5;color:#0f5132}
.rules dt{margin-top:.6rem;font-weight:600}.rules dd{margin:0 0 0 1rem}
.rules p{margin:.1rem 0}.rules .why{color:var(--muted);font-size:.9rem}
@media (max-width:64rem){.layout{grid-template-columns:1fr}.side{position:static;max-height:none}}
@media print{.side{display:none}.layout{display:block}}
"""

_JS = """
(function(){
"use strict";
var panel=document.getElementById("details-body");
var form=document.getElementById("filters");
var current=null;
function parts(id){return [document.getElementById(id)].concat(
  Array.prototype.slice.call(document.querySelectorAll('[data-of="'+id+'"]')));}
function pin(id){
  var item=document.getElementById("f-"+id.slice(2));
  if(!item){return;}
  if(current){parts(current).forEach(function(e){if(e){e.classList.remove("pinned");}});
    var old=document.getElementById("f-"+current.slice(2));
    if(old){old.classList.remove("current");}}
  current=id;
  parts(id).forEach(function(e){if(e){e.classList.add("pinned");}});
  item.classList.add("current");
  var list=item.closest(".list");
  if(list){var top=item.offsetTop-list.offsetTop;
    if(top<list.scrollTop||top+item.offsetHeight>list.scrollTop+list.clientHeight){
      list.scrollTop=top-8;}}
  var copy=item.cloneNode(true);copy.removeAttribute("id");copy.classList.remove("current");
  var box=document.createElement("ul");box.className="findings";box.appendChild(copy);
  panel.textContent="";panel.appendChild(box);
  var rule=document.getElementById("rule-"+item.getAttribute("data-rule"));
  if(rule&&rule.nextElementSibling){var doc=rule.nextElementSibling.cloneNode(true);
    var d=document.createElement("div");d.className="rule-doc";
    while(doc.firstChild){d.appendChild(doc.firstChild);}panel.appendChild(d);}
}
document.addEventListener("click",function(ev){
  var t=ev.target.closest?ev.target.closest("mark[id],.hl[data-of],a.loc"):null;
  if(!t){return;}
  if(t.tagName==="A"){pin(t.getAttribute("href").slice(1));return;}
  pin(t.id||t.getAttribute("data-of"));
});
document.addEventListener("keydown",function(ev){
  var t=ev.target;
  if(t&&t.tagName==="MARK"&&(ev.key==="Enter"||ev.key===" ")){ev.preventDefault();pin(t.id);}
});
function apply(){
  var sev={};
  Array.prototype.forEach.call(form.querySelectorAll('input[name="sev"]'),function(b){
    sev[b.value]=b.checked;});
  var rule=form.querySelector("select").value;
  function on(e){
    return sev[e.getAttribute("data-sev")]&&(!rule||e.getAttribute("data-rule")===rule);}
  var shown=0,total=0;
  Array.prototype.forEach.call(document.querySelectorAll(".list li.finding"),function(li){
    var v=on(li);li.hidden=!v;total++;if(v){shown++;}});
  Array.prototype.forEach.call(document.querySelectorAll("mark[data-rule],.hl[data-rule]"),
    function(m){m.classList.toggle("muted",!on(m));});
  document.getElementById("shown").textContent=
    shown===total?"("+total+")":"("+shown+" of "+total+")";
}
if(form){form.hidden=false;form.addEventListener("change",apply);}
})();
"""
