"""The time budget per rule per document (`briefcheck.budget`, the `rule-timeout` rule).

A user rule whose regex backtracks catastrophically must be stopped, inside `re`, and reported
as a `rule-timeout` warning instead of hanging the run. `(a+)+$` on 40 a's and a "!" needs about
2**40 steps: hours, unless stopped.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest

from briefcheck.budget import UNBUDGETED_KINDS, Guard, budget_seconds, run_within
from briefcheck.engine import RuleSet, check_source
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.structure import find_articles

POSIX_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
CATASTROPHIC = r"(a+)+$"
RUNAWAY = "a" * 40 + "!"
PACK = load_pack("analyst")

SLOW_RULE = f"""\
id: slow-regex
kind: pattern
severity: error
scope: all
summary: A user rule whose regex backtracks catastrophically.
message: "{{detail}}"
rationale: Nested repetition, as users write it.
options:
  patterns:
    - regex: "{CATASTROPHIC}"
      detail: "a run of a's at a line end"
examples:
  fail: ["aaaa"]
  pass: ["bbbb"]
"""


def _timer_is_clear() -> bool:
    if not POSIX_TIMER:
        return True
    return signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0) and signal.getsignal(
        signal.SIGPROF
    ) in (signal.SIG_DFL, None)


@pytest.fixture
def slow_pack(tmp_path: Path, repo: Path) -> Path:
    """The analyst pack, copied, with a user rule whose regex backtracks catastrophically."""
    pack = tmp_path / "pack"
    shutil.copytree(repo / "lint_rules" / "analyst", pack)
    (pack / "rules" / "slow-regex.yaml").write_text(SLOW_RULE, encoding="utf-8")
    return pack


def _brief(lead: str) -> bytes:
    return f"By Jane Doe\nA lead paragraph ends in {lead}\nBACKGROUND: Some text.\n".encode()


# --- the mechanism -------------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_a_runaway_match_is_stopped_inside_re() -> None:
    start = time.monotonic()
    assert run_within(0.3, lambda over: re.search(CATASTROPHIC, RUNAWAY)) is None
    # 0.3 s of CPU time; the wall clock is generous for a loaded machine.
    assert time.monotonic() - start < 10
    assert _timer_is_clear()


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
@pytest.mark.parametrize(
    "call",
    [
        lambda rx: list(rx.finditer(RUNAWAY)),
        lambda rx: rx.sub("", RUNAWAY),
        lambda rx: rx.fullmatch(RUNAWAY),
        lambda rx: re.compile(r"^(\w+\s?)+$").search("word " * 14 + "!"),
    ],
    ids=["finditer", "sub", "fullmatch", "words"],
)
def test_every_kind_of_match_is_stopped(call) -> None:
    assert run_within(0.2, lambda over: call(re.compile(CATASTROPHIC, re.MULTILINE))) is None
    assert _timer_is_clear()


def test_work_in_time_keeps_its_result_and_leaves_no_timer() -> None:
    assert run_within(5.0, lambda over: [m.group() for m in re.finditer("a+", "aa b aaa")]) == [
        "aa",
        "aaa",
    ]
    assert _timer_is_clear()


def test_an_error_in_the_work_propagates_and_leaves_no_timer() -> None:
    with pytest.raises(ZeroDivisionError):
        run_within(5.0, lambda over: 1 / 0)
    assert _timer_is_clear()


def test_in_a_thread_the_budget_is_checked_between_steps() -> None:
    """No signal reaches a worker thread: the budget is checked between hits there."""
    out: dict[str, object] = {}

    def worker() -> None:
        out["slow"] = run_within(0.2, lambda over: next(x for x in iter(int, 1) if over()))
        out["fast"] = run_within(5.0, lambda over: "done")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert out == {"slow": None, "fast": "done"}


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_a_profilers_sigprof_handler_is_left_alone() -> None:
    """With SIGPROF taken, the budget falls back to checks between steps; the handler stays."""
    calls = []

    def profiler(signum, frame) -> None:
        calls.append(signum)

    previous = signal.signal(signal.SIGPROF, profiler)
    try:
        assert run_within(0.2, lambda over: next(x for x in iter(int, 1) if over())) is None
        assert signal.getsignal(signal.SIGPROF) is profiler
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGPROF, previous)


def test_the_budget_grows_with_the_document() -> None:
    options = PACK.rule("rule-timeout").options
    assert (options.seconds, options.per_million_chars) == (1.0, 2.0)
    assert budget_seconds(options, 0) == 1.0
    assert budget_seconds(options, 5_000_000) == 11.0


# --- the guard, as the engine uses it ------------------------------------------------------------


def test_the_guard_stops_the_slow_rule_and_reports_it(slow_pack: Path) -> None:
    pack = load_pack(str(slow_pack))
    source = read_bytes(_brief(RUNAWAY), "x.txt")
    articles = find_articles(source, pack.anatomy)
    guard = Guard.for_document(pack.rules, source)
    start = time.monotonic()
    assert guard.check(pack.rule("slow-regex"), articles) == []
    assert time.monotonic() - start < 30
    typo = read_bytes(b"By Jane Doe\nA lead in the tribal are.", "y.txt")
    hits = guard.check(pack.rule("house-typo"), find_articles(typo, pack.anatomy))
    assert [typo.text[h.start : h.end] for _, h in hits] == ["tribal are"]
    [(reporter, hit)] = guard.hits()
    assert reporter is pack.rule("rule-timeout")
    assert (hit.start, hit.end) == (0, 0)
    assert hit.params == {"rule": "slow-regex", "kind": "pattern", "budget": "1"}
    assert _timer_is_clear()


def test_no_rule_timeout_rule_means_no_budget() -> None:
    source = read_bytes(_brief("x"), "x.txt")
    guard = Guard.for_document([r for r in PACK.rules if r.id != "rule-timeout"], source)
    assert not guard.budgeted(PACK.rule("house-typo"))
    assert guard.hits() == []


def test_proofreading_and_engine_level_rules_are_not_budgeted() -> None:
    guard = Guard.for_document(PACK.rules, read_bytes(_brief("x"), "x.txt"))
    assert {"proofing", "proofing-status", "suppression", "rule-timeout"} <= UNBUDGETED_KINDS
    assert not guard.budgeted(PACK.rule("spelling"))
    assert not guard.budgeted(PACK.rule("engine-unavailable"))
    assert guard.budgeted(PACK.rule("web-artifact"))


# --- through the engine and the command line ----------------------------------------------------


def test_check_source_reports_the_stopped_rule(slow_pack: Path) -> None:
    pack = load_pack(str(slow_pack))
    ruleset = RuleSet(pack, tuple(r for r in pack.rules if r.spec.kind != "proofing"))
    report = check_source(read_bytes(_brief(RUNAWAY), "x.txt"), ruleset)
    stopped = [f for f in report.findings if f.rule == "rule-timeout"]
    assert [(f.line, f.column, f.article, f.text, f.severity) for f in stopped] == [
        (1, 1, None, "", "warning")
    ]
    assert "'slow-regex'" in stopped[0].message and "1 s" in stopped[0].message
    assert not [f for f in report.findings if f.rule == "slow-regex"]
    assert [f for f in report.findings if f.rule == "lead-length"]  # the other rules ran


def test_cli_stops_a_catastrophic_user_rule(slow_pack: Path, tmp_path: Path, cli_env) -> None:
    stuck = tmp_path / "stuck.txt"
    stuck.write_bytes(_brief(RUNAWAY))
    fine = tmp_path / "fine.txt"
    fine.write_bytes(_brief("aaaa"))  # the same rule matches at once here
    cmd = [sys.executable, "-m", "briefcheck", "check", "--format", "json", "--rules", slow_pack]
    start = time.monotonic()
    done = subprocess.run(
        [*cmd, stuck, fine],
        capture_output=True,
        env=cli_env(),
        timeout=120,  # without the budget: hours
        check=False,
    )
    elapsed = time.monotonic() - start
    assert (done.returncode, done.stderr.decode()) == (1, "")
    files = {Path(f["path"]).name: f["findings"] for f in json.loads(done.stdout)["files"]}
    rules = {name: {x["rule"] for x in found} for name, found in files.items()}
    assert "rule-timeout" in rules["stuck.txt"] and "slow-regex" not in rules["stuck.txt"]
    assert "slow-regex" in rules["fine.txt"] and "rule-timeout" not in rules["fine.txt"]
    [stopped] = [x for x in files["stuck.txt"] if x["rule"] == "rule-timeout"]
    assert (stopped["line"], stopped["column"], stopped["article"]) == (1, 1, None)
    assert stopped["severity"] == "warning"
    assert stopped["message"] == (
        "rule 'slow-regex' was stopped after its time budget of 1 s for this file; "
        "its findings here are not reported"
    )
    assert elapsed < 60, elapsed  # 1 s of CPU for the rule, plus start-up, on a loaded machine


# --- one timer per document (the guard as a context manager, as the engine uses it) -------------


def _burner(seconds: float, clock=time.process_time):
    """A rule (as Guard.check sees one) that uses `seconds` of CPU time on each target (by
    `clock`: the process's CPU, or `time.thread_time` for its own thread's only)."""

    def check(_rule, _target):
        end = clock() + seconds
        while clock() < end:
            pass
        yield "done"

    module = type("Module", (), {"check": staticmethod(check)})
    spec = type("Spec", (), {"kind": "pattern"})
    return type("Rule", (), {"module": module, "spec": spec, "id": f"burn-{seconds}"})()


def _guard(seconds: float) -> Guard:
    return Guard(PACK.rule("rule-timeout"), seconds)


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_one_timer_counts_each_rule_on_its_own() -> None:
    """Five rules of 0.12 s each under a 0.2 s budget: the timer fires while they run (the file
    takes 0.6 s), and is set again for what the running rule has left; none is stopped."""
    with _guard(0.2) as guard:
        assert guard._clock is not None  # the one timer of the document
        found = [guard.check(_burner(0.12), ["t"]) for _ in range(5)]
    assert found == [[("t", "done")]] * 5
    assert guard.stopped == []
    assert _timer_is_clear()


@contextlib.contextmanager
def _native_work_in_another_thread():
    """CPU work outside the GIL in a second thread (as Harper's build is): it adds to the
    process's CPU time while the main thread runs a rule."""
    stop = threading.Event()
    blob = b"x" * (8 << 20)

    def churn() -> None:
        while not stop.is_set():
            zlib.compress(blob, 9)  # releases the GIL while it compresses

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    try:
        time.sleep(0.05)
        yield
    finally:
        stop.set()
        worker.join()


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_another_threads_cpu_does_not_count_against_a_rule() -> None:
    """The budget is the rule's own thread's CPU: the proofreading engine builds Harper in a
    thread while the first file's house rules run, and its CPU must not stop them."""
    before = time.process_time()
    with _native_work_in_another_thread():
        with _guard(0.3) as guard:  # one timer for the document
            found = guard.check(_burner(0.2, time.thread_time), ["t"])
        rule = _burner(0.2, time.thread_time)
        alone = run_within(0.3, lambda over: list(rule.module.check(rule, "t")))
    assert time.process_time() - before > 0.6  # the other thread did add to the process's CPU
    assert found == [("t", "done")]
    assert alone == ["done"]
    assert guard.stopped == []
    assert _timer_is_clear()


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_one_timer_stops_a_runaway_match_and_goes_on(slow_pack: Path) -> None:
    pack = load_pack(str(slow_pack))
    source = read_bytes(_brief(RUNAWAY), "x.txt")
    articles = find_articles(source, pack.anatomy)
    start = time.monotonic()
    with Guard.for_document(pack.rules, source) as guard:
        assert guard.check(pack.rule("house-typo"), articles) == []
        assert guard.check(pack.rule("slow-regex"), articles) == []  # stopped inside `re`
        after = guard.check(_burner(0.3), ["t"])  # a full budget again for the next rule
        hits = guard.check(pack.rule("lead-length"), articles)
    assert time.monotonic() - start < 30
    assert after == [("t", "done")] and [h.params["part"] for _, h in hits] == ["lead"]
    assert [t.rule.id for t in guard.stopped] == ["slow-regex"]
    assert _timer_is_clear()


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_a_rule_past_its_budget_loses_its_findings_with_one_timer() -> None:
    """A rule that ends just after its budget, between two timer signals, is dropped too."""
    with _guard(0.05) as guard:
        assert guard.check(_burner(0.2), ["t"]) == []
        assert guard.check(_burner(0.0), ["t"]) == [("t", "done")]
    assert [t.rule.id for t in guard.stopped] == ["burn-0.2"]
    assert _timer_is_clear()


@pytest.mark.skipif(not POSIX_TIMER, reason="no setitimer/SIGPROF on this platform")
def test_with_sigprof_taken_the_guard_checks_between_steps() -> None:
    calls = []
    previous = signal.signal(signal.SIGPROF, lambda signum, frame: calls.append(signum))
    try:
        profiler = signal.getsignal(signal.SIGPROF)
        with _guard(0.1) as guard:
            assert guard._clock is None
            assert guard.check(_burner(0.3), ["t"]) == []
            assert signal.getsignal(signal.SIGPROF) is profiler
        assert signal.getsignal(signal.SIGPROF) is profiler
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGPROF, previous)
    assert [t.rule.id for t in guard.stopped] == ["burn-0.3"]


def test_in_a_thread_the_guard_needs_no_timer() -> None:
    out: dict[str, object] = {}

    def worker() -> None:
        with _guard(0.1) as guard:
            out["clock"] = guard._clock
            out["slow"] = guard.check(_burner(0.3), ["t"])
            out["fast"] = guard.check(_burner(0.0), ["t"])

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(60)
    assert out == {"clock": None, "slow": [], "fast": [("t", "done")]}
    assert _timer_is_clear()
