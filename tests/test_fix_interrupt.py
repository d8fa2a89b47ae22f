"""`--fix` killed at a random moment (SIGKILL: no handler, no cleanup) must leave every submission
byte-identical to its original or to its fully fixed version, never half-written.

`write_atomic` writes a hidden temp file beside the submission (`.NAME.xxxxxxxx.briefcheck-tmp`),
fsyncs it and renames it over the submission. A SIGKILL between the temp file's creation and the
rename leaves that temp file behind: the tests require that such a leftover is recognisable
(hidden, named after a submission of the same folder, holding a prefix of that submission's
fixed bytes), that it never replaces or corrupts a submission, that briefcheck does not read it
as a submission, and that a later write of the same file removes it once it is old.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefcheck.engine import expand_targets
from briefcheck.fixes import LEFTOVER_AGE, write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

COPIES = 200
# tempfile's names: the prefix, 8 characters of [a-z0-9_], the suffix
TEMP = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.briefcheck-tmp")
SEED = int(os.environ.get("BRIEFCHECK_KILL_SEED", "20250514"))


def _variants(data: bytes) -> list[bytes]:
    """A submission as saved by different editors: as is, CRLF, UTF-8 with BOM, UTF-16."""
    text = data.decode("utf-8")
    crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return [data, crlf.encode("utf-8"), b"\xef\xbb\xbf" + data, text.encode("utf-16")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, submissions: Path) -> dict[str, bytes]:
    """200 submissions (the bundled ones in four encodings, repeated): name → bytes."""
    sources = sorted(p for p in submissions.iterdir() if p.suffix in (".txt", ".md"))
    variants = [(p, v) for p in sources for v in _variants(p.read_bytes())]
    return {
        f"{k:03d}-{p.stem}-{k % 4}{p.suffix}": data
        for k, (p, data) in enumerate((variants * (COPIES // len(variants) + 1))[:COPIES])
    }


def _lay_out(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _fix_command(folder: Path, cli_env) -> list[str]:
    """`python -m briefcheck check --fix [--jobs 1] -q FOLDER`."""
    helped = subprocess.run(
        [sys.executable, "-m", "briefcheck", "check", "--help"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=True,
    )
    jobs = ["--jobs", "1"] if "--jobs" in helped.stdout else []
    return [sys.executable, "-m", "briefcheck", "check", "--fix", *jobs, "-q", str(folder)]


@pytest.fixture(scope="module")
def fixed(
    corpus: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory, cli_env
) -> tuple[dict[str, bytes], float]:
    """Every submission after one complete --fix run, and how long that run took."""
    folder = _lay_out(tmp_path_factory.mktemp("reference") / "subs", corpus)
    start = time.monotonic()
    done = subprocess.run(
        _fix_command(folder, cli_env), capture_output=True, env=cli_env(), timeout=300
    )
    took = time.monotonic() - start
    assert done.returncode in (0, 1), done.stderr.decode()
    out = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(out) == set(corpus), "a complete --fix run left or lost files"
    changed = sum(out[n] != corpus[n] for n in corpus)
    assert changed > COPIES // 2, f"only {changed} of {COPIES} files have fixes: a weak test"
    return out, took


def _leftovers(folder: Path, fixed: dict[str, bytes]) -> list[str]:
    """The hidden temp files in a folder, each checked to be a recognisable, partial fix."""
    left = []
    for path in folder.iterdir():
        if path.name in fixed:
            continue
        m = TEMP.fullmatch(path.name)
        assert m is not None, f"unexpected file {path.name!r} after the kill"
        assert m.group("name") in fixed, f"temp file {path.name!r} names no submission"
        assert fixed[m.group("name")].startswith(path.read_bytes()), f"{path.name}: not a fix"
        left.append(path.name)
    return left


def test_kill_during_fix_leaves_every_file_whole(
    corpus: dict[str, bytes], fixed: tuple[dict[str, bytes], float], tmp_path: Path, cli_env
) -> None:
    reference, took = fixed
    rng = random.Random(SEED)
    # From the start-up to most of a full run: kills before, during and after the writing.
    late = sorted(rng.uniform(1.0, max(1.5, 0.8 * took)) for _ in "ab")
    delays = [0.05, 0.3, 0.6, 1.0, *late]
    report = []
    for trial, delay in enumerate(delays):
        folder = _lay_out(tmp_path / f"trial{trial}", corpus)
        proc = subprocess.Popen(
            _fix_command(folder, cli_env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=cli_env(),
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        names = {p.name for p in folder.iterdir()}
        assert set(corpus) <= names, f"delay {delay:.2f}s: a submission disappeared"
        done = 0
        for name, original in corpus.items():
            now = (folder / name).read_bytes()
            assert now in (original, reference[name]), f"delay {delay:.2f}s: {name} is corrupt"
            done += now != original
        left = _leftovers(folder, reference)
        # Hidden leftovers are never taken for submissions by a later run.
        assert {Path(p).name for _, p in expand_targets([str(folder)])} == set(corpus)
        report.append(f"{delay:.2f}s: rc {proc.returncode}, {done} fixed, {len(left)} temp left")
    print("\n".join(report))
    # A second, complete --fix run finishes the job of an interrupted one.
    subprocess.run(_fix_command(folder, cli_env), capture_output=True, env=cli_env(), timeout=300)
    assert {n: (folder / n).read_bytes() for n in corpus} == reference


def test_a_kill_inside_write_atomic_leaves_only_a_hidden_temp_file(tmp_path: Path, cli_env) -> None:
    """SIGKILL after the temp file is written and before the rename (fsync made to hang): the
    submission is untouched and the leftover is a hidden `.NAME.xxxxxxxx.briefcheck-tmp` with the
    new bytes; the next write of the file removes it once it is old, not while it is young."""
    target = tmp_path / "draft.txt"
    target.write_bytes(b"By Jane Doe\nthe the\n")
    child = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from briefcheck.fixes import write_atomic\n"
        "os.fsync = lambda fd: time.sleep(600)\n"
        "write_atomic(Path(sys.argv[1]), b'By Jane Doe\\nthe\\n')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", child, str(target)], env=cli_env())
    try:
        deadline = time.monotonic() + 60
        while not [p for p in tmp_path.iterdir() if p.name.startswith(".draft.txt.")]:
            assert proc.poll() is None and time.monotonic() < deadline, "no temp file appeared"
            time.sleep(0.01)
        time.sleep(0.1)  # the write itself is done before the (hanging) fsync
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    assert target.read_bytes() == b"By Jane Doe\nthe the\n"
    [temp] = [p for p in tmp_path.iterdir() if p != target]
    assert TEMP.fullmatch(temp.name) and temp.name.startswith(".draft.txt.")
    assert temp.read_bytes() == b"By Jane Doe\nthe\n"
    assert [Path(p).name for _, p in expand_targets([str(tmp_path)])] == ["draft.txt"]
    other = tmp_path / ".other.txt.abcd1234.briefcheck-tmp"  # another file's: not touched
    other.write_bytes(b"x")
    write_atomic(target, b"By Jane Doe\nthe the\n")  # a write while the leftover is young
    assert temp.exists()
    old = time.time() - LEFTOVER_AGE - 5
    for path in (temp, other):
        os.utime(path, (old, old))
    write_atomic(target, b"By Jane Doe\nthe\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "draft.txt"]
    assert target.read_bytes() == b"By Jane Doe\nthe\n"


def test_the_reference_fix_is_deterministic(
    corpus: dict[str, bytes], fixed: tuple[dict[str, bytes], float], tmp_path: Path, cli_env
) -> None:
    """The comparison above is only sound if --fix gives the same bytes every time."""
    reference, _ = fixed
    every = 4 * len({re.sub(r"^\d{3}-|-\d$", "", Path(n).stem) for n in corpus})
    sample = dict(list(corpus.items())[:every])  # every submission in every encoding once
    folder = _lay_out(tmp_path / "again", sample)
    subprocess.run(_fix_command(folder, cli_env), capture_output=True, env=cli_env(), timeout=300)
    assert {n: (folder / n).read_bytes() for n in sample} == {n: reference[n] for n in sample}


def test_copies_cover_every_submission(corpus: dict[str, bytes], submissions: Path) -> None:
    stems = {re.sub(r"^\d{3}-|-\d$", "", Path(n).stem) for n in corpus}
    assert stems == {p.stem for p in submissions.iterdir() if p.suffix in (".txt", ".md")}
    assert len(corpus) == COPIES
