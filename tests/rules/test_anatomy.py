"""Kind `anatomy`: every structural check on small real texts, with exact findings."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.structure import find_articles

PACK = load_pack("analyst")
ANATOMY_RULES = [r.id for r in PACK.rules if r.spec.kind == "anatomy"]
PHOTO_FORMS = (
    "(use 'Photo source: X.', 'Photo by X.', 'Photo Credit: X', 'Image Credit: X' "
    "or 'Photo courtesy of X')"
)

CLEAN = """\
By Jane Doe
A lead paragraph here.
Photo by X.
BACKGROUND: Some background.
IMPLICATIONS: Some implications.
CONCLUSION: The end.
AUTHOR BIO: Jane Doe is an analyst."""

CLEAN_TWO = """\
Water Politics in Central Asia

By Jane Doe and John Roe

KEY ISSUE: A lead paragraph here.

Photo source: NASA.

BACKGROUND: Some background.

More background.

IMPLICATIONS: Some implications.

CONCLUSIONS: The end.

AUTHORS’ BIO: Jane Doe and John Roe are analysts.
"""

CLEAN_MD = """\
# Water Politics in Central Asia

By Jane Doe, John Roe and Ann Lee

A lead paragraph here.

Photo Credit: Pavel Fertikh

## Background

Some background.

## Implications

Some implications.

## Conclusion

The end.

## Authors’ bio

