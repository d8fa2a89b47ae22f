"""Inline suppressions written as HTML comments, in .md and .txt alike.

`<!-- briefcheck: ignore RULE[,RULE] -- reason -->` silences those rules in the next paragraph;
`<!-- briefcheck: disable RULE[,RULE] -->` … `<!-- briefcheck: enable RULE[,RULE] -->` in a range
(to the end of the file when never enabled again). `all` stands for every rule. A directive that
silenced nothing is reported as `unused-suppression`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefcheck.document import Source
from briefcheck.report import Finding

# The reason follows " -- "; neither the rules nor the reason may run past the comment's "-->".
_DIRECTIVE = re.compile(
    r"<!--\s*briefcheck\s*:\s*(?P<verb>ignore|disable|enable)\b(?P<rules>(?:(?!-->|\s--\s)[^>])*)"
    r"(?:\s--(?!>)\s*(?P<reason>(?:(?!-->).)*?))?\s*-->",
    re.IGNORECASE | re.DOTALL,
)
# Fenced code in Markdown: a directive shown as an example there is not a directive.
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_RULES = re.compile(r"[\w-]+")


@dataclass
class Directive:
    """One suppression: the comment's span, the rules, and the text range it covers."""

    start: int
    end: int
    verb: str
    rules: frozenset[str]
    reason: str
    covers: tuple[int, int]
    used: bool = False
    unknown: list[str] = field(default_factory=list)

    def silences(self, finding: Finding) -> bool:
        """Whether this directive covers the finding."""
        a, b = self.covers
        in_range = a <= finding.start <= b if a < b else False
        return in_range and ("all" in self.rules or finding.rule in self.rules)


def directives(source: Source, known: set[str]) -> list[Directive]:
    """Every suppression comment in the source, with the range each one covers."""
    out: list[Directive] = []
    open_ranges: dict[str, Directive] = {}
    text = source.text
    if source.format == "markdown":  # blank out code fences, keeping every offset in place
        text = _FENCE.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)
    for m in _DIRECTIVE.finditer(text):
        verb = m.group("verb").lower()
        rules = frozenset(_RULES.findall(m.group("rules") or ""))
        reason = (m.group("reason") or "").strip()
        unknown = sorted(r for r in rules if r != "all" and r not in known)
        if verb == "ignore":
            block = next((b for b in source.blocks if b.start >= m.end()), None)
            covers = (block.start, block.end) if block else (m.end(), m.end())
            out.append(Directive(m.start(), m.end(), verb, rules, reason, covers, unknown=unknown))
        elif verb == "disable":
            d = Directive(m.start(), m.end(), verb, rules, reason, (m.end(), len(source.text)))
            d.unknown = unknown
            out.append(d)
            for r in rules:
                open_ranges[r] = d
        else:  # enable closes the ranges of the rules it names
            for r in rules:
                d = open_ranges.pop(r, None)
                if d is not None:
                    d.covers = (d.covers[0], m.start())
    return out


def apply(findings: list[Finding], found: list[Directive]) -> list[Finding]:
    """The findings that no directive silences; directives that silenced one are marked used."""
    kept = []
    for f in findings:
        hit = [d for d in found if d.silences(f)]
        for d in hit:
            d.used = True
        if not hit:
            kept.append(f)
    return kept
