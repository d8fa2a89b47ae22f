"""Spelling and grammar engines behind one small interface.

An engine checks paragraphs of prose and returns issues with character offsets into each
paragraph. `get_engine` builds the configured engine once per process and caches its results
per paragraph, so the `spelling` and `grammar` rules share one pass. The house vocabulary is
applied by the rule kind (rules/proofing.py), not here.
"""

from __future__ import annotations

import importlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

Category = Literal["spelling", "grammar"]

# name → "module:class"; a class is built with (settings, extra_words)
ENGINES: dict[str, str] = {
    "harper": "briefcheck.proofing.harper:HarperEngine",
    "languagetool": "briefcheck.proofing.languagetool:LanguageToolEngine",
}
OFFLINE = "harper"  # the embedded engine: works after `pip install`, no Java, no download
# @handles, e-mail and web addresses are not prose (a regex for Python and for Harper's Rust)
ADDRESSES = r"\S*@\S*|https?://\S+|www\.\S+"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem an engine found: a span of the paragraph, its kind and the engine's words."""

    start: int
    end: int
    category: Category
    rule: str  # the engine's own rule id (e.g. LanguageTool's MORFOLOGIK_RULE_EN_US)
    message: str
    suggestions: tuple[str, ...] = ()
    source: str = ""  # the checker that found it, when not the engine itself (a word list)


@dataclass(frozen=True)
class Settings:
    """Which engine and how: `auto` is LanguageTool when a server URL is given, else offline."""

    engine: str = "auto"
    languagetool_url: str | None = None
    language: str = "en-US"
    timeout: float = 20.0

    @property
    def resolved(self) -> str:
        """The engine that `auto` stands for."""
        if self.engine != "auto":
            return self.engine
        return "languagetool" if self.languagetool_url else OFFLINE


class EngineUnavailable(Exception):
    """The engine cannot run here (no Java, no download, server down, timeout); says why."""


class Engine(Protocol):
    """What every engine offers."""

    name: str

    def check_many(self, paragraphs: list[str]) -> list[list[Issue]]:
        """Issues in each paragraph (in order), offsets in Python characters; an engine that
        can use several cores checks paragraphs side by side (see `threads`)."""
        ...


class _Cached:
    """An engine with its results kept per paragraph text (spelling and grammar share them)."""

    def __init__(self, engine: Engine, key: tuple, size: int = 4096) -> None:
        self.engine = engine
        self.key = key
        self.name = engine.name
        self._cache: OrderedDict[str, list[Issue]] = OrderedDict()
        self._size = size

    def check_many(self, paragraphs: list[str]) -> list[list[Issue]]:
        """Issues in each paragraph, from the cache when the same text was checked before; the
        engine checks the others in one batch."""
        missing = [p for p in dict.fromkeys(paragraphs) if p not in self._cache]
        if missing:
            try:
                found = self.engine.check_many(missing)
            except EngineUnavailable as exc:  # remembered: the rest of the run reports it
                _ENGINES[self.key] = exc
                raise
            fresh = dict(zip(missing, found, strict=True))
        else:
            fresh = {}
        out = []
        for paragraph in paragraphs:
            issues = fresh.get(paragraph)
            if issues is None:
                issues = self._cache[paragraph]
                self._cache.move_to_end(paragraph)
            out.append(issues)
        for paragraph, issues in fresh.items():
            self._cache[paragraph] = issues
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return out


MAX_THREADS = 4  # an engine's threads in one process (each holds an engine of its own)
_THREADS: list[int] = []  # set by the run: its jobs, or a worker process's share of them


def threads() -> int:
    """How many paragraphs an engine may check at once in this process: as many as the jobs
    of the run (`--jobs`, up to MAX_THREADS), or a worker process's share of them; one per
    core this process may run on when nothing said."""
    if _THREADS:
        return _THREADS[-1]
    from briefcheck.parallel import default_jobs

    return min(MAX_THREADS, default_jobs())


def set_threads(n: int) -> None:
    """Set the engine's threads in this process (the run's jobs, or a worker's share)."""
    _THREADS[:] = [max(1, min(MAX_THREADS, n))]


_ENGINES: dict[tuple[Settings, int | None], _Cached | EngineUnavailable] = {}
SERVER = "languagetool"  # the engine that is a server: one client (and local server) per run


def settings_used(rulesets: Iterable) -> set[Settings]:
    """The engine settings these rule sets proofread with (none when proofreading is off).

    Files checked through LanguageTool stay in one process (briefcheck.engine.check_paths): the
    server does the work, and worker processes would each open a client of their own (and
    each start a local server). With the offline engine, worker processes pay off sooner.
    """
    seen: set[int] = set()
    found: set[Settings] = set()
    for ruleset in rulesets:
        if id(ruleset) in seen:
            continue
        seen.add(id(ruleset))
        for rule in ruleset.rules:
            if rule.spec.kind == "proofing" and rule.options.engine != "off":
                found.add(rule.options.settings)
    return found


def get_engine(settings: Settings, words: frozenset[str] = frozenset()) -> _Cached:
    """The engine for these settings, built once per process (a failure is remembered too).

    `words` are added to the engine's dictionary where it has one (the house vocabulary).
    """
    # the server's client is shared whatever the vocabulary (the rules apply it, not the server)
    key = (settings, None if settings.resolved == SERVER else id(words))
    found = _ENGINES.get(key)
    if found is None:
        name = settings.resolved
        if name not in ENGINES:
            raise EngineUnavailable(
                f"unknown proofing engine {name!r} (known: {', '.join(ENGINES)})"
            )
        module, cls = ENGINES[name].split(":")
        try:
            found = _Cached(getattr(importlib.import_module(module), cls)(settings, words), key)
        except EngineUnavailable as exc:
            found = exc
        _ENGINES[key] = found
    if isinstance(found, EngineUnavailable):
        raise found
    return found
