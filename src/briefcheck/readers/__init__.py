"""Input readers: pick a reader by file suffix, check the bytes are a text, decode, split blocks.

A .docx goes to its own reader as bytes (no decoding, no binary sniffing).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

from ..document import InputError, Source
from .decode import decode
from .text import WS

# The readers, as module:function, each imported when a file of its format comes (a text file
# pays for no Markdown parsing, nor for zip and XML).
# Formats read from the decoded text (also to re-read a fixed text: --fix):
READERS: dict[str, str] = {
    "text": "briefcheck.readers.text:read",
    "markdown": "briefcheck.readers.markdown:read",
}
# Formats read from the raw bytes (a .docx cannot be rewritten from its text):
BYTE_READERS: dict[str, str] = {"docx": "briefcheck.readers.docx:read_docx"}
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
}
_ADVICE = {".doc": "; save it as .docx"}  # what to do with a known but unreadable format

MAX_BYTES = 5 * 1024 * 1024
BINARY_SHARE = 0.05  # more control characters than this and it is not a typed text

# C0 and C1 controls other than tab, line feed, vertical tab, form feed and carriage return
# (Word exports use \v for manual line breaks and \f for page breaks).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Formats that are text-free containers even when no NUL shows up early: zip (.docx), PDF.
_MAGIC = (b"PK\x03\x04", b"%PDF-")


def suffix_list() -> str:
    """The readable suffixes for messages: '.txt and .md'."""
    first: dict[str, str] = {}
    for suffix, fmt in SUFFIXES.items():
        first.setdefault(fmt, suffix)
    names = list(first.values())
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _format_for(path: Path) -> str:
    suffix = path.suffix.lower()
    fmt = SUFFIXES.get(suffix)
    if fmt is None:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        advice = _ADVICE.get(suffix, "")
        raise InputError(
            f"unsupported file type {shown} (briefcheck reads {suffix_list()}){advice}"
        )
    return fmt


def _too_large(size: int, max_bytes: int) -> InputError:
    return InputError(f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")


def _os_error(err: OSError) -> InputError:
    if isinstance(err, FileNotFoundError):
        return InputError("no such file")
    if isinstance(err, IsADirectoryError):
        return InputError("is a directory")
    if isinstance(err, PermissionError):
        return InputError("cannot read: permission denied")
    # strerror never carries the path (str(err) does).
    return InputError(f"cannot read: {(err.strerror or type(err).__name__).lower()}")


def _source(data: bytes, display: str, fmt: str) -> Source:
    if not data:
        raise InputError("file is empty")
    if fmt in BYTE_READERS:
        return reader(fmt)(display, data)
    if data.startswith(_MAGIC):
        raise InputError("binary file, not a text submission")
    try:
        decoded, encoding, fallback = decode(data)
    except UnicodeError:  # decode() is meant never to raise; keep the promise regardless
        raise InputError("cannot decode the file as text") from None
    if "\x00" in decoded or len(_CONTROL.findall(decoded)) > BINARY_SHARE * len(decoded):
        raise InputError("binary file, not a text submission")
    if not decoded.strip(WS):
        raise InputError("file is empty")
    return reader(fmt)(display, decoded, encoding, fallback)


def read_path(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a submission file; InputError (message without the path) if it cannot be used."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory")
        fmt = _format_for(path)
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # bounded: a pipe or growing file can lie in stat
    except OSError as err:
        raise _os_error(err) from None
    except ValueError:  # e.g. a NUL byte in the path
        raise InputError("cannot read: invalid path") from None
    if len(data) > max_bytes:
        raise InputError(f"file is too large (over the limit of {max_bytes:,} bytes)")
    return _source(data, str(path) if display is None else display, fmt)


def read_bytes(data: bytes, display: str, fmt: str = "text", max_bytes: int = MAX_BYTES) -> Source:
    """Read a submission given as bytes (stdin) in the named format."""
    if fmt not in READERS and fmt not in BYTE_READERS:
        known = ", ".join([*READERS, *BYTE_READERS])
        raise InputError(f"unsupported format '{fmt}' (briefcheck reads {known})")
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return _source(data, display, fmt)


def reader(fmt: str) -> Callable[..., Source]:
    """The read function of a format in READERS or BYTE_READERS (its module imported now)."""
    from importlib import import_module

    module, name = (READERS.get(fmt) or BYTE_READERS[fmt]).split(":")
    return getattr(import_module(module), name)
