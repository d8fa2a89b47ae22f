"""The result cache (.briefcheck_cache/): a cached result is the result, or it is not used.

Speed is measured in bench/bench.py, never here.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from briefcheck import cache as cache_mod
from briefcheck.cache import ResultCache, ruleset_identity
from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import load_pack
from briefcheck.report import FileReport
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.snapshot import load_pack_cached
from briefcheck.snapshot import prune as snapshot_prune

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = REPO / "submissions"
PACK = load_pack("analyst")
HOUSE = select_rules(
    PACK, ignore=[r.id for r in PACK.rules if r.spec.kind in ("proofing", "proofing-status")]
)
BRIEF = (
    "By Jane Doe\n"
    "Officials in Bishkec met the tribal are leaders.\n"
    "Photo source: NASA.\n"
    "BACKGROUND: Some background.\n"
    "IMPLICATIONS: Some implications.\n"
    "CONCLUSION: A conclusion.\n"
    "AUTHOR BIO: Jane Doe is an analyst.\n"
)


def _json(report) -> str:
    return REPORTERS["json"](report, RenderOptions())


def _entries(root: Path) -> list[Path]:
    folder = root / f"v{cache_mod.FORMAT}" / "results"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _rules(done) -> list[str]:
    return [x["rule"] for f in json.loads(done.stdout)["files"] for x in f["findings"]]


@pytest.fixture(autouse=True)
def _default_location(monkeypatch) -> None:
    """The cache where it is by default (the current folder), whatever this shell says."""
    monkeypatch.delenv("BRIEFCHECK_CACHE_DIR", raising=False)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """tmp_path/docs/a.txt (BRIEF) and b.txt (the sample article)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(BRIEF, encoding="utf-8")
    shutil.copy(SUBMISSIONS / "sample-1-avdaliani.txt", tmp_path / "docs" / "b.txt")
    return tmp_path


# --- cached == uncached --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_cached_run_equals_uncached_run_over_the_submissions(run_cli, tmp_path, fmt) -> None:
    env = {"BRIEFCHECK_CACHE_DIR": str(tmp_path / "c")}
    args = ("check", "--format", fmt, "submissions")
    plain = run_cli(*args, "--no-cache")
    first = run_cli(*args, env=env)  # fills the cache
    stored = _entries(tmp_path / "c")
    again = run_cli(*args, env=env)  # reads it
    assert len(stored) == len([p for p in SUBMISSIONS.iterdir() if p.suffix in (".txt", ".md")])
    assert _entries(tmp_path / "c") == stored  # nothing new: every result came from it
    for done in (first, again):
        assert (done.returncode, done.stdout, done.stderr) == (
            plain.returncode,
            plain.stdout,
            plain.stderr,
        )


def test_engine_cached_report_equals_the_checked_one(tmp_path) -> None:
    results = ResultCache(tmp_path / "c")
    checked = check_paths([str(SUBMISSIONS)], HOUSE, cache=results)
    assert (results.hits, results.stored) == (0, 14)
    cached = check_paths([str(SUBMISSIONS)], HOUSE, cache=results)
    assert (results.hits, results.stored) == (14, 14)
    assert cached.files == checked.files  # articles, findings, source lines and text
    assert cached.rules == checked.rules
    assert _json(cached) == _json(check_paths([str(SUBMISSIONS)], HOUSE))


