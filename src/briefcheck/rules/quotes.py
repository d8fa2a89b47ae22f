"""Kind `quotes`: quotation marks that do not pair up within a paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.document import Article
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
PARAMS = frozenset({"detail", "opening", "closing"})


class Options(_Base):
    """No options: straight double quotes must be even, curly ones must pair."""


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield one hit per paragraph whose double quotes do not balance."""
    text = article.text
    for a, b in article.segments(rule.scope):
        seg = text[a:b]
        straight = seg.count('"')
        if straight % 2:
            at = a + seg.rfind('"')
            yield Hit(
                at,
                at + 1,
                {
                    "detail": f"{straight} straight double quote{'s' if straight > 1 else ''} "
                    "(an odd number)",
                    "opening": straight,
                    "closing": straight,
                },
            )
        opening, closing = seg.count("“"), seg.count("”")
        if opening != closing:
            mark = "“" if opening > closing else "”"
            at = a + (seg.rfind(mark) if mark == "“" else seg.find(mark))
            yield Hit(
                at,
                at + 1,
                {
                    "detail": f"{opening} opening “ but {closing} closing ”",
                    "opening": opening,
                    "closing": closing,
                },
            )
