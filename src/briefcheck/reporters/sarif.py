"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import briefcheck
from briefcheck.report import FileReport, Finding, Report, RuleInfo
from briefcheck.reporters import DEFAULT_OPTIONS, RenderOptions, finding_key

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/briefcheck/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "briefcheckFinding/v1"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(
    report: Report, options: RenderOptions = DEFAULT_OPTIONS, *, root: Path | None = None
) -> str:
    """The report as a SARIF log with one run; paths are relative to `root` (default: cwd)."""
    # Options only shape human output. `root` is what %SRCROOT% means: where the paths start.
    base = (root or Path.cwd()).absolute()
    rules = _rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [
        _result(f, x, index, occurrence, base)
        for f in report.files
        for x, occurrence in _occurrences(f)
    ]
    notifications = [_notification(f, base) for f in report.files if f.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    version = briefcheck.__version__
    run = {
        "tool": {
            "driver": {
                "name": "briefcheck",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _dir_uri(base)}},
        "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
        "results": results,
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def fingerprint(rule: str, uri: str, text: str, occurrence: int) -> str:
    """A result's identity across edits: rule, file URI, flagged text and its occurrence number."""
    # No line number, so that an edit above the finding does not make it look new.
    key = "\0".join((rule, uri, text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def pascal_case(rule_id: str) -> str:
    """`house-typo` → `HouseTypo`: SARIF's `name` for a rule."""
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def artifact_location(path: str, base: Path) -> dict[str, str]:
    """Where a reported path is, as SARIF wants it: a relative URI under %SRCROOT% if it can be."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(base)
        except ValueError:
            return {"uri": p.as_uri()}  # outside the root: an absolute file URI
    posix = PurePosixPath(*p.parts).as_posix() if p.parts else path
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _rules(report: Report) -> list[dict[str, Any]]:
    infos = dict(report.rules)
    # A finding of a rule the report does not describe still needs a descriptor to point at.
    for f in report.files:
        for x in f.findings:
            if x.rule not in infos:
                infos[x.rule] = RuleInfo(x.rule, x.severity, "", "", "", "", False)
    return [_descriptor(infos[k]) for k in sorted(infos)]


def _descriptor(r: RuleInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id}
    name = pascal_case(r.id)
    # SARIF1001: a name equal to the id (ignoring case, as for `mojibake`) must be left out.
    if name.casefold() != r.id.casefold():
        out["name"] = name
    if r.summary:
        out["shortDescription"] = {"text": r.summary}
    if r.rationale:
        out["fullDescription"] = {"text": r.rationale}
    help_text = [s for s in (r.summary, r.rationale, f"Fix: {r.fix}" if r.fix else "") if s]
    if help_text:
        help_md = [*help_text[:-1], f"**Fix:** {r.fix}"] if r.fix else help_text
        out["help"] = {"text": "\n\n".join(help_text), "markdown": "\n\n".join(help_md)}
    out["defaultConfiguration"] = {"level": LEVEL[r.severity]}
    tags = ["house-style", r.kind] if r.kind else ["house-style"]
    out["properties"] = {"kind": r.kind, "fixable": r.fixable, "tags": tags}
    return out


def _occurrences(f: FileReport) -> list[tuple[Finding, int]]:
    """Findings in report order, each with how many earlier ones share its rule and text."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for x in sorted(f.findings, key=finding_key):
        out.append((x, seen[x.rule, x.text]))
        seen[x.rule, x.text] += 1
    return out


def _result(
    f: FileReport, x: Finding, index: dict[str, int], occurrence: int, base: Path
) -> dict[str, Any]:
    where = artifact_location(f.path, base)
    region = _region(x)
    if x.text:
        region["snippet"] = {"text": x.text}
    out: dict[str, Any] = {
        "ruleId": x.rule,
        "ruleIndex": index[x.rule],
        "level": LEVEL[x.severity],
        "message": {"text": x.message},
        "locations": [{"physicalLocation": {"artifactLocation": where, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint(x.rule, where["uri"], x.text, occurrence)},
    }
    if x.fix is not None:
        replacement = {"deletedRegion": _region(x), "insertedContent": {"text": x.fix}}
        change = {"artifactLocation": dict(where), "replacements": [replacement]}
        out["fixes"] = [{"description": {"text": _fix_text(x)}, "artifactChanges": [change]}]
    out["properties"] = {"article": x.article}
    return out


def _region(x: Finding) -> dict[str, Any]:
    # Same convention as ours: 1-based, end column exclusive; an empty span is an insertion point.
    end_column = x.end_column if (x.end_line, x.end_column) > (x.line, x.column) else x.column
    end_line = max(x.end_line, x.line)
    return {
        "startLine": x.line,
        "startColumn": x.column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _fix_text(x: Finding) -> str:
    if not x.fix:
        return f"Delete '{x.text}'." if x.text else "Delete the span."
    return f"Replace '{x.text}' with '{x.fix}'." if x.text else f"Insert '{x.fix}'."


def _notification(f: FileReport, base: Path) -> dict[str, Any]:
    where = {"physicalLocation": {"artifactLocation": artifact_location(f.path, base)}}
    return {"level": "error", "message": {"text": f"{f.path}: {f.error}"}, "locations": [where]}


def _dir_uri(base: Path) -> str:
    uri = base.as_uri()
    return uri if uri.endswith("/") else f"{uri}/"