Jane Doe, John Roe and Ann Lee are analysts.
"""


def findings(rule_id: str, text: str, fmt: str = "text") -> list[tuple]:
    source = read_bytes(text.encode(), "t.md" if fmt == "markdown" else "t.txt", fmt)
    report = check_source(source, RuleSet(PACK, (PACK.rule(rule_id),)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


def missing(rule: str, line: int, column: int, message: str) -> tuple:
    return (rule, "", line, column, line, column, None, message)


def test_anatomy_rules_are_all_covered():
    assert ANATOMY_RULES == [
        "bio-authors",
        "bio-heading",
        "bio-label-missing",
        "bio-missing",
        "byline-ampersand",
        "byline-format",
        "byline-missing",
        "content-after-bio",
        "heading-variant",
        "lead-label",
        "lead-missing",
        "not-a-brief",
        "photo-credit-format",
        "photo-credit-missing",
        "section-duplicate",
        "section-empty",
        "section-missing",
        "section-order",
    ]


@pytest.mark.parametrize("rule_id", ANATOMY_RULES)
def test_clean_briefs_pass_every_check(rule_id):
    assert findings(rule_id, CLEAN) == []
    assert findings(rule_id, CLEAN_MD, "markdown") == []
    expected = (
        [("lead-label", "KEY ISSUE:", 5, 1, 5, 11, None, LEAD_LABEL_MESSAGE)]
        if rule_id == "lead-label"
        else []
    )
    assert findings(rule_id, CLEAN_TWO) == expected


# --- not a brief ---------------------------------------------------------------------------


def test_not_a_brief_is_one_finding_at_the_start():
    text = "\n\nSome notes on the Wakhan Corridor.\n\nThey are not yet an article, at 1,500 words."
    message = (
        "not a brief: no 'By …' byline and none of BACKGROUND:, IMPLICATIONS:, CONCLUSION: "
        "(15 words of plain text)"
    )
    assert findings("not-a-brief", text) == [missing("not-a-brief", 3, 1, message)]


@pytest.mark.parametrize("rule_id", [r for r in ANATOMY_RULES if r != "not-a-brief"])
def test_other_checks_are_silent_on_a_text_that_is_not_a_brief(rule_id):
    assert findings(rule_id, "Some notes on the Wakhan Corridor.\n\nNot yet an article.") == []


def test_one_section_label_makes_a_brief():
    assert findings("not-a-brief", "Some notes.\nBACKGROUND: Text.") == []


# --- byline --------------------------------------------------------------------------------

BYLINE_MISSING = "no byline: the article must open with 'By Name' (after an optional title)"


def test_byline_missing_at_the_top():
    text = CLEAN.replace("By Jane Doe\n", "")
    assert findings("byline-missing", text) == [missing("byline-missing", 1, 1, BYLINE_MISSING)]


def test_byline_missing_after_a_markdown_title():
    text = "# A Title\n\nA lead paragraph.\n\n## Background\n\nText."
    assert findings("byline-missing", text, "markdown") == [
        missing("byline-missing", 1, 10, BYLINE_MISSING)
    ]


def _format(text: str, column: int, end: int, fix: str | None, problem: str) -> tuple:
    message = f"byline not in the house form 'By Name and Name': {problem}"
    return ("byline-format", text, 1, column, 1, end, fix, message)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("BY Jane Doe", [_format("BY", 1, 3, "By", "it starts with 'BY'; write 'By'")]),
        ("by Jane Doe", [_format("by", 1, 3, "By", "it starts with 'by'; write 'By'")]),
        ("By: Jane Doe", [_format("By:", 1, 4, "By", "it starts with 'By:'; write 'By'")]),
        (
            "Author: Jane Doe",
            [_format("Author:", 1, 8, "By", "it starts with 'Author:'; write 'By'")],
        ),
        (
            "Written by Jane Doe",
            [_format("Written by", 1, 11, "By", "it starts with 'Written by'; write 'By'")],
        ),
        ("By Jane Doe.", [_format(".", 12, 13, "", "it ends with a full stop")]),
        (
            "**By Jane Doe**",
            [_format("**By Jane Doe**", 1, 16, "By Jane Doe", "it is wrapped in emphasis marks")],
        ),
        ("By JANE DOE", [_format("By JANE DOE", 1, 12, None, "the names are in capitals")]),
        (
            "BY JANE DOE",
            [
                _format("BY", 1, 3, "By", "it starts with 'BY'; write 'By'"),
                _format("BY JANE DOE", 1, 12, None, "the names are in capitals"),
            ],
        ),
        (
            "By Jane Doe, a researcher at the Wilson Center",
            [
                _format(
                    ", a researcher at the Wilson Center",
                    12,
                    47,
                    "",
                    "it names an affiliation ('a researcher at the Wilson Center'); "
                    "affiliations go in the bio",
                )
            ],
        ),
        (  # an "and" might join another author: no fix
            "By Jane Doe, Director of the Institute for Peace and Development",
            [
                _format(
                    ", Director of the Institute for Peace and Development",
                    12,
                    65,
                    None,
                    "it names an affiliation ('Director of the Institute for Peace and "
                    "Development'); affiliations go in the bio",
                )
            ],
        ),
        ("By Syed Fazl-e-Haider, PhD", []),
        ("By Jane B. Doe", []),
        ("By Jane Doe (03/12/2025 issue of the CACI Analyst)", []),
        ("By Ahmad al-Sayed and Jan de Vries", []),
    ],
)
def test_byline_format(byline, expected):
    assert findings("byline-format", CLEAN.replace("By Jane Doe", byline, 1)) == expected


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe, Director of the Institute for Peace and Development", ("Jane Doe",)),
        ("By Jane Doe and John Roe, analysts at the Wilson Center", ("Jane Doe", "John Roe")),
        ("By Jane Doe, John Roe and Ann Lee", ("Jane Doe", "John Roe", "Ann Lee")),
    ],
)
def test_an_affiliation_after_the_names_is_no_author(byline, authors):
    source = read_bytes(CLEAN.replace("By Jane Doe", byline, 1).encode(), "t.txt", "text")
    (article,) = find_articles(source, PACK.anatomy)
    assert article.authors == authors


@pytest.mark.parametrize(
    "sentence",
    [
        "By contrast, Uzbekistan has kept quiet.",
        "By Tuesday, the ministry had approved the budget.",  # one word before the comma
        "By March and April, the talks had stalled.",
        "By 2030, Kazakhstan plans to build two plants.",
        "By Jane Doe's count, the talks have failed three times since the spring of 2019 and "
        "the ministry, the parliament and the president's office all blame one another.",
    ],
)
def test_a_sentence_opening_with_by_is_no_byline(sentence):
    text = CLEAN.replace("Some implications.", sentence)
    source = read_bytes(text.encode(), "t.txt", "text")
    (article,) = find_articles(source, PACK.anatomy)  # one article: no byline in the middle
    assert source.text[article.byline.start : article.byline.end] == "By Jane Doe"


def test_paragraphs_before_the_byline():
    text = "Kazakhstan Water Politics\nDraft for the editors\n" + CLEAN
    problem = (
        "2 paragraphs stand before the byline; it must be the first line (after an optional title)"
    )
    assert findings("byline-format", text) == [
        (
            "byline-format",
            "Kazakhstan Water Politics\nDraft for the editors",
            1,
            1,
            2,
            22,
            None,
            f"byline not in the house form 'By Name and Name': {problem}",
        ),
    ]


def test_a_single_title_line_before_the_byline_is_fine():
    assert findings("byline-format", "Kazakhstan Water Politics\n" + CLEAN) == []


def test_one_paragraph_before_the_byline_message():
    text = "Some preface text line.\n" + CLEAN
    problem = (
        "1 paragraph stands before the byline; it must be the first line (after an optional title)"
    )
    assert findings("byline-format", text) == [
        (
            "byline-format",
            "Some preface text line.",
            1,
            1,
            1,
            24,
            None,
            f"byline not in the house form 'By Name and Name': {problem}",
        ),
    ]


def test_byline_ampersand():
    text = CLEAN.replace("By Jane Doe", "By Jane Doe & John Roe & Ann Lee")
    message = "byline uses '&' between authors; the house style writes 'and'"
    assert findings("byline-ampersand", text) == [
        ("byline-ampersand", "&", 1, 13, 1, 14, "and", message),
        ("byline-ampersand", "&", 1, 24, 1, 25, "and", message),
    ]


# --- lead ----------------------------------------------------------------------------------

LEAD_MISSING = (
    "no lead: at least one unlabeled paragraph must stand between the byline and BACKGROUND:"
)
LEAD_LABEL_MESSAGE = "the lead is labelled 'KEY ISSUE:'; published leads carry no label"


def test_lead_missing_points_just_after_the_byline():
    text = CLEAN.replace("A lead paragraph here.\n", "")
    assert findings("lead-missing", text) == [missing("lead-missing", 1, 12, LEAD_MISSING)]


def test_a_bare_key_issue_label_is_no_lead():
    text = CLEAN.replace("A lead paragraph here.", "KEY ISSUE:")
    assert findings("lead-missing", text) == [missing("lead-missing", 1, 12, LEAD_MISSING)]


@pytest.mark.parametrize("label", ["KEY ISSUE:", "Key issue:"])
def test_lead_label(label):
    text = CLEAN.replace("A lead", f"{label} A lead")
    message = f"the lead is labelled '{label}'; published leads carry no label"
    assert findings("lead-label", text) == [("lead-label", label, 2, 1, 2, 11, None, message)]
    assert findings("lead-missing", text) == []


# --- photo credit --------------------------------------------------------------------------

PHOTO_MISSING = (
    "no photo credit: add a line such as 'Photo source: X.' between the lead and BACKGROUND:"
)


def test_photo_credit_missing_points_at_background():
    text = CLEAN.replace("Photo by X.\n", "")
    assert findings("photo-credit-missing", text) == [
        missing("photo-credit-missing", 3, 1, PHOTO_MISSING)
    ]


def test_photo_credit_missing_without_sections_points_after_the_lead():
    text = "By Jane Doe\nA lead paragraph here."
    assert findings("photo-credit-missing", text) == [
        missing("photo-credit-missing", 2, 23, PHOTO_MISSING)
    ]


@pytest.mark.parametrize(
    "credit",
    [
        "Photo source: NASA.",
        "Photo by Ninara.",
        "Photo Credit: Pavel Fertikh",
        "Image Credit: Reuters",
        "Photo courtesy of the author.",
    ],
)
def test_the_five_house_credit_forms_pass(credit):
    text = CLEAN.replace("Photo by X.", credit)
    assert findings("photo-credit-format", text) == []
    assert findings("photo-credit-missing", text) == []


@pytest.mark.parametrize(
    "credit",
    [
        "photo: NASA",
        "Photo: NASA",
        "Source: NASA",
        "PHOTO CREDIT NASA",
        "Photo credit: NASA",
        "Photo Source: NASA.",
        "Image source: Reuters",
        "Photo by:Ninara",
        "Photo source:NASA",
        "Photo courtesy: X",
        "Picture by X",
        "Courtesy of X",
        "Credit: X",
        "Photo by",
        "(Photo: AP)",  # in brackets: a credit, not part of the lead
    ],
)
def test_near_miss_credits_are_flagged_as_format(credit):
    text = CLEAN.replace("Photo by X.", credit)
    message = f"photo credit '{credit}': it is not in a house form {PHOTO_FORMS}"
    assert findings("photo-credit-format", text) == [
        ("photo-credit-format", credit, 3, 1, 3, 1 + len(credit), None, message)
    ]
    assert findings("photo-credit-missing", text) == []


def test_a_second_credit_is_flagged():
    text = CLEAN.replace("Photo by X.", "Photo by Ninara.\nPhoto by Reuters.")
    message = (
        f"photo credit 'Photo by Reuters.': the article already has a photo credit {PHOTO_FORMS}"
    )
    assert findings("photo-credit-format", text) == [
        ("photo-credit-format", "Photo by Reuters.", 4, 1, 4, 18, None, message)
    ]


def test_photograph_by_is_a_near_miss_credit():
    text = CLEAN.replace("Photo by X.", "Photograph by X")
    message = f"photo credit 'Photograph by X': it is not in a house form {PHOTO_FORMS}"
    assert findings("photo-credit-format", text) == [
        ("photo-credit-format", "Photograph by X", 3, 1, 3, 16, None, message)
    ]


# --- sections ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drop", "label", "line", "column"),
    [
        ("BACKGROUND: Some background.\n", "BACKGROUND:", 4, 1),  # where IMPLICATIONS starts
        ("IMPLICATIONS: Some implications.\n", "IMPLICATIONS:", 5, 1),  # where CONCLUSION starts
        ("CONCLUSION: The end.\n", "CONCLUSION:", 6, 1),  # where the bio starts
    ],
)
def test_section_missing_points_where_it_belongs(drop, label, line, column):
    text = CLEAN.replace(drop, "")
    assert findings("section-missing", text) == [
        missing("section-missing", line, column, f"section {label} is missing")
    ]


def test_last_section_missing_without_bio_points_after_the_last_section():
    text = "By Jane Doe\nA lead.\nPhoto by X.\nBACKGROUND: Text.\nIMPLICATIONS: Text."
    assert findings("section-missing", text) == [
        missing("section-missing", 5, 20, "section CONCLUSION: is missing")
    ]


def test_all_sections_missing_point_at_the_bio():
    text = "By Jane Doe\nA lead paragraph here.\nPhoto by X.\nAUTHOR BIO: Jane Doe is an analyst."
    assert findings("section-missing", text) == [
        missing("section-missing", 4, 1, f"section {label} is missing")
        for label in ("BACKGROUND:", "IMPLICATIONS:", "CONCLUSION:")
    ]


def test_two_sections_missing_around_a_present_one():
    text = "By Jane Doe\nA lead.\nPhoto by X.\nIMPLICATIONS: b.\nAUTHOR BIO: Jane Doe is."
    assert findings("section-missing", text) == [
        missing("section-missing", 4, 1, "section BACKGROUND: is missing"),
        missing("section-missing", 5, 1, "section CONCLUSION: is missing"),
    ]


ORDER = "; the order is BACKGROUND, IMPLICATIONS, CONCLUSION"


def test_section_order():
    text = CLEAN.replace(
        "BACKGROUND: Some background.\nIMPLICATIONS: Some implications.\nCONCLUSION: The end.",
        "CONCLUSION: The end.\nIMPLICATIONS: Some implications.\nBACKGROUND: Some background.",
    )
    assert findings("section-order", text) == [
        (
            "section-order",
            "IMPLICATIONS:",
            5,
            1,
            5,
            14,
            None,
            f"section IMPLICATIONS: stands after CONCLUSION:{ORDER}",
        ),
        (
            "section-order",
            "BACKGROUND:",
            6,
            1,
            6,
            12,
            None,
            f"section BACKGROUND: stands after CONCLUSION:{ORDER}",
        ),
    ]


def test_section_duplicate():
    text = CLEAN.replace("CONCLUSION:", "BACKGROUND: More.\nCONCLUSION:")
    assert findings("section-duplicate", text) == [
        (
            "section-duplicate",
            "BACKGROUND:",
            6,
            1,
            6,
            12,
            None,
            "section BACKGROUND: appears a second time here",
        )
    ]


@pytest.mark.parametrize("rest", ["", " —", "  "])
def test_section_empty(rest):
    text = CLEAN.replace("BACKGROUND: Some background.", f"BACKGROUND:{rest}")
    assert findings("section-empty", text) == [
        ("section-empty", "BACKGROUND:", 4, 1, 4, 12, None, "section BACKGROUND: is empty")
    ]


def test_a_label_on_its_own_line_takes_the_next_paragraph():
    text = CLEAN.replace("BACKGROUND: Some", "BACKGROUND:\nSome")
    assert findings("section-empty", text) == []


def _variant(written: str, line: int, column: int, canonical: str) -> tuple:
    message = f"section label '{written}' is not the house form; write '{canonical}'"
    return (
        "heading-variant",
        written,
        line,
        column,
        line,
        column + len(written),
        canonical,
        message,
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "canonical"),
    [
        ("BACKGROUND:", "Background:", 4, "BACKGROUND:"),
        ("BACKGROUND:", "BACKGROUND", 4, "BACKGROUND:"),
        ("BACKGROUND:", "BACKGROUND :", 4, "BACKGROUND:"),
        ("BACKGROUND:", "CONTEXT:", 4, "BACKGROUND:"),
        ("BACKGROUND:", "**BACKGROUND:**", 4, "BACKGROUND:"),
        ("BACKGROUND:", "**Background**:", 4, "BACKGROUND:"),
        ("IMPLICATIONS:", "IMPLICATION:", 5, "IMPLICATIONS:"),
        ("IMPLICATIONS:", "ANALYSIS:", 5, "IMPLICATIONS:"),
        ("CONCLUSION:", "SUMMARY:", 6, "CONCLUSION:"),
        ("CONCLUSION:", "CONCLUDING REMARKS:", 6, "CONCLUSION:"),
        ("CONCLUSION:", "In Conclusion:", 6, "CONCLUSION:"),
        ("CONCLUSION:", "Conclusions:", 6, "CONCLUSIONS:"),
    ],
)
def test_heading_variant_in_plain_text(old, new, line, canonical):
    text = CLEAN.replace(old, new)
    assert findings("heading-variant", text) == [_variant(new, line, 1, canonical)]


def test_markdown_heading_marks_typed_in_a_text_file():
    text = CLEAN.replace("BACKGROUND: Some", "## Background\nSome")
    assert findings("heading-variant", text) == [_variant("## Background", 4, 1, "BACKGROUND:")]


@pytest.mark.parametrize(
    "text",
    [
        CLEAN.replace("CONCLUSION:", "CONCLUSIONS:"),
        CLEAN.replace("CONCLUSION: The end.", "In conclusion, the end."),
        CLEAN.replace("Some background.", "Background checks were made."),
    ],
)
def test_heading_variant_passes(text):
    assert findings("heading-variant", text) == []


def test_heading_variant_in_markdown():
    text = CLEAN_MD.replace("## Background", "## Context").replace(
        "## Implications\n\nSome", "**Implications:** Some"
    )
    assert findings("heading-variant", text, "markdown") == [
        _variant("Context", 9, 4, "Background"),
        _variant("**Implications:**", 13, 1, "IMPLICATIONS:"),
    ]


# --- bio -----------------------------------------------------------------------------------

BIO_MISSING = (
    "no author bio: end the article with 'AUTHOR BIO:' (or 'AUTHORS’ BIO:' for several authors)"
)


def test_bio_missing_points_at_the_end_of_the_article():
    text = CLEAN.replace("\nAUTHOR BIO: Jane Doe is an analyst.", "\n\n")
    assert findings("bio-missing", text) == [missing("bio-missing", 6, 21, BIO_MISSING)]


LABEL_MISSING = "the last paragraph is the author bio but has no label: start it with '{}'"
UNLABELLED = CLEAN.replace("CONCLUSION: The end.\nAUTHOR BIO: ", "CONCLUSION: The end.\n")


def _label_missing(line: int, canonical: str = "AUTHOR BIO:") -> tuple:
    message = LABEL_MISSING.format(canonical)
    return ("bio-label-missing", "", line, 1, line, 1, f"{canonical} ", message)


@pytest.mark.parametrize(
    ("bio", "expected"),
    [
        ("Jane Doe is an analyst.", [_label_missing(7)]),
        ("Jane Doe, PhD, teaches at the American University of Central Asia.", [_label_missing(7)]),
        ("*Jane Doe was a diplomat in Dushanbe.*", [_label_missing(7)]),  # markup before the name
        ("Doe is an analyst.", []),  # the byline's full name only
        ("Jane Doe isolates the key point.", []),  # a whole word after the name
        ("The author is an analyst.", []),
    ],
)
def test_an_unlabelled_last_paragraph_that_opens_with_the_author_is_the_bio(bio, expected):
    text = UNLABELLED.replace("Jane Doe is an analyst.", bio)
    assert findings("bio-label-missing", text) == expected
    assert findings("bio-missing", text) == (
        [] if expected else [missing("bio-missing", 7, 1 + len(bio), BIO_MISSING)]
    )
    assert findings("bio-heading", text) == []  # one finding for the label, not two


def test_an_unlabelled_bio_leaves_the_conclusion_and_the_body():
    source = read_bytes(UNLABELLED.encode(), "t.txt", "text")
    (article,) = find_articles(source, PACK.anatomy)
    conclusion = next(s for s in article.sections if s.name == "conclusion")
    assert [source.text[a:b] for a, b in conclusion.segments] == ["The end."]
    assert [source.text[a:b] for a, b in article.bio.segments] == ["Jane Doe is an analyst."]
    assert article.bio.label.form == "missing"


def test_a_conclusion_of_one_paragraph_keeps_it():
    text = UNLABELLED.replace("CONCLUSION: The end.\n", "CONCLUSION: ")
    assert findings("bio-label-missing", text) == []
    assert findings("bio-missing", text) != []


def test_an_unlabelled_bio_of_two_authors_asks_for_the_plural_label():
    text = UNLABELLED.replace("By Jane Doe", "By Jane Doe and John Roe").replace(
        "Jane Doe is an analyst.", "Jane Doe and John Roe are analysts."
    )
    assert findings("bio-label-missing", text) == [_label_missing(7, "AUTHORS’ BIO:")]


def _heading(written: str, want: str, line: int = 7, column: int = 1) -> tuple:
    message = f"bio label '{written}'; for this byline the house writes '{want}'"
    return ("bio-heading", written, line, column, line, column + len(written), want, message)


@pytest.mark.parametrize(
    ("byline", "label", "expected"),
    [
        ("By Jane Doe", "AUTHOR BIO:", []),
        ("By Jane Doe and John Roe", "AUTHORS’ BIO:", []),
        ("By Jane Doe and John Roe", "AUTHORS' BIO:", []),
        ("By Jane Doe, John Roe and Ann Lee", "AUTHORS’ BIO:", []),
        ("By Jane Doe", "AUTHORS’ BIO:", [_heading("AUTHORS’ BIO:", "AUTHOR BIO:")]),
        ("By Jane Doe and John Roe", "AUTHOR BIO:", [_heading("AUTHOR BIO:", "AUTHORS’ BIO:")]),
        ("By Jane Doe & John Roe", "AUTHOR BIO:", [_heading("AUTHOR BIO:", "AUTHORS’ BIO:")]),
        ("By Jane Doe and John Roe", "AUTHORS BIO:", [_heading("AUTHORS BIO:", "AUTHORS’ BIO:")]),
        ("By Jane Doe", "About the author:", [_heading("About the author:", "AUTHOR BIO:")]),
        ("By Jane Doe", "Author bio:", [_heading("Author bio:", "AUTHOR BIO:")]),
        ("By Jane Doe", "AUTHOR’S BIO:", [_heading("AUTHOR’S BIO:", "AUTHOR BIO:")]),
        ("By Jane Doe", "BIO:", [_heading("BIO:", "AUTHOR BIO:")]),
    ],
)
def test_bio_heading_singular_and_plural(byline, label, expected):
    text = CLEAN.replace("By Jane Doe", byline).replace("AUTHOR BIO:", label)
    assert findings("bio-heading", text) == expected


def test_bio_heading_in_markdown_uses_the_heading_form():
    one = CLEAN_MD.replace("By Jane Doe, John Roe and Ann Lee", "By Jane Doe")
    assert findings("bio-heading", one, "markdown") == [
        _heading("Authors’ bio", "Author bio", line=21, column=4)
    ]
    several = CLEAN_MD.replace("## Authors’ bio", "## Author bio")
    assert findings("bio-heading", several, "markdown") == [
        _heading("Author bio", "Authors’ bio", line=21, column=4)
    ]


@pytest.mark.parametrize(
    ("byline", "bio", "missing_names", "count"),
    [
        ("By Jane Doe and John Roe", "Jane Doe is an analyst.", "John Roe", 2),
        ("By Jane Doe, John Roe and Ann Lee", "Jane Doe and Ann Lee are analysts.", "John Roe", 3),
        (
            "By Jane Doe, John Roe and Ann Lee",
            "They are analysts.",
            "Jane Doe and John Roe and Ann Lee",
            3,
        ),
        ("By Jane Doe", "She is an analyst.", "Jane Doe", 1),
    ],
)
def test_bio_authors_names_the_missing_authors(byline, bio, missing_names, count):
    label = "AUTHORS’ BIO:" if count > 1 else "AUTHOR BIO:"
    text = CLEAN.replace("By Jane Doe", byline).replace(
        "AUTHOR BIO: Jane Doe is an analyst.", f"{label} {bio}"
    )
    authors = f"{count} author{'s' if count > 1 else ''}"
    message = f"the bio does not name {missing_names} (the byline names {authors})"
    assert findings("bio-authors", text) == [
        ("bio-authors", label, 7, 1, 7, 1 + len(label), None, message)
    ]


def test_bio_authors_by_surname_is_enough():
    text = CLEAN.replace("By Jane Doe", "By Jane Doe and John Roe").replace(
        "AUTHOR BIO: Jane Doe is an analyst.", "AUTHORS’ BIO: Dr. Doe and Mr. Roe are analysts."
    )
    assert findings("bio-authors", text) == []


def test_bio_authors_surname_must_be_a_whole_word():
    text = CLEAN.replace("By Jane Doe", "By Ann Lee").replace(
        "Jane Doe is an analyst.", "John Roe studied in Leeds."
    )
    message = "the bio does not name Ann Lee (the byline names 1 author)"
    assert findings("bio-authors", text) == [
        ("bio-authors", "AUTHOR BIO:", 7, 1, 7, 12, None, message)
    ]


def test_bio_authors_ignores_case():
    text = CLEAN.replace("By Jane Doe", "By JANE DOE")
    assert findings("bio-authors", text) == []


def test_content_after_bio():
    text = CLEAN + "\nEmail,\n\nThis email address is being protected from spambots."
    message = "2 paragraphs (9 words) after the author bio, which must be the last paragraph"
    assert findings("content-after-bio", text) == [
        (
            "content-after-bio",
            "Email,\n\nThis email address is being protected from spambots.",
            8,
            1,
            10,
            53,
            None,
            message,
        )
    ]


def test_content_after_a_one_line_bio_in_short_lines():
    text = CLEAN + "\nShare this article"
    message = "1 paragraph (3 words) after the author bio, which must be the last paragraph"
    assert findings("content-after-bio", text) == [
        ("content-after-bio", "Share this article", 8, 1, 8, 19, None, message)
    ]


def test_content_after_a_markdown_bio_heading_and_its_paragraph():
    text = CLEAN_MD + "\nShare this article\n"
    message = "1 paragraph (3 words) after the author bio, which must be the last paragraph"
    assert findings("content-after-bio", text, "markdown") == [
        ("content-after-bio", "Share this article", 25, 1, 25, 19, None, message)
    ]


def test_blank_lines_after_the_bio_are_fine():
    assert findings("content-after-bio", CLEAN + "\n\n  \n\t\n") == []
