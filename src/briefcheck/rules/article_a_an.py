"""Kind `article-a-an`: "a" before a consonant sound, "an" before a vowel sound."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from briefcheck.document import Article
from briefcheck.rules.base import Hit, match_case
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"article", "word", "expected"})

# "a"/"an" as a word, then the next word (quotes and brackets before it skipped).
_PAIR = re.compile(r"(?<![\w’'\-.])(a|an|A|An)(\s+)[“\"‘'(\[]?([\w][\w.’'\-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"(]\s*)$")
# Letters whose names start with a vowel sound: "an FBI agent", "an MP", "an NGO".
_VOWEL_LETTERS = set("AEFHILMNORSX")


class Options(_Base):
    """Exceptions to the spelling-based guess, as lower-case word beginnings."""

    a_before: list[str] = Field(default_factory=list, description="vowel letter, consonant sound")
    an_before: list[str] = Field(default_factory=list, description="consonant letter, vowel sound")
    spoken_acronyms: list[str] = Field(default_factory=list, description="acronyms said as words")


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield each a/an that does not fit the sound of the next word."""
    opts = rule.options
    a_before = tuple(w.lower() for w in opts.a_before)
    an_before = tuple(w.lower() for w in opts.an_before)
    spoken = set(opts.spoken_acronyms)
    text = article.text
    for a, b in article.segments(rule.scope):
        for m in _PAIR.finditer(text, a, b):
            art, word = m.group(1), m.group(3)
            if art == "A" and not _SENTENCE_START.search(text[a : m.start()]):
                continue  # "Plan A", "Category A": a letter, not the article
            want = _expected(word, a_before, an_before, spoken)
            if want is None or want == art.lower():
                continue
            fix = match_case(art, want)
            yield Hit(m.start(1), m.end(1), {"article": art, "word": word, "expected": fix}, fix)


def _expected(
    word: str, a_before: tuple[str, ...], an_before: tuple[str, ...], spoken: set[str]
) -> str | None:
    """'a' or 'an' for the word, or None when the sound cannot be told from the spelling."""
    lower = word.lower()
    if word[0].isdigit():
        digits = re.match(r"\d+", word.replace(",", "")).group()
        return (
            "an"
            if digits.startswith("8") or (digits[:2] in ("11", "18") and len(digits) in (2, 4, 5))
            else "a"
        )
    head = re.split(r"[-–/’']", word, maxsplit=1)[0]
    letters = head.replace(".", "")
    if len(letters) >= 2 and letters.isupper() and letters.isalpha() and head not in spoken:
        return "an" if letters[0] in _VOWEL_LETTERS else "a"  # read letter by letter
    if len(word) == 1:
        return None
    if lower.startswith(a_before):
        return "a"
    if lower.startswith(an_before):
        return "an"
    return "an" if lower[0] in "aeiou" else "a"
