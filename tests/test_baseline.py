"""Baseline files, --statistics, -q, -o and the progress counter, end to end."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
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
# What the baseline records for BRIEF saved as docs/a.txt next to it.
RECORDED = [
    {"path": "docs/a.txt", "rule": "house-typo", "text": "Bishkec", "occurrence": 1},
    {"path": "docs/a.txt", "rule": "house-typo", "text": "tribal are", "occurrence": 1},
    {"path": "docs/a.txt", "rule": "lead-length", "text": "", "occurrence": 1},
    {"path": "docs/a.txt", "rule": "section-word-count", "text": "", "occurrence": 1},
    {"path": "docs/a.txt", "rule": "section-word-count", "text": "", "occurrence": 2},
    {"path": "docs/a.txt", "rule": "section-word-count", "text": "", "occurrence": 3},
    {"path": "docs/a.txt", "rule": "word-count", "text": "", "occurrence": 1},
    {"path": "docs/a.txt", "rule": "bio-length", "text": "", "occurrence": 1},
]
ISSUE = "submissions/analyst-issue.txt"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """tmp_path with docs/a.txt (BRIEF: 8 findings); the baseline goes in tmp_path."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(BRIEF, encoding="utf-8")
    return tmp_path


def _found(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str, int, int]]:
    return [
        (x["rule"], x["text"], x["line"], x["column"])
        for f in json.loads(done.stdout)["files"]
        for x in f["findings"]
    ]


def _record(run_cli, root: Path) -> None:
    done = run_cli("check", "-q", "--baseline", "base.json", "docs", cwd=root)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- baseline ----------------------------------------------------------------------------


def test_a_missing_baseline_is_recorded(run_cli, docs: Path) -> None:
    done = run_cli("check", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stderr) == (
        0,
        "briefcheck: base.json: recorded 8 finding(s) as the baseline\n",
    )
    assert done.stdout == (
        "docs/a.txt: no findings\n"
        "  article 1 (By Jane Doe): 14 words — lead 8, background 2, implications 2, "
        "conclusion 2, bio 5\n\n"
        "1 file, no findings\n"
    )
    recorded = json.loads((docs / "base.json").read_text(encoding="utf-8"))
    assert recorded == {"version": 1, "findings": RECORDED}


def test_a_second_run_reports_nothing(run_cli, docs: Path) -> None:
    _record(run_cli, docs)
    done = run_cli("check", "--format", "json", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stderr) == (
        0,
        "briefcheck: base.json: 8 known finding(s) hidden\n",
    )
    doc = json.loads(done.stdout)
    assert doc["files"][0]["findings"] == []
    assert doc["summary"] == {"files": 1, "findings": 0, "errors": 0, "warnings": 0}


def test_only_new_findings_are_reported_even_when_lines_shift(run_cli, docs: Path) -> None:
    _record(run_cli, docs)
    path = docs / "docs" / "a.txt"
    _edit(path, "Some background.", "Some background on the Kazakstan steppe.")
    done = run_cli("check", "--format", "json", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stderr) == (
        1,
        "briefcheck: base.json: 8 known finding(s) hidden\n",
    )
    assert _found(done) == [("house-typo", "Kazakstan", 4, 36)]
    # A paragraph inserted above the old findings moves them down a line: still known.
    _edit(path, "By Jane Doe\n", "By Jane Doe\nA new opening paragraph of the lead.\n")
    done = run_cli("check", "--format", "json", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stderr) == (
        1,
        "briefcheck: base.json: 8 known finding(s) hidden\n",
    )
    assert _found(done) == [("house-typo", "Kazakstan", 5, 36)]


