"""Load a style pack: `pack.yaml` (the anatomy) and `rules/*.yaml`, validated, errors named."""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from briefcheck.anatomy import Anatomy
from briefcheck.document import SCOPES
from briefcheck.model import ConfigDict, Field, Model, field_validator
from briefcheck.rules import KINDS, kind_module
from briefcheck.validation import first_error
from briefcheck.vocabulary import LazyVocabulary

BUILTIN_PACKS = ("analyst",)


class PackError(Exception):
    """A style pack or rule file that cannot be used; the message names file and key."""


class Example(Model):
    """A pass/fail example: a text, optional option overrides, and for fails what is flagged."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    text: str
    options: dict[str, Any] = Field(default_factory=dict)
    flagged: str | None = None
    fix: str | None = None
    encoding: str = "utf-8"  # the example is saved in this encoding before it is read
    format: Literal["text", "markdown", "docx"] = "text"  # docx: `text` is the <w:body> XML


class Examples(Model):
    """At least one failing and one passing example per rule."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)
    fail: list[Example] = Field(min_length=1)
    pass_: list[Example] = Field(min_length=1, alias="pass")

    @field_validator("fail", "pass_", mode="before")
    @classmethod
    def _strings(cls, v: Any) -> Any:
        return [{"text": x} if isinstance(x, str) else x for x in v] if isinstance(v, list) else v


class RuleFile(Model):
    """One rule as written in YAML."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    kind: str
    severity: Literal["error", "warning", "info"]
    scope: str = "all"
    summary: str = Field(min_length=1)
    message: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    fix: str = ""
    enabled: bool = True
    # Rules whose fixes make this rule's finding redundant (see engine._without_superseded).
    superseded_by: tuple[str, ...] = ()
    examples: Examples
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in KINDS:
            raise ValueError(f"unknown kind {v!r} (known: {', '.join(sorted(KINDS))})")
        return v

    @field_validator("scope")
    @classmethod
    def _scope(cls, v: str) -> str:
        if v not in SCOPES:
            raise ValueError(f"unknown scope {v!r} (known: {', '.join(SCOPES)})")
        return v


@dataclass(frozen=True)
class Rule:
    """A loaded rule: its file, validated options and the kind module that checks it."""

    spec: RuleFile
    options: Any
    module: ModuleType
    path: Path
    anatomy: Anatomy  # the pack's anatomy, for kinds that read the house form
    vocabulary: LazyVocabulary | None = None  # the pack's vocabulary, read on first use
    # What `briefcheck.cache.rule_digest` computed for this rule; a changed copy (`replace`)
    # starts without it.
    digest: str | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id

    @property
    def scope(self) -> str:
        """The article part the rule reads."""
        return self.spec.scope

    @property
    def fixable(self) -> bool:
        """Whether this rule proposes fixes (a kind may decide per rule: `fixable(options)`)."""
        decide = getattr(self.module, "fixable", None)
        return bool(decide(self.options) if decide else getattr(self.module, "FIXABLE", False))

    def with_options(self, overrides: dict[str, Any], where: str | None = None) -> Rule:
        """The same rule with some options replaced (validated again). An error names `where`
        the options came from (`FILE: KEY`), else the rule's file."""
        merged = _merge(self.spec.options, overrides)
        head = f"{self.path}: " if where is None else f"{where}."
        return replace(self, options=_checked(self.module.Options, merged, f"{head}options."))

    def with_checked_options(self, values: dict[str, Any]) -> Rule:
        """The same rule with some top-level options set to values that were validated with the
        same types where they came from (the command line's choices, a configuration's
        `proofing:` table): no validation again, so no validator is built for it."""
        opts = self.options
        fields = {name: getattr(opts, name) for name in type(opts).model_fields}
        unknown = set(values) - set(fields)
        if unknown:
            raise ValueError(f"{self.id}: no option {sorted(unknown)[0]!r}")
        changed = opts.model_fields_set | set(values)
        new = type(opts).model_construct(changed, **(fields | values))
        return replace(self, options=new)


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key (so one word limit can change alone); other values replace."""
    out = dict(base)
    for key, value in changes.items():
        old = out.get(key)
        both = isinstance(old, dict) and isinstance(value, dict)
        out[key] = _merge(old, value) if both else value
    return out


@dataclass(frozen=True)
class Pack:
    """A style pack: its name, folder, anatomy and rules (sorted by id)."""

    name: str
    root: Path
    anatomy: Anatomy
    rules: tuple[Rule, ...]
    vocabulary: LazyVocabulary = field(default_factory=lambda: LazyVocabulary([]))
    sources: tuple[Path, ...] = ()  # its folder and those of the packs it extends

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, if the pack has it."""
        return next((r for r in self.rules if r.id == rule_id), None)


