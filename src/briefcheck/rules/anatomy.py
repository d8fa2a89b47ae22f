"""Kind `anatomy`: the parts of a brief, their order and their form (HOUSE_STYLE §1).

Each rule of this kind names one `check`; the checks read the `Article` that structure.py built
and yield hits for missing, misplaced or misspelled parts. A missing part is an empty span at
the place where it belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal

from briefcheck.anatomy import norm_label
from briefcheck.document import Article, Label, Section
from briefcheck.rules.base import Hit
from briefcheck.rules.base import Options as _Base
from briefcheck.structure import byline_affiliation

FIXABLE = True
PARAMS = frozenset(
    {
        "section",
        "label",
        "canonical",
        "after",
        "words",
        "paragraphs",
        "missing",
        "problem",
        "authors",
    }
)

Check = Literal[
    "not-a-brief",
    "byline-missing",
    "byline-format",
    "byline-ampersand",
    "lead-missing",
    "lead-label",
    "photo-credit-missing",
    "photo-credit-format",
    "section-missing",
    "section-order",
    "section-duplicate",
    "section-empty",
    "heading-variant",
    "bio-missing",
    "bio-label-missing",
    "bio-heading",
    "bio-authors",
    "content-after-bio",
]


class Options(_Base):
    """Which structural check this rule runs."""

    check: Check


_FIXING = frozenset({"byline-format", "byline-ampersand", "heading-variant", "bio-heading"})


def fixable(options: Options) -> bool:
    """Only some structural checks can propose a replacement."""
    return options.check in _FIXING


def check(rule, article: Article) -> Iterator[Hit]:
    """Run the rule's structural check on one article."""
    if not article.is_brief and rule.options.check != "not-a-brief":
        return iter(())
    return _CHECKS[rule.options.check](rule, article)


def _not_a_brief(rule, a: Article) -> Iterator[Hit]:
    if not a.is_brief:
        yield Hit(a.start, a.start, {"words": a.words("body")})


def _byline_missing(rule, a: Article) -> Iterator[Hit]:
    if a.byline is None:
        at = a.title.end if a.title else a.start
        yield Hit(at, at)


_BYLINE_PREFIX = re.compile(r"^\s*(?:\*\*|__|\*|_)?(?P<prefix>\S+(?:\s+by)?:?)\s")


def _byline_format(rule, a: Article) -> Iterator[Hit]:
    if a.preamble:
        n = len(a.preamble)
        yield Hit(
            a.preamble[0].start,
            a.preamble[-1].end,
            {
                "problem": f"{n} paragraph{'s stand' if n > 1 else ' stands'} before the byline; "
                "it must be the first line (after an optional title)"
            },
        )
    if a.byline is None:
        return
    raw = a.text[a.byline.start : a.byline.end]
    m = _BYLINE_PREFIX.match(raw)
    if m and m.group("prefix") != "By":
        s, e = a.byline.start + m.start("prefix"), a.byline.start + m.end("prefix")
        yield Hit(s, e, {"problem": f"it starts with {m.group('prefix')!r}; write 'By'"}, "By")
    if raw != raw.strip("*_"):
        yield Hit(
            a.byline.start,
            a.byline.end,
            {"problem": "it is wrapped in emphasis marks"},
            raw.strip("*_"),
        )
    affiliation = byline_affiliation(raw, rule.anatomy)
    if affiliation is not None:
        s, e = affiliation
        written = raw[s:e].lstrip(", ")
        problem = f"it names an affiliation ('{written}'); affiliations go in the bio"
        # deleting it is safe unless it might hold another author ("…, and John Roe")
        certain = not re.search(r"\band\b|&", written)
        yield Hit(
            a.byline.start + s, a.byline.start + e, {"problem": problem}, "" if certain else None
        )
    names = " ".join(a.authors)
    if names and names.isupper() and any(c.isalpha() for c in names):
        yield Hit(a.byline.start, a.byline.end, {"problem": "the names are in capitals"})
    if raw.rstrip("*_").endswith(".") and a.authors and not a.authors[-1].endswith("."):
        end = a.byline.start + len(raw.rstrip("*_"))
        yield Hit(end - 1, end, {"problem": "it ends with a full stop"}, "")


