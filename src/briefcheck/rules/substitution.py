"""Kind `substitution`: known slips as `wrong → right` data (house-typo, HOUSE_STYLE §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from briefcheck.document import Article
from briefcheck.model import ConfigDict, Field, Model, field_validator
from briefcheck.rules.base import Hit, match_case
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"wrong", "right", "note"})

# A slip matches as whole words: no letter, digit or hyphen may touch either end, nor an
# apostrophe inside a word ("o'…", "…'t"); a quote mark or a possessive "'s" may.
_EDGE_BEFORE = r"(?<![\w\-])(?<!\w['’])"
_EDGE_AFTER = r"(?![\w\-])(?!['’](?!s\b)\w)"


class Entry(Model):
    """One known slip: the wrong text (with enough context to be safe) and its correction."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
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
    def scanner(self) -> re.Pattern[str] | None:
        """`regex` in a form the regex engine searches about three times faster (None where it
        would not find the same slips): it starts with the character before the slip, which
        may be neither a letter, digit nor hyphen, and it groups the slips by first letter, so
        the engine skips to word starts and tries one group there, not every slip.

        A slip matched at the very start of the text has no character before it (`_finditer`
        asks `regex` about that position); two slips cannot touch, since each ends with a
        letter or digit and the next needs none before it.
        """
        if any(not re.match(r"\w", e.wrong[-1]) for e in self.entries):
            return None
        groups: dict[str, list[str]] = {}
        for e in sorted(self.entries, key=lambda e: -len(e.wrong)):
            first, rest = e.wrong[0], e.wrong[1:]
            heads = first.lower() + first.upper() if first.isalpha() else first
            for head in dict.fromkeys(heads):
                groups.setdefault(head, []).append(_body(rest))
        slips = "|".join(f"{re.escape(h)}(?:{'|'.join(b)})" for h, b in groups.items())
        return re.compile(rf"[^\w\-](?<!\w['’])(?P<slip>{slips}){_EDGE_AFTER}")

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
    return head + _body(rest)


def _body(rest: str) -> str:
    """A slip after its first letter: its words, any run of white space between them."""
    return r"\s+".join(re.escape(part) for part in rest.split(" "))


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each known slip in the rule's scope with its correction."""
    opts = rule.options
    for a, b in article.segments(rule.scope):
        for start, end, found in _finditer(opts, article.text, a, b):
            entry = opts.by_key.get(key(found))
            if entry is None:
                continue
            fix = match_case(found, entry.right)
            yield Hit(start, end, {"wrong": found, "right": fix, "note": entry.note}, fix)


def _finditer(opts: Options, text: str, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each match of `opts.regex` in text[a:b], found with the faster
    `opts.scanner` where there is one."""
    scanner = opts.scanner
    if scanner is None:
        for m in opts.regex.finditer(text, a, b):
            yield m.start(), m.end(), m.group()
        return
    pos = a - 1  # the scanner's match starts with the character before the slip
    if a == 0:  # ... which the first character of the text does not have
        m = opts.regex.match(text, 0, b)
        if m is not None:
            yield m.start(), m.end(), m.group()
        pos = m.end() if m is not None else 0
    for m in scanner.finditer(text, pos, b):
        yield m.start("slip"), m.end(), m.group("slip")
