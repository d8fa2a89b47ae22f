"""Benchmark briefcheck: start-up, 1 million words in one file and in 800 files, peak memory.

Run from the repository root:

    python bench/bench.py [--words N] [--files N] [--repeat K] [--keep] [--profile]

The real command line is run as a subprocess (`python -m briefcheck check --format json …`), with
PYTHONPATH=src when briefcheck is not installed. The corpus is the sample issue
(submissions/analyst-issue.txt) repeated to about N words in one file, and its four articles taken
in turn as N single-article files; it goes to a temporary folder, or to bench/corpus/ (git-ignored)
with --keep. A one-file corpus over the reader's size limit (5 MiB) is shown refused, then checked
with `--max-size`. Standard library only, plus briefcheck itself.

Targets: one article end to end < 0.25 s including interpreter start; 1 million words of
house-style checks < 10 s on one core (the bench pins itself and its children to one CPU).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ISSUE = ROOT / "submissions" / "analyst-issue.txt"
ONE_ARTICLE = ROOT / "submissions" / "sample-1-avdaliani.txt"
KEEP_DIR = ROOT / "bench" / "corpus"

TARGET_ONE_ARTICLE = 0.25  # seconds, end to end, interpreter start included
TARGET_WORDS, TARGET_SECONDS = 1_000_000, 10.0  # 1 million words in under 10 s on one core
BYLINE = re.compile(r"^By [A-Z]", re.MULTILINE)  # every article of the sample opens with one


# --------------------------------------------------------------------------- child processes


def child_env() -> dict[str, str]:
    """The environment for the children: PYTHONPATH=src unless briefcheck is installed."""
    env = dict(os.environ)
    if importlib.util.find_spec("briefcheck") is None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


ENV = child_env()


class Run:
    """One finished child: wall time, peak RSS (KiB), exit code, output."""

    def __init__(self, wall: float, rss_kib: int, rc: int, out: str, err: str) -> None:
        self.wall, self.rss_kib, self.rc, self.out, self.err = wall, rss_kib, rc, out, err

    def json(self) -> dict:
        return json.loads(self.out)

    def first_error(self) -> str:
        lines = self.err.strip().splitlines()
        return lines[0] if lines else f"exit {self.rc}"


def run(args: list[str], cwd: Path = ROOT) -> Run:
    """Run `python ARGS`; the peak RSS is that of this very child (wait4), not a high-water mark.

    `getrusage(RUSAGE_CHILDREN)` only gives the largest child seen so far, so a run that peaks
    lower than an earlier one could not be measured with it; `os.wait4` returns the rusage of the
    one child it reaps.
    """
    cmd = [sys.executable, *args]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read()
        proc.stdout.close()
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss
        else:  # pragma: no cover - not POSIX
            proc.wait()
            wall = time.perf_counter() - start
            rss = 0
        err.seek(0)
        err_text = err.read().decode("utf-8", "replace")
    return Run(wall, rss, proc.returncode, out.decode("utf-8", "replace"), err_text)


def cli(*args: str, cwd: Path = ROOT) -> Run:
    return run(["-m", "briefcheck", *args], cwd)


# --------------------------------------------------------------------------- corpus


def words(text: str) -> int:
    """Input size: whitespace-separated tokens, as `wc -w` counts them."""
    return len(text.split())


def split_articles(issue: str) -> list[str]:
    """The articles of the sample issue, each ending with a newline, in order."""
    starts = [m.start() for m in BYLINE.finditer(issue)]
    if not starts or starts[0] != 0:
        sys.exit(f"bench: {ISSUE}: expected the issue to open with a 'By …' byline")
    parts = [issue[a:b] for a, b in zip(starts, [*starts[1:], len(issue)], strict=True)]
    return [p if p.endswith("\n") else p + "\n" for p in parts]


class Corpus:
    """The generated files and their sizes."""

    def __init__(self, root: Path, target_words: int, n_files: int) -> None:
        issue = ISSUE.read_text(encoding="utf-8")
        self.issue = issue if issue.endswith("\n") else issue + "\n"
        self.root = root
        self.articles = split_articles(self.issue)
        self.issue_words = words(self.issue)
        self.copies = max(1, round(target_words / self.issue_words))
        self.single = root / f"issue-x{self.copies}.txt"
        self.single.write_text(self.issue * self.copies, encoding="utf-8")
        self.single_words = self.issue_words * self.copies
        self.single_bytes = self.single.stat().st_size
        self.single_articles = len(self.articles) * self.copies
        self.folder = root / "articles"
        self.folder.mkdir()
        self.n_files = n_files
        self.files_words = 0
        for i in range(n_files):
            k = i % len(self.articles)
            (self.folder / f"{i:04d}-article{k + 1}.txt").write_text(
                self.articles[k], encoding="utf-8"
            )
            self.files_words += words(self.articles[k])

    def under_limit(self, max_bytes: int) -> tuple[Path, int]:
        """A one-file corpus of as many issues as fit in max_bytes: (path, copies)."""
        copies = max(1, max_bytes // len(self.issue.encode("utf-8")))
        path = self.root / f"issue-x{copies}.txt"
        path.write_text(self.issue * copies, encoding="utf-8")
        return path, copies


# --------------------------------------------------------------------------- sanity checks


def per_article_rules(doc: dict) -> dict[int | None, collections.Counter]:
    """Rule counts per article number (None: file-level findings) of a one-file JSON report."""
    out: dict[int | None, collections.Counter] = collections.defaultdict(collections.Counter)
    for f in doc["files"]:
        for x in f["findings"]:
            out[x["article"]][x["rule"]] += 1
    return out


def same_single(doc: dict, copies: int, baseline: dict[int | None, collections.Counter]) -> str:
    """Each repeated article of the one-file corpus has the findings of its original."""
    (f,) = doc["files"]
    if f.get("error"):
        return f"not checked: {f['error']}"
    period = max((a for a in baseline if a is not None), default=1)
    got = per_article_rules(doc)
    bad = []
    if len(f["articles"]) != period * copies:
        bad.append(f"{len(f['articles'])} articles found, {period * copies} written")
    for a in range(1, period * copies + 1):
        want, have = baseline.get((a - 1) % period + 1, {}), got.get(a, {})
        if have != want:
            bad.append(f"article {a}: {dict(have)} != {dict(want)}")
    file_level = {r: n * copies for r, n in baseline.get(None, {}).items()}
    if dict(got.get(None, {})) != file_level:
        bad.append(f"file-level findings {dict(got.get(None, {}))} != {file_level}")
    if any(a is not None and a > period * copies for a in got):
        bad.append("findings in articles that were not written")
    total = sum(len(f["findings"]) for f in doc["files"])
    ok = f"same findings per repeated article ({total} = {copies} x {total // copies})"
    return ok if not bad else "DIFFERENT: " + "; ".join(bad[:3])


def same_files(doc: dict) -> str:
    """Every copy of an article has the same findings (rule, line, column) as the first copy."""
    first: dict[int, list] = {}
    bad = []
    for f in doc["files"]:
        if f.get("error"):
            bad.append(f"{f['path']}: {f['error']}")
            continue
        k = int(Path(f["path"]).stem.split("-article")[1])
        key = sorted((x["rule"], x["line"], x["column"]) for x in f["findings"])
        if first.setdefault(k, key) != key:
            bad.append(Path(f["path"]).name)
    per = ", ".join(f"article {k}: {len(v)}" for k, v in sorted(first.items()))
    ok = f"same findings per repeated article ({per})"
    return ok if not bad else "DIFFERENT: " + ", ".join(bad[:5])


# --------------------------------------------------------------------------- in-process engine


# Run with `python -c` so that nothing but `time` and `sys` is imported before the clock starts.
ENGINE_CODE = r"""
import sys, time
t0 = time.perf_counter()
import briefcheck.cli  # click and the command line, as `briefcheck check` imports them
t1 = time.perf_counter()
from briefcheck.engine import check_source, select_rules
from briefcheck.pack import load_pack
from briefcheck.readers import read_path
from briefcheck.report import Report
from briefcheck.reporters import REPORTERS, RenderOptions
REPORTERS["json"](Report(), RenderOptions())  # the JSON reporter is imported on first use
t2 = time.perf_counter()
ruleset = select_rules(load_pack("analyst"))
t3 = time.perf_counter()
from pathlib import Path
path = Path(sys.argv[1])
size = path.stat().st_size

