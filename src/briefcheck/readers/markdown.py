"""Markdown reader: headings, paragraphs, list items and quotes as blocks with source offsets."""

from __future__ import annotations

import bisect
import re

from ..document import Block, Source
from .text import WS, is_byline, line_spans, starts_paragraph, strip_span

_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
_ITEM = re.compile(r" {0,3}(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)")
_COMMENT = re.compile(r"[ \t]*<!--")
# First characters of the lines that can open a construct; any other line is plain text.
_MARKS = frozenset("`~<=-*_#>+0123456789")
_FRONT_OPEN = re.compile(r"---[ \t]*$")
_FRONT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")


class _Parser:
    """One pass over the lines, collecting blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = line_spans(text)
        self.starts = [s for s, _ in self.lines]
        self.blocks: list[Block] = []
        self.para: list | None = None  # [start, end, setext-capable] of the open paragraph
        self.resume = -1

    def close(self) -> None:
        if self.para is None:
            return
        a, b, _ = self.para
        self.para = None
        # An HTML comment at the end of a paragraph ("… text. <!-- check -->") is not content.
        if self.text.endswith("-->", a, b):
            cut = self.text.rfind("<!--", a, b)
            if cut > a:
                b = strip_span(self.text, a, cut)[1]
        self.blocks.append(Block(a, b))

    def add(self, start: int, end: int) -> None:
        span = strip_span(self.text, start, end)
        if span:
            self.blocks.append(Block(*span))

    def front_matter(self) -> int:
        """Index of the first line after YAML front matter (0 when there is none)."""
        text, lines = self.text, self.lines
        if not _FRONT_OPEN.match(text, 0, lines[0][1]):
            return 0
        for i in range(1, len(lines)):
            if _FRONT_CLOSE.match(text, *lines[i]):
                return i + 1
        return 0  # never closed: a plain rule, not front matter

    def fence_end(self, i: int, fence: str) -> int:
        """Index of the line after the fence that closes the one opened on line i."""
        close = re.compile(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        for j in range(i + 1, len(self.lines)):
            if close.match(self.text, *self.lines[j]):
                return j + 1
        return len(self.lines)  # an unclosed fence runs to the end, as in CommonMark

    def run(self) -> list[Block]:
        """Walk the lines and return the blocks."""
        text, lines = self.text, self.lines
        i = self.front_matter()
        while i < len(lines):
            s, e = lines[i]
            if self.resume > s:  # the rest of a line after a comment that closed on it
                s, self.resume = self.resume, -1
            span = strip_span(text, s, e)
            if span is None:
                self.close()
                i += 1
            elif text[span[0]] in _MARKS and (after := self.construct(s, e, i)) >= 0:
                i = after
            else:
                self.plain(*span)
                i += 1
        self.close()
        return self.blocks

    def construct(self, s: int, e: int, i: int) -> int:
        """Handle a line opening a Markdown construct; the next line index, or -1 if it is text."""
        text = self.text
        if m := _FENCE.match(text, s, e):
            self.close()
            return self.fence_end(i, m.group(1))
        if m := _COMMENT.match(text, s, e):
            self.close()
            return self.skip_comment(m.end())
        if self.para and self.para[2] and (m := _SETEXT.match(text, s, e)):
            a, b, _ = self.para
            self.para = None
            self.blocks.append(Block(a, b, "heading", 1 if m.group(1)[0] == "=" else 2))
        elif _RULE.match(text, s, e):
            self.close()
        elif m := _ATX.match(text, s, e):
            self.close()
            self.heading(m.end(), e, len(m.group(1)))
        elif m := _QUOTE.match(text, s, e):
            self.close()
            self.add(m.end(), e)  # one block per quoted line keeps the markers out
        elif (m := _ITEM.match(text, s, e)) and self.item_starts(m, e):
            self.close()
            rest = strip_span(text, m.end(), e)
            if rest:
                self.para = [rest[0], rest[1], False]
        else:
            return -1
        return i + 1

    def plain(self, a: int, b: int) -> None:
        """A line of text: it continues the open paragraph unless it opens one of its own."""
        line = self.text[a:b]
        if self.para and not starts_paragraph(line):
            self.para[1] = b
        elif is_byline(line):  # a paragraph of its own, as in the text reader
            self.close()
            self.blocks.append(Block(a, b))
        else:
            self.close()
            self.para = [a, b, True]

    def item_starts(self, m: re.Match[str], end: int) -> bool:
        """A list marker opens an item, except where CommonMark lets it continue a paragraph."""
        if self.para is None or not self.para[2]:  # no paragraph, or the previous list item's
            return True
        empty = strip_span(self.text, m.end(), end) is None
        return not empty and m.group(1) in (None, "1")

    def skip_comment(self, pos: int) -> int:
        """Next line index after the HTML comment whose body starts at pos (sets `resume`)."""
        close = self.text.find("-->", pos)
        if close < 0:
            return len(self.lines)
        close += 3
        k = bisect.bisect_right(self.starts, close) - 1
        if strip_span(self.text, close, self.lines[k][1]):
            self.resume = close  # text follows the comment on its closing line
            return k
        return k + 1

    def heading(self, start: int, end: int, level: int) -> None:
        span = strip_span(self.text, start, end)
        if span is None:
            return
        a, b = span
        m = _ATX_CLOSE.search(self.text[a:b])  # a slice: `^` must mean the heading text's start
        if m:
            b = a + len(self.text[a : a + m.start()].rstrip(WS))
        if b > a:
            self.blocks.append(Block(a, b, "heading", level))


def blocks(text: str) -> list[Block]:
    """The blocks of a Markdown text, in order."""
    return _Parser(text).run()


def read(display: str, text: str, encoding: str, fallback: bool) -> Source:
    """Read a Markdown submission into heading and paragraph blocks."""
    return Source(
        path=display,
        text=text,
        blocks=tuple(blocks(text)),
        encoding=encoding,
        fallback_encoding=fallback,
        format="markdown",
    )
