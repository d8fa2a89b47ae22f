"""Spelling for the offline engine: a word list lookup (pyspellchecker's English list).

Harper's own spelling lint costs about a second per process before its first finding (it builds
a suggestion index) and about 15 ms for each unknown word after that; a set lookup costs
nothing, and suggestions one edit away take well under a millisecond a word. The list loads in
about 0.15 s, while Harper builds its dictionary in another thread (docs/proofing.md).

A word passes when the list knows it, its possessive or plural stem, or a common prefix plus a
known word (counterterrorism, transboundary), or when the house vocabulary knows it. Words
touching a digit (3rd, F-16), one-letter words, @handles, e-mail and web addresses are skipped.
"""

from __future__ import annotations

import re

from briefcheck.proofing import ADDRESSES, Issue

SOURCE = "pyspellchecker"
KIND = "Spelling"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*['’]?")
# Harper's mask, and bare domains (zxqvbn.com/about): not words to spell-check
MASK = re.compile(ADDRESSES + r"|\b[\w-]+\.(?:com|org|net)\b\S*")
# Prefixes written closed in American English: a known word after one is a known word.
_PREFIXES = (
    "anti",
    "counter",
    "cross",
    "geo",
    "inter",
    "intra",
    "macro",
    "micro",
    "mid",
    "multi",
    "neo",
    "non",
    "over",
    "post",
    "pre",
    "re",
    "semi",
    "socio",
    "sub",
    "super",
    "trans",
    "under",
)
# Combining forms written with a hyphen: Indo-Pacific, Sino-Russian, multi-vector.
_COMBINING = frozenset(
    {"afro", "anglo", "euro", "franco", "indo", "russo", "sino", "turko", "bi", "tri", "pan"}
)
# Derived words whose base the list knows: transactionalism, jihadist, multipolarity.
_SUFFIXES = ("ism", "ist", "ity", "ness")


class Dictionary:
    """The English word list with frequencies, and the house vocabulary's words."""

    def __init__(self, words: frozenset[str]) -> None:
        from spellchecker import SpellChecker  # deferred: only with proofing on

        self._spell = SpellChecker(language="en", distance=1)
        self._counts = self._spell.word_frequency.dictionary
        self._house = words

    def known(self, word: str, hyphen_after: bool = False) -> bool:
        """Whether a lower-cased word (apostrophes straight) is a word; `hyphen_after`: it is
        the first part of a hyphenated compound (a prefix or combining form may stand alone)."""
        counts = self._counts
        if hyphen_after and (word in _COMBINING or word in _PREFIXES):
            return True
        if word in counts or word in self._house:  # units (km, bcm) are house vocabulary
            return True
        bare = word[:-2] if word.endswith("'s") else word.rstrip("'")
        if bare in counts or bare in self._house:
            return True
        for stem in (bare, *_stems(bare)):
            if stem != bare and stem in counts:
                return True
            for suffix in _SUFFIXES:
                base = stem[: -len(suffix)]
                if stem.endswith(suffix) and len(base) >= 4 and base in counts:
                    return True
        for prefix in _PREFIXES:
            rest = bare[len(prefix) :]
            if bare.startswith(prefix) and len(rest) >= 4 and rest in counts:
                return True
        return False

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Up to three known words one edit away, the most frequent first, in the word's case."""
        found = self._spell.candidates(word.lower().replace("’", "'")) or ()
        ranked = sorted(found, key=lambda w: (-self._counts.get(w, 0), w))[:3]
        if word.isupper() and len(word) > 1:
            return tuple(w.upper() for w in ranked)
        if word[:1].isupper():
            return tuple(w[:1].upper() + w[1:] for w in ranked)
        return tuple(ranked)

    def check(self, paragraph: str) -> list[Issue]:
        """The unknown words of one paragraph."""
        masked = (
            [m.span() for m in MASK.finditer(paragraph)]
            if "@" in paragraph or "." in paragraph
            else []
        )
        out = []
        for m in _WORD.finditer(paragraph):
            start, end = m.span()
            text = m.group().rstrip("'’")
            end = start + len(text)
            if len(text) < 2 or _next_to_digit(paragraph, start, end):
                continue
            hyphen_after = paragraph[end : end + 1] == "-"
            if self.known(text.lower().replace("’", "'"), hyphen_after):
                continue
            if any(a <= start < b for a, b in masked):
                continue
            out.append(
                Issue(
                    start,
                    end,
                    "spelling",
                    KIND,
                    f"`{text}` is not in the dictionary",
                    self.suggestions(text),
                    SOURCE,
                )
            )
        return out


def _stems(word: str) -> tuple[str, ...]:
    """Plural stems: jihadists → jihadist, ministries → ministry, taxes → tax."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y", word[:-1])
    if word.endswith("es"):
        return (word[:-1], word[:-2])
    return (word[:-1],)


def _next_to_digit(text: str, start: int, end: int) -> bool:
    """Part of a token with digits (3rd, F-16, 1990s): not a word to spell-check."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "-" and start > 1:
        before = text[start - 2]
    if after == "-" and end + 1 < len(text):
        after = text[end + 1]
    return before.isdigit() or after.isdigit() or before == "_" or after == "_"
