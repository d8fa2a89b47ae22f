"""The embedded offline engine: Harper (a Rust grammar checker) through harper-py for grammar,
and a word list (proofing/dictionary.py) for spelling.

Harper's dictionary takes about 0.6 s to build; harper-py releases the GIL meanwhile, so it is
built in a background thread while the word list loads. Harper's own spelling lint stays off for
American English: it costs about a second before its first finding and 15 ms for each unknown
word (docs/proofing.md). For the other dialects the word list would not fit, and Harper spells.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable

from briefcheck.proofing import ADDRESSES, EngineUnavailable, Issue, Settings, threads

# Off: LongSentences (a lint on a sentence over 40 words hides every other lint inside it, e.g.
# "Uzbekistan'ss"), and house-style preferences that are not errors: Oxford comma, "Türkiye",
# "the Taliban's", hyphenated prefixes, compounds split in two. See docs/proofing.md.
_OFF = (
    "LongSentences",
    "OxfordComma",
    "UpdatePlaceNames",
    "TheProperNounPossessive",
    "DisjointPrefixes",
    "SplitWords",
)
_DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN"}
WORD_LIST_DIALECT = "en-US"  # the word list's spelling


class _Build:
    """Harper's linters for a dialect, built in a background thread: one per thread that will
    lint (`briefcheck.proofing.threads`). The first costs the 0.6 s of Harper's dictionary,
    built once per process; each further one a few milliseconds."""

    def __init__(self, harper, dialect: str, own_spelling: bool, words: frozenset[str]) -> None:
        self.pid = os.getpid()  # a thread does not survive a fork: a child builds its own
        self.linters: list = []
        self.failed: BaseException | None = None
        self.thread = threading.Thread(
            target=self._run,
            args=(harper, getattr(harper.Dialect, dialect), own_spelling, words, threads()),
            name="briefcheck-harper",
            daemon=True,
        )
        self.thread.start()

    def _run(self, harper, dialect, own_spelling: bool, words: frozenset[str], n: int) -> None:
        try:
            linters = []
            for _ in range(n):
                linter = harper.Linter(dialect=dialect)
                config = linter.get_lint_config()
                off = {k: False for k in _OFF if k in config}
                if not own_spelling:
                    off["SpellCheck"] = False
                linter.set_lint_config({**config, **off})
                if own_spelling and words:
                    linter.import_words(sorted(words))
                linters.append(linter)
            self.linters = linters
        except BaseException as exc:  # reported by the first check
            self.failed = exc

    def result(self) -> list:
        """The linters, once built (EngineUnavailable if they could not be)."""
        self.thread.join()
        if not self.linters:
            raise EngineUnavailable(f"harper could not start ({self.failed})")
        return self.linters


_EARLY: dict[str, _Build] = {}  # language → a build started before the rules asked for it


def prebuild(language: str = WORD_LIST_DIALECT) -> None:
    """Start building the linter now, for the first engine of this language to take over
    (briefcheck.proofing.early decides when). Only for the word list's dialect: the others
    need the vocabulary in Harper's dictionary, known only once the pack is loaded."""
    found = _EARLY.get(language)
    if language != WORD_LIST_DIALECT or (found is not None and found.pid == os.getpid()):
        return
    try:
        import harper
    except ImportError:  # the engine says so when it is asked for
        return
    _EARLY[language] = _Build(harper, _DIALECTS[language], False, frozenset())


class HarperEngine:
    """Harper's linter, built once per process in the background, and the word list."""

    name = "harper"

    def __init__(self, settings: Settings, words: frozenset[str]) -> None:
        try:
            import harper
        except ImportError as exc:  # pragma: no cover - harper-py is a dependency
            raise EngineUnavailable(f"harper-py is not installed ({exc})") from None
        dialect = _DIALECTS.get(settings.language)
        if dialect is None:
            known = ", ".join(_DIALECTS)
            raise EngineUnavailable(f"harper has no dialect for {settings.language!r} ({known})")
        own_spelling = settings.language != WORD_LIST_DIALECT
        early = _EARLY.pop(settings.language, None)
        if early is not None and early.pid == os.getpid() and not own_spelling:
            self._build = early
        else:
            self._build = _Build(harper, dialect, own_spelling, words)
        self._dictionary = None
        if not own_spelling:
            from briefcheck.proofing.dictionary import Dictionary

            try:
                self._dictionary = Dictionary(words)
            except ImportError as exc:  # pragma: no cover - pyspellchecker is a dependency
                raise EngineUnavailable(f"pyspellchecker is not installed ({exc})") from None

    def check_many(self, paragraphs: list[str]) -> list[list[Issue]]:
        """The word list's unknown words and Harper's lints in each paragraph (spans are code
        point indices, as Python's). Harper lints paragraphs side by side, one linter per
        thread (it lets Python run meanwhile), while this thread looks words up."""
        lints = _lint_all(self._build.result()[: threads()], paragraphs)
        dictionary = self._dictionary
        unknown = [dictionary.check(p) if dictionary is not None else [] for p in paragraphs]
        out = []
        for issues, found in zip(unknown, lints(), strict=True):
            spelled = [i for i in found if i.category == "spelling"]
            if spelled:  # Harper's own spelling lints (a known misspelling, say) win on their span
                issues = [i for i in issues if not any(_overlap(i, s) for s in spelled)]
            out.append(sorted(issues + found, key=lambda i: (i.start, i.end)))
        return out


def _overlap(a: Issue, b: Issue) -> bool:
    return a.start < b.end and b.start < a.end


def _lint(linter, paragraph: str) -> list[Issue]:
    """Harper's lints on one paragraph, as issues."""
    out = []
    for lint in linter.lint(paragraph, language="plaintext", regex_mask=ADDRESSES):
        kind = lint.lint_kind
        category = "spelling" if kind == "Spelling" else "grammar"
        suggestions = tuple(
            s.replacement_text for s in lint.suggestions if getattr(s, "replacement_text", "")
        )
        out.append(Issue(lint.span.start, lint.span.end, category, kind, lint.message, suggestions))
    return out


def _lint_all(linters: list, paragraphs: list[str]) -> Callable[[], list[list[Issue]]]:
    """Start linting the paragraphs, one thread per linter taking the longest paragraph left;
    the returned call waits for the lints, in paragraph order (a thread's error is raised)."""
    if len(linters) == 1 or len(paragraphs) == 1:
        return lambda: [_lint(linters[0], p) for p in paragraphs]
    found: list[list[Issue] | None] = [None] * len(paragraphs)
    todo = deque(sorted(range(len(paragraphs)), key=lambda i: -len(paragraphs[i])))
    failed: list[BaseException] = []

    def work(linter) -> None:
        try:
            while todo and not failed:
                i = todo.popleft()  # atomic: threads never get the same paragraph
                found[i] = _lint(linter, paragraphs[i])
        except IndexError:  # another thread took the last one
            pass
        except BaseException as exc:
            failed.append(exc)

    workers = [
        threading.Thread(target=work, args=(linter,), name="briefcheck-harper-lint", daemon=True)
        for linter in linters[: len(paragraphs)]
    ]
    for thread in workers:
        thread.start()

    def wait() -> list[list[Issue]]:
        for thread in workers:
            thread.join()
        if failed:
            raise failed[0]
        return found  # type: ignore[return-value]

    return wait
