"""The pack's vocabulary: the region's proper nouns, acronyms and house transliterations.

Loaded on first use (most runs without proofreading never read it), validated like rule files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from briefcheck.model import ConfigDict, Field, Model, field_validator

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")


class Entry(Model):
    """A word or name as written; variants are other spellings corrected to it."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    variants: list[str] = Field(default_factory=list)
    expansion: str | None = None
    note: str = ""


class VocabularyFile(Model):
    """One file of `vocabulary/`: a category and its entries."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    category: str
    entries: list[Entry]

    @field_validator("entries", mode="before")
    @classmethod
    def _plain(cls, v: object) -> object:
        return [{"name": e} if isinstance(e, str) else e for e in v] if isinstance(v, list) else v


class Term(NamedTuple):
    """A loaded entry (a plain tuple: thousands of them are loaded on every run)."""

    name: str
    variants: tuple[str, ...]
    expansion: str | None
    note: str


@dataclass(frozen=True)
class Vocabulary:
    """Every entry of a pack's vocabulary folders (an extending pack adds to its base's)."""

    entries: tuple[Term, ...]

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-cased words of every name and variant-free entry (for dropping spelling alarms)."""
        out: set[str] = set()
        for e in self.entries:
            for text in (e.name, e.expansion or ""):
                out.update(w.lower() for w in _WORD.findall(text))
        return frozenset(out)

    @cached_property
    def names(self) -> frozenset[str]:
        """Every whole name and variant, lower-cased ("indo-pacific", "kyrgyz republic")."""
        return frozenset(n.lower() for e in self.entries for n in (e.name, *e.variants))

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Acronym → expansion, for entries that carry one."""
        return {e.name: e.expansion for e in self.entries if e.expansion}

    @cached_property
    def preferred(self) -> dict[str, str]:
        """Variant spelling → the house form."""
        return {v: e.name for e in self.entries for v in e.variants}

    def knows(self, word: str) -> bool:
        """Whether a word (possessive and case aside) belongs to the vocabulary."""
        bare = _POSSESSIVE.sub("", word).lower()
        return bare in self.words or all(
            w.lower() in self.words for w in _WORD.findall(bare) or [bare]
        )


class VocabularyError(Exception):
    """A vocabulary file that cannot be used; the message names file and key."""


def load_vocabulary(folders: list[Path]) -> Vocabulary:
    """Load every `*.yaml` in the folders, in order."""
    from pydantic import ValidationError

    from briefcheck.yamlfile import YamlFileError, load_mapping

    entries: list[Term] = []
    for folder in folders:
        for path in sorted(folder.glob("*.y*ml")):
            try:
                parsed = VocabularyFile.model_validate(load_mapping(path))
                entries += (
                    Term(e.name, tuple(e.variants), e.expansion, e.note) for e in parsed.entries
                )
            except YamlFileError as exc:
                raise VocabularyError(str(exc)) from None
            except ValidationError as exc:
                from briefcheck.validation import first_error

                raise VocabularyError(f"{path}: {first_error(exc)}") from None
    return Vocabulary(tuple(entries))


class LazyVocabulary:
    """A pack's vocabulary, read from its folders the first time a rule asks for it."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._loaded: Vocabulary | None = None

    def get(self) -> Vocabulary:
        """The loaded vocabulary."""
        if self._loaded is None:
            self._loaded = load_vocabulary(self.folders)
        return self._loaded
