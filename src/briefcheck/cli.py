"""Command line: `briefcheck [check] PATH…`, `briefcheck rules`, `briefcheck explain RULE`."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from briefcheck import __version__

FAIL_ON = ("error", "warning", "info")
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click ≥ 8.2
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultGroup(click.Group):
    """A group whose default command is `check`: `briefcheck PATH…` is `briefcheck check PATH…`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def main() -> None:
    """Entry point: click, with usage errors as one line on stderr and exit code 2."""
    try:
        code = cli.main(prog_name="briefcheck", standalone_mode=False)
    except _NO_ARGS as exc:  # plain `briefcheck`: the help, as click would show it
        click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
        sys.exit(EXIT_ERROR)
    except click.UsageError as exc:
        command = f"{exc.ctx.info_name} " if exc.ctx and exc.ctx.parent else ""
        _fail(f"{exc.format_message()} (see 'briefcheck {command}--help')".replace("\n", " "))
    except click.ClickException as exc:
        _fail(exc.format_message())
    except click.Abort:
        _fail("interrupted")
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as exc:  # a bug: one line that says so, never a traceback
        _fail(f"internal error: {type(exc).__name__}: {exc} (please report this)")
    _finish(code if isinstance(code, int) else EXIT_OK)


def _finish(code: int) -> NoReturn:
    """End a completed run at once: the output flushed and the exit handlers run (a local
    LanguageTool server is stopped by one), but without tearing down every module and object
    one by one, which takes 25 ms after a plain run and 60 ms after one with the offline
    proofreading engine (its dictionaries). Everything a run writes is written and closed by
    now: reports and fixed files atomically, cache entries likewise."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`briefcheck … | head`)
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _fail(message: str) -> None:
    """One line on stderr and exit 2: a usage, input or configuration error."""
    click.echo(f"briefcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _ids(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(",") if x.strip()]


def _load(rules_dir: str | None):
    from briefcheck.pack import PackError, load_pack

    try:
        return load_pack(rules_dir or "analyst")
    except PackError as exc:
        _fail(str(exc))


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefcheck")
def cli() -> None:
    """Check policy-analysis submissions against the house style.

    `briefcheck PATH…` is short for `briefcheck check PATH…`.
    """


FORMATS = ("text", "json", "github", "sarif", "junit")


def _selection(command):
    """The options that choose the style pack, configuration and rules (shared by commands)."""
    options = [
        click.option("--select", help="Only these rule ids (comma-separated)."),
        click.option("--ignore", help="Skip these rule ids (comma-separated)."),
        click.option("--extend-select", help="Add these rule ids (comma-separated)."),
        click.option(
            "--rules",
            "rules_dir",
            metavar="PACK",
            help="Style pack: a built-in name or a folder with pack.yaml.",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Use this configuration file (briefcheck.yaml or pyproject.toml) only.",
        ),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option(
            "--proofing",
            type=click.Choice(("auto", "harper", "languagetool", "off")),
            envvar="BRIEFCHECK_PROOFING",
            help="Proofing engine [default: auto = languagetool with a URL, else harper].",
        ),
        click.option(
            "--languagetool-url",
            metavar="URL",
            help="A LanguageTool server to use (e.g. http://localhost:8081).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _start_engine_early(paths: tuple[str, ...], kw: dict) -> None:
    """Start the offline proofreading engine now if this run will use it (see
    briefcheck.proofing.early): its build then overlaps the rest of the start-up."""
    from briefcheck.proofing import early

    if early.should_start(
        engine=kw["proofing"],
        languagetool_url=kw["languagetool_url"],
        select=_ids(kw["select"]) if kw["select"] is not None else None,
        ignore=_ids(kw["ignore"]),
        other_pack=kw["rules_dir"] is not None,
        config_file=kw["config_file"] is not None,
        isolated=kw["isolated"],
        targets=paths,
        jobs=kw["jobs"],
    ):
        from briefcheck.proofing import set_threads

        set_threads(kw["jobs"])  # the linters to build: one per thread
        early.start()


def _cli_options(kw: dict, fail_on: str | None = None):
    """The command line's part of the settings, taken from the shared selection options."""
    from briefcheck.resolve import CliOptions

    select = kw.pop("select")
    return CliOptions(
        pack=kw.pop("rules_dir"),
        select=_ids(select) if select is not None else None,
        ignore=_ids(kw.pop("ignore")),
        extend_select=_ids(kw.pop("extend_select")),
        fail_on=fail_on,
        config=kw.pop("config_file"),
        isolated=kw.pop("isolated"),
        proofing=kw.pop("proofing"),
        languagetool_url=kw.pop("languagetool_url"),
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of standard output.",
)
@_selection
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 when a finding has this severity or a worse one [default: error].",
)
@click.option("--fix", is_flag=True, help="Apply the certain fixes to the files, then report.")
@click.option(
    "--diff", is_flag=True, help="Show the certain fixes as a unified diff; write nothing."
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Hide the findings recorded in this file (recorded now if it does not exist).",
)
@click.option("--update-baseline", is_flag=True, help="Record today's findings in --baseline.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings.")
@click.option("-q", "--quiet", is_flag=True, help="Only the findings: no source, totals or notes.")
@click.option("--stdin-filename", default="-", help="Name to show for `-` (standard input).")
@click.option("--no-source", is_flag=True, help="Text format: do not show the source lines.")
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=5.0,
    show_default=True,
    metavar="MIB",
    help="Refuse files larger than this many MiB.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Use N CPUs: worker processes for many files, threads for the proofreading engine "
    "[default: the CPUs available; 1: one process, one thread].",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the result cache (.briefcheck_cache/ or $BRIEFCHECK_CACHE_DIR).",
)
def check(paths: tuple[str, ...], **kw) -> None:
    """Check files, folders (searched for .txt, .md and .docx) or `-` for standard input."""
    if kw["update_baseline"] and kw["baseline"] is None:
        _fail("--update-baseline needs --baseline FILE")
    if kw["jobs"] is None:
        from briefcheck.parallel import default_jobs

        kw["jobs"] = default_jobs()
    _start_engine_early(paths, kw)  # before the imports below: they take a tenth of a second
    from briefcheck.reporters import REPORTERS, RenderOptions
    from briefcheck.run import RunError, RunOptions, run_check, use_color
    from briefcheck.run import statistics as stats_table

    fmt, output, quiet = kw["fmt"], kw["output"], kw["quiet"]
    options = _cli_options(kw, kw["fail_on"])
    max_bytes, stdin = _stdin(paths, kw)
    if not kw["no_cache"]:
        from briefcheck.cache import cache_dir

        kw["cache_dir"] = cache_dir()
    run = RunOptions(
        list(paths),
        options,
        fmt,
        stdin,
        max_bytes,
        kw["fix"],
        kw["diff"],
        kw["baseline"],
        kw["update_baseline"],
        jobs=kw["jobs"],
        cache_dir=kw.get("cache_dir"),
    )
    try:
        result = run_check(run, None if quiet else _progress_bar(len(paths)))
    except RunError as exc:
        if sys.stderr.isatty() and not quiet:
            sys.stderr.write("\r\x1b[K")  # clear the progress counter before the error
        _fail(str(exc))
    report = result.report
    _file_errors(report)
    if not quiet:
        for note in result.notes:
            click.echo(f"briefcheck: {note}", err=True)
    for d in result.diffs:
        click.echo(d, nl=False)
    if kw["statistics"]:
        out = stats_table(report)
    else:
        color = output is None and fmt == "text" and use_color(sys.stdout)
        show = not (kw["no_source"] or quiet)
        out = REPORTERS[fmt](
            report, RenderOptions(color=color, show_source=show, summary=not quiet)
        )
    if fmt == "github" and not kw["statistics"]:
        from briefcheck.reporters.github import write_step_summary

        write_step_summary(report)
    _emit(out, output)
    sys.exit(result.exit_code)


