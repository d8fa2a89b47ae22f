"""The stable JSON format (ARCHITECTURE.md, "Output contract")."""

from __future__ import annotations

import json
from collections.abc import Callable
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
    return dumps(doc) + "\n"


_INDENT = "  "
_FLAT = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_SCALAR = json.JSONEncoder(ensure_ascii=False)
_FLAT_ENCODERS: dict[int, Callable[[Any], str]] = {}


def dumps(value: Any, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, byte for byte, at an indent `level`.

    The standard library writes indented JSON with its pure-Python encoder, one generator step
    per value. Here a list or dict of plain values (a finding, an article's section counts) is
    written in one call of the C encoder, with the newline and indent as its item separator;
    only the nesting above it is joined here.
    """
    if not value or not isinstance(value, dict | list | tuple):  # scalars, [] and {}
        return _SCALAR.encode(value)
    if isinstance(value, dict) and not _STR.issuperset(map(type, value)):  # keys made strings
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT * level)
    inner = "\n" + _INDENT * (level + 1)
    close = "\n" + _INDENT * level
    values = value.values() if isinstance(value, dict) else value
    if _FLAT.issuperset(map(type, values)):  # type by type, as the C encoder will
        flat = _flat_encoder(level)(value)  # "{" + items joined by ",\n  …" + "}"
        return flat[0] + inner + flat[1:-1] + close + flat[-1]
    if isinstance(value, dict):
        items = [f"{_SCALAR.encode(k)}: {dumps(v, level + 1)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + close + "}"
    return "[" + inner + ("," + inner).join(dumps(v, level + 1) for v in value) + close + "]"


def _flat_encoder(level: int) -> Callable[[Any], str]:
    """The C encoder with the item separator of this level, made once (`JSONEncoder.encode`
    makes a new one on every call)."""
    found = _FLAT_ENCODERS.get(level)
    if found is None:
        separator = ",\n" + _INDENT * (level + 1)
        make = getattr(json.encoder, "c_make_encoder", None)
        if make is None:  # pragma: no cover - a Python without the C accelerator
            found = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
        else:
            iterencode = make(
                None, _unserializable, json.encoder.encode_basestring, None, ": ", separator,
                False, False, True,
            )  # fmt: skip
            found = lambda v: "".join(iterencode(v, 0))  # noqa: E731
        _FLAT_ENCODERS[level] = found
    return found


def _unserializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


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
