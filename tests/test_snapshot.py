"""Pack snapshots (briefcheck.snapshot): a snapshot is the pack, ready to check, or not used.

What they are for is speed, measured in bench/bench.py; here: the snapshot gives the same
rules, the same findings and the same cache identity as a pack read from YAML, it does the
work it exists to skip (no regex compiled, pydantic not even imported when it is loaded), and
it is left alone when a pack file changes or the entry is damaged.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from briefcheck.cache import _pattern, _pattern_args, dumps, loads, ruleset_identity
from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import load_pack
from briefcheck.snapshot import KEEP, load_pack_cached, prepare

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = REPO / "submissions"
SRC = REPO / "src"
HOUSE_ONLY = ("spelling", "grammar", "engine-unavailable")


def _entries(root: Path) -> list[Path]:
    folder = root / "v1" / "packs"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _patterns(obj, seen=None):
    """Every compiled regex reachable from obj (fields, cached values, containers)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or isinstance(obj, (str, bytes, int, float, type(None), type, ModuleType)):
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield obj
        return
    if isinstance(obj, dict):
        items = list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    else:
        items = list(getattr(obj, "__dict__", {}).values())
    for item in items:
        yield from _patterns(item, seen)


def test_every_pattern_of_the_pack_comes_back_equal() -> None:
    pack = load_pack("analyst")
    prepare(pack)
    found = [p for p in _patterns(pack) if p.pattern is not None]
    assert len(found) > 100  # the compiled house rules, anatomy and transliteration trie
    for pattern in found:
        again = _pattern(*_pattern_args(pattern))
        assert again == pattern  # same text, flags and compiled program
        assert (again.groups, again.groupindex) == (pattern.groups, pattern.groupindex)
    assert all(_pattern_args(p)[2] is not None for p in found)  # stored compiled, not as text


@pytest.mark.parametrize(
    "regex, flags",
    [
        (r"(?P<w>colou?r)\s+(?P=w)", re.IGNORECASE),
        (r"(?x) a  b # comment", 0),
        (rb"\x00+", 0),
        (r"(?<!\w)Ö(?!\w)", re.ASCII),
    ],
)
def test_a_pattern_round_trip_through_a_pickle(regex, flags) -> None:
    pattern = re.compile(regex, flags)
    again = loads(dumps(pattern))
    assert again == pattern and again.flags == pattern.flags


def test_a_program_from_another_python_falls_back_to_compiling_the_text() -> None:
    pattern = re.compile(r"tribal are(?=\s)")
    text, flags, program = _pattern_args(pattern)
    broken = (program[0], program[1], [999999], *program[3:])  # not a program this Python runs
    assert _pattern(text, flags, broken) == pattern


def test_the_snapshot_checks_like_the_yaml_pack(tmp_path) -> None:
    root = tmp_path / "c"
    first = load_pack_cached("analyst", root)  # read from YAML, prepared, stored
    assert len(_entries(root)) == 1
    second = load_pack_cached("analyst", root)  # the snapshot
    assert second is not first
    loaded = load_pack("analyst")
    for pack in (first, second):
        assert [r.id for r in pack.rules] == [r.id for r in loaded.rules]
        assert [r.options for r in pack.rules] == [r.options for r in loaded.rules]
        assert pack.vocabulary.get().entries == loaded.vocabulary.get().entries
    ignore = list(HOUSE_ONLY)
    rulesets = [select_rules(p, ignore=ignore) for p in (second, loaded)]
    assert ruleset_identity(rulesets[0]) == ruleset_identity(rulesets[1])
    targets = [str(SUBMISSIONS)]
    assert check_paths(targets, rulesets[0]).files == check_paths(targets, rulesets[1]).files


def test_loading_the_snapshot_compiles_no_regex_and_imports_no_pydantic(tmp_path) -> None:
    root = tmp_path / "c"
    probe = f"""
import importlib, json, re, sys
from pathlib import Path
import briefcheck.pack, briefcheck.run
from briefcheck.cache import code_fingerprint
from briefcheck.rules import KINDS
for module in KINDS.values():  # module-level regexes (ours, the standard library's) aside
    importlib.import_module(module)
code_fingerprint()
compiled = []
real = re._compiler.compile
re._compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)
from briefcheck.snapshot import load_pack_cached
pack = load_pack_cached("analyst", Path({str(root)!r}))
print(json.dumps({{"compiled": [str(p) for p in compiled], "pydantic": "pydantic" in sys.modules,
                  "rules": len(pack.rules), "yaml": "yaml" in sys.modules}}))
"""
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
            check=True,
        )
        for _ in range(2)  # the first reads the YAML and stores the snapshot
    ]
    first = json.loads(runs[0].stdout)
    assert (first["yaml"], first["pydantic"]) == (True, True)
    out = json.loads(runs[1].stdout)
    assert out["rules"] == len(load_pack("analyst").rules)
    assert out == {"compiled": [], "pydantic": False, "rules": out["rules"], "yaml": False}


def test_the_rule_set_identity_is_the_same_in_every_process(tmp_path) -> None:
    probe = """
from briefcheck.cache import ruleset_identity
from briefcheck.engine import select_rules
from briefcheck.pack import load_pack
print(ruleset_identity(select_rules(load_pack("analyst"), ignore=["grammar", "spelling"])))
"""
    seen = set()
    for seed in ("1", "2", "3"):
        env = {"PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, env=env
        )
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout.strip())
    assert len(seen) == 1 and len(seen.pop()) == 64


def test_a_changed_pack_file_is_read_again(tmp_path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(REPO / "lint_rules" / "analyst", pack_dir)
    root = tmp_path / "c"
    load_pack_cached(str(pack_dir), root)
    word = pack_dir / "vocabulary" / "people.yaml"
    assert word.is_file()
    text = word.read_text(encoding="utf-8")
    word.write_text(text + "  - Zzyzxian Testname\n", encoding="utf-8")
    again = load_pack_cached(str(pack_dir), root)
    assert "zzyzxian" in again.vocabulary.get().words


def test_a_damaged_snapshot_is_a_normal_load(tmp_path) -> None:
    root = tmp_path / "c"
    load_pack_cached("analyst", root)
    (entry,) = _entries(root)
    entry.write_bytes(entry.read_bytes()[:5000])  # cut short
    pack = load_pack_cached("analyst", root)
    assert [r.id for r in pack.rules] == [r.id for r in load_pack("analyst").rules]
    assert len(load_pack_cached("analyst", root).rules) == len(pack.rules)  # written again


def test_engine_settings_from_the_command_line_equal_validated_ones() -> None:
    rule = load_pack("analyst").rule("spelling")
    values = {"engine": "languagetool", "languagetool_url": "http://localhost:8081"}
    quick = rule.with_checked_options(values)
    assert quick.options == rule.with_options(values).options
    assert quick.options.settings.resolved == "languagetool"  # no cached value carried over
    with pytest.raises(ValueError, match="no option 'engin'"):
        rule.with_checked_options({"engin": "off"})


def test_old_snapshots_are_pruned(tmp_path) -> None:
    root = tmp_path / "c"
    for i in range(KEEP + 3):  # more packs (or versions of one) than are kept
        pack_dir = tmp_path / f"pack{i}"
        shutil.copytree(REPO / "lint_rules" / "analyst", pack_dir)
        load_pack_cached(str(pack_dir), root)
    assert len(_entries(root)) == KEEP
