"""Property tests: hostile and mutated input through the readers, the structure finder and rules.

Random Unicode (controls, astral characters, bidi and zero-width marks, NBSP, every line end),
documents assembled from the house's own parts (bylines, labels, credits, directives, Markdown
marks) and mutations of the real sample issue are fed, as bytes in several encodings, to the
text and Markdown readers; random bytes and damaged zips of a small valid .docx to the Word
reader. Whatever comes in:

- a reader raises nothing but InputError;
- blocks, articles and every part of an article lie inside the text, in order, not overlapping;
- every finding's span lies inside the text, its line and column are `Source.position` of its
  ends, its `text` is exactly the source slice, and the same input gives the same findings.

The house rule set is every rule but the proofreading ones (`--proofing off`). With CI set, the
profile is derandomized (the same examples on every run); the example database is off either
way (Hypothesis still keeps caches in `.hypothesis/`, which git-ignores itself).
BRIEFCHECK_FUZZ=N runs N times as many examples.
"""

from __future__ import annotations

import codecs
import io
import os
import struct
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcheck.document import SCOPES, InputError, Source
from briefcheck.engine import RuleSet, check_source
from briefcheck.fixes import fix_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.structure import find_articles

settings.register_profile(
    "briefcheck",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("briefcheck-ci", settings.get_profile("briefcheck"), derandomize=True)
settings.load_profile("briefcheck-ci" if os.environ.get("CI") else "briefcheck")
# BRIEFCHECK_FUZZ=20: twenty times as many examples, a long local hunt (about 6 minutes).
SCALE = float(os.environ.get("BRIEFCHECK_FUZZ", "1"))


def examples(n: int):
    """`settings(max_examples=n)`, scaled by BRIEFCHECK_FUZZ."""
    return settings(max_examples=max(1, round(n * SCALE)))


REPO = Path(__file__).resolve().parents[1]
SAMPLE = (REPO / "submissions" / "analyst-issue.txt").read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines()

PACK = load_pack("analyst")
PROOFING = {"spelling", "grammar", "engine-unavailable"}
RULESET = RuleSet(PACK, tuple(r for r in PACK.rules if r.id not in PROOFING))

# --- strategies ----------------------------------------------------------------------------------

# Characters that have broken text tools before: C0/C1 controls, every line and paragraph
# separator, NBSP and its kin, zero-width and bidi marks, a BOM, a combining mark, U+FFFD,
# astral characters (math letters, emoji, the last plane's private use).
HOSTILE = (
    "\x00\x01\x07\x08\t\x0b\x0c\x1b\x1c\x1f\x7f\x80\x85\x8d\x9f\xa0\xad\u1680\u2007\u202f"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2028\u2029\u2060\u3000\ufeff\u0301\ufffd\U0001d54f\U0001f600\U00010000\U0010fffd"
)
CHARS = st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(HOSTILE))
EOLS = st.sampled_from(["\n", "\r\n", "\r"])

