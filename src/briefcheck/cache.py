"""A content-hash cache of results in `.briefcheck_cache/`, and the pickling it shares with the
pack snapshots (`briefcheck.snapshot`).

A file's result is stored under the SHA-256 of everything it depends on: the file's bytes, its
display path, the identity of the rule set that checked it (every rule's settings and options,
the pack's anatomy, its vocabulary files, the briefcheck version and its code) — so a re-run
over an unchanged archive reads results instead of checking, and any change to a file, a
configuration, a rule or briefcheck itself gives a new key. The cache never changes a result:
what cannot be reproduced exactly is not stored (files that could not be read, results that
depend on a server or on the machine's speed).

Entries are pickles of our own report classes, read with an unpickler that accepts nothing else,
written atomically (temporary file + `os.replace`), read tolerantly (a damaged or foreign entry
is a miss and is written again), and pruned to the newest `MAX_ENTRIES`.

The folder is `.briefcheck_cache/` in the current directory, or `$BRIEFCHECK_CACHE_DIR`.
"""

from __future__ import annotations

import _sre
import contextlib
import hashlib
import io
import json
import os
import pickle
import re
import sys
import time
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from briefcheck import __version__
from briefcheck.model import Model
from briefcheck.rules.base import from_program, program_of

if TYPE_CHECKING:
    from briefcheck.engine import RuleSet
    from briefcheck.pack import Rule
    from briefcheck.report import FileReport

ENV = "BRIEFCHECK_CACHE_DIR"
DEFAULT_DIR = ".briefcheck_cache"
FORMAT = 1  # the layout of the folder and of its entries; a new one starts afresh
MAX_ENTRIES = 5000  # results kept; beyond this the oldest are removed ...
PRUNE_TO = 4000  # ... down to this many, so that pruning is not needed on every run
# Rule kinds whose findings may differ between two runs over the same input: the proofreading
# engine was unavailable (it may be back), a rule ran out of its time budget (machine speed).
UNSTABLE_KINDS = frozenset({"proofing-status", "rule-timeout"})
# Proofreading engines whose answers are reproducible offline (a server's may change).
# Each with the modules whose installed files decide its answers (Harper, and its word list).
STABLE_ENGINES = {"harper": ("harper", "spellchecker")}


