"""Merge command-line options with the configuration that applies to each file into a RuleSet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path

from briefcheck.config import (
    DEFAULTS,
    ConfigFile,
    ConfigFileError,
    find_config,
    load_config,
)
from briefcheck.engine import ConfigError, RuleSet, select_rules
from briefcheck.pack import (
    BUILTIN_PACKS,
    Pack,
    PackError,
    Rule,
    RuleOverride,
    apply_override,
    load_pack,
)


@dataclass(frozen=True)
class CliOptions:
    """What the command line said; None means 'not given' so that the configuration decides."""

    pack: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: str | None = None
    config: Path | None = None  # an explicit configuration file: no discovery
    isolated: bool = False  # ignore every configuration file
    proofing: str | None = None  # --proofing ENGINE
    languagetool_url: str | None = None  # --languagetool-url URL


class Resolver:
    """Finds the configuration of each file and builds (and caches) its rule set."""

    def __init__(self, cli: CliOptions, load: Callable[[str], Pack] = load_pack) -> None:
        self.cli = cli
        self._load = load  # a pack by name or folder (the pack snapshots give one of their own)
        self._packs: dict[str, Pack] = {}
        self._rulesets: dict[tuple[Path | None, frozenset[str]], RuleSet] = {}
        self._explicit = None
        if cli.config is not None:
            loaded = load_config(cli.config)
            if loaded is None:
                raise ConfigFileError(f"{cli.config}: has no [tool.briefcheck] table")
            self._explicit = loaded

    def config_for(self, path: Path | None) -> ConfigFile:
        """The configuration that governs a file (None: standard input, from the folder here)."""
        if self._explicit is not None:
            return self._explicit
        if self.cli.isolated:
            return DEFAULTS
        return find_config(path if path is not None else Path.cwd())

    def fail_on(self, path: Path | None) -> str:
        """The failing severity for a file: command line, else its configuration, else error."""
        return self.cli.fail_on or self.config_for(path).settings.fail_on or "error"

    def pack_source(self, config: ConfigFile) -> str:
        """The pack a configuration asks for: command line first; a built-in name, or a folder
        relative to the configuration file."""
        if self.cli.pack:
            return self.cli.pack
        name = config.settings.pack
        if name is None:
            return "analyst"
        if name in BUILTIN_PACKS:
            return name
        folder = config.root / name
        if not (folder / "pack.yaml").is_file():
            raise ConfigFileError(
                f"{config.key('pack')}: no style pack {name!r} (not built in, and no "
                f"{folder / 'pack.yaml'})"
            )
        return str(folder)

    def pack(self, config: ConfigFile) -> Pack:
        """The loaded pack of a configuration (each pack loaded once per run)."""
        source = self.pack_source(config)
        if source not in self._packs:
            self._packs[source] = self._load(source)
        return self._packs[source]

    def ruleset_for(self, path: Path | None) -> RuleSet:
        """The rules that run on this file."""
        config = self.config_for(path)
        ignored = frozenset(self._per_file_ignores(config, path))
        key = (config.path, ignored)
        if key not in self._rulesets:
            self._rulesets[key] = self._build(config, ignored)
        return self._rulesets[key]

    def _build(self, config: ConfigFile, per_file: frozenset[str]) -> RuleSet:
        pack = self.pack(config)
        s = config.settings
        known = {r.id for r in pack.rules}
        cli = self.cli
        for key, ids in (
            ("select", s.select or []),
            ("ignore", s.ignore),
            ("extend-select", s.extend_select),
            ("severity", list(s.severity)),
            ("rules", list(s.rules)),
            ("per-file-ignores", [i for group in s.per_file_ignores.values() for i in group]),
            ("--select", cli.select or []),
            ("--ignore", cli.ignore),
            ("--extend-select", cli.extend_select),
        ):
            unknown = [i for i in ids if i not in known]
            if unknown:
                where = key if key.startswith("--") else config.key(key)
                raise ConfigFileError(
                    f"{where}: unknown rule id {unknown[0]!r} (see 'briefcheck rules')"
                )
        engine = self._engine_options(config)
        rules = tuple(_with_engine(_adjust(r, config), engine) for r in pack.rules)
        pack = replace(pack, rules=rules)
        enabled = [r.id for r in pack.rules if r.spec.enabled]
        if cli.select is not None:  # the command line's selection replaces the file's
            chosen, ignore = list(cli.select), list(cli.ignore)
        else:
            chosen = list(s.select) if s.select else enabled
            chosen += [i for i in s.extend_select if i not in chosen]
            ignore = [*s.ignore, *cli.ignore]
        chosen += [i for i in cli.extend_select if i not in chosen]
        kinds = {r.id: r.spec.kind for r in pack.rules}
        if not any(kinds[i] == "proofing" for i in chosen if i not in ignore):
            ignore = [*ignore, *(i for i in chosen if kinds[i] == "proofing-status")]
        try:
            return select_rules(pack, chosen, [*ignore, *per_file])
        except ConfigError as exc:
            raise ConfigFileError(str(exc)) from None

    def _engine_options(self, config: ConfigFile) -> dict[str, object]:
        """The proofing engine options: the command line's over the configuration's."""
        p = config.settings.proofing
        out: dict[str, object] = {}
        if p is not None:
            fields = ("engine", "languagetool_url", "language", "timeout")
            out = {k: getattr(p, k) for k in fields if getattr(p, k) is not None}
        if self.cli.proofing:
            out["engine"] = self.cli.proofing
        if self.cli.languagetool_url:
            out["languagetool_url"] = self.cli.languagetool_url
        return out

    def _per_file_ignores(self, config: ConfigFile, path: Path | None) -> list[str]:
        if path is None or not config.settings.per_file_ignores:
            return []
        try:
            rel = path.resolve().relative_to(config.root).as_posix()
        except ValueError:
            rel = path.as_posix()
        return [
            rule_id
            for pattern, ids in config.settings.per_file_ignores.items()
            if fnmatchcase(rel, pattern) or fnmatchcase(rel, pattern.replace("**/", ""))
            for rule_id in ids
        ]


def _with_engine(rule: Rule, engine: dict[str, object]) -> Rule:
    """A proofreading rule with the run's engine settings."""
    if not engine or rule.spec.kind not in ("proofing", "proofing-status"):
        return rule
    if all(getattr(rule.options, k, None) == v for k, v in engine.items()):
        return rule
    return rule.with_checked_options(engine)


def _adjust(rule: Rule, config: ConfigFile) -> Rule:
    """The rule with the configuration's severity shorthand and `rules:` changes applied."""
    s = config.settings
    change = s.rules.get(rule.id)
    if rule.id in s.severity:
        base = change or RuleOverride.model_construct()  # defaults: nothing to validate
        change = base.model_copy(update={"severity": s.severity[rule.id]})
    try:
        return apply_override(rule, change, config.key(f"rules.{rule.id}"))
    except PackError as exc:
        raise ConfigFileError(str(exc)) from None
