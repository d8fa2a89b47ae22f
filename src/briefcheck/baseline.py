"""A baseline of known findings: record an archive's findings once, then report only new ones.

Findings are matched by file, rule, flagged text and the occurrence of that (rule, text) in the
file, not by line, so edits above a known finding do not make it new again.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from briefcheck.report import FileReport, Finding, Report

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file."""


def _keyed(f: FileReport, root: Path) -> Iterator[tuple[tuple[str, str, str, int], Finding]]:
    """Each finding of a file with its baseline key: path from the baseline's folder, rule,
    flagged text, and the occurrence of that (rule, text) in the file."""
    rel = _relative(f.path, root)
    seen: Counter[tuple[str, str]] = Counter()
    for x in f.findings:
        seen[(x.rule, x.text)] += 1
        yield (rel, x.rule, x.text, seen[(x.rule, x.text)]), x


def _keys(report: Report, root: Path) -> list[tuple[str, str, str, int]]:
    return [key for f in report.files for key, _ in _keyed(f, root)]


def _relative(path: str, root: Path) -> str:
    """The file's path from the baseline's folder, whatever the working directory."""
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


def write(report: Report, path: Path) -> int:
    """Record every finding of the report; returns how many."""
    keys = _keys(report, path.parent)
    entries = [{"path": p, "rule": r, "text": t, "occurrence": n} for p, r, t, n in keys]
    data = json.dumps({"version": VERSION, "findings": entries}, indent=1, ensure_ascii=False)
    from briefcheck.fixes import FixError, write_atomic

    try:
        write_atomic(path, (data + "\n").encode("utf-8"))
    except FixError as exc:
        raise BaselineError(f"{path}: cannot write: {exc}") from None
    return len(entries)


def load(path: Path) -> set[tuple[str, str, str, int]]:
    """The recorded findings of a baseline file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
        return {(e["path"], e["rule"], e["text"], int(e["occurrence"])) for e in data["findings"]}
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: not a briefcheck baseline ({exc})") from None


def filter_new(report: Report, known: set[tuple[str, str, str, int]], root: Path) -> int:
    """Drop the findings recorded in the baseline; returns how many were dropped."""
    dropped = 0
    for f in report.files:
        kept = [x for key, x in _keyed(f, root) if key not in known]
        dropped += len(f.findings) - len(kept)
        f.findings = kept
    return dropped
