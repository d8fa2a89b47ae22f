"""Plain-text reader: a paragraph per line, or joined lines where a chunk is hard-wrapped prose."""

from __future__ import annotations

import re

from ..document import Block, Source

# Python's whitespace plus the zero-width marks that word processors leave at line edges
# (a stray BOM where two files were concatenated, zero-width spaces from web pages).
WS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u2060\ufeff"
)
# Line ends exactly as Source.position counts them, so that offsets and positions agree.
EOL = re.compile(r"\r\n|\r|\n")

WRAP_MIN = 30  # a wrapped line (not the last of its paragraph) is at least this long ...
WRAP_MAX = 100  # ... and no line of a hard-wrapped chunk is longer than this

# A run-in label at the start of a line ("BACKGROUND:", "AUTHORS’ BIO:", "**Background:**").
_LABEL = re.compile(r"(?:\*\*)?(?:[A-Z][A-Z’' ]{2,40}|[A-Z][a-z’']+(?: [A-Z][a-z’']+){0,3}):")
# A heading written with Markdown marks or as a whole bold line, even in a .txt file.
_HEADING = re.compile(r"#{1,6}[ \t]|\*\*[^*\r\n]+\*\*[:.]?$")
_BYLINE_END = re.compile(r"\s*[(|–—;]|\s-\s|\s+\d")
_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ*#")  # first characters of the patterns above
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
# Lower-case particles allowed inside a name in a byline ("By Ahmad al-Sayed and Jan de Vries").
_NAME_PARTICLES = frozenset(
    {"and", "&", "al", "el", "ul", "ud", "bin", "ibn", "bint", "da", "de", "del", "della"}
    | {"der", "di", "do", "dos", "du", "la", "le", "van", "von", "y", "e"}
)


def strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without surrounding whitespace, or None if it is blank."""
    line = text[start:end]
    left = line.lstrip(WS)
    if not left:
        return None
    a = end - len(left)
    return a, a + len(left.rstrip(WS))


def is_comment(text: str, span: tuple[int, int]) -> bool:
    """Whether text[span] is only an HTML comment (a briefcheck directive, an editor's note)."""
    return _COMMENT.fullmatch(text, *span) is not None


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, line end excluded."""
    spans = []
    pos = 0
    if "\r" not in text:  # the common case: the lines split off in C
        for line in text.split("\n"):
            end = pos + len(line)
            spans.append((pos, end))
            pos = end + 1
        return spans
    for m in EOL.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def is_byline(line: str) -> bool:
    """A stripped line of the form `By Name`, `By Name and Name (place)`: names after `By`."""
    if len(line) < 4 or not line.startswith("By") or line[2] not in WS:
        return False
    # Names end at a bracket, dash or number ("By Jane Doe (Tashkent)"); at least two words,
    # so that a sentence such as "By February 2025, Kabul had …" is not taken for a byline.
    words = _BYLINE_END.split(line[3:], maxsplit=1)[0].replace(",", " ").split()
    return 2 <= len(words) <= 12 and all(
        w[0].isupper() or w.split("-", 1)[0].lower() in _NAME_PARTICLES for w in words
    )


def starts_paragraph(line: str) -> bool:
    """A stripped line that opens a paragraph of its own: a run-in label, byline or heading."""
    if not line or line[0] not in _OPENERS:  # most wrapped lines start in lower case
        return False
    return bool(_LABEL.match(line) or _HEADING.match(line) or is_byline(line))


def is_alone(line: str) -> bool:
    """A stripped line that is a paragraph by itself: byline, heading, or a label with no text."""
    if not line or line[0] not in _OPENERS:
        return False
    if _HEADING.match(line) or is_byline(line):
        return True
    m = _LABEL.match(line)
    return m is not None and not line[m.end() :].strip("* \t")


def _may_be_short(line: str) -> bool:
    """Whether a line under 30 characters can still sit inside hard-wrapped prose."""
    # A heading or a bare label can; a byline cannot: a short byline over short lines is the
    # paragraph-per-line form (rule examples are written that way).
    return is_alone(line) and not is_byline(line)


def _chunk_blocks(text: str, lines: list[tuple[int, int]]) -> list[Block]:
    """A block per line, or joined lines where the chunk is hard-wrapped prose."""
    # Hard-wrapped: every line but the last is 30–100 characters long. Lines then join, except
    # where a run-in label, byline or heading starts a paragraph.
    sizes = [b - a for a, b in lines]
    width = max(sizes)
    if len(lines) < 2 or width > WRAP_MAX:
        return [Block(a, b) for a, b in lines]
    if not all(b - a >= WRAP_MIN or _may_be_short(text[a:b]) for a, b in lines[:-1]):
        return [Block(a, b) for a, b in lines]
    alone = [is_alone(text[a:b]) for a, b in lines]
    blocks = []
    start, end = lines[0]
    for k in range(1, len(lines)):
        (pa, pb), (a, b) = lines[k - 1], lines[k]
        # A line ending a sentence well short of the wrap width ends its paragraph: greedy
        # wrapping never leaves half a line empty unless the next word is enormous.
        joins = not (
            alone[k - 1]
            or starts_paragraph(text[a:b])
            or (2 * sizes[k - 1] < width and SENTENCE_END.search(text, pa, pb))
        )
        if joins:
            end = b
        else:
            blocks.append(Block(start, end))
            start, end = a, b
    blocks.append(Block(start, end))
    return blocks


def paragraphs(text: str) -> list[Block]:
    """The paragraph blocks of a plain text (blank lines separate chunks)."""
    blocks: list[Block] = []
    chunk: list[tuple[int, int]] = []
    for start, end in line_spans(text):
        span = strip_span(text, start, end)
        # A line that is only an HTML comment (a briefcheck directive, an editor's note) is
        # not text: it separates paragraphs like a blank line does.
        if span and not is_comment(text, span):
            chunk.append(span)
        elif chunk:
            blocks += _chunk_blocks(text, chunk)
            chunk = []
    if chunk:
        blocks += _chunk_blocks(text, chunk)
    return blocks


def read(display: str, text: str, encoding: str, fallback: bool) -> Source:
    """Read a plain-text submission into paragraph blocks."""
    return Source(
        path=display,
        text=text,
        blocks=tuple(paragraphs(text)),
        encoding=encoding,
        fallback_encoding=fallback,
        format="text",
    )
