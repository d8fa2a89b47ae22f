"""Kind `pattern`: regular expressions that flag text, each with its own detail and optional fix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from briefcheck.document import Article
from briefcheck.rules.base import Hit, Regex
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"detail"})


class Pattern(BaseModel):
    """A regex (Python syntax), what it means, and a replacement when the fix is certain."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    regex: Regex
    detail: str
    fix: str | None = Field(default=None, description=r"replacement; \1 and \g<name> expand groups")
    ignore_case: bool = False

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled regex (multi-line: ^ and $ match at line ends inside a paragraph)."""
        return re.compile(self.regex, re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0))


class Options(_Base):
    """The patterns of one rule."""

    patterns: list[Pattern] = Field(min_length=1)


def fixable(options: Options) -> bool:
    """A pattern rule fixes when at least one of its patterns carries a fix."""
    return any(p.fix is not None for p in options.patterns)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield every match of every pattern inside each segment of the rule's scope."""
    text = article.text
    for a, b in article.segments(rule.scope):
        segment = text[a:b]
        for p in rule.options.patterns:
            for m in p.compiled.finditer(segment):
                if m.end() == m.start() and p.fix is None:
                    continue
                fix = m.expand(p.fix) if p.fix is not None else None
                yield Hit(a + m.start(), a + m.end(), {"detail": p.detail}, fix)
