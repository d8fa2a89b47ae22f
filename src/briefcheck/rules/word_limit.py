"""Kind `word-limit`: house word counts per part against a range (HOUSE_STYLE §2)."""

from __future__ import annotations

from collections.abc import Iterator

from briefcheck.document import SCOPES, Article
from briefcheck.model import ConfigDict, Model, field_validator, model_validator
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False
PARAMS = frozenset({"part", "words", "min", "max", "limit", "bound", "delta", "direction"})

_PART_NAMES = {
    "body": "body",
    "lead": "lead",
    "background": "BACKGROUND",
    "implications": "IMPLICATIONS",
    "conclusion": "CONCLUSION",
    "bio": "author bio",
    "title": "title",
}


class Range(Model):
    """Inclusive word range; either end may be open."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _order(self) -> Range:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class Options(_Base):
    """Ranges by part (a scope name: body, lead, background, …)."""

    limits: dict[str, Range]

    @field_validator("limits")
    @classmethod
    def _parts(cls, v: dict[str, Range]) -> dict[str, Range]:
        for part in v:
            if part not in _PART_NAMES or part not in SCOPES:
                raise ValueError(f"unknown part {part!r} (known: {', '.join(_PART_NAMES)})")
        return v


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield a hit for each part whose word count is outside its range.

    Under the minimum: an empty span at the end of the part (where words are missing).
    Over the maximum: the words beyond it, so an editor sees where the excess starts.
    """
    for part, rng in rule.options.limits.items():
        if part != "body" and not article.is_brief:
            continue
        n = article.words(part)  # counted once per article, whichever rule asks first
        if not n:
            continue  # a missing part is reported by the anatomy rules
        params = {"part": _PART_NAMES[part], "words": n, "min": rng.min, "max": rng.max}
        if rng.min is not None and n < rng.min:
            end = article.segments(part)[-1][1]
            params |= {
                "limit": rng.min,
                "bound": "minimum",
                "delta": rng.min - n,
                "direction": "short",
            }
            yield Hit(end, end, params)
        elif rng.max is not None and n > rng.max:
            params |= {
                "limit": rng.max,
                "bound": "maximum",
                "delta": n - rng.max,
                "direction": "over",
            }
            # from the first word over the limit to the last word
            yield Hit(article.word_at(part, rng.max)[0], article.word_at(part, -1)[1], params)
