"""The pattern kind's quick tests (`Prefilter`): a paragraph it passes over holds no match.

For every pattern of the house pack, random paragraphs made of the patterns' own literal texts
(in odd cases, with the characters IGNORECASE folds specially), near misses and filler: where
the quick test says no, the regex finds nothing.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.pack import load_pack
from briefcheck.rules.pattern import Pattern

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