# Pieces of a brief, of its near misses and of the leftovers rules look for.
PIECES = [
    "By Jane Doe",
    "By Ann Lee and Bo Kim",
    "By Ahmad al-Sayed (Tashkent)",
    "BY JOHN SMITH",
    "Author: Jane Doe",
    "By February 2025, Kabul had",
    "A Title Of The Article",
    "# A Title",
    "## Background",
    "BACKGROUND:",
    "Background:",
    "**BACKGROUND:**",
    "CONTEXT:",
    "IMPLICATIONS:",
    "IMPLICATION:",
    "CONCLUSION:",
    "CONCLUSIONS:",
    "AUTHOR BIO:",
    "AUTHORS’ BIO:",
    "ABOUT THE AUTHOR:",
    "KEY ISSUE:",
    "Photo source: NASA.",
    "Photo by Ninara.",
    "Image courtesy of a ministry",
    "the the",
    "tribal are",
    "a understanding",
    "an university",
    "Uzbekistan'ss",
    "tension.As",
    "  ",
    " ,",
    "U.S.",
    "US",
    "US$62 billion",
    "$62 billion",
    "10 percent",
    "10%",
    "toward",
    "towards",
    " -- ",
    " – ",
    "—",
    "“a quote",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "European Bank for Reconstruction and Development (EBRD)",
    "EBRD",
    "Mirziyoev",
    "Uighur",
    "I think we",
    "shameful!",
    "This email address is being protected from spambots.",
    "Email,",
    ".",
    "shutterstock_1234567.jpg",
    "Published in Analytical Articles",
    "03/12/2025",
    "&nbsp;",
    "<p>",
    "â€™",
    "Ã©",
    "<!-- briefcheck: ignore house-typo -- quoted verbatim -->",
    "<!-- briefcheck: disable all -->",
    "<!-- briefcheck: enable all -->",
    "<!-- briefcheck: ignore no-such-rule -->",
    "<!--",
    "-->",
    "```",
    "~~~",
    "---",
    "===",
    "> quoted",
    "- item",
    "1. item",
    "    indented",
]
WORDS = st.text(CHARS, max_size=12)
PIECE = st.one_of(st.sampled_from(PIECES), WORDS, st.sampled_from(SAMPLE_LINES))
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", "", "\t", "\v", "\f"])


@st.composite
def assembled(draw) -> str:
    """A document of brief parts, random text and sample paragraphs, with any separators."""
    parts = draw(st.lists(st.tuples(PIECE, SEPARATORS), max_size=40))
    return "".join(p + s for p, s in parts)


@st.composite
def mutated_sample(draw, window: bool = True) -> str:
    """The sample issue (or a window of it) with lines deleted, duplicated, swapped, edited,
    labels and bylines inserted anywhere, and a random mix of line ends."""
    lines = list(SAMPLE_LINES)
    if window:
        start = draw(st.integers(0, len(lines) - 1))
        lines = lines[start : start + draw(st.integers(1, 25))]
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "edit", "split"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if op == "insert" or not lines:
            lines.insert(i, draw(PIECE))
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            new = draw(st.sampled_from(PIECES)) if op == "edit" else draw(EOLS)
            lines[i] = line[:k] + new + line[k:]
    mixed = draw(st.booleans())
    eol = draw(EOLS)
    ends = [draw(EOLS) if mixed else eol for _ in lines]
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]


@st.composite
def encoded(draw, texts) -> bytes:
    """A text in one of the encodings a submission arrives in, sometimes with stray bytes."""
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(min_size=1, max_size=4)) + data[k:]
    return data


# --- the properties ------------------------------------------------------------------------------


def read(data: bytes, fmt: str) -> Source | None:
    """A reader's Source, or None for an InputError (any other exception fails the test)."""
    name = {"text": "x.txt", "markdown": "x.md", "docx": "x.docx"}[fmt]
    try:
        return read_bytes(data, name, fmt)
    except InputError:
        return None


def assert_spans(spans: list[tuple[int, int]], lo: int, hi: int, what: str) -> None:
    """Spans inside [lo, hi], each well formed, in order and not overlapping."""
    last = lo
    for a, b in sorted(spans):
        assert lo <= a <= b <= hi, f"{what}: {(a, b)} outside {(lo, hi)}"
        assert a >= last, f"{what}: {(a, b)} overlaps the span ending at {last}"
        last = b


def assert_structure(source: Source) -> int:
    """Blocks and articles lie inside the text, in order; the number of articles."""
    n = len(source.text)
    assert_spans([(b.start, b.end) for b in source.blocks], 0, n, "blocks")
    assert [(b.start, b.end) for b in source.blocks] == sorted(
        (b.start, b.end) for b in source.blocks
    )
    articles = find_articles(source, PACK.anatomy)
    assert [a.number for a in articles] == list(range(1, len(articles) + 1))
    assert_spans([(a.start, a.end) for a in articles], 0, n, "articles")
    for art in articles:
        assert art.text is source.text
        parts = [(b.start, b.end) for b in (art.title, art.byline, art.photo) if b is not None]
        parts += [(b.start, b.end) for b in art.preamble + art.photo_candidates + art.trailing]
        parts += list(art.lead)
        if art.lead_label is not None:
            parts.append((art.lead_label.start, art.lead_label.end))
        for section in (*art.sections, *((art.bio,) if art.bio else ())):
            parts.append((section.label.start, section.label.end))
            parts += section.segments
        assert_spans(parts, art.start, art.end, f"article {art.number} parts")
        for scope in SCOPES:
            assert_spans(art.segments(scope), art.start, art.end, f"scope {scope}")
    return len(articles)


