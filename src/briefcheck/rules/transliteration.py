"""Kind `transliteration`: one spelling per name, the house form from the vocabulary (§4, §6)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefcheck.document import Article
from briefcheck.model import ConfigDict, Field, Model
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base
from briefcheck.vocabulary import Vocabulary

FIXABLE = True
PARAMS = frozenset({"variant", "preferred"})

# Whole words: no letter or digit touches either end, nor an apostrophe inside a word; a
# possessive "'s" and a hyphen may ("Tokaev's", "Kiev-based"). The check before the word comes
# after its first letter (".") so that the regex starts with a letter and is searched fast.
_BEFORE = r"(?<!\w.)(?<!\w['’].)"
_AFTER = r"(?!\w)(?!['’](?!s\b)\w)"


class Extra(Model):
    """A house form and its variants, added to the vocabulary's for this rule."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    variants: list[str] = Field(min_length=1)


class Options(_Base):
    """Variants beyond the pack's vocabulary, and variants left to another rule."""

    extra: list[Extra] = Field(default_factory=list)
    ignore: list[str] = Field(
        default_factory=list, description="variants not flagged here (another rule corrects them)"
    )


class Matcher:
    """One regex for every variant (a trie: each position tried once) and variant → house form."""

    def __init__(self, preferred: dict[str, str]) -> None:
        self.preferred = _with_spellings(preferred)
        self.regex = re.compile(_trie(self.preferred, _BEFORE) + _AFTER) if preferred else None


_MEMO = "_matcher"  # where options keep their matcher: (vocabulary, what it read, matcher)


def matcher(vocabulary: Vocabulary | None, options: Options) -> Matcher:
    """The matcher for a vocabulary and a rule's options, built once and kept on the options
    (so a pack snapshot carries it); built again for another vocabulary or other options."""
    read = (tuple((e.name, tuple(e.variants)) for e in options.extra), tuple(options.ignore))
    kept = options.__dict__.get(_MEMO)
    if kept is not None and kept[0] is vocabulary and kept[1] == read:
        return kept[2]
    preferred = dict(vocabulary.preferred) if vocabulary is not None else {}
    preferred.update({v: e.name for e in options.extra for v in e.variants})
    skip = set(options.ignore)
    found = Matcher({v: p for v, p in preferred.items() if v != p and v not in skip})
    options.__dict__[_MEMO] = (vocabulary, read, found)  # frozen: a cache, not a field
    return found


def prepare(rule) -> None:
    """Build the matcher now (for a pack snapshot)."""
    matcher(rule.vocabulary.get() if rule.vocabulary is not None else None, rule.options)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each variant spelling in the rule's scope with its house form as the fix."""
    vocabulary = rule.vocabulary.get() if rule.vocabulary is not None else None
    found = matcher(vocabulary, rule.options)
    if found.regex is None:
        return
    for a, b in article.segments(rule.scope):
        for m in found.regex.finditer(article.text, a, b):
            right = found.preferred[m.group()]
            yield Hit(m.start(), m.end(), {"variant": m.group(), "preferred": right}, right)


def _with_spellings(preferred: dict[str, str]) -> dict[str, str]:
    """Add the curly-apostrophe spelling of a variant, and a capitalized lower-case variant."""
    out = dict(preferred)
    for variant, right in preferred.items():
        if "'" in variant:
            out.setdefault(variant.replace("'", "’"), right.replace("'", "’"))
        if variant[:1].islower():
            out.setdefault(variant[:1].upper() + variant[1:], right[:1].upper() + right[1:])
    return out


def _trie(words: dict[str, str] | list[str], after_first: str = "") -> str:
    """A regex matching exactly the words, one character at a time, longest first.

    `after_first` goes right after each word's first character (a lookbehind, for speed).
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = [
        re.escape(ch) + after_first + _node_regex(child) for ch, child in sorted(root.items())
    ]
    return f"(?:{'|'.join(branches)})"


def _node_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if ends:  # a word ends here but longer ones go on: try the longer ones first (greedy ?)
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