class RuleOverride(Model):
    """Changes to one rule: severity, enabled, and options merged over the rule's own."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    severity: Literal["error", "warning", "info"] | None = None
    enabled: bool | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class PackFile(Model):
    """`pack.yaml`: the pack's name, description, anatomy, and the pack it extends."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)
    name: str
    description: str = ""
    extends: str | None = Field(default=None, description="a built-in pack name or a folder")
    anatomy: Anatomy | None = None
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)


def builtin_root(name: str) -> Path | None:
    """The folder of a built-in pack: inside the installed package, else in a source checkout."""
    here = Path(__file__).resolve().parent
    for root in (here / "lint_rules" / name, here.parents[1] / "lint_rules" / name):
        if (root / "pack.yaml").is_file():
            return root
    return None


def resolve_pack(name_or_path: str) -> Path:
    """A pack folder from a built-in name or a path; PackError when neither exists."""
    path = Path(name_or_path)
    if (path / "pack.yaml").is_file():
        return path
    root = builtin_root(name_or_path) if name_or_path in BUILTIN_PACKS else None
    if root is None:
        if path.is_dir():
            raise PackError(f"{path}: not a style pack (no pack.yaml)")
        raise PackError(
            f"{name_or_path}: no such style pack (built-in: {', '.join(BUILTIN_PACKS)})"
        )
    return root


def load_pack(name_or_path: str, _chain: tuple[Path, ...] = ()) -> Pack:
    """Load and validate a style pack; every problem is a PackError naming file and key.

    A pack that `extends:` another starts from that pack's anatomy and rules: its own rule files
    replace rules with the same id and add new ones, and `overrides:` adjusts single rules.
    """
    root = resolve_pack(name_or_path)
    head_path = root / "pack.yaml"
    head = _validate(PackFile, _load_yaml(head_path), head_path)
    base = None
    if head.extends is not None:
        if root.resolve() in _chain:
            raise PackError(f"{head_path}: extends: the packs extend each other in a circle")
        parent = root / head.extends
        base = load_pack(
            str(parent) if parent.is_dir() else head.extends, (*_chain, root.resolve())
        )
    anatomy = head.anatomy or (base.anatomy if base else None)
    if anatomy is None:
        raise PackError(f"{head_path}: anatomy: missing (required unless the pack extends another)")
    folders = [*(base.vocabulary.folders if base else []), root / "vocabulary"]
    vocabulary = LazyVocabulary([f for f in folders if f.is_dir()])
    own = _load_rules(root, anatomy, vocabulary, required=base is None)
    inherited = (
        replace(r, anatomy=anatomy, vocabulary=vocabulary) for r in (base.rules if base else ())
    )
    merged = {r.id: r for r in inherited} | {r.id: r for r in own}
    rules = [
        apply_override(merged[i], head.overrides.get(i), f"{head_path}: overrides.{i}")
        for i in sorted(merged)
    ]
    unknown = sorted(set(head.overrides) - set(merged))
    if unknown:
        raise PackError(f"{head_path}: overrides.{unknown[0]}: no such rule in the pack")
    _check_superseded_by(rules)
    sources = (root, *(base.sources if base else ()))
    return Pack(head.name, root, anatomy, tuple(rules), vocabulary, sources)


