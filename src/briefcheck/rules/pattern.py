"""Kind `pattern`: regular expressions that flag text, each with its own detail and optional fix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefcheck.document import SCOPES, Article
from briefcheck.rules.base import Hit, Regex
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"detail"})

# An opening single quote: at the start or after a space, bracket, dash or double quote.
_OPEN_QUOTE = re.compile(r"(?:^|(?<=[\s(\[“\"—–-]))['‘](?=\w)")
_CLOSE_QUOTE = re.compile(r"(?<=\w)['’](?=[\s,.;:!?)\]”\"—–]|$)")
# A double-quoted passage; one left open runs to the end of the paragraph.
_DOUBLE_QUOTED = re.compile(r"“[^”]*(?:”|\Z)|\"[^\"]*(?:\"|\Z)")


class Pattern(BaseModel):
    """A regex (Python syntax), what it means, and a replacement when the fix is certain."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    regex: Regex
    detail: str
    fix: str | None = Field(default=None, description=r"replacement; \1 and \g<name> expand groups")
    ignore_case: bool = False
    scope: str | None = Field(default=None, description="read only this part (default: the rule's)")
    skip_closing_quote: bool = Field(
        default=False, description="drop a match that ends a quotation opened with ‘ or '"
    )
    outside_quotes: bool = Field(
        default=False, description='drop a match inside a quotation (“…”, "…", ‘…’)'
    )

    @field_validator("scope")
    @classmethod
    def _scope(cls, v: str | None) -> str | None:
        if v is not None and v not in SCOPES:
            raise ValueError(f"unknown scope {v!r} (known: {', '.join(SCOPES)})")
        return v

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled regex (multi-line: ^ and $ match at line ends inside a paragraph)."""
        return re.compile(self.regex, re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0))


class Options(_Base):
    """The patterns of one rule, in order: where two overlap, the earlier one wins."""

    patterns: list[Pattern] = Field(min_length=1)


def fixable(options: Options) -> bool:
    """A pattern rule fixes when at least one of its patterns carries a fix."""
    return any(p.fix is not None for p in options.patterns)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield every match of every pattern in its scope; a span already flagged is skipped."""
    text = article.text
    taken: list[tuple[int, int]] = []
    for p in rule.options.patterns:
        for a, b in article.segments(p.scope or rule.scope):
            segment = text[a:b]
            quoted: list[tuple[int, int]] | None = None
            for m in p.compiled.finditer(segment):
                start, end = a + m.start(), a + m.end()
                if start == end and p.fix is None:
                    continue
                if p.skip_closing_quote and _closes_quote(segment, m.end()):
                    continue
                if p.outside_quotes:
                    quoted = _quoted(segment) if quoted is None else quoted
                    if any(s <= m.start() < e for s, e in quoted):
                        continue
                if any((s < end and start < e) or s == start for s, e in taken):
                    continue
                taken.append((start, end))
                fix = m.expand(p.fix) if p.fix is not None else None
                yield Hit(start, end, {"detail": p.detail}, fix)


def _closes_quote(segment: str, end: int) -> bool:
    """Whether the mark just before `end` closes a single-quoted phrase opened earlier."""
    before = segment[:end]
    opens = [m.start() for m in _OPEN_QUOTE.finditer(before)]
    if not opens:
        return False
    last_open = opens[-1]
    # a closing mark between that opening quote and this one means this one is not its partner
    return not any(m.end() < end for m in _CLOSE_QUOTE.finditer(before, last_open + 1))


def _quoted(segment: str) -> list[tuple[int, int]]:
    """Spans of the quotations in a paragraph: double-quoted ones, and ‘…’ or '…' that close."""
    spans = [m.span() for m in _DOUBLE_QUOTED.finditer(segment)]
    for m in _OPEN_QUOTE.finditer(segment):
        close = _CLOSE_QUOTE.search(segment, m.end())
        if close is not None:
            spans.append((m.start(), close.end()))
    return spans
