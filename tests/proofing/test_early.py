"""Starting the offline engine early (briefcheck.proofing.early): only when the command line
makes it certain that the run proofreads with Harper in this process, and with the same findings
as the usual start. The time it saves is measured in bench/proofing.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefcheck.parallel import MIN_FILES_PROOFING
from briefcheck.proofing.early import should_start

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "submissions" / "sample-1-avdaliani.txt"
WITH_FINDINGS = REPO / "submissions" / "sample-4-turgunbaeva-ghiasi.txt"  # the engine finds some


def _decide(targets, **changes) -> bool:
    args = dict(
        engine=None,
        languagetool_url=None,
        select=None,
        ignore=[],
        other_pack=False,
        config_file=False,
        isolated=False,
        targets=[str(t) for t in targets],
        jobs=2,
    )
    return should_start(**{**args, **changes})


@pytest.fixture
def article(tmp_path) -> Path:
    folder = tmp_path / "plain"
    folder.mkdir()
    path = folder / "article.txt"
    shutil.copy(SAMPLE, path)
    return path


def test_a_plain_run_on_one_file_starts_it(article) -> None:
    assert _decide([article])
    assert _decide([article], engine="harper")
    assert _decide([article], engine="auto", select=["spelling", "house-typo"])
    assert _decide(["-"])  # standard input, no configuration above the working folder


@pytest.mark.parametrize(
    "changes",
    [
        {"engine": "off"},
        {"engine": "languagetool"},
        {"languagetool_url": "http://localhost:8081"},
        {"select": ["house-typo", "word-count"]},  # no proofreading rule chosen
        {"ignore": ["spelling", "grammar"]},
        {"other_pack": True},  # another pack may have no such rules
        {"config_file": True},  # --config may turn it off
    ],
    ids=lambda c: ",".join(c),
)
def test_what_may_decide_otherwise_leaves_it_to_the_usual_start(article, changes) -> None:
    assert not _decide([article], **changes)


def test_a_configuration_file_above_leaves_it_unless_harper_is_asked_for(article) -> None:
    (article.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert _decide([article])  # a pyproject.toml without [tool.briefcheck] is no configuration
    (article.parent.parent / "briefcheck.yaml").write_text("proofing:\n  engine: off\n")
    assert not _decide([article])
    assert _decide([article], engine="harper")  # the command line wins over the file
    assert _decide([article], isolated=True)  # configuration files ignored


def test_files_for_worker_processes_or_a_folder_leave_it(article) -> None:
    copies = []
    for i in range(MIN_FILES_PROOFING["fork"]):  # the fewest that go to worker processes
        copy = article.parent / f"copy{i}.txt"
        shutil.copy(article, copy)
        copies.append(copy)
    assert not _decide(copies)
    assert _decide(copies[:-1])
    assert _decide(copies, jobs=1)  # one process: no fork
    assert not _decide([article.parent])  # a folder: its files are not counted yet


def _findings(run_cli, *args, cwd) -> list[tuple]:
    done = run_cli("check", "--format", "json", "--proofing", "harper", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    files = json.loads(done.stdout)["files"]
    return [
        (f["path"], x["rule"], x["line"], x["column"], x["message"])
        for f in files
        for x in f["findings"]
    ]


def test_same_findings_with_and_without_the_early_start(run_cli, article) -> None:
    shutil.copy(WITH_FINDINGS, article)
    early = _findings(run_cli, "--no-cache", "article.txt", cwd=article.parent)
    usual = _findings(run_cli, "--no-cache", ".", cwd=article.parent)  # a folder: usual start
    assert [x[1:] for x in early] == [x[1:] for x in usual]
    assert any(x[1] in ("spelling", "grammar") for x in early)


def test_worker_processes_find_what_one_process_finds(run_cli, tmp_path) -> None:
    from briefcheck.parallel import worth_it

    paths = []
    for i in range(MIN_FILES_PROOFING["fork"]):  # the fewest that go to worker processes
        paths.append(tmp_path / f"{i:02d}.txt")
        paths[-1].write_text(
            f"Talks in Round {i}\nBy Jane Doe\nThe envoys did not recieve {i} letters. He go "
            "to Tashkent.\n\nBACKGROUND: Text.\nIMPLICATIONS: Text.\nCONCLUSION: Text.\n"
            "AUTHOR BIO: Jane Doe is an analyst.\n",
            encoding="utf-8",
        )
    size = sum(p.stat().st_size for p in paths)
    assert worth_it(2, len(paths), size, "fork", proofing=True)
    one = _findings(run_cli, "--no-cache", "--jobs", "1", *paths, cwd=tmp_path)
    two = _findings(run_cli, "--no-cache", "--jobs", "2", *paths, cwd=tmp_path)
    assert one == two
    engine = [x for x in one if x[1] in ("spelling", "grammar")]
    assert len(engine) == 2 * len(paths)  # "recieve" and "He go" in every file