def test_update_baseline_rewrites_it(run_cli, docs: Path) -> None:
    _record(run_cli, docs)
    path = docs / "docs" / "a.txt"
    _edit(path, "Bishkec", "Bishkek")  # one old finding fixed …
    _edit(path, "Some background.", "Some background on the Kazakstan steppe.")  # … one new
    done = run_cli("check", "--baseline", "base.json", "--update-baseline", "docs", cwd=docs)
    assert (done.returncode, done.stderr) == (
        0,
        "briefcheck: base.json: recorded 8 finding(s) as the baseline\n",
    )
    recorded = json.loads((docs / "base.json").read_text(encoding="utf-8"))["findings"]
    kazakstan = {"path": "docs/a.txt", "rule": "house-typo", "text": "Kazakstan", "occurrence": 1}
    assert recorded == [*RECORDED[1:3], kazakstan, *RECORDED[3:]]
    done = run_cli("check", "-q", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    # The fixed slip is no longer in the baseline: writing it again is a new finding.
    _edit(path, "Bishkek", "Bishkec")
    done = run_cli("check", "--format", "json", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, _found(done)) == (1, [("house-typo", "Bishkec", 2, 14)])


def test_update_baseline_needs_baseline(run_cli, docs: Path) -> None:
    done = run_cli("check", "--update-baseline", "docs", cwd=docs)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "briefcheck: --update-baseline needs --baseline FILE\n",
    )


def test_baseline_paths_are_relative_to_its_folder(run_cli, docs: Path) -> None:
    _record(run_cli, docs)
    here = run_cli("check", "-q", "--baseline", "../base.json", "a.txt", cwd=docs / "docs")
    assert (here.returncode, here.stdout, here.stderr) == (0, "", "")
    repo = run_cli("check", "-q", "--baseline", docs / "base.json", docs / "docs" / "a.txt")
    assert (repo.returncode, repo.stdout, repo.stderr) == (0, "", "")


def test_baseline_paths_outside_its_folder(run_cli, docs: Path) -> None:
    (docs / "ci").mkdir()
    record = run_cli("check", "-q", "--baseline", "ci/base.json", "docs", cwd=docs)
    assert (record.returncode, record.stderr) == (0, "")
    done = run_cli("check", "-q", "--baseline", "../ci/base.json", "a.txt", cwd=docs / "docs")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (
            '{"version": 1, "findings": [',
            "not a briefcheck baseline (Expecting value: line 1 column 29 (char 28))",
        ),
        ("[]", "not a briefcheck baseline ('list' object has no attribute 'get')"),
        ('{"version": 1, "findings": [{"path": "a.txt"}]}', "not a briefcheck baseline ('rule')"),
        ('{"version": 7, "findings": []}', "unsupported baseline version 7"),
    ],
    ids=["broken-json", "not-an-object", "entry-without-rule", "version"],
)
def test_a_corrupt_baseline_is_an_error(run_cli, docs: Path, content: str, cause: str) -> None:
    (docs / "base.json").write_text(content, encoding="utf-8")
    done = run_cli("check", "--baseline", "base.json", "docs", cwd=docs)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"briefcheck: base.json: {cause}\n",
    )
    assert (docs / "base.json").read_text(encoding="utf-8") == content  # left as it was


# --- --statistics, -q, -o ----------------------------------------------------------------


