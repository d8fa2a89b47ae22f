"""Kind `pattern`: regular expressions that flag text, each with its own detail and optional fix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from briefcheck.document import SCOPES, Article
from briefcheck.model import ConfigDict, Field, Model, field_validator
from briefcheck.rules.base import Hit, Regex, compile_tree
from briefcheck.rules.base import Options as _Base

FIXABLE = True
PARAMS = frozenset({"detail"})

# An opening single quote: at the start or after a space, bracket, dash or double quote.
_OPEN_QUOTE = re.compile(r"(?:^|(?<=[\s(\[“\"—–-]))['‘](?=\w)")
_CLOSE_QUOTE = re.compile(r"(?<=\w)['’](?=[\s,.;:!?)\]”\"—–]|$)")
# A double-quoted passage; one left open runs to the end of the paragraph.
_DOUBLE_QUOTED = re.compile(r"“[^”]*(?:”|\Z)|\"[^\"]*(?:\"|\Z)")


class Pattern(Model):
    """A regex (Python syntax), what it means, and a replacement when the fix is certain."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    regex: Regex
    detail: str
    fix: str | None = Field(default=None, description=r"replacement; \1 and \g<name> expand groups")
    ignore_case: bool = False
    scope: str | None = Field(default=None, description="read only this part (default: the rule's)")
    skip_closing_quote: bool = Field(
        default=False, description="drop a match that ends a quotation opened with ‘ or '"
    )
    outside_quotes: bool = Field(
        default=False, description='drop a match inside a quotation (“…”, "…", ‘…’)'
    )

    @field_validator("scope")
    @classmethod
    def _scope(cls, v: str | None) -> str | None:
        if v is not None and v not in SCOPES:
            raise ValueError(f"unknown scope {v!r} (known: {', '.join(SCOPES)})")
        return v

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled regex (multi-line: ^ and $ match at line ends inside a paragraph).

        A regex that opens with lookbehinds before a plain character, such as
        `(?<=[a-z]{2})\\.`, is compiled with the lookbehinds just after that character (one
        character longer): the same matches, but the engine can skip to the character. Else a
        run such as `[A-Za-z]*[a-rt-z]` before a character it cannot hold (`['’]`) is compiled
        as `[A-Za-z]++(?<=[a-rt-z])` (see `_possessive_runs`).
        """
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        plain = re.compile(self.regex, flags)
        return _lookbehind_after_first(plain) or _possessive_runs(plain) or plain

    @cached_property
    def prefilter(self) -> Prefilter | None:
        """A quick test that a paragraph can hold a match at all (None: no such test)."""
        return _prefilter(self.regex, re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0))


class Options(_Base):
    """The patterns of one rule, in order: where two overlap, the earlier one wins."""

    patterns: list[Pattern] = Field(min_length=1)

    @cached_property
    def triggers(self) -> dict[str, re.Pattern[str] | None]:
        """Per scope (None: the rule's), one regex for the literals of the patterns that read
        it: a paragraph where it finds nothing is not scanned by those patterns at all."""
        by_scope: dict[str | None, list[tuple[str, ...]]] = {}
        for p in self.patterns:
            if p.prefilter is not None and p.prefilter.literals:
                by_scope.setdefault(p.scope, []).append(p.prefilter.literals)
        out: dict[str | None, re.Pattern[str] | None] = {}
        for scope, found in by_scope.items():
            union = {lit for lits in found for lit in lits}
            # worth a pass only when several patterns share it and it skips to rare characters
            if len(found) >= 2 and not any(x[0].isascii() and x[0].isalpha() for x in union):
                out[scope] = _alternation(union)
        return out


def fixable(options: Options) -> bool:
    """A pattern rule fixes when at least one of its patterns carries a fix."""
    return any(p.fix is not None for p in options.patterns)


def check(rule, article: Article) -> Iterator[Hit]:
    """Yield every match of every pattern in its scope; a span already flagged is skipped.

    A pattern is not run on a paragraph that lacks the literal text every match of it needs
    (see `Pattern.prefilter`); the findings are the same, the paragraph is just not scanned.
    """
    text = article.text
    taken: list[tuple[int, int]] = []
    patterns = rule.options.patterns
    triggers = rule.options.triggers
    scopes: dict[str | None, list[tuple[int, str]]] = {}  # (start, text) of each segment
    spans: dict[str | None, str] = {}  # the text from a scope's first segment to its last
    live: dict[str | None, list[tuple[int, str]]] = {}  # those where the trigger finds something
    for p in patterns:
        segments = scopes.get(p.scope)
        if segments is None:
            bounds = article.segments(p.scope or rule.scope)
            segments = scopes[p.scope] = [(a, text[a:b]) for a, b in bounds]
            spans[p.scope] = text[bounds[0][0] : bounds[-1][1]] if bounds else ""
            trigger = triggers.get(p.scope)
            if trigger is not None:
                live[p.scope] = (
                    [x for x in segments if trigger.search(x[1]) is not None]
                    if trigger.search(spans[p.scope]) is not None
                    else []
                )
        needs = p.prefilter
        if needs is not None:
            if needs.literals is not None and p.scope in live:
                segments = live[p.scope]  # most often none: the pattern is not even looked at
            elif not needs.anywhere(spans[p.scope]):
                continue  # no literal in the whole scope: no paragraph to try
            only = needs.only  # the common case: one literal, `in` without a call
            if only is not None:
                segments = [x for x in segments if only in x[1]]
            else:
                segments = [x for x in segments if needs(x[1])]
        for a, segment in segments:
            quoted: list[tuple[int, int]] | None = None
            for m in p.compiled.finditer(segment):
                start, end = a + m.start(), a + m.end()
                if start == end and p.fix is None:
                    continue
                if p.skip_closing_quote and _closes_quote(segment, m.end()):
                    continue
                if p.outside_quotes:
                    quoted = _quoted(segment) if quoted is None else quoted
                    if any(s <= m.start() < e for s, e in quoted):
                        continue
                if any((s < end and start < e) or s == start for s, e in taken):
                    continue
                taken.append((start, end))
                fix = m.expand(p.fix) if p.fix is not None else None
                yield Hit(start, end, {"detail": p.detail}, fix)


def _closes_quote(segment: str, end: int) -> bool:
    """Whether the mark just before `end` closes a single-quoted phrase opened earlier."""
    before = segment[:end]
    opens = [m.start() for m in _OPEN_QUOTE.finditer(before)]
    if not opens:
        return False
    last_open = opens[-1]
    # a closing mark between that opening quote and this one means this one is not its partner
    return not any(m.end() < end for m in _CLOSE_QUOTE.finditer(before, last_open + 1))


def _quoted(segment: str) -> list[tuple[int, int]]:
    """Spans of the quotations in a paragraph: double-quoted ones, and ‘…’ or '…' that close."""
    spans = [m.span() for m in _DOUBLE_QUOTED.finditer(segment)]
    for m in _OPEN_QUOTE.finditer(segment):
        close = _CLOSE_QUOTE.search(segment, m.end())
        if close is not None:
            spans.append((m.start(), close.end()))
    return spans


# --------------------------------------------------------------------------- literal pre-test
#
# Most paragraphs cannot match most patterns: "â€™" needs "â€™", the stock-photo name needs
# "shutterstock_". The regex's parse tree says which literal texts every match must contain;
# a paragraph without any of them is skipped, so that a rule with fifty patterns reads a clean
# paragraph once (its trigger) instead of fifty times. Only sound conclusions are drawn: when
# in doubt (classes, back-references, scoped flags), there is no test and the regex runs.

try:  # the standard library's regex parser (private; absent or changed → no pre-test)
    from re import _constants as _sre_c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11 is not supported anyway
    _sre_parse = _sre_c = None

_MAX_SET = 16  # most alternative literal texts kept for one requirement
_MAX_IN = 8  # most literals looked for one by one (`in`); more go into one regex
_MAX_CLASS = 4  # a character class of up to this many plain characters extends a literal


class Prefilter:
    """Where a regex can match: a paragraph that is shorter than `shortest`, longer than
    `longest`, or holds none of the literal texts every match contains, holds no match."""

    __slots__ = ("literals", "longest", "pattern", "shortest", "tail", "texts", "uncased")

    def __init__(
        self,
        shortest: int,
        longest: int | None,
        required: set[str] | None,
        flags: int,
        tail: re.Pattern[str] | None = None,
    ):
        self.shortest = shortest
        self.longest = longest
        self.tail = tail  # the regex from its first punctuation mark on (see `_tail`)
        self.texts: tuple[str, ...] = ()  # literals searched with `in`
        self.pattern: re.Pattern[str] | None = None  # or with one regex
        self.literals: tuple[str, ...] | None = None  # case-sensitive ones, for a trigger
        self.uncased: tuple[str, ...] = ()  # parts without letters, looked for first with `in`
        if not required:
            return
        # Under IGNORECASE a literal is looked for the same way, unless it has no letters.
        if bool(flags & re.IGNORECASE) and any(not _uncased(ch) for x in required for ch in x):
            self.pattern = _alternation(required, flags & (re.IGNORECASE | re.ASCII))
            # Its longest run of characters without case ("_" of "shutterstock_") matches only
            # itself: a paragraph without any such run is passed over without the regex.
            runs = [_uncased_run(x) for x in required]
            if all(runs):
                self.uncased = tuple(sorted(set(runs)))
            return
        self.literals = tuple(sorted(required))
        if len(required) <= _MAX_IN:
            self.texts = self.literals
        else:
            self.pattern = _alternation(required)

    @property
    def only(self) -> str | None:
        """The one literal when finding it is the whole test (`only in segment`), else None."""
        if (
            len(self.texts) == 1
            and self.longest is None
            and self.tail is None
            and self.shortest <= len(self.texts[0])
        ):
            return self.texts[0]
        return None

    def anywhere(self, text: str) -> bool:
        """False when no paragraph of this text can hold a match: it has none of the literals
        (one test for all of an article's paragraphs; the length window is theirs alone)."""
        if self.texts:
            for literal in self.texts:  # a hot path: no generator per call
                if literal in text:
                    break
            else:
                return False
        elif (self.uncased and not any(literal in text for literal in self.uncased)) or (
            self.pattern is not None and self.pattern.search(text) is None
        ):
            return False
        return self.tail is None or self.tail.search(text) is not None

    def __call__(self, segment: str) -> bool:
        """False when the regex cannot match in this paragraph: outside the length window, or
        without what `anywhere` looks for."""
        n = len(segment)
        if n < self.shortest or (self.longest is not None and n > self.longest):
            return False
        return self.anywhere(segment)


def _prefilter(regex: str, flags: int) -> Prefilter | None:
    try:
        tree = _sre_parse.parse(regex, flags)
        shortest, widest = tree.getwidth()
        c = _sre_c
        # A regex that starts with \A is tried at the start of a paragraph only: one attempt
        # costs less than looking for its literals (the length window stays).
        at_start = bool(tree.data) and tree.data[0] == (c.AT, c.AT_BEGINNING_STRING)
        required = None if at_start else _best(_required(tree.data))
        anchored = (
            len(tree.data) >= 2
            and tree.data[0] == (c.AT, c.AT_BEGINNING_STRING)
            and tree.data[-1] == (c.AT, c.AT_END_STRING)
        )
        longest = widest if anchored and widest < c.MAXREPEAT else None
        tail = None if at_start else _tail(tree)
    except Exception:  # an unexpected tree: no pre-test, the regex decides alone
        return None
    if not required and shortest == 0 and longest is None and tail is None:
        return None
    return Prefilter(shortest, longest, required, tree.state.flags, tail)


def _tail(tree) -> re.Pattern[str] | None:
    r"""The regex from its first punctuation mark on, when something comes before it.

    A match of `A p B` (p a character class of a few marks that are neither letters, digits nor
    spaces: an apostrophe, a full stop) holds a match of `p B` where p matched, in the same
    text; so a paragraph where `p B` finds nothing holds no match. Searching `p B` is quick:
    the engine skips to the marks, where the whole regex is tried at every letter of `A`
    (`(?<![‘'\w])([A-Za-z]*[a-rt-z])(['’])(?=\s+(?:has|…))`). None when the regex starts
    with its mark, when `A` is plain text (the required literals reach the mark already, see
    `_required`), when the regex has no such mark, and when `B` refers back to a group.
    """
    c = _sre_c
    items = list(_flat(tree.data))
    marks = (
        i
        for i, (op, av) in enumerate(items)
        if (chars := _chars(op, av)) is not None
        and not any(ch.isalnum() or ch.isspace() for ch in chars)
    )
    k = next(marks, None)
    if k is None or _refers_back(items[k:]):
        return None
    consumed = [x for x in items[:k] if x[0] not in (c.AT, c.ASSERT, c.ASSERT_NOT)]
    if all(_chars(*x) is not None for x in consumed):  # nothing before the mark, or plain text
        return None
    return compile_tree(_sre_parse.SubPattern(tree.state, items[k:]), tree.state.flags)


def _refers_back(items) -> bool:
    """Whether a sequence holds a back-reference or a group condition, at any depth."""
    c = _sre_c
    for op, av in items:
        if op in (c.GROUPREF, c.GROUPREF_EXISTS, getattr(c, "GROUPREF_IGNORE", None)):
            return True
        subs = av if isinstance(av, (list, tuple)) else [av]
        for x in subs:
            if isinstance(x, _sre_parse.SubPattern) and _refers_back(x.data):
                return True
            if isinstance(x, list) and any(
                isinstance(y, _sre_parse.SubPattern) and _refers_back(y.data) for y in x
            ):
                return True
    return False


def _alternation(literals, flags: int = 0) -> re.Pattern[str]:
    """A regex that finds any of the literals (one that contains another is left out).

    Under IGNORECASE each literal starts with its first letter spelled out in both cases where
    that is exact (an ASCII letter other than i, k and s, which match non-ASCII letters too);
    the regex engine then skips quickly to those letters instead of trying every position.
    """
    kept = sorted(set(literals), key=len)
    minimal = [x for i, x in enumerate(kept) if not any(y in x for y in kept[:i])]
    if not flags & re.IGNORECASE:
        return re.compile("|".join(re.escape(x) for x in minimal), flags)
    parts = []
    for x in minimal:
        # any part of a required literal is required too: start at a letter that can lead
        lead = next((i for i, ch in enumerate(x) if _two_cased(ch)), None)
        if lead is None or len(x) - lead < 2:
            return re.compile("|".join(re.escape(x) for x in minimal), flags)
        first, rest = x[lead], re.escape(x[lead + 1 :])
        parts += [f"{first.lower()}(?i:{rest})", f"{first.upper()}(?i:{rest})"]
    return re.compile("|".join(parts), flags & ~re.IGNORECASE)


def _uncased(ch: str) -> bool:
    """An ASCII character that IGNORECASE matches only to itself (not a letter)."""
    return ch.isascii() and ch.lower() == ch.upper()


def _uncased_run(literal: str) -> str:
    """The literal's longest run of characters that IGNORECASE matches only to themselves."""
    best = run = ""
    for ch in literal:
        run = run + ch if _uncased(ch) else ""
        best = max(best, run, key=len)
    return best


def _two_cased(ch: str) -> bool:
    """An ASCII letter that IGNORECASE matches to exactly its two cases."""
    return ch.isascii() and ch.isalpha() and ch.lower() not in "iks"


def _best(candidates: list[set[str]]) -> set[str] | None:
    """The most selective of several requirements: the one whose shortest literal is longest."""
    good = [x for x in candidates if x and all(x)]
    if not good:
        return None
    return max(good, key=lambda x: (min(len(y) for y in x), -len(x)))


def _flat(items):
    """The items of a sequence with plain groups (no flags of their own) opened in place."""
    for op, av in items:
        if op is _sre_c.SUBPATTERN and not av[1] and not av[2]:
            yield from _flat(av[3].data)
        else:
            yield op, av


def _chars(op, av) -> list[str] | None:
    """The characters a one-character item matches: a literal or a small class of literals."""
    if op is _sre_c.LITERAL:
        return [chr(av)]
    if op is _sre_c.IN and len(av) <= _MAX_CLASS and all(o is _sre_c.LITERAL for o, _ in av):
        return [chr(v) for _, v in av]
    return None


def _required(items) -> list[set[str]]:
    """Requirements of a sequence: sets of literal texts, each set such that every match
    contains at least one of its texts."""
    c = _sre_c
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))
    found: list[set[str]] = []
    run: set[str] = {""}  # the spellings of the literal text just read

    def flush() -> None:
        nonlocal run
        if "" not in run:
            found.append(run)
        run = {""}

    def extend(chars: list[str]) -> None:
        nonlocal run
        longer = {r + ch for r in run for ch in chars}
        if len(longer) > _MAX_SET:  # too many spellings: keep the run so far, start again
            flush()
            longer = set(chars)
        run = longer

    for op, av in _flat(items):
        chars = _chars(op, av)
        if chars is not None:
            extend(chars)
        elif op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
            continue  # zero width: the characters on either side stay adjacent
        elif op in repeats:
            low, _high, sub = av
            flush()
            if low >= 1:
                items_in = list(_flat(sub.data))
                one = _chars(*items_in[0]) if len(items_in) == 1 else None
                if one is not None:
                    for _ in range(min(low, 8)):
                        extend(one)
                    flush()
                else:
                    found.extend(_required(sub.data))
        elif op is c.BRANCH:
            flush()
            alternatives = [_best(_required(alt.data)) for alt in av[1]]
            if all(alternatives):
                found.append(set().union(*alternatives))
        else:  # anything else (wider classes, '.', back-references, scoped flags): ends the run
            flush()
    flush()
    return found


