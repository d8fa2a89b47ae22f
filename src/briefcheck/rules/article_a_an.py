"""Kind `article-a-an`: "a" before a consonant sound, "an" before a vowel sound."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from briefcheck.document import Article
from briefcheck.model import Field
from briefcheck.rules.base import Hit, match_case
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"article", "word", "expected"})

# "a"/"an" as a word, then the next word (quotes and brackets before it skipped). The lookbehind
# comes after the first letter (one character longer) so that the search skips to a's; `n?` is
# the same as the alternatives a|an|A|An since only whitespace may follow the article.
_PAIR = re.compile(r"([aA](?<![\w’'\-.][aA])n?)(\s+)[“\"‘'(\[]?([\w][\w.’'\-]*)")
_DIGITS = re.compile(r"\d+")
_HEAD_END = re.compile(r"[-–/’']")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"(]\s*)$")
# Letters whose names start with a vowel sound: "an FBI agent", "an MP", "an NGO".
_VOWEL_LETTERS = set("AEFHILMNORSX")


class Options(_Base):
    """Exceptions to the spelling-based guess (compared in lower case)."""

    a_words: list[str] = Field(default_factory=list, description="vowel letter, consonant sound")
    a_prefixes: list[str] = Field(
        default_factory=list, description="beginnings said with a 'y'/'w'"
    )
    an_prefixes: list[str] = Field(default_factory=list, description="silent 'h' and the like")
    spoken_acronyms: list[str] = Field(default_factory=list, description="acronyms said as words")

    @cached_property
    def sounds(self) -> _Sounds:
        """The exceptions in the form `_expected` reads (one object: its answers are cached)."""
        return _Sounds(
            frozenset(w.lower() for w in self.a_words),
            tuple(w.lower() for w in self.a_prefixes),
            tuple(w.lower() for w in self.an_prefixes),
            frozenset(self.spoken_acronyms),
        )


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each a/an that does not fit the sound of the next word."""
    rules = rule.options.sounds
    text = article.text
    for a, b in article.segments(rule.scope):
        for m in _PAIR.finditer(text, a, b):
            art, word = m.group(1), _bare(m.group(3))
            if art == "A" and not _SENTENCE_START.search(text[a : m.start()]):
                continue  # "Plan A", "Category A": a letter, not the article
            want = _expected(word, rules)
            if want is None or want == art.lower():
                continue
            fix = match_case(art, want)
            yield Hit(m.start(1), m.end(1), {"article": art, "word": word, "expected": fix}, fix)


def _bare(word: str) -> str:
    """The word without closing punctuation; an abbreviation keeps its dots ("U.S.")."""
    stripped = word.rstrip("’'-")
    return stripped if "." in stripped.rstrip(".") else stripped.rstrip(".")


@dataclass(frozen=True)
class _Sounds:
    a_words: frozenset[str]
    a_prefixes: tuple[str, ...]
    an_prefixes: tuple[str, ...]
    spoken: frozenset[str]


@lru_cache(maxsize=4096)  # the same few hundred words come back article after article
def _expected(word: str, rules: _Sounds) -> str | None:
    """'a' or 'an' for the word, or None when the sound cannot be told from the spelling."""
    if not word:
        return None
    if word[0].isdigit():
        digits = _DIGITS.match(word.replace(",", "")).group()
        eleven = digits[:2] in ("11", "18") and len(digits) in (2, 4, 5)
        return "an" if digits.startswith("8") or eleven else "a"
    head = _HEAD_END.split(word, maxsplit=1)[0]
    letters = head.replace(".", "")
    if _read_as_letters(head, letters, word) and head not in rules.spoken:
        return "an" if letters[0].upper() in _VOWEL_LETTERS else "a"
    lower = word.lower()
    if len(word) == 1:
        return None
    if (
        lower in rules.a_words
        or head.lower() in rules.a_words
        or lower.startswith(rules.a_prefixes)
    ):
        return "a"
    if lower.startswith(rules.an_prefixes):
        return "an"
    return "an" if lower[0] in "aeiou" else "a"


def _read_as_letters(head: str, letters: str, word: str) -> bool:
    """Acronyms (NGO, U.S., MoU) and single letters before a hyphen or digit (F-16, S-400)."""
    if not letters.isalpha() or not letters[0].isupper():
        return False
    if len(letters) == 1:
        return len(word) > 1 and not word[1].isalpha()
    if letters.isupper():
        return True
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and not letters.startswith(("Mc", "Mac")) and len(letters) <= 5
