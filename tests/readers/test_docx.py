"""Word (.docx) reader: paragraphs as lines, headings, bold labels, tracked changes, bad zips."""

from __future__ import annotations

import io
import json
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.enum.text import WD_BREAK

from briefcheck.document import InputError, Source
from briefcheck.pack import load_pack
from briefcheck.readers import docx as reader
from briefcheck.readers import read_bytes, read_path
from briefcheck.readers.docx import docx_review_state, read_docx
from briefcheck.structure import find_articles

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "sample-1-avdaliani.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LABEL = re.compile(r"[A-Z][A-Z’' ]+:")
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)

# --- building documents --------------------------------------------------------------------------


def saved(document) -> bytes:
    """A python-docx document as .docx bytes."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zipped(parts: dict[str, str | bytes]) -> bytes:
    """A zip of these parts (deflated), in order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def package(
    body: str,
    *,
    styles: str | None = None,
    comments: str | None = None,
    ns: str = W,
    root: str = "w:document",
    main: str = "word/document.xml",
) -> bytes:
    """A minimal .docx: the body XML (`w:` prefixed) and optional styles and comments parts."""
    rels = [("styles", "styles.xml", styles), ("comments", "comments.xml", comments)]
    doc_rels = "".join(
        f'<Relationship Id="r{k}" Type="{REL}/{kind}" Target="{target}"/>'
        for k, (kind, target, xml) in enumerate(rels)
        if xml is not None
    )
    parts: dict[str, str | bytes] = {
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="r1" Type="{REL}/officeDocument" Target="{main}"/>'
        "</Relationships>",
        main: f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns:w="{ns}" '
        f"{NAMESPACES}><w:body>{body}</w:body></{root}>",
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships">{doc_rels}</Relationships>',
    }
    for _, target, xml in rels:
        if xml is not None:
            parts[f"word/{target}"] = xml
    return zipped(parts)


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph of runs: XML (starting "<w:") as is, any other string as a run of that text."""
    inner = "".join(
        r if r.startswith("<w:") else f'<w:r><w:t xml:space="preserve">{escape(r)}</w:t></w:r>'
        for r in runs
    )
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def styles_xml(*styles: str) -> str:
    """A styles part holding these `w:style` elements."""
    return f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'


def sample_docx() -> bytes:
    """sample-1-avdaliani.txt as a Word document: a paragraph per line, bold run-in labels."""
    document = docx.Document()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        para = document.add_paragraph()
        if m := LABEL.match(line):
            para.add_run(m.group()).bold = True
            para.add_run(line[m.end() :])
        elif line:
            para.add_run(line)
    return saved(document)


def declare(data: bytes, name: str, size: int) -> bytes:
    """The zip with the uncompressed size of one entry rewritten in both headers (a lying zip)."""
    out = bytearray(data)
    for sig, size_at, name_len_at, header in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        at = out.find(sig)
        while at >= 0:
            n = struct.unpack_from("<H", out, at + name_len_at)[0]
            if out[at + header : at + header + n] == name.encode():
                struct.pack_into("<I", out, at + size_at, size)
            at = out.find(sig, at + 4)
    return bytes(out)


def read(tmp_path: Path, data: bytes, name: str = "a.docx") -> Source:
    path = tmp_path / name
    path.write_bytes(data)
    return read_path(path)


def error(tmp_path: Path, data: bytes, name: str = "a.docx") -> str:
    with pytest.raises(InputError) as info:
        read(tmp_path, data, name)
    return str(info.value)


def texts(source: Source) -> list[str]:
    return [source.block_text(b) for b in source.blocks]


# --- text model ----------------------------------------------------------------------------------


def test_a_line_per_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    for text in (
        "By Jane Doe",
        "",
        "  The lead paragraph, a understanding.  ",
        "",
        "Photo source: NASA.",
    ):
        document.add_paragraph(text)
    src = read(tmp_path, saved(document))
    assert (src.format, src.encoding, src.fallback_encoding) == ("docx", "docx", False)
    assert (
        src.text == "By Jane Doe\n\n  The lead paragraph, a understanding.  \n\nPhoto source: NASA."
    )
    assert texts(src) == [
        "By Jane Doe",
        "The lead paragraph, a understanding.",
        "Photo source: NASA.",
    ]
    assert [src.position(b.start) for b in src.blocks] == [(1, 1), (3, 3), (5, 1)]
    assert src.position(src.text.index("a understanding")) == (3, 23)
    assert all(b.kind == "paragraph" and b.level == 0 and b.style == "" for b in src.blocks)


def test_tables_tabs_and_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    para = document.add_paragraph("one\ttwo")
    para.add_run().add_break()
    para.add_run("three")
    para.add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "a1"
    table.cell(0, 1).text = "b1"
    table.cell(1, 1).text = "b2"
    document.add_paragraph("after the table")
    src = read(tmp_path, saved(document))
    # Line breaks are \v and page breaks \f: inside the line, as in the text reader. A table
    # row is one line, its cells joined by tabs (as Word's plain-text export writes it).
    assert src.text == "one\ttwo\vthree\f\na1\tb1\n\tb2\nafter the table"
    assert texts(src) == ["one\ttwo\vthree", "a1\tb1", "b2", "after the table"]
    assert src.position(src.text.index("after")) == (4, 1)


def test_a_cell_s_paragraphs_and_a_nested_table_stay_in_their_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "first"
    table.cell(0, 0).add_paragraph("second")
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "x"
    inner.cell(0, 1).text = "y"
    document.add_paragraph("after")
    src = read(tmp_path, saved(document))
    # The second cell holds an empty paragraph, the inner table and the empty paragraph Word
    # requires after a table in a cell.
    assert src.text.split("\n") == ["first\vsecond\t\vx\ty\v", "after"]


def test_a_table_cell_is_not_taken_for_a_web_page_s_button(run_cli, tmp_path: Path) -> None:
    """A column headed "Share" is a table's, where a line "Share" alone is page chrome."""
    document = docx.Document()
    document.add_paragraph("By Jane Doe")
    document.add_paragraph("A lead paragraph about trade in the region and what it means.")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("Country", "Share", "Kazakhstan", "40%"), strict=True):
        cell.text = text
    document.add_paragraph("Share")  # the same word alone on a line: a leftover button
    path = tmp_path / "a.docx"
    path.write_bytes(saved(document))
    done = run_cli("check", "--select", "web-artifact", "--format", "json", path)
    found = json.loads(done.stdout)["files"][0]["findings"]
    assert [(f["line"], f["text"]) for f in found] == [(5, "Share")]  # not the header (line 3)


