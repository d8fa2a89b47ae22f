"""Kind `substitution` (rule `house-typo`): known slips as `wrong → right` data."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")
RULE = PACK.rule("house-typo")


def findings(text: str, rule=RULE) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule,)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


def hit(wrong: str, right: str, column: int, line: int = 1) -> tuple:
    return (
        "house-typo",
        wrong,
        line,
        column,
        line,
        column + len(wrong),
        right,
        f"'{wrong}' is a known slip; write '{right}'",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The tribal are bordering Afghanistan.", hit("tribal are", "tribal area", 5)),
        ("Tribal are elders met.", hit("Tribal are", "Tribal area", 1)),
        ("The tribal ares are poor.", hit("tribal ares", "tribal areas", 5)),
        (
            "All Central Asian counties agree.",
            hit("Central Asian counties", "Central Asian countries", 5),
        ),
        ("In regards to water, the talks stalled.", hit("In regards to", "With regard to", 1)),
        (
            "It lies in close proximity of the border.",
            hit("in close proximity of", "in close proximity to", 9),
        ),
        (
            "This is true of most of Central Asian states.",
            hit("most of Central Asian", "most Central Asian", 17),
        ),
        ("The goverment resigned.", hit("goverment", "government", 5)),
        ("Goverment officials met.", hit("Goverment", "Government", 1)),
        ("He met officials in Tblisi.", hit("Tblisi", "Tbilisi", 21)),
        ("They could of agreed.", hit("could of", "could have", 6)),
    ],
)
def test_slip_is_flagged_with_its_correction_in_the_same_case(text, expected):
    assert findings(text) == [expected]


def test_message_carries_the_text_as_written_with_odd_spacing():
    assert findings("The tribal  are bordering.") == [
        (
            "house-typo",
            "tribal  are",
            1,
            5,
            1,
            16,
            "tribal area",
            "'tribal  are' is a known slip; write 'tribal area'",
        )
    ]


def test_non_breaking_space_inside_a_slip():
    assert findings("The tribal\u00a0are bordering.") == [
        (
            "house-typo",
            "tribal\u00a0are",
            1,
            5,
            1,
            15,
            "tribal area",
            "'tribal\u00a0are' is a known slip; write 'tribal area'",
        )
    ]


def test_across_a_line_break_inside_a_hard_wrapped_paragraph():
    text = (
        "An attack in the northwestern part of the country hit the tribal\n"
        "are bordering Afghanistan, where the army has fought for a decade.\n"
    )
    assert findings(text) == [
        (
            "house-typo",
            "tribal\nare",
            1,
            59,
            2,
            4,
            "tribal area",
            "'tribal\nare' is a known slip; write 'tribal area'",
        )
    ]


def test_not_across_paragraphs():
    assert findings("The attack hit the tribal\n\nare bordering Afghanistan.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The tribal area bordering Afghanistan.",
        "Tribal areas are poor.",
        "The tribal arena of politics.",
        "The tribal aren't united.",
        "The tribal are’nt united.",
        "A tribal-are hybrid word.",
        "Intribal are not words.",
        "The counties of England.",
        "Central Asian countries agree.",
        "The government resigned.",
        "The multi-goverment plan.",
        "Kazakstani is not in the list.",
        "The tribal area’s elders.",
    ],
)
def test_longer_words_and_corrections_pass(text):
    assert findings(text) == []


def test_several_slips_in_one_text_are_in_order():
    text = "By Jane Doe\nThe goverment of Kazakstan met.\nIn Tblisi, too."
    assert findings(text) == [
        hit("goverment", "government", 5, line=2),
        hit("Kazakstan", "Kazakhstan", 18, line=2),
        hit("Tblisi", "Tbilisi", 4, line=3),
    ]


def test_entries_are_options():
    custom = RULE.with_options(
        {"entries": [{"wrong": "Kyrgystan", "right": "Kyrgyzstan", "note": "editors"}]}
    )
    assert findings("Kyrgystan and goverment.", custom) == [
        hit("Kyrgystan", "Kyrgyzstan", 1),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakstan’s oil exports grew.", hit("Kazakstan", "Kazakhstan", 1)),
        ("Kazakstan's oil exports grew.", hit("Kazakstan", "Kazakhstan", 1)),
        ("The goverment’s plan failed.", hit("goverment", "government", 5)),
    ],
)
def test_possessive_of_a_slip_is_flagged(text, expected):
    assert findings(text) == [expected]


def test_slip_in_single_quotes_is_flagged():
    assert findings("The 'goverment' said no.") == [hit("goverment", "government", 6)]
