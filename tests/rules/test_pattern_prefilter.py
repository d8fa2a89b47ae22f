"""The pattern kind's speed-ups: its quick tests (`Prefilter`) and its regex rewrites.

For every pattern of the house pack, random paragraphs made of the patterns' own literal texts
(in odd cases, with the characters IGNORECASE folds specially), near misses and filler: where
the quick test says no, the regex finds nothing. A regex rewritten for speed
(`_possessive_runs`) finds the same matches and groups as the one written. A regex's tail from
its first punctuation mark (`_tail`) finds something wherever the regex matches.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.pack import load_pack
from briefcheck.rules.pattern import Pattern, _possessive_runs, _prefilter

PACK = load_pack("analyst")
PATTERNS: list[Pattern] = [
    p for r in PACK.rules if r.spec.kind == "pattern" for p in r.options.patterns
]

_LITERALS = sorted(
    {x for p in PATTERNS if p.prefilter is not None for x in (p.prefilter.texts or ())}
    | {"shutterstock_123", "SHUTTERSTOCK_9", "ſhutterstock_1", "Shutter stock_"}
    | {"photo.JPG", "x.Jpeg"}
    | {"Published in Foo", "Featured", "Monday, 3 March 2025", "12/01/2024", "Tags: a, b"}
    | {"E-mail:", "It’s own", "its’ ", "İts'", "ıt's own", "ss’", "boss's", "  ", "\u00a0"}
    | {"Russia' has", "Iran’ is", "Moscow’\nsaid", "its' has", "x.png", "a-b.GIF"}
)  # fmt: skip
_PIECES = st.one_of(
    st.sampled_from(_LITERALS),
    st.sampled_from([" ", "\n", ".", ",", "!", "—", "’", "'", "“", "(", ")", "_", "a", "A", "1"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ_.:İıſK", max_size=8),
)
PARAGRAPHS = st.lists(_PIECES, max_size=12).map("".join)


def test_every_pattern_of_the_pack_is_covered() -> None:
    assert len(PATTERNS) > 60
    assert sum(p.prefilter is not None for p in PATTERNS) > 50


@settings(max_examples=300, deadline=None)
@given(PARAGRAPHS)
def test_a_paragraph_passed_over_holds_no_match(text: str) -> None:
    for p in PATTERNS:
        if p.prefilter is not None and not p.prefilter(text):
            assert p.compiled.search(text) is None, (p.regex, text)


def test_a_regex_anchored_at_the_start_keeps_only_its_length_window() -> None:
    anchored = [p for p in PATTERNS if p.regex.startswith("\\A")]
    assert anchored
    for p in anchored:
        assert p.prefilter is None or (not p.prefilter.texts and p.prefilter.pattern is None)
    lone = next(p for p in anchored if p.regex == r"\A[^\w\s]{1,5}\Z")
    assert not lone.prefilter("a much longer paragraph than five characters")


def test_a_case_blind_literal_is_first_looked_for_by_its_caseless_part() -> None:
    stock = next(p for p in PATTERNS if "shutterstock" in p.regex)
    assert stock.prefilter.uncased == ("_",)
    assert not stock.prefilter("A paragraph about Shutterstock photos without the underscore.")
    for name in ("SHUTTERSTOCK_12", "ſhutterstock_12", "ShutterStock_12"):
        assert stock.prefilter(f"Photo: {name}.")
        assert stock.compiled.search(f"Photo: {name}.")
    assert re.search(stock.regex, "ſhutterstock_1", re.IGNORECASE)


# --- runs made possessive (`_possessive_runs`) ---------------------------------------------------

RUNS = [
    r"(?<![‘'\w])([A-Za-z]*[a-rt-z])(['’])(?=\s+(?:has|is|said)\b)",  # the apostrophe rule's
    r"([a-z]*[a-c])-",
    r"\w*([a-z]*[a-z])!",  # a run after a run that can give characters back
    r"(?:x|([ab]*b))c",
    r"([ab]*b)(?:c|d)",
    r"([ab]*b)(?=!)c",  # the next character is read past a lookahead
    r"([ab]*b)",  # nothing after it: left alone
    r"([ab]*b)a",  # a character the run can hold: left alone
    r"([ab]*[bc])!",  # the last class is not inside the run: left alone
]
_RUN_TEXT = st.lists(
    st.sampled_from(["a", "b", "c", "d", "x", "s", "Z", "’", "'", "‘", "-", "!", " ", "has", "is"]),
    max_size=14,
).map("".join)


def test_the_apostrophe_regex_and_the_safe_shapes_are_rewritten() -> None:
    rewritten = [rx for rx in RUNS if _possessive_runs(re.compile(rx, re.MULTILINE))]
    assert rewritten == RUNS[:6]
    assert _possessive_runs(re.compile(RUNS[1], re.IGNORECASE)) is None


@settings(max_examples=400, deadline=None)
@given(_RUN_TEXT, st.integers(0, 5))
def test_possessive_runs_find_the_same_matches_and_groups(text: str, start: int) -> None:
    for rx in RUNS:
        plain = re.compile(rx, re.MULTILINE)
        fast = _possessive_runs(plain) or plain
        found = [(m.span(), m.groups()) for m in fast.finditer(text, start)]
        assert found == [(m.span(), m.groups()) for m in plain.finditer(text, start)], rx


@settings(max_examples=200, deadline=None)
@given(st.lists(PARAGRAPHS, min_size=1, max_size=4))
def test_an_article_passed_over_holds_no_match_in_any_paragraph(paragraphs: list[str]) -> None:
    """`anywhere` looks at the text from an article's first paragraph to its last at once."""
    text = "\n".join(paragraphs)
    for p in PATTERNS:
        if p.prefilter is not None and not p.prefilter.anywhere(text):
            assert not any(p.compiled.search(x) for x in paragraphs), (p.regex, paragraphs)


