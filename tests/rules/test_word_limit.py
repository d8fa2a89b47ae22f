"""Kind `word-limit`: rules `word-count`, `section-word-count`, `lead-length`, `bio-length`,
`title-length`, with the house word definition and exact messages and spans."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")
BIO = "Jane Doe is an analyst."


def findings(rule_id: str, text: str, options: dict | None = None) -> list[tuple]:
    rule = PACK.rule(rule_id)
    rule = rule.with_options(options) if options else rule
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule,)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


def words(n: int, prefix: str) -> str:
    return " ".join(f"{prefix}{i}" for i in range(1, n + 1))


def article(lead: int, bg: int, imp: int, con: int, bio: str = BIO) -> list[str]:
    """The lines of an article whose parts have exactly these word counts (one line each)."""
    return [
        "By Jane Doe",
        words(lead, "l"),
        "Photo by X.",
        "BACKGROUND: " + words(bg, "b"),
        "IMPLICATIONS: " + words(imp, "i"),
        "CONCLUSION: " + words(con, "c"),
        "AUTHOR BIO: " + bio,
    ]


def at_end(rule: str, lines: list[str], line: int, message: str) -> tuple:
    """An empty finding at the end of a (1-based) line."""
    col = len(lines[line - 1]) + 1
    return (rule, "", line, col, line, col, None, message)


def test_body_under_the_minimum_is_an_empty_span_at_the_end_of_the_body():
    lines = article(100, 300, 624, 100)
    assert findings("word-count", "\n".join(lines)) == [
        at_end("word-count", lines, 6, "body is 1,124 words; the minimum is 1,200 (76 short)"),
    ]


@pytest.mark.parametrize("parts", [(100, 300, 600, 200), (100, 300, 700, 300)])
def test_body_at_either_bound_passes(parts):
    assert findings("word-count", "\n".join(article(*parts))) == []


def test_body_one_word_over_flags_that_word():
    lines = article(100, 300, 601, 400)
    col = len(lines[5]) - len("c400") + 1
    assert findings("word-count", "\n".join(lines)) == [
        (
            "word-count",
            "c400",
            6,
            col,
            6,
            col + 4,
            None,
            "body is 1,401 words; the maximum is 1,400 (1 over)",
        ),
    ]


def test_excess_words_span_from_the_first_word_over_the_limit_across_a_label():
    lines = article(100, 300, 1005, 5)
    col = len(lines[4]) - len("i1001 i1002 i1003 i1004 i1005") + 1
    assert findings("word-count", "\n".join(lines)) == [
        (
            "word-count",
            "i1001 i1002 i1003 i1004 i1005\nCONCLUSION: c1 c2 c3 c4 c5",
            5,
            col,
            6,
            len(lines[5]) + 1,
            None,
            "body is 1,410 words; the maximum is 1,400 (10 over)",
        ),
    ]


def test_thousands_separators_in_count_and_delta():
    lines = article(2650, 0, 0, 0)
    lines = [*lines[:3], "BACKGROUND:", "IMPLICATIONS:", "CONCLUSION:", *lines[6:]]
    assert findings("word-count", "\n".join(lines)) == [
        (
            "word-count",
            words(2650, "l").split(" ", 1400)[1400],
            2,
            len(words(1400, "l")) + 2,
            2,
            len(lines[1]) + 1,
            None,
            "body is 2,650 words; the maximum is 1,400 (1,250 over)",
        ),
    ]


def test_not_a_brief_still_gets_its_body_counted():
    text = "Some notes on the Wakhan Corridor.\n\nThey are not yet an article."
    assert findings("word-count", text) == [
        (
            "word-count",
            "",
            3,
            29,
            3,
            29,
            None,
            "body is 12 words; the minimum is 1,200 (1,188 short)",
        ),
    ]


def test_house_word_definition():
    text = (
        "By Jane Doe\n"
        "Mazar-e-Sharif and the U.S. signed – a 1,468 km deal successfully—unlike others.\n"
        "BACKGROUND: x"
    )
    # Mazar-e-Sharif, and, the, U.S., signed, a, 1,468, km, deal, successfully—unlike,
    # others., x: 12 words; the lone dash is none.
    assert findings("word-count", text, {"limits": {"body": {"min": 1, "max": 5}}}) == [
        (
            "word-count",
            "a 1,468 km deal successfully—unlike others.\nBACKGROUND: x",
            2,
            38,
            3,
            14,
            None,
            "body is 12 words; the maximum is 5 (7 over)",
        ),
    ]


def test_byline_photo_credit_labels_and_bio_are_not_counted():
    text = "\n".join(article(1, 1, 1, 1, bio=words(50, "z")))
    limits = {"limits": {"body": {"min": 4, "max": 4}}}
    assert findings("word-count", text, limits) == []


def test_section_word_counts():
    lines = article(100, 100, 900, 300)
    imp_col = len("IMPLICATIONS: " + words(800, "i")) + 2
    con_col = len("CONCLUSION: " + words(250, "c")) + 2
    assert findings("section-word-count", "\n".join(lines)) == [
        at_end(
            "section-word-count",
            lines,
            4,
            "BACKGROUND is 100 words; published articles keep it to 200–450 (100 short)",
        ),
        (
            "section-word-count",
            words(900, "i").split(" ", 800)[800],
            5,
            imp_col,
            5,
            len(lines[4]) + 1,
            None,
            "IMPLICATIONS is 900 words; published articles keep it to 450–800 (100 over)",
        ),
        (
            "section-word-count",
            words(300, "c").split(" ", 250)[250],
            6,
            con_col,
            6,
            len(lines[5]) + 1,
            None,
            "CONCLUSION is 300 words; published articles keep it to 60–250 (50 over)",
        ),
    ]


def test_missing_or_non_brief_parts_are_left_to_the_anatomy_rules():
    no_sections = "By Jane Doe\nA lead paragraph.\nPhoto by X."
    assert findings("section-word-count", no_sections) == []
    assert findings("section-word-count", "Some notes.\n\nNot an article.") == []
    assert findings("bio-length", no_sections) == []


def test_lead_length():
    lines = article(10, 300, 700, 100)
    assert findings("lead-length", "\n".join(lines)) == [
        at_end("lead-length", lines, 2, "lead is 10 words; published leads run 60–180 (50 short)"),
    ]


def test_lead_over_several_paragraphs():
    text = "By Jane Doe\n" + words(100, "a") + "\n\n" + words(90, "b") + "\nBACKGROUND: x"
    col = len(words(80, "b")) + 2
    assert findings("lead-length", text) == [
        (
            "lead-length",
            words(90, "b").split(" ", 80)[80],
            4,
            col,
            4,
            len(words(90, "b")) + 1,
            None,
            "lead is 190 words; published leads run 60–180 (10 over)",
        ),
    ]


def test_bio_length():
    lines = article(100, 300, 700, 100)
    assert findings("bio-length", "\n".join(lines)) == [
        at_end(
            "bio-length", lines, 7, "author bio is 5 words; published bios run 20–120 (15 short)"
        ),
    ]


def test_title_length():
    title = " ".join(["Word"] * 20)
    text = f"{title}\nBy Jane Doe\nA lead.\nBACKGROUND: x"
    assert findings("title-length", text) == [
        (
            "title-length",
            "Word Word Word Word Word",
            1,
            76,
            1,
            100,
            None,
            "title is 20 words; the maximum is 15 (5 over)",
        ),
    ]
    short = "Georgia Between Washington and Moscow\nBy Jane Doe\nA lead.\nBACKGROUND: x"
    assert findings("title-length", short) == []


def test_each_article_of_an_issue_is_counted_on_its_own():
    first = article(100, 300, 624, 100)
    second = article(100, 300, 700, 300)
    source = read_bytes("\n".join([*first, "", *second]).encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (PACK.rule("word-count"),)))
    assert [(a.number, a.words) for a in report.articles] == [(1, 1124), (2, 1400)]
    assert [(f.article, f.line, f.message) for f in report.findings] == [
        (1, 6, "body is 1,124 words; the minimum is 1,200 (76 short)"),
    ]
