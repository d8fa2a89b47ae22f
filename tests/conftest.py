"""Shared helpers for the end-to-end tests: run the real command line as a subprocess."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = REPO / "submissions"
SRC = REPO / "src"
CLI = (sys.executable, "-m", "briefcheck")

RunCli = Callable[..., "subprocess.CompletedProcess[str]"]


@functools.cache
def _installed() -> bool:
    """Whether `briefcheck` imports without help (an installed wheel or editable install)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('briefcheck') is None)"
    # Run from a neutral folder: `python -m` puts the working directory on sys.path.
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=SRC.anchor, check=False)
    return done.returncode == 0


def cli_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a CLI run: src on PYTHONPATH only if needed, no NO_COLOR, UTF-8 I/O."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if not _installed():
        env["PYTHONPATH"] = os.pathsep.join(x for x in (str(SRC), env.get("PYTHONPATH")) if x)
    env["PYTHONIOENCODING"] = "utf-8"
    # The house-rule tests pin exact findings; the proofreading engine's own findings are
    # pinned in tests/proofing/, which turn it back on.
    env.setdefault("BRIEFCHECK_PROOFING", "off")
    env.update(extra or {})
    return env


def run_cli(
    *args: str | os.PathLike[str],
    input: bytes | None = None,
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m briefcheck ARGS…` (from the repo root unless `cwd`); stdout/stderr as str.

    `input` is fed to standard input as bytes (stdin is empty otherwise); the output is decoded
    strictly as UTF-8, so a wrongly encoded byte in the output fails the test. `env` adds or
    overrides environment variables.
    """
    done = subprocess.run(
        [*CLI, *map(str, args)],
        input=b"" if input is None else input,
        capture_output=True,
        cwd=REPO if cwd is None else cwd,
        env=cli_env(env),
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


@pytest.fixture(name="run_cli", scope="session")
def run_cli_fixture() -> RunCli:
    """The `run_cli` helper as a fixture (conftest modules are not importable by tests)."""
    return run_cli


@pytest.fixture(name="cli_env", scope="session")
def cli_env_fixture() -> Callable[..., dict[str, str]]:
    """The `cli_env` helper as a fixture, for tests that start the CLI themselves (on a pty)."""
    return cli_env


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root (REPO)."""
    return REPO


@pytest.fixture(scope="session")
def submissions() -> Path:
    """The `submissions/` folder (SUBMISSIONS)."""
    return SUBMISSIONS
