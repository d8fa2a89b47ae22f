"""What every rule kind shares: the hit it yields and the options base class."""

from __future__ import annotations

import _sre
import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from weakref import WeakKeyDictionary

from briefcheck.model import AfterValidator, ConfigDict, Model


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw result: a span in the source text, message parameters and an optional fix."""

    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None


class Options(Model):
    """Base for a kind's options: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a rule's regex; a bad one raises ValueError with the regex error (for pydantic)."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"bad regular expression «{pattern}»: {exc}") from None


# Patterns compiled from a parse tree (a kind's rewrite of a regex) have no text to be stored
# by; their program is kept here, so that a pack snapshot stores them as it stores the others
# (`briefcheck.cache`), and loading does not parse and compile them again.
_PROGRAMS: WeakKeyDictionary[re.Pattern[str], tuple] = WeakKeyDictionary()


def compile_tree(tree: Any, flags: int) -> re.Pattern[str]:
    """`re._compiler.compile(tree, flags)` for a parse tree of `re._parser`: the same pattern,
    made from a program that `program_of` gives back."""
    from re import _compiler  # type: ignore[attr-defined]

    state = tree.state
    code = [int(op) for op in _compiler._code(tree, flags)]
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    program = (None, int(flags | state.flags), code, state.groups - 1, dict(state.groupdict))
    return from_program((*program, tuple(indexgroup)))


def from_program(program: tuple) -> re.Pattern[str]:
    """The pattern of a `compile_tree` program (as stored), known to `program_of` again."""
    made = _sre.compile(*program)
    _PROGRAMS[made] = program
    return made


def program_of(pattern: re.Pattern[str]) -> tuple | None:
    """The `_sre.compile` arguments of a pattern made by `compile_tree` (None: not one)."""
    return _PROGRAMS.get(pattern)


def match_case(model: str, replacement: str) -> str:
    """Give the replacement the capitalisation of the text it replaces (Title, UPPER, lower)."""
    if model.isupper() and len(model) > 1:
        return replacement.upper()
    if model[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _compiles(pattern: str) -> str:
    compile_regex(pattern)
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]
"""A string that must compile as a Python regular expression (validated at load time)."""