def _stdin(paths: tuple[str, ...], kw: dict):
    """The size limit in bytes and what was piped in for `-` (read once, bounded)."""
    from briefcheck.engine import Stdin

    max_bytes = max(1, int(kw.get("max_size", 5.0) * 1024 * 1024))
    name = kw.get("stdin_filename", "-")
    return max_bytes, (Stdin(name, sys.stdin.buffer.read(max_bytes + 1)) if "-" in paths else None)


def _file_errors(report) -> None:
    """One line on stderr per file that could not be read."""
    for f in report.files:
        if f.error:
            click.echo(f"briefcheck: {f.path}: {f.error}", err=True)


def _checked(paths: tuple[str, ...], kw: dict):
    """Check the paths with the per-file settings; returns the report and the resolver."""
    from briefcheck.config import ConfigFileError
    from briefcheck.engine import check_paths
    from briefcheck.pack import PackError
    from briefcheck.resolve import Resolver
    from briefcheck.vocabulary import VocabularyError

    options = _cli_options(kw)
    max_bytes, stdin = _stdin(paths, kw)
    try:
        resolver = Resolver(options)
        report = check_paths(list(paths), resolver.ruleset_for, stdin, max_bytes)
    except (ConfigFileError, PackError, VocabularyError) as exc:
        _fail(str(exc))
    _file_errors(report)
    return report, resolver