def read():
    try:
        return read_path(path, str(path), max_bytes=size + 1)  # past the CLI's size limit
    except TypeError:  # a reader without max_bytes
        return read_path(path, str(path))

if sys.argv[2:] == ["profile"]:
    import cProfile, pstats
    prof = cProfile.Profile()
    prof.enable()
    check_source(read(), ruleset)
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(10)
    # Time per rule, called as the engine calls it, on the articles found once.
    from briefcheck.structure import find_articles
    source = read()
    t = time.perf_counter()
    articles = find_articles(source, ruleset.pack.anatomy)
    print(f"find_articles: {time.perf_counter() - t:.3f} s; slowest rules (s, id, kind, scope):")
    per_rule = []
    for rule in ruleset.rules:
        t = time.perf_counter()
        if getattr(rule.module, "LEVEL", "article") == "file":
            list(rule.module.check(rule, source))
        else:
            for art in articles:
                list(rule.module.check(rule, art))
        per_rule.append((time.perf_counter() - t, rule.id, rule.spec.kind, rule.scope))
    for row in sorted(per_rule, reverse=True)[:10]:
        print("  %6.3f  %-22s %-14s %s" % row)
    print("  %6.3f  all %d rules" % (sum(r[0] for r in per_rule), len(per_rule)))
    sys.exit(0)
