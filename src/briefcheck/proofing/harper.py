"""The embedded offline engine: Harper (a Rust grammar checker) through harper-py for grammar,
and a word list (proofing/dictionary.py) for spelling.

Harper's dictionary takes about 0.6 s to build; harper-py releases the GIL meanwhile, so it is
built in a background thread while the word list loads. Harper's own spelling lint stays off for
American English: it costs about a second before its first finding and 15 ms for each unknown
word (docs/proofing.md). For the other dialects the word list would not fit, and Harper spells.
"""

from __future__ import annotations

import threading

from briefcheck.proofing import EngineUnavailable, Issue, Settings

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
# @handles, e-mail and web addresses are not prose
_MASK = r"\S*@\S*|https?://\S+|www\.\S+"
_DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN"}
WORD_LIST_DIALECT = "en-US"  # the word list's spelling


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
        self._linter = None
        self._failed: BaseException | None = None
        self._built = threading.Thread(
            target=self._build,
            args=(harper, getattr(harper.Dialect, dialect), own_spelling, words),
            name="briefcheck-harper",
            daemon=True,
        )
        self._built.start()
        self._dictionary = None
        if not own_spelling:
            from briefcheck.proofing.dictionary import Dictionary

            try:
                self._dictionary = Dictionary(words)
            except ImportError as exc:  # pragma: no cover - pyspellchecker is a dependency
                raise EngineUnavailable(f"pyspellchecker is not installed ({exc})") from None

    def _build(self, harper, dialect, own_spelling: bool, words: frozenset[str]) -> None:
        try:
            linter = harper.Linter(dialect=dialect)
            config = linter.get_lint_config()
            off = {k: False for k in _OFF if k in config}
            if not own_spelling:
                off["SpellCheck"] = False
            linter.set_lint_config({**config, **off})
            if own_spelling and words:
                linter.import_words(sorted(words))
            self._linter = linter
        except BaseException as exc:  # reported by the first check
            self._failed = exc

    def check(self, paragraph: str) -> list[Issue]:
        """The word list's unknown words and Harper's lints on one paragraph (spans are code
        point indices, as Python's)."""
        out = self._dictionary.check(paragraph) if self._dictionary is not None else []
        self._built.join()
        if self._linter is None:
            raise EngineUnavailable(f"harper could not start ({self._failed})")
        spelled = []  # Harper's own spelling lints (a known misspelling, say) win on their span
        for lint in self._linter.lint(paragraph, language="plaintext", regex_mask=_MASK):
            kind = lint.lint_kind
            category = "spelling" if kind == "Spelling" else "grammar"
            suggestions = tuple(
                s.replacement_text for s in lint.suggestions if getattr(s, "replacement_text", "")
            )
            issue = Issue(lint.span.start, lint.span.end, category, kind, lint.message, suggestions)
            out.append(issue)
            if category == "spelling":
                spelled.append(issue)
        if spelled and self._dictionary is not None:
            out = [
                i
                for i in out
                if not i.source or not any(s.start < i.end and i.start < s.end for s in spelled)
            ]
        return sorted(out, key=lambda i: (i.start, i.end))
