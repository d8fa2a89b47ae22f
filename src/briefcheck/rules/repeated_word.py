"""Kind `repeated-word`: the same word twice in a row ("the the")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefcheck.document import Article
from briefcheck.model import Field
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"word"})

# a word (apostrophes inside allowed: "don't") followed by one or more copies of itself.
# The possessive `++` and `*+` give up nothing on backtracking that could have matched (a
# shorter run of letters is followed by a letter, neither an apostrophe nor a space), so the
# matches are those of the plain `+` and `*`, found without retrying every shorter word.
_REPEAT = re.compile(
    r"(?<![\w’'\-])([^\W\d_]++(?:['’][^\W\d_]++)*+)(?:\s++\1)+(?![\w’'\-])", re.IGNORECASE
)


class Options(_Base):
    """Words that may legitimately repeat ("had had", "that that")."""

    allow: list[str] = Field(default_factory=list)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each doubled word; the fix keeps the first."""
    allowed = {w.lower() for w in rule.options.allow}
    for a, b in article.segments(rule.scope):
        for m in _REPEAT.finditer(article.text, a, b):
            if m.group(1).lower() in allowed:
                continue
            yield Hit(m.start(), m.end(), {"word": m.group(1)}, m.group(1))