source = read()
t4 = time.perf_counter()
result = check_source(source, ruleset)
t5 = time.perf_counter()
out = REPORTERS["json"](Report([result]), RenderOptions())
t6 = time.perf_counter()
import json
print("RESULT " + json.dumps({
    "import_cli": t1 - t0, "import_engine": t2 - t1, "pack": t3 - t2, "read": t4 - t3,
    "check": t5 - t4, "render": t6 - t5, "findings": len(result.findings),
    "articles": len(result.articles), "json_bytes": len(out),
}))
"""


def engine(path: Path, profile: bool = False) -> tuple[dict, Run]:
    """Run the engine inside one fresh interpreter on one file: timings per stage, or a profile."""
    r = run(["-c", ENGINE_CODE, str(path), *(["profile"] * profile)])
    if r.rc != 0:
        sys.exit(f"bench: in-process engine run failed:\n{r.err}")
    if profile:
        return {}, r
    line = next(x for x in r.out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT ")), r


# --------------------------------------------------------------------------- import times


def import_times(args: list[str]) -> tuple[list[tuple[int, int, str]], int]:
    """(self µs, cumulative µs, module) for each import of `python -X importtime ARGS`."""
    r = run(["-X", "importtime", *args])
    rows = []
    for line in r.err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (.*)$", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), m.group(3).rstrip()))
    return rows, r.rc


def print_imports(title: str, rows: list[tuple[int, int, str]]) -> None:
    total = sum(s for s, _, _ in rows)
    by_pkg: collections.Counter = collections.Counter()
    for s, _, name in rows:
        by_pkg[name.strip().split(".")[0]] += s
    print(f"\n{title}: {len(rows)} modules, {total / 1000:.1f} ms of imports (sum of self times)")
    print(f"  {'self ms':>8} {'cumul ms':>9}  module (10 slowest, by cumulative time)")
    for s, c, name in sorted(rows, key=lambda x: -x[1])[:10]:
        print(f"  {s / 1000:8.1f} {c / 1000:9.1f}  {name}")
    top = ", ".join(f"{p} {us / 1000:.0f}" for p, us in by_pkg.most_common(8))
    print(f"  self ms by top-level package: {top}")


# --------------------------------------------------------------------------- report helpers


def secs(x: float) -> str:
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def met(ok: bool) -> str:
    return "yes" if ok else "NO"


def median_run(k: int, args: list[str]) -> tuple[float, float, float, Run]:
    """Median, min and max wall time of K runs after one warm-up (.pyc files, page cache)."""
    last = run(args)
    times = []
    for _ in range(k):
        last = run(args)
        times.append(last.wall)
    return statistics.median(times), min(times), max(times), last


def big_run(label: str, target: Path) -> Run:
    print(f"\n{label}: briefcheck check --format json {target.relative_to(target.parents[1])}")
    return cli("check", "--format", "json", str(target))


def pin_one_cpu() -> str:
    """Pin this process (and so its children) to one CPU: the "one core" of the target."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})
    return f"pinned to CPU {cpus[-1]} of {len(cpus)} available"


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=TARGET_WORDS, help="words in the one-file corpus")
    ap.add_argument("--files", type=int, default=800, help="single-article files")
    ap.add_argument("--repeat", type=int, default=10, help="runs per start-up median")
    ap.add_argument("--keep", action="store_true", help=f"write the corpus to {KEEP_DIR}")
    ap.add_argument("--profile", action="store_true", help="always print the cProfile top 15")
    opts = ap.parse_args()

    code = "import briefcheck, sys; print(briefcheck.__file__, sys.version.split()[0])"
    where = run(["-c", code])
    if where.rc != 0:
        sys.exit(f"bench: cannot import briefcheck:\n{where.err}")
    module_file, py_version = where.out.split()
    max_bytes_run = run(["-c", "from briefcheck.readers import MAX_BYTES; print(MAX_BYTES)"])
    max_bytes = int(max_bytes_run.out) if max_bytes_run.rc == 0 else None
    max_size_option = "--max-size" in cli("check", "--help").out
    how = "PYTHONPATH=src" if "PYTHONPATH" in ENV else "installed"
    print(f"briefcheck from {module_file} ({how})")
    print(f"Python {py_version}, {pin_one_cpu()}, load average {os.getloadavg()[0]:.2f}")

    if opts.keep:
        shutil.rmtree(KEEP_DIR, ignore_errors=True)
        KEEP_DIR.mkdir(parents=True)
        root, tmp = KEEP_DIR, None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="briefcheck-bench-")
        root = Path(tmp.name)
    try:
        corpus = Corpus(root, opts.words, opts.files)
        report(opts, corpus, max_bytes, max_size_option)
    finally:
        if tmp is not None:
            tmp.cleanup()


