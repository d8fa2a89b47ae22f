"""Check files in worker processes: the rule sets loaded once per worker, files sent in chunks,
results (picklable FileReports) put back in input order, progress reported by the parent.

On Linux the workers are forked from the parent after it has loaded the style pack, so they
start with everything in memory (a few milliseconds each). Elsewhere they are spawned and
receive the rule sets pickled once (modules by name), which costs about a fresh start-up each.

A worker that raises (a bug) or dies makes the whole run fail with that error instead of
waiting: the pool is shut down and the error goes up to the command line (one line, exit 2).
"""

from __future__ import annotations

import gc
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from briefcheck.engine import RuleSet
    from briefcheck.report import FileReport

# Below these, a pool costs more than it saves (measured: docs/performance.md). A forked worker
# starts in a few milliseconds and then pays the first-use costs (regexes, vocabulary) of
# about three articles; a spawned one first imports briefcheck and unpickles the rule sets
# (0.3–0.5 s), which about fifty articles repay.
MIN_FILES = {"fork": 8, "spawn": 64}
MIN_BYTES = {"fork": 200 * 1024, "spawn": 2 * 1024 * 1024}
# With the offline proofreading engine one process already uses every core: Harper lints the
# paragraphs in a thread per core (briefcheck.proofing.threads), and its 0.6 s build starts as
# the command starts. Workers pay off only for many files, where checking the house rules in
# parallel too outweighs a build per worker started later (16 articles: 2.20 s in one process,
# 2.32 s in two; bench/proofing.py).
MIN_FILES_PROOFING = {"fork": 24, "spawn": 96}
CHUNKS_PER_WORKER = 4  # smaller chunks balance the load; larger ones cost fewer round trips


@dataclass(frozen=True, slots=True)
class Task:
    """One file to check: its place in the report, names, rule set (by index) and cache key."""

    index: int
    display: str
    path: str
    ruleset: int
    key: str | None = None


def default_jobs() -> int:
    """The CPUs this process may run on (its affinity where the system says, else all)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:  # pragma: no cover - a sandbox without the call
            pass
    return max(1, os.cpu_count() or 1)


def worth_it(
    jobs: int, n_files: int, n_bytes: int, method: str | None = None, proofing: bool = False
) -> bool:
    """Whether to use worker processes for this much work (see MIN_FILES and MIN_BYTES;
    MIN_FILES_PROOFING when the offline proofreading engine checks the files)."""
    method = method or start_method()
    files = (MIN_FILES_PROOFING if proofing else MIN_FILES)[method]
    enough = n_files >= files or n_bytes >= MIN_BYTES[method]
    return jobs > 1 and n_files >= 2 and enough


def start_method() -> str:
    """`fork` on Linux (fast: the loaded pack is shared), `spawn` elsewhere (the safe one)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


# --------------------------------------------------------------------------- the worker side

_RULESETS: Sequence[RuleSet] = ()
_LIMIT = 0
_CACHE_ROOT: Path | None = None
_UNSTABLE: Sequence[frozenset[str]] = ()


def _init(rulesets, limit: int, cache_root: Path | None, unstable, cores: int) -> None:
    """Worker start: keep the rule sets (forked: as they are; spawned: pickled bytes); `cores`
    is this worker's share of the jobs, for a proofreading engine's threads."""
    global _RULESETS, _LIMIT, _CACHE_ROOT, _UNSTABLE
    if isinstance(rulesets, bytes):
        from briefcheck.cache import loads

        rulesets = loads(rulesets)
    _RULESETS, _LIMIT, _CACHE_ROOT, _UNSTABLE = rulesets, limit, cache_root, unstable
    from briefcheck.proofing import set_threads

    set_threads(cores)
    _start_offline_engine(rulesets)
    # What the worker starts with (modules, the pack) lives as long as it does: out of the
    # garbage collector's sight, its collections only go through what the checks make (and a
    # forked worker does not copy the parent's pages just to mark them).
    gc.freeze()


def _start_offline_engine(rulesets: Sequence[RuleSet]) -> None:
    """Start building the offline proofreading engine now if the rule sets use it: its build
    (0.6 s, in native code) then overlaps the house rules of the worker's first files."""
    from briefcheck.proofing import OFFLINE, settings_used

    for settings in settings_used(rulesets):
        if settings.resolved == OFFLINE:
            from briefcheck.proofing.harper import prebuild

            prebuild(settings.language)


def check_one(display: str, path: Path, ruleset: RuleSet, limit: int) -> FileReport:
    """Read and check one file; a file that cannot be read gives a report with its error."""
    from briefcheck.document import InputError
    from briefcheck.engine import check_source
    from briefcheck.readers import read_path
    from briefcheck.report import FileReport

    try:
        source = read_path(path, display, limit)
    except InputError as exc:
        return FileReport(path=display, error=str(exc))
    return check_source(source, ruleset)


def _work(chunk: list[Task]) -> list[tuple[int, FileReport]]:
    """Check a chunk of files in a worker; store each result in the cache when asked."""
    out = []
    for task in chunk:
        report = check_one(task.display, Path(task.path), _RULESETS[task.ruleset], _LIMIT)
        if task.key is not None and _CACHE_ROOT is not None:
            from briefcheck.cache import store

            store(_CACHE_ROOT, task.key, report, _UNSTABLE[task.ruleset])
        out.append((task.index, report))
    return out


# --------------------------------------------------------------------------- the parent side


def chunked(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """Tasks in consecutive chunks, about CHUNKS_PER_WORKER per worker."""
    size = max(1, math.ceil(len(tasks) / (jobs * CHUNKS_PER_WORKER)))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def run_tasks(
    tasks: list[Task],
    rulesets: Sequence[RuleSet],
    jobs: int,
    limit: int,
    cache_root: Path | None = None,
    progress: Callable[[int], None] | None = None,
    method: str | None = None,
) -> dict[int, FileReport]:
    """Check the tasks in `jobs` worker processes; results by task index.

    `progress(n)` is called in this process as each chunk of n files comes back. Any error in a
    worker is raised here, after the pool has been shut down.
    """
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait

    from briefcheck.cache import dumps, unstable_rules

    method = method or start_method()
    context = multiprocessing.get_context(method)
    chunks = chunked(tasks, jobs)
    unstable = [unstable_rules(r) for r in rulesets]
    # Forked workers inherit the rule sets; spawned ones get them pickled, once per worker.
    payload = list(rulesets) if method == "fork" else dumps(list(rulesets))
    workers = min(jobs, len(chunks))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init,
        initargs=(payload, limit, cache_root, unstable, jobs // workers),
    )
    results: dict[int, FileReport] = {}
    try:
        pending: set[Future] = {pool.submit(_work, chunk) for chunk in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                part = future.result()  # a worker's exception is raised here
                results.update(part)
                if progress is not None:
                    progress(len(part))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return results


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers of a pool that failed, so that the run does not wait for them."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            if process.is_alive():
                process.terminate()
        except Exception:  # pragma: no cover - already gone
            pass
