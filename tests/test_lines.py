"""Line ends: `Source.lines`, `Source.position` and the text reader's `line_spans` split a text
with `str.split` where it has no CR, and with the CRLF|CR|LF regex otherwise: the same lines
either way, in every mix of line ends."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.document import Source, split_lines
from briefcheck.readers.text import line_spans

EOL = re.compile(r"\r\n|\r|\n")
TEXTS = st.lists(
    st.sampled_from(["a", "bc", " ", "\n", "\r", "\r\n", "\n\r", "\u2028", "\v", "é"]), max_size=20
).map("".join)


def reference_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in EOL.finditer(text))]


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_lines_and_positions_as_the_regex_counts_them(text: str) -> None:
    source = Source("t.txt", text, ())
    assert source.lines() == split_lines(text) == EOL.split(text)
    starts = reference_starts(text)
    for offset in range(len(text) + 1):
        line = max(i for i, s in enumerate(starts) if s <= offset)
        assert source.position(offset) == (line + 1, offset - starts[line] + 1)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_line_spans_as_the_regex_finds_them(text: str) -> None:
    ends = [m.span() for m in EOL.finditer(text)]
    starts = [0, *(e for _, e in ends)]
    expected = list(zip(starts, [s for s, _ in ends] + [len(text)], strict=True))
    assert line_spans(text) == expected
