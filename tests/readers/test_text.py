"""Plain-text reader: paragraph rules, spans and positions."""

from __future__ import annotations

from pathlib import Path

from briefcheck.readers import read_path
from briefcheck.readers.text import is_byline, paragraphs

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "analyst-issue.txt"

ARTICLE = """\
Central Asia Weighs the Taliban Offer

By Jane Doe and John Smith

On February 22, 2025, the Taliban offered new trade routes to their
northern neighbours, and several capitals answered within days.
The offer follows years of cautious engagement.

Photo source: Wikimedia Commons.
BACKGROUND: Following the 2021 takeover, the region kept its embassies
open in Kabul and began to trade with the new authorities.
By February 2025, Tashkent and Kabul had signed a dozen agreements on
transit and energy.

Kazakhstan, Afghanistan's top wheat supplier, kept its embassy open and
expanded rail links through Termez.
IMPLICATIONS: The region now treats the Taliban as a fact of life.
AUTHORS’ BIO: Jane Doe is a journalist. John Smith is a researcher.
"""

ARTICLE_BLOCKS = [
    "Central Asia Weighs the Taliban Offer",
    "By Jane Doe and John Smith",
    "On February 22, 2025, the Taliban offered new trade routes to their\n"
    "northern neighbours, and several capitals answered within days.\n"
    "The offer follows years of cautious engagement.",
    "Photo source: Wikimedia Commons.",
    "BACKGROUND: Following the 2021 takeover, the region kept its embassies\n"
    "open in Kabul and began to trade with the new authorities.\n"
    "By February 2025, Tashkent and Kabul had signed a dozen agreements on\n"
    "transit and energy.",
    "Kazakhstan, Afghanistan's top wheat supplier, kept its embassy open and\n"
    "expanded rail links through Termez.",
    "IMPLICATIONS: The region now treats the Taliban as a fact of life.",
    "AUTHORS’ BIO: Jane Doe is a journalist. John Smith is a researcher.",
]


def blocks_of(text: str) -> list[str]:
    return [text[b.start : b.end] for b in paragraphs(text)]


def read(tmp_path: Path, data: str | bytes, name: str = "a.txt"):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return read_path(path)


def test_sample_issue() -> None:
    src = read_path(SAMPLE)
    texts = [src.block_text(b) for b in src.blocks]
    assert (src.format, src.encoding, src.fallback_encoding) == ("text", "utf-8", False)
    # 80 lines, 4 of them blank: one paragraph per line.
    assert len(texts) == 76
    assert all("\n" not in t and t == t.strip() for t in texts)
    assert all(b.kind == "paragraph" and b.level == 0 for b in src.blocks)
    assert texts[0] == "By Emil Avdaliani"
    assert texts[2] == "Photo source: NASA."
    assert texts[3].startswith("BACKGROUND: Each of the three South Caucasus countries—Armenia")
    assert texts[-1].startswith("AUTHORS’ BIO: Aigerim Turgunbaeva is a journalist")
    assert texts[-1].endswith("journals.")
    dot = texts.index(".")
    assert src.position(src.blocks[dot].start) == (41, 1)
    assert texts[dot - 1].startswith("This email address is being protected from spambots.")
    assert texts[dot + 1] == "By Rafis Abazov"
    bylines = [
        src.position(b.start) for b, t in zip(src.blocks, texts, strict=True) if t.startswith("By ")
    ]
    assert bylines == [(1, 1), (18, 1), (42, 1), (60, 1)]


def test_hard_wrapped_article(tmp_path: Path) -> None:
    src = read(tmp_path, ARTICLE)
    assert [src.block_text(b) for b in src.blocks] == ARTICLE_BLOCKS
    assert [src.position(b.start) for b in src.blocks] == [
        (1, 1),
        (3, 1),
        (5, 1),
        (9, 1),
        (10, 1),
        (15, 1),
        (17, 1),
        (18, 1),
    ]
    lead = src.blocks[2]
    assert src.position(lead.end) == (7, 48)


def test_hard_wrapped_article_crlf(tmp_path: Path) -> None:
    src = read(tmp_path, ARTICLE.replace("\n", "\r\n"))
    assert [src.block_text(b) for b in src.blocks] == [
        t.replace("\n", "\r\n") for t in ARTICLE_BLOCKS
    ]
    assert src.position(src.blocks[4].end) == (13, 20)


def test_hard_wrapped_article_cr(tmp_path: Path) -> None:
    src = read(tmp_path, ARTICLE.replace("\n", "\r"))
    assert len(src.blocks) == 8
    assert src.position(src.blocks[5].start) == (15, 1)


def test_spec_rule_all_but_last_line_30_to_100() -> None:
    text = "a line that is exactly thirty.\nb\n"
    assert blocks_of(text) == ["a line that is exactly thirty.\nb"]
    assert blocks_of("a line that is twenty-nine...\nb\n") == ["a line that is twenty-nine...", "b"]


def test_a_line_over_100_keeps_one_paragraph_per_line() -> None:
    long = "word " * 25
    text = f"A short first line that would wrap\n{long}\nand more text after it\n"
    assert blocks_of(text) == [
        "A short first line that would wrap",
        long.strip(),
        "and more text after it",
    ]


