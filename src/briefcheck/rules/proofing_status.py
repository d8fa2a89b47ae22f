"""Kind `proofing-status`: the proofreading engine could not run (file level, after the others).

Spelling and grammar then yield nothing; this rule makes that visible instead of a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.document import Source
from briefcheck.proofing import EngineUnavailable
from briefcheck.rules.base import Hit
from briefcheck.rules.proofing import EngineOptions, engine_for

FIXABLE = False
LEVEL = "file"
PARAMS = frozenset({"engine", "cause"})


class Options(EngineOptions):
    """The engine settings (the same as the spelling and grammar rules')."""


def check(rule, source: Source) -> Iterator[Hit]:
    """One hit at the top of the file when the engine is unavailable."""
    if rule.options.engine == "off":
        return
    try:
        engine_for(rule)
    except EngineUnavailable as exc:
        yield Hit(0, 0, {"engine": rule.options.settings.resolved, "cause": str(exc)})
