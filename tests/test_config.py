"""Configuration files end to end: discovery, keys, command-line precedence, errors, `config`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

BRIEF = (
    "By Jane Doe\n"
    "Officials in Bishkec met the tribal are leaders.\n"
    "Photo source: NASA.\n"
    "BACKGROUND: Some background.\n"
    "IMPLICATIONS: Some implications.\n"
    "CONCLUSION: A conclusion.\n"
    "AUTHOR BIO: Jane Doe is an analyst.\n"
)
# Every finding of BRIEF with the built-in pack and no configuration, in output order.
DEFAULT = [
    ("house-typo", "error", 2, 14),
    ("house-typo", "error", 2, 30),
    ("lead-length", "info", 2, 49),
    ("section-word-count", "info", 4, 29),
    ("section-word-count", "info", 5, 33),
    ("section-word-count", "info", 6, 26),
    ("word-count", "error", 6, 26),
    ("bio-length", "info", 7, 36),
]
TYPOS = [("house-typo", "error", 2, 14), ("house-typo", "error", 2, 30)]
MD_BRIEF = (
    "By Jane Doe\n\nOfficials in Bishkec met the tribal are leaders.\n\nPhoto source: NASA.\n\n"
    "## Background\n\nSome background.\n\n## Implications\n\nSome implications.\n\n"
    "## Conclusion\n\nA conclusion.\n\n## Author bio\n\nJane Doe is an analyst.\n"
)
MD_TYPOS = [("house-typo", "error", 3, 14), ("house-typo", "error", 3, 30)]
# A title of 18 words: title-length flags the words after the 15th (column 89).
TITLE = (
    "Afghanistan Qosh Tepa Canal Tests Water Diplomacy on the Amu Darya and Much More Beyond "
    "the River Today"
)
TITLED = f"{TITLE}\n{BRIEF}"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _quads(file: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    return [(x["rule"], x["severity"], x["line"], x["column"]) for x in file["findings"]]


def _by_path(done: subprocess.CompletedProcess[str], root: Path) -> dict[str, dict[str, Any]]:
    return {
        Path(f["path"]).relative_to(root).as_posix(): f for f in json.loads(done.stdout)["files"]
    }


def _copy_pack(repo: Path, dest: Path) -> Path:
    """A copy of the built-in pack: house-typo made a warning, title-length disabled."""
    shutil.copytree(repo / "lint_rules" / "analyst", dest, ignore=shutil.ignore_patterns("*.md"))
    typo = dest / "rules" / "house-typo.yaml"
    text = typo.read_text(encoding="utf-8")
    assert text.count("\nseverity: error\n") == 1
    typo.write_text(text.replace("\nseverity: error\n", "\nseverity: warning\n"), "utf-8")
    title = dest / "rules" / "title-length.yaml"
    text = title.read_text(encoding="utf-8")
    assert "\nenabled:" not in text and text.count("\nseverity: info\n") == 1
    title.write_text(text.replace("\nseverity: info\n", "\nseverity: info\nenabled: false\n"))
    return dest


# --- one run over a tree of folders, each with its own configuration ----------------------


TREE_CONFIGS = {
    "briefcheck.yaml": "select: [house-typo]\n",
    "near/briefcheck.yaml": "select: [word-count]\n",
    "toml/pyproject.toml": '[project]\nname = "x"\n\n[tool.briefcheck]\nselect = ["bio-length"]\n',
    "notable/pyproject.toml": '[project]\nname = "x"\n',
    "builtin/briefcheck.yaml": "pack: analyst\nselect: [house-typo, word-count]\n",
    "packed/briefcheck.yaml": "pack: mypack\nselect: [house-typo]\n",
    "packed/ext/briefcheck.yaml": "pack: ../mypack\nextend-select: [title-length]\n"
    "ignore: [lead-length, section-word-count, word-count, bio-length]\n",
    "packed/noext/briefcheck.yaml": "pack: ../mypack\n"
    "ignore: [lead-length, section-word-count, word-count, bio-length]\n",
    "sev/briefcheck.yaml": "select: [house-typo, word-count]\nseverity: {word-count: warning}\n",
    "opts/briefcheck.yaml": "select: [word-count]\n"
    "rules: {word-count: {options: {limits: {body: {min: 100, max: 2000}}}}}\n",
    "off/briefcheck.yaml": "rules: {house-typo: {enabled: false}}\n",
    "pfi/briefcheck.yaml": "select: [house-typo]\nper-file-ignores:\n"
    '  "archive/*.txt": [house-typo]\n  "**/drafts/*.md": [house-typo]\n',
}
TREE_FILES = {
    "plain/a.txt": BRIEF,
    "deep/er/a.txt": BRIEF,
    "near/a.txt": BRIEF,
    "near/sub/a.txt": BRIEF,
    "toml/a.txt": BRIEF,
    "notable/a.txt": BRIEF,
    "builtin/a.txt": BRIEF,
    "packed/a.txt": BRIEF,
    "packed/ext/t.txt": TITLED,
    "packed/noext/t.txt": TITLED,
    "sev/a.txt": BRIEF,
    "opts/a.txt": BRIEF,
    "off/a.txt": BRIEF,
    "pfi/a.txt": BRIEF,
    "pfi/archive/a.txt": BRIEF,
    "pfi/archive/a.md": MD_BRIEF,
    "pfi/nested/archive/a.txt": BRIEF,
    "pfi/drafts/a.md": MD_BRIEF,
    "pfi/x/drafts/a.md": MD_BRIEF,
    "pfi/x/drafts/a.txt": BRIEF,
    "pfi/notdrafts/a.md": MD_BRIEF,
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory, run_cli, repo: Path) -> dict[str, dict[str, Any]]:
    """One JSON run over the whole tree: each file's report by its path inside the tree."""
    root = tmp_path_factory.mktemp("tree")
    for name, text in {**TREE_CONFIGS, **TREE_FILES}.items():
        _write(root / name, text)
    _copy_pack(repo, root / "packed" / "mypack")
    done = run_cli("check", "--format", "json", root)
    assert (done.returncode, done.stderr) == (1, "")
    files = _by_path(done, root)
    assert sorted(files) == sorted(TREE_FILES)
    return files