def _byline_ampersand(rule, a: Article) -> Iterator[Hit]:
    if a.byline is not None:
        for m in re.finditer("&", a.text[a.byline.start : a.byline.end]):
            yield Hit(a.byline.start + m.start(), a.byline.start + m.end(), {}, "and")


def _lead_missing(rule, a: Article) -> Iterator[Hit]:
    if not any(a.span_words(s, e) for s, e in a.lead):
        at = a.byline.end if a.byline else a.start
        yield Hit(at, at)


def _lead_label(rule, a: Article) -> Iterator[Hit]:
    if a.lead_label is not None:
        yield _label_hit(a, a.lead_label)


def _photo_missing(rule, a: Article) -> Iterator[Hit]:
    if a.photo is None:
        first = a.sections[0].start if a.sections else None
        at = first if first is not None else (a.lead[-1][1] if a.lead else a.end)
        yield Hit(at, at)


def _photo_format(rule, a: Article) -> Iterator[Hit]:
    pack = rule.anatomy
    if a.photo is not None:
        raw = a.text[a.photo.start : a.photo.end].strip("*_ ")
        if not any(p.match(raw) for p in pack.photo_accepted):
            yield Hit(a.photo.start, a.photo.end, {"problem": "it is not in a house form"})
    for extra in a.photo_candidates:
        yield Hit(extra.start, extra.end, {"problem": "the article already has a photo credit"})


def _section_missing(rule, a: Article) -> Iterator[Hit]:
    specs = rule.anatomy.sections
    present = {s.name for s in a.sections}
    for i, spec in enumerate(specs):
        if spec.name in present:
            continue
        later = [s.start for s in a.sections if s.name in {x.name for x in specs[i + 1 :]}]
        earlier = [s.end for s in a.sections if s.name in {x.name for x in specs[:i]}]
        if later:
            at = min(later)
        elif a.bio is not None:
            at = a.bio.start
        elif earlier:
            at = max(earlier)
        else:
            at = a.end
        yield Hit(at, at, {"section": spec.label, "label": spec.label})


def _section_order(rule, a: Article) -> Iterator[Hit]:
    order = {spec.name: i for i, spec in enumerate(rule.anatomy.sections)}
    labels = {spec.name: spec.label for spec in rule.anatomy.sections}
    furthest: Section | None = None
    for s in a.sections:
        if furthest is not None and order[s.name] < order[furthest.name]:
            yield _label_hit(a, s.label, section=labels[s.name], after=labels[furthest.name])
        elif furthest is None or order[s.name] > order[furthest.name]:
            furthest = s


def _section_duplicate(rule, a: Article) -> Iterator[Hit]:
    seen: set[str] = set()
    for s in a.sections:
        if s.name in seen:
            yield _label_hit(a, s.label, section=s.label.canonical)
        seen.add(s.name)


def _section_empty(rule, a: Article) -> Iterator[Hit]:
    for s in a.sections:
        if not any(a.span_words(x, y) for x, y in s.segments):
            yield _label_hit(a, s.label, section=s.label.canonical)


def _heading_variant(rule, a: Article) -> Iterator[Hit]:
    for s in a.sections:
        if not s.label.exact:
            want = _canonical(rule, a, s.label)
            yield _label_hit(a, s.label, canonical=want, fix=want)


def _bio_missing(rule, a: Article) -> Iterator[Hit]:
    if a.bio is None:
        at = a.trailing[0].start if a.trailing else a.end
        yield Hit(at, at)


