"""--jobs: files checked in worker processes give the same report as in one process, in order.

Speed is measured in bench/bench.py, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefcheck import parallel
from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import load_pack
from briefcheck.reporters import REPORTERS, RenderOptions

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = REPO / "submissions"
PACK = load_pack("analyst")
# The house rules (the proofreading engine has its own tests and costs a second per process).
HOUSE = select_rules(
    PACK, ignore=[r.id for r in PACK.rules if r.spec.kind in ("proofing", "proofing-status")]
)
LINUX = sys.platform.startswith("linux")


def _json(report) -> str:
    return REPORTERS["json"](report, RenderOptions())


def _sarif(report) -> str:
    return REPORTERS["sarif"](report, RenderOptions())


def _folder(root: Path, n: int = 40) -> Path:
    """n files made from the submissions: each article text with its own slips and name."""
    folder = root / "archive"
    folder.mkdir()
    texts = sorted(SUBMISSIONS.glob("*.txt"))
    for i in range(n):
        text = texts[i % len(texts)].read_text(encoding="utf-8")
        text = text.replace("the ", "the the ", i % 3)  # a repeated word or two, varying
        suffix = ".md" if i % 10 == 9 else ".txt"
        (folder / f"{i:03d}-{texts[i % len(texts)].stem}{suffix}").write_text(
            text + f"\nExtra paragraph {i} in Bishkec.\n", encoding="utf-8"
        )
    return folder


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return _folder(tmp_path_factory.mktemp("parallel"))


# --- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_same_output_with_one_and_two_jobs_over_the_submissions(run_cli, fmt) -> None:
    one = run_cli("check", "--no-cache", "--jobs", "1", "--format", fmt, "submissions")
    two = run_cli("check", "--no-cache", "--jobs", "2", "--format", fmt, "submissions")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr


def test_same_json_with_one_and_two_jobs_over_a_generated_folder(run_cli, archive) -> None:
    one = run_cli("check", "--no-cache", "-j", "1", "--format", "json", archive)
    two = run_cli("check", "--no-cache", "-j", "2", "--format", "json", archive)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    paths = [f["path"] for f in json.loads(two.stdout)["files"]]
    assert paths == sorted(str(p) for p in archive.iterdir())  # a folder's files, sorted
    assert len(paths) == 40


def test_input_order_of_the_targets_is_kept(run_cli, archive) -> None:
    names = sorted(archive.iterdir(), reverse=True)[:20]
    mixed = [str(p) for p in names[::2] + names[1::2]]
    done = run_cli("check", "--no-cache", "-j", "2", "--format", "json", *mixed)
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == mixed


def test_a_file_error_in_the_middle(run_cli, archive, tmp_path) -> None:
    targets = [str(p) for p in sorted(archive.iterdir())[:12]]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    targets[4:4] = [str(empty), str(tmp_path / "missing.txt"), str(binary)]
    one = run_cli("check", "--no-cache", "-j", "1", "--format", "json", *targets)
    two = run_cli("check", "--no-cache", "-j", "2", "--format", "json", *targets)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert two.returncode == 2
    files = json.loads(two.stdout)["files"]
    assert [f["path"] for f in files] == targets
    assert [i for i, f in enumerate(files) if "error" in f] == [4, 5, 6]
    assert all(f["articles"] for f in files[:4] + files[7:])  # the others were checked
    errors = two.stderr.splitlines()
    assert len(errors) == 3 and all(line.startswith("briefcheck: ") for line in errors)


def test_standard_input_is_checked_in_its_place(run_cli, archive) -> None:
    first = sorted(archive.iterdir())[0]
    targets = [str(p) for p in sorted(archive.iterdir())[1:11]]
    args = ["check", "--no-cache", "--format", "json", "--stdin-filename", "in.txt"]
    one = run_cli(*args, "-j", "1", *targets[:5], "-", *targets[5:], input=first.read_bytes())
    two = run_cli(*args, "-j", "2", *targets[:5], "-", *targets[5:], input=first.read_bytes())
    assert (one.returncode, one.stdout) == (two.returncode, two.stdout)
    assert json.loads(two.stdout)["files"][5]["path"] == "in.txt"


def _crash(how: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The CLI with check_one failing in every worker: raising, or the process dying."""
    body = "os._exit(3)" if how == "die" else "raise RuntimeError('a bug in a rule')"
    code = (
        "import os, sys\n"
        "import briefcheck.parallel as p\n"
        "def broken(*a, **k):\n"
        f"    {body}\n"
        "p.check_one = broken\n"
        "from briefcheck.cli import main\n"
        "sys.argv = ['briefcheck', 'check', '--no-cache', '-j', '2', 'submissions']\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not LINUX, reason="the patched function reaches forked workers only")
@pytest.mark.parametrize(
    ("how", "says"),
    [("raise", "RuntimeError: a bug in a rule"), ("die", "BrokenProcessPool")],
)
def test_an_error_in_a_worker_is_one_line_and_exit_2(cli_env, how, says) -> None:
    done = _crash(how, cli_env())
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("briefcheck: internal error: ") and says in line


# --- the engine ----------------------------------------------------------------------------


def test_engine_same_report_in_process_and_in_workers(archive) -> None:
    one = check_paths([str(archive)], HOUSE, jobs=1)
    two = check_paths([str(archive)], HOUSE, jobs=2)
    assert _json(one) == _json(two)
    assert _sarif(one) == _sarif(two)  # the rules that ran, in the same order
    assert one.files == two.files  # the reports themselves, source lines and text included


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_both_start_methods_give_the_same_results(archive, method) -> None:
    if method == "fork" and not LINUX:
        pytest.skip("fork is used on Linux only")
    paths = sorted(archive.iterdir())[:10]
    tasks = [parallel.Task(i, str(p), str(p), 0) for i, p in enumerate(paths)]
    got = parallel.run_tasks(tasks, [HOUSE], 2, 5 << 20, method=method)
    want = check_paths([str(p) for p in paths], HOUSE)
    assert [got[i] for i in range(len(paths))] == want.files


def test_progress_is_reported_by_the_parent_from_zero_to_all(archive) -> None:
    seen: list[tuple[int, int]] = []
    check_paths([str(archive)], HOUSE, progress=lambda d, t: seen.append((d, t)), jobs=2)
    assert seen[0] == (0, 40) and seen[-1] == (40, 40)
    counts = [d for d, _ in seen]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)