def test_runs_inside_links_fields_and_controls_are_text(tmp_path: Path) -> None:
    body = p(
        "See ",
        f'<w:hyperlink xmlns:r="{REL}" r:id="x"><w:r><w:t>the report</w:t></w:r></w:hyperlink>',
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>, page 3</w:t></w:r></w:fldSimple>',
        '<w:sdt><w:sdtPr><w:alias w:val="x"/><w:r><w:t>NOT</w:t></w:r></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>, of 2024</w:t></w:r></w:sdtContent></w:sdt>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>, today</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>",
        '<w:r><w:t>.</w:t><w:footnoteReference w:id="1"/><w:noBreakHyphen/><w:softHyphen/></w:r>',
    )
    src = read(tmp_path, package(body))
    assert src.text == "See the report, page 3, of 2024, today.-"


def test_text_boxes_and_drawings_are_skipped(tmp_path: Path) -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>BOX</w:t></w:r></w:p></w:txbxContent>"
    body = p(
        "Before ",
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "after.",
    ) + p("Next.")
    src = read(tmp_path, package(body))
    assert src.text == "Before after.\nNext."


def test_a_comment_paragraph_is_not_a_block(tmp_path: Path) -> None:
    body = p("First.") + p("<!-- briefcheck: ignore house-typo -- quoted -->") + p("Second.")
    src = read(tmp_path, package(body))
    assert texts(src) == ["First.", "Second."]
    assert src.position(src.blocks[1].start) == (3, 1)


def test_strict_ooxml_namespace(tmp_path: Path) -> None:
    body = p("Strict text.", ppr='<w:pStyle w:val="Heading1"/>') + p("More.")
    src = read(tmp_path, package(body, ns=W_STRICT))
    assert texts(src) == ["Strict text.", "More."]
    assert [(b.kind, b.level) for b in src.blocks] == [("heading", 1), ("paragraph", 0)]


