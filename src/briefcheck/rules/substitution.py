"""Kind `substitution`: known slips as `wrong → right` data (house-typo, HOUSE_STYLE §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefcheck.document import Article
from briefcheck.rules.base import Hit, match_case
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"wrong", "right", "note"})

# A slip matches as whole words: no letter, digit or hyphen may touch either end, nor an
# apostrophe inside a word ("o'…", "…'t"); a quote mark or a possessive "'s" may.
_EDGE_BEFORE = r"(?<![\w\-])(?<!\w['’])"
_EDGE_AFTER = r"(?![\w\-])(?!['’](?!s\b)\w)"


class Entry(BaseModel):
    """One known slip: the wrong text (with enough context to be safe) and its correction."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    wrong: str = Field(min_length=2)
    right: str
    note: str = ""

    @field_validator("wrong")
    @classmethod
    def _strip(cls, v: str) -> str:
        if v != v.strip():
            raise ValueError(f"{v!r} has leading or trailing spaces")
        return v


class Options(_Base):
    """The list of slips."""

    entries: list[Entry] = Field(min_length=1)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """One alternation of every slip, longest first; the first letter matches either case."""
        alts = [_pattern(e.wrong) for e in sorted(self.entries, key=lambda e: -len(e.wrong))]
        return re.compile(f"{_EDGE_BEFORE}(?:{'|'.join(alts)}){_EDGE_AFTER}")

    @cached_property
    def by_key(self) -> dict[str, Entry]:
        """Entries by normalised wrong text."""
        return {key(e.wrong): e for e in self.entries}


def key(text: str) -> str:
    """Normalise a matched slip: first letter lower-cased, runs of white space folded."""
    text = " ".join(text.split())
    return text[:1].lower() + text[1:]


def _pattern(wrong: str) -> str:
    first, rest = wrong[0], wrong[1:]
    head = (
        f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        if first.isalpha()
        else re.escape(first)
    )
    return head + r"\s+".join(re.escape(part) for part in rest.split(" "))


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each known slip in the rule's scope with its correction."""
    opts = rule.options
    for a, b in article.segments(rule.scope):
        for m in opts.regex.finditer(article.text, a, b):
            entry = opts.by_key.get(key(m.group()))
            if entry is None:
                continue
            fix = match_case(m.group(), entry.right)
            yield Hit(
                m.start(), m.end(), {"wrong": m.group(), "right": fix, "note": entry.note}, fix
            )
