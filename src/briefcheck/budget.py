"""A time budget per rule per document: a rule that runs past it is stopped and reported.

A style pack's regexes are data, and one of them can backtrack catastrophically (`(a+)+$` on a
long run of a's followed by something else needs 2**n steps). Python's `re` cannot be given a
timeout, but its matching loop calls `PyErr_CheckSignals()` every 4,096 steps, so a Python signal
handler that raises stops a runaway match from the inside, within milliseconds. Measured on
CPython 3.11: `(a+)+$`, `(a|aa)+$`, `(a*)*b`, `^(\\w+\\s?)+$`, `(.*a){25}` and a backreference
case, through search, finditer, sub and fullmatch, all stop 0.500–0.508 s into a 0.5 s
SIGALRM, and after 0.48–0.52 s of CPU time under a 0.5 s ITIMER_PROF (0.7–1.05 s of wall time
on a machine shared with other work).

So, in the main thread on a POSIX system, each budgeted rule runs under a CPU-time timer
(`ITIMER_PROF`, signal SIGPROF: CPU time, not the wall clock, so a busy machine does not make
rules time out; SIGALRM stays free for others, e.g. pytest-timeout). The timer counts the
process's CPU, and the proofreading engine's threads (Harper's build, which overlaps the first
file's house rules) add to it, so what decides is the rule's own thread's CPU time
(`time.thread_time`): when the timer fires early, it is set again for what the rule has left.
When the rule's budget is spent, it is stopped wherever it is. Elsewhere (a worker thread,
Windows, or a process whose SIGPROF timer or handler is already taken by a profiler) the budget
is checked between the rule's hits and between articles: that stops a slow rule but not one
runaway match.

Either way a rule that used more than its budget on a document loses all its findings there (a
part of them would depend on the machine's speed) and gives one `rule-timeout` finding instead.
The engine calls `Guard.for_document` once per document, runs the rules inside `with guard:`
(one timer for the whole document, see `_Clock`), calls `Guard.check` for every rule and
`Guard.hits` at the end; `Guard.check` outside a `with` (and `run_within`) sets up such a
timer for the one rule. The
budget is on when the rule set holds a rule of kind `rule-timeout`; its options set the seconds.
The proofreading kinds have their own timeouts and are not budgeted.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from briefcheck.rules.base import Hit

if TYPE_CHECKING:
    from briefcheck.document import Source
    from briefcheck.pack import Rule

KIND = "rule-timeout"
# Kinds that talk to a proofreading engine with timeouts of their own, and the engine-level
# kinds that the engine does not run as rules.
UNBUDGETED_KINDS = frozenset({"proofing", "proofing-status", "suppression", KIND})
T = TypeVar("T")


class _Expired(BaseException):
    """Raised inside a rule when its budget is spent (a BaseException: no `except Exception`
    in a rule can swallow it)."""


@dataclass(frozen=True)
class Timeout:
    """A rule stopped on a document: which rule, and the budget it had."""

    rule: Rule
    seconds: float


def budget_seconds(options: Any, size: int) -> float:
    """The budget for a document of `size` characters under a rule-timeout rule's options."""
    return options.seconds + options.per_million_chars * size / 1_000_000


_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")  # not on Windows


def run_within(seconds: float, work: Callable[[Callable[[], bool]], T]) -> T | None:
    """`work(over)` with a time budget: its result, or None when the budget ran out.

    `over()` tells whether the budget is spent; `work` should call it between steps (hits),
    which is all that stops it where no timer can interrupt it. With the timer (main thread,
    POSIX), `work` is stopped at once wherever it is, inside a regular expression too.
    """
    if seconds <= 0:
        return None
    # Python runs signal handlers in the main thread only.
    if _HAS_TIMER and threading.current_thread() is threading.main_thread():
        clock = _Clock(seconds)
        if clock.start():  # else a profiler has SIGPROF: checked between steps below
            try:
                return clock.run_work(lambda: work(_never))
            finally:
                clock.stop()
    start = time.thread_time()
    deadline = start + seconds
    try:
        result = work(lambda: time.thread_time() > deadline)
    except _Expired:
        return None
    return _in_time(result, time.thread_time() - start, seconds)


def _never() -> bool:
    return False


def _in_time(result: T, used: float, seconds: float) -> T | None:
    """The result, or None for work that finished past its budget: a rule's findings must not
    depend on how close the timer came."""
    return None if used > seconds else result


def _pairs(rule: Rule, targets: Sequence[T]) -> list[tuple[T, Hit]]:
    """The rule's hits on every target, as (target, hit) pairs."""
    return [(t, h) for t in targets for h in rule.module.check(rule, t)]