def cache_dir(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """Where the cache lives: $BRIEFCHECK_CACHE_DIR, else .briefcheck_cache here."""
    return Path(environ.get(ENV) or DEFAULT_DIR)


# --------------------------------------------------------------------------- identities


@cache
def code_fingerprint() -> str:
    """The version, the Python, and the size and modification time of every module of this
    briefcheck (an edited or re-installed one gives another fingerprint at the same version)."""
    return fingerprint(Path(__file__).resolve().parent)


def fingerprint(root: Path) -> str:
    """A digest of the version, the Python, and the `*.py` files under root (size, time)."""
    h = hashlib.sha256(f"{__version__}\0{sys.version}\0{FORMAT}".encode())
    _stamp_files(h, root, sorted(root.rglob("*.py")))
    return h.hexdigest()


def _stamp_files(h: Any, root: Path, paths: list[Path]) -> None:
    """Add each file's path under root, size and modification time to the digest `h`."""
    for path in paths:
        st = path.stat()
        h.update(f"{path.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def _files_digest(folders: list[Path]) -> list[tuple[str, str]]:
    """(name, SHA-256) of every file in the folders (a vocabulary), in a fixed order."""
    out = []
    for folder in folders:
        for path in sorted(p for p in Path(folder).iterdir() if p.is_file()):
            out.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    return out


@cache
def _engine_version(modules: tuple[str, ...]) -> str:
    """A digest of the installed files (name, size, time) of an engine's modules: an upgrade
    or a reinstall changes it. Cheaper than the packages' versions (importlib.metadata alone
    takes 10 ms to import), and it sees a changed word list that keeps its version."""
    from importlib.machinery import PathFinder

    h = hashlib.sha256()
    for name in modules:
        spec = PathFinder.find_spec(name)
        if spec is None or spec.origin is None:
            h.update(f"{name}\0not installed\n".encode())
            continue
        origin = Path(spec.origin)
        folder = origin.parent if spec.submodule_search_locations else origin
        files = sorted(folder.rglob("*")) if folder.is_dir() else [folder]
        # compiled caches come and go with the same code
        kept = [p for p in files if "__pycache__" not in p.parts and p.is_file()]
        _stamp_files(h, folder.parent, kept)
    return h.hexdigest()


def rule_digest(rule: Rule) -> str:
    """SHA-256 of a rule's settings, options, kind and anatomy (kept on the rule, which is
    frozen: a changed rule is a new object, and a pack snapshot carries the digests)."""
    if rule.digest is None:
        # The reprs of our frozen models list every field, nested models included, in a fixed
        # order; unlike model_dump they need no serializer built (some milliseconds each).
        doc = f"{rule.spec!r}\0{rule.options!r}\0{rule.module.__name__}\0{rule.anatomy.digest}"
        object.__setattr__(rule, "digest", hashlib.sha256(doc.encode("utf-8")).hexdigest())
    return rule.digest


def ruleset_identity(ruleset: RuleSet) -> str | None:
    """A digest of everything in a rule set that shapes a result; None when its results must
    not be cached (a proofreading engine behind a server)."""
    pack = ruleset.pack
    engines: dict[str, str] = {}
    rules = []
    for rule in ruleset.rules:
        settings = getattr(rule.options, "settings", None)
        if rule.spec.kind in ("proofing", "proofing-status") and rule.options.engine != "off":
            name = settings.resolved if settings is not None else rule.options.engine
            if name not in STABLE_ENGINES:
                return None
            engines[name] = _engine_version(STABLE_ENGINES[name])
        rules.append(rule_digest(rule))
    vocabularies = {id(pack.vocabulary): pack.vocabulary}
    vocabularies.update((id(r.vocabulary), r.vocabulary) for r in ruleset.rules if r.vocabulary)
    doc = {
        "format": FORMAT,
        "version": __version__,
        "code": code_fingerprint(),
        "pack": [r.id for r in pack.rules],  # suppression comments name any rule of the pack
        "anatomy": pack.anatomy.digest,
        "rules": rules,
        "vocabulary": [_files_digest(v.folders) for v in vocabularies.values()],
        "engines": engines,
    }
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- safe pickles

# What a stored entry may contain besides plain values: our report and pack classes, and the
# few standard types they hold. Anything else in a file is refused (a cache folder is data, and
# a pickle that could name any callable would be code).
_ALLOWED_PREFIXES = ("briefcheck.",)
_ALLOWED = {
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("collections", "OrderedDict"),
}


class _Pickler(pickle.Pickler):
    """Modules (a rule's kind) are stored by name; models (`briefcheck.model`) with their
    fields and what their cached properties derived from them (see `_model_state`); compiled
    regular expressions with their compiled program (see `_pattern`), so that loading does not
    compile them again."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, ModuleType):
            return ("module", obj.__name__)
        return None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            if obj.pattern is None:  # compiled from a parsed tree: no text to store it by
                program = program_of(obj)
                if program is None:
                    raise pickle.PicklingError("a regular expression without its text")
                return (_pattern, (None, obj.flags, program))
            return (_pattern, _pattern_args(obj))
        if isinstance(obj, Model):
            return (_model, (type(obj),), _model_state(obj))  # state set after: cycles allowed
        return NotImplemented


def _model_state(model: Model) -> dict:
    """A model's pickle state: its fields, and each cached value that can be stored (one that
    cannot, such as a regex built from a parsed tree, is computed again when used)."""
    fields = type(model).model_fields
    return {
        name: value
        for name, value in vars(model).items()
        if name in fields or not _textless_pattern(value, set())
    }


def _textless_pattern(value: Any, seen: set[int]) -> bool:
    """Whether value holds a regex compiled from a parsed tree that is not known to
    `compile_tree` (which cannot be stored)."""
    if isinstance(value, re.Pattern):
        return value.pattern is None and program_of(value) is None
    if id(value) in seen or isinstance(value, (str, bytes, int, float, type(None))):
        return False
    seen.add(id(value))
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        items = getattr(value, "__dict__", {}).values()
    return any(_textless_pattern(x, seen) for x in items)


def _model(cls: type) -> Any:
    """An empty model instance; pickle then sets its state (`Model.__setstate__`)."""
    return cls.__new__(cls)


# A compiled pattern is stored as the arguments of `_sre.compile`, the C constructor that
# `re.compile` ends with, so loading skips the parsing and compiling done in Python (about 50 ms
# for a pack's few hundred patterns, against 2 ms). Those arguments are internal to CPython:
# they are stored only when rebuilding from them gives a pattern equal to the original (same
# text, flags and program), entries are keyed by the exact Python version (code_fingerprint),
# and any failure on loading falls back to `re.compile`.


def _pattern_args(pattern: re.Pattern) -> tuple:
    text, flags = pattern.pattern, pattern.flags
    try:
        program = _sre_program(text, flags)
        if _sre.compile(*program) == pattern:
            return (text, flags, program)
    except Exception:  # another Python's internals: stored as text, compiled on loading
        pass
    return (text, flags, None)


def _sre_program(text: str | bytes, flags: int) -> tuple:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(text, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final = flags | parsed.state.flags
    return (text, final, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _pattern(text: str | bytes, flags: int, program: tuple | None = None) -> re.Pattern:
    """A compiled pattern from what `_pattern_args` stored (or, for one compiled from a parse
    tree, `reducer_override`: no text, the program)."""
    if text is None:
        return from_program(program)
    if program is not None:
        try:
            return _sre.compile(*program)
        except Exception:  # pragma: no cover - a program from another Python
            pass
    return re.compile(text, flags)


_FOUND: dict[tuple[str, str], Any] = {}  # classes already looked up (a lookup imports)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = _FOUND.get((module, name))
        if found is not None:
            return found
        if not (module.startswith(_ALLOWED_PREFIXES) or (module, name) in _ALLOWED):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
        found = _FOUND[module, name] = super().find_class(module, name)
        return found

    def persistent_load(self, pid: Any) -> Any:
        kind, name = pid
        if kind != "module" or not name.startswith("briefcheck.rules."):
            raise pickle.UnpicklingError(f"unexpected reference {pid!r}")
        import importlib

        return importlib.import_module(name)


def dumps(obj: Any) -> bytes:
    """Pickle an object graph (modules by name)."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def loads(data: bytes) -> Any:
    """Unpickle what `dumps` wrote; anything but our own classes is refused."""
    return _Unpickler(io.BytesIO(data)).load()


TEMP_PREFIX = ".tmp-"  # write_atomic's temp files
# A temp file older than this was left by a write that was killed before its rename (a younger
# one may be another run's write in progress); `entries` removes it.
LEFTOVER_AGE = 60.0


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, created only if new (as tempfile.mkstemp, whose import costs 4 ms).
    tmp = path.parent / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def entries(folder: Path) -> list[os.DirEntry]:
    """The files of a cache folder (results, snapshots), without write_atomic's temp files;
    those that a killed write left behind are removed on the way (OSError: no folder)."""
    out = []
    now = time.time()
    with os.scandir(folder) as found:
        for entry in found:
            if not entry.is_file(follow_symlinks=False):
                continue
            if not entry.name.startswith(TEMP_PREFIX):
                out.append(entry)
            elif now - _mtime(entry) > LEFTOVER_AGE:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    return out


def prepare_root(root: Path) -> None:
    """Create the folder, marked as a cache (backup tools and git leave it alone)."""
    if (root / "CACHEDIR.TAG").exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text("# created by briefcheck\n*\n", encoding="utf-8")
    (root / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by briefcheck.\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- results

_MAGIC = b"briefcheck-result\n"


class ResultCache:
    """Results by content hash, in ROOT/v1/results/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / f"v{FORMAT}" / "results"
        self.hits = self.misses = self.stored = 0
        self._ids: dict[int, tuple[RuleSet, str | None]] = {}

    def identity(self, ruleset: RuleSet) -> str | None:
        """The rule set's identity (computed once per rule set object)."""
        known = self._ids.get(id(ruleset))
        if known is None or known[0] is not ruleset:
            known = (ruleset, ruleset_identity(ruleset))
            self._ids[id(ruleset)] = known
        return known[1]

    def key(self, data: bytes, ruleset: RuleSet, display: str) -> str | None:
        """The entry name for these file bytes checked by this rule set and shown as
        `display`; None when the rule set's results are not cached."""
        identity = self.identity(ruleset)
        if identity is None:
            return None
        h = hashlib.sha256(identity.encode())
        h.update(b"\0" + display.encode("utf-8", "surrogatepass") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str, display: str) -> FileReport | None:
        """The stored result, or None (absent, damaged, or not what it should be)."""
        from briefcheck.report import FileReport

        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            if not data.startswith(_MAGIC):
                raise ValueError("not a result entry")
            report = loads(data[len(_MAGIC) :])
            if not isinstance(report, FileReport) or report.path != display or report.error:
                raise ValueError("not the expected result")
        except Exception:  # damaged, truncated or foreign: a miss, written again later
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: FileReport, unstable: frozenset[str] = frozenset()) -> None:
        """Store a result (never one with an error, or with findings of `unstable` rules)."""
        if store(self.root, key, report, unstable):
            self.stored += 1

    def prune(self, limit: int = MAX_ENTRIES, keep: int = PRUNE_TO) -> int:
        """Remove the oldest results beyond `limit` (down to `keep`); returns how many."""
        try:
            found = entries(self.folder)
        except OSError:
            return 0
        if len(found) <= limit:
            return 0
        found.sort(key=lambda e: _mtime(e))
        removed = 0
        for e in found[: len(found) - keep]:
            try:
                os.unlink(e.path)
                removed += 1
            except OSError:
                pass
        return removed


def _mtime(entry: os.DirEntry) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:
        return 0.0


def cacheable(report: FileReport, unstable: frozenset[str] = frozenset()) -> bool:
    """Whether a result may be stored: read without error, no finding that may change."""
    return not report.error and not any(x.rule in unstable for x in report.findings)


def unstable_rules(ruleset: RuleSet) -> frozenset[str]:
    """The ids of the rules whose findings may differ between runs (see UNSTABLE_KINDS)."""
    return frozenset(r.id for r in ruleset.rules if r.spec.kind in UNSTABLE_KINDS)


def store(root: Path, key: str, report: FileReport, unstable: frozenset[str]) -> bool:
    """Write one result entry (from the main process or a worker); False when not stored."""
    if not cacheable(report, unstable):
        return False
    try:
        prepare_root(root)
        write_atomic(root / f"v{FORMAT}" / "results" / key, _MAGIC + dumps(report))
    except OSError:  # a read-only or full disk: the run goes on without the cache
        return False
    return True
