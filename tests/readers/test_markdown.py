"""Markdown reader: headings, paragraphs, lists, quotes, and what produces no block."""

from __future__ import annotations

from pathlib import Path

from briefcheck.readers import read_path
from briefcheck.readers.markdown import blocks

ARTICLE = """\
---
title: Central Asia Weighs the Taliban Offer
author: Jane Doe
---

# Central Asia Weighs the Taliban Offer #

By Jane Doe

On February 22, 2025, the Taliban offered new trade routes to their
northern neighbours.

<!-- editor: check the date -->
Photo source: Wikimedia Commons.

## Background

Following the 2021 takeover, the region kept its embassies open.

```text
## Not a heading
Not a paragraph either.
```

Implications
------------

**IMPLICATIONS:** The region now treats the Taliban as a *fact* of [life](https://x.org).

***

AUTHORS’ BIO: Jane Doe is a journalist.
"""


def parsed(text: str) -> list[tuple[str, str, int]]:
    return [(b.kind, text[b.start : b.end], b.level) for b in blocks(text)]


def read(tmp_path: Path, text: str, name: str = "a.md"):
    path = tmp_path / name
    path.write_bytes(text.encode())
    return read_path(path)


def test_article(tmp_path: Path) -> None:
    src = read(tmp_path, ARTICLE)
    assert src.format == "markdown" and src.text == ARTICLE
    assert [(b.kind, src.block_text(b), b.level) for b in src.blocks] == [
        ("heading", "Central Asia Weighs the Taliban Offer", 1),
        ("paragraph", "By Jane Doe", 0),
        (
            "paragraph",
            "On February 22, 2025, the Taliban offered new trade routes to their\n"
            "northern neighbours.",
            0,
        ),
        ("paragraph", "Photo source: Wikimedia Commons.", 0),
        ("heading", "Background", 2),
        ("paragraph", "Following the 2021 takeover, the region kept its embassies open.", 0),
        ("heading", "Implications", 2),
        (
            "paragraph",
            "**IMPLICATIONS:** The region now treats the Taliban as a *fact* of "
            "[life](https://x.org).",
            0,
        ),
        ("paragraph", "AUTHORS’ BIO: Jane Doe is a journalist.", 0),
    ]
    assert [src.position(b.start) for b in src.blocks] == [
        (6, 3),
        (8, 1),
        (10, 1),
        (14, 1),
        (16, 4),
        (18, 1),
        (25, 1),
        (28, 1),
        (32, 1),
    ]


def test_crlf_positions(tmp_path: Path) -> None:
    src = read(tmp_path, ARTICLE.replace("\n", "\r\n"), "a.markdown")
    assert src.format == "markdown" and len(src.blocks) == 9
    lead = src.blocks[2]
    assert src.block_text(lead).endswith("their\r\nnorthern neighbours.")
    assert src.position(lead.end) == (11, 21)
    assert src.position(src.blocks[6].start) == (25, 1)


def test_atx_headings() -> None:
    text = "# One\n##   Two ##  \n###### Six\n####### Seven\n#NoSpace\n# C#\n#\n## ###\n"
    assert parsed(text) == [
        ("heading", "One", 1),
        ("heading", "Two", 2),
        ("heading", "Six", 6),
        ("paragraph", "####### Seven\n#NoSpace", 0),
        ("heading", "C#", 1),
    ]


def test_setext_headings() -> None:
    text = "Title\n=====\n\nA two-line\nsection heading\n---\n\n- item\n---\n"
    assert parsed(text) == [
        ("heading", "Title", 1),
        ("heading", "A two-line\nsection heading", 2),
        ("paragraph", "item", 0),
    ]


def test_paragraphs_and_lists() -> None:
    text = (
        "First paragraph\ncontinues here.\n\n"
        "- one item\n  goes on\n* two\n+ three\n\n"
        "1. first\n2) second\n\n"
        "A paragraph that mentions\n2. not a list\n- but this is\n"
    )
    assert parsed(text) == [
        ("paragraph", "First paragraph\ncontinues here.", 0),
        ("paragraph", "one item\n  goes on", 0),
        ("paragraph", "two", 0),
        ("paragraph", "three", 0),
        ("paragraph", "first", 0),
        ("paragraph", "second", 0),
        ("paragraph", "A paragraph that mentions\n2. not a list", 0),
        ("paragraph", "but this is", 0),
    ]


def test_block_quotes() -> None:
    text = "> A quoted line\n> and its second line\n>\n> > nested\n"
    assert parsed(text) == [
        ("paragraph", "A quoted line", 0),
        ("paragraph", "and its second line", 0),
        ("paragraph", "nested", 0),
    ]


def test_code_fences_produce_no_blocks() -> None:
    text = (
        "Before.\n~~~~\n# no\n~~~\nstill code\n~~~~\nAfter.\n\n```\nunclosed\n\n# runs to the end\n"
    )
    assert parsed(text) == [("paragraph", "Before.", 0), ("paragraph", "After.", 0)]


def test_html_comments() -> None:
    text = (
        "<!-- one line -->\n"
        "<!--\nmany\n\nlines\n-->\n"
        "<!-- note --> BACKGROUND: text after a comment.\n\n"
        "A paragraph. <!-- trailing\nremark -->\n\n"
        "Inline <!-- stays --> in the middle.\n"
        "<!-- never closed\n\nText.\n"
    )
    assert parsed(text) == [
        ("paragraph", "BACKGROUND: text after a comment.", 0),
        ("paragraph", "A paragraph.", 0),
        ("paragraph", "Inline <!-- stays --> in the middle.", 0),
    ]


def test_front_matter_and_rules() -> None:
    assert parsed("---\ntitle: x\n...\nBody.\n") == [("paragraph", "Body.", 0)]
    # Not closed: the first line is a rule and the rest is text.
    assert parsed("---\ntitle: x\n") == [("paragraph", "title: x", 0)]
    assert parsed("Text.\n\n***\n- - -\n___\n\nMore.\n") == [
        ("paragraph", "Text.", 0),
        ("paragraph", "More.", 0),
    ]


def test_run_in_labels_start_paragraphs() -> None:
    # A .md file written one paragraph per line, without blank lines (the sample's form):
    # labels and bylines still open paragraphs so the structure stage can find them.
    text = (
        "By Jane Doe\nThe lead.\nPhoto source: NASA.\n"
        "BACKGROUND: First.\nSecond paragraph.\nIMPLICATIONS: Third.\n"
    )
    assert parsed(text) == [
        ("paragraph", "By Jane Doe", 0),
        ("paragraph", "The lead.\nPhoto source: NASA.", 0),
        ("paragraph", "BACKGROUND: First.\nSecond paragraph.", 0),
        ("paragraph", "IMPLICATIONS: Third.", 0),
    ]


def test_odd_spacing() -> None:
    text = "#\tTitle\u00a0\n\n\u00a0 Text with nbsp.\t\n\x0c\n  ## Two\n"
    assert parsed(text) == [
        ("heading", "Title", 1),
        ("paragraph", "Text with nbsp.", 0),
        ("heading", "Two", 2),
    ]