@pytest.fixture(scope="module")
def issue_runs(run_cli, tmp_path_factory) -> dict[str, Any]:
    """The sample issue checked six ways (two at a time); -o files in a temporary folder."""
    out = tmp_path_factory.mktemp("output")
    jobs = {
        "json": ("--format", "json"),
        "json-o": ("--format", "json", "-o", out / "report.json"),
        "plain": ("--no-source",),
        "text-o": ("-o", out / "report.txt"),
        "text": (),
        "quiet": ("-q",),
        "statistics": ("--statistics",),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {k: pool.submit(run_cli, "check", *args, ISSUE) for k, args in jobs.items()}
        runs: dict[str, Any] = {k: f.result() for k, f in futures.items()}
    runs["dir"] = out
    return runs


def test_statistics_table(issue_runs) -> None:
    done = issue_runs["statistics"]
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == (
        "     5  info     consistency-quotes\n"
        "     4  error    house-typo  (fixable)\n"
        "     3  warning  consistency-us  (fixable)\n"
        "     3  error    web-artifact  (fixable)\n"
        "     2  warning  acronym-undefined\n"
        "     2  error    apostrophe  (fixable)\n"
        "     2  error    word-count\n"
        "     1  error    article-a-an  (fixable)\n"
        "     1  warning  consistency-spelling  (fixable)\n"
        "     1  error    photo-credit-missing\n"
        "    24  total\n"
    )
    # The same counts as the JSON report's findings.
    findings = [x for f in json.loads(issue_runs["json"].stdout)["files"] for x in f["findings"]]
    for line in done.stdout.splitlines()[:-1]:
        n, severity, rule = line.split()[:3]
        assert [x["severity"] for x in findings if x["rule"] == rule] == [severity] * int(n)


def test_quiet_prints_only_the_finding_lines(issue_runs) -> None:
    done = issue_runs["quiet"]
    assert (done.returncode, done.stderr) == (1, "")
    plain = issue_runs["plain"].stdout.splitlines()
    assert done.stdout.splitlines() == [line for line in plain if line.startswith(ISSUE + ":")]
    assert len(done.stdout.splitlines()) == 24
    assert plain[-1] == "1 file, 24 findings: 13 errors, 6 warnings, 5 infos"  # what -q leaves out


@pytest.mark.parametrize(
    ("run", "reference", "name"),
    [("text-o", "text", "report.txt"), ("json-o", "json", "report.json")],
)
def test_output_file(issue_runs, run: str, reference: str, name: str) -> None:
    done = issue_runs[run]
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    written = (issue_runs["dir"] / name).read_text(encoding="utf-8")
    assert written == issue_runs[reference].stdout
    if name.endswith(".json"):
        assert json.loads(written)["summary"]["findings"] == 24


# --- the progress counter on a terminal ----------------------------------------------------


CRAFTED = sorted(
    str(p) for p in (Path(__file__).resolve().parents[1] / "submissions").glob("crafted-*")
)


def _stderr_on_a_terminal(cli_env, args: list[str], stdout_tty: bool = False) -> tuple[str, str]:
    """Run the CLI with stderr (or only stdout) on a pseudo-terminal: (terminal, pipe) text."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefcheck", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave if stdout_tty else subprocess.DEVNULL,
        stderr=subprocess.PIPE if stdout_tty else slave,
        env=cli_env(),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    piped = proc.stderr.read() if proc.stderr else b""
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8"), piped.decode("utf-8")


def test_progress_counter_on_a_terminal_for_more_than_five_files(cli_env) -> None:
    terminal, _ = _stderr_on_a_terminal(cli_env, ["check", *CRAFTED[:6]])
    counter = "".join(f"\rbriefcheck: {i}/6 files" for i in range(7))
    assert terminal == counter + "\r\x1b[K"


def test_no_progress_counter_for_five_files(cli_env) -> None:
    terminal, _ = _stderr_on_a_terminal(cli_env, ["check", *CRAFTED[:5]])
    assert terminal == ""


def test_no_progress_counter_when_stderr_is_not_a_terminal(cli_env) -> None:
    terminal, piped = _stderr_on_a_terminal(cli_env, ["check", *CRAFTED], stdout_tty=True)
    assert piped == "" and "\rbriefcheck: " not in terminal and ISSUE not in terminal
    assert terminal.count("\n") > 9 * 3  # the report itself went to the terminal


def test_an_error_after_the_counter_starts_on_a_clean_line(cli_env, tmp_path: Path) -> None:
    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "a.txt").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "z" / "briefcheck.yaml").write_text("selekt: 1\n", encoding="utf-8")
    terminal, _ = _stderr_on_a_terminal(cli_env, ["check", str(tmp_path)])
    message = f"briefcheck: {tmp_path / 'z' / 'briefcheck.yaml'}: selekt: unknown key\r\n"
    assert terminal.endswith(message)
    assert re.fullmatch(r"(\rbriefcheck: \d/7 files)*\r\x1b\[K", terminal.removesuffix(message))
