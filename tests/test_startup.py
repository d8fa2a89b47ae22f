"""What a one-article check does not import (start-up is most of its time: docs/performance.md).

The usual run, a new article with the pack's snapshot in the cache, must not pay for what only
other runs need: pydantic and YAML (loading a pack from its files), TOML (a pyproject.toml),
the other formats' readers, worker processes, tempfile. Each test runs the real command line
(`briefcheck.cli.main` with the arguments of `briefcheck check FILE`, in a fresh interpreter)
and lists the modules loaded at its exit. (Python's import log, -X importtime, would not do:
it leaves out modules loaded with importlib.import_module, as the readers are.)
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOT_FOR_ONE_ARTICLE = (
    "pydantic",
    "pydantic_core",
    "yaml",
    "tomllib",
    "tempfile",
    "zipfile",
    "concurrent.futures.process",
    "importlib.metadata",
    "briefcheck.readers.markdown",
    "briefcheck.readers.docx",
    "briefcheck.fixes",
)


# The command line, and the modules loaded when it ends (its exit handlers run before it exits
# without tearing down: cli._finish).
PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["briefcheck", "check", sys.argv[1]]
from briefcheck.cli import main
main()
"""


def _imported(cli_env, folder: Path, name: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, name],
        cwd=folder,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-500:]
    assert "words" in done.stdout
    last = done.stderr.splitlines()[-1]
    assert last.startswith("MODULES ")
    return set(last.split()[1:])


def _new_article(path: Path) -> None:
    """Change the article, so the result cache does not answer for it."""
    with path.open("a", encoding="utf-8") as f:
        f.write("\nA new line, so a new article for the result cache.\n")


@pytest.fixture(name="article")
def article_fixture(submissions: Path, tmp_path: Path) -> Path:
    article = tmp_path / "article.txt"
    shutil.copy(submissions / "sample-1-avdaliani.txt", article)
    return article


def test_a_new_article_from_the_pack_snapshot(cli_env, article: Path) -> None:
    first = _imported(cli_env, article.parent, article.name)
    assert {"pydantic", "yaml"} <= first  # the pack read from its files, and validated
    _new_article(article)
    second = _imported(cli_env, article.parent, article.name)
    assert "briefcheck.rules.pattern" in second  # the log is read right
    assert sorted(second & set(NOT_FOR_ONE_ARTICLE)) == []


def test_a_markdown_article_imports_its_reader(cli_env, article: Path) -> None:
    markdown = article.with_suffix(".md")
    article.rename(markdown)
    _imported(cli_env, markdown.parent, markdown.name)
    _new_article(markdown)
    again = _imported(cli_env, markdown.parent, markdown.name)
    assert "briefcheck.readers.markdown" in again
    assert "pydantic" not in again and "briefcheck.readers.docx" not in again


def test_a_pyproject_toml_is_read_with_tomllib(cli_env, article: Path) -> None:
    (article.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    _imported(cli_env, article.parent, article.name)
    _new_article(article)
    assert "tomllib" in _imported(cli_env, article.parent, article.name)
