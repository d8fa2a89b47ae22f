"""Shared vocabulary: source text, blocks, article parts, and offset-to-position mapping."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import Any, Literal, TypeVar

BlockKind = Literal["paragraph", "heading"]
T = TypeVar("T")

# A word is a whitespace-separated token with at least one letter or digit (HOUSE_STYLE §2).
_TOKEN = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
# A token without a letter or digit ("–", "&", "***"), after whitespace or at the start. `\s` and
# `str.split()` agree on what whitespace is (both ask `str.isspace`); the possessive `++` keeps
# the scan linear on a long run of punctuation.
_BARE_TOKEN = re.compile(r"\s(?:[^\w\s]|_)++(?!\S)")
_BARE_FIRST = re.compile(r"(?:[^\w\s]|_)++(?!\S)")
_EOL = re.compile(r"\r\n|\r|\n")  # the only line ends; \v, \f, U+2028 stay inside a line


class InputError(Exception):
    """A file that cannot be read as a submission; the message names the cause."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph (or heading) of the source: `start`/`end` bound its content in `Source.text`.

    For a Markdown heading the span excludes the `#` marks; `level` is the heading level (0 for a
    paragraph). `style` carries a reader's hint such as `bold-label` (a .docx bold run-in label).
    """

    start: int
    end: int
    kind: BlockKind = "paragraph"
    level: int = 0
    style: str = ""


@dataclass(frozen=True)
class Source:
    """A decoded submission: the text exactly as in the file (line ends kept) and its blocks."""

    path: str
    text: str
    blocks: tuple[Block, ...]
    encoding: str = "utf-8"
    fallback_encoding: bool = False  # True when the bytes were not valid UTF-8 and cp1252 was used
    format: str = "text"  # text | markdown | docx
    review: tuple[int, int] = (0, 0)  # (tracked changes, comments) left in a Word document
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def block_text(self, block: Block) -> str:
        """The content of one block."""
        return self.text[block.start : block.end]

    def lines(self) -> list[str]:
        """The text's lines, split exactly where `position` counts a new line."""
        return split_lines(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; CRLF, CR and LF all end a line."""
        starts = self._line_starts
        if not starts:
            starts.append(0)
            starts.extend(accumulate(len(x) + n for x, n in _line_ends(self.text)))
            starts.pop()  # the last line has no end
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1


def split_lines(text: str) -> list[str]:
    """The lines of a text, line ends (CRLF, CR, LF) left out; `str.split` where there is no CR."""
    return text.split("\n") if "\r" not in text else _EOL.split(text)


def _line_ends(text: str) -> Iterator[tuple[str, int]]:
    """Each line of the text with the length of the line end after it (0 after the last)."""
    if "\r" not in text:
        lines = text.split("\n")
        return zip(lines, [*repeat(1, len(lines) - 1), 0], strict=True)
    ends = [len(m.group()) for m in _EOL.finditer(text)]
    return zip(_EOL.split(text), [*ends, 0], strict=True)


def count_words(text: str) -> int:
    """House word count: whitespace-separated tokens that contain a letter or digit.

    Counted as all tokens less the bare ones, each a C-level scan: no Python loop per word.
    """
    bare = len(_BARE_TOKEN.findall(text)) + (_BARE_FIRST.match(text) is not None)
    return len(text.split()) - bare


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the house words in text[start:end] (absolute offsets)."""
    stop = len(text) if end is None else end
    return [
        (m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop) if _ALNUM.search(m.group())
    ]


@dataclass(frozen=True, slots=True)
class Label:
    """A section label as written: its span, the canonical section it names and how it deviates."""

    start: int
    end: int
    section: str  # canonical name: background | implications | conclusion | bio | key_issue
    canonical: str  # the house form, e.g. "BACKGROUND:"
    exact: bool  # written exactly in a house form for this format
    form: str  # "run-in" | "heading" | "bold" | "plain-line" | "missing" (an unlabelled bio)


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled part of an article: its label and the spans of its prose (label excluded)."""

    name: str
    label: Label
    segments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        """Offset where the section begins (its label)."""
        return self.label.start

    @property
    def end(self) -> int:
        """Offset just past the section's last prose (or its label when empty)."""
        return self.segments[-1][1] if self.segments else self.label.end


@dataclass(frozen=True)
class Article:
    """One submission found in a source: its parts as spans into `text`."""

    number: int
    text: str
    start: int
    end: int
    title: Block | None = None
    byline: Block | None = None
    authors: tuple[str, ...] = ()  # names from the byline, in order
    preamble: tuple[Block, ...] = ()  # blocks before the byline other than the title
    lead: tuple[tuple[int, int], ...] = ()  # lead prose spans (a lead label excluded)
    lead_label: Label | None = None  # a tolerated label such as "KEY ISSUE:"
    photo: Block | None = None
    photo_candidates: tuple[Block, ...] = ()  # short lines near the lead that look like credits
    sections: tuple[Section, ...] = ()  # in order of appearance, duplicates kept
    bio: Section | None = None
    trailing: tuple[Block, ...] = ()  # anything after the bio
    blocks: tuple[Block, ...] = ()  # every block of the article, in order
    is_brief: bool = True  # False when there is no byline and no section label at all
    # What is worked out once per article (`memo`): the spans of a scope, the house word count
    # of a span (the word-limit rules, the summary and the anatomy rules ask for the same
    # parts), and what the rules of one kind share.
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def section(self, name: str) -> Section | None:
        """The first section with this canonical name, if any."""
        return next((s for s in self.sections if s.name == name), None)

    def segments(self, scope: str) -> list[tuple[int, int]]:
        """The text spans a rule with this scope reads (see `SCOPES`); a new list each time."""
        return list(self.memo(("segments", scope), lambda: tuple(_SCOPE_FUNCS[scope](self))))

    def words(self, scope: str) -> int:
        """House word count over a scope."""
        return sum(self.span_words(a, b) for a, b in self.segments(scope))

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, computed once per article and key: rules of one kind share their reading of
        the article (the two acronym rules scan it once). The value must not be changed."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    def span_words(self, start: int, end: int) -> int:
        """House word count of text[start:end], counted once per article."""
        return self.memo(("words", start, end), lambda: count_words(self.text[start:end]))

    def word_at(self, scope: str, index: int) -> tuple[int, int]:
        """The span of the scope's house word number `index` (from 0; negative: from the end),
        found from the counts: only the one segment that holds it is split into words."""
        segments = self.segments(scope)
        counts = [self.span_words(a, b) for a, b in segments]
        i = index + sum(counts) if index < 0 else index
        for (a, b), n in zip(segments, counts, strict=True):
            if 0 <= i < n:
                return word_spans(self.text, a, b)[i]
            i -= n
        raise IndexError(f"no word {index} in {scope}")

    @property
    def byline_text(self) -> str:
        """The byline as written, or an empty string."""
        return self.text[self.byline.start : self.byline.end] if self.byline else ""


def _blocks(blocks: tuple[Block, ...] | list[Block]) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in blocks]