# --- headings and bold labels --------------------------------------------------------------------


def test_heading_styles_are_heading_blocks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Russia and the South Caucasus", 0)
    document.add_paragraph("By Jane Doe")
    document.add_heading("Background", 1)
    document.add_heading("Implications", 2)
    document.add_heading("Deeper", 3)
    document.add_paragraph("Prose.")
    src = read(tmp_path, saved(document))
    assert [(t, b.kind, b.level) for t, b in zip(texts(src), src.blocks, strict=True)] == [
        ("Russia and the South Caucasus", "heading", 1),
        ("By Jane Doe", "paragraph", 0),
        ("Background", "heading", 1),
        ("Implications", "heading", 2),
        ("Deeper", "heading", 3),
        ("Prose.", "paragraph", 0),
    ]


def test_headings_by_base_style_and_outline_level(tmp_path: Path) -> None:
    styles = styles_xml(
        '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Section"><w:name w:val="Section"/>'
        '<w:basedOn w:val="berschrift2"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Outlined"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/>'
        '<w:basedOn w:val="Loop"/></w:style>',
    )
    body = (
        p("Localized heading", ppr='<w:pStyle w:val="berschrift2"/>')
        + p("Based on a heading", ppr='<w:pStyle w:val="Section"/>')
        + p("Outline by style", ppr='<w:pStyle w:val="Outlined"/>')
        + p("Direct outline", ppr='<w:outlineLvl w:val="0"/>')
        + p("Body text level", ppr='<w:pStyle w:val="Section"/><w:outlineLvl w:val="9"/>')
        + p("A style cycle", ppr='<w:pStyle w:val="Loop"/>')
        + p("Unknown style", ppr='<w:pStyle w:val="Nowhere"/>')
    )
    src = read(tmp_path, package(body, styles=styles))
    assert [(b.kind, b.level) for b in src.blocks] == [
        ("heading", 2),
        ("heading", 2),
        ("heading", 3),
        ("heading", 1),
        ("paragraph", 0),
        ("paragraph", 0),
        ("paragraph", 0),
    ]


def test_without_a_styles_part_the_built_in_ids_count(tmp_path: Path) -> None:
    body = p("T", ppr='<w:pStyle w:val="Title"/>') + p("H", ppr='<w:pStyle w:val="Heading4"/>')
    src = read(tmp_path, package(body))
    assert [(b.kind, b.level) for b in src.blocks] == [("heading", 1), ("heading", 4)]


def test_bold_run_in_label_gets_the_style_hint(tmp_path: Path) -> None:
    document = docx.Document()
    cases = [  # (runs as (text, bold), hint)
        ([("BACKGROUND:", True), (" Each of the three countries.", False)], "bold-label"),
        ([("AUTHORS’ BIO:", True), (" ", False), ("Jane Doe is …", False)], "bold-label"),
        ([("IMPLICATIONS", True), (": The region now …", False)], "bold-label"),
        ([("CONCLUSION: ", True)], "bold-label"),  # a label alone, the prose follows
        ([("BACKGROUND:", False), (" Plain label.", False)], ""),
        ([("Russia Returns to the Caucasus", True)], ""),  # a bold line, not a run-in label
        ([("A bold sentence opens", True), (" this paragraph.", False)], ""),
        ([("ONE TWO THREE FOUR FIVE SIX:", True), (" too long for a label.", False)], ""),
        ([("2025:", True), (" a year.", False)], ""),
    ]
    for runs, _ in cases:
        para = document.add_paragraph()
        for text, bold in runs:
            para.add_run(text).bold = bold
    src = read(tmp_path, saved(document))
    assert [b.style for b in src.blocks] == [hint for _, hint in cases]


