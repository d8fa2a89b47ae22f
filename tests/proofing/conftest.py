"""Fixtures of the proofreading tests: a fake LanguageTool server on 127.0.0.1, and `run_cli`
with a result cache of this session only (results are computed, never read from a cache that
another run filled, and nothing is written into the repository)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _load_fake():
    """tests/proofing/fake_languagetool.py as a module (tests are not a package here)."""
    name = "briefcheck_tests_fake_languagetool"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).with_name("fake_languagetool.py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fake_languagetool = _load_fake()


@pytest.fixture(name="fake_languagetool_module", scope="session")
def fake_languagetool_module_fixture():
    """The fake server's module (TABLE, matches_for, utf16_len, FakeLanguageTool)."""
    return fake_languagetool


@pytest.fixture
def languagetool() -> Iterator[fake_languagetool.FakeLanguageTool]:
    """A fresh fake LanguageTool server for one test, stopped afterwards."""
    server = fake_languagetool.FakeLanguageTool().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="run_cli", scope="session")
def run_cli_fixture(run_cli, tmp_path_factory):
    """The suite's `run_cli`, with BRIEFCHECK_CACHE_DIR in a folder of this session."""
    cache = tmp_path_factory.mktemp("briefcheck-cache")

    def run(*args, env=None, **kw):
        return run_cli(*args, env={"BRIEFCHECK_CACHE_DIR": str(cache), **(env or {})}, **kw)

    return run
