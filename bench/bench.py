"""Benchmark briefcheck against proselint: start-up, 800 articles (about 1 million words) on one
and on two cores, with and without the proofreading engine, cold and from the result cache.

Run from the repository root:

    python bench/bench.py [--files N] [--words N] [--repeat K] [--keep] [--profile]
                          [--no-proselint] [--proselint-files N]

The real command line is run as a subprocess (`python -m briefcheck check --format json …`), with
PYTHONPATH=src when briefcheck is not installed. The corpus is the sample issue
(submissions/analyst-issue.txt): its four articles taken in turn as N single-article files, and
the issue repeated to about N words in one file; it goes to a temporary folder, or to
bench/corpus/ (git-ignored) with --keep. The result cache of the runs is a temporary folder
(BRIEFCHECK_CACHE_DIR), filled and read on purpose; the other runs say --no-cache.

proselint is installed into the bench's own virtual environment, bench/.venv-proselint (created
on first use with `python -m venv` and `pip install proselint`), and runs on the same files.
Standard library only, plus briefcheck itself (and proselint, in its own venv).

Targets (printed next to the figures): house rules on 1 million words in 800 files under 2 s on
2 cores; one article end to end under 0.12 s including interpreter start; a cached re-run of the
800 files under 0.5 s; faster than proselint per word.
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
PROSELINT_VENV = ROOT / "bench" / ".venv-proselint"

TARGET_ONE_ARTICLE = 0.12  # seconds, end to end, interpreter start included (proselint: 0.146)
TARGET_WORDS, TARGET_FILES_SECONDS, TARGET_CORES = 1_000_000, 2.0, 2  # house rules, 800 files
TARGET_CACHED = 0.5  # a cached re-run of the 800 files
BYLINE = re.compile(r"^By [A-Z]", re.MULTILINE)  # every article of the sample opens with one


# --------------------------------------------------------------------------- child processes


def child_env() -> dict[str, str]:
    """The environment for the children: PYTHONPATH=src unless briefcheck is installed."""
    env = dict(os.environ)
    if importlib.util.find_spec("briefcheck") is None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # A user's install has its .pyc files: compiling every module on every start is not what
    # they see (the warm-up run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("BRIEFCHECK_CACHE_DIR", None)
    env.pop("BRIEFCHECK_PROOFING", None)
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


def run(
    args: list[str],
    cwd: Path = ROOT,
    cpus: set[int] | None = None,
    env: dict[str, str] | None = None,
    exe: str = sys.executable,
) -> Run:
    """Run `EXE ARGS` (on `cpus` only, when given); the peak RSS is that of this very child.

    `getrusage(RUSAGE_CHILDREN)` only gives the largest child seen so far, so a run that peaks
    lower than an earlier one could not be measured with it; `os.wait4` returns the rusage of the
    one child it reaps (its own memory: worker processes are counted apart).
    """
    cmd = [exe, *args]
    pin = (
        (lambda: os.sched_setaffinity(0, cpus))
        if cpus and hasattr(os, "sched_setaffinity")
        else None
    )
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env={**ENV, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=err,
            preexec_fn=pin,
        )
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


def cli(*args: str, cwd: Path = ROOT, cpus: set[int] | None = None, env=None) -> Run:
    return run(["-m", "briefcheck", *args], cwd, cpus, env)


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

    def distinct(self, folder: Path, n: int) -> Path:
        """n article files in which no paragraph repeats (a numbered sentence is added to each
        paragraph), so that no per-paragraph cache of the proofreading engine helps."""
        folder.mkdir()
        for i in range(n):
            lines = self.articles[i % len(self.articles)].splitlines()
            out = [
                f"{line} This is note {i * 1000 + j}." if len(line.split()) >= 12 else line
                for j, line in enumerate(lines)
            ]
            (folder / f"{i:04d}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
        return folder


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
from briefcheck.engine import check_source
from briefcheck.resolve import CliOptions, Resolver
from briefcheck.readers import read_path
from briefcheck.report import Report
from briefcheck.reporters import REPORTERS, RenderOptions
REPORTERS["json"](Report(), RenderOptions())  # the JSON reporter is imported on first use
t2 = time.perf_counter()
# the house rules as `check --proofing off --isolated --no-cache` runs them (no pack cache)
ruleset = Resolver(CliOptions(proofing="off", isolated=True)).ruleset_for(None)
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


def import_times(
    args: list[str], env: dict[str, str] | None = None
) -> tuple[list[tuple[int, int, str]], int]:
    """(self µs, cumulative µs, module) for each import of `python -X importtime ARGS`."""
    r = run(["-X", "importtime", *args], env=env)
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


def median_run(k: int, make_args, **kw) -> tuple[float, float, float, Run]:
    """Median, min and max wall time of K runs after one warm-up (.pyc files, page cache).

    `make_args(i)` gives the arguments of run i (-1: the warm-up), or it is a plain list."""
    args_of = make_args if callable(make_args) else (lambda _i: make_args)
    last = run(args_of(-1), **kw)
    times = []
    for i in range(k):
        last = run(args_of(i), **kw)
        times.append(last.wall)
    return statistics.median(times), min(times), max(times), last


def cpu_sets() -> tuple[set[int] | None, set[int] | None, str]:
    """(one CPU, two CPUs, description): the cores of the targets."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None, "not pinned (no sched_setaffinity)"
    cpus = sorted(os.sched_getaffinity(0))
    two = set(cpus[-2:])
    return {cpus[-1]}, two, f"{len(cpus)} CPUs available; one-core runs on CPU {cpus[-1]}"


