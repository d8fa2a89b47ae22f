"""Run a rule set over submissions: read, find the articles, check, locate, report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefcheck.budget import Guard
from briefcheck.document import Article, InputError, Source
from briefcheck.pack import Pack, Rule
from briefcheck.report import ArticleSummary, FileReport, Finding, Report, RuleInfo
from briefcheck.rules.base import Hit
from briefcheck.structure import find_articles

if TYPE_CHECKING:
    from briefcheck.cache import ResultCache

STDIN = Path("-")  # the target `-`: standard input
ENGINE_KIND = "proofing"  # the kind whose findings come from a spelling and grammar engine
SUMMARY_PARTS = ("lead", "background", "implications", "conclusion", "bio")
_TEXT = re.compile(r"\S+")  # a run of non-whitespace, for superseded findings


class ConfigError(Exception):
    """A usage or configuration problem (unknown rule id, bad option); the message says which."""


@dataclass(frozen=True)
class RuleSet:
    """The pack and the rules enabled for this run, in id order."""

    pack: Pack
    rules: tuple[Rule, ...]

    @cached_property
    def levels(self) -> tuple[list[tuple[Rule, str]], list[tuple[Rule, str]]]:
        """The article-level and the file-level rules, each with its id, in order (worked out
        once per rule set, not once per file)."""
        levels = [(r, r.id, getattr(r.module, "LEVEL", "article")) for r in self.rules]
        article = [(r, i) for r, i, level in levels if level == "article"]
        file = [(r, i) for r, i, level in levels if level == "file"]
        return article, file

    @cached_property
    def superseding(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """Each enabled rule with a `superseded_by`, and those of its superseders that run,
        ordered so that a rule comes after every rule that supersedes it (the pack has no
        circles: see pack._check_superseded_by)."""
        running = {r.id for r in self.rules}
        graph = {
            r.id: frozenset(r.spec.superseded_by) & running
            for r in self.rules
            if set(r.spec.superseded_by) & running
        }
        if not graph:
            return ()
        from graphlib import TopologicalSorter

        order = TopologicalSorter(graph).static_order()
        return tuple((i, graph[i]) for i in order if i in graph)


def select_rules(pack: Pack, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
    """Enable the pack's rules, or only `select`, minus `ignore`; unknown ids are ConfigErrors."""
    select, ignore = list(select), list(ignore)
    known = {r.id for r in pack.rules}
    for option, ids in (("--select", select), ("--ignore", ignore)):
        for rule_id in ids:
            if rule_id not in known:
                raise ConfigError(f"{option}: unknown rule id {rule_id!r} (see 'briefcheck rules')")
    chosen = [r for r in pack.rules if (r.id in select if select else r.spec.enabled)]
    return RuleSet(pack, tuple(r for r in chosen if r.id not in ignore))


def check_source(source: Source, ruleset: RuleSet) -> FileReport:
    """Every finding of the rule set in one decoded source, with per-article summaries."""
    articles = find_articles(source, ruleset.pack.anatomy)
    raw: list[tuple[int, int, str, Rule, object]] = []
    article_rules, file_rules = ruleset.levels
    # The time budget per rule and file: one CPU timer for the whole file.
    with Guard.for_document(ruleset.rules, source) as guard:
        for rule, rule_id in article_rules:
            raw.extend(
                (h.start, art.number, rule_id, rule, (h, art.number))
                for art, h in guard.check(rule, articles)
            )
        # File-level rules run after the article rules: they may report on how those went
        # (a proofreading engine that failed half-way, say).
        for rule, rule_id in file_rules:
            raw.extend(
                (h.start, 0, rule_id, rule, (h, None)) for _, h in guard.check(rule, [source])
            )
    # Rules stopped by the budget: a rule-timeout finding each, at the top of the file.
    raw.extend((h.start, 0, r.id, r, (h, None)) for r, h in guard.hits())
    raw = _without_engine_repeats(raw)
    raw.sort(key=lambda x: (x[0], x[1], x[2]))
    findings = [_finding(source, rule, hit, number) for _, _, _, rule, (hit, number) in raw]
    findings = _suppress(source, ruleset, articles, findings)
    findings = _without_superseded(findings, ruleset.superseding)
    return FileReport(
        path=source.path,
        articles=[_summary(a) for a in articles],
        findings=findings,
        source_lines=source.lines(),
        text=source.text,
    )


