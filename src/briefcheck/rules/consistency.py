"""Kind `consistency`: one form per article (U.S./US, percent/%, toward/towards …, HOUSE_STYLE §4).

Each group lists competing forms. Per article the matches of every form are counted in the
rule's scope (matches overlapping an `exclude` match, such as a proper name, do not count); when
more than one form is used, every occurrence of the minority form(s) is flagged, with the counts
and the majority form as the fix; a group with `report: first` flags only the first minority use
(one finding per article with the counts, no fix), for marks that a word processor fixes at once.

Speed: a regex that starts with a literal is searched fast; one that starts with a lookbehind,
a word boundary or an inline ignore-case flag is tried at every character. So forms put their
lookbehinds after a literal ("U.S." then "not preceded by a letter or dot"), and word groups name
a `trigger`: a literal-led regex that finds candidate words, each of which must then match a
form as a whole.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Literal

from briefcheck.document import Article
from briefcheck.model import ConfigDict, Field, Model, model_validator
from briefcheck.rules.base import Hit, Regex, match_case
from briefcheck.rules.base import Options as _Base

PARAMS = frozenset(
    {"form", "count", "uses", "majority", "majority_count", "majority_uses", "group", "tie"}
)

# \g<name>, \g<1> and \1 in a replacement (group references to check against the other forms)
_GROUP_REF = re.compile(r"\\g<(\w+)>|\\(\d+)")


class Form(Model):
    """One way of writing the thing: a label for messages, a regex, and how to write it so.

    `replace` is the text that turns an occurrence of another form of the group into this one;
    `\\g<name>` refers to a group of the flagged match (so the forms of a group share group names).
    """

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    label: str = Field(min_length=1)
    regex: Regex
    replace: str | None = None

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled regex (multi-line)."""
        return re.compile(self.regex, re.MULTILINE)


class Group(Model):
    """Competing forms, the text that never counts (proper names), and the form a tie keeps."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    forms: list[Form] = Field(min_length=2)
    trigger: Regex | None = Field(
        default=None,
        description="finds candidate words (letters around a match); a form matches one whole",
    )
    exclude: list[Regex] = Field(default_factory=list)
    prefer: str | None = None
    min_minority: int = Field(default=1, ge=1, description="flag only from this many minority uses")
    report: Literal["each", "first"] = Field(
        default="each",
        description="flag every minority use (with its fix), or only the first, with the counts",
    )

    @model_validator(mode="after")
    def _coherent(self) -> Group:
        labels = [f.label for f in self.forms]
        if len(set(labels)) != len(labels):
            raise ValueError(f"group {self.name!r}: two forms have the same label")
        if self.prefer is not None and self.prefer not in labels:
            raise ValueError(f"group {self.name!r}: prefer {self.prefer!r} is not a form's label")
        for form in self.forms:
            for other in self.forms:
                if form.replace is not None and other is not form:
                    _check_refs(self.name, form, other)
        return self

    @cached_property
    def excluders(self) -> tuple[re.Pattern[str], ...]:
        """The compiled exclude regexes."""
        return tuple(re.compile(x, re.MULTILINE) for x in self.exclude)

    @cached_property
    def triggered(self) -> re.Pattern[str] | None:
        """The compiled trigger, if the group has one."""
        return re.compile(self.trigger) if self.trigger is not None else None


def _check_refs(group: str, form: Form, other: Form) -> None:
    pattern = other.compiled
    for m in _GROUP_REF.finditer(form.replace or ""):
        name, number = m.group(1), m.group(2)
        ref = int(name) if name and name.isdigit() else (name if name else int(number))
        known = ref <= pattern.groups if isinstance(ref, int) else ref in pattern.groupindex
        if not known:
            raise ValueError(
                f"group {group!r}: replace of {form.label!r} refers to group {ref!r}, which the "
                f"regex of {other.label!r} does not have"
            )


class Options(_Base):
    """The groups of one rule, each checked on its own."""

    groups: list[Group] = Field(min_length=1)


def fixable(options: Options) -> bool:
    """A consistency rule fixes when a group that reports each use says how a form is written."""
    return any(f.replace is not None for g in options.groups if g.report == "each" for f in g.forms)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield the minority forms' uses (each, or the first per group), in text order."""
    segments = sorted(article.segments(rule.scope))
    if not segments:
        return
    hits: list[Hit] = []
    for group in rule.options.groups:
        hits.extend(_check_group(group, article.text, segments))
    hits.sort(key=lambda h: h.start)
    yield from hits


