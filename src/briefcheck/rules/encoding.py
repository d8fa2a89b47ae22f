"""Kind `encoding`: a file that was not valid UTF-8 and was read as Windows-1252 (file level)."""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.document import Source
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
LEVEL = "file"
PARAMS = frozenset({"encoding"})


class Options(_Base):
    """No options."""


def check(rule, source: Source) -> Iterator[Hit]:
    """One hit at the top of a file that needed the cp1252 fallback."""
    if source.fallback_encoding:
        yield Hit(0, 0, {"encoding": source.encoding})