def _without_engine_repeats(raw: list) -> list:
    """Drop the proofreading engine's findings on a span that a house rule already corrects
    (a hit with a fix overlaps it): one slip, one finding, the one with the house's fix."""
    fixed = [(h.start, h.end) for *_, rule, (h, _n) in raw if h.fix is not None]
    if not fixed:
        return raw
    return [
        x
        for x in raw
        if x[3].spec.kind != ENGINE_KIND
        or not any(a < x[4][0].end and x[4][0].start < b for a, b in fixed)
    ]


def _without_superseded(
    findings: list[Finding], superseding: tuple[tuple[str, frozenset[str]], ...]
) -> list[Finding]:
    """Drop a finding of a rule with `superseded_by` when every non-whitespace character of its
    span lies inside findings with a fix of the rules it names: those fixes already deal with
    all it flags (the web leftovers after a bio, each deleted by web-artifact, need no
    content-after-bio finding as well).

    Only findings that are reported supersede: those of rules that ran (not deselected) and
    that no suppression comment silenced (it runs first; a silenced leftover is one the editor
    keeps, so what follows the bio is reported again), and none that was itself superseded
    (rules are taken superseders first). Baselines apply later, to what is left. A finding with
    no non-whitespace text (a missing part) is never superseded.
    """
    if not superseding or not findings:
        return findings
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    dropped: set[int] = set()
    for rule_id, names in superseding:
        mine = by_rule.get(rule_id)
        if not mine:
            continue
        cover = _merged(
            (f.start, f.end)
            for name in names
            for f in by_rule.get(name, ())
            if f.fix is not None and id(f) not in dropped
        )
        if cover:
            dropped.update(id(f) for f in mine if _covered(f, cover))
    return [f for f in findings if id(f) not in dropped] if dropped else findings


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans as sorted disjoint ranges, touching ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _covered(finding: Finding, cover: list[tuple[int, int]]) -> bool:
    """Whether the finding has non-whitespace text and all of it lies inside `cover` (sorted
    disjoint ranges: a run of non-whitespace inside their union lies inside one of them)."""
    runs = [
        (finding.start + m.start(), finding.start + m.end()) for m in _TEXT.finditer(finding.text)
    ]
    return bool(runs) and all(any(a <= s and e <= b for a, b in cover) for s, e in runs)


def _suppress(
    source: Source, ruleset: RuleSet, articles: list[Article], findings: list[Finding]
) -> list[Finding]:
    """Drop the findings that suppression comments silence; report comments that silenced none."""
    if "briefcheck" not in source.text:  # the cheap test first: most files have no directive
        return findings
    from briefcheck import suppress

    found = suppress.directives(source, {r.id for r in ruleset.pack.rules})
    if not found:
        return findings
    kept = suppress.apply(findings, found)
    rule = next((r for r in ruleset.rules if r.id == "unused-suppression"), None)
    if rule is None:
        return kept
    for d in found:
        if d.used and not d.unknown:
            continue
        problem = (
            f"names unknown rule {', '.join(repr(u) for u in d.unknown)}"
            if d.unknown
            else "silenced nothing"
        )
        params = {"directive": d.verb, "rules": ",".join(sorted(d.rules)), "reason": d.reason}
        hit = Hit(d.start, d.end, params | {"problem": problem})
        number = next((a.number for a in articles if a.start <= d.start <= a.end), None)
        kept.append(_finding(source, rule, hit, number))
    kept.sort(key=lambda f: (f.start, f.rule))
    return kept


@dataclass(frozen=True)
class Stdin:
    """What was piped in for `-`: the name to show (its suffix picks the reader) and the bytes."""

    name: str
    data: bytes


