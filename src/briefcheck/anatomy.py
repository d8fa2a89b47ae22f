"""The house form of an article as data: labels, byline and photo-credit patterns (pack.yaml)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cached_property

from briefcheck.model import ConfigDict, Field, Model
from briefcheck.rules.base import Regex

# Words that may join or sit inside authors' names in a byline ("Jane Doe and John Roe").
_CONNECTORS = ("and", "&", "de", "van", "von", "al", "bin", "ibn", "el", "ul", "da")


class _Frozen(Model):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class LabelSpec(_Frozen):
    """One labelled part: the canonical label, accepted spellings and near-miss variants."""

    name: str
    label: str = Field(description="the canonical run-in label, e.g. 'BACKGROUND:'")
    heading: str = Field(
        description="the canonical heading text in Markdown/Word, e.g. 'Background'"
    )
    forms: list[str] = Field(min_length=1, description="accepted names, written in capitals")
    variants: list[str] = Field(default_factory=list, description="near-miss names to correct")


class BylineSpec(_Frozen):
    """How a byline is recognised."""

    prefix: str = "By"
    loose: Regex = r"^(?:by|BY|By:|Author:|Authors:|Written by)\s"
    max_words: int = 20
    connectors: list[str] = Field(default_factory=lambda: list(_CONNECTORS))


class PhotoSpec(_Frozen):
    """Accepted photo-credit forms and what a near miss looks like."""

    accepted: list[Regex] = Field(min_length=1)
    candidate: Regex
    max_words: int = 30


class Anatomy(_Frozen):
    """The parts of a brief and how they are written; see HOUSE_STYLE §1."""

    sections: list[LabelSpec] = Field(min_length=1)
    bio: LabelSpec
    bio_plural: str = "AUTHORS’ BIO:"
    bio_plural_heading: str = "Authors’ bio"
    lead_labels: list[str] = Field(default_factory=lambda: ["KEY ISSUE"])
    byline: BylineSpec = Field(default_factory=BylineSpec)  # built when needed, not on import
    photo: PhotoSpec
    title_max_words: int = 30
    bio_openings: list[str] = Field(
        default_factory=list,
        description="verbs that open a bio after an author's name ('Jane Doe is …'): a last "
        "paragraph written so, with no bio label, is taken for the bio (none: never)",
    )

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the anatomy's settings (part of a result cache key)."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @cached_property
    def label_specs(self) -> dict[str, LabelSpec]:
        """Every label name (upper case) to its spec; lead labels map to a 'key_issue' spec."""
        out: dict[str, LabelSpec] = {}
        lead = LabelSpec(
            name="key_issue",
            label=f"{self.lead_labels[0]}:" if self.lead_labels else "",
            heading="",
            forms=self.lead_labels or ["KEY ISSUE"],
        )
        for spec in [*self.sections, self.bio, lead]:
            for name in [*spec.forms, *spec.variants]:
                out[norm_label(name)] = spec
        return out

    @cached_property
    def label_regex(self) -> re.Pattern[str]:
        """Matches a label at the start of a block: markup, name, colon, closing markup."""
        names = sorted(self.label_specs, key=len, reverse=True)
        alt = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("’", "['’]") for n in names)
        return re.compile(
            r"(?P<hash>\#{1,6}[ \t]+)?(?P<open>\*\*|__|\*|_)?"
            rf"(?P<name>{alt})(?P<space>[ \t]*)(?P<colon>:)?(?P<close>\*\*|__|\*|_)?(?P<colon2>:)?"
            r"(?=\s|$)",
            re.IGNORECASE,
        )

    @cached_property
    def bio_opening(self) -> re.Pattern[str] | None:
        """What follows an author's name at the start of an unlabelled bio: an optional aside
        between commas ("Jane Doe, PhD, is"), then one of `bio_openings` (None: not looked for)."""
        if not self.bio_openings:
            return None
        verbs = "|".join(re.escape(v) for v in sorted(self.bio_openings, key=len, reverse=True))
        return re.compile(rf"(?:\s*,[^,.;:]{{1,60}},)?\s+(?:{verbs})\b")

    @cached_property
    def photo_accepted(self) -> list[re.Pattern[str]]:
        """Compiled accepted photo-credit forms."""
        return [re.compile(r) for r in self.photo.accepted]

    @cached_property
    def photo_candidate(self) -> re.Pattern[str]:
        """Compiled near-miss photo-credit pattern."""
        return re.compile(self.photo.candidate, re.IGNORECASE)

    @cached_property
    def byline_loose(self) -> re.Pattern[str]:
        """Compiled pattern for byline-like lines that are not in the house form."""
        return re.compile(self.byline.loose)


def norm_label(name: str) -> str:
    """Upper-case a label name and fold apostrophes and runs of spaces."""
    return re.sub(r"\s+", " ", name.strip()).upper().replace("'", "’")
