"""Kind `pattern`: rules `web-artifact`, `mojibake`, `spacing` and `apostrophe` on small texts."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")

CLOAK = (
    "This email address is being protected from spambots. You need JavaScript enabled to view it."
)
STRAY = (
    "stray apostrophe after a word that does not end in 's' "
    "(possessive 's' deleted, or apostrophe left over)"
)


def findings(rule_id: str, text: str, rule=None) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule or PACK.rule(rule_id),)))
    return [
        (f.rule, f.text, f.line, f.column, f.end_line, f.end_column, f.fix, f.message)
        for f in report.findings
    ]


def web(text, line, column, end_line, end_column, fix, detail) -> tuple:
    return (
        "web-artifact",
        text,
        line,
        column,
        end_line,
        end_column,
        fix,
        f"web leftover: {detail}",
    )


def moji(text, column, fix, detail, line=1) -> tuple:
    return ("mojibake", text, line, column, line, column + len(text), fix, f"mojibake: {detail}")


def spacing(text, column, fix, detail, line=1) -> tuple:
    return ("spacing", text, line, column, line, column + len(text), fix, f"spacing: {detail}")


def apos(text, column, fix, detail, line=1) -> tuple:
    return (
        "apostrophe",
        text,
        line,
        column,
        line,
        column + len(text),
        fix,
        f"apostrophe: {detail}",
    )


# --- web-artifact ----------------------------------------------------------------------------

DANGLING = "a dangling 'Email,' where an address was stripped"
CHROME = "page chrome copied with the article"
DATE = "a date line copied from the page"


def test_cloak_text_and_dangling_email_after_the_bio():
    text = (
        "By Jane Doe\nA lead.\n"
        "AUTHOR BIO: Jane Doe is an analyst at the Institute. Email,\n" + CLOAK
    )
    assert findings("web-artifact", text) == [
        web("Email,", 3, 54, 3, 60, "", DANGLING),
        web(CLOAK, 4, 1, 4, 93, "", "the e-mail cloak text of the web page"),
    ]


def test_cloak_text_inside_a_paragraph_takes_the_space_before_it():
    text = "AUTHOR BIO: Jane Doe is an analyst. " + CLOAK
    assert findings("web-artifact", text) == [
        web(" " + CLOAK, 1, 36, 1, 129, "", "the e-mail cloak text of the web page"),
    ]


@pytest.mark.parametrize("line", ["Email,", "Email:", "E-mail", "Email"])
def test_dangling_email_line(line):
    assert findings("web-artifact", f"A paragraph.\n{line}\nAnother.") == [
        web(line, 2, 1, 2, 1 + len(line), "", DANGLING),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "She wrote an email to him.",
        "Email: jane@example.org",
        "The email was sent on 3 March 2025; the image was featured in the report.",
        "On 11 March 2025 the talks began.",
        "The a < b > c comparison holds.",
        "Use the & sign.",
        "See p. 4 and the U.S. role.",
        "The shutterstock photo agency.",
    ],
)
def test_prose_that_only_looks_like_a_leftover_passes(text):
    assert findings("web-artifact", text) == []


@pytest.mark.parametrize("line", [".", "***", "—", "…", "*", ".,"])
def test_lone_punctuation_line(line):
    assert findings("web-artifact", f"A paragraph.\n{line}\nAnother.") == [
        web(line, 2, 1, 2, 1 + len(line), "", "a line of lone punctuation"),
    ]


def test_image_file_names_any_case():
    assert findings("web-artifact", "The map.jpg file and the Map.PNG one.") == [
        web("map.jpg", 1, 5, 1, 12, None, "an image file name"),
        web("Map.PNG", 1, 26, 1, 33, None, "an image file name"),
    ]


def test_stock_photo_name():
    assert findings("web-artifact", "Photo source: Shutterstock_98765 and more.") == [
        web("Shutterstock_98765", 1, 15, 1, 33, None, "a stock-photo file name"),
    ]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("Published in Analytical Articles", CHROME),
        ("Featured", CHROME),
        ("Read more", CHROME),
        ("Share this article", CHROME),
        ("Hits: 1234", CHROME),
        ("Tags: Kazakhstan, energy", CHROME),
        ("Tuesday, 11 March 2025", DATE),
        ("11 March 2025", DATE),
        ("March 11, 2025", DATE),
        ("03/12/2025", DATE),
        ("03/12/2025 10:30", DATE),
    ],
)
def test_page_chrome_and_date_lines(line, detail):
    text = f"By Jane Doe\nA lead paragraph.\n{line}\nPhoto by X."
    assert findings("web-artifact", text) == [web(line, 3, 1, 3, 1 + len(line), None, detail)]


@pytest.mark.parametrize(
    "suffix",
    [" (03/12/2025 issue of the CACI Analyst)", " (March 12, 2025 issue of the Analyst)"],
)
def test_issue_suffix_on_the_byline(suffix):
    text = f"By Jane Doe{suffix}\nA lead paragraph."
    assert findings("web-artifact", text) == [
        web(suffix, 1, 12, 1, 12 + len(suffix), "", "an issue suffix on the byline"),
    ]


def test_html_tags_and_entities():
    text = "Some <p>text</p> and <br/> here.\nA&amp;B and &nbsp; and &#8217;s."
    assert findings("web-artifact", text) == [
        web("<p>", 1, 6, 1, 9, None, "an HTML tag"),
        web("</p>", 1, 13, 1, 17, None, "an HTML tag"),
        web("<br/>", 1, 22, 1, 27, None, "an HTML tag"),
        web("&amp;", 2, 2, 2, 7, None, "an HTML entity"),
        web("&nbsp;", 2, 13, 2, 19, None, "an HTML entity"),
        web("&#8217;", 2, 24, 2, 31, None, "an HTML entity"),
    ]


def test_citation_of_a_journal_issue_in_prose_is_not_a_byline_suffix():
    text = "The report (published in the May issue of Foreign Affairs) argued otherwise."
    assert findings("web-artifact", text) == []


def test_one_sentence_paragraph_starting_published_in_is_prose():
    text = "Published in 2023, the strategy set out the goals of the government for the region."
    assert findings("web-artifact", text) == []


def test_stock_photo_file_is_one_finding():
    got = findings("web-artifact", "shutterstock_1234567.jpg")
    assert [f[1] for f in got] == ["shutterstock_1234567.jpg"]


# --- mojibake --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since Trumpâ€™s return.", moji("â€™", 12, "’", "a garbled ’")),
        ("The â€˜new policy.", moji("â€˜", 5, "‘", "a garbled ‘")),
        ("The â€œtalks began.", moji("â€œ", 5, "“", "a garbled “")),
        ("Talks â€“ and more.", moji("â€“", 7, "–", "a garbled – (en dash)")),
        ("Waitâ€¦ and see.", moji("â€¦", 5, "…", "a garbled …")),
        ("FranÃ§ois came.", moji("Ã§", 5, "ç", "a garbled ç")),
        ("100Â km away.", moji("Â", 4, "", "'Â' before a space is a garbled non-breaking space")),
        (
            "A lost \ufffd character.",
            moji(
                "\ufffd",
                8,
                None,
                "U+FFFD, the replacement character: a character was lost in conversion",
            ),
        ),
        (
            "A garbled Ã¡ letter.",
            moji("Ã¡", 11, "á", "a garbled á"),
        ),
    ],
)
def test_mojibake_with_fix_where_certain(text, expected):
    assert findings("mojibake", text) == [expected]


def test_closing_curly_quote_mojibake_in_a_real_round_trip():
    # U+201D is E2 80 9D in UTF-8; 0x9D is undefined in cp1252 and survives as U+009D.
    text = "He said â€œnoâ€\x9d to Trumpâ€™s plan, and the talks went on for many days."
    assert findings("mojibake", text) == [
        moji("â€œ", 9, "“", "a garbled “"),
        moji("â€\x9d", 14, "”", "a garbled ”"),
        moji("â€™", 26, "’", "a garbled ’"),
    ]


def test_clean_text_passes_mojibake():
    text = "Since Donald Trump’s return, the café in Tbilisi reopened — and “talks” began."
    assert findings("mojibake", text) == []


@pytest.mark.parametrize(("garbled", "right"), [("Ã©", "é"), ("Ã¨", "è"), ("Ã¶", "ö"), ("Ã¼", "ü")])
def test_one_finding_per_garbled_letter(garbled, right):
    assert findings("mojibake", f"Caf{garbled} talks.") == [
        moji(garbled, 4, right, f"a garbled {right}"),
    ]


def test_em_dash_mojibake_gets_its_fix():
    text = "Georgia " + "—".encode().decode("cp1252") + " and Armenia."
    assert text == "Georgia â€” and Armenia."
    assert findings("mojibake", text) == [moji("â€”", 9, "—", "a garbled — (em dash)")]


@pytest.mark.parametrize("letter", ["É", "Ü", "Ö"])
def test_garbled_capital_letters_are_found(letter):
    garbled = letter.encode().decode("cp1252")
    got = findings("mojibake", f"The {garbled}zbek side.")
    assert [f[1] for f in got] == [garbled]


# --- spacing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This heightened tension.As a result, talks stalled.",
            spacing(".", 24, ". ", "no space after the full stop"),
        ),
        ("Tokayev.The president left.", spacing(".", 8, ". ", "no space after the full stop")),
        ("The term,which is new.", spacing(",", 9, ", ", "no space after the comma")),
        ("The two  countries met.", spacing("  ", 8, " ", "more than one space between words")),
        (
            "Two\u00a0\u00a0spaces.",
            spacing("\u00a0\u00a0", 4, " ", "more than one space between words"),
        ),
        ("The talks , however, stalled.", spacing(" ", 10, "", "space before punctuation")),
        ("Yes ; no.", spacing(" ", 4, "", "space before punctuation")),
        ("It ended .", spacing(" ", 9, "", "space before punctuation")),
        ("Is it ?", spacing(" ", 6, "", "space before punctuation")),
    ],
)
def test_spacing_slips(text, expected):
    assert findings("spacing", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and the E.U. met.",
        "In 2024, and 1,360 km of border.",
        "Mountains, e.g. the Pamirs, and rivers, i.e. the Amu Darya.",
        "Mr. Smith met Dr. Jones.",
        "It went on...",
        "A list: one, two.",
        "He left.\tThen she did.",
        "The end.  ",
        "  Indented start.",
        "See www.example.com now.",
        "Mazar-e-Sharif and 3.5 percent.",
    ],
)
def test_spacing_passes(text):
    assert findings("spacing", text) == []


def test_spacing_position_on_a_later_line():
    text = "By Jane Doe\nA lead.\nThe talks stalled.Again."
    assert findings("spacing", text) == [
        spacing(".", 18, ". ", "no space after the full stop", line=3),
    ]


# --- apostrophe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "During a meeting with Uzbekistan'ss Prime Minister.",
            apos("Uzbekistan'ss", 23, "Uzbekistan's", "doubled 's' after the apostrophe"),
        ),
        (
            "Kazakhstan’ss leader.",
            apos("Kazakhstan’ss", 1, "Kazakhstan’s", "doubled 's' after the apostrophe"),
        ),
        ("China' has remained silent.", apos("China'", 1, None, STRAY)),
        ("China’ has remained silent.", apos("China’", 1, None, STRAY)),
        ("Then Russia' is ready.", apos("Russia'", 6, None, STRAY)),
        (
            "The party and it's own leader.",
            apos("it's own", 15, "its own", "'it's' (it is) where the possessive 'its' is meant"),
        ),
        (
            "It’s own goal.",
            apos("It’s own", 1, "Its own", "'it's' (it is) where the possessive 'its' is meant"),
        ),
        ("its' role", apos("its'", 1, "its", "'its'' is not a word; the possessive is 'its'")),
        (
            "Its’ role, too.",
            apos("Its’", 1, "Its", "'its'' is not a word; the possessive is 'its'"),
        ),
    ],
)
def test_apostrophe_slips(text, expected):
    assert findings("apostrophe", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The 'stans' have their own rules.",
        "The ‘stans’ have their own rules.",
        "The countries' leaders have met.",
        "The Tajiks’ leader and the Uzbeks’ rivals.",
        "Uzbekistan's Prime Minister.",
        "The word 'China' has two syllables.",
        "The ‘new’ policy is set.",
        "It's a deal, and it’s done.",
        "The bosses's view.",
        "Its role is clear.",
    ],
)
def test_apostrophe_passes(text):
    assert findings("apostrophe", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The ‘Middle Corridor’ is a trade route.",
        "The so-called 'Middle Corridor' has grown.",
        "Moscow's 'near abroad' was contested.",
    ],
)
def test_closing_quote_of_a_quoted_phrase_is_not_an_apostrophe(text):
    assert findings("apostrophe", text) == []


def test_its_apostrophe_at_end_of_paragraph():
    assert findings("apostrophe", "The country and its'") == [
        apos("its'", 17, "its", "'its'' is not a word; the possessive is 'its'"),
    ]
