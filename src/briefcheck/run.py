"""One `briefcheck check` run: resolve settings, fix if asked, check, apply the baseline, render."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefcheck.engine import STDIN, Stdin, check_paths, check_source, expand_targets
from briefcheck.report import SEVERITY_RANK, Report
from briefcheck.resolve import CliOptions, Resolver

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class RunError(Exception):
    """A problem that stops the whole run (exit 2); the message names the file and the cause."""


@dataclass(frozen=True)
class RunOptions:
    """Everything `check` was asked to do."""

    targets: list[str]
    cli: CliOptions = field(default_factory=CliOptions)
    fmt: str = "text"
    stdin: Stdin | None = None
    max_bytes: int | None = None
    fix: bool = False
    diff: bool = False
    baseline: Path | None = None
    update_baseline: bool = False
    jobs: int = 1  # worker processes for the check (1: in this process)
    cache_dir: Path | None = None  # the result and pack cache (None: no cache)


@dataclass
class RunResult:
    """The report, the diffs of --diff, messages for stderr and the exit code."""

    report: Report
    diffs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fixed_files: int = 0
    exit_code: int = EXIT_OK


def run_check(opts: RunOptions, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Run the checks (and fixes) that `opts` describe."""
    from briefcheck.config import ConfigFileError
    from briefcheck.pack import PackError
    from briefcheck.vocabulary import VocabularyError

    cache = None
    if opts.cache_dir is not None:
        from briefcheck.cache import ResultCache

        cache = ResultCache(opts.cache_dir)
    try:
        if cache is None:
            resolver = Resolver(opts.cli)
        else:  # packs from their snapshots in the cache folder
            from briefcheck.snapshot import load_pack_cached

            resolver = Resolver(opts.cli, partial(load_pack_cached, root=cache.root))
        diffs, notes, fixed = _fix(opts, resolver) if (opts.fix or opts.diff) else ([], [], 0)
        report = check_paths(
            opts.targets,
            resolver.ruleset_for,
            opts.stdin,
            opts.max_bytes,
            progress,
            jobs=opts.jobs,
            cache=cache,
        )
    except (ConfigFileError, PackError, VocabularyError) as exc:
        raise RunError(str(exc)) from None
    result = RunResult(report, diffs, notes, fixed)
    unavailable = next(
        (x for f in report.files for x in f.findings if x.rule == "engine-unavailable"), None
    )
    if unavailable is not None:  # one clear line, besides the findings
        result.notes.append(f"warning: {unavailable.message}")
    if opts.baseline is not None:
        result.notes += _baseline(report, opts.baseline, opts.update_baseline)
    result.exit_code = _exit_code(result, resolver, opts)
    return result


def _exit_code(result: RunResult, resolver: Resolver, opts: RunOptions) -> int:
    report = result.report
    if any(f.error for f in report.files):
        return EXIT_ERROR
    if opts.diff and result.diffs:
        return EXIT_FINDINGS
    for f in report.files:
        threshold = SEVERITY_RANK[resolver.fail_on(None if f.path == "-" else Path(f.path))]
        if any(SEVERITY_RANK[x.severity] >= threshold for x in f.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _fix(opts: RunOptions, resolver: Resolver) -> tuple[list[str], list[str], int]:
    """Apply (or, with --diff, only show) the certain fixes, file by file."""
    from briefcheck.document import InputError
    from briefcheck.fixes import FixError, fix_source, unified_diff, write_fixed
    from briefcheck.readers import MAX_BYTES, read_path

    diffs: list[str] = []
    notes: list[str] = []
    fixed = 0
    for display, path in expand_targets(opts.targets):
        if path is None or path == STDIN:
            if path == STDIN and opts.fix and not opts.diff:
                notes.append("--fix does not rewrite standard input (use --diff to see the fixes)")
            continue
        try:
            source = read_path(path, display, opts.max_bytes or MAX_BYTES)
        except InputError:
            continue  # the check below reports it
        ruleset = resolver.ruleset_for(path)
        try:
            result = fix_source(source, lambda s, rs=ruleset: check_source(s, rs).findings)
        except FixError as exc:  # e.g. a Word document: fixes are shown, not written
            notes.append(f"{display}: not fixed: {exc}")
            continue
        if not result.changed:
            continue
        if opts.diff:
            diffs.append(unified_diff(display, result.original, result.fixed))
            continue
        if not result.converged:
            notes.append(f"{display}: fixes did not settle after {result.rounds} rounds")
        try:
            write_fixed(path, result, source.encoding)
        except FixError as exc:
            notes.append(f"{display}: not fixed: {exc}")
            continue
        fixed += 1
        n = len(result.applied)
        notes.append(f"{display}: fixed {n} finding{'' if n == 1 else 's'}")
    return diffs, notes, fixed


def _baseline(report: Report, path: Path, update: bool) -> list[str]:
    from briefcheck import baseline

    try:
        if update or not path.exists():
            n = baseline.write(report, path)
            for f in report.files:
                f.findings = []
            return [f"{path}: recorded {n} finding(s) as the baseline"]
        known = baseline.load(path)
    except baseline.BaselineError as exc:
        raise RunError(str(exc)) from None
    dropped = baseline.filter_new(report, known, path.parent)
    return [f"{path}: {dropped} known finding(s) hidden"] if dropped else []


def statistics(report: Report) -> str:
    """A count per rule, most frequent first: `  12  error    house-typo  (fixable)`."""
    counts = Counter((x.rule, x.severity) for f in report.files for x in f.findings)
    lines = []
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
        info = report.rules.get(rule)
        fixable = "  (fixable)" if info is not None and info.fixable else ""
        lines.append(f"{n:>6}  {severity:<8} {rule}{fixable}")
    total = sum(counts.values())
    lines.append(f"{total:>6}  total")
    return "\n".join(lines) + "\n"


def use_color(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to something."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
