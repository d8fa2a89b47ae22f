"""Word (.docx) reader: one line of text per paragraph of the document body.

`Source.text` is the body's paragraphs joined with "\\n", so a finding's line is the paragraph
number (empty paragraphs count, and a table row counts as one) and its column the character in it.

What is text, deliberately:
- the body's paragraphs in document order, and tables row by row, as Word's plain-text export
  writes them: a row is one line, its cells separated by tabs and a cell's paragraphs by line
  breaks ("\\v"), so that a cell is never taken for a paragraph of its own (a column headed
  "Share" is not a web page's share button);
- tracked insertions and moves-to are text; tracked deletions and moves-from are not (the text is
  read as if every change were accepted); hidden text (`w:vanish`) is not;
- a field counts by its displayed result; tabs are "\\t", line breaks "\\v", page and column
  breaks "\\f" (none of them ends a line, so the paragraph numbering holds);
- not text: footnotes and endnotes (a brief has no place for notes; they are neither checked nor
  counted, and the reference marks add nothing), headers and footers (page chrome), comments,
  and text boxes, shapes and drawings (skipped: their text floats outside the flow, and Word
  stores it twice, as DrawingML and as a VML fallback);
- a paragraph holding only an HTML comment (a briefcheck directive) is no block, as in .txt.

Blocks: a paragraph in a Title or Heading 1–9 style (by style name, also through `basedOn`, or by
outline level) is a heading; a paragraph opening with a short bold run ending in ":" (a run-in
label such as "BACKGROUND:") carries the style hint `bold-label`.

Safety: the zip directory is checked before anything is unpacked (total and per-part sizes,
compression ratio), parts are stream-read with a cap, and XML is parsed by the standard library
with a DTD refused outright (OOXML forbids DTDs), so no entity can be declared or expanded.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from xml.etree.ElementTree import ParseError, XMLParser

from ..document import Block, InputError, Source
from .text import WS, is_comment, strip_span

MAX_TOTAL = 50 * 1024 * 1024  # declared uncompressed size of the whole package
MAX_PART = 20 * 1024 * 1024  # declared and actual uncompressed size of one part
MAX_RATIO = 100  # uncompressed : compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
CHUNK = 64 * 1024
LABEL_MAX_WORDS = 5  # "CONCLUDING REMARKS:", "AUTHORS’ BIO:" …

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc and encrypted Office files
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the OLE stream of an encrypted .docx
MAIN_PART = "word/document.xml"

_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",)
_W_STRICT = ("http://purl.oclc.org/ooxml/wordprocessingml/main",)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W_NS = frozenset(_W + _W_STRICT)

# Subtrees that are not body text: deletions, moves-from, old properties of a tracked formatting
# change, text boxes and drawings, the MC choice (its fallback is read), content-control
# properties, ruby annotations.
_SKIP = frozenset(
    {"w:del", "w:moveFrom", "w:delText", "w:delInstrText", "w:instrText", "w:txbxContent"}
    | {"w:drawing", "w:pict", "w:object", "mc:Choice", "w:sdtPr", "w:rt", "w:fldData"}
    | {"w:pPrChange", "w:rPrChange", "w:sectPrChange", "w:tblPrChange", "w:tblPrExChange"}
    | {"w:trPrChange", "w:tcPrChange", "w:tblGridChange", "w:numberingChange"}
)
# Revision marks: each one is an unresolved tracked change.
_REVISIONS = frozenset(
    {"w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:cellIns", "w:cellDel", "w:cellMerge"}
    | {"w:pPrChange", "w:rPrChange", "w:sectPrChange", "w:tblPrChange", "w:tblPrExChange"}
    | {"w:trPrChange", "w:tcPrChange", "w:tblGridChange", "w:numberingChange"}
)
_RUN_TEXT = {"w:tab": "\t", "w:ptab": "\t", "w:cr": "\v", "w:noBreakHyphen": "-"}
_OFF = frozenset({"0", "false", "off", "none"})
_HEADING_NAME = re.compile(r"heading ([1-9])")
_HEADING_ID = re.compile(r"(?i)heading([1-9])")


class _Refused(Exception):
    """Raised inside the XML parser to stop it; carries the InputError message."""


@cache
def _qname(tag: str) -> str:
    """'{ns}local' → 'w:local' (either WordprocessingML namespace), 'mc:local', else 'local'."""
    ns, _, local = tag[1:].rpartition("}")
    if ns in _W_NS:
        return "w:" + local
    if ns == _MC:
        return "mc:" + local
    return local


def _val(attrib: dict[str, str], name: str = "val") -> str | None:
    """A WordprocessingML attribute such as w:val, in either namespace."""
    for ns in _W + _W_STRICT:
        value = attrib.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def _on(attrib: dict[str, str]) -> bool:
    """A toggle property (`<w:b/>`, `<w:b w:val="0"/>`)."""
    return (_val(attrib) or "1").lower() not in _OFF


def _level(value: str | None) -> int | None:
    """An outline level attribute as an int, or None when absent or malformed."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- the zip package ---------------------------------------------------------------------------