def _limits(resolver):
    """Each file's word limits, from the word-limit rules that apply to it."""
    from briefcheck.stats import limits_from_rules

    def limits(path: str):
        return limits_from_rules(resolver.ruleset_for(None if path == "-" else Path(path)).rules)

    return limits


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
@_selection
def stats(paths: tuple[str, ...], fmt: str, **kw) -> None:
    """Words per part of each article against the house limits."""
    from briefcheck.stats import render_stats_json, render_stats_text

    report, resolver = _checked(paths, kw)
    render = render_stats_json if fmt == "json" else render_stats_text
    click.echo(render(report, _limits(resolver)), nl=False)
    sys.exit(EXIT_ERROR if any(f.error for f in report.files) else EXIT_OK)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
@click.option("--title", default="briefcheck review", show_default=True, help="Page title.")
@_selection
def html_report(paths: tuple[str, ...], output: Path, title: str, **kw) -> None:
    """Write an editor's review page: the articles with every finding highlighted in place."""
    from briefcheck.html_report import render_html

    report, resolver = _checked(paths, kw)
    _emit(render_html(report, None, _limits(resolver), title=title), output)
    click.echo(f"briefcheck: wrote {output}", err=True)
    sys.exit(EXIT_ERROR if any(f.error for f in report.files) else EXIT_OK)


def _emit(text: str, output: Path | None) -> None:
    """Print the report, or write it atomically to --output."""
    if output is None:
        click.echo(text, nl=False)
        return
    from briefcheck.fixes import FixError, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except FixError as exc:
        _fail(f"{output}: {exc}")


