"""The built-in style pack is valid, and broken packs fail to load with file and key named."""

from __future__ import annotations

import re
import shutil
import string
from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import PackError, load_pack
from briefcheck.readers import read_bytes
from briefcheck.rules import KINDS, kind_module

ROOT = Path(__file__).resolve().parents[2] / "lint_rules" / "analyst"
RULES_DIR = ROOT / "rules"
RULE_FILES = sorted(RULES_DIR.iterdir())
PACK = load_pack(str(ROOT))
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


# --- the built-in pack ----------------------------------------------------------------------


def test_builtin_name_resolves_to_the_checkout_pack():
    pack = load_pack("analyst")
    assert pack.name == "analyst"
    assert [r.id for r in pack.rules] == [r.id for r in PACK.rules]


def test_every_file_in_the_rules_folder_is_a_loaded_rule():
    assert RULE_FILES, "the built-in pack has no rule files"
    assert all(p.is_file() and p.suffix == ".yaml" for p in RULE_FILES)
    assert sorted(r.path.name for r in PACK.rules) == [p.name for p in RULE_FILES]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_file_id_matches_file_name_and_is_kebab_case(path):
    raw = _raw(path)
    assert isinstance(raw, dict)
    assert raw["id"] == path.stem
    assert KEBAB.match(raw["id"]), raw["id"]


def test_rule_ids_are_unique_and_sorted():
    ids = [r.id for r in PACK.rules]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert ids == sorted(ids)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_file_documents_itself_with_examples(path):
    raw = _raw(path)
    for key in ("summary", "message", "rationale"):
        assert isinstance(raw.get(key), str) and raw[key].strip(), f"{path.name}: {key}"
    assert raw["kind"] in KINDS
    assert raw["severity"] in ("error", "warning", "info")
    examples = raw["examples"]
    assert len(examples["fail"]) >= 1
    assert len(examples["pass"]) >= 1


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_message_placeholders_are_offered_by_the_kind(rule):
    offered = {"text", *kind_module(rule.spec.kind).PARAMS}
    used = {
        re.split(r"[.\[]", field)[0]
        for _, field, _, _ in string.Formatter().parse(rule.spec.message)
        if field is not None
    }
    assert used <= offered, f"{rule.id}: {sorted(used - offered)}"


# --- the house-typo list --------------------------------------------------------------------

TYPO = PACK.rule("house-typo")
ENTRIES = TYPO.options.entries


def _typo_findings(text: str):
    source = read_bytes(text.encode(), "t.txt", "text")
    return check_source(source, RuleSet(PACK, (TYPO,))).findings


def test_house_typo_has_no_duplicate_wrong():
    keys = Counter(_fold(e.wrong) for e in ENTRIES)
    assert [k for k, n in keys.items() if n > 1] == []


def test_house_typo_no_entry_corrects_to_itself():
    assert [e.wrong for e in ENTRIES if _fold(e.wrong) == _fold(e.right)] == []


def test_house_typo_no_correction_contains_a_listed_slip():
    clashes = []
    for entry in ENTRIES:
        for other in ENTRIES:
            pattern = r"(?<![\w’'\-])" + r"\s+".join(map(re.escape, other.wrong.split()))
            if re.search(pattern + r"(?![\w’'\-])", entry.right, re.IGNORECASE):
                clashes.append((entry.wrong, entry.right, other.wrong))
    assert clashes == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.wrong)
def test_house_typo_every_wrong_matches_itself_and_every_right_is_clean(entry):
    text = f"Here {entry.wrong} ends."
    found = [(f.text, f.column, f.fix) for f in _typo_findings(text)]
    assert found == [(entry.wrong, 6, entry.right)]
    assert _typo_findings(f"Here {entry.right} ends.") == []