class _Package:
    """A .docx zip whose directory has been checked; parts are read with caps."""

    def __init__(self, data: bytes) -> None:
        _check_magic(data)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            ValueError,
            EOFError,
            OSError,
            NotImplementedError,
        ):
            raise InputError(_not_zip(data)) from None
        _check_sizes(infos)
        self.parts = {i.filename.lower(): i for i in infos if not i.is_dir()}
        self.budget = MAX_TOTAL

    def has(self, name: str) -> bool:
        """Whether the package holds this part (part names are case-insensitive)."""
        return name.lower() in self.parts

    def chunks(self, name: str) -> Iterator[bytes]:
        """The bytes of a part in chunks, refusing more than MAX_PART or the package budget."""
        info = self.parts[name.lower()]
        cap, read = min(MAX_PART, self.budget), 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(CHUNK):
                    read += len(chunk)
                    if read > cap:  # the directory lied about the size
                        raise InputError(f"refused: {name} unpacks to more than {cap:,} bytes")
                    yield chunk
        except (
            zipfile.BadZipFile,
            zlib.error,
            lzma.LZMAError,
            EOFError,
            NotImplementedError,
            RuntimeError,
            ValueError,
            OSError,
        ):
            raise InputError(f"corrupt .docx file ({name} cannot be unpacked)") from None
        self.budget -= read

    def parse(self, name: str, target: object) -> None:
        """Feed a part to an XML parser calling `target`; refuse a DTD or malformed XML."""
        parser = XMLParser(target=target)
        try:
            for chunk in self.chunks(name):
                parser.feed(chunk)
            parser.close()
        except _Refused as err:
            raise InputError(str(err).format(name=name)) from None
        except ParseError:
            raise InputError(f"corrupt .docx file ({name} is not well-formed XML)") from None

    def relationships(self, source: str) -> dict[str, str]:
        """Relationship type (its last path segment) → target part, for a part ('' = package)."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        target = _Rels(folder)
        self.parse(rels, target)
        return target.found


def _check_magic(data: bytes) -> None:
    """Refuse an OLE compound file: an encrypted .docx or a legacy .doc under a .docx name."""
    if not data.startswith(OLE_MAGIC):
        return
    if ENCRYPTED in data:
        raise InputError(
            "the .docx is password-protected (encrypted); remove the password and save it again"
        )
    raise InputError("a legacy Word .doc file, not a .docx; save it as .docx")


def _not_zip(data: bytes) -> str:
    if data.startswith(b"PK"):
        return "corrupt .docx file (the zip archive is damaged)"
    return "not a .docx file (not a zip archive)"


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from its directory alone: sizes and ratios as declared."""
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise InputError(
            f"refused: the .docx unpacks to {total:,} bytes (the limit is {MAX_TOTAL:,})"
        )
    for i in infos:
        if i.file_size > MAX_PART:
            raise InputError(
                f"refused: {i.filename} unpacks to {i.file_size:,} bytes "
                f"(the limit is {MAX_PART:,} per part)"
            )
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise InputError(
                f"refused: {i.filename} is compressed {ratio:,} to 1 "
                f"(the limit is {MAX_RATIO} to 1 for parts over {RATIO_FLOOR:,} bytes)"
            )