def _check_group(group: Group, text: str, segments: list[tuple[int, int]]) -> list[Hit]:
    found = _matches(group, text, segments)  # (form index, match, segment start)
    if len({i for i, _, _ in found}) < 2:  # the common case: nothing mixed, no need to exclude
        return []
    if group.excluders:
        masked = _masked(group, text, {a for _, _, a in found}, dict(segments))
        found = [x for x in found if not any(_overlap(x[1].span(), span) for span in masked[x[2]])]
    counts = [0] * len(group.forms)
    for i, _, _ in found:
        counts[i] += 1
    if sum(1 for n in counts if n) < 2:
        return []
    top = max(counts)
    tied = [i for i, n in enumerate(counts) if n == top]
    labels = [f.label for f in group.forms]
    keep = labels.index(group.prefer) if group.prefer in [labels[i] for i in tied] else tied[0]
    if sum(counts) - counts[keep] < group.min_minority:
        return []
    majority = group.forms[keep]
    tie = f"; a tie, and the house prefers '{majority.label}'" if len(tied) > 1 else ""
    out = []
    for i, m, _ in found:
        if i == keep:
            continue
        fix = None
        if majority.replace is not None:
            fix = match_case(m.group(), m.expand(majority.replace))
        params = {
            "form": labels[i],
            "count": counts[i],
            "uses": _times(counts[i]),
            "majority": majority.label,
            "majority_count": counts[keep],
            "majority_uses": _times(counts[keep]),
            "group": group.name,
            "tie": tie,
        }
        if group.report == "first":  # one finding that gives the counts; no piecemeal fix
            return [Hit(m.start(), m.end(), params, None)]
        out.append(Hit(m.start(), m.end(), params, fix))
    return out


def _matches(
    group: Group, text: str, segments: list[tuple[int, int]]
) -> list[tuple[int, re.Match[str], int]]:
    """Matches of the forms inside the segments, each with its segment's start, in text order.

    The text from the first segment to the last is searched in one go (fewer calls than one
    search per paragraph); a match must lie inside one segment. Where matches overlap, the
    earlier (then the earlier form) wins.
    """
    lo, hi = segments[0][0], segments[-1][1]
    starts = [a for a, _ in segments]
    if group.triggered is not None:
        raw = _word_matches(group, text, lo, hi)
    else:
        raw = [
            (i, m)
            for i, form in enumerate(group.forms)
            for m in form.compiled.finditer(text, lo, hi)
            if m.end() > m.start()
        ]
        raw.sort(key=lambda x: (x[1].start(), x[0]))
    out: list[tuple[int, re.Match[str], int]] = []
    last_end = -1
    for i, m in raw:
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or m.end() > segments[k][1] or m.start() < last_end:
            continue
        out.append((i, m, starts[k]))
        last_end = m.end()
    return out


def _word_matches(group: Group, text: str, lo: int, hi: int) -> list[tuple[int, re.Match[str]]]:
    """Each word the trigger touches, matched whole by the first form that fits (if any)."""
    out = []
    last = -1
    for t in group.triggered.finditer(text, lo, hi):  # type: ignore[union-attr]
        start, end = t.start(), t.end()
        while start > lo and text[start - 1].isalpha():
            start -= 1
        if start < last:
            continue
        while end < hi and text[end].isalpha():
            end += 1
        last = end
        for i, form in enumerate(group.forms):
            m = form.compiled.fullmatch(text, start, end)
            if m is not None:
                out.append((i, m))
                break
    return out


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _masked(
    group: Group, text: str, starts: set[int], ends: dict[int, int]
) -> dict[int, list[tuple[int, int]]]:
    """The spans the exclude regexes match (proper names), per segment that has a match."""
    return {
        a: [m.span() for x in group.excluders for m in x.finditer(text, a, ends[a])] for a in starts
    }


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"
