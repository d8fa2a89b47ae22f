"""One line for a pydantic validation error, for every file briefcheck validates (style packs,
rule files, vocabularies, configurations): `KEY.PATH: problem`, the first problem of several."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


def first_error(exc: ValidationError, prefix: str = "") -> str:
    """`PREFIX + key.path: problem (and N more)`; an unknown key says so plainly."""
    errors = exc.errors()
    err = errors[0]
    loc = ".".join(str(x) for x in err["loc"])
    where = prefix + loc if loc else (prefix.rstrip(".") or "(top level)")
    msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
    msg = msg.removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {msg}{more}"