def test_cache_with_workers_equals_without(tmp_path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i, src in enumerate(sorted(SUBMISSIONS.glob("*.txt")) * 2):
        shutil.copy(src, folder / f"{i:02d}-{src.name}")
    results = ResultCache(tmp_path / "c")
    plain = check_paths([str(folder)], HOUSE)
    first = check_paths([str(folder)], HOUSE, jobs=2, cache=results)  # workers store
    assert len(_entries(tmp_path / "c")) == len(plain.files)
    again = check_paths([str(folder)], HOUSE, jobs=2, cache=results)
    assert results.hits == len(plain.files)
    assert plain.files == first.files == again.files


# --- what invalidates an entry ---------------------------------------------------------------


def test_a_changed_file_is_checked_again(run_cli, docs) -> None:
    before = run_cli("check", "--format", "json", "docs", cwd=docs)
    assert _rules(before).count("house-typo") == 2
    (docs / "docs" / "a.txt").write_text(BRIEF.replace("Bishkec", "Bishkek"), encoding="utf-8")
    after = run_cli("check", "--format", "json", "docs", cwd=docs)
    assert _rules(after).count("house-typo") == 1
    plain = run_cli("check", "--no-cache", "--format", "json", "docs", cwd=docs)
    assert after.stdout == plain.stdout


def test_a_changed_configuration_is_applied(run_cli, docs) -> None:
    before = run_cli("check", "--format", "json", "docs", cwd=docs)
    assert "house-typo" in _rules(before)
    (docs / "briefcheck.yaml").write_text("ignore: [house-typo]\n", encoding="utf-8")
    after = run_cli("check", "--format", "json", "docs", cwd=docs)
    assert "house-typo" not in _rules(after) and _rules(after)
    (docs / "briefcheck.yaml").write_text("ignore: [repeated-word]\n", encoding="utf-8")
    assert "house-typo" in _rules(run_cli("check", "--format", "json", "docs", cwd=docs))


def test_changed_rule_options_are_applied(run_cli, docs) -> None:
    config = docs / "briefcheck.yaml"
    limits = "rules: {word-count: {options: {limits: {body: {min: 5, max: %d}}}}}\n"
    config.write_text(limits % 10, encoding="utf-8")
    narrow = run_cli("check", "--format", "json", "docs/b.txt", cwd=docs)
    config.write_text(limits % 100000, encoding="utf-8")
    wide = run_cli("check", "--format", "json", "docs/b.txt", cwd=docs)
    assert "word-count" in _rules(narrow) and "word-count" not in _rules(wide)


def test_a_changed_rule_file_of_the_pack_is_applied(run_cli, docs) -> None:
    pack = docs / "pack"
    shutil.copytree(REPO / "lint_rules" / "analyst", pack)
    args = ("check", "--rules", "pack", "--format", "json", "docs/a.txt")
    assert "house-typo" in _rules(run_cli(*args, cwd=docs))
    rule = pack / "rules" / "house-typo.yaml"
    text = rule.read_text(encoding="utf-8").replace("enabled: true", "")
    rule.write_text(text + "enabled: false\n", encoding="utf-8")
    assert "house-typo" not in _rules(run_cli(*args, cwd=docs))


def test_identity_follows_version_code_options_and_vocabulary(tmp_path, monkeypatch) -> None:
    base = ruleset_identity(HOUSE)
    assert ruleset_identity(HOUSE) == base  # stable
    assert ruleset_identity(select_rules(PACK, ignore=["house-typo"])) != base
    word_count = PACK.rule("word-count").with_options({"limits": {"body": {"max": 1999}}})
    rules = tuple(word_count if r.id == "word-count" else r for r in HOUSE.rules)
    changed = type(HOUSE)(PACK, rules)
    assert ruleset_identity(changed) != base
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "edited")
    assert ruleset_identity(HOUSE) != base  # briefcheck's code changed
    monkeypatch.undo()
    monkeypatch.setattr(cache_mod, "__version__", "99.0")
    assert ruleset_identity(HOUSE) != base  # (the version is in the fingerprint too)


