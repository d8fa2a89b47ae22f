"""Apply certain fixes: splice them into the text, re-check until stable, write files safely."""

from __future__ import annotations

import codecs
import contextlib
import difflib
import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefcheck.cache import LEFTOVER_AGE
from briefcheck.document import Source
from briefcheck.readers.decode import _CP1252_TABLE, decode
from briefcheck.report import Finding

MIXED = "utf-8+cp1252"
MIXED_MESSAGE = "mixed UTF-8 and Windows-1252 bytes; save the file as UTF-8 before using --fix"
# The line ends Source.position counts; \v, \f and U+2028 stay inside a line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# The exact inverse of the decoder's cp1252 table (its 5 undefined bytes map to U+0081 …).
_CP1252_ENCODING = codecs.charmap_build(_CP1252_TABLE)
_BOMS = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}
_CODECS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
}

Check = Callable[[Source], list[Finding]]


class FixError(Exception):
    """A fix that cannot be written; the message names the cause."""


@dataclass(frozen=True)
class FixResult:
    """The outcome of fixing one source: both texts, what was applied, and in how many rounds."""

    original: str
    fixed: str
    applied: list[Finding]  # from all rounds, positions as in the round they were applied
    rounds: int  # rounds that applied at least one fix
    changed: bool
    converged: bool = True  # False when max_rounds ran out while fixes still applied


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Splice in every fix that does not overlap an earlier one; the new text and those applied."""
    parts: list[str] = []
    applied: list[Finding] = []
    pos = 0
    last: Finding | None = None
    for f in sorted(_fixable(text, findings), key=lambda f: (f.start, f.end)):
        if last is not None and _conflicts(last, f):
            continue
        parts += [text[pos : f.start], f.fix or ""]
        pos, last = f.end, f
        applied.append(f)
    parts.append(text[pos:])
    return "".join(parts), applied


def _fixable(text: str, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Findings whose fix changes the text and whose span still holds the flagged text."""
    for f in findings:
        if f.fix is None or not 0 <= f.start <= f.end <= len(text):
            continue
        current = text[f.start : f.end]
        if current == f.text and current != f.fix:
            yield f


def _conflicts(last: Finding, f: Finding) -> bool:
    """Whether f (sorted after `last`) overlaps it, or is a second insertion at the same point."""
    if f.start < last.end:
        return True
    return f.start == f.end == last.start == last.end


def fix_source(source: Source, check: Check, max_rounds: int = 10) -> FixResult:
    """Check, apply and re-read until no fix applies (or max_rounds): the `--fix` loop."""
    from briefcheck.readers import READERS, reader  # deferred, as in engine.py

    if source.format not in READERS:
        raise FixError(f"cannot fix {source.format} files")
    read = reader(source.format)
    current, applied, rounds = source, [], 0
    while True:
        text, done = apply_fixes(current.text, check(current))
        if not done or rounds == max_rounds:
            break
        applied += done
        rounds += 1
        current = read(source.path, text, source.encoding, source.fallback_encoding)
    return FixResult(
        original=source.text,
        fixed=current.text,
        applied=applied,
        rounds=rounds,
        changed=current.text != source.text,
        converged=not done,
    )


def unified_diff(path: str, original: str, fixed: str) -> str:
    """A unified diff (a/PATH, b/PATH) of a fix; each line keeps its line end, '' if unchanged."""
    if original == fixed:
        return ""
    name = path.lstrip("/")
    lines = difflib.unified_diff(
        split_lines(original), split_lines(fixed), f"a/{name}", f"b/{name}", lineterm="\n"
    )
    return "".join(
        line if k < 2 or line.startswith("@@") else _shown(line) for k, line in enumerate(lines)
    )


def split_lines(text: str) -> list[str]:
    """The lines of a text with their own ends (CRLF, CR or LF; no other character ends one)."""
    return _LINE.findall(text)


def _shown(line: str) -> str:
    """A diff body line ending in a newline: a lone CR gets one, a missing end is marked."""
    if line.endswith("\n"):
        return line
    if line.endswith("\r"):
        return line + "\n"
    return line + "\n\\ No newline at end of file\n"