def findings_key(source: Source) -> list[tuple]:
    """Every finding of the house rules, checked against the source, as comparable tuples."""
    report = check_source(source, RULESET)
    text, n = source.text, len(source.text)
    out = []
    for f in report.findings:
        assert 0 <= f.start <= f.end <= n, (f.rule, f.start, f.end, n)
        assert (f.line, f.column) == source.position(f.start), f
        assert (f.end_line, f.end_column) == source.position(f.end), f
        assert f.text == text[f.start : f.end], f
        assert f.article is None or 1 <= f.article <= len(report.articles), f
        assert f.fix is None or isinstance(f.fix, str), f
        out.append((f.rule, f.start, f.end, f.article, f.message, f.fix))
    return out


def assert_sound(source: Source | None) -> None:
    """The structure and the findings of a source hold together and repeat exactly."""
    if source is None:
        return
    assert_structure(source)
    # determinism, also through a fresh Source (its line table is built anew)
    assert findings_key(source) == findings_key(replace(source))


# --- text and Markdown ---------------------------------------------------------------------------

FORMATS = st.sampled_from(["text", "markdown"])


@examples(200)
@given(data=st.binary(max_size=600), fmt=FORMATS)
def test_random_bytes(data: bytes, fmt: str) -> None:
    assert_sound(read(data, fmt))


@examples(200)
@given(data=encoded(st.text(CHARS, max_size=400)), fmt=FORMATS)
def test_random_unicode(data: bytes, fmt: str) -> None:
    assert_sound(read(data, fmt))


@examples(250)
@given(data=encoded(assembled()), fmt=FORMATS)
def test_assembled_documents(data: bytes, fmt: str) -> None:
    assert_sound(read(data, fmt))


@examples(150)
@given(data=encoded(mutated_sample()), fmt=FORMATS)
def test_mutated_sample_windows(data: bytes, fmt: str) -> None:
    assert_sound(read(data, fmt))


@examples(25)
@given(data=encoded(mutated_sample(window=False)), fmt=FORMATS)
def test_mutated_whole_sample(data: bytes, fmt: str) -> None:
    assert_sound(read(data, fmt))


@examples(40)
@given(text=st.one_of(assembled(), mutated_sample()), fmt=FORMATS)
def test_fix_loop_on_hostile_text(text: str, fmt: str) -> None:
    """--fix on anything: no exception, and the fixed text reads and checks soundly again."""
    source = read(text.encode("utf-8"), fmt)
    if source is None:
        return
    result = fix_source(source, lambda s: check_source(s, RULESET).findings)
    assert result.original == source.text
    assert result.changed == (result.fixed != source.text)
    assert_sound(read(result.fixed.encode("utf-8"), fmt) if result.fixed.strip() else None)


# --- Word documents ------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ARTICLE = SAMPLE_LINES[: next(i for i, x in enumerate(SAMPLE_LINES) if i and x.startswith("By "))]


def _paragraph(line: str) -> str:
    label, sep, rest = line.partition(": ")
    if sep and label.isupper():  # a bold run-in label, as editors type it in Word
        return (
            f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{escape(label)}:</w:t></w:r>"
            f'<w:r><w:t xml:space="preserve"> {escape(rest)}</w:t></w:r></w:p>'
        )
    return f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>"


