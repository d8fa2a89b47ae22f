"""Every rule's pass/fail examples, run through the real reader, structure finder and rule."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")
CASES = [
    pytest.param(rule, ex, verdict, id=f"{rule.id}-{verdict}-{i}")
    for rule in PACK.rules
    for verdict, examples in (("fail", rule.spec.examples.fail), ("pass", rule.spec.examples.pass_))
    for i, ex in enumerate(examples)
]


def _findings(rule, example):
    """The rule's findings on the example, run beside the whole pack (as a user runs it)."""
    active = rule.with_options(example.options) if example.options else rule
    rules = tuple(active if r.id == rule.id else r for r in PACK.rules)
    source = read_bytes(example.text.encode(example.encoding), "example.txt", "text")
    return [f for f in check_source(source, RuleSet(PACK, rules)).findings if f.rule == rule.id]


@pytest.mark.parametrize(("rule", "example", "verdict"), CASES)
def test_rule_example(rule, example, verdict):
    findings = _findings(rule, example)
    if verdict == "pass":
        assert findings == [], [f"{f.text!r}: {f.message}" for f in findings]
        return
    assert findings, f"{rule.id} did not fire on {example.text!r}"
    if example.flagged is not None:
        assert example.flagged in [f.text for f in findings]
    if example.fix is not None:
        assert example.fix in [f.fix for f in findings]
