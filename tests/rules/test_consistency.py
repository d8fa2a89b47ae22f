"""Kind `consistency` (HOUSE_STYLE §4): one form per article, the minority form flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import PackError, load_pack
from briefcheck.readers import read_bytes, read_path
from briefcheck.rules.consistency import fixable

PACK = load_pack("analyst")
ISSUE = Path(__file__).resolve().parents[2] / "submissions" / "analyst-issue.txt"
RULES = (
    "consistency-us",
    "consistency-currency",
    "consistency-percent",
    "consistency-spelling",
    "consistency-quotes",
    "consistency-dash",
)


def findings(rule_id: str, text: str, rule=None) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule or PACK.rule(rule_id),)))
    return [(f.rule, f.text, f.line, f.column, f.fix, f.message) for f in report.findings]


def us(text: str, column: int, fix: str | None, message: str, line: int = 1) -> tuple:
    return ("consistency-us", text, line, column, fix, message)


# --- U.S. / US -------------------------------------------------------------------------------


def test_us_minority_flagged_with_counts_and_fix():
    text = (
        "The U.S. and Russia met. The US envoy left; the U.S. stayed, and the USSR's heirs paid "
        "US$ 5 billion."
    )
    assert findings("consistency-us", text) == [
        us("US", 30, "U.S.", "'US' used once, 'U.S.' 2 times: write 'U.S.' throughout"),
    ]


def test_us_tie_keeps_the_preferred_form():
    assert findings("consistency-us", "The US and the U.S. met.") == [
        us(
            "US",
            5,
            "U.S.",
            "'US' used once, 'U.S.' once; a tie, and the house prefers 'U.S.': "
            "write 'U.S.' throughout",
        ),
    ]


def test_us_majority_flags_dotted_form_without_a_fix():
    # Dropping the dots of a "U.S." that ends a sentence would drop the full stop: no fix.
    text = "Talks with the US began. The U.S. left, then the US. Later the US came back."
    assert findings("consistency-us", text) == [
        us("U.S.", 30, None, "'U.S.' used once, 'US' 3 times: write 'US' throughout"),
    ]


def test_us_at_a_sentence_end_keeps_its_full_stop_in_the_fix():
    text = "Russia met the U.S. Then it met the U.S. again, and finally the US."
    assert findings("consistency-us", text) == [
        us("US.", 65, "U.S.", "'US' used once, 'U.S.' 2 times: write 'U.S.' throughout"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. paid US$ 62 billion and US$8 million; the U.S. envoy left.",
        "The USSR, USAID, the USA and a BUS; the U.S. left.",
        "The US and the USSR; the US left.",
        "The U.S.-backed plan and post-U.S. withdrawal talks.",
    ],
)
def test_us_forms_not_counted_or_consistent(text):
    assert findings("consistency-us", text) == []


def test_us_counts_per_article_not_per_file():
    text = (
        "By Jane Doe\nThe US left.\nBACKGROUND: The US came back.\n"
        "IMPLICATIONS: More.\nCONCLUSION: End.\nAUTHOR BIO: Jane Doe is an analyst.\n"
        "By John Roe\nThe U.S. left.\nBACKGROUND: The U.S. came back.\n"
        "IMPLICATIONS: More.\nCONCLUSION: End.\nAUTHOR BIO: John Roe is an analyst.\n"
    )
    assert findings("consistency-us", text) == []


def test_us_scope_is_the_body_not_the_bio():
    text = (
        "By Jane Doe\nThe U.S. left.\nBACKGROUND: The U.S. came back.\n"
        "IMPLICATIONS: More.\nCONCLUSION: End.\nAUTHOR BIO: Jane Doe studied in the US.\n"
    )
    assert findings("consistency-us", text) == []


# --- currency, percent, dashes, quotes ---------------------------------------------------------


def test_currency_amount_rewritten_in_the_majority_form():
    text = "The CPEC costs US$ 62 billion, the railway $4.8 billion and the road $1,500 million."
    assert findings("consistency-currency", text) == [
        (
            "consistency-currency",
            "US$ 62",
            1,
            16,
            "$62",
            "'US$ 62' used once, '$62' 2 times: write amounts one way",
        ),
    ]


def test_currency_one_form_passes():
    text = (
        "While Beijing invests, it finances projects under the US$ 62 billion CPEC; US$ 8.5 more."
    )
    assert findings("consistency-currency", text) == []


def test_percent_sign_in_a_percent_article():
    text = "Forests shrank by 10.1 percent, cover 4.3 percent and grew 14% last year."
    assert findings("consistency-percent", text) == [
        (
            "consistency-percent",
            "%",
            1,
            62,
            " percent",
            "'%' used once, 'percent' 2 times: write percentages one way",
        ),
    ]


def test_percent_word_in_a_percent_sign_article_takes_its_space():
    text = "Trade grew 14% in 2023, 9% in 2024 and 3 percent in 2022; a percentage is no figure."
    assert findings("consistency-percent", text) == [
        (
            "consistency-percent",
            " percent",
            1,
            41,
            "%",
            "'percent' used once, '%' 2 times: write percentages one way",
        ),
    ]


def test_dashes_double_hyphen_and_spaced_en_dash_beside_em_dashes():
    text = "The corridor—a narrow strip—links the two; its use -- and its cost – grew."
    message = "{} used once, em dashes (—) 2 times: use one kind of dash"
    assert findings("consistency-dash", text) == [
        ("consistency-dash", "--", 1, 52, "—", message.format("double hyphens (--)")),
        ("consistency-dash", "–", 1, 68, "—", message.format("spaced en dashes ( – )")),
    ]


def test_unspaced_en_dash_is_not_a_dash():
    text = "The corridor—a narrow strip—ran 1996–2001 on the Mazar-e-Sharif–Herat line."
    assert findings("consistency-dash", text) == []


def test_em_dash_minority_has_no_fix_towards_an_en_dash():
    text = "Regional players – public and private – may pay, as may others—in time."
    assert findings("consistency-dash", text) == [
        (
            "consistency-dash",
            "—",
            1,
            63,
            None,
            "em dashes (—) used once, spaced en dashes ( – ) 2 times: use one kind of dash",
        ),
    ]


def test_straight_apostrophe_and_quotes_in_a_curly_article():
    text = (
        "Trump’s envoy and Biden’s aide met; Moscow's view differed, and it called this a "
        '"wait and watch" approach, a “chicken neck” and an “air passage”.'
    )
    assert findings("consistency-quotes", text) == [
        (
            "consistency-quotes",
            "'",
            1,
            43,
            None,
            "straight apostrophes (') used once, curly apostrophes (’) 2 times",
        ),
        (
            "consistency-quotes",
            '"wait and watch"',
            1,
            82,
            None,
            'straight quotes (") used once, curly quotes (“ ”) 2 times',
        ),
    ]


# --- American and British spelling -------------------------------------------------------------


def spelling(text: str, column: int, fix: str, counts: str, group: str) -> tuple:
    return (
        "consistency-spelling",
        text,
        1,
        column,
        fix,
        f"{counts}: keep to one spelling ({group})",
    )


def test_towards_in_a_toward_article():
    text = "Moving toward Moscow and shifting toward Asia, its approach towards Baku differs."
    assert findings("consistency-spelling", text) == [
        spelling(
            "towards", 61, "toward", "'towards' used once, 'toward' 2 times", "toward/towards"
        ),
    ]


def test_ise_words_in_an_ize_tie_keep_their_case():
    text = (
        "Kazakhstan recognised the risk. It organized talks, prioritized water and realized "
        "little; Recognising that, the Organisation for Security and Co-operation in Europe met."
    )
    counts = "'-ise' used 2 times, '-ize' 2 times; a tie, and the house prefers '-ize'"
    assert findings("consistency-spelling", text) == [
        spelling("recognised", 12, "recognized", counts, "-ize/-ise"),
        spelling("Recognising", 92, "Recognizing", counts, "-ize/-ise"),
    ]


def test_proper_names_keep_their_spelling_and_do_not_count():
    text = (
        "The United Nations Development Programme and the World Food Programme fund a program; "
        "a second program and the programme of the Centre for Strategic and International "
        "Studies."
    )
    assert findings("consistency-spelling", text) == [
        spelling(
            "programme",
            112,
            "program",
            "'programme' used once, 'program' 2 times",
            "program/programme",
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Defence, the Defense Ministry and the defense budget.",
        "The Centre for Strategic and International Studies praised the center of the city.",
        "The World Health Organization and the Labour Party; organisations and labour unions.",
        "Neighbouring states and their neighbours; favourable terms; the honour of it.",
        "He rose to the top; untoward events; the entrepreneur entered the centre.",
        "Analyses, crises and premises; the criticism of modernist and specialist views.",
    ],
)
def test_spelling_passes(text):
    assert findings("consistency-spelling", text) == []


def test_each_pair_is_counted_on_its_own():
    text = "The neighbouring states favor toward; the neighbour's favor; toward a centre."
    assert findings("consistency-spelling", text) == []


# --- options ---------------------------------------------------------------------------------


def test_min_minority_silences_a_single_slip():
    groups = PACK.rule("consistency-us").spec.options["groups"]
    rule = PACK.rule("consistency-us").with_options({"groups": [{**groups[0], "min_minority": 2}]})
    assert findings("", "The U.S. and the US; the U.S. left.", rule) == []
    assert [f[1] for f in findings("", "The U.S. and the US; the US left, the U.S. too.", rule)]
    assert [f[1] for f in findings("", "The U.S., the US and the US; the U.S. and U.S.", rule)] == [
        "US",
        "US",
    ]


def test_report_first_gives_one_finding_per_article_with_the_counts_and_no_fix():
    group = PACK.rule("consistency-us").spec.options["groups"][0]
    each = PACK.rule("consistency-us").with_options({"groups": [group]})
    first = PACK.rule("consistency-us").with_options({"groups": [{**group, "report": "first"}]})
    text = (
        "By Jane Doe\nThe US left; the U.S. stayed.\nBACKGROUND: The US came back, the U.S. and "
        "the U.S. met.\nIMPLICATIONS: The US again.\nCONCLUSION: End.\n"
        "AUTHOR BIO: Jane Doe is an analyst.\n"
        "By John Roe\nThe US left.\nBACKGROUND: The U.S. came back.\n"
        "IMPLICATIONS: The US went, the US stayed.\nCONCLUSION: End.\n"
        "AUTHOR BIO: John Roe is an analyst.\n"
    )
    # each: every minority use, with its fix; first: only the first, with the counts, no fix
    assert [(f[1], f[2], f[3], f[4]) for f in findings("", text, each)] == [
        ("US", 2, 5, "U.S."),
        ("US", 3, 17, "U.S."),
        ("US", 4, 19, "U.S."),
        ("U.S.", 9, 17, None),
    ]
    assert findings("", text, first) == [
        us(
            "US",
            5,
            None,
            "'US' used 3 times, 'U.S.' 3 times; a tie, and the house prefers "
            "'U.S.': write 'U.S.' throughout",
            line=2,
        ),
        us("U.S.", 17, None, "'U.S.' used once, 'US' 3 times: write 'US' throughout", line=9),
    ]
    assert (fixable(each.options), each.fixable) == (True, True)
    assert (fixable(first.options), first.fixable) == (False, False)
    assert PACK.rule("consistency-quotes").fixable is False  # both its groups report first


@pytest.mark.parametrize(
    ("group", "error"),
    [
        (
            {
                "name": "g",
                "prefer": "c",
                "forms": [{"label": "a", "regex": "a"}, {"label": "b", "regex": "b"}],
            },
            "prefer 'c' is not a form's label",
        ),
        (
            {"name": "g", "forms": [{"label": "a", "regex": "a"}, {"label": "a", "regex": "b"}]},
            "two forms have the same label",
        ),
        (
            {
                "name": "g",
                "forms": [
                    {"label": "a", "regex": "(?P<x>a)", "replace": "\\g<x>"},
                    {"label": "b", "regex": "b"},
                ],
            },
            "replace of 'a' refers to group 'x', which the regex of 'b' does not have",
        ),
        (
            {"name": "g", "forms": [{"label": "a", "regex": "("}, {"label": "b", "regex": "b"}]},
            "bad regular expression",
        ),
        ({"name": "g", "forms": [{"label": "a", "regex": "a"}]}, "at least 2 items"),
    ],
)
def test_bad_groups_are_load_errors(group, error):
    with pytest.raises(PackError, match=r"options\.groups\.0") as exc:
        PACK.rule("consistency-us").with_options({"groups": [group]})
    assert error in str(exc.value)


# --- the sample issue ------------------------------------------------------------------------


def test_sample_issue_consistency_findings():
    """Read by hand: Fazl-e-Haider writes "US withdrawal" once beside five "U.S." (US$ aside);
    Turgunbaeva/Ghiasi write "US" twice and "U.S." twice (U.S.-led, post-U.S.), a tie the house
    form wins; Avdaliani writes "towards" once and "toward" seven times."""
    source = read_path(ISSUE, "analyst-issue.txt")
    rules = tuple(PACK.rule(r) for r in RULES if r != "consistency-quotes")
    report = check_source(source, RuleSet(PACK, rules))
    tie = "; a tie, and the house prefers 'U.S.'"
    assert [
        (f.rule, f.text, f.line, f.column, f.article, f.fix, f.message) for f in report.findings
    ] == [
        (
            "consistency-spelling",
            "towards",
            5,
            532,
            1,
            "toward",
            "'towards' used once, 'toward' 7 times: keep to one spelling (toward/towards)",
        ),
        (
            "consistency-us",
            "US",
            27,
            967,
            2,
            "U.S.",
            "'US' used once, 'U.S.' 5 times: write 'U.S.' throughout",
        ),
        (
            "consistency-us",
            "US",
            63,
            167,
            4,
            "U.S.",
            f"'US' used 2 times, 'U.S.' 2 times{tie}: write 'U.S.' throughout",
        ),
        (
            "consistency-us",
            "US",
            66,
            121,
            4,
            "U.S.",
            f"'US' used 2 times, 'U.S.' 2 times{tie}: write 'U.S.' throughout",
        ),
    ]
    lines = ISSUE.read_text(encoding="utf-8").split("\n")
    assert lines[27 - 1][966:].startswith("US withdrawal from the war-torn country")
    assert lines[63 - 1][166:].startswith("US by providing military support")
    assert lines[66 - 1][120:].startswith("US withdrawal creating a power vacuum")


def test_sample_issue_quote_counts_per_article():
    source = read_path(ISSUE, "analyst-issue.txt")
    report = check_source(source, RuleSet(PACK, (PACK.rule("consistency-quotes"),)))
    by_article: dict[int, set[str]] = {}
    for f in report.findings:
        by_article.setdefault(f.article, set()).add(f.message)
    assert by_article == {
        1: {
            "straight apostrophes (') used 11 times, curly apostrophes (’) 11 times; a tie, and "
            "the house prefers 'curly apostrophes (’)'"
        },
        2: {"straight apostrophes (') used 12 times, curly apostrophes (’) 18 times"},
        3: {"straight apostrophes (') used once, curly apostrophes (’) 15 times"},
        4: {
            "straight apostrophes (') used 5 times, curly apostrophes (’) 14 times",
            'straight quotes (") used once, curly quotes (“ ”) once; a tie, and the house '
            "prefers 'curly quotes (“ ”)'",
        },
    }
    # one finding per article and mixed group, at its first minority mark, with no fix
    assert [(f.article, f.text, f.line, f.column, f.fix) for f in report.findings] == [
        (1, "'", 5, 142, None),
        (2, "'", 19, 933, None),
        (3, "'", 43, 11, None),
        (4, "'", 61, 55, None),
        (4, '"Khalqlaar Bazar"', 70, 194, None),
    ]
    lines = ISSUE.read_text(encoding="utf-8").split("\n")
    assert lines[5 - 1][141:].startswith("'s presidency")  # Trump's, the first of the 11
    assert lines[19 - 1][932:].startswith("'s Xinjiang")
    assert lines[43 - 1][10:].startswith("'s ability")
    assert lines[61 - 1][54:].startswith("'ss Prime Minister")
    assert lines[70 - 1][193:].startswith('"Khalqlaar Bazar"')