def apply_override(rule: Rule, change: RuleOverride | None, where: str) -> Rule:
    """A rule with a pack's or a configuration's changes applied; `where` prefixes errors."""
    if change is None:
        return rule
    pairs = (("severity", change.severity), ("enabled", change.enabled))
    update = {k: v for k, v in pairs if v is not None}
    if update:
        spec = rule.spec.model_copy(update=update)
        rule = replace(rule, spec=spec)
    if change.options:
        rule = rule.with_options(change.options, where)
    return rule


def _check_superseded_by(rules: list[Rule]) -> None:
    """Every id in a rule's `superseded_by` names another rule of the pack, and no rules
    supersede each other in a circle (each could drop the other's finding); else a PackError
    naming the rule file."""
    known = {r.id: r for r in rules}
    for rule in rules:
        for other in rule.spec.superseded_by:
            if other not in known:
                raise PackError(
                    f"{rule.path}: superseded_by: unknown rule id {other!r} (no such rule in "
                    "the pack)"
                )
            if other == rule.id:
                raise PackError(f"{rule.path}: superseded_by: {other!r} is the rule itself")
    graph = {r.id: r.spec.superseded_by for r in rules if r.spec.superseded_by}
    if len(graph) < 2:  # one rule alone cannot close a circle (it cannot name itself)
        return
    from graphlib import CycleError, TopologicalSorter

    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        ring = list(reversed(exc.args[1]))[:-1]  # graphlib lists it against the arrows
        first = ring.index(min(ring))  # told from the rule first by id, whichever was found
        circle = [*ring[first:], *ring[:first], ring[first]]
        raise PackError(
            f"{known[circle[0]].path}: superseded_by: the rules supersede each other in a "
            f"circle ({' -> '.join(circle)})"
        ) from None


def _load_rules(
    root: Path, anatomy: Anatomy, vocabulary: LazyVocabulary, required: bool
) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in sorted((root / "rules").glob("*.y*ml")):
        spec = _validate(RuleFile, _load_yaml(path), path)
        if spec.id != path.stem:
            raise PackError(f"{path}: id: {spec.id!r} does not match the file name {path.stem!r}")
        if spec.id in seen:
            raise PackError(f"{path}: id: {spec.id!r} is already defined in {seen[spec.id]}")
        seen[spec.id] = path
        module = kind_module(spec.kind)
        _check_template(spec, module, path)
        options = _options(module, spec.options, path)
        rules.append(Rule(spec, options, module, path, anatomy, vocabulary))
    if required and not rules:
        raise PackError(f"{root / 'rules'}: the pack has no rule files")
    return rules


def _load_yaml(path: Path) -> Any:
    from briefcheck.yamlfile import YamlFileError, load_mapping  # not needed for a snapshot

    try:
        return load_mapping(path)
    except YamlFileError as exc:
        raise PackError(str(exc)) from None


def _validate(model: type[Model], data: Any, path: Path, prefix: str = "") -> Any:
    return _checked(model, data, f"{path}: {prefix}")


def _checked(model: type[Model], data: Any, head: str) -> Any:
    """model.model_validate(data); a PackError `HEAD + key: problem` for the first problem."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PackError(f"{head}{first_error(exc)}") from None


def _options(module: ModuleType, options: dict[str, Any], path: Path) -> Any:
    return _validate(module.Options, options, path, prefix="options.")


def _check_template(spec: RuleFile, module: ModuleType, path: Path) -> None:
    allowed = {"text", *getattr(module, "PARAMS", ())}
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(spec.message) if f is not None]
    except ValueError as exc:
        raise PackError(f"{path}: message: {exc}") from None
    for f in fields:
        name = f.split(".")[0].split("[")[0]
        if name not in allowed:
            raise PackError(
                f"{path}: message: unknown placeholder {{{name}}} (this kind offers: "
                f"{', '.join(sorted(allowed))})"
            )