def _bio_label_missing(rule, a: Article) -> Iterator[Hit]:
    """A bio found without its label (structure: an unlabelled last paragraph that opens with
    an author's name): the label is put in front of it."""
    if a.bio is not None and a.bio.label.form == "missing":
        label = a.bio.label
        yield Hit(label.start, label.end, {"canonical": label.canonical}, f"{label.canonical} ")


def _bio_heading(rule, a: Article) -> Iterator[Hit]:
    if a.bio is None or a.bio.label.form == "missing":  # bio-label-missing says so
        return
    anatomy, label = rule.anatomy, a.bio.label
    written = a.text[label.start : label.end]
    several = len(a.authors) > 1
    if _is_real_heading(label, written):
        want = anatomy.bio_plural_heading if several else anatomy.bio.heading
    else:
        want = anatomy.bio_plural if several else anatomy.bio.label
    plural_ok = norm_label(written.strip("#*_ :")) == norm_label(want.strip(":"))
    if not label.exact or (a.authors and not plural_ok):
        yield _label_hit(a, label, canonical=want, fix=want)


def _bio_authors(rule, a: Article) -> Iterator[Hit]:
    if a.bio is None or not a.authors:
        return
    bio = " ".join(a.text[s:e] for s, e in a.bio.segments)
    missing = [n for n in a.authors if not _names(n.split()[-1], bio)]
    if missing:
        yield _label_hit(
            a, a.bio.label, missing=" and ".join(missing), authors=_count(len(a.authors), "author")
        )


def _names(surname: str, text: str) -> bool:
    """Whether the text names this surname as a whole word, in any case."""
    return re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text, re.IGNORECASE) is not None


def _content_after_bio(rule, a: Article) -> Iterator[Hit]:
    if a.bio is not None and a.trailing:
        words = sum(a.span_words(b.start, b.end) for b in a.trailing)
        yield Hit(
            a.trailing[0].start,
            a.trailing[-1].end,
            {"paragraphs": _count(len(a.trailing), "paragraph"), "words": _count(words, "word")},
        )


def _count(n: int, noun: str) -> str:
    """'1 paragraph', '2 paragraphs'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _label_hit(a: Article, label: Label, fix: str | None = None, **params: object) -> Hit:
    written = a.text[label.start : label.end]
    return Hit(
        label.start, label.end, {"label": written, "canonical": label.canonical, **params}, fix
    )


def _canonical(rule, a: Article, label: Label) -> str:
    """The house form of a label in the article's own format, keeping an accepted spelling.

    "Conclusions:" becomes "CONCLUSIONS:" (both forms are published), "Summary:" "CONCLUSION:".
    """
    spec = next(s for s in rule.anatomy.sections if s.name == label.section)
    written = a.text[label.start : label.end]
    name = norm_label(written.strip("#*_: \t"))
    form = next((f for f in spec.forms if norm_label(f) == name), None)
    if _is_real_heading(label, written):  # a real heading in Markdown or Word keeps that form
        return form.capitalize() if form else spec.heading
    return f"{form}:" if form else spec.label


def _is_real_heading(label: Label, written: str) -> bool:
    """A heading of the format (Markdown, Word), not heading marks typed into plain text."""
    return label.form == "heading" and not written.startswith("#")


_CHECKS: dict[str, Callable[..., Iterator[Hit]]] = {
    "not-a-brief": _not_a_brief,
    "byline-missing": _byline_missing,
    "byline-format": _byline_format,
    "byline-ampersand": _byline_ampersand,
    "lead-missing": _lead_missing,
    "lead-label": _lead_label,
    "photo-credit-missing": _photo_missing,
    "photo-credit-format": _photo_format,
    "section-missing": _section_missing,
    "section-order": _section_order,
    "section-duplicate": _section_duplicate,
    "section-empty": _section_empty,
    "heading-variant": _heading_variant,
    "bio-missing": _bio_missing,
    "bio-label-missing": _bio_label_missing,
    "bio-heading": _bio_heading,
    "bio-authors": _bio_authors,
    "content-after-bio": _content_after_bio,
}
