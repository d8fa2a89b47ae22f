"""Output formats: one `render(report, options) -> str` per format, listed in `REPORTERS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcheck.report import Finding, Report


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: ANSI colour, source excerpts under findings, per-article and run summaries."""

    color: bool = False
    show_source: bool = True
    summary: bool = True


DEFAULT_OPTIONS = RenderOptions()

Renderer = Callable[["Report", RenderOptions], str]


def finding_key(x: Finding) -> tuple[int, int, str]:
    """Order of findings within a file, the same in every format: line, column, rule."""
    return (x.line, x.column, x.rule)


def show_fix(fix: str) -> str:
    """A fix as the plain-text formats show it: quoted (its edge spaces stay visible), or
    `delete` for an empty fix (it removes the span)."""
    return "delete" if not fix else f"'{fix}'"


def _lazy(module: str) -> Renderer:
    """A renderer that imports `briefcheck.reporters.<module>` on first call."""

    # Importing every format up front would cost start-up time on each one-article run.
    def render(report: Report, options: RenderOptions = DEFAULT_OPTIONS) -> str:
        return import_module(f"{__name__}.{module}").render(report, options)

    render.__name__ = render.__qualname__ = f"render_{module}"
    render.__doc__ = f"Render with briefcheck.reporters.{module}."
    return render


REPORTERS: dict[str, Renderer] = {
    "text": _lazy("text"),
    "json": _lazy("json"),
    "github": _lazy("github"),
    "sarif": _lazy("sarif"),
    "junit": _lazy("junit"),
}
