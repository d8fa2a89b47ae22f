"""briefcheck as a pre-commit hook, end to end with the real `pre-commit` tool.

Each test makes a throw-away git repository and lets pre-commit use this checkout as the hook
provider (`.pre-commit-hooks.yaml`):

- `pre-commit try-repo <checkout> <hook> --files …`: what a user does to try a hook, for
  `briefcheck` and `briefcheck-fix` (`briefcheck check --fix`). For a local path, try-repo uses
  the checkout's HEAD plus its staged and modified tracked files (a "shadow" clone); untracked
  files, such as a new module not yet `git add`-ed, are not included.
- `pre-commit install` with `repo: <checkout>` and `rev: <its HEAD sha>`, then `git commit`:
  the real commit path. It runs the last *committed* briefcheck of the checkout.

Building a hook environment pip-installs briefcheck and its dependencies from the package index
(the network is needed; pip's cache is reused): from ~5 s with a warm cache to a minute.
`PRE_COMMIT_HOME` is shared by the tests of a session, so the commit tests build it once;
try-repo always builds in a fresh store of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BAD = REPO / "submissions" / "sample-1-avdaliani.txt"  # a word-count and an a/an error
GOOD = REPO / "submissions" / "crafted-clean.txt"  # no finding
BAD_FINDINGS = (
    "error word-count body is 1,124 words; the minimum is 1,200",
    "error article-a-an 'a understanding'",
)
HOOK_ID = "briefcheck"
FIX_HOOK_ID = "briefcheck-fix"  # `briefcheck check --fix`
TIMEOUT = 900  # seconds; a hook environment is built from the package index


def _find_pre_commit() -> str | None:
    """The `pre-commit` executable: next to this Python (an unactivated venv) or on PATH."""
    name = "pre-commit.exe" if os.name == "nt" else "pre-commit"
    beside = Path(sysconfig.get_path("scripts")) / name
    return str(beside) if beside.is_file() else shutil.which("pre-commit")


PRE_COMMIT = _find_pre_commit()

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None,
    reason="the `pre-commit` executable is not installed (pip install pre-commit)",
)


def _base_env() -> dict[str, str]:
    """The environment without the developer's git, Python and pre-commit settings."""
    dropped = ("GIT_", "PYTHON", "VIRTUAL_ENV", "PRE_COMMIT")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped) and k != "SKIP"}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.invalid",
        GIT_COMMITTER_NAME="Test Committer",
        GIT_COMMITTER_EMAIL="committer@example.invalid",
        GIT_TERMINAL_PROMPT="0",
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
    )
    return env


def _run(
    cmd: list[str | Path], cwd: Path, env: dict[str, str], ok: tuple[int, ...] | None = (0,)
) -> subprocess.CompletedProcess[str]:
    """Run `cmd`; stdout and stderr merged into `.stdout`. `ok=None` accepts any exit code."""
    done = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        check=False,
    )
    if ok is not None:
        assert done.returncode in ok, (
            f"{' '.join(map(str, cmd))} exited {done.returncode}\n{done.stdout[-4000:]}"
        )
    return done


def _git(*args: str | Path, cwd: Path, env: dict[str, str], ok=(0,)) -> str:
    return _run(["git", *args], cwd=cwd, env=env, ok=ok).stdout.strip()


@pytest.fixture(scope="session")
def checkout() -> Path:
    """This checkout, as a hook repository pre-commit can use."""
    env = _base_env()
    probe = _run(["git", "rev-parse", "--show-toplevel"], cwd=REPO, env=env, ok=None)
    if probe.returncode != 0 or Path(probe.stdout.strip()).resolve() != REPO:
        pytest.skip(f"{REPO} is not a git checkout (an unpacked sdist?): pre-commit needs one")
    return REPO


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the session: a hook environment is built once per rev."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def env(pre_commit_home: Path) -> dict[str, str]:
    return {**_base_env(), "PRE_COMMIT_HOME": str(pre_commit_home)}


@pytest.fixture
def work(tmp_path: Path, env: dict[str, str]) -> Path:
    """A throw-away git repository with its own identity and no hooks path."""
    work = tmp_path / "work"
    work.mkdir()
    _git("init", "--quiet", cwd=work, env=env)
    _git("config", "user.name", "Test Author", cwd=work, env=env)
    _git("config", "user.email", "author@example.invalid", cwd=work, env=env)
    _git("config", "commit.gpgsign", "false", cwd=work, env=env)
    # `pre-commit install` refuses to work when core.hooksPath is set (5: it was not set).
    _git("config", "--unset-all", "core.hooksPath", cwd=work, env=env, ok=(0, 5))
    return work


def _try_repo(
    checkout: Path, work: Path, env: dict[str, str], *names: str, hook: str = HOOK_ID
) -> tuple[int, str]:
    """Stage the submissions `names` in `work`, run `pre-commit try-repo <checkout> <hook>` on
    them."""
    tracked = _run(
        ["git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"],
        cwd=checkout,
        env=env,
        ok=None,
    )
    assert tracked.returncode == 0, (
        "try-repo copies only committed, staged and modified tracked files of a local "
        "repository: `git add .pre-commit-hooks.yaml` in the checkout"
    )
    for name in names:
        shutil.copyfile(REPO / "submissions" / name, work / name)
        # Staged, as in a commit: pre-commit sees a hook's changes to a file only in tracked files.
        _git("add", name, cwd=work, env=env)
    done = _run(
        [PRE_COMMIT, "try-repo", "--color", "never", checkout, hook, "--files", *names],
        cwd=work,
        env=env,
        ok=None,
    )
    return done.returncode, done.stdout


