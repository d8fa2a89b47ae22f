"""The wheel carries the built-in style pack: build, install in a fresh venv, run it elsewhere.

This proves that `briefcheck` works from an installed package alone: the rules are read from
`briefcheck/lint_rules/analyst` inside site-packages, not from the source checkout. The
dependencies are installed from the package index (pip's cache is reused), so the test needs
the network the first time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "lint_rules" / "analyst"
SAMPLE = ROOT / "submissions" / "sample-1-avdaliani.txt"
IN_WHEEL = "briefcheck/lint_rules/analyst"


def _env() -> dict[str, str]:
    """The environment without anything that would point Python at the source checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", NO_COLOR="1")
    return env


def _run(cmd: list[str | Path], cwd: Path, ok: tuple[int, ...] = (0,)) -> str:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in ok, (
        f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
        f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def test_installed_wheel_carries_the_style_pack(tmp_path: Path) -> None:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the 'build' module is not installed (pip install build): cannot build a wheel")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]

    # Build the wheel from the source tree and look inside it.
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], cwd=ROOT)
    (wheel,) = dist.glob("briefcheck-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert f"{IN_WHEEL}/pack.yaml" in names
    rule_files = sorted(PACK.glob("rules/*.yaml"))
    assert rule_files, f"no rule files in {PACK}"
    missing = [p.name for p in rule_files if f"{IN_WHEEL}/rules/{p.name}" not in names]
    assert not missing, f"rule files missing from {wheel.name}: {missing}"

    # A fresh venv, the wheel and its dependencies (from the index, through pip's cache).
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    _run([python, "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp_path
        ).strip()
    )
    briefcheck = shutil.which("briefcheck", path=str(bindir))
    assert briefcheck, f"no briefcheck script in {bindir}"

    # Everything below runs outside the repository.
    work = tmp_path / "work"
    work.mkdir()
    module = Path(
        _run([python, "-c", "import briefcheck; print(briefcheck.__file__)"], cwd=work).strip()
    )
    assert _inside(module, site), f"briefcheck imported from {module}, not from {site}"

    out = _run([briefcheck, "--version"], cwd=work)
    assert "briefcheck" in out and version in out, out

    out = _run([briefcheck, "rules"], cwd=work)
    listed = {line.split()[0] for line in out.splitlines() if line.strip()}
    assert "house-typo" in listed, out
    assert {p.stem for p in rule_files} <= listed, out
    summary = out.strip().splitlines()[-1]
    assert summary.endswith(")") and "(" in summary, summary
    pack_root = Path(summary[summary.rindex("(") + 1 : -1])
    assert _inside(pack_root, site), f"pack root {pack_root} is not inside {site}"
    assert not _inside(pack_root, ROOT), f"pack root {pack_root} is the source checkout"
    assert (pack_root / "pack.yaml").is_file()

    article = work / SAMPLE.name
    shutil.copyfile(SAMPLE, article)
    out = _run([briefcheck, "check", "--format", "json", article.name], cwd=work, ok=(0, 1))
    report = json.loads(out)
    (file_report,) = report["files"]
    assert file_report["path"] == article.name
    (summary_article,) = file_report["articles"]
    assert summary_article["words"] == 1124
    word_count = [f for f in file_report["findings"] if f["rule"] == "word-count"]
    assert word_count, file_report["findings"]
    assert "1,124 words" in word_count[0]["message"]