def docx_parts(lines: list[str] = ARTICLE) -> dict[str, str]:
    """The parts of a small valid .docx: a heading-styled title, paragraphs, bold labels, a
    tracked insertion and deletion, a table and a comment."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A Title</w:t></w:r></w:p>'
        + "".join(_paragraph(line) for line in lines)
        + "<w:p><w:ins><w:r><w:t>Inserted.</w:t></w:r></w:ins>"
        + "<w:del><w:r><w:delText>Deleted.</w:delText></w:r></w:del>"
        + '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
            "</w:body></w:document>"
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="r2" Type="{REL}/comments" Target="comments.xml"/></Relationships>'
        ),
        "word/styles.xml": (
            f'<w:styles xmlns:w="{W}"><w:style w:styleId="Title"><w:name w:val="Title"/>'
            '</w:style><w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>'
        ),
        "word/comments.xml": (
            f'<w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p><w:r><w:t>Note</w:t></w:r>'
            "</w:p></w:comment></w:comments>"
        ),
    }


def zipped(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of these parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


VALID_DOCX = zipped(docx_parts())


def test_the_docx_fixture_is_a_sound_brief() -> None:
    source = read(VALID_DOCX, "docx")
    assert source is not None and source.review == (2, 1)  # an insertion, a deletion; a comment
    assert source.text.startswith("A Title\nBy Emil Avdaliani\n")
    assert assert_structure(source) == 1
    assert_sound(source)


def read_docx_or_known_bug(data: bytes) -> Source | None:
    """Read a .docx; an InputError is the one allowed failure (it propagates to the caller)."""
    return read(data, "docx")


@examples(100)
@given(data=st.one_of(st.binary(max_size=400), st.binary(max_size=60).map(b"PK\x03\x04".__add__)))
def test_docx_random_bytes(data: bytes) -> None:
    assert_sound(read_docx_or_known_bug(data))


METHODS = st.sampled_from(
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


@st.composite
def damaged_zip(draw) -> bytes:
    """The valid .docx, re-zipped with any method, then bytes flipped, cut, inserted."""
    data = bytearray(zipped(docx_parts(), draw(METHODS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        k = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[k] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[k:]
            if not data:
                data += b"P"
        elif op == "insert":
            data[k:k] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[k : k + draw(st.integers(1, 8))]
            if not data:
                data += b"P"
    return bytes(data)


@examples(300)
@given(data=damaged_zip())
def test_docx_damaged_zip(data: bytes) -> None:
    assert_sound(read_docx_or_known_bug(data))


XML_PIECES = [
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    '<w:t xml:space="preserve">',
    "<w:b/>",
    "<w:rPr>",
    "</w:rPr>",
    "<w:br/>",
    '<w:br w:type="page"/>',
    "<w:tab/>",
    "<w:cr/>",
    "<w:ins>",
    "</w:ins>",
    "<w:del>",
    "</w:del>",
    "<w:vanish/>",
    '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
    '<w:pPr><w:outlineLvl w:val="x"/></w:pPr>',
    "<w:txbxContent>",
    "</w:txbxContent>",
    "&#13;",
    "&#10;",
    "&amp;",
    "&lt;!-- briefcheck: ignore all --&gt;",
    "BACKGROUND:",
    "By Jane Doe",
    "AUTHOR BIO:",
    "<!DOCTYPE d [<!ENTITY e 'x'>]>",
    "&e;",
    "<?pi x?>",
    "<!-- c -->",
    "<![CDATA[<w:p>]]>",
]


@st.composite
def mutated_document_xml(draw) -> bytes:
    """The valid .docx with its document.xml, styles or rels part edited: tag soup, random
    text (escaped or not), a DTD, broken encodings."""
    parts: dict[str, str | bytes] = dict(docx_parts())
    name = draw(st.sampled_from(sorted(parts)))
    xml = str(parts[name])
    for _ in range(draw(st.integers(1, 6))):
        k = draw(st.integers(0, len(xml)))
        piece = draw(
            st.one_of(
                st.sampled_from(XML_PIECES),
                st.text(CHARS, max_size=20).map(escape),
                st.text(CHARS, max_size=8),
            )
        )
        if draw(st.booleans()):
            xml = xml[:k] + piece + xml[k:]
        else:
            xml = xml[:k] + piece + xml[k + draw(st.integers(0, 30)) :]
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    parts[name] = xml.encode(encoding, errors="replace")
    return zipped(parts)


@examples(300)
@given(data=mutated_document_xml())
def test_docx_mutated_parts(data: bytes) -> None:
    assert_sound(read_docx_or_known_bug(data))


# --- bugs found by the properties above (strict: they pass once the reader is fixed) ----------


def _central_directory(data: bytes) -> int:
    return data.rindex(b"PK\x01\x02")


def _with_bytes(data: bytes, at: int, new: bytes) -> bytes:
    return data[:at] + new + data[at + len(new) :]


def _unsupported_version() -> bytes:
    """'version needed to extract' 20.0 in the last central directory entry."""
    return _with_bytes(VALID_DOCX, _central_directory(VALID_DOCX) + 6, struct.pack("<H", 200))


def _bad_directory_offset() -> bytes:
    """The end record places the central directory 100,000 bytes later than it is."""
    end = VALID_DOCX.rindex(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", VALID_DOCX, end + 16)
    return _with_bytes(VALID_DOCX, end + 16, struct.pack("<I", offset + 100_000))


def _damaged_member(method: int) -> bytes:
    """The first member's compressed data overwritten at its start."""
    data = zipped(docx_parts(), method)
    name_len, extra_len = struct.unpack_from("<HH", data, 26)
    return _with_bytes(data, 30 + name_len + extra_len, b"\x00garbage\xff" * 2)


