"""Kind `quotes` (rule `unbalanced-quotes`): double quotes that do not pair up in a paragraph."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")
RULE = PACK.rule("unbalanced-quotes")


def findings(text: str) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (RULE,)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


def hit(mark: str, column: int, detail: str, line: int = 1) -> tuple:
    return (
        "unbalanced-quotes",
        mark,
        line,
        column,
        line,
        column + 1,
        None,
        f"unbalanced quotation marks: {detail}",
    )


@pytest.mark.parametrize(
    "text",
    [
        'He called it the "chicken neck" and the “air passage”.',
        "“Nested ‘single’ quotes” are fine.",
        "No quotes at all.",
        "The 'stans' and the ‘new’ policy.",
        '"One." "Two." "Three."',
    ],
)
def test_balanced_quotes_pass(text):
    assert findings(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"a" "b" "c',
            hit('"', 9, "5 straight double quotes (an odd number)"),
        ),
        (
            "He called it the “chicken neck of Afghanistan.",
            hit("“", 18, "1 opening “ but 0 closing ”"),
        ),
        (
            "“One” and “two and three.",
            hit("“", 11, "2 opening “ but 1 closing ”"),
        ),
        (
            "He said ”no” and “yes”.",
            hit("”", 9, "1 opening “ but 3 closing ”"),
        ),
        (
            "Closed” twice” here.",
            hit("”", 7, "0 opening “ but 2 closing ”"),
        ),
    ],
)
def test_unbalanced_quotes_point_at_the_odd_mark(text, expected):
    assert findings(text) == [expected]


def test_straight_and_curly_are_counted_separately():
    text = 'A "straight one and a “curly one.'
    assert findings(text) == [
        hit('"', 3, "1 straight double quote (an odd number)"),
        hit("“", 23, "1 opening “ but 0 closing ”"),
    ]


def test_a_quote_may_span_the_lines_of_a_hard_wrapped_paragraph():
    text = (
        "The minister said that “the water of the river belongs to all of the\n"
        "countries of the region” and that the talks would resume in spring.\n"
    )
    assert findings(text) == []


def test_each_paragraph_must_balance_on_its_own():
    text = 'By Jane Doe\nHe said "the talks\nwill resume" in spring.'
    assert findings(text) == [
        hit('"', 9, "1 straight double quote (an odd number)", line=2),
        hit('"', 12, "1 straight double quote (an odd number)", line=3),
    ]


def test_message_singular_for_one_straight_quote():
    assert findings('He called it the "chicken neck of Afghanistan.') == [
        hit('"', 18, "1 straight double quote (an odd number)"),
    ]
