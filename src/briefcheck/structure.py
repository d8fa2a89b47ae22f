"""Find the articles in a source and their parts: title, byline, lead, photo, sections, bio."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefcheck.anatomy import Anatomy, norm_label
from briefcheck.document import Article, Block, Label, Section, Source, count_words
from briefcheck.readers.text import SENTENCE_END, WRAP_MAX

_MARKUP = "*_ \t"
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_WS = re.compile(r"\s*")
_SUFFIX = re.compile(r"\s*[(|–—;]|\s-\s")
# One line end, nothing else, between two blocks.
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_DEGREE = re.compile(r"^(?:Ph\.?D|M\.?A|M\.?Sc|Dr|Jr|Sr|Prof)\.?$")


def find_articles(source: Source, anatomy: Anatomy) -> list[Article]:
    """Split a source into articles at bylines and find the parts of each."""
    blocks = source.blocks
    if not blocks:
        return []
    text = source.text
    texts = [text[b.start : b.end] for b in blocks]
    labels = [_label(text, b, anatomy, source.format) for b in blocks]
    bylines = [
        i
        for i, t in enumerate(texts)
        if i + 1 < len(blocks) and _is_byline(t, anatomy) and not labels[i]
    ]
    if not bylines:
        # No "By …" line: one article; a byline-like line at the top is still taken as its byline.
        loose = _loose_byline(texts, labels, anatomy)
        return [_Builder(source, anatomy, labels, 1, 0, len(blocks), loose).build()]
    starts = []
    for k, i in enumerate(bylines):
        floor = 0 if k == 0 else bylines[k - 1] + 1
        begins = (
            i - 1
            if i - 1 >= floor and _is_title(texts[i - 1], blocks[i - 1], labels[i - 1], anatomy)
            else i
        )
        starts.append((0 if k == 0 else begins, i))
    articles = []
    for k, (begin, byline) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(blocks)
        articles.append(_Builder(source, anatomy, labels, k + 1, begin, end, byline).build())
    return articles


def authors_of(byline: str, anatomy: Anatomy) -> tuple[str, ...]:
    """The author names in a byline ("By A, B and C" → A, B, C), suffixes and degrees dropped."""
    rest = _strip_prefix(byline.strip(_MARKUP), anatomy)
    names, _ = _byline_parts(rest, anatomy)
    parts = (n.strip(_MARKUP + ".") for n in _AUTHOR_SPLIT.split(names))
    return tuple(n for n in parts if n and not _DEGREE.match(n))


def byline_affiliation(byline: str, anatomy: Anatomy) -> tuple[int, int] | None:
    """Where a byline names an affiliation after the names ("By Jane Doe, Director of the
    Institute …"): the span, in `byline`, from the comma to the end of the affiliation (before
    a suffix in brackets or after a dash); None when it has none."""
    text = byline.rstrip(_MARKUP).rstrip(".")
    rest = _strip_prefix(text.lstrip(_MARKUP), anatomy)
    names, head = _byline_parts(rest, anatomy)
    head = head.rstrip()
    if len(names) >= len(head):
        return None
    start = text.index(rest) + len(names)
    return start, start + len(head) - len(names)


def _byline_parts(rest: str, anatomy: Anatomy) -> tuple[str, str]:
    """(names, head) of a byline's text after "By": `head` is all before a suffix in brackets
    or after a dash; `names` its start before an affiliation after a comma (the first
    comma-separated part that is not names alone: "Jane Doe, Director of the Institute …",
    "Jane Doe, a researcher at …")."""
    head = _SUFFIX.split(rest, maxsplit=1)[0]
    parts = head.split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        if not _capitalised(part, anatomy):
            break
        kept.append(part)
    return ",".join(kept).rstrip(), head


def _capitalised(names: str, anatomy: Anatomy) -> bool:
    """Whether every word is capitalised or a name connector ("and", "bin", "de" …)."""
    connectors = anatomy.byline.connectors
    for tok in names.split():
        head = re.split(r"[-’']", tok, maxsplit=1)[0]
        if tok in connectors or head in connectors:
            continue
        if not tok[:1].isupper():
            return False
    return True


def _strip_prefix(text: str, anatomy: Anatomy) -> str:
    if text.startswith(anatomy.byline.prefix + " "):
        return text[len(anatomy.byline.prefix) + 1 :].strip()
    m = anatomy.byline_loose.match(text + " ")
    return text[m.end() :].strip() if m else text


def _names_only(rest: str, anatomy: Anatomy) -> bool:
    """Whether the text after 'By' is a list of names (a suffix in brackets or after a dash, or
    an affiliation after a comma, is ok).

    "Jane Doe and John Roe", "JANE DOE", "Syed Fazl-e-Haider, PhD", "Jane Doe, Director of the
    Institute …" are names; "2030 Kazakhstan will…", "contrast, Uzbekistan has…", "March 2024
    the talks…" are sentences.
    """
    names, head = (x.strip().rstrip(".") for x in _byline_parts(rest, anatomy))
    tokens = names.replace(",", " ").split()
    if not tokens or len(tokens) > anatomy.byline.max_words:
        return False
    if len(names) < len(head):  # an affiliation follows: "By Tuesday, the ministry …" must not pass
        authors = [n for n in _AUTHOR_SPLIT.split(names) if n.strip()]
        if any(len(n.split()) < 2 for n in authors) or len(head.split()) > 2 * len(tokens) + 12:
            return False
    return _capitalised(names.replace(",", " "), anatomy)


def _is_byline(text: str, anatomy: Anatomy) -> bool:
    """A house byline: 'By' and names on one line, optionally a suffix."""
    text = text.strip(_MARKUP)
    prefix = anatomy.byline.prefix + " "
    return (
        text.startswith(prefix) and "\n" not in text and _names_only(text[len(prefix) :], anatomy)
    )


def _loose_byline(texts: list[str], labels: list[Label | None], anatomy: Anatomy) -> int | None:
    """A byline-like line not in the house form ("BY JANE DOE", "Author: …") at the top."""
    for i in range(min(2, len(texts) - 1)):
        t = texts[i].strip(_MARKUP)
        if (
            labels[i] is None
            and "\n" not in t
            and anatomy.byline_loose.match(t + " ")
            and _names_only(_strip_prefix(t, anatomy), anatomy)
        ):
            return i
    return None


def _is_title(text: str, block: Block, label: Label | None, anatomy: Anatomy) -> bool:
    if label is not None:
        return False
    if block.kind == "heading":
        return True
    n = count_words(text)
    return (
        0 < n <= anatomy.title_max_words and "\n" not in text and text.rstrip()[-1:] not in ".,;:"
    )


def _label(text: str, block: Block, anatomy: Anatomy, fmt: str) -> Label | None:
    """The label that opens a block, if any, with how far it is from the house form."""
    raw = text[block.start : block.end]
    m = anatomy.label_regex.match(raw)
    if not m:
        return None
    name = m.group("name")
    colon = bool(m.group("colon") or m.group("colon2"))
    rest = raw[m.end() :].strip()
    heading = block.kind == "heading" or bool(m.group("hash"))
    bold = bool(m.group("open")) and m.group("open") == (m.group("close") or "")
    if not (colon or not rest or name.isupper() or heading):
        return None  # "Background checks were…" is prose, not a label
    spec = anatomy.label_specs[norm_label(name)]
    in_forms = norm_label(name) in {norm_label(f) for f in spec.forms}
    if block.kind == "heading":
        form, exact = "heading", in_forms and fmt != "text"
    elif m.group("hash"):
        form, exact = "heading", False  # Markdown heading marks typed into a plain-text file
    elif bold:
        form = "bold"
        exact = in_forms and fmt != "text" and name.isupper() and colon and not m.group("space")
    else:
        form = "run-in" if rest else "plain-line"
        exact = (
            in_forms
            and name == name.upper()
            and bool(m.group("colon"))
            and not m.group("space")
            and not m.group("open")
            and not m.group("close")
            and name.replace("'", "’") in {f.replace("'", "’") for f in spec.forms}
        )
    end = block.start + m.end()
    return Label(block.start, end, spec.name, spec.label, bool(exact), form)


@dataclass
class _Builder:
    """Walks the blocks of one article and assigns each to a part."""

    source: Source
    anatomy: Anatomy
    labels: list[Label | None]
    number: int
    begin: int
    end: int
    byline: int | None
    lead: list[tuple[int, int]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def build(self) -> Article:
        """Assign the blocks to parts and return the article."""
        blocks = self.source.blocks[self.begin : self.end]
        text = self.source.text
        title = None
        preamble: list[Block] = []
        first = self.begin
        if self.byline is not None:
            before = list(range(self.begin, self.byline))
            if len(before) == 1 and _is_title(
                text[blocks[0].start : blocks[0].end],
                blocks[0],
                self.labels[self.begin],
                self.anatomy,
            ):
                title = blocks[0]
            else:
                preamble = [self.source.blocks[i] for i in before]
            first = self.byline + 1
        elif self.source.blocks[self.begin].kind == "heading" and not self.labels[self.begin]:
            title = self.source.blocks[self.begin]
            first = self.begin + 1
        photo: Block | None = None
        candidates: list[Block] = []
        lead_label: Label | None = None
        bio: Section | None = None
        trailing: list[Block] = []
        current: tuple[Label, list[tuple[int, int]]] | None = None
        for i in range(first, self.end):
            block, label = self.source.blocks[i], self.labels[i]
            if bio is not None:
                if not bio.segments and not trailing:
                    # a bio heading on its own line ("## Author bio"): the next paragraph is the bio
                    bio = Section(bio.name, bio.label, ((block.start, block.end),))
                elif not trailing and self._continues(bio.segments[-1][1], block):
                    bio = Section(bio.name, bio.label, (*bio.segments, (block.start, block.end)))
                else:
                    trailing.append(block)
                continue
            if (
                label is not None
                and label.section == "key_issue"
                and current is None
                and not self.lead
            ):
                lead_label = label
                self._add(self.lead, label.end, block.end)
                continue
            if label is not None and label.section != "key_issue":
                if current is not None:
                    self._close(current)
                current = (label, [])
                self._add(current[1], label.end, block.end)
                if label.section == self.anatomy.bio.name:
                    bio = self._section(current)
                    current = None
                continue
            if current is not None:
                current[1].append((block.start, block.end))
            elif self._is_photo(block):
                if photo is None:
                    photo = block
                else:
                    candidates.append(block)
            else:
                self.lead.append((block.start, block.end))
        if current is not None:
            self._close(current)
        all_blocks = self.source.blocks[self.begin : self.end]
        byline_block = self.source.blocks[self.byline] if self.byline is not None else None
        authors = (
            authors_of(text[byline_block.start : byline_block.end], self.anatomy)
            if byline_block
            else ()
        )
        if bio is None:
            bio = self._unlabelled_bio(authors)
        is_brief = byline_block is not None or bool(self.sections)
        return Article(
            number=self.number,
            text=text,
            start=all_blocks[0].start,
            end=all_blocks[-1].end,
            title=title,
            byline=byline_block,
            authors=authors,
            preamble=tuple(preamble),
            lead=tuple(self.lead),
            lead_label=lead_label,
            photo=photo,
            photo_candidates=tuple(candidates),
            sections=tuple(self.sections),
            bio=bio,
            trailing=tuple(trailing),
            blocks=tuple(all_blocks),
            is_brief=is_brief,
        )

    def _unlabelled_bio(self, authors: tuple[str, ...]) -> Section | None:
        """The last paragraph of the last section when it is a bio without its label: it
        opens with a byline author's name, or several ("Jane Doe and John Roe"), and one of the
        anatomy's `bio_openings` ("Jane Doe is an analyst …"), and the section keeps a
        paragraph of its own. It leaves the section
        and becomes the bio, its label an empty span where the label belongs (form "missing")."""
        opening = self.anatomy.bio_opening
        if opening is None or not authors or not self.sections:
            return None
        last = self.sections[-1]
        if len(last.segments) < 2:
            return None
        start, end = last.segments[-1]
        text = self.source.text
        at = start
        while at < end and text[at] in _MARKUP:
            at += 1
        alt = "|".join(re.escape(n) for n in sorted(authors, key=len, reverse=True))
        names = re.compile(rf"(?:{alt})(?:(?:{_AUTHOR_SPLIT.pattern})(?:{alt}))*")
        found = names.match(text, at, end)  # "Jane Doe", or "Jane Doe and John Roe"
        if found is None or opening.match(text, found.end(), end) is None:
            return None
        self.sections[-1] = Section(last.name, last.label, last.segments[:-1])
        bio = self.anatomy.bio
        canonical = self.anatomy.bio_plural if len(authors) > 1 else bio.label
        label = Label(start, start, bio.name, canonical, exact=False, form="missing")
        return Section(bio.name, label, ((start, end),))

    def _add(self, into: list[tuple[int, int]], start: int, end: int) -> None:
        start = _WS.match(self.source.text, start).end()
        if start < end:
            into.append((start, end))

    def _section(self, current: tuple[Label, list[tuple[int, int]]]) -> Section:
        label, segments = current
        return Section(label.section, label, tuple(segments))

    def _close(self, current: tuple[Label, list[tuple[int, int]]]) -> None:
        self.sections.append(self._section(current))

    def _continues(self, end: int, block: Block) -> bool:
        """Whether a block goes on with a sentence left open at `end` on the line before it: a
        text hard-wrapped with no blank lines between paragraphs gives a block per line (where
        the reader could not tell it was wrapped). Only for lines as short as wrapped ones (the
        reader's WRAP_MAX, its sentence end): where a line is a whole paragraph, one that ends
        without a full stop is still a paragraph of its own."""
        text = self.source.text
        if _LINE_BREAK.fullmatch(text, end, block.start) is None:
            return False
        line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
        if end - line_start > WRAP_MAX:
            return False
        return SENTENCE_END.search(text, max(0, end - 16), end) is None  # the end only

    def _is_photo(self, block: Block) -> bool:
        raw = self.source.text[block.start : block.end].strip(_MARKUP)
        if count_words(raw) > self.anatomy.photo.max_words or "\n" in raw:
            return False
        return any(p.match(raw) for p in self.anatomy.photo_accepted) or bool(
            self.anatomy.photo_candidate.match(raw)
        )
