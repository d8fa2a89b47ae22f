"""Kind `transliteration` (HOUSE_STYLE §4, §6): variant spellings, the house form as fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes, read_path
from briefcheck.rules.transliteration import _trie, matcher

PACK = load_pack("analyst")
RULE = PACK.rule("transliteration")
SUBMISSIONS = Path(__file__).resolve().parents[2] / "submissions"


def findings(text: str, rule=RULE) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule,)))
    return [(f.rule, f.text, f.line, f.column, f.fix, f.message) for f in report.findings]


def hit(variant: str, preferred: str, column: int, line: int = 1) -> tuple:
    message = f"'{variant}' is not the house spelling; write '{preferred}'"
    return ("transliteration", variant, line, column, preferred, message)


def test_names_people_places_possessive_and_compound():
    text = (
        "President Mirziyoev met Tokaev's envoy in the Kiev-based office; the Uighurs of Sinkiang."
    )
    assert findings(text) == [
        hit("Mirziyoev", "Mirziyoyev", 11),
        hit("Tokaev", "Tokayev", 25),
        hit("Kiev", "Kyiv", 47),
        hit("Uighurs", "Uyghurs", 70),
        hit("Sinkiang", "Xinjiang", 81),
    ]


def test_multiword_apostrophe_and_lower_case_variants():
    text = (
        "A madrassa, then Madrassa schools, and Qo’qon and Qo'qon near Mazar-i-Sharif and "
        "Mazari Sharif."
    )
    assert findings(text) == [
        hit("madrassa", "madrasa", 3),
        hit("Madrassa", "Madrasa", 18),
        hit("Qo’qon", "Kokand", 40),
        hit("Qo'qon", "Kokand", 51),
        hit("Mazar-i-Sharif", "Mazar-e-Sharif", 63),
        hit("Mazari Sharif", "Mazar-e-Sharif", 82),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "President Mirziyoyev met Tokayev's envoy; Uyghur militants fled Mazar-e-Sharif.",
        "A Mirziyoevich or a Tokaevsky is no variant; nor is the word Kievan.",
        "The lower-case uighur is not the name (variants are case-sensitive).",
        # corrected by house-typo (an error), so not flagged twice
        "Kazakstan, Kirghizia, Tadjikistan, Azerbaidjan and Ashgabad.",
    ],
)
def test_passes(text):
    assert findings(text) == []


def test_second_line_position():
    assert findings("By Jane Doe\nThe Taleban-run ministry.") == [hit("Taleban", "Taliban", 5, 2)]


def test_extra_variants_from_the_rule_options():
    rule = RULE.with_options({"extra": [{"name": "Shavkat", "variants": ["Shawkat"]}]})
    assert findings("Shawkat Mirziyoev spoke.", rule) == [
        hit("Shawkat", "Shavkat", 1),
        hit("Mirziyoev", "Mirziyoyev", 9),
    ]


def test_ignore_option_and_an_empty_list():
    rule = RULE.with_options({"ignore": ["Kiev"]})
    assert findings("Kiev and Tokaev.", rule) == [hit("Tokaev", "Tokayev", 10)]


def test_scope_is_prose_the_byline_is_not_read():
    text = "By Jane Tokaev\nTokaev spoke.\nAUTHOR BIO: Jane Tokaev lives in Kiev."
    assert [(f[1], f[2], f[3]) for f in findings(text)] == [
        ("Tokaev", 2, 1),
        ("Tokaev", 3, 18),
        ("Kiev", 3, 34),
    ]


def test_matcher_is_built_once_per_vocabulary_and_options():
    vocabulary = PACK.vocabulary.get()
    first = matcher(vocabulary, RULE.options)
    assert matcher(vocabulary, RULE.options) is first
    other = RULE.with_options({"ignore": []}).options
    assert matcher(vocabulary, other) is not first
    assert (
        "Kazakstan" not in first.preferred and "Kazakstan" in matcher(vocabulary, other).preferred
    )


def test_every_vocabulary_variant_is_flagged_and_fixed():
    preferred = PACK.vocabulary.get().preferred
    ignored = set(RULE.options.ignore)
    for variant, house in preferred.items():
        if variant in ignored:
            continue
        assert findings(f"See {variant} now.") == [hit(variant, house, 5)], variant


def test_trie_matches_exactly_its_words_longest_first():
    words = ["Uighur", "Uighurs", "Uigur", "Tadjik", "Tadjikistan", "a.b"]
    pattern = re.compile(_trie(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert pattern.match("Tadjikistan's").group() == "Tadjikistan"
    assert not any(pattern.fullmatch(w) for w in ["Uighu", "Tadjikista", "axb", "Uigurs"])


def test_the_sample_issue_uses_house_spellings():
    source = read_path(SUBMISSIONS / "analyst-issue.txt", "analyst-issue.txt")
    assert check_source(source, RuleSet(PACK, (RULE,))).findings == []
