"""Bytes to text: BOM sniffing, UTF-8 and UTF-16, and a cp1252 fallback that never raises."""

from __future__ import annotations

import codecs

# cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; map them to the same code point
# (as latin-1 does) so that decoding never fails.
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_HANDLER = "briefcheck-cp1252"


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as cp1252 and carry on after them."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(_CP1252_TABLE[b] for b in bad), err.end


codecs.register_error(_HANDLER, _cp1252_bytes)


def _utf8_or_cp1252(data: bytes, name: str) -> tuple[str, str, bool]:
    try:
        return data.decode("utf-8"), name, False
    except UnicodeDecodeError:
        pass
    # A compiled issue can mix UTF-8 articles with cp1252 ones: keep every valid UTF-8 sequence
    # and read only the stray bytes as cp1252. A pure cp1252 file decodes the same either way.
    mixed = data.decode("utf-8", errors=_HANDLER)
    pure = codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]
    return mixed, ("cp1252" if mixed == pure else "utf-8+cp1252"), True


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text leaves NUL in every other byte."""
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode a submission: (text, encoding name, True when cp1252 had to be used)."""
    if data.startswith(codecs.BOM_UTF8):
        return _utf8_or_cp1252(data[3:], "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16-le", False
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be", False
    if b"\x00" in data and (utf16 := _sniff_utf16(data)):
        return data.decode(utf16, errors="replace"), utf16, False
    return _utf8_or_cp1252(data, "utf-8")