def test_yaml_found_by_walking_up_from_each_file(tree) -> None:
    assert _quads(tree["plain/a.txt"]) == TYPOS
    assert _quads(tree["deep/er/a.txt"]) == TYPOS


def test_the_closest_configuration_wins(tree) -> None:
    word_count = [("word-count", "error", 6, 26)]
    assert _quads(tree["near/a.txt"]) == word_count
    assert _quads(tree["near/sub/a.txt"]) == word_count


def test_pyproject_tool_briefcheck_table(tree) -> None:
    assert _quads(tree["toml/a.txt"]) == [("bio-length", "info", 7, 36)]


def test_pyproject_without_the_table_is_skipped_and_the_search_goes_up(tree) -> None:
    assert _quads(tree["notable/a.txt"]) == TYPOS


def test_one_run_gives_each_file_its_own_settings(tree) -> None:
    rules = {path: sorted({x["rule"] for x in f["findings"]}) for path, f in tree.items()}
    assert rules == {
        "plain/a.txt": ["house-typo"],
        "deep/er/a.txt": ["house-typo"],
        "near/a.txt": ["word-count"],
        "near/sub/a.txt": ["word-count"],
        "toml/a.txt": ["bio-length"],
        "notable/a.txt": ["house-typo"],
        "builtin/a.txt": ["house-typo", "word-count"],
        "packed/a.txt": ["house-typo"],
        "packed/ext/t.txt": ["house-typo", "title-length"],
        "packed/noext/t.txt": ["house-typo"],
        "sev/a.txt": ["house-typo", "word-count"],
        "opts/a.txt": ["word-count"],
        "off/a.txt": ["bio-length", "lead-length", "section-word-count", "word-count"],
        "pfi/a.txt": ["house-typo"],
        "pfi/archive/a.txt": [],
        "pfi/archive/a.md": ["house-typo"],
        "pfi/nested/archive/a.txt": ["house-typo"],
        "pfi/drafts/a.md": [],
        "pfi/x/drafts/a.md": [],
        "pfi/x/drafts/a.txt": ["house-typo"],
        "pfi/notdrafts/a.md": ["house-typo"],
    }


