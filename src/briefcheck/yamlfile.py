"""Reading the YAML files of a style pack: safe loading only, errors as one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; both are safe loaders
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlFileError(Exception):
    """A YAML file that cannot be used; the message is 'PATH: cause'."""


def yaml_problem(exc: yaml.YAMLError) -> str:
    """'invalid YAML: line N: problem' from PyYAML's several-line message."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}: " if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"invalid YAML: {where}{problem}"


def parse(path: Path, raw: bytes, loader: type = _Loader) -> Any:
    """What a YAML file's bytes hold (safe-loaded); YamlFileError naming the file otherwise."""
    try:
        return yaml.load(raw.decode("utf-8"), Loader=loader)  # a safe loader
    except UnicodeDecodeError:
        raise YamlFileError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise YamlFileError(f"{path}: {yaml_problem(exc)}") from None


def load_mapping(path: Path) -> dict[str, Any]:
    """The mapping a YAML file holds (safe-loaded); YamlFileError naming the file otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    data = parse(path, raw)
    if not isinstance(data, dict):
        raise YamlFileError(f"{path}: expected a mapping of keys, found {type(data).__name__}")
    return data