def test_the_code_fingerprint_follows_the_modules(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "b.py").write_text("y = 2\n", encoding="utf-8")
    base = cache_mod.fingerprint(tmp_path)
    assert cache_mod.fingerprint(tmp_path) == base
    (tmp_path / "rules" / "b.py").write_text("y = 3\n", encoding="utf-8")
    edited = cache_mod.fingerprint(tmp_path)
    assert edited != base
    stat = (tmp_path / "a.py").stat()
    os.utime(tmp_path / "a.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert cache_mod.fingerprint(tmp_path) != edited  # touched: re-installed, say
    (tmp_path / "c.py").write_text("", encoding="utf-8")
    now = cache_mod.fingerprint(tmp_path)
    assert len({base, edited, now}) == 3
    monkeypatch.setattr(cache_mod, "__version__", "99.0")
    assert cache_mod.fingerprint(tmp_path) != now  # another version


def test_the_engine_fingerprint_follows_its_installed_files(tmp_path, monkeypatch) -> None:
    """An offline engine's answers depend on its installed files (Harper's library, the word
    list): a reinstall or an upgrade changes the identity, compiled caches do not."""
    package = tmp_path / "fake_engine_pkg"
    (package / "resources").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "resources" / "words.txt").write_text("alpha\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    def digest() -> str:
        cache_mod._engine_version.cache_clear()
        return cache_mod._engine_version(("fake_engine_pkg", "no_such_module_xyz"))

    base = digest()
    assert digest() == base
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert digest() == base
    (package / "resources" / "words.txt").write_text("alpha\nbeta\n", encoding="utf-8")
    assert digest() != base
    assert cache_mod.STABLE_ENGINES["harper"] == ("harper", "spellchecker")


def test_vocabulary_files_are_part_of_the_identity(tmp_path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(REPO / "lint_rules" / "analyst", pack_dir)
    rules = select_rules(load_pack(str(pack_dir)))
    before = ruleset_identity(rules)
    extra = pack_dir / "vocabulary" / "misc.yaml"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n  - Zyx\n", encoding="utf-8")
    assert ruleset_identity(rules) != before


def test_the_display_path_is_part_of_the_key(tmp_path) -> None:
    results = ResultCache(tmp_path / "c")
    data = b"By Jane Doe\nA lead.\n"
    assert results.key(data, HOUSE, "a.txt") != results.key(data, HOUSE, "b.txt")
    assert results.key(data, HOUSE, "a.txt") != results.key(data + b" ", HOUSE, "a.txt")


# --- what is not stored --------------------------------------------------------------------


def test_files_with_errors_are_not_stored(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00" * 64)
    results = ResultCache(tmp_path / "c")
    report = check_paths(
        [str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt")], HOUSE, cache=results
    )
    assert all(f.error for f in report.files)
    assert _entries(tmp_path / "c") == []


def test_an_unavailable_engine_or_a_server_engine_is_not_stored(tmp_path) -> None:
    spelling = PACK.rule("spelling").with_options({"engine": "languagetool"})
    server = type(HOUSE)(PACK, (*HOUSE.rules, spelling))
    assert ruleset_identity(server) is None
    report = FileReport("a.txt")
    report.findings = [
        __import__("briefcheck.report", fromlist=["Finding"]).Finding(
            "engine-unavailable", "warning", 1, 1, 1, 1, None, "", "down"
        )
    ]
    assert not cache_mod.cacheable(report, frozenset({"engine-unavailable"}))
    assert cache_mod.unstable_rules(select_rules(PACK)) >= {"engine-unavailable"}


# --- switching it off, where it lives, damage ------------------------------------------------


def test_no_cache_reads_and_writes_nothing(run_cli, docs) -> None:
    done = run_cli("check", "--no-cache", "docs", cwd=docs)
    assert done.returncode == 1
    assert not (docs / ".briefcheck_cache").exists()


def test_the_cache_is_in_the_current_folder_or_the_named_one(run_cli, docs, tmp_path) -> None:
    run_cli("check", "docs", cwd=docs)
    here = docs / ".briefcheck_cache"
    assert len(_entries(here)) == 2
    tag = (here / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (here / ".gitignore").read_text().splitlines()[-1] == "*"
    elsewhere = tmp_path / "elsewhere"
    run_cli("check", "docs", cwd=docs, env={"BRIEFCHECK_CACHE_DIR": str(elsewhere)})
    assert len(_entries(elsewhere)) == 2
    assert cache_mod.cache_dir({}) == Path(".briefcheck_cache")
    assert cache_mod.cache_dir({"BRIEFCHECK_CACHE_DIR": "/x"}) == Path("/x")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"garbage",
        b"briefcheck-result\n" + b"\x80\x05truncated",
        b"briefcheck-result\n" + pickle.dumps({"not": "a report"}),
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_written_again(run_cli, docs, damage) -> None:
    want = run_cli("check", "--format", "json", "docs", cwd=docs)
    entries = _entries(docs / ".briefcheck_cache")
    for entry in entries:
        entry.write_bytes(damage)
    got = run_cli("check", "--format", "json", "docs", cwd=docs)
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
    assert all(e.read_bytes() != damage for e in entries)  # rewritten


def test_an_entry_naming_other_code_is_refused_not_run(tmp_path) -> None:
    class Evil:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "pwned"),))

    results = ResultCache(tmp_path / "c")
    key = results.key(b"x", HOUSE, "a.txt")
    results.folder.mkdir(parents=True)
    (results.folder / key).write_bytes(b"briefcheck-result\n" + pickle.dumps(Evil()))
    assert results.get(key, "a.txt") is None
    assert not (tmp_path / "pwned").exists()


def test_an_entry_for_another_path_is_not_used(tmp_path) -> None:
    results = ResultCache(tmp_path / "c")
    report = check_paths([str(SUBMISSIONS / "crafted-clean.txt")], HOUSE).files[0]
    results.put("k", report)
    assert results.get("k", report.path) == report
    assert results.get("k", "another.txt") is None


def test_the_oldest_entries_are_pruned(tmp_path) -> None:
    results = ResultCache(tmp_path / "c")
    results.folder.mkdir(parents=True)
    for i in range(30):
        entry = results.folder / f"{i:02d}"
        entry.write_bytes(b"x")
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))
    assert results.prune(limit=40, keep=10) == 0
    assert results.prune(limit=20, keep=10) == 20
    assert [p.name for p in _entries(tmp_path / "c")] == [f"{i:02d}" for i in range(20, 30)]