class _Target:
    """Base of the XML parser targets: refuse a DTD, keep the element path."""

    def __init__(self) -> None:
        self.path: list[str] = []

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused("refused: {name} declares a DTD, which a .docx may not")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.path.append(_qname(tag))

    def end(self, tag: str) -> None:
        self.path.pop()

    def data(self, text: str) -> None:
        """Character data; ignored unless a subclass wants it."""

    def close(self) -> None:
        """End of the document."""

    def parent(self, depth: int = 1) -> str:
        """The name of the element `depth` levels above the current one ('' at the top)."""
        return self.path[-1 - depth] if len(self.path) > depth else ""


class _Rels(_Target):
    """Collects `Relationship` targets of a .rels part, resolved against the source folder."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder
        self.found: dict[str, str] = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        super().start(tag, attrib)
        kind, target = attrib.get("Type", ""), attrib.get("Target", "")
        if self.path[-1] != "Relationship" or attrib.get("TargetMode") == "External" or not target:
            return
        path = target[1:] if target.startswith("/") else posixpath.join(self.folder, target)
        self.found.setdefault(kind.rsplit("/", 1)[-1], posixpath.normpath(path))


# --- styles ------------------------------------------------------------------------------------


@dataclass
class _Style:
    """What the reader needs of one style definition."""

    name: str = ""
    based_on: str = ""
    outline: int | None = None
    bold: bool | None = None


class _Styles(_Target):
    """Parses styles.xml and answers heading levels and boldness through `basedOn` chains."""

    def __init__(self) -> None:
        super().__init__()
        self.styles: dict[str, _Style] = {}
        self.current: _Style | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        super().start(tag, attrib)
        name, up, style = self.path[-1], self.parent(), self.current
        own = self.parent(2) == "w:style"  # the style's own pPr/rPr, not a table-part's
        if name == "w:style" and up == "w:styles":
            self.current = self.styles.setdefault(_val(attrib, "styleId") or "", _Style())
        elif style is None:
            return
        elif up == "w:style" and name == "w:name":
            style.name = _val(attrib) or ""
        elif up == "w:style" and name == "w:basedOn":
            style.based_on = _val(attrib) or ""
        elif own and up == "w:pPr" and name == "w:outlineLvl":
            style.outline = _level(_val(attrib))
        elif own and up == "w:rPr" and name == "w:b":
            style.bold = _on(attrib)

    def end(self, tag: str) -> None:
        if self.path[-1] == "w:style":
            self.current = None
        super().end(tag)

    def chain(self, style_id: str) -> Iterator[tuple[str, _Style]]:
        """The style and those it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style_id, style
            style_id = style.based_on

    def heading_level(self, style_id: str) -> int:
        """1–9 for a Title or Heading style (or one based on it, or with an outline level)."""
        if style_id and style_id not in self.styles:
            m = _HEADING_ID.fullmatch(style_id)  # no styles part: Word's built-in style ids
            return int(m.group(1)) if m else int(style_id.lower() == "title")
        for _, style in self.chain(style_id):
            name = style.name.lower()
            if m := _HEADING_NAME.fullmatch(name):
                return int(m.group(1))
            if name == "title":
                return 1
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline < 9 else 0
        return 0

    def bold(self, style_id: str) -> bool | None:
        """Whether a style (through its chain) sets bold; None when none of them says."""
        return next((s.bold for _, s in self.chain(style_id) if s.bold is not None), None)


# --- the document body -------------------------------------------------------------------------


