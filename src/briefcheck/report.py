"""What a run produced: findings with positions, per-article summaries, per-file errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation, located. Lines and columns are 1-based; end_column is exclusive."""

    rule: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    article: int | None
    text: str
    message: str
    fix: str | None = None
    start: int = 0  # character offsets in the decoded source, for fixers and HTML
    end: int = 0


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """Per-article figures: byline as written, body words and words per part."""

    number: int
    byline: str | None  # as written; None when the article has none
    words: int
    sections: dict[str, int]
    start: int = 0  # offset of the article's first character (title or byline) in the text


@dataclass
class FileReport:
    """The result for one input: its articles and findings, or the error that stopped it."""

    path: str
    articles: list[ArticleSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    source_lines: list[str] = field(default_factory=list, repr=False)  # for showing context
    text: str = field(default="", repr=False)  # the decoded text, which finding offsets index


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a reporter may say about a rule (SARIF descriptors, help links, summaries)."""

    id: str
    severity: Severity
    kind: str
    summary: str
    rationale: str
    fix: str
    fixable: bool


@dataclass
class Report:
    """Everything one run found, in input order, and the rules that ran (by id)."""

    files: list[FileReport] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Summary counts: files, findings and findings per severity."""
        by = {"error": 0, "warning": 0, "info": 0}
        for f in self.files:
            for x in f.findings:
                by[x.severity] += 1
        return {
            "files": len(self.files),
            "findings": sum(by.values()),
            "errors": by["error"],
            "warnings": by["warning"],
            "infos": by["info"],
        }

    def worst(self) -> int:
        """Rank of the most severe finding, or -1 when there is none."""
        ranks = [SEVERITY_RANK[x.severity] for f in self.files for x in f.findings]
        return max(ranks, default=-1)
