"""Project configuration: `briefcheck.yaml` or `[tool.briefcheck]` in pyproject.toml, found by
walking up from each checked file (the closest wins), validated, with where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from briefcheck import CONFIG_FILES
from briefcheck.model import ConfigDict, Field, Model
from briefcheck.pack import RuleOverride
from briefcheck.validation import first_error

Severity = Literal["error", "warning", "info"]


class ConfigFileError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class Proofing(Model):
    """The spelling and grammar engine: `auto` (LanguageTool when a URL is given, else the
    offline engine), `harper`, `languagetool` or `off`."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)
    engine: Literal["auto", "harper", "languagetool", "off"] | None = None
    languagetool_url: str | None = Field(default=None, alias="languagetool-url")
    language: str | None = None
    timeout: float | None = Field(default=None, gt=0)


class Settings(Model):
    """The keys of a configuration file (kebab-case in the file)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)
    pack: str | None = Field(default=None, description="built-in pack name or a folder path")
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    proofing: Proofing | None = None


@dataclass(frozen=True)
class ConfigFile:
    """A loaded configuration: its path (None for defaults), folder and settings."""

    path: Path | None
    root: Path
    # the defaults, without validation (nothing to validate): no validator is built on import
    settings: Settings = field(default_factory=Settings.model_construct)
    prefix: str = ""  # "tool.briefcheck." in a pyproject.toml, for error messages

    def key(self, name: str) -> str:
        """'FILE: KEY' for an error about a key of this file."""
        return f"{self.path or 'configuration'}: {self.prefix}{name}"

    def where(self, key: str) -> str:
        """Where a key's value comes from, for `briefcheck config`."""
        if self.path is None or key not in self.settings.model_fields_set:
            return "default"
        return str(self.path)


DEFAULTS = ConfigFile(None, Path.cwd())


def find_config(start: Path) -> ConfigFile:
    """The closest configuration above `start` (a file or folder), or the defaults."""
    folder = start if start.is_dir() else start.parent
    return _find_in(folder.resolve())


@lru_cache(maxsize=256)
def _find_in(folder: Path) -> ConfigFile:
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            loaded = load_config(candidate)
            if loaded is not None:
                return loaded
    if folder.parent == folder:
        return DEFAULTS
    return _find_in(folder.parent)


def load_config(path: Path) -> ConfigFile | None:
    """Load one configuration file; None for a pyproject.toml without [tool.briefcheck]."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        import tomllib  # only when there is one

        try:
            data = tomllib.loads(raw.decode("utf-8")).get("tool", {}).get("briefcheck")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigFileError(f"{path}: invalid TOML: {exc}") from None
        if data is None:
            return None
        prefix = "tool.briefcheck."
    else:
        data = _yaml(path, raw)
        data = {} if data is None else data  # an empty (or all-comment) file: the defaults
        prefix = ""
    if not isinstance(data, dict):
        raise ConfigFileError(f"{path}: expected a table of settings, found {type(data).__name__}")
    from pydantic import ValidationError

    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigFileError(f"{path}: {first_error(exc, prefix)}") from None
    return ConfigFile(path.resolve(), path.resolve().parent, settings, prefix)


def _yaml(path: Path, raw: bytes) -> Any:
    import yaml

    from briefcheck.yamlfile import YamlFileError, parse

    try:
        return parse(path, raw, yaml.SafeLoader)  # the pure-Python loader: its messages
    except YamlFileError as exc:
        raise ConfigFileError(str(exc)) from None