def check_paths(
    targets: list[str],
    rulesets: RuleSet | Callable[[Path | None], RuleSet],
    stdin: Stdin | None = None,
    max_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Report:
    """Check every submission in `targets` (files, folders, `-`); unreadable ones get errors.

    `rulesets` is one rule set, or a function giving each file's own (from its configuration;
    standard input is asked for with its --stdin-filename, or None). With `cache`, a file whose
    result is stored under its content hash is not checked again, and new results are stored.
    With `jobs` > 1 the other files are checked in that many worker processes when there are
    enough of them to pay for the workers (see briefcheck.parallel); standard input is always
    read here. Files checked here are proofread with up to `jobs` threads. The report is the
    same whichever way: files in input order.
    """
    from briefcheck.proofing import set_threads
    from briefcheck.readers import MAX_BYTES, read_path  # deferred: `rules` does not need them

    set_threads(jobs)  # what this process checks, the proofreading engine checks on `jobs` cores
    ruleset_for = rulesets if callable(rulesets) else (lambda _path: rulesets)
    limit = max_bytes or MAX_BYTES
    todo = expand_targets(targets)
    total = len(todo)
    reports: list[FileReport | None] = [None] * total
    used: list[RuleSet | None] = [None] * total  # each file's rule set, for report.rules
    pending: list[_Pending] = []
    done = 0

    def advance(n: int = 1) -> None:  # the counter goes 0, 1, …, total, each shown once
        nonlocal done
        done += n
        if progress is not None and done < total:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    for index, (display, path) in enumerate(todo):
        if path is None:
            reports[index] = FileReport(path=display, error=_missing(display))
        elif path == STDIN:
            pending.append(_Pending(index, stdin.name if stdin else "-", path))
        else:
            item = _Pending(index, display, path)
            if cache is not None and _look_up(item, cache, ruleset_for, limit):
                reports[index], used[index] = item.report, item.ruleset
                advance()
                continue
            pending.append(item)

    files = [p for p in pending if p.path != STDIN]
    if files and jobs > 1 and len(files) > 1:
        from briefcheck.parallel import worth_it
        from briefcheck.proofing import OFFLINE, SERVER, settings_used

        for item in files:  # resolved once: the workers and the loop below use it
            item.ruleset = item.ruleset or ruleset_for(item.path)
        engines = {s.resolved for s in settings_used(p.ruleset for p in files)}
        heavy = OFFLINE in engines  # articles cost ten times as much: workers pay off sooner
        worth = worth_it(jobs, len(files), sum(_size(p) for p in files), proofing=heavy)
        if worth and SERVER not in engines:  # a LanguageTool server: one client, here
            _check_in_workers(files, jobs, limit, cache, advance)
    for item in pending:  # in input order; what the workers checked has its report already
        if item.report is None:  # checked here, as one process always did
            try:
                if item.path == STDIN:
                    source = _read_stdin(stdin, limit)
                    named = Path(item.display) if item.display != "-" else None
                else:
                    source = read_path(item.path, item.display, limit)
                    named = item.path
                if item.ruleset is None:
                    item.ruleset = ruleset_for(named)
            except InputError as exc:
                item.report = FileReport(path=item.display, error=str(exc))
            else:
                item.report = check_source(source, item.ruleset)
                if cache is not None and item.key is not None:
                    from briefcheck.cache import unstable_rules

                    cache.put(item.key, item.report, unstable_rules(item.ruleset))
            advance()
        reports[item.index] = item.report
        used[item.index] = item.ruleset if item.report.error is None else None
    if progress is not None:
        progress(total, total)

    report = Report()
    infos: dict[int, list[tuple[str, RuleInfo]]] = {}
    for file_report, ruleset in zip(reports, used, strict=True):
        report.files.append(file_report)
        if ruleset is not None:
            if id(ruleset) not in infos:
                infos[id(ruleset)] = [(r.id, rule_info(r)) for r in ruleset.rules]
            report.rules.update(infos[id(ruleset)])
    if cache is not None and (cache.stored or any(p.key for p in files)):
        cache.prune()
    return report


@dataclass
class _Pending:
    """A target on its way through check_paths."""

    index: int
    display: str
    path: Path
    ruleset: RuleSet | None = None
    key: str | None = None  # its cache entry
    size: int = 0
    report: FileReport | None = None


def _size(item: _Pending) -> int:
    """A file's size in bytes (0 when it cannot be told: the check will say why)."""
    if not item.size:
        try:
            item.size = item.path.stat().st_size
        except OSError:
            item.size = 0
    return item.size


def _look_up(item: _Pending, cache: ResultCache, ruleset_for, limit: int) -> bool:
    """Find a file's stored result (True: `item.report` is set); on a miss, remember its rule
    set, cache key and size for the check. A file that cannot be read here is left to the
    check, which reports why."""
    try:
        if not item.path.is_file() or item.path.stat().st_size > limit:
            return False
        data = item.path.read_bytes()
    except OSError:
        return False
    if not data or len(data) > limit:
        return False
    item.size = len(data)
    item.ruleset = ruleset_for(item.path)
    item.key = cache.key(data, item.ruleset, item.display)
    if item.key is None:
        return False
    item.report = cache.get(item.key, item.display)
    return item.report is not None


def _check_in_workers(
    files: list[_Pending],
    jobs: int,
    limit: int,
    cache: ResultCache | None,
    advance: Callable[[int], None],
) -> None:
    """Check the files in worker processes; sets each item's rule set and report."""
    from briefcheck.parallel import Task, run_tasks

    rulesets: list[RuleSet] = []
    numbers: dict[int, int] = {}
    tasks = []
    for item in files:  # each file's rule set is resolved already (check_paths)
        number = numbers.setdefault(id(item.ruleset), len(rulesets))
        if number == len(rulesets):
            rulesets.append(item.ruleset)
        tasks.append(Task(item.index, item.display, str(item.path), number, item.key))
    root = cache.root if cache is not None else None
    results = run_tasks(tasks, rulesets, jobs, limit, root, advance)
    for item in files:
        item.report = results[item.index]


def _read_stdin(stdin: Stdin | None, limit: int) -> Source:
    from briefcheck.readers import SUFFIXES, read_bytes

    if stdin is None:
        raise InputError("standard input was not read")
    if len(stdin.data) > limit:
        raise InputError(f"file is too large (over the limit of {limit:,} bytes)")
    return read_bytes(
        stdin.data, stdin.name, SUFFIXES.get(Path(stdin.name).suffix.lower(), "text"), limit
    )


def expand_targets(targets: list[str]) -> list[tuple[str, Path | None]]:
    """(display path, file path) for each submission; folders are searched for .txt/.md files.

    A target that cannot be used gives (display, None) so that the caller reports it and goes on.
    """
    from briefcheck.readers import SUFFIXES

    out: list[tuple[str, Path | None]] = []
    for target in targets:
        if target == "-":
            out.append(("-", STDIN))
            continue
        path = Path(target)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                out.append((target, None))
            out.extend((str(p), p) for p in found)
        else:
            out.append((target, path if path.exists() or path.is_symlink() else None))
    return out


def _missing(display: str) -> str:
    path = Path(display)
    if path.is_dir():
        from briefcheck.readers import suffix_list

        return f"folder holds no submissions ({suffix_list()} files)"
    return "no such file"


def rule_info(rule: Rule) -> RuleInfo:
    """The reporter's view of a rule."""
    s = rule.spec
    return RuleInfo(s.id, s.severity, s.kind, s.summary, s.rationale.strip(), s.fix, rule.fixable)


def _finding(source: Source, rule: Rule, hit, number: int | None) -> Finding:
    line, col = source.position(hit.start)
    end_line, end_col = source.position(hit.end)
    text = source.text[hit.start : hit.end]
    try:
        message = rule.spec.message.format(text=text, **hit.params)
    except (KeyError, ValueError, TypeError, IndexError) as exc:  # a template the kind cannot fill
        message = f"{rule.spec.summary} (message template error: {exc})"
    return Finding(
        rule=rule.id,
        severity=rule.spec.severity,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        article=number,
        text=text,
        message=message,
        fix=hit.fix,
        start=hit.start,
        end=hit.end,
    )


def _summary(article: Article) -> ArticleSummary:
    if not article.is_brief:
        body = article.words("body")
        sections = {"lead": body} | {p: 0 for p in SUMMARY_PARTS[1:]}
    else:
        sections = {p: article.words(p) for p in SUMMARY_PARTS}
        # the body is the lead and the three sections (document._body): sum, don't recount
        body = sum(n for p, n in sections.items() if p != "bio")
    byline = article.byline_text or None
    return ArticleSummary(article.number, byline, body, sections, article.start)
