"""Rule kinds: one module per kind, each an options model plus a pure `check` function.

`KINDS` maps a kind name (as written in a rule file's `kind:`) to its module path; the module
is imported on first use so that start-up only pays for the kinds a pack uses.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "anatomy": "briefcheck.rules.anatomy",
    "word-limit": "briefcheck.rules.word_limit",
    "substitution": "briefcheck.rules.substitution",
    "pattern": "briefcheck.rules.pattern",
    "article-a-an": "briefcheck.rules.article_a_an",
    "repeated-word": "briefcheck.rules.repeated_word",
    "quotes": "briefcheck.rules.quotes",
    "encoding": "briefcheck.rules.encoding",
    "review-state": "briefcheck.rules.review_state",
    "proofing": "briefcheck.rules.proofing",
    "proofing-status": "briefcheck.rules.proofing_status",
    "suppression": "briefcheck.rules.suppression",
    "rule-timeout": "briefcheck.rules.rule_timeout",
    "consistency": "briefcheck.rules.consistency",
    "transliteration": "briefcheck.rules.transliteration",
    "acronym": "briefcheck.rules.acronym",
}


def kind_module(kind: str) -> ModuleType:
    """The module implementing a rule kind (KeyError for an unknown kind)."""
    return importlib.import_module(KINDS[kind])