# --- the tail from the first punctuation mark (`_tail`) -----------------------------------------

TAILS = [
    r"(?<![‘'\w])([A-Za-z]*[a-rt-z])(['’])(?=\s+(?:has|is|said)\b)",  # the apostrophe rule's
    r"\b[\w-]+\.(?:png|gif)\b",  # a file name (web-artifact)
    r"[a-z]+[.,](?:[a-z]|\n)",
    r"(?i)[a-z]+'s\b",
    r"(?m)\w+!$",
]
NO_TAIL = [
    r"'s\b",  # the mark comes first: the regex is as quick
    r"its'",  # plain text up to the mark: the required literals say it already
    r"(\w+)'\1",  # the tail refers back to a group before it
    r"\w+ \w+",  # no mark
]
_TAIL_TEXT = st.lists(
    st.sampled_from(["a", "b", "Z", "’", "'", "‘", ".", ",", "!", " ", "\n", "has", "is", "png"]),
    max_size=14,
).map("".join)


def test_a_tail_is_kept_where_it_is_quicker() -> None:
    for rx in TAILS:
        assert _prefilter(rx, re.MULTILINE).tail is not None, rx
    for rx in NO_TAIL:
        found = _prefilter(rx, re.MULTILINE)
        assert found is None or found.tail is None, rx
    apostrophe = next(p for p in PATTERNS if p.regex.startswith("(?<![‘'\\w])([A-Za-z]*"))
    assert apostrophe.prefilter.tail is not None
    assert not apostrophe.prefilter("Russia's role and the region’s future, and 'quotes' too.")
    assert apostrophe.prefilter("Russia' has a role.")


@settings(max_examples=400, deadline=None)
@given(_TAIL_TEXT)
def test_where_a_regex_matches_its_tail_finds_something(text: str) -> None:
    for rx in TAILS:
        tail = _prefilter(rx, re.MULTILINE).tail
        if re.search(rx, text, re.MULTILINE):
            assert tail.search(text) is not None, (rx, text)