def _progress_bar(n_targets: int):
    """A one-line counter on stderr when a terminal watches a run of more than a few files."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total <= 5:
            return
        end = "\r\x1b[K" if done == total else ""
        sys.stderr.write(f"\rbriefcheck: {done}/{total} files{end}")
        sys.stderr.flush()

    return show


@cli.command("config")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file only.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def show_config(path: Path | None, config_file: Path | None, isolated: bool) -> None:
    """Print the settings that apply to PATH (default: here) and where each comes from."""
    from briefcheck.config import ConfigFileError
    from briefcheck.pack import PackError
    from briefcheck.resolve import CliOptions, Resolver

    target = path or Path.cwd()
    try:
        resolver = Resolver(CliOptions(config=config_file, isolated=isolated))
        config = resolver.config_for(target)
        ruleset = resolver.ruleset_for(target)
    except (ConfigFileError, PackError) as exc:
        _fail(str(exc))
    s = config.settings
    rows = [
        ("configuration", str(config.path) if config.path else "(none found)", ""),
        ("pack", f"{ruleset.pack.name} ({ruleset.pack.root})", config.where("pack")),
        (
            "select",
            ",".join(s.select) if s.select else "(all enabled rules)",
            config.where("select"),
        ),
        ("ignore", ",".join(s.ignore) or "-", config.where("ignore")),
        ("extend-select", ",".join(s.extend_select) or "-", config.where("extend_select")),
        ("severity", _pairs(s.severity) or "-", config.where("severity")),
        (
            "per-file-ignores",
            _pairs({k: ",".join(v) for k, v in s.per_file_ignores.items()}) or "-",
            config.where("per_file_ignores"),
        ),
        ("fail-on", s.fail_on or "error", config.where("fail_on")),
        (
            "rules",
            "; ".join(_rule_change(k, v) for k, v in s.rules.items()) or "-",
            config.where("rules"),
        ),
    ]
    width = max(len(k) for k, _, _ in rows)
    for key, value, origin in rows:
        click.echo(f"{key:<{width}}  {value}" + (f"  [{origin}]" if origin else ""))
    ids = [r.id for r in ruleset.rules]
    noun = "rule runs" if len(ids) == 1 else "rules run"
    click.echo(f"\n{len(ids)} {noun} on {target}: {', '.join(ids)}")


def _rule_change(rule_id: str, change) -> str:
    """'word-count: severity=warning, options={...}' for the `config` listing."""
    parts = [f"{k}={v}" for k, v in change.model_dump(exclude_defaults=True).items()]
    return f"{rule_id}: {', '.join(parts) or 'no change'}"


def _pairs(d: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in d.items())


@cli.command("rules")
@click.option("--rules", "rules_dir", metavar="DIR", help="List another style pack's rules.")
def list_rules(rules_dir: str | None) -> None:
    """List every rule: id, severity, fixable, kind and summary."""
    pack = _load(rules_dir)
    width = max(len(r.id) for r in pack.rules)
    click.echo(f"{'rule':<{width}}  severity  fix  kind            summary")
    for r in pack.rules:
        fix = "yes" if r.fixable else "-"
        off = "" if r.spec.enabled else " (disabled)"
        columns = f"{r.id:<{width}}  {r.spec.severity:<8}  {fix:<3}  {r.spec.kind:<14}"
        click.echo(f"{columns}  {r.spec.summary}{off}")
    click.echo(f"\n{len(pack.rules)} rules in style pack '{pack.name}' ({pack.root})")


@cli.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dir", metavar="DIR", help="Explain a rule of another style pack.")
def explain(rule_id: str, rules_dir: str | None) -> None:
    """Print a rule's documentation: what it checks, why, examples and the fix."""
    pack = _load(rules_dir)
    rule = pack.rule(rule_id)
    if rule is None:
        _fail(f"unknown rule id {rule_id!r} (see 'briefcheck rules')")
    s = rule.spec
    lines = [
        f"{s.id} ({s.severity}, kind {s.kind}, reads: {s.scope}"
        f"{', fixable' if rule.fixable else ''})",
        "",
        s.summary,
        "",
        "Why: " + s.rationale.strip(),
        "",
        "Fix: " + (s.fix or "see the message"),
        "",
        *_superseded_by(s.superseded_by),
        "Fails:",
        *(_example(e) for e in s.examples.fail),
        "Passes:",
        *(_example(e) for e in s.examples.pass_),
        f"Defined in {rule.path}",
    ]
    click.echo("\n".join(lines))


def _superseded_by(ids: tuple[str, ...]) -> list[str]:
    """The `explain` lines for a rule's `superseded_by` (none when it has none)."""
    if not ids:
        return []
    names = ", ".join(ids)
    return [f"Superseded by: {names} (not reported when their fixed findings cover all of it)", ""]


def _example(example) -> str:
    """An example indented, with the options it sets, and a blank line after it."""
    lines = ["    " + line for line in example.text.splitlines()]
    if example.options:
        lines.insert(0, f"  (with options {example.options})")
    return "\n".join(lines) + "\n"
