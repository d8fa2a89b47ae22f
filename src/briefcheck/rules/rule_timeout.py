"""Kind `rule-timeout`: a rule stopped because it ran past its time budget (engine-driven).

The engine runs every other rule within the budget these options set (`briefcheck.budget`) and
yields this rule's findings, one per stopped rule and file, after all other rules; this kind
carries the options, the message parameters and the level.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.model import Field
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
LEVEL = "engine"
PARAMS = frozenset({"rule", "kind", "budget"})


class Options(_Base):
    """The budget of one rule on one document: `seconds` plus `per_million_chars` per million
    characters of the document (so that a 5 MiB compiled issue gets proportionally more)."""

    seconds: float = Field(
        default=1.0, ge=0, description="seconds of CPU time per rule and file (0: none at all)"
    )
    per_million_chars: float = Field(
        default=2.0, ge=0, description="more seconds per million characters of the file"
    )


def check(rule, source) -> Iterator[Hit]:
    """Nothing to do on its own: the engine yields this rule's findings after all other rules."""
    return iter(())