@dataclass
class _Run:
    """One run: its text pieces and direct properties."""

    text: list[str] = field(default_factory=list)
    bold: bool | None = None
    style: str = ""
    hidden: bool = False


@dataclass
class _Para:
    """One paragraph: its style, outline level and runs as (text, bold) pairs."""

    style: str = ""
    outline: int | None = None
    runs: list[tuple[str, bool]] = field(default_factory=list)
    run: _Run | None = None

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(t for t, _ in self.runs)


class _Body(_Target):
    """Walks document.xml: paragraphs with their runs, revision marks, comment references."""

    def __init__(self, styles: _Styles) -> None:
        super().__init__()
        self.styles = styles
        self.paragraphs: list[_Para] = []
        self.open: list[_Para] = []
        self.rows: list[list[list[_Para]]] = []  # open table rows: their cells' paragraphs
        self.skip = 0  # depth inside a skipped subtree
        self.in_text = False
        self.revisions = 0
        self.comment_refs = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        super().start(tag, attrib)
        name = self.path[-1]
        if len(self.path) == 1 and name != "w:document":
            raise _Refused("not a Word document ({name} is not WordprocessingML)")
        if self.skip:
            self.skip += 1
            return
        self.revisions += name in _REVISIONS
        if name in _SKIP:
            self.skip = 1
        elif name == "w:p":
            self.open.append(_Para())
        elif name == "w:tr":
            self.rows.append([])
        elif name == "w:tc" and self.rows:
            self.rows[-1].append([])
        elif self.open:
            self._inside_paragraph(name, attrib, self.open[-1])

    def _inside_paragraph(self, name: str, attrib: dict[str, str], para: _Para) -> None:
        up, run = self.parent(), para.run
        if name == "w:r":
            para.run = _Run()
        elif up == "w:pPr" and self.parent(2) == "w:p":
            if name == "w:pStyle":
                para.style = _val(attrib) or ""
            elif name == "w:outlineLvl":
                para.outline = _level(_val(attrib))
        elif run is None or self.parent(2 if up == "w:rPr" else 1) != "w:r":
            self.comment_refs += name == "w:commentReference"
        elif up == "w:rPr":
            if name == "w:b":
                run.bold = _on(attrib)
            elif name == "w:rStyle":
                run.style = _val(attrib) or ""
            elif name == "w:vanish":
                run.hidden = _on(attrib)
        elif name == "w:t":
            self.in_text = True
        elif name == "w:br":
            run.text.append("\f" if _val(attrib, "type") in ("page", "column") else "\v")
        elif name in _RUN_TEXT:
            run.text.append(_RUN_TEXT[name])
        elif name == "w:commentReference":
            self.comment_refs += 1

    def end(self, tag: str) -> None:
        name = self.path[-1]
        super().end(tag)
        if self.skip:
            self.skip -= 1
        elif name == "w:t":
            self.in_text = False
        elif name == "w:r" and self.open and self.open[-1].run is not None:
            self._close_run(self.open[-1])
        elif name == "w:p" and self.open:
            self._add(self.open.pop())
        elif name == "w:tr" and self.rows:
            self._add(_row(self.rows.pop()))

    def _add(self, para: _Para) -> None:
        """A finished paragraph (or table row) to the cell that holds it, else to the body."""
        if self.rows and self.rows[-1]:
            self.rows[-1][-1].append(para)
        else:
            self.paragraphs.append(para)

    def _close_run(self, para: _Para) -> None:
        run, para.run = para.run, None
        if run is None or run.hidden:
            return
        bold = run.bold
        if bold is None:
            bold = self.styles.bold(run.style)
        if bold is None:
            bold = self.styles.bold(para.style)
        para.runs.append(("".join(run.text), bool(bold)))

    def data(self, text: str) -> None:
        if self.in_text and not self.skip and self.open and self.open[-1].run is not None:
            # A line end typed inside w:t shows as a space; it must not end a line here.
            self.open[-1].run.text.append(text.replace("\r", " ").replace("\n", " "))


