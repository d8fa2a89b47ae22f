"""Kind `acronym`: acronyms used before being spelled out, or spelled out twice (HOUSE_STYLE §5).

A definition is `Full Name (ACR)`: the capitalized words before the parenthesis account for the
acronym's letters (their initials, hyphenated parts included, contain the letters in order,
within the last 2×len capitalized words: Tehreek-e-Taliban Pakistan (TTP)); failing that, the
last 2×len words of any case do (liquefied natural gas (LNG)), or a run of two or more
capitalized words stands right before it (a name from another language: Federal Security
Service (FSB)). `ACR (Full Name)` counts too when the name starts with the acronym's first
letter and holds its letters or two capitalized words. Definitions and uses are per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from briefcheck.document import Article
from briefcheck.model import Field
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base

FIXABLE = False  # spelling an acronym out is an editorial decision; the message says how
PARAMS = frozenset({"acronym", "expansion", "definition", "note"})

# An all-caps token: a capital, then capitals or digits; "-19" after it and a plural "s" allowed
# (COVID-19, NGOs). Not inside a word, an abbreviation with dots (U.S.) or "R&D". The lookbehind
# comes after the first capital so that the search skips to capitals (fast).
_TOKEN = re.compile(r"([A-Z](?<![\w&.'’][A-Z])[A-Z0-9]+)(-\d+)?(s)?(?![\w&])")
_AFTER = re.compile(r"[ \u00a0]*\(([^()\n]{3,200})\)")
_PART = re.compile(r"[^\W\d_]+")  # word parts: hyphenated words split (Tehreek-e-Taliban)
# All-caps words just before / just after a token: three in a row are a heading or shouting.
_CAPS_BEFORE = re.compile(r"(?<!\w)(?:[A-Z][A-Z0-9'’&-]*[ \u00a0]+)+\Z")
_CAPS_AFTER = re.compile(r"(?:[ \u00a0]+[A-Z][A-Z0-9'’&-]*(?!\w))+")
_LABEL = re.compile(r"[A-Z][A-Z’' ]*[A-Z]:")
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LINK = frozenset({"of", "and", "the", "for", "in", "on", "de", "du", "la", "e", "i", "ul", "ut"})
# Words whose initials never count in a lower-case definition ("a deal with Bishkek (ADB)" is none).
_FUNCTION = frozenset(
    {"a", "an", "the", "of", "and", "for", "in", "on", "to", "with", "by", "at", "from", "as", "or"}
)


class Options(_Base):
    """Which problem to report, the acronyms that need no definition, and the shortest one."""

    check: Literal["undefined", "redefined"]
    allow: list[str] = Field(default_factory=list)
    min_length: int = Field(default=2, ge=2)


@dataclass
class _Acronym:
    shown: str = ""  # as first written, without a plural "s" (CASA-1000)
    uses: list[tuple[int, int]] = field(default_factory=list)  # token spans, in text order
    defs: list[tuple[int, int, int, str]] = field(default_factory=list)  # token at, span, name


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield the first use of each undefined acronym, or each definition after the first."""
    opts: Options = rule.options
    allow = {_key(a) for a in opts.allow}
    found = _scan(article, rule.scope, allow, opts.min_length)
    for key, acr in sorted(found.items(), key=lambda kv: kv[1].uses[0][0]):
        first_def = acr.defs[0][0] if acr.defs else None
        if opts.check == "undefined":
            start, end = acr.uses[0]
            if first_def is not None and first_def <= start:
                continue
            # the article's own later definition, else the vocabulary's
            expansion = acr.defs[0][3] if acr.defs else _expansion(rule, key, acr.shown)
            later = " (it is spelled out only later)" if first_def is not None else ""
            params = {
                "acronym": acr.shown,
                "expansion": expansion or "",
                "definition": f"{expansion or 'Full Name'} ({acr.shown})",
                "note": later,
            }
            yield Hit(start, end, params)
        else:
            for _, start, end, name in acr.defs[1:]:
                first = acr.defs[0][3]
                params = {
                    "acronym": acr.shown,
                    "expansion": first,
                    "definition": f"{first} ({acr.shown})",
                    "note": f" ('{name}')" if name != first else "",
                }
                yield Hit(start, end, params)


def _scan(article: Article, scope: str, allow: set[str], min_length: int) -> dict[str, _Acronym]:
    """Every acronym's uses and definitions in the scope, keyed by its singular letters."""
    every = article.memo((__name__, scope), lambda: _scan_all(article, scope))
    return {
        key: acr
        for key, acr in every.items()
        if key not in allow and sum(c.isalpha() for c in key) >= min_length
    }