def _one(block: Block | None) -> list[tuple[int, int]]:
    return [(block.start, block.end)] if block else []


def _section(name: str):
    def get(a: Article) -> list[tuple[int, int]]:
        return [seg for s in a.sections if s.name == name for seg in s.segments]

    return get


def _body(a: Article) -> list[tuple[int, int]]:
    return list(a.lead) + [seg for s in a.sections for seg in s.segments]


def _prose(a: Article) -> list[tuple[int, int]]:
    segs = _one(a.title) + _body(a)
    return segs + (list(a.bio.segments) if a.bio else [])


_SCOPE_FUNCS = {
    "title": lambda a: _one(a.title),
    "byline": lambda a: _one(a.byline),
    "lead": lambda a: list(a.lead),
    "photo": lambda a: _one(a.photo),
    "background": _section("background"),
    "implications": _section("implications"),
    "conclusion": _section("conclusion"),
    "bio": lambda a: list(a.bio.segments) if a.bio else [],
    "trailing": lambda a: _blocks(a.trailing),
    "body": _body,
    "prose": _prose,
    "all": lambda a: _blocks(a.blocks),
}

SCOPES: dict[str, str] = {
    "title": "the title line",
    "byline": "the byline",
    "lead": "the lead paragraphs",
    "photo": "the photo credit line",
    "background": "the BACKGROUND section, label excluded",
    "implications": "the IMPLICATIONS section, label excluded",
    "conclusion": "the CONCLUSION(S) section, label excluded",
    "bio": "the author bio, label excluded",
    "trailing": "anything after the author bio",
    "body": "lead + BACKGROUND + IMPLICATIONS + CONCLUSION, labels excluded (the counted body)",
    "prose": "title, body and bio, labels excluded",
    "all": "every paragraph of the article as written, labels and byline included",
}