def test_try_repo_fails_a_submission_with_findings(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    code, out = _try_repo(checkout, work, env, BAD.name)
    assert code == 1, f"try-repo exited {code}, expected 1\n{out[-4000:]}"
    assert "Failed" in out, out[-4000:]
    assert f"- hook id: {HOOK_ID}" in out, out[-4000:]
    assert "- exit code: 1" in out, out[-4000:]
    for finding in BAD_FINDINGS:
        assert f"{BAD.name}:" in out and finding in out, f"{finding!r} not in:\n{out[-4000:]}"


def test_try_repo_checks_several_files_in_one_run(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    """`require_serial`: one briefcheck run for all the files (it spreads them over the cores
    itself and builds the proofreading engine once), so one report and one summary line."""
    # pre-commit splits a list of over four files into one run per core unless told not to
    names = sorted(p.name for p in (REPO / "submissions").glob("*.txt"))[:8]
    assert len(names) == 8
    code, out = _try_repo(checkout, work, env, *names)
    assert code == 1, f"try-repo exited {code}, expected 1\n{out[-4000:]}"
    summaries = [line for line in out.splitlines() if re.match(r"\d+ files?, \d+ findings", line)]
    assert summaries and len(summaries) == 1, out[-4000:]
    assert summaries[0].startswith(f"{len(names)} files, "), summaries


def test_try_repo_passes_a_clean_submission(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    code, out = _try_repo(checkout, work, env, GOOD.name)
    assert code == 0, f"try-repo exited {code}, expected 0\n{out[-4000:]}"
    assert "Passed" in out, out[-4000:]
    assert "Failed" not in out, out[-4000:]


def test_try_repo_fix_hook_rewrites_the_file_and_fails(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    code, out = _try_repo(checkout, work, env, BAD.name, hook=FIX_HOOK_ID)
    assert code == 1, f"try-repo exited {code}, expected 1\n{out[-4000:]}"
    assert f"- hook id: {FIX_HOOK_ID}" in out, out[-4000:]
    # pre-commit fails a hook that changed a file, whatever its exit code.
    assert "- files were modified by this hook" in out, out[-4000:]
    fixed = (work / BAD.name).read_text(encoding="utf-8")
    assert "evolved into an understanding" in fixed
    assert "a understanding" not in fixed
    # What --fix cannot fix is still reported; the fixed slip is not.
    assert BAD_FINDINGS[0] in out, out[-4000:]
    assert BAD_FINDINGS[1] not in out, out[-4000:]


def test_try_repo_fix_hook_leaves_a_clean_submission_alone(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    code, out = _try_repo(checkout, work, env, GOOD.name, hook=FIX_HOOK_ID)
    assert code == 0, f"try-repo exited {code}, expected 0\n{out[-4000:]}"
    assert "Passed" in out, out[-4000:]
    assert (work / GOOD.name).read_bytes() == GOOD.read_bytes()


def _install(checkout: Path, work: Path, env: dict[str, str]) -> str:
    """Point `work` at the checkout's HEAD as hook repo and install the git hook; the sha."""
    head = _git("-C", checkout, "rev-parse", "HEAD", cwd=work, env=env)
    manifest = _run(
        ["git", "cat-file", "-e", f"{head}:.pre-commit-hooks.yaml"], cwd=checkout, env=env, ok=None
    )
    assert manifest.returncode == 0, (
        f"HEAD {head[:12]} of the checkout has no .pre-commit-hooks.yaml: the commit path runs "
        "the hook from the last commit, so commit it first"
    )
    config = {"repos": [{"repo": str(checkout), "rev": head, "hooks": [{"id": HOOK_ID}]}]}
    # JSON is YAML, and it quotes any path safely.
    (work / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    _git("add", ".pre-commit-config.yaml", cwd=work, env=env)
    _run([PRE_COMMIT, "install"], cwd=work, env=env)
    assert (work / ".git" / "hooks" / "pre-commit").is_file()
    return head


def test_commit_of_a_submission_with_findings_is_refused(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    _install(checkout, work, env)
    shutil.copyfile(BAD, work / BAD.name)
    _git("add", BAD.name, cwd=work, env=env)
    done = _run(["git", "commit", "-m", "bad submission"], cwd=work, env=env, ok=None)
    out = done.stdout
    assert done.returncode != 0, f"the commit was accepted\n{out[-4000:]}"
    assert "Failed" in out, out[-4000:]
    for finding in BAD_FINDINGS:
        assert f"{BAD.name}:" in out and finding in out, f"{finding!r} not in:\n{out[-4000:]}"
    # Nothing was committed.
    assert _run(["git", "rev-parse", "--verify", "HEAD"], cwd=work, env=env, ok=None).returncode


def test_commit_of_a_clean_submission_succeeds(
    checkout: Path, work: Path, env: dict[str, str]
) -> None:
    _install(checkout, work, env)
    shutil.copyfile(GOOD, work / GOOD.name)
    _git("add", GOOD.name, cwd=work, env=env)
    done = _run(["git", "commit", "-m", "clean submission"], cwd=work, env=env, ok=None)
    out = done.stdout
    assert done.returncode == 0, f"the commit was refused\n{out[-4000:]}"
    assert "Passed" in out, out[-4000:]
    assert GOOD.name in _git("ls-files", cwd=work, env=env).splitlines()