def test_pack_by_builtin_name(tree) -> None:
    assert _quads(tree["builtin/a.txt"]) == [*TYPOS, ("word-count", "error", 6, 26)]


def test_pack_folder_relative_to_the_configuration(tree) -> None:
    # The copy makes house-typo a warning; the run's working directory is the repository.
    assert _quads(tree["packed/a.txt"]) == [
        ("house-typo", "warning", 2, 14),
        ("house-typo", "warning", 2, 30),
    ]


def test_extend_select_enables_a_rule_disabled_in_the_pack(tree) -> None:
    typos = [("house-typo", "warning", 3, 14), ("house-typo", "warning", 3, 30)]
    assert _quads(tree["packed/noext/t.txt"]) == typos
    assert _quads(tree["packed/ext/t.txt"]) == [("title-length", "info", 1, 89), *typos]
    (title,) = tree["packed/ext/t.txt"]["findings"][:1]
    assert (title["text"], title["message"]) == (
        "the River Today",
        "title is 18 words; the maximum is 15 (3 over)",
    )


def test_severity_override(tree) -> None:
    assert _quads(tree["sev/a.txt"]) == [*TYPOS, ("word-count", "warning", 6, 26)]


def test_rule_options(tree) -> None:
    (x,) = tree["opts/a.txt"]["findings"]
    assert (x["rule"], x["severity"], x["message"]) == (
        "word-count",
        "error",
        "body is 14 words; the minimum is 100 (86 short)",
    )


def test_rule_disabled(tree) -> None:
    assert _quads(tree["off/a.txt"]) == DEFAULT[2:]


def test_per_file_ignores(tree) -> None:
    for path in ("pfi/a.txt", "pfi/nested/archive/a.txt", "pfi/x/drafts/a.txt"):
        assert _quads(tree[path]) == TYPOS, path
    for path in ("pfi/archive/a.md", "pfi/notdrafts/a.md"):
        assert _quads(tree[path]) == MD_TYPOS, path
    for path in ("pfi/archive/a.txt", "pfi/drafts/a.md", "pfi/x/drafts/a.md"):
        assert tree[path]["findings"] == [], path


# --- exit codes and the command line over the configuration --------------------------------


def test_severity_override_changes_the_exit_code(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", BRIEF)
    before = run_cli("check", "--no-source", "--select", "word-count", path)
    _write(tmp_path / "briefcheck.yaml", "severity: {word-count: warning}\n")
    after = run_cli("check", "--no-source", "--select", "word-count", path)
    line = "{}:6:26: {} word-count body is 14 words; the minimum is 1,200 (1,186 short)"
    assert (before.returncode, before.stderr, before.stdout.splitlines()[0]) == (
        1,
        "",
        line.format(path, "error"),
    )
    assert (after.returncode, after.stderr, after.stdout.splitlines()[0]) == (
        0,
        "",
        line.format(path, "warning"),
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [([], 1), (["--fail-on", "error"], 0), (["--isolated", "--select", "lead-length"], 0)],
    ids=["configuration", "command-line", "isolated"],
)
def test_fail_on(run_cli, tmp_path: Path, args: list[str], code: int) -> None:
    _write(tmp_path / "briefcheck.yaml", "select: [lead-length]\nfail-on: info\n")
    path = _write(tmp_path / "a.txt", BRIEF)
    done = run_cli("check", "-q", *args, path)
    assert (done.returncode, done.stderr) == (code, "")
    assert done.stdout == (
        f"{path}:2:49: info lead-length lead is 8 words; published leads run 60–180 (52 short)\n"
    )


def test_fail_on_of_each_file_in_one_run(run_cli, tmp_path: Path) -> None:
    _write(tmp_path / "strict" / "briefcheck.yaml", "select: [lead-length]\nfail-on: info\n")
    _write(tmp_path / "lax" / "briefcheck.yaml", "select: [lead-length]\n")
    strict = _write(tmp_path / "strict" / "a.txt", BRIEF)
    lax = _write(tmp_path / "lax" / "a.txt", BRIEF)
    assert run_cli("check", "-q", lax).returncode == 0
    assert run_cli("check", "-q", lax, strict).returncode == 1


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ("select: [house-typo]\n", ["--select", "word-count"], [("word-count", "error", 6, 26)]),
        ("select: [house-typo]\n", ["--ignore", "house-typo"], []),
        (
            "select: [house-typo]\n",
            ["--extend-select", "bio-length"],
            [*TYPOS, ("bio-length", "info", 7, 36)],
        ),
        ("pack: mypack\nselect: [house-typo]\n", ["--rules", "analyst"], TYPOS),
        ("select: [house-typo]\n", ["--isolated"], DEFAULT),
    ],
    ids=["select", "ignore", "extend-select", "rules", "isolated"],
)
def test_command_line_beats_configuration(
    run_cli, repo: Path, tmp_path: Path, config: str, args: list[str], expected
) -> None:
    _copy_pack(repo, tmp_path / "mypack")
    _write(tmp_path / "briefcheck.yaml", config)
    path = _write(tmp_path / "a.txt", BRIEF)
    done = run_cli("check", "--format", "json", *args, path)
    assert done.stderr == ""
    (file,) = json.loads(done.stdout)["files"]
    assert _quads(file) == expected


