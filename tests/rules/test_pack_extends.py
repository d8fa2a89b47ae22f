"""A style pack that extends another: inherited anatomy and rules, replaced rules, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcheck.pack import PackError, load_pack

BASE = load_pack("analyst")


def _pack(tmp_path: Path, head: str, rules: dict[str, str] | None = None) -> Path:
    root = tmp_path / "house"
    (root / "rules").mkdir(parents=True)
    (root / "pack.yaml").write_text(head, encoding="utf-8")
    for name, text in (rules or {}).items():
        (root / "rules" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def test_extends_inherits_everything(tmp_path):
    pack = load_pack(str(_pack(tmp_path, "name: house\nextends: analyst\n")))
    assert [r.id for r in pack.rules] == [r.id for r in BASE.rules]
    assert pack.anatomy == BASE.anatomy
    assert pack.name == "house"


def test_override_changes_one_rule(tmp_path):
    head = (
        "name: house\nextends: analyst\noverrides:\n"
        "  word-count: {severity: warning, options: {limits: {body: {min: 900, max: 1100}}}}\n"
        "  lead-length: {enabled: false}\n"
    )
    pack = load_pack(str(_pack(tmp_path, head)))
    wc = pack.rule("word-count")
    assert (wc.spec.severity, wc.options.limits["body"].min, wc.options.limits["body"].max) == (
        "warning",
        900,
        1100,
    )
    assert pack.rule("lead-length").spec.enabled is False
    assert pack.rule("house-typo").spec == BASE.rule("house-typo").spec


def test_own_rule_file_replaces_the_base_rule(tmp_path):
    text = (BASE.root / "rules" / "house-typo.yaml").read_text(encoding="utf-8")
    text = text.replace("severity: error", "severity: info")
    pack = load_pack(str(_pack(tmp_path, "name: house\nextends: analyst\n", {"house-typo": text})))
    assert pack.rule("house-typo").spec.severity == "info"
    assert pack.rule("house-typo").path.parent == tmp_path / "house" / "rules"


def test_own_rule_may_be_superseded_by_an_inherited_rule(tmp_path):
    text = (BASE.root / "rules" / "content-after-bio.yaml").read_text(encoding="utf-8")
    text = text.replace("superseded_by: [web-artifact]", "superseded_by: [web-artifact, spacing]")
    root = _pack(tmp_path, "name: house\nextends: analyst\n", {"content-after-bio": text})
    rule = load_pack(str(root)).rule("content-after-bio")
    assert rule.spec.superseded_by == ("web-artifact", "spacing")


def test_override_of_an_unknown_rule_is_an_error(tmp_path):
    root = _pack(
        tmp_path, "name: house\nextends: analyst\noverrides:\n  no-such: {enabled: false}\n"
    )
    with pytest.raises(PackError) as err:
        load_pack(str(root))
    assert str(err.value) == f"{root / 'pack.yaml'}: overrides.no-such: no such rule in the pack"


def test_bad_override_options_name_the_key(tmp_path):
    head = "name: house\nextends: analyst\noverrides:\n  word-count: {options: {limit: 3}}\n"
    root = _pack(tmp_path, head)
    with pytest.raises(PackError) as err:
        load_pack(str(root))
    assert str(err.value).startswith(f"{root / 'pack.yaml'}: overrides.word-count.options.")


def test_bad_override_options_of_an_own_rule_in_a_folder_named_with_a_colon(tmp_path):
    # the message names the override's key, whatever the rule file's path holds (": " here)
    text = (BASE.root / "rules" / "word-count.yaml").read_text(encoding="utf-8")
    head = "name: house\nextends: analyst\noverrides:\n  word-count: {options: {bogus: 1}}\n"
    root = _pack(tmp_path / "p: q", head, {"word-count": text})
    with pytest.raises(PackError) as err:
        load_pack(str(root))
    assert (
        str(err.value) == f"{root / 'pack.yaml'}: overrides.word-count.options.bogus: unknown key"
    )


def test_pack_without_anatomy_must_extend(tmp_path):
    root = _pack(tmp_path, "name: house\n")
    with pytest.raises(PackError) as err:
        load_pack(str(root))
    assert str(err.value) == (
        f"{root / 'pack.yaml'}: anatomy: missing (required unless the pack extends another)"
    )


def test_circular_extends(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    for me, other in ((a, "../b"), (b, "../a")):
        (me / "rules").mkdir(parents=True)
        (me / "pack.yaml").write_text(f"name: {me.name}\nextends: {other}\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(str(a))
    assert "extends: the packs extend each other in a circle" in str(err.value)