def test_bold_from_character_and_paragraph_styles(tmp_path: Path) -> None:
    styles = styles_xml(
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
        "<w:rPr><w:b/></w:rPr></w:style>",
        '<w:style w:type="paragraph" w:styleId="Boldface"><w:name w:val="Boldface"/>'
        '<w:rPr><w:b w:val="1"/></w:rPr><w:tblStylePr w:type="x"><w:rPr><w:b w:val="0"/></w:rPr>'
        "</w:tblStylePr></w:style>",
    )
    strong = '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>BACKGROUND:</w:t></w:r>'
    unbold = '<w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t xml:space="preserve"> text</w:t></w:r>'
    old_bold = (
        '<w:r><w:rPr><w:rPrChange w:id="9" w:author="E"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr>'
        "<w:t>BACKGROUND:</w:t></w:r>"
    )
    body = (
        p(strong, " Prose.")
        + p("CONCLUSION:", unbold, ppr='<w:pStyle w:val="Boldface"/>')
        + p(old_bold, " Prose.")
    )
    src = read(tmp_path, package(body, styles=styles))
    assert [b.style for b in src.blocks] == ["bold-label", "bold-label", ""]


def test_structure_takes_bold_and_heading_labels_as_exact(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("By Jane Doe")
    document.add_paragraph("The lead.")
    document.add_paragraph("Photo source: NASA.")
    for label in ("BACKGROUND:", "IMPLICATIONS:"):
        para = document.add_paragraph()
        para.add_run(label).bold = True
        para.add_run(" Prose.")
    document.add_heading("Conclusion", 2)
    document.add_paragraph("Prose.")
    para = document.add_paragraph()
    para.add_run("AUTHOR BIO:").bold = True
    para.add_run(" Jane Doe is a journalist.")
    (art,) = find_articles(read(tmp_path, saved(document)), load_pack("analyst").anatomy)
    labels = [s.label for s in art.sections] + [art.bio.label]
    assert [(x.section, x.exact, x.form) for x in labels] == [
        ("background", True, "run-in"),
        ("implications", True, "run-in"),
        ("conclusion", True, "heading"),
        ("bio", True, "run-in"),
    ]


# --- tracked changes and comments ----------------------------------------------------------------


TRACKED = p(
    "Kept ",
    '<w:ins w:id="1" w:author="E"><w:r><w:t>inserted </w:t></w:r></w:ins>',
    '<w:del w:id="2" w:author="E"><w:r><w:delText>deleted </w:delText></w:r></w:del>',
    '<w:moveFrom w:id="3" w:author="E"><w:r><w:t>moved away </w:t></w:r></w:moveFrom>',
    "text",
    '<w:moveTo w:id="4" w:author="E"><w:r><w:t> moved here</w:t></w:r></w:moveTo>',
    ".",
) + p(
    '<w:del w:id="5" w:author="E"><w:r><w:delText>A deleted paragraph.</w:delText></w:r></w:del>',
    ppr='<w:rPr><w:del w:id="6" w:author="E"/></w:rPr>',
)


def test_tracked_insertions_are_text_and_deletions_are_not(tmp_path: Path) -> None:
    data = package(TRACKED + p("Last."))
    src = read(tmp_path, data)
    assert src.text == "Kept inserted text moved here.\n\nLast."
    assert texts(src) == ["Kept inserted text moved here.", "Last."]
    assert docx_review_state(data) == (6, 0)


def test_comments_are_counted_not_read(tmp_path: Path) -> None:
    comments = (
        f'<w:comments xmlns:w="{W}">'
        '<w:comment w:id="0" w:author="E"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>'
        '<w:comment w:id="1" w:author="E"><w:p><w:r><w:t>And this.</w:t></w:r></w:p></w:comment>'
        "</w:comments>"
    )
    body = p(
        '<w:commentRangeStart w:id="0"/>',
        "Commented text.",
        '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
    )
    data = package(body, comments=comments)
    assert read(tmp_path, data).text == "Commented text."
    assert docx_review_state(data) == (0, 2)
    assert docx_review_state(package(body)) == (0, 1)  # the part missing: the references count


def test_a_clean_document_has_no_review_state() -> None:
    document = docx.Document()
    document.add_paragraph("Clean.")
    assert docx_review_state(saved(document)) == (0, 0)


def test_formatting_changes_count_as_tracked_changes() -> None:
    body = p(
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="E"><w:rPr/></w:rPrChange></w:rPr>'
        "<w:t>Bold now.</w:t></w:r>",
        ppr='<w:pStyle w:val="Heading1"/><w:pPrChange w:id="2" w:author="E"><w:pPr>'
        '<w:pStyle w:val="Normal"/></w:pPr></w:pPrChange>',
    )
    data = package(body)
    assert docx_review_state(data) == (2, 0)
    assert read_docx("a.docx", data).blocks[0].kind == "heading"  # the new style, not the old


# --- the command line, end to end ----------------------------------------------------------------


def test_sample_as_docx_gives_the_same_report_as_the_text(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "sample-1-avdaliani.docx"
    path.write_bytes(sample_docx())
    src = read_path(path)
    assert sum(b.style == "bold-label" for b in src.blocks) == 4
    from_text = run_cli("check", "--format", "json", SAMPLE)
    from_docx = run_cli("check", "--format", "json", path)
    assert (from_docx.returncode, from_docx.stderr) == (1, "")
    (text_file,) = json.loads(from_text.stdout)["files"]
    (docx_file,) = json.loads(from_docx.stdout)["files"]
    assert docx_file["articles"] == text_file["articles"]
    assert docx_file["articles"][0]["words"] == 1124
    assert docx_file["findings"] == text_file["findings"]
    a_an = [
        (f["line"], f["column"], f["text"])
        for f in docx_file["findings"]
        if f["rule"] == "article-a-an"
    ]
    assert a_an == [(12, 490, "a")]


def test_docx_on_stdin_and_in_folders(run_cli, tmp_path: Path) -> None:
    data = sample_docx()
    done = run_cli(
        "check",
        "--format",
        "json",
        "--select",
        "article-a-an",
        "-",
        "--stdin-filename",
        "d.docx",
        input=data,
    )
    (file,) = json.loads(done.stdout)["files"]
    assert (done.returncode, file["path"], file["articles"][0]["words"]) == (1, "d.docx", 1124)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "draft.docx").write_bytes(data)
    done = run_cli("check", "--format", "json", "--select", "article-a-an", tmp_path / "inbox")
    (file,) = json.loads(done.stdout)["files"]
    assert [(f["rule"], f["line"], f["column"]) for f in file["findings"]] == [
        ("article-a-an", 12, 490)
    ]


def test_suppression_paragraph_in_a_docx(run_cli, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("By Jane Doe")
    document.add_paragraph("<!-- briefcheck: ignore article-a-an -- quoted verbatim -->")
    document.add_paragraph("It reached a understanding.")
    document.add_paragraph("Again a understanding.")
    (path := tmp_path / "s.docx").write_bytes(saved(document))
    done = run_cli("check", "--format", "json", "--select", "article-a-an,unused-suppression", path)
    (file,) = json.loads(done.stdout)["files"]
    assert [(f["rule"], f["line"], f["column"]) for f in file["findings"]] == [
        ("article-a-an", 4, 7)
    ]


# --- refused input -------------------------------------------------------------------------------


def _bomb() -> bytes:
    return declare(package(p("Small.")), "word/document.xml", 1 << 30)


def _bomb_total() -> int:
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(_bomb())).infolist())


