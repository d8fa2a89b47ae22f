"""Kind `review-state`: tracked changes or comments left in a Word document (file level)."""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.document import Source
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
LEVEL = "file"
PARAMS = frozenset({"changes", "comments"})


class Options(_Base):
    """No options."""


def check(rule, source: Source) -> Iterator[Hit]:
    """One hit at the top of a document that still holds tracked changes or comments."""
    changes, comments = source.review
    if changes or comments:
        yield Hit(
            0,
            0,
            {"changes": _count(changes, "tracked change"), "comments": _count(comments, "comment")},
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
