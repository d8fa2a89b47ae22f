"""Kind `suppression`: reports suppression comments that silenced nothing (engine-driven).

The engine reads the comments (see `briefcheck.suppress`) because only it sees every rule's
findings; this kind carries the rule's options, message parameters and level.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
LEVEL = "engine"
PARAMS = frozenset({"directive", "rules", "reason", "problem"})


class Options(_Base):
    """No options."""


def check(rule, source) -> Iterator[Hit]:
    """Nothing to do on its own: the engine yields this rule's findings after all other rules."""
    return iter(())