def _ratio_bomb() -> bytes:
    return package(p("x") + " " * (4 << 20))


def _ratio() -> int:
    info = zipfile.ZipFile(io.BytesIO(_ratio_bomb())).getinfo("word/document.xml")
    return info.file_size // info.compress_size


def _corrupt_part() -> bytes:
    data = bytearray(package(p("Some text that will be damaged in the zip.") * 20))
    at = data.find(b"word/document.xml") + len("word/document.xml") + 10
    data[at : at + 40] = bytes(40)
    return bytes(data)


BAD = {  # name: (file name, bytes, message)
    "not-a-zip": (
        "a.docx",
        b"By Jane Doe\nA text file renamed.\n",
        "not a .docx file (not a zip archive)",
    ),
    "truncated": (
        "a.docx",
        package(p("Text."))[:200],
        "corrupt .docx file (the zip archive is damaged)",
    ),
    "damaged-part": (
        "a.docx",
        _corrupt_part(),
        "corrupt .docx file (word/document.xml cannot be unpacked)",
    ),
    "no-document": (
        "a.docx",
        zipped({"word/styles.xml": styles_xml()}),
        "not a Word document (the zip has no word/document.xml)",
    ),
    "spreadsheet": (
        "a.docx",
        package("", root="workbook", main="xl/workbook.xml"),
        "not a Word document (xl/workbook.xml is not WordprocessingML)",
    ),
    "bad-xml": (
        "a.docx",
        zipped({"word/document.xml": f'<w:document xmlns:w="{W}"><w:body><w:p></w:body>'}),
        "corrupt .docx file (word/document.xml is not well-formed XML)",
    ),
    "entity-bomb": (
        "a.docx",
        zipped(
            {
                "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
                "</w:body></w:document>"
            }
        ),
        "refused: word/document.xml declares a DTD, which a .docx may not",
    ),
    "external-entity": (
        "a.docx",
        zipped(
            {
                "word/document.xml": '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
                "</w:body></w:document>"
            }
        ),
        "refused: word/document.xml declares a DTD, which a .docx may not",
    ),
    "encrypted": (
        "a.docx",
        OLE + "EncryptedInfo\0EncryptedPackage".encode("utf-16-le"),
        "the .docx is password-protected (encrypted); remove the password and save it again",
    ),
    "doc-named-docx": (
        "a.docx",
        OLE + "WordDocument".encode("utf-16-le"),
        "a legacy Word .doc file, not a .docx; save it as .docx",
    ),
    "doc": (
        "a.doc",
        OLE + "WordDocument".encode("utf-16-le"),
        "unsupported file type '.doc' (briefcheck reads .txt, .md and .docx); save it as .docx",
    ),
    "bomb-1-gb": (
        "a.docx",
        _bomb(),
        f"refused: the .docx unpacks to {_bomb_total():,} bytes (the limit is 52,428,800)",
    ),
    "big-part": (
        "a.docx",
        declare(package(p("Small.")), "word/document.xml", 30 << 20),
        "refused: word/document.xml unpacks to 31,457,280 bytes (the limit is 20,971,520 per part)",
    ),
    "ratio": (
        "a.docx",
        _ratio_bomb(),
        f"refused: word/document.xml is compressed {_ratio():,} to 1 "
        "(the limit is 100 to 1 for parts over 1,048,576 bytes)",
    ),
    "lying-size": (
        "a.docx",
        declare(package(p("A longer paragraph than declared.")), "word/document.xml", 100),
        "corrupt .docx file (word/document.xml cannot be unpacked)",
    ),
    "no-text": ("a.docx", package(p("") + p("  ")), "file is empty (the document has no text)"),
    "empty": ("a.docx", b"", "file is empty"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_refused(tmp_path: Path, case: str) -> None:
    name, data, message = BAD[case]
    assert error(tmp_path, data, name) == message


def test_refused_on_the_command_line(run_cli, tmp_path: Path) -> None:
    paths = []
    for case, (name, data, _) in BAD.items():
        (path := tmp_path / case / name).parent.mkdir()
        path.write_bytes(data)
        paths.append(path)
    done = run_cli("check", "--format", "json", *paths)
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"briefcheck: {path}: {message}"
        for path, (_, _, message) in zip(paths, BAD.values(), strict=True)
    ]
    assert [f["error"] for f in json.loads(done.stdout)["files"]] == [m for _, _, m in BAD.values()]


def test_a_1_gb_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    data = _bomb()
    assert len(data) < 2000
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^refused: the \.docx unpacks to 1,073"):
            read_bytes(data, "bomb.docx", "docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_parts_are_read_with_a_cap_whatever_the_directory_says(monkeypatch) -> None:
    monkeypatch.setattr(reader, "_check_sizes", lambda infos: None)  # a directory that lies
    monkeypatch.setattr(reader, "MAX_PART", 1000)
    data = package(p("A paragraph. " * 200))
    with pytest.raises(InputError) as info:
        read_docx("a.docx", data)
    assert str(info.value) == "refused: word/document.xml unpacks to more than 1,000 bytes"


def test_read_bytes_names_docx_among_the_formats() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(b"abc", "<stdin>", "rtf")
    assert str(info.value) == "unsupported format 'rtf' (briefcheck reads text, markdown, docx)"
