"""Word statistics: each article's words per part against the pack's word limits."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from briefcheck.pack import Pack, Rule
    from briefcheck.report import ArticleSummary, FileReport, Report

Limits = Mapping[str, tuple[int | None, int | None]]
# One range per part for the whole run, or a function giving a file's own (its configuration).
LimitsFor = Limits | Callable[[str], Limits]
Status = Literal["ok", "short", "over", "missing"]

# The order of the table: the body sits after the parts it sums, the bio (not counted) last.
PARTS = ("title", "lead", "background", "implications", "conclusion", "body", "bio")
WORD_LIMIT_KIND = "word-limit"
_DASH = "–"
_JSON_KEYS = ("part", "words", "min", "max", "status", "delta")


@dataclass(frozen=True, slots=True)
class Row:
    """One part of one article: its words, its range (either end may be open) and the verdict."""

    path: str
    article: int
    byline: str | None
    part: str
    words: int
    min: int | None
    max: int | None
    status: Status
    delta: int | None  # words short of the minimum or over the maximum; 0 when ok


def limits_from_rules(rules: Iterable[Rule]) -> dict[str, tuple[int | None, int | None]]:
    """The word range per part of these word-limit rules (two rules on a part: both ranges)."""
    out: dict[str, tuple[int | None, int | None]] = {}
    for rule in rules:
        if rule.spec.kind != WORD_LIMIT_KIND:
            continue
        for part, rng in rule.options.limits.items():
            lo, hi = out.get(part, (None, None))
            out[part] = (_tighter(lo, rng.min, max), _tighter(hi, rng.max, min))
    return {p: out[p] for p in sorted(out, key=_part_order)}


def limits_from_pack(pack: Pack) -> dict[str, tuple[int | None, int | None]]:
    """The word range per part from the pack's enabled word-limit rules."""
    return limits_from_rules(r for r in pack.rules if r.spec.enabled)


def limits_for(limits: LimitsFor, path: str) -> Limits:
    """The ranges that apply to one file."""
    return limits(path) if callable(limits) else limits


def article_stats(report: Report, limits: LimitsFor) -> list[Row]:
    """A row per part per article per file, in input order; unreadable files give none."""
    return [row for f in report.files for _, rows in _file_rows(f, limits) for row in rows]


def render_stats_text(report: Report, limits: LimitsFor) -> str:
    """The statistics as aligned tables, one block per file and article."""
    files = [(f, _file_rows(f, limits)) for f in report.files]
    rows = [row for _, articles in files for _, rows in articles for row in rows]
    words_w = max([5, *(len(f"{r.words:,}") for r in rows)])
    range_w = max([5, *(len(format_range(r.min, r.max)) for r in rows)])
    part_w = max([len("implications"), *(len(r.part) for r in rows)])

    def line(part: str, words: str, rng: str, status: str) -> str:
        return f"    {part:<{part_w}}   {words:>{words_w}}   {rng:<{range_w}}  {status}".rstrip()

    blocks: list[str] = []
    for f, articles in files:
        out = [f.path]
        if f.error is not None:
            out.append(f"  error: {f.error}")
        elif not f.articles:
            out.append("  no articles")
        for a, article_rows in articles:
            out.append(f"  article {a.number}  {a.byline or '(no byline)'}")
            out.append(line("part", "words", "range", "status"))
            for r in article_rows:
                out.append(line(r.part, f"{r.words:,}", format_range(r.min, r.max), status_text(r)))
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _file_rows(f: FileReport, limits: LimitsFor) -> list[tuple[ArticleSummary, list[Row]]]:
    """Each article of a readable file with its rows (the file's limits looked up once)."""
    if f.error is not None:
        return []
    ranges = limits_for(limits, f.path)
    return [(a, article_rows(f.path, a, ranges)) for a in f.articles]


def render_stats_json(report: Report, limits: LimitsFor) -> str:
    """The statistics as one JSON object: files, each with its limits, articles and parts."""
    files = []
    for f in report.files:
        entry: dict[str, object] = {"path": f.path}
        if f.error is not None:
            entry["error"] = f.error
        else:
            ranges = limits_for(limits, f.path)
            entry["limits"] = {p: {"min": lo, "max": hi} for p, (lo, hi) in ranges.items()}
            entry["articles"] = [
                {
                    "number": a.number,
                    "byline": a.byline,
                    "words": a.words,
                    "parts": [
                        {k: getattr(r, k) for k in _JSON_KEYS}
                        for r in article_rows(f.path, a, ranges)
                    ],
                }
                for a in f.articles
            ]
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


def judge(words: int, lo: int | None, hi: int | None) -> tuple[Status, int | None]:
    """The verdict on a count: ok, short or over (with the delta), or missing when it is 0."""
    if words == 0:
        return "missing", None
    if lo is not None and words < lo:
        return "short", lo - words
    if hi is not None and words > hi:
        return "over", words - hi
    return "ok", 0


def status_text(row: Row) -> str:
    """E.g. `ok`, `76 short`, `17 over`, `missing`."""
    return verdict(row.status, row.delta)


def verdict(status: str, delta: int | None) -> str:
    """A status with its delta: `ok`, `76 short`, `17 over`, `missing`."""
    return f"{delta:,} {status}" if status in ("short", "over") and delta is not None else status


def format_range(lo: int | None, hi: int | None) -> str:
    """E.g. `1,200–1,400`, `≥ 20`, `≤ 15`, or `—` for no limit."""
    if lo is not None and hi is not None:
        return f"{lo:,}{_DASH}{hi:,}"
    if lo is not None:
        return f"≥ {lo:,}"
    if hi is not None:
        return f"≤ {hi:,}"
    return "—"


def article_rows(path: str, a: ArticleSummary, limits: Limits) -> list[Row]:
    """A row per part of one article (the body included), in the order of PARTS."""
    counts = dict(a.sections)
    counts["body"] = a.words
    rows = []
    for part in sorted(counts, key=_part_order):
        lo, hi = limits.get(part, (None, None))
        status, delta = judge(counts[part], lo, hi)
        rows.append(Row(path, a.number, a.byline, part, counts[part], lo, hi, status, delta))
    return rows


def _part_order(part: str) -> tuple[int, str]:
    return (PARTS.index(part) if part in PARTS else len(PARTS), part)


def _tighter(old: int | None, new: int | None, pick) -> int | None:
    if old is None or new is None:
        return new if old is None else old
    return pick(old, new)