def report(
    opts: argparse.Namespace, corpus: Corpus, max_bytes: int | None, max_size_option: bool
) -> None:
    rows: list[tuple[str, str, str, str]] = []  # measure, figure, target, met
    per_1m = f"< {TARGET_SECONDS:g} s per 1M words"
    print(
        f"corpus: {corpus.single.parent}  (issue: {corpus.issue_words:,} words, "
        f"{len(corpus.articles)} articles)"
    )

    # Start-up ---------------------------------------------------------------------------
    k = opts.repeat
    print(f"\nstart-up, median of {k} runs (after one warm-up):")
    one = ["-m", "briefcheck", "check", "--format", "json", str(ONE_ARTICLE)]
    startup = {
        "python -c pass": ["-c", "pass"],
        "briefcheck --version": ["-m", "briefcheck", "--version"],
        "one article, check --format json": one,
    }
    medians = {}
    for name, args in startup.items():
        med, lo, hi, last = median_run(k, args)
        medians[name] = med
        print(f"  {name:<34} {med:.3f} s  (min {lo:.3f}, max {hi:.3f}, rc {last.rc})")
    doc = last.json()
    print(
        f"  one article: {doc['files'][0]['articles'][0]['words']} words, "
        f"{len(doc['files'][0]['findings'])} findings, peak RSS {mib(last.rss_kib)}"
    )
    one_med = medians["one article, check --format json"]
    parts, _ = engine(ONE_ARTICLE)
    base = medians["python -c pass"]
    stages = [("interpreter start", base)] + [
        (key.replace("_", " "), parts[key])
        for key in ("import_cli", "import_engine", "pack", "read", "check", "render")
    ]
    rest = one_med - sum(v for _, v in stages)
    print("  where the one-article time goes (one in-process run; interpreter: python -c pass):")
    print("   " + ", ".join(f"{name} {v * 1000:.0f} ms" for name, v in stages))
    print(f"   other (CLI, output, exit, noise): {rest * 1000:.0f} ms")
    rows.append(("python -c pass", secs(base), "", ""))
    rows.append(("briefcheck --version", secs(medians["briefcheck --version"]), "", ""))
    rows.append(
        (
            "one article end to end",
            secs(one_med),
            f"< {TARGET_ONE_ARTICLE} s",
            met(one_med < TARGET_ONE_ARTICLE),
        )
    )
    imports = parts["import_cli"] + parts["import_engine"]
    rows.append(("  of which imports + pack load", secs(imports + parts["pack"]), "", ""))

    # Baseline: the issue itself, for the findings per article ------------------------------
    base_doc = cli("check", "--format", "json", str(ISSUE)).json()
    baseline = per_article_rules(base_doc)
    per_issue = sum(len(f["findings"]) for f in base_doc["files"])
    print(f"\nsample issue: {per_issue} findings in {len(corpus.articles)} articles")

    # One file of ~1M words ------------------------------------------------------------------
    single = big_run(
        f"one file, {corpus.single_words:,} words, {corpus.single_bytes / 1e6:.1f} MB, "
        f"{corpus.single_articles} articles",
        corpus.single,
    )
    label = f"1 file, {corpus.single_words / 1e6:.2f}M words, CLI"
    if single.rc == 2 and "too large" in single.err:
        # The reader's size limit (a guard against binaries and runaway input), not the checks.
        print(f"  REFUSED (exit 2) in {single.wall:.2f} s: {single.first_error()}")
        reason = single.first_error().rsplit(": ", 1)[-1]
        rows.append((label + ", default limit", "refused: " + reason, "", ""))
        if max_size_option:
            mib_needed = str(-(-corpus.single_bytes // (1024 * 1024)))
            print(f"  again with --max-size {mib_needed}:")
            single = cli("check", "--format", "json", "--max-size", mib_needed, str(corpus.single))
            label += f" --max-size {mib_needed}"
        else:  # an older CLI: time the largest copy that fits
            path, copies = corpus.under_limit(max_bytes or corpus.single_bytes)
            n_words, n_articles = corpus.issue_words * copies, len(corpus.articles) * copies
            single = big_run(f"one file under the limit, {n_words:,} words", path)
            label = f"1 file, {n_words / 1e6:.2f}M words, CLI"
            rows += big_figures(single, n_words, n_articles, label)
            if single.rc != 2:
                print("  sanity:", same_single(single.json(), copies, baseline))
            single = None
    if single is not None:
        rows += big_figures(single, corpus.single_words, corpus.single_articles, label)
        if single.rc != 2:
            print("  sanity:", same_single(single.json(), corpus.copies, baseline))

    # 800 single-article files ------------------------------------------------------------
    files = big_run(
        f"{corpus.n_files} files, {corpus.files_words:,} words (one folder argument)",
        corpus.folder,
    )
    label = f"{corpus.n_files} files, {corpus.files_words / 1e6:.2f}M words, CLI"
    rows += big_figures(files, corpus.files_words, corpus.n_files, label)
    if files.rc != 2:
        print("  sanity:", same_files(files.json()))

    # In-process engine ----------------------------------------------------------------------
    print(f"\nin-process engine on the {corpus.single_words:,}-word file (size limit bypassed):")
    res, eng = engine(corpus.single)
    for key in ("import_cli", "import_engine", "pack", "read", "check", "render"):
        print(f"  {key:<14} {res[key]:7.3f} s")
    print(
        f"  {res['findings']} findings in {res['articles']} articles, peak RSS {mib(eng.rss_kib)}"
    )
    work = res["read"] + res["check"]
    scaled = work * TARGET_WORDS / corpus.single_words
    engine_start = res["import_cli"] + res["import_engine"] + res["pack"]
    rows.append(("engine: import + load pack", secs(engine_start), "", ""))
    rows.append(
        (
            f"engine: read+check {corpus.single_words / 1e6:.2f}M words",
            f"{secs(work)} ({corpus.single_words / work / 1000:.0f}k words/s)",
            per_1m,
            met(scaled < TARGET_SECONDS),
        )
    )
    rows.append(("engine: render JSON", secs(res["render"]), "", ""))
    rows.append(("engine: peak RSS", mib(eng.rss_kib), "", ""))

    # Import times ---------------------------------------------------------------------------
    rows_v, _ = import_times(["-m", "briefcheck", "--version"])
    print_imports("python -X importtime -m briefcheck --version", rows_v)
    rows_c, _ = import_times(one)
    print_imports("python -X importtime -m briefcheck check --format json sample-1", rows_c)

    # Profile when a target is missed --------------------------------------------------------
    missed = [r for r in rows if r[3] == "NO"]
    if opts.profile or missed:
        print(f"\ncProfile of read+check on the {corpus.single_words:,}-word file:")
        _, prof = engine(corpus.single, profile=True)
        print("\n".join(line for line in prof.out.rstrip().splitlines() if line.strip()))

    # Table ----------------------------------------------------------------------------------
    print("\n" + "=" * 100)
    w0, w1, w2 = (max(len(r[i]) for r in rows) for i in range(3))
    print(f"{'measure':<{w0}}  {'figure':<{w1}}  {'target':<{w2}}  met")
    for name, fig, target, ok in rows:
        print(f"{name:<{w0}}  {fig:<{w1}}  {target:<{w2}}  {ok}".rstrip())
    print(
        "(start-up: median of the runs; 1M-word targets: the figure scaled to 1,000,000 words; "
        "CLI rows include start-up; single-threaded, pinned to one CPU)"
    )


def big_figures(r: Run, n_words: int, n_articles: int, label: str) -> list:
    """Print and tabulate one CLI run over a big corpus."""
    target = f"< {TARGET_SECONDS:g} s per 1M words"
    if r.rc == 2:
        print(f"  FAILED (exit 2) in {r.wall:.2f} s: {r.first_error()}")
        return [(label, "failed: " + r.first_error(), target, "NO")]
    doc = r.json()
    findings = sum(len(f["findings"]) for f in doc["files"])
    scaled = r.wall * TARGET_WORDS / n_words
    print(
        f"  wall {r.wall:.2f} s, {n_words / r.wall / 1000:.0f}k words/s, "
        f"{r.wall / n_articles * 1000:.2f} ms/article, {findings} findings, "
        f"peak RSS {mib(r.rss_kib)}, rc {r.rc}"
    )
    return [
        (
            label,
            f"{secs(r.wall)} ({n_words / r.wall / 1000:.0f}k words/s, "
            f"{r.wall / n_articles * 1000:.1f} ms/article; {scaled:.1f} s per 1M)",
            target,
            met(scaled < TARGET_SECONDS),
        ),
        (f"  peak RSS, {findings} findings", mib(r.rss_kib), "", ""),
    ]


if __name__ == "__main__":
    main()
