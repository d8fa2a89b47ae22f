"""Kind `encoding` (rule `encoding`): a file that needed the Windows-1252 fallback (file level)."""

from __future__ import annotations

import pytest

from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes

PACK = load_pack("analyst")
RULE = PACK.rule("encoding")
MESSAGE = "the file is not valid UTF-8; read as Windows-1252 (cp1252). Save it as UTF-8"


def report(data: bytes, fmt: str = "text"):
    source = read_bytes(data, "t.txt" if fmt == "text" else "t.md", fmt)
    return source, check_source(source, RuleSet(PACK, (RULE,)))


def summary(found) -> list[tuple]:
    return [
        (
            f.rule,
            f.severity,
            f.text,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.article,
            f.fix,
            f.message,
        )
        for f in found.findings
    ]


AT_TOP = [("encoding", "info", "", 1, 1, 1, 1, None, None, MESSAGE)]


def test_cp1252_file_gets_one_file_level_finding_at_the_top():
    source, found = report("Café society in Tbilisi’s fine.\nSecond line.".encode("cp1252"))
    assert (source.encoding, source.fallback_encoding) == ("cp1252", True)
    assert source.text == "Café society in Tbilisi’s fine.\nSecond line."
    assert summary(found) == AT_TOP


def test_utf8_with_stray_cp1252_bytes():
    data = "Café society’s fine and ".encode() + "naïve".encode("cp1252")
    source, found = report(data)
    assert (source.encoding, source.fallback_encoding) == ("utf-8+cp1252", True)
    assert summary(found) == AT_TOP


def test_several_articles_still_one_finding_for_the_file():
    data = b"By Jane Doe\nA lead.\n\nBy John Roe\nAnother caf\xe9 lead.\n"
    _, found = report(data)
    assert [a.number for a in found.articles] == [1, 2]
    assert summary(found) == AT_TOP


def test_markdown_file_too():
    _, found = report("# Café\n\nBy Jane Doe\n\nA lead.".encode("cp1252"), "markdown")
    assert summary(found) == AT_TOP


@pytest.mark.parametrize(
    "data",
    [
        "Café society in Tbilisi’s fine.".encode(),
        "Café society in Tbilisi’s fine.".encode("utf-8-sig"),
        "Café society in Tbilisi’s fine.".encode("utf-16"),
        b"Plain ASCII text.",
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "ascii"],
)
def test_unicode_files_pass(data):
    _, found = report(data)
    assert found.findings == []