@pytest.mark.parametrize(
    "make",
    [
        _unsupported_version,
        _bad_directory_offset,
        lambda: _damaged_member(zipfile.ZIP_BZIP2),
        lambda: _damaged_member(zipfile.ZIP_LZMA),
    ],
    ids=["unsupported-zip-version", "bad-directory-offset", "damaged-bzip2", "damaged-lzma"],
)
def test_damaged_docx_is_read_or_refused_never_a_crash(make) -> None:
    """Damaged zips once let NotImplementedError/ValueError/OSError/LZMAError escape."""
    try:
        source = read_bytes(make(), "x.docx", "docx")
    except InputError:
        return
    assert_sound(source)


# --- a few hand-picked hostile inputs, always run ------------------------------------------------

HAND_PICKED = [
    "\ufeff\ufeffBy Jane Doe\r\rBACKGROUND:\r\r\r",
    "By Jane Doe\u2028BACKGROUND: x\u2029IMPLICATIONS: y\x85CONCLUSION: z",
    "\u202eBy Jane Doe\u202c\nKEY ISSUE:\n\u200b\nPhoto source: \u200f.\nAUTHOR BIO:",
    "By A B\nBy C D\nBy E F\nBy G H",
    "## Background\n## Background\n# \n#\n####### x\n",
    "<!-- briefcheck: disable all\nBy Jane Doe\nBACKGROUND: the the",
    "a" * 3000 + "\n" + "the the " * 400,
    "\r\n".join(["BACKGROUND:"] * 50),
    "By Jane Doe\n\U0001f600 the the \U0001d54f tribal are\u00a0\u00a0x",
    "---\ntitle: x\n---\nBy Jane Doe\n```\nBACKGROUND:\n",
    "\x00",
    "\x0b\x0c\x1c\x1d\x1e\x1f",
]


@pytest.mark.parametrize("text", HAND_PICKED, ids=range(len(HAND_PICKED)))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_hand_picked(text: str, encoding: str, fmt: str) -> None:
    assert_sound(read(text.encode(encoding, errors="replace"), fmt))


def test_utf16_without_bom_and_a_lone_cr_keep_positions() -> None:
    text = "By Jane Doe\rA lead in the tribal are.\r\nBACKGROUND: x"
    source = read(codecs.encode(text, "utf-16-le"), "text")
    assert source is not None and source.encoding == "utf-16-le"
    found = [f for f in check_source(source, RULESET).findings if f.rule == "house-typo"]
    assert [(f.line, f.column, f.text) for f in found] == [(2, 15, "tribal are")]