# --------------------------------------------------------------------------- leading lookbehinds
#
# Python's regex engine skips ahead to the possible first characters of a match only when the
# regex starts with one; `(?<=[a-z]{2})\.` starts with a lookbehind, so every position is tried.
# At a position p, "lookbehind X holds, then character c" is the same as "character c, then
# X followed by one more character holds behind p + 1", so the lookbehinds can move after c.


def _lookbehind_after_first(compiled: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same regex with its leading lookbehinds after its first character, or None when it
    does not start that way (or the rewrite is not possible)."""
    if compiled.flags & re.IGNORECASE:
        return None
    try:
        c = _sre_c
        tree = _sre_parse.parse(compiled.pattern, compiled.flags)
        items = list(tree.data)
        k = 0
        while k < len(items) and items[k][0] in (c.ASSERT, c.ASSERT_NOT) and items[k][1][0] < 0:
            k += 1
        if k == 0 or k == len(items):
            return None
        op, av = items[k]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and len(av[2].data) == 1:
            first, (low, high, sub) = av[2].data[0], av
            left = low - 1, high if high == c.MAXREPEAT else high - 1
            rest = [(op, (*left, sub))] if left[1] else []
        else:
            first, rest = items[k], []
        if _chars(*first) is None:
            return None
        anything = _sre_parse.parse(r"[\s\S]").data[0]
        moved = [
            (o, (-1, _sre_parse.SubPattern(tree.state, [*body.data, anything])))
            for o, (_direction, body) in items[:k]
        ]
        tree.data = [first, *moved, *rest, *items[k + 1 :]]
        tree.width = None
        return compile_tree(tree, compiled.flags)
    except Exception:  # an unexpected tree: keep the regex as written
        return None


# --------------------------------------------------------------------------- runs that end a word
#
# `X*Y` (Y a subset of X) followed by a character that X cannot hold can only end where the run
# of X characters ends: the engine tries every shorter run first, at every start, for nothing.
# `X{n+1,}+(?<=Y)` takes the whole run at once and checks its last character: the same matches
# and groups (for each start the one way that can succeed is the same), found faster.


def _possessive_runs(compiled: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same regex with such runs made possessive, or None when it has none (or the
    rewrite is not possible: IGNORECASE, classes that are not plain characters)."""
    c = _sre_c
    if compiled.flags & re.IGNORECASE or not hasattr(c, "POSSESSIVE_REPEAT"):
        return None
    try:
        tree = _sre_parse.parse(compiled.pattern, compiled.flags)
        if not _rewrite_runs(tree.data, None, tree.state):
            return None
        return compile_tree(tree, compiled.flags)
    except Exception:  # an unexpected tree: keep the regex as written
        return None


Ranges = list[tuple[int, int]]


def _rewrite_runs(items: list, follow: Ranges | None, state) -> bool:
    """Rewrite the runs of a sequence in place (groups and alternatives included); `follow`:
    what the first character after the sequence can be (None: unknown). True if any changed."""
    c = _sre_c
    changed = False
    for i, (op, av) in enumerate(items):
        if op is c.SUBPATTERN and not av[1] and not av[2]:
            changed |= _rewrite_runs(av[3].data, _first_chars(items[i + 1 :], follow), state)
        elif op is c.BRANCH:
            after = _first_chars(items[i + 1 :], follow)
            for alternative in av[1]:
                changed |= _rewrite_runs(alternative.data, after, state)
        elif op is c.MAX_REPEAT and av[1] == c.MAXREPEAT and len(av[2].data) == 1:
            run = _ranges(*av[2].data[0])
            last = _ranges(*items[i + 1]) if i + 1 < len(items) else None
            after = _first_chars(items[i + 2 :], follow)
            if run and last and after and _within(last, run) and _apart(after, run):
                behind = _sre_parse.SubPattern(state, [items[i + 1]])
                items[i] = (c.POSSESSIVE_REPEAT, (av[0] + 1, c.MAXREPEAT, av[2]))
                items[i + 1] = (c.ASSERT, (-1, behind))
                changed = True
    return changed


def _first_chars(items, follow: Ranges | None) -> Ranges | None:
    """What the first character a sequence consumes can be (None: unknown or anything)."""
    c = _sre_c
    for op, av in items:
        found = _ranges(op, av)
        if found is not None:
            return found
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item reads the same character
        if op is c.SUBPATTERN and not av[1] and not av[2] and av[3].getwidth()[0] > 0:
            return _first_chars(av[3].data, None)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            return _first_chars(av[2].data, None)
        return None
    return follow


def _ranges(op, av) -> Ranges | None:
    """The code points a one-character item matches, as ranges (None: not a plain class)."""
    c = _sre_c
    if op is c.LITERAL:
        return [(av, av)]
    if op is not c.IN:
        return None
    out = []
    for o, v in av:
        if o is c.LITERAL:
            out.append((v, v))
        elif o is c.RANGE:
            out.append(v)
        else:  # negation, categories (\w, \s …): not worth an exact set here
            return None
    return out


def _within(inner: Ranges, outer: Ranges) -> bool:
    return all(any(a <= lo and hi <= b for a, b in outer) for lo, hi in inner)


def _apart(x: Ranges, y: Ranges) -> bool:
    return not any(lo <= b and a <= hi for lo, hi in x for a, b in y)
