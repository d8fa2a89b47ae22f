"""Decoding and the input checks of read_path/read_bytes: encodings, positions, InputErrors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefcheck.document import InputError
from briefcheck.readers import READERS, SUFFIXES, read_bytes, read_path
from briefcheck.readers.decode import decode


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(source) -> list[str]:
    return [source.block_text(b) for b in source.blocks]


# --- decode() ---------------------------------------------------------------------------------


def test_plain_utf8() -> None:
    assert decode("Trump’s return".encode()) == ("Trump’s return", "utf-8", False)


def test_utf8_bom_is_stripped() -> None:
    assert decode(b"\xef\xbb\xbfBy Jane Doe") == ("By Jane Doe", "utf-8-sig", False)


def test_utf16_with_bom() -> None:
    le = b"\xff\xfe" + "Georgia’s\r\n".encode("utf-16-le")
    be = b"\xfe\xff" + "Georgia’s\r\n".encode("utf-16-be")
    assert decode(le) == ("Georgia’s\r\n", "utf-16-le", False)
    assert decode(be) == ("Georgia’s\r\n", "utf-16-be", False)


def test_utf16_without_bom_is_sniffed() -> None:
    data = "By Jane Doe\nA lead paragraph.\n".encode("utf-16-le")
    assert decode(data) == ("By Jane Doe\nA lead paragraph.\n", "utf-16-le", False)


def test_truncated_utf16_does_not_raise() -> None:
    text, encoding, fallback = decode(b"\xff\xfe" + "ab".encode("utf-16-le") + b"c")
    assert (text, encoding, fallback) == ("ab\ufffd", "utf-16-le", False)


def test_cp1252_fallback() -> None:
    assert decode(b"Georgia\x92s \x93deal\x94 \x96 done") == (
        "Georgia’s “deal” – done",
        "cp1252",
        True,
    )


def test_cp1252_undefined_bytes_map_to_same_code_point() -> None:
    assert decode(b"a\x81b\x8d\x8f\x90\x9d") == ("a\x81b\x8d\x8f\x90\x9d", "cp1252", True)


def test_every_byte_value_decodes() -> None:
    text, _, fallback = decode(bytes(range(256)))
    assert len(text) == 256 and fallback


def test_mixed_utf8_and_cp1252_keeps_the_utf8() -> None:
    data = "Trump’s visit".encode() + b"; Georgia\x92s reply"
    assert decode(data) == ("Trump’s visit; Georgia’s reply", "utf-8+cp1252", True)


def test_bom_then_invalid_utf8_falls_back() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xe9") == ("café", "cp1252", True)


def test_line_ends_are_kept() -> None:
    assert decode(b"a\r\nb\rc\nd")[0] == "a\r\nb\rc\nd"


# --- positions through read_path --------------------------------------------------------------


def test_crlf_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.txt", b"By Jane Doe\r\n  Lead text here.  \r\n\r\nBACKGROUND: Yes.\r\n"
    )
    src = read_path(path)
    assert texts(src) == ["By Jane Doe", "Lead text here.", "BACKGROUND: Yes."]
    assert [src.position(b.start) for b in src.blocks] == [(1, 1), (2, 3), (4, 1)]
    assert src.position(src.blocks[1].end) == (2, 18)
    assert src.text.count("\r\n") == 4


def test_cr_positions(tmp_path: Path) -> None:
    src = read_path(write(tmp_path, "a.txt", b"By Jane Doe\rLead.\r\r\tBACKGROUND: Yes."))
    assert texts(src) == ["By Jane Doe", "Lead.", "BACKGROUND: Yes."]
    assert [src.position(b.start) for b in src.blocks] == [(1, 1), (2, 1), (4, 2)]


def test_bom_positions(tmp_path: Path) -> None:
    src = read_path(write(tmp_path, "a.txt", b"\xef\xbb\xbfBy Jane Doe\nLead."))
    assert src.encoding == "utf-8-sig" and not src.fallback_encoding
    assert texts(src) == ["By Jane Doe", "Lead."]
    assert [src.position(b.start) for b in src.blocks] == [(1, 1), (2, 1)]


def test_utf16_file(tmp_path: Path) -> None:
    data = "\ufeffBy Jane Doe\r\nGeorgia’s lead.\r\n".encode("utf-16-le")
    src = read_path(write(tmp_path, "a.txt", data))
    assert src.encoding == "utf-16-le"
    assert texts(src) == ["By Jane Doe", "Georgia’s lead."]
    assert src.position(src.text.index("’")) == (2, 8)


def test_cp1252_file(tmp_path: Path) -> None:
    src = read_path(write(tmp_path, "a.txt", b"By Jane Doe\r\nGeorgia\x92s lead.\r\n"))
    assert (src.encoding, src.fallback_encoding) == ("cp1252", True)
    assert texts(src) == ["By Jane Doe", "Georgia’s lead."]
    assert src.position(src.text.index("’")) == (2, 8)


# --- registry and entry points ----------------------------------------------------------------


def test_registry() -> None:
    assert SUFFIXES == {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
    assert set(READERS) == {"text", "markdown"}


def test_display_name_and_upper_case_suffix(tmp_path: Path) -> None:
    src = read_path(write(tmp_path, "A.TXT", b"Hello."), display="submissions/a.txt")
    assert (src.path, src.format) == ("submissions/a.txt", "text")
    assert read_path(tmp_path / "A.TXT").path == str(tmp_path / "A.TXT")


def test_read_bytes() -> None:
    src = read_bytes(b"# Title\n\nBy Jane Doe\n", "<stdin>", "markdown")
    assert (src.path, src.format, texts(src)) == ("<stdin>", "markdown", ["Title", "By Jane Doe"])
    assert read_bytes(b"Hello.", "<stdin>").format == "text"


# --- every InputError -------------------------------------------------------------------------


def error(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_path(path, **kwargs)
    message = str(info.value)
    assert str(path) not in message and path.name not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert error(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    assert error(tmp_path / "dir.txt") == "is a directory"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a.txt", b"Hello.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", refuse)
    assert error(path) == "cannot read: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_real(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Hello.")
    path.chmod(0)
    try:
        assert error(path) == "cannot read: permission denied"
    finally:
        path.chmod(0o600)


def test_other_os_error(tmp_path: Path) -> None:
    write(tmp_path, "file.txt", b"x")
    assert error(tmp_path / "file.txt" / "a.txt") == "cannot read: not a directory"


def test_empty_file(tmp_path: Path) -> None:
    assert error(write(tmp_path, "a.txt", b"")) == "file is empty"


@pytest.mark.parametrize(
    "data",
    [b" \r\n\t\n", "\ufeff\u00a0\u200b\n\x0c\n".encode(), b"\xff\xfe" + " \n".encode("utf-16-le")],
)
def test_whitespace_only_file(tmp_path: Path, data: bytes) -> None:
    assert error(write(tmp_path, "a.md", data)) == "file is empty"


@pytest.mark.parametrize(
    "data",
    [
        b"By Jane Doe\nLead.\x00\x00\x01",  # NUL in UTF-8 data
        b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 4,  # control characters, no NUL
        b"PK\x03\x04word/document.xml",  # a .docx renamed .txt
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\xff\xfe" + "ab\x00cd".encode("utf-16-le"),  # NUL character inside UTF-16
    ],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    assert error(write(tmp_path, "a.txt", data)) == "binary file, not a text submission"


def test_a_few_control_characters_are_tolerated(tmp_path: Path) -> None:
    data = b"By Jane Doe\nA lead\x0b with a manual break and a page break\x0c and a bell\x07 here."
    assert len(read_path(write(tmp_path, "a.txt", data)).blocks) == 2


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x" * 11)
    assert error(path, max_bytes=10) == "file is too large (11 bytes; the limit is 10)"
    assert read_path(path, max_bytes=11).text == "x" * 11


def test_too_large_default_is_5_mb(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"word " * (1024 * 1024 + 1))
    assert error(path) == "file is too large (5,242,885 bytes; the limit is 5,242,880)"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xyz", b"Hello.")
    assert error(path) == "unsupported file type '.xyz' (briefcheck reads .txt, .md and .docx)"
    path = write(tmp_path, "README", b"Hello.")
    assert (
        error(path) == "unsupported file type (no extension) (briefcheck reads .txt, .md and .docx)"
    )


def test_read_bytes_errors() -> None:
    with pytest.raises(InputError, match=r"^file is empty$"):
        read_bytes(b"", "<stdin>")
    with pytest.raises(InputError, match=r"^binary file, not a text submission$"):
        read_bytes(b"\x00\x01\x02", "<stdin>")
    with pytest.raises(InputError, match=r"^file is too large \(4 bytes; the limit is 3\)$"):
        read_bytes(b"abcd", "<stdin>", max_bytes=3)
    with pytest.raises(InputError) as info:
        read_bytes(b"abc", "<stdin>", "rtf")
    assert str(info.value) == "unsupported format 'rtf' (briefcheck reads text, markdown, docx)"
