"""Pack snapshots: a loaded style pack, made ready to check, stored in the cache folder.

Loading the built-in pack from its YAML costs more than checking an article: parsing some sixty
files, validating them, compiling a few hundred regular expressions and reading the vocabulary.
A snapshot is the pack after all that (`prepare`): every cached property of its models computed
(compiled patterns, lookup tables), its vocabulary read, each kind's own preparation done. It
is stored with the sizes and modification times of every file the pack was read from, and used
while they are unchanged; patterns come back without being compiled again (see
`briefcheck.cache._pattern`).

Stored in CACHE/v1/packs/, keyed by briefcheck's code, the pack as named, and the working folder
(a pack holds the paths it was read from, relative ones included).
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefcheck.cache import (
    FORMAT,
    code_fingerprint,
    dumps,
    entries,
    loads,
    prepare_root,
    rule_digest,
    write_atomic,
)
from briefcheck.model import Model

if TYPE_CHECKING:
    from briefcheck.pack import Pack

_MAGIC = b"briefcheck-pack\n"
KEEP = 8  # snapshots kept: packs used from this folder, and versions of them
Stamp = list[tuple[str, tuple[int, int] | None]]


def load_pack_cached(source: str, root: Path | None) -> Pack:
    """`load_pack(source)`, from its snapshot when the pack's files are unchanged since it was
    stored. Errors are those of `load_pack`; a cache problem only means a normal load."""
    from briefcheck.pack import load_pack, resolve_pack

    if root is None:
        return load_pack(source)
    folder = resolve_pack(source)  # a missing pack is the usual error
    key = hashlib.sha256(f"{code_fingerprint()}\0{source}\0{os.getcwd()}\0{folder}".encode())
    entry = root / f"v{FORMAT}" / "packs" / key.hexdigest()
    pack = _read(entry)
    if pack is not None:
        return pack
    pack = load_pack(source)
    try:
        prepare(pack)
        roots = pack_roots(pack)
        data = _MAGIC + dumps((roots, stamp(roots), pack))
        prepare_root(root)
        write_atomic(entry, data)
        prune(entry.parent)
    except Exception:  # not preparable or storable (a read-only folder, say): the same pack
        pass
    return pack


def prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the newest `keep` snapshots (an upgrade or an edited pack leaves old ones), and
    remove what killed writes left behind (`cache.entries`)."""
    found = sorted(entries(folder), key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for old in found[keep:]:
        Path(old.path).unlink(missing_ok=True)


def _read(entry: Path) -> Pack | None:
    """The stored pack, if the entry is whole and its files unchanged."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    enabled = gc.isenabled()
    gc.disable()  # many small objects at once: collecting in between only costs time
    try:
        roots, files, pack = loads(data[len(_MAGIC) :])
    except Exception:  # damaged or foreign: loaded again and stored again
        return None
    finally:
        if enabled:
            gc.enable()
    return pack if files == stamp(roots) else None


def pack_roots(pack: Pack) -> list[Path]:
    """The folder of a pack and of every pack it extends (whose files it was read from)."""
    return [Path(root).resolve() for root in pack.sources or (pack.root,)]


def stamp(roots: list[Path]) -> Stamp:
    """(path, (size, mtime)) of every file and folder a pack load reads."""
    out: Stamp = []
    for root in roots:
        for folder in (root, root / "rules", root / "vocabulary"):
            out.append((str(folder), _stat(folder)))  # a folder's time changes with its files
            if folder.is_dir():
                out += [(str(p), _stat(p)) for p in sorted(folder.iterdir()) if p.is_file()]
    return out


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- preparing


def prepare(pack: Pack) -> None:
    """Do now what the first check would do lazily: read the vocabulary, compute every cached
    property of the pack's models (by contract they derive only from the model's fields), run
    each kind's `prepare(rule)` where it has one, and compute each rule's digest."""
    vocabulary = pack.vocabulary.get()
    seen: set[int] = set()
    for obj in (pack.anatomy, vocabulary, *(r.options for r in pack.rules)):
        _compute(obj, seen)
    for rule in pack.rules:
        if rule.vocabulary is not None:
            _compute(rule.vocabulary.get(), seen)
        hook = getattr(rule.module, "prepare", None)
        if hook is not None:
            hook(rule)
        rule_digest(rule)


def _compute(obj: Any, seen: set[int]) -> None:
    """Compute the cached properties of obj and of the models it holds."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    for name in _cached_properties(type(obj)):
        getattr(obj, name)
    for child in _children(obj):
        _compute(child, seen)


def _cached_properties(cls: type) -> Iterator[str]:
    names = {n for k in cls.__mro__ for n, v in vars(k).items() if isinstance(v, cached_property)}
    return iter(sorted(names))


def _children(obj: Any) -> Iterator[Any]:
    """The models inside obj: field values of a model or dataclass, list items."""
    if isinstance(obj, (list, tuple)):
        values = obj
    elif isinstance(obj, dict):
        values = obj.values()
    elif isinstance(obj, Model):
        values = [getattr(obj, f) for f in type(obj).model_fields]
    elif hasattr(type(obj), "__dataclass_fields__"):
        values = [getattr(obj, f) for f in type(obj).__dataclass_fields__]
    else:
        return
    for value in values:
        if isinstance(value, (list, tuple, dict)) or hasattr(value, "__dict__"):
            yield value
