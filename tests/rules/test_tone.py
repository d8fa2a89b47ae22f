"""Tone (HOUSE_STYLE §8) as `pattern` rules, and the pattern option `outside_quotes`."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes, read_path

PACK = load_pack("analyst")
ISSUE = Path(__file__).resolve().parents[2] / "submissions" / "analyst-issue.txt"
FIRST = (
    "tone: first person outside a quotation; the journal's analyses are written in the third person"
)
FIRST_I = (
    "tone: first person ('I') outside a quotation; the journal's analyses are written in the "
    "third person"
)
BANG = "tone: an exclamation mark outside a quotation reads as emotion, not analysis"
VERDICT = "tone: a moral verdict, not analysis: describe the act and assess its consequences"
LABEL = "tone: a partisan label, not analysis: name the actor and describe what it does"
SNEER = (
    "tone: 'so-called' casts doubt without an argument and reads as a sneer: name the thing, "
    "or say why the name is disputed"
)


def findings(rule_id: str, text: str, rule=None) -> list[tuple]:
    source = read_bytes(text.encode(), "t.txt", "text")
    report = check_source(source, RuleSet(PACK, (rule or PACK.rule(rule_id),)))
    return [(f.rule, f.text, f.line, f.column, f.fix, f.message) for f in report.findings]


# --- tone-first-person -----------------------------------------------------------------------


def test_first_person_words():
    text = (
        "We believe that Moscow will gain; our region cannot wait. In my view, I think it "
        "matters to us and me."
    )
    rule = "tone-first-person"
    assert findings(rule, text) == [
        (rule, "We", 1, 1, None, FIRST),
        (rule, "our", 1, 35, None, FIRST),
        (rule, "my", 1, 62, None, FIRST),
        (rule, "I", 1, 71, None, FIRST_I),
        (rule, "us", 1, 93, None, FIRST),
        (rule, "me", 1, 100, None, FIRST),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Aliyev said that “when President Trump led the U.S., our relationship developed.”",
        "The minister said \"we will act\" and called it 'our duty' and ‘my duty’.",
        "The US and Ms Jones met after World War I and Phase I; the USSR left.",
        "The Museum was owned by Myers, and Mustafa met Usmonov in Merv.",
    ],
)
def test_first_person_passes(text):
    assert findings("tone-first-person", text) == []


def test_first_person_in_the_bio_is_not_read():
    text = (
        "By Jane Doe\nA lead.\nBACKGROUND: B.\nIMPLICATIONS: I.\nCONCLUSION: C.\n"
        "AUTHOR BIO: Jane Doe is an analyst; our institute hosts her, and we thank it.\n"
    )
    assert findings("tone-first-person", text) == []


def test_a_quotation_left_open_runs_to_the_end_of_the_paragraph():
    text = "He said “we will act, and our army is ready.\n\nWe doubt it."
    assert findings("tone-first-person", text) == [
        ("tone-first-person", "We", 3, 1, None, FIRST),
    ]


# --- tone-exclamation ------------------------------------------------------------------------


def test_exclamation_marks_outside_quotes_one_finding_per_run():
    text = "The corridor is open! Trade will follow!!! The minister shouted “Enough!” and left."
    assert findings("tone-exclamation", text) == [
        ("tone-exclamation", "!", 1, 21, None, BANG),
        ("tone-exclamation", "!!!", 1, 40, None, BANG),
    ]


def test_exclamation_mark_in_the_title():
    text = "# Russia Is Back!\n\nBy Jane Doe\n\nThe South Caucasus is changing."
    assert findings("tone-exclamation", text) == [
        (
            "tone-exclamation",
            "!",
            1,
            17,
            None,
            "tone: an exclamation mark in the title reads as emotion, not analysis",
        ),
    ]


# --- tone-polemical --------------------------------------------------------------------------


def test_polemical_words_and_labels():
    text = (
        "The shameful decision of the puppet government, a Disgraceful act by a criminal regime, "
        "outrageously so; the so-called election and So-called reforms."
    )
    rule = "tone-polemical"
    assert findings(rule, text) == [
        (rule, "shameful", 1, 5, None, VERDICT),
        (rule, "puppet government", 1, 30, None, LABEL),
        (rule, "Disgraceful", 1, 51, None, VERDICT),
        (rule, "criminal regime", 1, 72, None, LABEL),
        (rule, "outrageously", 1, 89, None, VERDICT),
        (rule, "so-called", 1, 110, None, SNEER),
        (rule, "So-called", 1, 133, None, SNEER),
    ]


def test_polemical_quoted_or_innocent_uses_pass():
    text = (
        "The minister called the decision “shameful” and the rival government a 'puppet "
        "regime'; the criminal code was amended and the state puppet theater reopened."
    )
    assert findings("tone-polemical", text) == []


# --- the pattern option outside_quotes -------------------------------------------------------


def _pattern_rule(outside_quotes: bool | None):
    pattern = {"regex": "vote", "detail": "d"}
    if outside_quotes is not None:
        pattern["outside_quotes"] = outside_quotes
    return PACK.rule("tone-exclamation").with_options({"patterns": [pattern]})


TEXT = "A vote, a \"vote\", a “vote”, a ‘vote’ and a 'vote'; they vote."


def test_outside_quotes_drops_matches_inside_every_kind_of_quotation():
    got = findings("", TEXT, _pattern_rule(True))
    assert [(f[1], f[3]) for f in got] == [("vote", 3), ("vote", 57)]


@pytest.mark.parametrize("value", [None, False])
def test_outside_quotes_is_off_by_default(value):
    got = findings("", TEXT, _pattern_rule(value))
    assert [f[3] for f in got] == [3, 12, 22, 32, 45, 57]


def test_apostrophes_do_not_open_a_quotation():
    text = "Russia's vote and Georgia’s vote; the countries' vote."
    assert len(findings("", text, _pattern_rule(True))) == 3


# --- the sample issue ------------------------------------------------------------------------


def test_sample_issue_has_no_tone_findings():
    """The only first-person words in the four articles are inside quotations: Aliyev's "our
    relationship" and Matiev's "our nation's survival"."""
    source = read_path(ISSUE, "analyst-issue.txt")
    rules = tuple(PACK.rule(r) for r in ("tone-first-person", "tone-exclamation", "tone-polemical"))
    assert check_source(source, RuleSet(PACK, rules)).findings == []
    text = ISSUE.read_text(encoding="utf-8")
    assert text.count(" our ") == 2
    unquoted = findings("tone-first-person", text, _unquoted_first_person())
    assert [f[1] for f in unquoted] == ["our", "our"]


def _unquoted_first_person():
    rule = PACK.rule("tone-first-person")
    patterns = [{**p, "outside_quotes": False} for p in rule.spec.options["patterns"]]
    return rule.with_options({"patterns": patterns})