def test_a_short_line_means_one_paragraph_per_line() -> None:
    text = (
        "The first paragraph of a hard-wrapped text runs to about seventy chars\n"
        "and ends here.\n"
        "The second paragraph starts right away, without any blank line\n"
        "between.\n"
    )
    assert blocks_of(text) == [
        "The first paragraph of a hard-wrapped text runs to about seventy chars",
        "and ends here.",
        "The second paragraph starts right away, without any blank line",
        "between.",
    ]


def test_short_paragraphs_one_per_line_are_not_joined() -> None:
    text = (
        "By Jane Doe\nA lead.\nBACKGROUND: Text.\nIMPLICATIONS: Text.\nCONCLUSION: Text.\n"
        "AUTHOR BIO: Jane Doe is an analyst.\nShare this article\n"
    )
    assert len(blocks_of(text)) == 7


def test_byline_and_heading_lines_stand_alone_in_wrapped_prose() -> None:
    text = (
        "Central Asia Weighs the Taliban Offer\n"
        "By Jane Doe and Jonathan Smithson (Tashkent)\n"
        "On February 22, 2025, the Taliban offered new trade routes to their\n"
        "northern neighbours, and several capitals answered within days.\n"
        "BACKGROUND:\n"
        "Following the 2021 takeover, the region kept its embassies open in\n"
        "Kabul.\n"
    )
    assert blocks_of(text) == [
        "Central Asia Weighs the Taliban Offer",
        "By Jane Doe and Jonathan Smithson (Tashkent)",
        "On February 22, 2025, the Taliban offered new trade routes to their\n"
        "northern neighbours, and several capitals answered within days.",
        "BACKGROUND:",
        "Following the 2021 takeover, the region kept its embassies open in\nKabul.",
    ]


def test_a_short_byline_keeps_the_chunk_one_paragraph_per_line() -> None:
    # Under 30 characters, a byline counts like any short line: not hard-wrapped prose.
    text = (
        "By Jane Doe\n"
        "On February 22, 2025, the Taliban offered new trade routes to their\n"
        "northern neighbours, and several capitals answered within days.\n"
    )
    assert len(blocks_of(text)) == 3


def test_sentence_ending_well_short_of_the_width_ends_a_paragraph() -> None:
    text = (
        "A wrapped lead whose lines run to about seventy-five characters each and\n"
        "whose last line ends a sentence.\n"
        "Photo courtesy of the Ministry of Foreign Affairs of Kazakhstan.\n"
    )
    assert blocks_of(text) == [
        "A wrapped lead whose lines run to about seventy-five characters each and\n"
        "whose last line ends a sentence.",
        "Photo courtesy of the Ministry of Foreign Affairs of Kazakhstan.",
    ]


def test_run_in_labels_and_headings_start_paragraphs() -> None:
    text = (
        "The lead of the article is hard-wrapped at about sixty-five characters\n"
        "and goes on here until the label line comes\n"
        "**BACKGROUND:** The bold label starts a paragraph of its own here and\n"
        "continues on this line; a title-case label does too, as follows\n"
        "Background: a near-miss label that the structure stage will report\n"
        "## Implications\n"
        "The Markdown heading in a text file is its own paragraph as well.\n"
    )
    assert blocks_of(text) == [
        "The lead of the article is hard-wrapped at about sixty-five characters\n"
        "and goes on here until the label line comes",
        "**BACKGROUND:** The bold label starts a paragraph of its own here and\n"
        "continues on this line; a title-case label does too, as follows",
        "Background: a near-miss label that the structure stage will report",
        "## Implications",
        "The Markdown heading in a text file is its own paragraph as well.",
    ]


def test_byline_shape() -> None:
    assert is_byline("By Emil Avdaliani")
    assert is_byline("By Aigerim Turgunbaeva and Fayazuddin Ghiasi")
    assert is_byline("By Syed Fazl-e-Haider & Ahmad al-Sayed")
    assert is_byline("By Rafis Abazov, PhD")
    assert is_byline("By Øystein Larsen")
    assert is_byline("By Jane Doe (Tashkent)")
    assert is_byline("By Jane Doe – 12 March 2025")
    assert not is_byline("By Madonna")
    assert not is_byline("By February 2025, Tashkent and Kabul had signed")
    assert not is_byline("By contrast")
    assert not is_byline("Bypassing Moscow")
    assert not is_byline("By")


def test_odd_spacing(tmp_path: Path) -> None:
    text = (
        "\t  By Jane Doe \u00a0\r\n\x0c\r\n\u00a0Lead with a tab\tinside.\t\r\n  \u200b \r\n.\r\n"
    )
    src = read(tmp_path, text)
    assert [src.block_text(b) for b in src.blocks] == [
        "By Jane Doe",
        "Lead with a tab\tinside.",
        ".",
    ]
    assert [src.position(b.start) for b in src.blocks] == [(1, 4), (3, 2), (5, 1)]
    assert [src.position(b.end) for b in src.blocks] == [(1, 15), (3, 25), (5, 2)]


def test_no_trailing_newline_and_blank_lines_at_edges() -> None:
    assert blocks_of("\n\n  \nOnly paragraph") == ["Only paragraph"]
