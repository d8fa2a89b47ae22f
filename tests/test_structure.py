"""The structure finder: articles and their parts on varied inputs, read by the real readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcheck.document import Article
from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.structure import find_articles

PACK = load_pack("analyst")
PARTS = ("body", "lead", "background", "implications", "conclusion", "bio")


def articles(text: str, fmt: str = "text") -> list[Article]:
    source = read_bytes(text.encode(), "t.md" if fmt == "markdown" else "t.txt", fmt)
    return find_articles(source, PACK.anatomy)


def only(text: str, fmt: str = "text") -> Article:
    found = articles(text, fmt)
    assert len(found) == 1, [a.byline_text for a in found]
    return found[0]


def spans(art: Article, pairs) -> list[str]:
    return [art.text[a:b] for a, b in pairs]


def block(art: Article, b) -> str | None:
    return art.text[b.start : b.end] if b is not None else None


def sections(art: Article) -> list[tuple]:
    """(name, label as written, exact, form, prose segments) per section."""
    return [
        (
            s.name,
            art.text[s.label.start : s.label.end],
            s.label.exact,
            s.label.form,
            spans(art, s.segments),
        )
        for s in art.sections
    ]


def bio(art: Article) -> tuple | None:
    if art.bio is None:
        return None
    label = art.bio.label
    return art.text[label.start : label.end], label.exact, spans(art, art.bio.segments)


def words(art: Article) -> dict[str, int]:
    return {p: art.words(p) for p in PARTS}


def run_rule(rule_id: str, text: str, fmt: str = "text") -> list[tuple]:
    source = read_bytes(text.encode(), "t.md" if fmt == "markdown" else "t.txt", fmt)
    report = check_source(source, RuleSet(PACK, (PACK.rule(rule_id),)))
    return [(f.rule, f.text, f.line, f.column, f.article) for f in report.findings]


PLAIN = """\
Water Politics in Central Asia
By Jane Doe
A lead paragraph here.
Photo by X.
BACKGROUND: Some background.
More background.
IMPLICATIONS: Some implications.
CONCLUSION: The end.
AUTHOR BIO: Jane Doe is an analyst."""

PLAIN_SECTIONS = [
    ("background", "BACKGROUND:", True, "run-in", ["Some background.", "More background."]),
    ("implications", "IMPLICATIONS:", True, "run-in", ["Some implications."]),
    ("conclusion", "CONCLUSION:", True, "run-in", ["The end."]),
]
PLAIN_WORDS = {
    "body": 12,
    "lead": 4,
    "background": 4,
    "implications": 2,
    "conclusion": 2,
    "bio": 5,
}


# --- one article, plain text -----------------------------------------------------------------


def test_title_line_before_the_byline():
    art = only(PLAIN)
    assert art.number == 1
    assert art.is_brief
    assert block(art, art.title) == "Water Politics in Central Asia"
    assert art.byline_text == "By Jane Doe"
    assert art.authors == ("Jane Doe",)
    assert art.preamble == ()
    assert art.lead_label is None
    assert spans(art, art.lead) == ["A lead paragraph here."]
    assert block(art, art.photo) == "Photo by X."
    assert art.photo_candidates == ()
    assert sections(art) == PLAIN_SECTIONS
    assert bio(art) == ("AUTHOR BIO:", True, ["Jane Doe is an analyst."])
    assert art.trailing == ()
    assert words(art) == PLAIN_WORDS
    assert (art.start, art.end) == (0, len(PLAIN))


def test_no_title():
    art = only(PLAIN.split("\n", 1)[1])
    assert art.title is None
    assert art.byline_text == "By Jane Doe"
    assert words(art) == PLAIN_WORDS


def test_long_sentence_before_the_byline_is_a_preamble_not_a_title():
    text = "This draft is for the editors only.\n" + PLAIN.split("\n", 1)[1]
    art = only(text)
    assert art.title is None
    assert [block(art, b) for b in art.preamble] == ["This draft is for the editors only."]
    assert words(art) == PLAIN_WORDS


def test_key_issue_label_opens_the_lead():
    art = only(PLAIN.replace("A lead", "KEY ISSUE: A lead"))
    assert art.text[art.lead_label.start : art.lead_label.end] == "KEY ISSUE:"
    assert spans(art, art.lead) == ["A lead paragraph here."]
    assert words(art) == PLAIN_WORDS


def test_lead_of_several_paragraphs_and_a_second_credit_candidate():
    text = PLAIN.replace(
        "A lead paragraph here.\nPhoto by X.",
        "A lead paragraph here.\nA second lead paragraph.\nPhoto by X.\nImage source: Reuters",
    )
    art = only(text)
    assert spans(art, art.lead) == ["A lead paragraph here.", "A second lead paragraph."]
    assert block(art, art.photo) == "Photo by X."
    assert [block(art, b) for b in art.photo_candidates] == ["Image source: Reuters"]
    assert art.words("lead") == 8


def test_bold_run_in_labels_in_plain_text():
    text = (
        PLAIN.replace("BACKGROUND:", "**BACKGROUND:**")
        .replace("IMPLICATIONS:", "**Implications:**")
        .replace("CONCLUSION:", "__CONCLUSION:__")
        .replace("AUTHOR BIO:", "**AUTHOR BIO:**")
    )
    art = only(text)
    assert sections(art) == [
        ("background", "**BACKGROUND:**", False, "bold", ["Some background.", "More background."]),
        ("implications", "**Implications:**", False, "bold", ["Some implications."]),
        ("conclusion", "__CONCLUSION:__", False, "bold", ["The end."]),
    ]
    assert bio(art) == ("**AUTHOR BIO:**", False, ["Jane Doe is an analyst."])
    assert words(art) == PLAIN_WORDS


def test_odd_spacing_tabs_nbsp_trailing_spaces_blank_lines_and_crlf():
    text = (
        "By Jane Doe  \r\n\r\n\r\n"
        "\tA lead\u00a0paragraph here.  \r\n"
        "Photo by X.\r\n\r\n"
        "BACKGROUND:\u00a0Some background.\t\r\n"
        "   More background.\r\n"
        "IMPLICATIONS:   Some implications.\r\n\r\n\r\n\r\n"
        "CONCLUSION:\tThe end. \r\n"
        "AUTHOR BIO: Jane Doe is an analyst.\r\n\r\n"
    )
    art = only(text)
    assert art.byline_text == "By Jane Doe"
    assert art.authors == ("Jane Doe",)
    assert spans(art, art.lead) == ["A lead\u00a0paragraph here."]
    assert block(art, art.photo) == "Photo by X."
    assert sections(art) == PLAIN_SECTIONS
    assert bio(art) == ("AUTHOR BIO:", True, ["Jane Doe is an analyst."])
    assert art.trailing == ()
    assert words(art) == PLAIN_WORDS


def test_crlf_positions_of_findings():
    text = PLAIN.replace("\n", "\r\n").replace("BACKGROUND:", "Background:")
    assert run_rule("heading-variant", text) == [("heading-variant", "Background:", 5, 1, 1)]


HARD_WRAPPED = """\
By Jane Doe and John Roe

