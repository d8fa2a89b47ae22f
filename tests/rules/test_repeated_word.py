"""Kind `repeated-word` (rule `repeated-word`): the same word twice in a row."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.rules.repeated_word import _REPEAT

PACK = load_pack("analyst")
RULE = PACK.rule("repeated-word")


def findings(text: str, rule=RULE) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule,)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


@pytest.mark.parametrize(
    ("text", "flagged", "column", "fix"),
    [
        ("The the talks stalled.", "The the", 1, "The"),
        ("Talks in the The capital.", "the The", 10, "the"),
        ("Their their leaders met.", "Their their", 1, "Their"),
        ("It is is clear.", "is is", 4, "is"),
        ("The talks  talks stalled.", "talks  talks", 5, "talks"),
        ("The talks\u00a0talks stalled.", "talks\u00a0talks", 5, "talks"),
    ],
)
def test_doubled_word_in_a_line(text, flagged, column, fix):
    assert findings(text) == [
        (
            "repeated-word",
            flagged,
            1,
            column,
            1,
            column + len(flagged),
            fix,
            f"'{fix}' is repeated",
        )
    ]


def test_across_a_line_break_in_a_hard_wrapped_paragraph():
    text = (
        "The delegation arrived for talks on water and energy in the\n"
        "the capital on Monday, and left for Tashkent on Tuesday morning.\n"
    )
    assert findings(text) == [
        ("repeated-word", "the\nthe", 1, 57, 2, 4, "the", "'the' is repeated"),
    ]


def test_not_across_paragraphs():
    text = "The first paragraph ends with the\n\nthe second paragraph starts here."
    assert findings(text) == []


def test_not_across_one_line_paragraphs():
    text = "By Jane Doe\nThe lead ends in\nin the next paragraph."
    assert findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough.",
        "HAD HAD",
        "He said that that was final.",
        "Bora Bora and Walla Walla are far away.",
        "The theory of the thematic map.",
        "A one-by-one, in-in-law count.",
        "The 1 1 2 sequence.",
        "Kyrgyzstan’s Kyrgyzstan-based firms.",
        "The talks_talks are a name.",
    ],
)
def test_allowed_and_non_repeats_pass(text):
    assert findings(text) == []


def test_allow_list_is_an_option():
    strict = RULE.with_options({"allow": []})
    assert findings("He had had enough.", strict) == [
        ("repeated-word", "had had", 1, 4, 1, 11, "had", "'had' is repeated"),
    ]


def test_several_repeats_and_positions():
    text = "By Jane Doe\nIt was was said.\nThe the end."
    assert findings(text) == [
        ("repeated-word", "was was", 2, 4, 2, 11, "was", "'was' is repeated"),
        ("repeated-word", "The the", 3, 1, 3, 8, "The", "'The' is repeated"),
    ]


def test_tripled_word_is_one_finding_that_fixes_it():
    assert findings("the the the end") == [
        ("repeated-word", "the the the", 1, 1, 1, 12, "the", "'the' is repeated"),
    ]


def test_doubled_contraction():
    assert findings("They don't don't agree.") == [
        ("repeated-word", "don't don't", 1, 6, 1, 17, "don't", "'don't' is repeated"),
    ]


# --- the regex, against the one it replaced ------------------------------------------------------

_PLAIN = re.compile(
    r"(?<![\w’'\-])([^\W\d_]+(?:['’][^\W\d_]+)*)(?:\s+\1)+(?![\w’'\-])", re.IGNORECASE
)
_PIECES = st.sampled_from(
    ["the", "The", "THE", "then", "don’t", "don't", "don", "t", "’", "'", "-", "a", "A", "İ",
     "i", "Σ", "σ", "ς", "ſ", "s", "K", "k", "5", "_", " ", "  ", "\n", "\u00a0", ".", "(", "“"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 10))
def test_possessive_regex_finds_what_the_plain_one_found(text: str, start: int) -> None:
    """`++` and `*+` in `_REPEAT` give up no match: the same spans and groups, from any start."""
    start = min(start, len(text))
    got = [(m.span(), m.group(1)) for m in _REPEAT.finditer(text, start)]
    assert got == [(m.span(), m.group(1)) for m in _PLAIN.finditer(text, start)]