def test_a_worker_error_is_raised_not_waited_for(archive, monkeypatch) -> None:
    if not LINUX:
        pytest.skip("the patched function reaches forked workers only")

    def broken(*args, **kwargs):
        raise ValueError("broken rule")

    monkeypatch.setattr(parallel, "check_one", broken)
    with pytest.raises(ValueError, match="broken rule"):
        check_paths([str(archive)], HOUSE, jobs=2)


def test_small_runs_stay_in_this_process(archive, monkeypatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "run_tasks", no_pool)
    few = [str(p) for p in sorted(archive.iterdir())[:3]]
    assert check_paths(few, HOUSE, jobs=4).files == check_paths(few, HOUSE).files
    assert check_paths([str(archive)], HOUSE, jobs=1).files  # --jobs 1: never a pool


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_threshold(method) -> None:
    files, size = parallel.MIN_FILES[method], parallel.MIN_BYTES[method]
    assert not parallel.worth_it(1, 1000, 10**9, method)  # one job
    assert not parallel.worth_it(4, 1, 10**9, method)  # one file: nothing to share
    assert not parallel.worth_it(4, files - 1, size - 1, method)
    assert parallel.worth_it(4, files, 0, method)
    assert parallel.worth_it(4, 2, size, method)
    assert parallel.MIN_FILES["spawn"] > parallel.MIN_FILES["fork"]  # a spawned worker costs more
    # with the offline proofreading engine one process lints on every core (a thread each):
    # workers pay off only for more files
    proofing = parallel.MIN_FILES_PROOFING[method]
    assert proofing > files
    assert not parallel.worth_it(4, proofing - 1, size - 1, method, proofing=True)
    assert parallel.worth_it(4, proofing, 0, method, proofing=True)


def test_chunks_cover_every_task_once_in_order() -> None:
    tasks = [parallel.Task(i, str(i), str(i), 0) for i in range(37)]
    chunks = parallel.chunked(tasks, 2)
    assert [t for c in chunks for t in c] == tasks
    assert len(chunks) == 2 * parallel.CHUNKS_PER_WORKER


def test_default_jobs_is_the_cpus_available() -> None:
    assert 1 <= parallel.default_jobs() <= (__import__("os").cpu_count() or 1)


def test_jobs_must_be_positive(run_cli) -> None:
    done = run_cli("check", "--jobs", "0", "submissions")
    assert done.returncode == 2 and "--jobs" in done.stderr