def test_what_killed_writes_left_behind_is_removed(run_cli, docs) -> None:
    """A run killed between writing a temp file and renaming it leaves `.tmp-*` behind in the
    results or snapshot folder; a later run removes those older than LEFTOVER_AGE, and leaves a
    younger one alone (another run's write in progress)."""
    run_cli("check", "--proofing", "off", "docs", cwd=docs)
    version = docs / ".briefcheck_cache" / f"v{cache_mod.FORMAT}"
    old = time.time() - cache_mod.LEFTOVER_AGE - 5
    left = []
    for folder in (version / "results", version / "packs"):
        stale, young = folder / ".tmp-killed", folder / ".tmp-writing"
        stale.write_bytes(b"half a pickle")
        young.write_bytes(b"half a pickle")
        os.utime(stale, (old, old))
        left.append((stale, young))
    (docs / "docs" / "a.txt").write_text(BRIEF + "\nOne more line.\n", encoding="utf-8")
    with_snapshot = run_cli("check", "--proofing", "off", "docs", cwd=docs)  # a new result
    assert with_snapshot.returncode == 1, with_snapshot.stderr
    snapshot_prune(version / "packs")  # as after writing a new snapshot
    for stale, young in left:
        assert not stale.exists()
        assert young.exists()
    kept = [p.name for p in _entries(docs / ".briefcheck_cache") if not p.name.startswith(".")]
    assert len(kept) == 3  # the two first results and a.txt's new one
    assert len(list((version / "packs").iterdir())) == 2  # the snapshot and the young write


def test_an_unwritable_cache_folder_does_not_stop_the_run(run_cli, docs) -> None:
    blocker = docs / "blocked"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    done = run_cli(
        "check",
        "--format",
        "json",
        "docs",
        cwd=docs,
        env={"BRIEFCHECK_CACHE_DIR": str(blocker / "c")},
    )
    assert done.returncode == 1 and done.stderr == ""
    assert len(json.loads(done.stdout)["files"]) == 2


# --- the pack cache ----------------------------------------------------------------------------


def test_the_pack_comes_from_the_cache_until_a_file_changes(tmp_path, monkeypatch) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(REPO / "lint_rules" / "analyst", pack_dir)
    root = tmp_path / "c"
    first = load_pack_cached(str(pack_dir), root)
    calls = []
    import briefcheck.pack

    real = briefcheck.pack.load_pack
    monkeypatch.setattr(briefcheck.pack, "load_pack", lambda *a: calls.append(a) or real(*a))
    second = load_pack_cached(str(pack_dir), root)
    assert calls == []  # from the cache
    assert [r.spec for r in second.rules] == [r.spec for r in first.rules]
    assert [r.options for r in second.rules] == [r.options for r in first.rules]
    assert second.anatomy == first.anatomy
    assert second.vocabulary.get().entries == first.vocabulary.get().entries
    rule = pack_dir / "rules" / "word-count.yaml"
    text = rule.read_text(encoding="utf-8")
    assert "max: 1400" in text
    rule.write_text(text.replace("max: 1400", "max: 1500"), encoding="utf-8")
    third = load_pack_cached(str(pack_dir), root)
    assert len(calls) == 1  # loaded again
    assert third.rule("word-count").options != first.rule("word-count").options
    (pack_dir / "rules" / "title-length.yaml").unlink()  # a rule file removed
    assert load_pack_cached(str(pack_dir), root).rule("title-length") is None


def test_a_cached_pack_checks_like_a_loaded_one(tmp_path) -> None:
    load_pack_cached("analyst", tmp_path / "c")
    cached = select_rules(load_pack_cached("analyst", tmp_path / "c"))
    loaded = select_rules(load_pack("analyst"))
    assert ruleset_identity(cached) == ruleset_identity(loaded)
    targets = [str(SUBMISSIONS)]
    assert check_paths(targets, cached).files == check_paths(targets, loaded).files
