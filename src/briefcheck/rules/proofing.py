"""Kind `proofing`: spelling or grammar from the proofreading engine, through the house vocabulary.

Only prose is sent (the rule's scope: no byline, labels or photo line), paragraph by paragraph
(engines slow down on long input), and offsets come back exact because each paragraph is a
span of the source. Findings on the region's names, the article's own byline names and the
acronyms it defines are dropped. Never a fix: suggestions stay suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import Literal

from briefcheck.document import Article
from briefcheck.model import Field
from briefcheck.proofing import EngineUnavailable, Settings, get_engine
from briefcheck.rules.base import Hit, Regex
from briefcheck.rules.base import Options as _Base

FIXABLE = False
PARAMS = frozenset({"engine_message", "engine", "engine_rule", "suggestions", "word"})

_JOINERS = "-'’"  # inside a word or compound: Indo-Pacific, Taliban's
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&.\-]{1,12})\)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class EngineOptions(_Base):
    """Which engine runs, shared by the spelling, grammar and engine-unavailable rules."""

    engine: Literal["auto", "harper", "languagetool", "off"] = "auto"
    languagetool_url: str | None = None
    language: str = "en-US"
    timeout: float = Field(default=20.0, gt=0)

    @cached_property
    def settings(self) -> Settings:
        """The engine settings these options describe."""
        return Settings(self.engine, self.languagetool_url, self.language, self.timeout)


class Options(EngineOptions):
    """The category this rule reports, and engine messages the house rules already cover."""

    category: Literal["spelling", "grammar"]
    skip: list[Regex] = Field(
        default_factory=list, description="engine messages to drop (covered by house rules)"
    )
    skip_rules: list[str] = Field(
        default_factory=list, description="engine rule ids or kinds to drop (style, not errors)"
    )
    skip_text: list[Regex] = Field(
        default_factory=list,
        description="drop a finding where one of these matches the text from its start on",
    )
    skip_uppercase: bool = Field(
        default=False,
        description="drop findings on words in capitals (acronyms: the acronym rules judge them)",
    )

    @cached_property
    def skip_regexes(self) -> tuple[re.Pattern[str], ...]:
        """The compiled skipped-message regexes."""
        return tuple(re.compile(s) for s in self.skip)

    @cached_property
    def skip_text_regexes(self) -> tuple[re.Pattern[str], ...]:
        """The compiled regexes of text where a finding is dropped."""
        return tuple(re.compile(s) for s in self.skip_text)


def engine_for(rule):
    """The rule's engine with the pack's vocabulary in its dictionary (EngineUnavailable if not)."""
    vocabulary = rule.vocabulary.get() if rule.vocabulary is not None else None
    words = vocabulary.words if vocabulary is not None else frozenset()
    return get_engine(rule.options.settings, words)


def check(rule, article: Article) -> Iterator[Hit]:
    """The engine's issues of this rule's category, minus the house vocabulary."""
    opts = rule.options
    if opts.engine == "off":
        return
    try:
        engine = engine_for(rule)
    except EngineUnavailable:
        return  # the engine-unavailable rule says so, once per file
    vocabulary = rule.vocabulary.get() if rule.vocabulary is not None else None
    own = _own_words(article)  # spelling skips them; grammar lints inside them are dropped
    text = article.text
    segments = list(article.segments(rule.scope))
    try:
        found = engine.check_many([text[a:b] for a, b in segments])
    except EngineUnavailable:
        return
    for (a, _), issues in zip(segments, found, strict=True):
        for issue in issues:
            if issue.category != opts.category:
                continue
            if issue.rule in opts.skip_rules or any(
                r.search(issue.message) for r in opts.skip_regexes
            ):
                continue
            word = text[a + issue.start : a + issue.end]
            if any(r.match(text, a + issue.start) for r in opts.skip_text_regexes):
                continue  # a construction the engine misreads, as the house's data says
            if _handle(text, a + issue.start, a + issue.end):
                continue  # @handles, e-mail and web addresses are not prose
            if opts.category == "spelling" and _known(word, own, vocabulary):
                continue
            if opts.skip_uppercase and _uppercase(word):
                continue  # CNNC, MoUs: acronym-undefined asks for them to be spelled out
            if opts.category == "grammar" and _within_known_name(text, a, issue, own, vocabulary):
                continue  # "Indo" of "Indo-Pacific" is not "Undo"
            shown = [s.strip() for s in issue.suggestions[:3] if s.strip()]
            hint = f"; suggestions: {', '.join(shown)}" if shown else ""
            params = {
                "engine_message": issue.message.rstrip("."),
                "engine": issue.source or engine.name,
                "engine_rule": issue.rule,
                "suggestions": hint,
                "word": word,
            }
            yield Hit(a + issue.start, a + issue.end, params)


def _own_words(article: Article) -> frozenset[str]:
    """The byline's names and the acronyms the article defines, lower-cased."""
    names = {
        part.lower()
        for author in article.authors
        for w in _WORD.findall(author)
        for part in (w, *re.split(r"[-’']", w))
    }
    defined = {
        m.group(1).lower() for m in _DEFINED.finditer(article.text, article.start, article.end)
    }
    return frozenset(names | defined)


def _handle(text: str, start: int, end: int) -> bool:
    """Part of an @handle, an e-mail address or a web address: not a word to spell-check."""
    token_start = max(text.rfind(c, 0, start) for c in " \t\n(") + 1
    token_end = min(
        (i for i in (text.find(c, end) for c in " \t\n)") if i != -1), default=len(text)
    )
    token = text[token_start:token_end]
    return "@" in token or "/" in token or "www." in token or ".com" in token


def _within_known_name(text: str, base: int, issue, own: frozenset[str], vocabulary) -> bool:
    """Whether a grammar issue lies within one capitalised word, or hyphenated compound, that
    is a whole name of the house vocabulary or one of the article's own names (its byline's,
    the acronyms it defines): the house says the name is right. Common words are not names,
    even where a vocabulary name holds them ("to", "bank"), so lints on them stay."""
    start, end = base + issue.start, base + issue.end
    if start == end or any(c.isspace() for c in text[start:end]):
        return False
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _JOINERS):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in _JOINERS):
        end += 1
    name = text[start:end].strip(_JOINERS)
    if not name[:1].isupper():
        return False
    bare = _bare(name)
    return bare in own or (vocabulary is not None and bare in vocabulary.names)


def _uppercase(word: str) -> bool:
    """A word in capitals, an acronym's plural or possessive included (MoUs, NGO’s)."""
    bare = re.sub(r"(?:['’]s|s)$", "", word)
    return len(bare) >= 2 and bare.isupper()


def _bare(word: str) -> str:
    """The word lower-cased, without quotes around it or a possessive ('s, s')."""
    return re.sub(r"['’]s?$", "", word.strip("'’")).lower()


def _known(word: str, own: frozenset[str], vocabulary) -> bool:
    bare = _bare(word)
    if bare in own or bare.rstrip("s") in own:
        return True
    return vocabulary is not None and vocabulary.knows(word)