CALIBRATE = r"""
import sys, time
from concurrent.futures import ProcessPoolExecutor
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    n = 5_000_000
    t = time.perf_counter(); work(n); work(n); one = time.perf_counter() - t
    with ProcessPoolExecutor(2) as ex:
        list(ex.map(work, [1, 1]))
        t = time.perf_counter(); list(ex.map(work, [n, n])); two = time.perf_counter() - t
    print(one / two)
"""


def two_core_speedup(two_cpus: set[int] | None) -> float:
    """How much faster two processes do two units of pure-Python work than one process does
    (2.0: two free cores; less: the cores are shared with other work at this moment)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(CALIBRATE)
    try:
        r = run([f.name], cpus=two_cpus)
        return float(r.out) if r.rc == 0 else float("nan")
    finally:
        os.unlink(f.name)


def words_per_s(n_words: int, seconds: float) -> str:
    return f"{n_words / seconds / 1000:,.0f}k words/s"


# --------------------------------------------------------------------------- proselint


def proselint_exe(opts: argparse.Namespace) -> Path | None:
    """bench/.venv-proselint/bin/proselint, created on first use; None if it cannot be."""
    if opts.no_proselint:
        return None
    exe = PROSELINT_VENV / ("Scripts" if os.name == "nt" else "bin") / "proselint"
    if exe.exists():
        return exe
    print(f"creating {PROSELINT_VENV.relative_to(ROOT)} (python -m venv; pip install proselint)")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
        pip = PROSELINT_VENV / ("Scripts" if os.name == "nt" else "bin") / "pip"
        subprocess.run([str(pip), "install", "-q", "proselint"], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  cannot install proselint ({exc}); its figures are left out")
        return None
    return exe if exe.exists() else None


def proselint_version(exe: Path) -> str:
    r = run(["version"], exe=str(exe))
    return (r.out.strip() or r.err.strip()).splitlines()[0] if r.rc == 0 else "unknown version"


def proselint_run(exe: Path, paths: list[Path], home: Path) -> Run:
    """proselint on the files, its own cache in a fresh HOME (so that the run is cold)."""
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    return run(["check", *map(str, paths)], env=env, exe=str(exe))


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=TARGET_WORDS, help="words in the one-file corpus")
    ap.add_argument("--files", type=int, default=800, help="single-article files")
    ap.add_argument("--repeat", type=int, default=10, help="runs per start-up median")
    ap.add_argument("--keep", action="store_true", help=f"write the corpus to {KEEP_DIR}")
    ap.add_argument("--profile", action="store_true", help="always print the cProfile top 15")
    ap.add_argument("--no-proselint", action="store_true", help="leave proselint out")
    ap.add_argument(
        "--proselint-files", type=int, default=0, help="proselint on the first N files (0: all)"
    )
    opts = ap.parse_args()

    code = "import briefcheck, sys; print(briefcheck.__file__, sys.version.split()[0])"
    where = run(["-c", code])
    if where.rc != 0:
        sys.exit(f"bench: cannot import briefcheck:\n{where.err}")
    module_file, py_version = where.out.split()
    how = "PYTHONPATH=src" if "PYTHONPATH" in ENV else "installed"
    one_cpu, two_cpus, cpu_note = cpu_sets()
    print(f"briefcheck from {module_file} ({how})")
    print(f"Python {py_version}, {cpu_note}, load average {os.getloadavg()[0]:.2f}")
    speedup = two_core_speedup(two_cpus)
    print(f"two processes of pure-Python work run {speedup:.2f}x as fast as one here, now")
    exe = proselint_exe(opts)
    if exe is not None:
        print(f"proselint {proselint_version(exe)} from {exe.relative_to(ROOT)}")

    if opts.keep:
        shutil.rmtree(KEEP_DIR, ignore_errors=True)
        KEEP_DIR.mkdir(parents=True)
        root, tmp = KEEP_DIR, None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="briefcheck-bench-")
        root = Path(tmp.name)
    work = tempfile.TemporaryDirectory(prefix="briefcheck-bench-cache-")
    try:
        corpus = Corpus(root, opts.words, opts.files)
        report(opts, corpus, exe, Path(work.name), one_cpu, two_cpus)
        print(
            f"(two processes of pure-Python work: {speedup:.2f}x one at the start, "
            f"{two_core_speedup(two_cpus):.2f}x at the end)"
        )
    finally:
        work.cleanup()
        if tmp is not None:
            tmp.cleanup()


def report(
    opts: argparse.Namespace,
    corpus: Corpus,
    exe: Path | None,
    work: Path,
    one_cpu: set[int] | None,
    two_cpus: set[int] | None,
) -> None:
    rows: list[tuple[str, str, str, str]] = []  # measure, figure, target, met
    print(
        f"corpus: {corpus.single.parent}  (issue: {corpus.issue_words:,} words, "
        f"{len(corpus.articles)} articles)"
    )
    cache = work / "cache"  # the result and pack cache of the cached runs
    with_cache = {"BRIEFCHECK_CACHE_DIR": str(cache)}

    # Start-up -------------------------------------------------------------------------------
    k = opts.repeat
    print(f"\nstart-up, one article ({ONE_ARTICLE.name}), median of {k} runs after one warm-up:")
    copies = work / "one"
    copies.mkdir()
    for i in range(-1, k):  # a new file name each run: a new result, the pack from the cache
        shutil.copy(ONE_ARTICLE, copies / f"article{i}.txt")
    base = ["-m", "briefcheck", "check", "--format", "json", "--proofing", "off"]
    startup = {
        "python -c pass": (["-c", "pass"], {}),
        "briefcheck --version": (["-m", "briefcheck", "--version"], {}),
        "check --no-cache (nothing cached)": ([*base, "--no-cache", str(ONE_ARTICLE)], {}),
        "check, a new article (pack cached)": (
            lambda i: [*base, str(copies / f"article{i}.txt")],
            {"env": with_cache},
        ),
        "check, the same article (result cached)": ([*base, str(ONE_ARTICLE)], {"env": with_cache}),
    }
    medians: dict[str, float] = {}
    last = None
    for name, (args, kw) in startup.items():
        med, lo, hi, last_run = median_run(k, args, **kw)
        medians[name] = med
        last = last_run if "new article" in name else last
        print(f"  {name:<40} {med:.3f} s  (min {lo:.3f}, max {hi:.3f}, rc {last_run.rc})")
    if exe is not None:
        home = work / "proselint-home"
        med, lo, hi, pl = median_run(
            k,
            ["check", str(ONE_ARTICLE)],
            exe=str(exe),
            env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".c")},
        )
        medians["proselint"] = med
        print(f"  {'proselint check (one article)':<40} {med:.3f} s  (min {lo:.3f}, max {hi:.3f})")
    doc = last.json()
    print(
        f"  one article: {doc['files'][0]['articles'][0]['words']} words, "
        f"{len(doc['files'][0]['findings'])} findings, peak RSS {mib(last.rss_kib)}"
    )
    parts, _ = engine(ONE_ARTICLE)
    stages = [("interpreter start", medians["python -c pass"])] + [
        (key.replace("_", " "), parts[key])
        for key in ("import_cli", "import_engine", "pack", "read", "check", "render")
    ]
    print("  where a cold one-article run goes (one in-process run, no cache):")
    print("   " + ", ".join(f"{name} {v * 1000:.0f} ms" for name, v in stages))
    one_new = medians["check, a new article (pack cached)"]
    one_cached = medians["check, the same article (result cached)"]
    target = f"< {TARGET_ONE_ARTICLE} s"
    rows += [
        ("python -c pass", secs(medians["python -c pass"]), "", ""),
        (
            "one article, nothing cached",
            secs(medians["check --no-cache (nothing cached)"]),
            target,
            met(medians["check --no-cache (nothing cached)"] < TARGET_ONE_ARTICLE),
        ),
        (
            "one article, new (pack cached)",
            secs(one_new),
            target,
            met(one_new < TARGET_ONE_ARTICLE),
        ),
        (
            "one article, result cached",
            secs(one_cached),
            target,
            met(one_cached < TARGET_ONE_ARTICLE),
        ),
    ]
    if "proselint" in medians:
        rows.append(("proselint, one article", secs(medians["proselint"]), "", ""))

    # 800 files --------------------------------------------------------------------------------
    n, w = corpus.n_files, corpus.files_words
    folder = str(corpus.folder)
    print(f"\n{n} files, {w:,} words (one folder argument), --format json:")
    house = ["check", "--format", "json", "--proofing", "off"]
    runs = {}

    def timed(label: str, args: list[str], **kw) -> Run:
        r = cli(*args, **kw)
        runs[label] = r
        extra = f", {r.first_error()}" if r.rc == 2 else ""
        print(
            f"  {label:<44} {r.wall:6.2f} s  {words_per_s(w, r.wall):>16}  "
            f"peak RSS {mib(r.rss_kib)} (parent)  rc {r.rc}{extra}"
        )
        return r

    one = timed(
        "house rules, --jobs 1, one core",
        [*house, "--no-cache", "--jobs", "1", folder],
        cpus=one_cpu,
    )
    two = timed(
        "house rules, --jobs 2, two cores",
        [*house, "--no-cache", "--jobs", "2", folder],
        cpus=two_cpus,
    )
    fill = timed(
        "house rules, --jobs 2, filling the cache",
        [*house, "--jobs", "2", folder],
        cpus=two_cpus,
        env=with_cache,
    )
    cached = timed(
        "house rules, cached re-run", [*house, "--jobs", "2", folder], cpus=two_cpus, env=with_cache
    )
    text = timed(
        "house rules, cached re-run, text format",
        ["check", "--proofing", "off", "--jobs", "2", folder],
        cpus=two_cpus,
        env=with_cache,
    )
    harper = timed(
        "with Harper (--proofing harper), --jobs 2",
        ["check", "--format", "json", "--proofing", "harper", "--no-cache", "--jobs", "2", folder],
        cpus=two_cpus,
    )
    for r in (one, two, fill, cached):
        if r.rc == 2:
            sys.exit(f"bench: a briefcheck run failed: {r.first_error()}")
    same = one.out == two.out == fill.out == cached.out
    print(f"  same JSON for --jobs 1, --jobs 2, filling and cached: {'yes' if same else 'NO'}")
    print("  sanity:", same_files(two.json()))
    print(
        "  (the corpus repeats four articles: Harper's per-paragraph cache makes the last figure "
        "optimistic; see the distinct-text figure below)"
    )
    harper_rows = []
    distinct = corpus.distinct(work / "distinct", 40)
    dwords = sum(words(p.read_text(encoding="utf-8")) for p in distinct.iterdir())
    hd = cli(
        "check",
        "--format",
        "json",
        "--proofing",
        "harper",
        "--no-cache",
        "--jobs",
        "2",
        str(distinct),
        cpus=two_cpus,
    )
    print(
        f"  with Harper on 40 files of distinct paragraphs ({dwords:,} words): {hd.wall:.2f} s, "
        f"{words_per_s(dwords, hd.wall)}"
    )
    harper_rows.append(
        (
            f"  Harper, distinct text ({dwords:,} words)",
            f"{secs(hd.wall)} ({words_per_s(dwords, hd.wall)})",
            "",
            "",
        )
    )

    pl = None
    if exe is not None:
        paths = sorted(corpus.folder.iterdir())
        if opts.proselint_files:
            paths = paths[: opts.proselint_files]
        pwords = sum(words(p.read_text(encoding="utf-8")) for p in paths)
        pl = proselint_run(exe, paths, work / "proselint-home")
        print(
            f"  {'proselint check, ' + str(len(paths)) + ' files':<44} {pl.wall:6.2f} s  "
            f"{words_per_s(pwords, pl.wall):>16}  peak RSS {mib(pl.rss_kib)}  rc {pl.rc}"
        )
        pl_rate = pwords / pl.wall

    scaled = two.wall * TARGET_WORDS / w
    rows += [
        (
            f"{n} files, house rules, 1 core",
            f"{secs(one.wall)} ({words_per_s(w, one.wall)})",
            "",
            "",
        ),
        (
            f"{n} files, house rules, 2 cores",
            f"{secs(two.wall)} ({words_per_s(w, two.wall)}; {scaled:.2f} s per 1M)",
            f"< {TARGET_FILES_SECONDS:g} s per 1M words",
            met(scaled < TARGET_FILES_SECONDS),
        ),
        (f"{n} files, filling the cache", secs(fill.wall), "", ""),
        (
            f"{n} files, cached re-run (json)",
            secs(cached.wall),
            f"< {TARGET_CACHED} s",
            met(cached.wall < TARGET_CACHED),
        ),
        (
            f"{n} files, cached re-run (text)",
            secs(text.wall),
            f"< {TARGET_CACHED} s",
            met(text.wall < TARGET_CACHED),
        ),
        (
            f"{n} files, with Harper, 2 cores",
            f"{secs(harper.wall)} ({words_per_s(w, harper.wall)})",
            "",
            "",
        ),
        *harper_rows,
    ]
    if pl is not None:
        for label, r in (("1 core", one), ("2 cores", two)):
            ratio = (w / r.wall) / pl_rate
            rows.append(
                (
                    f"briefcheck {label} / proselint, per word",
                    f"{ratio:.1f}x",
                    "> 1x",
                    met(ratio > 1),
                )
            )
        ratio = (w / harper.wall) / pl_rate
        rows.append(("briefcheck with Harper / proselint, per word", f"{ratio:.1f}x", "", ""))
        rows.append(
            (
                f"proselint, {len(paths)} files",
                f"{secs(pl.wall)} ({pl_rate / 1000:,.1f}k words/s)",
                "",
                "",
            )
        )

    # One file of ~1M words ------------------------------------------------------------------------
    mib_needed = str(-(-corpus.single_bytes // (1024 * 1024)))
    print(
        f"\none file, {corpus.single_words:,} words, {corpus.single_bytes / 1e6:.1f} MB, "
        f"{corpus.single_articles} articles (--max-size {mib_needed}; one file is one process):"
    )
    single = cli(*house, "--no-cache", "--max-size", mib_needed, str(corpus.single), cpus=one_cpu)
    print(
        f"  {single.wall:.2f} s, {words_per_s(corpus.single_words, single.wall)}, "
        f"peak RSS {mib(single.rss_kib)}, rc {single.rc}"
    )
    if single.rc != 2:
        base_doc = cli(*house, "--no-cache", str(ISSUE)).json()
        print("  sanity:", same_single(single.json(), corpus.copies, per_article_rules(base_doc)))
    rows.append(
        (
            f"1 file, {corpus.single_words / 1e6:.2f}M words, 1 core",
            f"{secs(single.wall)} ({words_per_s(corpus.single_words, single.wall)})",
            "",
            "",
        )
    )

    # Import times --------------------------------------------------------------------------------
    # The usual run: a new article, the pack from its snapshot (the start-up runs stored it).
    fresh = copies / "importtime.txt"
    fresh.write_text(ONE_ARTICLE.read_text(encoding="utf-8") + "\nNew.\n", encoding="utf-8")
    rows_c, _ = import_times([*base, str(fresh)], env=with_cache)
    print_imports("python -X importtime -m briefcheck check, a new article (pack cached)", rows_c)

    # Profile -------------------------------------------------------------------------------------
    if opts.profile:
        print(f"\ncProfile of read+check on the {corpus.single_words:,}-word file:")
        _, prof = engine(corpus.single, profile=True)
        print("\n".join(line for line in prof.out.rstrip().splitlines() if line.strip()))

    # Table ---------------------------------------------------------------------------------------
    print("\n" + "=" * 100)
    w0, w1, w2 = (max(len(r[i]) for r in rows) for i in range(3))
    print(f"{'measure':<{w0}}  {'figure':<{w1}}  {'target':<{w2}}  met")
    for name, fig, tgt, ok in rows:
        print(f"{name:<{w0}}  {fig:<{w1}}  {tgt:<{w2}}  {ok}".rstrip())
    print(
        f"(start-up: median of {k} runs; wall times include interpreter start; 'per 1M' scales the "
        f"figure to 1,000,000 words; load average at the end {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
