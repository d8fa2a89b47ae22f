"""Every rule's pass/fail examples, run through the real reader, structure finder and rule."""

from __future__ import annotations

import io
import zipfile

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


_SUFFIX = {"text": "txt", "markdown": "md", "docx": "docx"}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _bytes(example) -> bytes:
    """The example as the file a user would have: text in its encoding, or a minimal .docx."""
    if example.format != "docx":
        return example.text.encode(example.encoding)
    document = f'<w:document xmlns:w="{_W}"><w:body>{example.text}</w:body></w:document>'
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def _findings(rule, example):
    """The rule's findings on the example, run beside the whole pack (as a user runs it)."""
    active = rule.with_options(example.options) if example.options else rule
    rules = tuple(active if r.id == rule.id else r for r in PACK.rules)
    source = read_bytes(_bytes(example), f"example.{_SUFFIX[example.format]}", example.format)
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