class _Clock:
    """One ITIMER_PROF timer for all the rules of a document, instead of one per rule (or for
    one piece of work: `run_within`).

    A handler and a timer set and cleared around every rule on every file cost five system
    calls and two `signal.signal` calls each time: a tenth of the check. Here the handler is set
    once per document and the timer is always due no later than the running rule's start plus
    the budget: it is armed for the budget when the document starts (before any rule), and
    when it fires, the rule running then is stopped if it has used its budget, and otherwise
    the timer is armed again for what that rule has left (between rules: for a whole budget,
    again before the next rule starts). So a runaway match is stopped within its budget, as
    with a timer per rule, at the cost of a signal per budget of CPU time; and a rule that ends
    past its budget loses its findings the same way (`_in_time`).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None  # thread time at which the running rule began
        self.armed = False
        self.previous: Any = None

    def start(self) -> bool:
        """Set the handler and arm the timer; False (and nothing changed) when either is taken."""
        self.previous = signal.signal(signal.SIGPROF, self._fire)
        if self.previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
            signal.signal(signal.SIGPROF, self.previous)
            return False
        self.armed = True
        old = signal.setitimer(signal.ITIMER_PROF, self.seconds)
        if old != (0.0, 0.0):  # a profiler's timer: put it back, and its handler
            self.armed = False
            signal.setitimer(signal.ITIMER_PROF, *old)
            signal.signal(signal.SIGPROF, self.previous)
            return False
        return True

    def stop(self) -> None:
        """Disarm the timer, then put the old handler back (SIGPROF's default ends a process)."""
        self.armed = False
        self.started = None
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, self.previous)

    def _fire(self, _signum: int, _frame: object) -> None:
        if not self.armed:  # a late delivery after the document ended must not raise elsewhere
            return
        started = self.started
        left = self.seconds if started is None else started + self.seconds - time.thread_time()
        if left <= 0:
            self.started = None
            signal.setitimer(signal.ITIMER_PROF, self.seconds)  # due for the next rule
            raise _Expired
        signal.setitimer(signal.ITIMER_PROF, left)

    def run_work(self, work: Callable[[], T]) -> T | None:
        """`work()` as the timed work: its result, or None when its budget ran out."""
        start = time.thread_time()  # the rule's thread: not the proofreading engine's
        try:
            try:
                self.started = start
                found = work()
            finally:
                self.started = None
        except _Expired:  # raised by _fire, possibly as the work was ending: it is over anyway
            return None
        return _in_time(found, time.thread_time() - start, self.seconds)


@dataclass
class Guard:
    """Runs one document's rules within the budget and keeps the rules it had to stop.

    Used as a context manager, it keeps one timer for the document (main thread, POSIX, the
    timer free); otherwise, or where no timer can be had, each `check` runs under `run_within`.
    """

    reporter: Rule | None = None  # the rule-timeout rule; None: no budget
    seconds: float = 0.0
    stopped: list[Timeout] = field(default_factory=list)
    _clock: _Clock | None = field(default=None, init=False, repr=False, compare=False)

    def __enter__(self) -> Guard:
        if (
            self.reporter is not None
            and self.seconds > 0
            and _HAS_TIMER
            and threading.current_thread() is threading.main_thread()
        ):
            clock = _Clock(self.seconds)
            if clock.start():
                self._clock = clock
        return self

    def __exit__(self, *_exc: object) -> None:
        clock, self._clock = self._clock, None
        if clock is not None:
            clock.stop()

    @classmethod
    def for_document(cls, rules: Iterable[Rule], source: Source) -> Guard:
        """The guard for one document: the budget of the rule set's rule-timeout rule, if any."""
        reporter = next((r for r in rules if r.spec.kind == KIND), None)
        if reporter is None:
            return cls()
        return cls(reporter, budget_seconds(reporter.options, len(source.text)))

    def budgeted(self, rule: Rule) -> bool:
        """Whether this rule runs within the budget."""
        return self.reporter is not None and rule.spec.kind not in UNBUDGETED_KINDS

    def check(self, rule: Rule, targets: Sequence[T]) -> list[tuple[T, Hit]]:
        """`rule.module.check(rule, t)` for every target (articles, or the one source), as
        (target, hit) pairs; nothing when the rule ran out of its budget (see `hits`)."""
        if not self.budgeted(rule):
            return _pairs(rule, targets)
        if self._clock is not None:  # the document's timer stops the rule wherever it is
            found = self._clock.run_work(lambda: _pairs(rule, targets))
        else:

            def work(over: Callable[[], bool]) -> list[tuple[T, Hit]]:
                found: list[tuple[T, Hit]] = []
                for t in targets:
                    for h in rule.module.check(rule, t):
                        found.append((t, h))
                        if over():
                            raise _Expired
                    if over():
                        raise _Expired
                return found

            found = run_within(self.seconds, work)
        if found is None:
            self.stopped.append(Timeout(rule, self.seconds))
            return []
        return found

    def hits(self) -> list[tuple[Rule, Hit]]:
        """A file-level hit of the rule-timeout rule for every rule that was stopped."""
        if self.reporter is None:
            return []
        params = (
            {"rule": t.rule.id, "kind": t.rule.spec.kind, "budget": _secs(t.seconds)}
            for t in self.stopped
        )
        return [(self.reporter, Hit(0, 0, p)) for p in params]


def _secs(seconds: float) -> str:
    """A budget for the message: '1', '1.5', '0.001'."""
    return f"{seconds:.3g}"
