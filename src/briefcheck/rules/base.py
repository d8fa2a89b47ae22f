"""What every rule kind shares: the hit it yields and the options base class."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any

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
