"""The embedded offline engine: Harper (a Rust grammar and spelling checker) through harper-py."""

from __future__ import annotations

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


class HarperEngine:
    """Harper's linter, built once (building the dictionary is the expensive step)."""

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
        self._linter = harper.Linter(dialect=getattr(harper.Dialect, dialect))
        config = self._linter.get_lint_config()
        self._linter.set_lint_config({**config, **{k: False for k in _OFF if k in config}})
        if words:
            self._linter.import_words(sorted(words))

    def check(self, paragraph: str) -> list[Issue]:
        """Harper's lints on one paragraph (spans are code point indices, as Python's)."""
        out = []
        for lint in self._linter.lint(paragraph, language="plaintext", regex_mask=_MASK):
            kind = lint.lint_kind
            category = "spelling" if kind == "Spelling" else "grammar"
            suggestions = tuple(
                s.replacement_text for s in lint.suggestions if getattr(s, "replacement_text", "")
            )
            out.append(
                Issue(lint.span.start, lint.span.end, category, kind, lint.message, suggestions)
            )
        return out