# --- load errors, each in a copy of the pack --------------------------------------------------


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(ROOT, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _load_error(root: Path) -> str:
    with pytest.raises(PackError) as info:
        load_pack(str(root))
    return str(info.value)


def test_copied_pack_loads(pack_copy):
    assert [r.id for r in load_pack(str(pack_copy)).rules] == [r.id for r in PACK.rules]


def test_broken_yaml(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "severity: warning", "severity: [warning")
    assert _load_error(pack_copy) == (
        f"{path}: invalid YAML: line 4: did not find expected ',' or ']'"
    )


def test_unknown_top_level_key(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "severity: warning", "severity: warning\ncolour: red")
    assert _load_error(pack_copy) == f"{path}: colour: unknown key"


def test_unknown_key_inside_options(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "options:\n", "options:\n  colour: red\n")
    assert _load_error(pack_copy) == f"{path}: options.colour: unknown key"


def test_unknown_key_inside_a_substitution_entry(pack_copy):
    path = pack_copy / "rules" / "house-typo.yaml"
    _edit(path, "right: tribal area, note: found", "right: tribal area, colour: red, note: found")
    assert _load_error(pack_copy) == f"{path}: options.entries.0.colour: unknown key"


def test_bad_regex_in_a_pattern_rule(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, r'- regex: "(?<=[a-z]{2})\\.', r'- regex: "(?<=[a-z]{2}\\.')
    assert _load_error(pack_copy) == (
        f"{path}: options.patterns.0.regex: bad regular expression "
        r"«(?<=[a-z]{2}\.(?=[A-Z][a-z])»: missing ), unterminated subpattern at position 0"
    )


def test_unknown_kind(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "kind: pattern", "kind: patterns")
    assert _load_error(pack_copy) == (
        f"{path}: kind: unknown kind 'patterns' (known: {', '.join(sorted(KINDS))})"
    )


def test_unknown_scope(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "scope: all", "scope: everything")
    assert _load_error(pack_copy) == (
        f"{path}: scope: unknown scope 'everything' (known: title, byline, lead, photo, "
        "background, implications, conclusion, bio, trailing, body, prose, all)"
    )


def test_wrong_severity(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "severity: warning", "severity: fatal")
    assert _load_error(pack_copy) == (
        f"{path}: severity: Input should be 'error', 'warning' or 'info'"
    )


def test_id_not_kebab_case(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "id: spacing", "id: Spacing_Rule")
    message = _load_error(pack_copy)
    assert message.startswith(f"{path}: id: ")


def test_id_differs_from_file_name(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, "id: spacing", "id: spaces")
    assert _load_error(pack_copy) == (
        f"{path}: id: 'spaces' does not match the file name 'spacing'"
    )


def test_duplicate_id(pack_copy):
    first = pack_copy / "rules" / "spacing.yaml"
    second = pack_copy / "rules" / "spacing.yml"
    shutil.copy(first, second)
    assert _load_error(pack_copy) == f"{second}: id: 'spacing' is already defined in {first}"


def test_unknown_message_placeholder(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, 'message: "spacing: {detail}"', 'message: "spacing: {detial}"')
    assert _load_error(pack_copy) == (
        f"{path}: message: unknown placeholder {{detial}} (this kind offers: detail, text)"
    )


def test_malformed_message_template(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    _edit(path, 'message: "spacing: {detail}"', 'message: "spacing: {detail"')
    assert _load_error(pack_copy) == f"{path}: message: expected '}}' before end of string"


def test_missing_example_kind(pack_copy):
    path = pack_copy / "rules" / "unbalanced-quotes.yaml"
    _edit(path, "  pass:\n", "  passing:\n")
    message = _load_error(pack_copy)
    assert message.startswith(f"{path}: examples.")
    assert "pass" in message


def test_non_mapping_rule_file(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    assert _load_error(pack_copy) == f"{path}: expected a mapping of keys, found list"


def test_empty_rule_file(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    path.write_text("", encoding="utf-8")
    assert _load_error(pack_copy).startswith(f"{path}: expected a mapping of keys")


def test_rule_file_not_utf8(pack_copy):
    path = pack_copy / "rules" / "spacing.yaml"
    path.write_bytes(b"id: spacing\xff\n")
    assert _load_error(pack_copy) == f"{path}: not UTF-8 text"


def test_missing_pack_yaml(pack_copy):
    (pack_copy / "pack.yaml").unlink()
    assert _load_error(pack_copy) == f"{pack_copy}: not a style pack (no pack.yaml)"


def test_no_such_pack(tmp_path):
    missing = tmp_path / "nowhere"
    assert _load_error(missing) == f"{missing}: no such style pack (built-in: analyst)"


def test_empty_rules_folder(pack_copy):
    for path in (pack_copy / "rules").iterdir():
        path.unlink()
    assert _load_error(pack_copy) == f"{pack_copy / 'rules'}: the pack has no rule files"


def test_unknown_anatomy_key_in_pack_yaml(pack_copy):
    path = pack_copy / "pack.yaml"
    _edit(path, "  title_max_words: 30", "  title_max_words: 30\n  colour: red")
    assert _load_error(pack_copy) == f"{path}: anatomy.colour: unknown key"


def test_word_limit_range_out_of_order(pack_copy):
    path = pack_copy / "rules" / "word-count.yaml"
    _edit(path, "body: {min: 1200, max: 1400}", "body: {min: 1500, max: 1400}")
    assert _load_error(pack_copy) == f"{path}: options.limits.body: min (1500) is above max (1400)"


def test_word_limit_unknown_part(pack_copy):
    path = pack_copy / "rules" / "word-count.yaml"
    _edit(path, "body: {min: 1200, max: 1400}", "corpus: {min: 1200, max: 1400}")
    assert _load_error(pack_copy) == (
        f"{path}: options.limits: unknown part 'corpus' "
        "(known: body, lead, background, implications, conclusion, bio, title)"
    )


SUPERSEDED = "superseded_by: [web-artifact]"


def test_superseded_by_names_rules_of_the_pack():
    assert PACK.rule("content-after-bio").spec.superseded_by == ("web-artifact",)
    for rule in PACK.rules:
        assert set(rule.spec.superseded_by) <= {r.id for r in PACK.rules} - {rule.id}


def test_superseded_by_unknown_rule(pack_copy):
    path = pack_copy / "rules" / "content-after-bio.yaml"
    _edit(path, SUPERSEDED, "superseded_by: [web-artifact, web-artefact]")
    assert _load_error(pack_copy) == (
        f"{path}: superseded_by: unknown rule id 'web-artefact' (no such rule in the pack)"
    )


def test_superseded_by_the_rule_itself(pack_copy):
    path = pack_copy / "rules" / "content-after-bio.yaml"
    _edit(path, SUPERSEDED, "superseded_by: [content-after-bio]")
    assert _load_error(pack_copy) == (
        f"{path}: superseded_by: 'content-after-bio' is the rule itself"
    )


def test_superseded_by_in_a_circle(pack_copy):
    _edit(pack_copy / "rules" / "web-artifact.yaml", "scope: all", "scope: all\n" + SUPERSEDED)
    _edit(pack_copy / "rules" / "web-artifact.yaml", "[web-artifact]", "[spacing]")
    _edit(pack_copy / "rules" / "spacing.yaml", "scope: all", "scope: all\n" + SUPERSEDED)
    assert _load_error(pack_copy) == (
        f"{pack_copy / 'rules' / 'spacing.yaml'}: superseded_by: the rules supersede each other "
        "in a circle (spacing -> web-artifact -> spacing)"
    )


def test_superseded_by_is_a_list(pack_copy):
    path = pack_copy / "rules" / "content-after-bio.yaml"
    _edit(path, SUPERSEDED, "superseded_by: web-artifact")
    assert _load_error(pack_copy) == f"{path}: superseded_by: Input should be a valid tuple"


@pytest.mark.parametrize(
    ("where", "line"),
    [
        pytest.param("whole", 1, id="whole-file"),
        pytest.param("value", 3, id="inside-a-value"),
    ],
)
def test_yaml_is_safe_loaded(pack_copy, tmp_path, where, line):
    marker = tmp_path / "executed"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    path = pack_copy / "rules" / "spacing.yaml"
    if where == "whole":
        path.write_text(tag + "\n", encoding="utf-8")
    else:
        _edit(path, "severity: warning", f"severity: {tag}")
    assert _load_error(pack_copy) == (
        f"{path}: invalid YAML: line {line}: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    )
    assert not marker.exists()
