"""Kind `acronym` (HOUSE_STYLE §5): `acronym-undefined` and `acronym-redefined`."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import PackError, load_pack
from briefcheck.readers import read_bytes, read_path

PACK = load_pack("analyst")
UNDEFINED = PACK.rule("acronym-undefined")
REDEFINED = PACK.rule("acronym-redefined")
ISSUE = Path(__file__).resolve().parents[2] / "submissions" / "analyst-issue.txt"


def findings(text: str, rule=UNDEFINED) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule,)))
    return [(f.rule, f.text, f.line, f.column, f.fix, f.message) for f in report.findings]


def undefined(text: str, column: int, definition: str, note: str = "", line: int = 1) -> tuple:
    acronym = text.removesuffix("s") if text.endswith("s") and text[:-1].isupper() else text
    message = f"'{acronym}' is used without being spelled out at first use ('{definition}'){note}"
    return ("acronym-undefined", text, line, column, None, message)


LATER = " (it is spelled out only later)"


def test_undefined_known_unknown_and_defined_later():
    text = (
        "The World Bank, ADB and EBRD lent to Kyrgyzstan, as did the Asian Development Bank "
        "(ADB) and the XYZW."
    )
    assert findings(text) == [
        undefined("ADB", 17, "Asian Development Bank (ADB)", LATER),
        undefined("EBRD", 25, "European Bank for Reconstruction and Development (EBRD)"),
        undefined("XYZW", 98, "Full Name (XYZW)"),
    ]


def test_one_finding_per_acronym_at_its_first_use():
    text = "The CSTO met. The CSTO met again, and the CSTO's leaders left.\nThe CSTO ended."
    assert findings(text) == [
        undefined("CSTO", 5, "Collective Security Treaty Organization (CSTO)"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # capitals, hyphenated names, plural definitions, "of/and/the/for" inside
        "The Tehreek-e-Taliban Pakistan (TTP) attacks the China-Pakistan Economic Corridor "
        "(CPEC); the TTP hits CPEC.",
        "The Sustainable Development Goals (SDGs) guide the SDG Agenda 2030.",
        "The Turkmenistan-Afghanistan-Pakistan-India (TAPI) pipeline; TAPI gas.",
        "The European Bank for Reconstruction and Development (EBRD) lends; the EBRD lent.",
        "The Organization for Security and Co-operation in Europe (OSCE) and the OSCE.",
        "The Inter-Services Intelligence (ISI) chief; the ISI denied it.",
        # lower-case definitions of common nouns, and names from another language
        "Exports of liquefied natural gas (LNG) grew; LNG prices fell.",
        "The non-governmental organizations (NGOs) met; one NGO left.",
        "Russia's Federal Security Service (FSB) denied it; the FSB said so.",
        "The KNB (Kazakhstan's National Security Committee) said so; the KNB denied it.",
        # the allow-list, Roman numerals, shouting, labels, dotted and mixed-case forms
        "The U.S., US, UN, EU, NATO, UK, GDP and COVID-19 matter; the NATO-led, anti-NATO camp.",
        "After World War II, Louis XIV and Phase IV, the MoUs and the PhD, R&D at AT&T.",
        "THE KEY ISSUE IS WATER, and it is.",
    ],
)
def test_passes(text):
    assert findings(text) == []


def test_plural_first_use_names_the_singular():
    assert findings("Several NGOs met.") == [
        undefined("NGOs", 9, "non-governmental organization (NGO)"),
    ]


def test_acronym_with_a_number_keeps_it():
    text = "Kyrgyzstan plays a key role in the CASA-1000 electricity transmission project."
    assert findings(text) == [undefined("CASA-1000", 36, "Full Name (CASA-1000)")]


def test_scope_is_the_body_byline_and_bio_do_not_count():
    text = (
        "By Jane Doe\nThe lead mentions nothing.\nBACKGROUND: The EBRD lent.\n"
        "IMPLICATIONS: More.\nCONCLUSION: End.\n"
        "AUTHOR BIO: Jane Doe works for the UNAI and the EBRD.\n"
    )
    assert findings(text) == [
        undefined("EBRD", 17, "European Bank for Reconstruction and Development (EBRD)", line=3),
    ]


def test_allow_list_and_min_length_are_options():
    rule = UNDEFINED.with_options({"allow": ["EBRD"], "min_length": 3})
    assert findings("The EBRD, the ADB and the XY met.", rule) == [
        undefined("ADB", 15, "Asian Development Bank (ADB)"),
    ]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"check": "missing"}, "options.check: Input should be 'undefined' or 'redefined'"),
        ({"min_length": 1}, "options.min_length: Input should be greater than or equal to 2"),
        ({"allow": "EBRD"}, "options.allow: Input should be a valid list"),
    ],
)
def test_bad_options_are_load_errors(options, error):
    with pytest.raises(PackError) as exc:
        UNDEFINED.with_options(options)
    assert error in str(exc.value)


# --- acronym-redefined -----------------------------------------------------------------------


def test_redefined_flags_each_later_definition_whole():
    text = (
        "The Asian Development Bank (ADB) lends. Later the Asian Development Bank (ADB) lent "
        "more, and the ADB (Asian Development Bank) too."
    )
    message = "'ADB' is spelled out again; it was defined earlier as 'Asian Development Bank (ADB)'"
    assert findings(text, REDEFINED) == [
        ("acronym-redefined", "Asian Development Bank (ADB)", 1, 51, None, message),
        ("acronym-redefined", "ADB (Asian Development Bank)", 1, 99, None, message),
    ]


def test_redefined_with_another_name_says_so():
    text = "The Asian Development Bank (ADB) lends; the Asian Dev Bank (ADB) lent."
    assert findings(text, REDEFINED) == [
        (
            "acronym-redefined",
            "Asian Dev Bank (ADB)",
            1,
            45,
            None,
            "'ADB' is spelled out again; it was defined earlier as 'Asian Development Bank (ADB)'"
            " ('Asian Dev Bank')",
        ),
    ]


def test_definitions_are_per_article():
    text = (
        "By Jane Doe\nThe Asian Development Bank (ADB) lends.\nBACKGROUND: B.\nIMPLICATIONS: I.\n"
        "CONCLUSION: C.\nAUTHOR BIO: Jane Doe is an analyst.\n"
        "By John Roe\nThe Asian Development Bank (ADB) lends.\nBACKGROUND: B.\nIMPLICATIONS: I.\n"
        "CONCLUSION: C.\nAUTHOR BIO: John Roe is an analyst.\n"
    )
    assert findings(text, REDEFINED) == []
    assert findings(text) == []


# --- the sample issue ------------------------------------------------------------------------


def test_sample_issue_undefined_acronyms():
    """Read by hand: article 1 defines GD (NATO, EU, UN, U.S. are allowed); article 2 defines
    TTP, NRF, ISI, BRI and CPEC at first use; article 3 defines SDGs, FAO, UNDP, EU and ADB but
    lists "World Bank, ADB, EBRD, UNDP" without ever spelling EBRD out; article 4 defines ISAF,
    TAPI and BRI, writes MoUs (mixed case, not checked) and names the CASA-1000 project without
    spelling out CASA (Central Asia–South Asia)."""
    source = read_path(ISSUE, "analyst-issue.txt")
    report = check_source(source, RuleSet(PACK, (UNDEFINED, REDEFINED)))
    assert [(f.rule, f.text, f.line, f.column, f.article, f.message) for f in report.findings] == [
        (
            "acronym-undefined",
            "EBRD",
            57,
            128,
            3,
            "'EBRD' is used without being spelled out at first use "
            "('European Bank for Reconstruction and Development (EBRD)')",
        ),
        (
            "acronym-undefined",
            "CASA-1000",
            75,
            402,
            4,
            "'CASA-1000' is used without being spelled out at first use ('Full Name (CASA-1000)')",
        ),
    ]
    lines = ISSUE.read_text(encoding="utf-8").split("\n")
    assert lines[57 - 1][127:].startswith("EBRD, UNDP and others to finance")
    assert lines[75 - 1][401:].startswith("CASA-1000 electricity transmission project")
