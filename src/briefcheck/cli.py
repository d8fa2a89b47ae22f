"""Command line: `briefcheck [check] PATH…`, `briefcheck rules`, `briefcheck explain RULE`."""

from __future__ import annotations

import os
import sys

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
    sys.exit(code if isinstance(code, int) else EXIT_OK)


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


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    help="Output format.",
    type=click.Choice(["text", "json"]),
)
@click.option("--select", help="Only these rule ids (comma-separated).")
@click.option("--ignore", help="Skip these rule ids (comma-separated).")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding has this severity or a worse one.",
)
@click.option(
    "--rules", "rules_dir", metavar="DIR", help="Use another style pack (a folder with pack.yaml)."
)
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
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    rules_dir: str | None,
    stdin_filename: str,
    no_source: bool,
    max_size: float,
) -> None:
    """Check files, folders (searched for .txt and .md) or `-` for standard input."""
    from briefcheck.engine import ConfigError, Stdin, check_paths, select_rules
    from briefcheck.report import SEVERITY_RANK
    from briefcheck.reporters import REPORTERS, RenderOptions

    pack = _load(rules_dir)
    try:
        ruleset = select_rules(pack, _ids(select), _ids(ignore))
    except ConfigError as exc:
        _fail(str(exc))
    max_bytes = max(1, int(max_size * 1024 * 1024))
    stdin = Stdin(stdin_filename, sys.stdin.buffer.read(max_bytes + 1)) if "-" in paths else None
    report = check_paths(list(paths), ruleset, stdin, max_bytes)
    for f in report.files:
        if f.error:
            click.echo(f"briefcheck: {f.path}: {f.error}", err=True)
    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = REPORTERS[fmt](report, RenderOptions(color=color, show_source=not no_source))
    click.echo(out, nl=False)
    if any(f.error for f in report.files):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.worst() >= SEVERITY_RANK[fail_on] else EXIT_OK)


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
        "Fails:",
        *(_example(e) for e in s.examples.fail),
        "Passes:",
        *(_example(e) for e in s.examples.pass_),
        f"Defined in {rule.path}",
    ]
    click.echo("\n".join(lines))


def _example(example) -> str:
    """An example indented, with the options it sets, and a blank line after it."""
    lines = ["    " + line for line in example.text.splitlines()]
    if example.options:
        lines.insert(0, f"  (with options {example.options})")
    return "\n".join(lines) + "\n"