def encode(text: str, encoding: str) -> bytes:
    """Text to bytes in a decoded file's encoding (BOM included); FixError if it cannot be."""
    if encoding == MIXED:
        raise FixError(MIXED_MESSAGE)
    if encoding == "cp1252":
        return _encode_cp1252(text)
    if encoding not in _CODECS:
        raise FixError(f"cannot write the encoding {encoding!r}")
    try:
        return _BOMS.get(encoding, b"") + text.encode(_CODECS[encoding])
    except UnicodeEncodeError as err:  # lone surrogates
        raise FixError(f"cannot encode {err.object[err.start]!r} as {encoding}") from None


def _encode_cp1252(text: str) -> bytes:
    """Windows-1252 bytes exactly as the decoder reads them."""
    try:
        return codecs.charmap_encode(text, "strict", _CP1252_ENCODING)[0]
    except UnicodeEncodeError as err:
        bad = "".join(sorted(set(err.object[err.start : err.end])))
        raise FixError(
            f"the fixed text has characters that Windows-1252 cannot hold ({bad!r}); "
            "save the file as UTF-8 before using --fix"
        ) from None


def write_fixed(path: Path, result: FixResult, encoding: str) -> None:
    """Write a fix back in the file's own encoding, BOM and line ends; the rest byte for byte.

    Refuses (FixError, file untouched) when the file no longer holds the text that was fixed,
    or when its bytes would not survive the round trip (mixed encodings, damaged UTF-16).
    """
    try:
        on_disk = Path(path).read_bytes()
    except OSError as err:
        raise FixError(f"cannot read: {(err.strerror or type(err).__name__).lower()}") from None
    if decode(on_disk)[:2] != (result.original, encoding):
        raise FixError("the file changed while it was being fixed; not written")
    if _encode_like(result.original, encoding, on_disk) != on_disk:
        raise FixError(f"the file's bytes do not survive a round trip through {encoding}")
    write_atomic(Path(path), _encode_like(result.fixed, encoding, on_disk))


def _encode_like(text: str, encoding: str, on_disk: bytes) -> bytes:
    """encode(), keeping the BOM exactly as on disk (UTF-16 is also read without one)."""
    data = encode(text, encoding)
    bom = _BOMS.get(encoding)
    if encoding.startswith("utf-16") and not on_disk.startswith(bom):
        return data[len(bom) :]
    if encoding == "cp1252" and on_disk.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8 + data  # a BOM over cp1252 bytes: decode drops it from the name
    return data


# The temp file of `write_atomic`: hidden, named after the file it replaces, and marked as ours.
# A process killed between writing it and the rename leaves it behind; the next write of the
# same file removes such leftovers once they are older than LEFTOVER_AGE seconds (a younger one
# may be another run's write in progress; the cache's temp files age the same way).
TEMP_SUFFIX = ".briefcheck-tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace (or create) a file's content all at once: temp file, fsync, rename; FixError."""
    target = Path(os.path.realpath(path))  # through a symlink, to the file it names
    _remove_leftovers(target)
    tmp: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent, delete=False, prefix=f".{target.name}.", suffix=TEMP_SUFFIX
        ) as handle:
            tmp = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_owner_and_mode(target, tmp)
        os.replace(tmp, target)
        tmp = None
    except Exception as err:
        raise FixError(f"cannot write: {_cause(err)}") from err
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _fsync_dir(target.parent)


def _remove_leftovers(target: Path) -> None:
    """Remove the temp files that killed writes of this file left (see TEMP_SUFFIX)."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if now - leftover.lstat().st_mtime > LEFTOVER_AGE and leftover.is_file():
                leftover.unlink()


def _copy_owner_and_mode(original: Path, tmp: Path) -> None:
    """Give the temp file the original's permission bits and, where allowed, its owner."""
    if not original.exists():  # a new file (a report for --output): the usual 0o666 - umask
        os.chmod(tmp, 0o666 & ~_umask())
        return
    shutil.copymode(original, tmp)
    info, mine = original.stat(), tmp.stat()
    if (info.st_uid, info.st_gid) != (mine.st_uid, mine.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(tmp, info.st_uid, info.st_gid)


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; best effort (the new content is already in place)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _cause(err: Exception) -> str:
    """An error's cause without the paths that str(OSError) carries."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__