def _scan_all(article: Article, scope: str) -> dict[str, _Acronym]:
    """`_scan` with nothing allowed and no shortest length, once per article and scope (both
    rules of the kind read it): a token's uses and definitions depend on its key alone."""
    text = article.text
    found: dict[str, _Acronym] = {}
    for a, b in article.segments(scope):
        label = _LABEL.match(text, a, b)
        for m in _TOKEN.finditer(text, a, b):
            key = m.group(1)
            if _ROMAN.fullmatch(key):
                continue
            if (label and m.start() < label.end()) or _in_caps_run(text, a, b, m):
                continue
            acr = found.setdefault(key, _Acronym(shown=m.group(1) + (m.group(2) or "")))
            acr.uses.append(m.span())
            definition = _defined_before(text, a, m) or _defined_after(text, b, m)
            if definition is not None:
                acr.defs.append((m.start(), *definition))
    return found


def _in_caps_run(text: str, a: int, b: int, m: re.Match[str]) -> bool:
    """Whether the token is one of three or more all-caps words in a row (a heading, shouting)."""
    before = _CAPS_BEFORE.search(text, max(a, m.start() - 80), m.start())
    after = _CAPS_AFTER.match(text, m.end(), min(b, m.end() + 80))
    words = 1 + (len(before.group().split()) if before else 0)
    return words + (len(after.group().split()) if after else 0) >= 3


def _defined_before(text: str, a: int, m: re.Match[str]) -> tuple[int, int, str] | None:
    """`Full Name (ACR)` with m the ACR: the span of the whole and the name, or None."""
    if m.start() == 0 or text[m.start() - 1] != "(" or text[m.end() : m.end() + 1] != ")":
        return None
    paren = m.start() - 1
    letters = [c for c in m.group(1) if c.isalpha()]
    window = max(a, paren - 40 * (2 * len(letters) + 4))
    before = text[window:paren].rstrip(" \u00a0")
    parts = list(_PART.finditer(before))
    caps = [p for p in parts if p.group()[0].isupper()]
    start = _initials_start(caps[-2 * len(letters) :], letters)
    if start is None:  # a common noun spelled out in lower case: liquefied natural gas (LNG)
        words = [p for p in parts if p.group().lower() not in _FUNCTION]
        start = _initials_start(words[-2 * len(letters) :], letters, fold=True)
    if start is None:
        start = _capitalized_run(parts)
    if start is None:
        return None
    begin = window + start
    return begin, m.end() + 1, text[begin : window + len(before)]


def _defined_after(text: str, b: int, m: re.Match[str]) -> tuple[int, int, str] | None:
    """`ACR (Full Name)` with m the ACR: the span of the whole and the name, or None."""
    after = _AFTER.match(text, m.end(), b)
    if after is None:
        return None
    letters = [c for c in m.group(1) if c.isalpha()]
    caps = [p for p in _PART.finditer(after.group(1)) if p.group()[0].isupper()]
    initials = [p.group()[0] for p in caps[: 2 * len(letters)]]
    if not caps or initials[0] != letters[0]:
        return None
    if not _subsequence(letters, initials) and len(caps) < 2:  # two names: another language's
        return None
    return m.start(), after.end(), after.group(1)


def _initials_start(
    words: list[re.Match[str]], letters: list[str], fold: bool = False
) -> int | None:
    """Where the tightest run of words whose initials hold the letters (in order) starts."""
    i = len(letters) - 1
    for p in reversed(words):
        initial = p.group()[0].upper() if fold else p.group()[0]
        if initial == letters[i]:
            i -= 1
            if i < 0:
                return p.start()
    return None


def _capitalized_run(parts: list[re.Match[str]]) -> int | None:
    """The start of two or more capitalized words (linked by of/and/the …) ending the text."""
    start, count = None, 0
    for p in reversed(parts):
        word = p.group()
        if word[0].isupper():
            start, count = p.start(), count + 1
        elif word not in _LINK:
            break
    return start if count >= 2 and parts and parts[-1].group()[0].isupper() else None


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    it = iter(initials)
    return all(any(c == x for x in it) for c in letters)


def _key(acronym: str) -> str:
    """An allow-list entry as the scanner keys it: COVID-19 → COVID; dotted ones stay."""
    m = _TOKEN.fullmatch(acronym)
    return m.group(1) if m else acronym


def _expansion(rule, key: str, shown: str) -> str | None:
    """The vocabulary's expansion of an acronym (as written, bare, or plural), if it has one."""
    if rule.vocabulary is None:
        return None
    known = rule.vocabulary.get().acronyms
    return known.get(shown) or known.get(key) or known.get(key + "s")