The government of Kazakhstan announced a new water strategy last week,
which aims to reduce losses in irrigation canals by a third before the
end of the decade and to modernise the pumping stations of the south.

Photo source: Wikimedia Commons.

BACKGROUND: Water has long been a source of tension in Central Asia,
where the Amu Darya and Syr Darya rivers cross several borders before
reaching what remains of the Aral Sea in the north of the region.

Soviet planners built an integrated system that the successor states
inherited in 1991 without the institutions needed to manage it well.

IMPLICATIONS: The new strategy signals a shift from quotas toward
efficiency, and it may ease the disputes with upstream neighbours over
summer releases from the reservoirs of Kyrgyzstan and Tajikistan.

CONCLUSION: Whether the strategy succeeds depends on financing and on
the cooperation of the farmers who use most of the water in the south.

AUTHORS' BIO: Jane Doe is a senior fellow at the Institute for Water
Studies in Almaty. John Roe is a journalist based in Tashkent who has
covered the region for a decade.
"""


def test_hard_wrapped_paragraphs_separated_by_blank_lines():
    art = only(HARD_WRAPPED)
    assert art.byline_text == "By Jane Doe and John Roe"
    assert art.authors == ("Jane Doe", "John Roe")
    assert spans(art, art.lead) == [
        "The government of Kazakhstan announced a new water strategy last week,\n"
        "which aims to reduce losses in irrigation canals by a third before the\n"
        "end of the decade and to modernise the pumping stations of the south."
    ]
    assert block(art, art.photo) == "Photo source: Wikimedia Commons."
    assert [
        (s.name, art.text[s.label.start : s.label.end], s.label.exact) for s in art.sections
    ] == [
        ("background", "BACKGROUND:", True),
        ("implications", "IMPLICATIONS:", True),
        ("conclusion", "CONCLUSION:", True),
    ]
    background = spans(art, art.sections[0].segments)
    assert [seg.split("\n")[0] for seg in background] == [
        "Water has long been a source of tension in Central Asia,",
        "Soviet planners built an integrated system that the successor states",
    ]
    assert [seg.count("\n") for seg in background] == [2, 1]
    assert bio(art)[:2] == ("AUTHORS' BIO:", True)
    assert spans(art, art.bio.segments) == [
        "Jane Doe is a senior fellow at the Institute for Water\n"
        "Studies in Almaty. John Roe is a journalist based in Tashkent who has\n"
        "covered the region for a decade."
    ]
    assert art.trailing == ()
    assert words(art) == {
        "body": 146,
        "lead": 37,
        "background": 57,
        "implications": 29,
        "conclusion": 23,
        "bio": 30,
    }


def test_hard_wrapped_without_blank_lines_between_parts():
    text = "\n".join(line for line in HARD_WRAPPED.splitlines() if line)
    art = only(text)
    assert art.trailing == ()
    assert art.byline_text == "By Jane Doe and John Roe"
    assert block(art, art.photo) == "Photo source: Wikimedia Commons."
    assert [s.name for s in art.sections] == ["background", "implications", "conclusion"]
    assert bio(art)[:2] == ("AUTHORS' BIO:", True)
    assert art.words("body") == 146
    assert art.words("bio") == 30


def test_after_a_hard_wrapped_bio_a_new_sentence_is_content_after_it():
    text = "\n".join(line for line in HARD_WRAPPED.splitlines() if line)
    art = only(text + "\nShare this article on social media")
    assert [art.text[b.start : b.end] for b in art.trailing] == [
        "Share this article on social media"
    ]
    assert art.words("bio") == 30


def test_a_long_line_is_a_paragraph_even_without_a_full_stop():
    # one paragraph per line (the sample issue's form): a bio line without a full stop does
    # not take the next line in, however it ends
    bio_line = "AUTHOR BIO: Jane Doe is an analyst " + "who writes about water " * 5 + "Email,"
    text = "By Jane Doe\nA lead paragraph.\nBACKGROUND: Some background.\n" + bio_line
    art = only(text + "\nThis email address is being protected from spambots.")
    assert len(bio_line) > 100
    assert [art.text[b.start : b.end] for b in art.trailing] == [
        "This email address is being protected from spambots."
    ]


# --- bylines -------------------------------------------------------------------------------

BODY_AFTER_BYLINE = """
A lead paragraph here.
Photo by X.
BACKGROUND: Some background.
IMPLICATIONS: Some implications.
CONCLUSION: The end.
AUTHORS’ BIO: They are analysts."""


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Ann Lee", ("Ann Lee",)),
        ("By Ann Lee and Bob Kim", ("Ann Lee", "Bob Kim")),
        ("By Ann Lee & Bob Kim", ("Ann Lee", "Bob Kim")),
        ("By Ann Lee, Bob Kim and Cat Wu", ("Ann Lee", "Bob Kim", "Cat Wu")),
        ("By Ann Lee, Bob Kim, and Cat Wu", ("Ann Lee", "Bob Kim", "Cat Wu")),
        ("By Ahmad al-Sayed and Jan de Vries", ("Ahmad al-Sayed", "Jan de Vries")),
        ("By Syed Fazl-e-Haider", ("Syed Fazl-e-Haider",)),
        ("By Ann B. Lee", ("Ann B. Lee",)),
        ("By Ann Lee, PhD", ("Ann Lee",)),
        ("By Ann Lee (03/12/2025 issue of the CACI Analyst)", ("Ann Lee",)),
        ("By Ann Lee | Analyst", ("Ann Lee",)),
        ("**By Ann Lee**", ("Ann Lee",)),
        ("BY ANN LEE", ("ANN LEE",)),
        ("By: Ann Lee", ("Ann Lee",)),
        ("Author: Ann Lee", ("Ann Lee",)),
    ],
)
def test_byline_forms_and_authors(byline, authors):
    art = only(byline + BODY_AFTER_BYLINE)
    assert art.byline_text == byline
    assert art.authors == authors
    assert spans(art, art.lead) == ["A lead paragraph here."]
    assert art.words("body") == 10


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2030 Kazakhstan will export more grain.",
        "By contrast, Uzbekistan has opened its borders.",
        "By March 2024 the talks had stalled.",
        "By then, Russia had withdrawn.",
    ],
)
def test_sentences_starting_with_by_inside_an_article_are_prose(sentence):
    text = PLAIN.replace("More background.", sentence)
    found = articles(text)
    assert len(found) == 1
    art = found[0]
    assert art.byline_text == "By Jane Doe"
    assert spans(art, art.sections[0].segments) == ["Some background.", sentence]


def test_sentence_starting_with_by_in_a_hard_wrapped_paragraph():
    text = HARD_WRAPPED.replace(
        "Soviet planners built an integrated system that the successor states\n"
        "inherited in 1991 without the institutions needed to manage it well.",
        "Soviet planners built an integrated system that the successor states\n"
        "inherited in 1991 without the institutions needed to manage it well.\n"
        "By 2030 Kazakhstan will need twice as much water for its new farms.",
    )
    art = only(text)
    assert art.words("background") == 57 + 13
    assert art.sections[0].segments[-1][1] == text.index("new farms.") + len("new farms.")


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2030 Kazakhstan will export more grain.",
        "By contrast, Uzbekistan has opened its borders.",
        "By March 2024 the talks had stalled.",
    ],
)
def test_opening_sentence_starting_with_by_is_lead_not_byline(sentence):
    text = sentence + "\nThe lead goes on here.\n" + BODY_AFTER_BYLINE.split("\n", 2)[2]
    art = only(text)
    assert art.byline is None
    assert art.authors == ()
    assert spans(art, art.lead) == [sentence, "The lead goes on here."]
    assert run_rule("byline-missing", text) == [("byline-missing", "", 1, 1, 1)]


def test_background_checks_paragraph_is_not_a_label():
    text = PLAIN.replace("More background.", "Background checks were made on every official.")
    art = only(text)
    assert [s.name for s in art.sections] == ["background", "implications", "conclusion"]
    assert spans(art, art.sections[0].segments) == [
        "Some background.",
        "Background checks were made on every official.",
    ]
    assert run_rule("heading-variant", text) == []


def test_background_checks_opening_the_lead_is_not_a_label():
    text = PLAIN.replace("A lead paragraph here.", "Background checks were tightened.")
    art = only(text)
    assert spans(art, art.lead) == ["Background checks were tightened."]
    assert [s.name for s in art.sections] == ["background", "implications", "conclusion"]


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN = """\
# Water Politics in Central Asia