def _row(cells: list[list[_Para]]) -> _Para:
    """A table row as one paragraph: cells joined by tabs, a cell's paragraphs by line breaks."""
    row = _Para()
    for i, cell in enumerate(cells):
        if i:
            row.runs.append(("\t", False))
        for j, para in enumerate(cell):
            if j:
                row.runs.append(("\v", False))
            row.runs.extend(para.runs)
    return row


class _Comments(_Target):
    """Counts the comments of a comments part."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        super().start(tag, attrib)
        self.count += self.path[-1] == "w:comment" and self.parent() == "w:comments"


# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Parsed:
    """A parsed .docx: body paragraphs, styles, revision marks and comments."""

    paragraphs: list[_Para]
    styles: _Styles
    revisions: int
    comments: int


def _parse(data: bytes) -> _Parsed:
    """Open, check and parse the package's main document, its styles and its comments."""
    pkg = _Package(data)
    main = pkg.relationships("").get("officeDocument", MAIN_PART)
    if not pkg.has(main):
        raise InputError(f"not a Word document (the zip has no {main})")
    rels = pkg.relationships(main)
    folder = posixpath.dirname(main)
    styles = _Styles()
    styles_part = rels.get("styles", posixpath.join(folder, "styles.xml"))
    if pkg.has(styles_part):
        pkg.parse(styles_part, styles)
    body = _Body(styles)
    pkg.parse(main, body)
    comments = _Comments()
    comments_part = rels.get("comments", posixpath.join(folder, "comments.xml"))
    if pkg.has(comments_part):
        pkg.parse(comments_part, comments)
    return _Parsed(body.paragraphs, styles, body.revisions, max(comments.count, body.comment_refs))


def _is_label(runs: list[tuple[str, bool]]) -> bool:
    """Whether the paragraph opens with a short bold run-in label ("BACKGROUND:" in bold)."""
    k = 0
    while k < len(runs) and (runs[k][1] or not runs[k][0].strip(WS)):
        k += 1
    head = "".join(t for t, _ in runs[:k]).strip(WS)
    rest = "".join(t for t, _ in runs[k:]).lstrip(WS)
    if not head or len(head.split()) > LABEL_MAX_WORDS or not any(c.isalpha() for c in head):
        return False
    return head.endswith(":") or rest.startswith(":")


def _block(text: str, start: int, end: int, para: _Para, styles: _Styles) -> Block | None:
    """The block of one paragraph (text[start:end]), or None when blank or only a comment."""
    span = strip_span(text, start, end)
    if span is None or is_comment(text, span):
        return None
    level = styles.heading_level(para.style)
    if para.outline is not None:  # a direct outline level beats the style's (9 = body text)
        level = para.outline + 1 if 0 <= para.outline < 9 else 0
    if level:
        return Block(*span, kind="heading", level=level)
    return Block(*span, style="bold-label" if _is_label(para.runs) else "")


def read_docx(display: str, data: bytes) -> Source:
    """Read a .docx submission: a line per body paragraph, blocks for the non-empty ones."""
    parsed = _parse(data)
    lines = [p.text for p in parsed.paragraphs]
    text = "\n".join(lines)
    blocks: list[Block] = []
    start = 0
    for para, line in zip(parsed.paragraphs, lines, strict=True):
        end = start + len(line)
        if (block := _block(text, start, end, para, parsed.styles)) is not None:
            blocks.append(block)
        start = end + 1
    if not blocks:
        raise InputError("file is empty (the document has no text)")
    review = (parsed.revisions, parsed.comments)
    return Source(
        path=display,
        text=text,
        blocks=tuple(blocks),
        encoding="docx",
        format="docx",
        review=review,
    )


def docx_review_state(data: bytes) -> tuple[int, int]:
    """(unresolved tracked changes, comments) in a .docx body; InputError as read_docx."""
    parsed = _parse(data)
    return parsed.revisions, parsed.comments