def test_config_option_uses_that_file_only(run_cli, tmp_path: Path) -> None:
    _write(tmp_path / "briefcheck.yaml", "select: [house-typo]\n")
    other = _write(tmp_path / "elsewhere" / "briefcheck.yaml", "select: [bio-length]\n")
    toml = _write(
        tmp_path / "elsewhere" / "pyproject.toml", '[tool.briefcheck]\nselect = ["word-count"]\n'
    )
    path = _write(tmp_path / "a.txt", BRIEF)
    for config, expected in ((other, [("bio-length", "info", 7, 36)]), (toml, DEFAULT[6:7])):
        done = run_cli("check", "--format", "json", "--config", config, path)
        assert done.stderr == ""
        assert _quads(json.loads(done.stdout)["files"][0]) == expected


# --- configuration errors: one line naming the file and the key, exit 2 --------------------


YAML = "briefcheck.yaml"
TOML = "pyproject.toml"
BAD_CONFIGS: dict[str, tuple[str, str, str]] = {
    # id: (file name, content, what follows "briefcheck: FILE: ")
    "unknown-key": (YAML, "selekt: [house-typo]\n", "selekt: unknown key"),
    "not-a-list": (YAML, "select: house-typo\n", "select: Input should be a valid list"),
    "unknown-severity": (
        YAML,
        "severity: {word-count: fatal}\n",
        "severity.word-count: Input should be 'error', 'warning' or 'info'",
    ),
    "unknown-fail-on": (
        YAML,
        "fail-on: fatal\n",
        "fail-on: Input should be 'error', 'warning' or 'info'",
    ),
    "not-a-table": (YAML, "- select\n", "expected a table of settings, found list"),
    "select-unknown-id": (
        YAML,
        "select: [nope]\n",
        "select: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "ignore-unknown-id": (
        YAML,
        "ignore: [nope]\n",
        "ignore: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "extend-select-unknown-id": (
        YAML,
        "extend-select: [nope]\n",
        "extend-select: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "severity-unknown-id": (
        YAML,
        "severity: {nope: error}\n",
        "severity: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "rules-unknown-id": (
        YAML,
        "rules: {nope: {enabled: false}}\n",
        "rules: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "per-file-ignores-unknown-id": (
        YAML,
        'per-file-ignores: {"*.txt": [house-typo, nope]}\n',
        "per-file-ignores: unknown rule id 'nope' (see 'briefcheck rules')",
    ),
    "rule-option-bad-value": (
        YAML,
        "rules: {word-count: {options: {limits: {body: {min: abc}}}}}\n",
        "rules.word-count.options.limits.body.min: Input should be a valid integer, unable to "
        "parse string as an integer",
    ),
    "rule-option-unknown": (
        YAML,
        "rules: {word-count: {options: {bogus: 1}}}\n",
        "rules.word-count.options.bogus: unknown key",
    ),
    "rule-setting-unknown": (
        YAML,
        "rules: {word-count: {bogus: 1}}\n",
        "rules.word-count.bogus: unknown key",
    ),
    "broken-yaml": (
        YAML,
        "select: [house-typo\n",
        "invalid YAML: line 2: expected ',' or ']', but got '<stream end>'",
    ),
    "broken-toml": (
        TOML,
        "[tool.briefcheck]\nselect = [house-typo]\n",
        "invalid TOML: Invalid value (at line 2, column 11)",
    ),
    "toml-unknown-key": (
        TOML,
        "[tool.briefcheck]\nselekt = []\n",
        "tool.briefcheck.selekt: unknown key",
    ),
}


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory, run_cli) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Each bad configuration next to a good file, all run at once (two at a time)."""
    root = tmp_path_factory.mktemp("bad")
    jobs = {}
    for case, (name, content, _) in BAD_CONFIGS.items():
        config = _write(root / case / name, content)
        jobs[case] = (config, _write(root / case / "a.txt", BRIEF))
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {case: pool.submit(run_cli, "check", path) for case, (_, path) in jobs.items()}
        return {case: (jobs[case][0], f.result()) for case, f in futures.items()}


@pytest.mark.parametrize("case", BAD_CONFIGS)
def test_bad_configuration(bad_runs, case: str) -> None:
    config, done = bad_runs[case]
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"briefcheck: {config}: {BAD_CONFIGS[case][2]}\n",
    )


def test_config_option_pyproject_without_the_table(run_cli, tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    _write(tmp_path / "a.txt", BRIEF)
    for command in ("check", "config"):
        done = run_cli(command, "--config", "pyproject.toml", "a.txt", cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (
            2,
            "",
            "briefcheck: pyproject.toml: has no [tool.briefcheck] table\n",
        )


def test_config_option_missing_file(run_cli, tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", BRIEF)
    done = run_cli("check", "--config", "nope.yaml", "a.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "briefcheck: nope.yaml: cannot read: No such file or directory\n",
    )


def test_pyproject_rule_errors_name_the_key_as_written(run_cli, tmp_path: Path) -> None:
    config = _write(
        tmp_path / "pyproject.toml", "[tool.briefcheck.rules.word-count.options]\nbogus = 1\n"
    )
    done = run_cli("check", _write(tmp_path / "a.txt", BRIEF))
    assert (done.returncode, done.stderr) == (
        2,
        f"briefcheck: {config}: tool.briefcheck.rules.word-count.options.bogus: unknown key\n",
    )


@pytest.mark.parametrize("where", ["nowhere", "in-the-working-directory"])
def test_pack_not_found_names_the_configuration(
    run_cli, repo: Path, tmp_path: Path, where: str
) -> None:
    config = _write(tmp_path / "proj" / "briefcheck.yaml", "pack: mypack\n")
    path = _write(tmp_path / "proj" / "a.txt", BRIEF)
    if where == "in-the-working-directory":
        _copy_pack(repo, tmp_path / "mypack")
    done = run_cli("check", "-q", path, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"briefcheck: {config}: pack: ")
    assert done.stderr.count("\n") == 1


def test_empty_configuration_means_the_defaults(run_cli, tmp_path: Path) -> None:
    _write(tmp_path / "briefcheck.yaml", "# select: [house-typo]\n")
    done = run_cli("check", "--format", "json", _write(tmp_path / "a.txt", BRIEF))
    assert (done.returncode, done.stderr) == (1, "")
    assert _quads(json.loads(done.stdout)["files"][0]) == DEFAULT


def test_rule_options_merge_over_the_pack(run_cli, tmp_path: Path) -> None:
    _write(
        tmp_path / "briefcheck.yaml",
        "select: [section-word-count]\n"
        "rules: {section-word-count: {options: {limits: {background: {min: 1, max: 50}}}}}\n",
    )
    done = run_cli("check", "--format", "json", _write(tmp_path / "a.txt", BRIEF))
    assert _quads(json.loads(done.stdout)["files"][0]) == DEFAULT[4:6]


@pytest.mark.parametrize(
    ("config", "expected"),
    [("ignore: [house-typo]\n", TYPOS), ("extend-select: [word-count]\n", TYPOS)],
    ids=["ignore", "extend-select"],
)
def test_command_line_select_is_the_whole_selection(
    run_cli, tmp_path: Path, config: str, expected
) -> None:
    _write(tmp_path / "briefcheck.yaml", config)
    path = _write(tmp_path / "a.txt", BRIEF)
    done = run_cli("check", "--format", "json", "--select", "house-typo", path)
    assert _quads(json.loads(done.stdout)["files"][0]) == expected


def test_unknown_extend_select_id_names_the_option(run_cli, tmp_path: Path) -> None:
    done = run_cli(
        "check", "--isolated", "--extend-select", "nope", _write(tmp_path / "a.txt", BRIEF)
    )
    assert (done.returncode, done.stderr) == (
        2,
        "briefcheck: --extend-select: unknown rule id 'nope' (see 'briefcheck rules')\n",
    )


# --- `briefcheck config` -----------------------------------------------------------------


def _rows(pairs: list[tuple[str, str, str]]) -> list[str]:
    return [f"{key:<16}  {value}  [{origin}]" for key, value, origin in pairs]


def test_config_command_shows_values_and_origins(run_cli, repo: Path, tmp_path: Path) -> None:
    pack = _copy_pack(repo, tmp_path / "mypack")
    config = _write(
        tmp_path / "briefcheck.yaml",
        "pack: mypack\n"
        "ignore: [lead-length]\n"
        "extend-select: [title-length]\n"
        "severity: {word-count: warning}\n"
        'per-file-ignores: {"archive/*.txt": [house-typo, spacing]}\n'
        "fail-on: warning\n"
        "rules: {bio-length: {enabled: false}}\n",
    )
    target = _write(tmp_path / "docs" / "a.txt", BRIEF)
    done = run_cli("config", target)
    ids = sorted(p.stem for p in (pack / "rules").glob("*.yaml"))
    ids = [i for i in ids if i not in ("lead-length", "bio-length")]
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"configuration     {config}",
        *_rows(
            [
                ("pack", f"analyst ({pack})", str(config)),
                ("select", "(all enabled rules)", "default"),
                ("ignore", "lead-length", str(config)),
                ("extend-select", "title-length", str(config)),
                ("severity", "word-count=warning", str(config)),
                ("per-file-ignores", "archive/*.txt=house-typo,spacing", str(config)),
                ("fail-on", "warning", str(config)),
                ("rules", "bio-length: enabled=False", str(config)),
            ]
        ),
        "",
        f"{len(ids)} rules run on {target}: {', '.join(ids)}",
    ]
    assert "title-length" in ids


def test_config_command_pyproject_and_defaults(run_cli, tmp_path: Path) -> None:
    builtin = re.search(r"\((.+)\)$", run_cli("rules").stdout.splitlines()[-1]).group(1)
    config = _write(tmp_path / "pyproject.toml", '[tool.briefcheck]\nselect = ["house-typo"]\n')
    found = run_cli("config", tmp_path / "sub")
    isolated = run_cli("config", "--isolated", tmp_path / "sub")
    assert (found.returncode, found.stderr, isolated.returncode, isolated.stderr) == (0, "", 0, "")
    unset = [
        ("ignore", "-", "default"),
        ("extend-select", "-", "default"),
        ("severity", "-", "default"),
        ("per-file-ignores", "-", "default"),
        ("fail-on", "error", "default"),
        ("rules", "-", "default"),
    ]
    assert found.stdout.splitlines() == [
        f"configuration     {config}",
        *_rows(
            [
                ("pack", f"analyst ({builtin})", "default"),
                ("select", "house-typo", str(config)),
                *unset,
            ]
        ),
        "",
        f"1 rule runs on {tmp_path / 'sub'}: house-typo",
    ]
    lines = isolated.stdout.splitlines()
    assert lines[:9] == [
        "configuration     (none found)",
        *_rows(
            [
                ("pack", f"analyst ({builtin})", "default"),
                ("select", "(all enabled rules)", "default"),
                *unset,
            ]
        ),
    ]
    n = len(list(Path(builtin, "rules").glob("*.yaml")))  # every built-in rule is enabled
    assert lines[9:10] == [""] and lines[10].startswith(f"{n} rules run on {tmp_path / 'sub'}: ")