By Jane Doe and John Roe

A lead paragraph here.

Photo by X.

## Background

Some background.

More background.

## Implications

Some implications.

## Conclusion

The end.

## Authors’ bio

Jane Doe and John Roe are analysts.
"""


def test_markdown_title_and_section_headings():
    art = only(MARKDOWN, "markdown")
    assert block(art, art.title) == "Water Politics in Central Asia"
    assert art.byline_text == "By Jane Doe and John Roe"
    assert art.authors == ("Jane Doe", "John Roe")
    assert spans(art, art.lead) == ["A lead paragraph here."]
    assert block(art, art.photo) == "Photo by X."
    assert sections(art) == [
        ("background", "Background", True, "heading", ["Some background.", "More background."]),
        ("implications", "Implications", True, "heading", ["Some implications."]),
        ("conclusion", "Conclusion", True, "heading", ["The end."]),
    ]
    assert bio(art) == ("Authors’ bio", True, ["Jane Doe and John Roe are analysts."])
    assert art.trailing == ()
    assert words(art) == {**PLAIN_WORDS, "bio": 7}
    for rule_id in ("heading-variant", "bio-heading", "section-missing", "byline-missing"):
        assert run_rule(rule_id, MARKDOWN, "markdown") == [], rule_id


def test_markdown_bold_run_in_labels_are_exact():
    text = (
        MARKDOWN.replace("## Background\n\nSome", "**BACKGROUND:** Some")
        .replace("## Implications\n\nSome", "**IMPLICATIONS:** Some")
        .replace("## Conclusion\n\nThe", "**CONCLUSION:** The")
    )
    art = only(text, "markdown")
    assert sections(art) == [
        ("background", "**BACKGROUND:**", True, "bold", ["Some background.", "More background."]),
        ("implications", "**IMPLICATIONS:**", True, "bold", ["Some implications."]),
        ("conclusion", "**CONCLUSION:**", True, "bold", ["The end."]),
    ]
    assert run_rule("heading-variant", text, "markdown") == []


def test_markdown_heading_variant_keeps_heading_form():
    text = MARKDOWN.replace("## Background", "## Context")
    art = only(text, "markdown")
    assert sections(art)[0] == (
        "background",
        "Context",
        False,
        "heading",
        ["Some background.", "More background."],
    )


# --- issues with several articles ----------------------------------------------------------


def _article(n: int, title: str | None) -> str:
    head = f"{title}\n" if title else ""
    return head + (
        f"By Author{n} Name\n"
        f"Lead of article {n}.\n"
        "Photo by X.\n"
        f"BACKGROUND: Background {n}.\n"
        f"IMPLICATIONS: Implications {n}.\n"
        f"CONCLUSION: Conclusion {n}.\n"
        f"AUTHOR BIO: Author{n} Name is an analyst.\n"
    )


def test_issue_with_three_articles_and_titles():
    parts = [_article(1, "First Title Here"), _article(2, "Second Title Here"), _article(3, None)]
    text = "\n".join(parts)
    found = articles(text)
    assert [a.number for a in found] == [1, 2, 3]
    assert [block(a, a.title) for a in found] == ["First Title Here", "Second Title Here", None]
    assert [a.byline_text for a in found] == [f"By Author{n} Name" for n in (1, 2, 3)]
    assert [a.authors for a in found] == [(f"Author{n} Name",) for n in (1, 2, 3)]
    assert [spans(a, a.lead) for a in found] == [[f"Lead of article {n}."] for n in (1, 2, 3)]
    assert [[s.name for s in a.sections] for a in found] == [
        ["background", "implications", "conclusion"]
    ] * 3
    assert [spans(a, a.sections[2].segments) for a in found] == [
        [f"Conclusion {n}."] for n in (1, 2, 3)
    ]
    assert [bio(a) for a in found] == [
        ("AUTHOR BIO:", True, [f"Author{n} Name is an analyst."]) for n in (1, 2, 3)
    ]
    assert all(a.trailing == () and a.preamble == () for a in found)
    assert [words(a) for a in found] == [
        {"body": 10, "lead": 4, "background": 2, "implications": 2, "conclusion": 2, "bio": 5}
    ] * 3
    # the articles tile the file: each starts at its title (or byline) and ends at its bio
    starts = [text.index("First Title"), text.index("Second Title"), text.index("By Author3")]
    assert [a.start for a in found] == starts
    assert [text[a.start : a.end] for a in found] == [p.rstrip("\n") for p in parts]


def test_findings_carry_their_article_number():
    text = "\n".join(
        [
            _article(1, None),
            _article(2, "Second Title Here").replace("Photo by X.\n", ""),
            _article(3, None).replace("AUTHOR BIO:", "About the author:"),
        ]
    )
    assert run_rule("photo-credit-missing", text) == [("photo-credit-missing", "", 12, 1, 2)]
    assert run_rule("bio-heading", text) == [("bio-heading", "About the author:", 23, 1, 3)]


def test_issue_where_an_article_lacks_a_bio_does_not_swallow_the_next_one():
    first = _article(1, None).replace("AUTHOR BIO: Author1 Name is an analyst.\n", "")
    text = first + "\n" + _article(2, "Second Title Here")
    found = articles(text)
    assert [a.byline_text for a in found] == ["By Author1 Name", "By Author2 Name"]
    assert found[0].bio is None
    assert spans(found[0], found[0].sections[-1].segments) == ["Conclusion 1."]
    assert block(found[1], found[1].title) == "Second Title Here"


def test_two_markdown_articles():
    second = MARKDOWN.replace("Water Politics in Central Asia", "Energy in the Caucasus")
    found = articles(MARKDOWN + "\n" + second, "markdown")
    assert [block(a, a.title) for a in found] == [
        "Water Politics in Central Asia",
        "Energy in the Caucasus",
    ]
    assert [a.words("body") for a in found] == [12, 12]
    assert [bio(a) for a in found] == [
        ("Authors’ bio", True, ["Jane Doe and John Roe are analysts."])
    ] * 2


def test_the_published_sample_issue():
    data = (Path(__file__).resolve().parents[1] / "submissions" / "analyst-issue.txt").read_bytes()
    found = find_articles(read_bytes(data, "analyst-issue.txt", "text"), PACK.anatomy)
    assert [(a.number, a.byline_text) for a in found] == [
        (1, "By Emil Avdaliani"),
        (2, "By Syed Fazl-e-Haider"),
        (3, "By Rafis Abazov"),
        (4, "By Aigerim Turgunbaeva and Fayazuddin Ghiasi"),
    ]
    assert [a.authors for a in found][3] == ("Aigerim Turgunbaeva", "Fayazuddin Ghiasi")
    # the body counts HOUSE_STYLE §2 gives for the sample
    assert [a.words("body") for a in found] == [1124, 1417, 1223, 1232]
    assert [[s.name for s in a.sections] for a in found] == [
        ["background", "implications", "conclusion"]
    ] * 4
    assert [block(a, a.photo) for a in found] == [
        "Photo source: NASA.",
        "Photo by Ninara.",
        "Photo Credit: Pavel Fertikh",
        None,
    ]
    assert all(a.bio is not None for a in found)
    assert [len(a.trailing) for a in found] == [0, 2, 0, 0]


# --- not a brief ---------------------------------------------------------------------------


def test_text_that_is_not_a_brief_is_all_body():
    text = (
        "Some notes on the Wakhan Corridor.\n\n"
        "They are not yet an article, and by contrast the road is open.\n\n"
        "Background checks were made."
    )
    art = only(text)
    assert not art.is_brief
    assert art.byline is None
    assert art.title is None
    assert art.sections == ()
    assert art.bio is None
    assert spans(art, art.lead) == [
        "Some notes on the Wakhan Corridor.",
        "They are not yet an article, and by contrast the road is open.",
        "Background checks were made.",
    ]
    assert art.words("body") == 23
    assert art.words("all") == 23
    assert run_rule("not-a-brief", text) == [("not-a-brief", "", 1, 1, 1)]


def test_markdown_document_that_is_not_a_brief():
    text = "# Meeting notes\n\nWe discussed the Wakhan Corridor.\n\n- roads\n- water\n"
    art = only(text, "markdown")
    assert not art.is_brief
    assert block(art, art.title) == "Meeting notes"
    assert spans(art, art.lead) == ["We discussed the Wakhan Corridor.", "roads", "water"]
    assert art.words("body") == 7
