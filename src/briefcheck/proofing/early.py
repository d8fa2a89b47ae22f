"""Starting the offline engine before the rules ask for it.

Harper takes about 0.6 s to build its dictionary, in native code that lets Python run on. A run
that proofreads with it is that much shorter when the build starts as the command starts, on
the second core, instead of when the first article reaches the `grammar` rule (after the
imports, the pack and the house rules). The build is started only when the command line makes
it certain enough that the run will use it; anything that could decide otherwise leaves it to
the usual start (`HarperEngine`): a configuration file (it may turn proofreading off or choose
LanguageTool or another language), another style pack, a selection without the proofreading
rules, or enough files for worker processes (a process must not fork while a thread builds).

Standard library only: this runs before briefcheck's own imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefcheck import CONFIG_FILES
from briefcheck.parallel import worth_it

PROOFING_RULES = frozenset({"spelling", "grammar"})


def should_start(
    *,
    engine: str | None,
    languagetool_url: str | None,
    select: Iterable[str] | None,
    ignore: Iterable[str],
    other_pack: bool,
    config_file: bool,
    isolated: bool,
    targets: Iterable[str],
    jobs: int,
) -> bool:
    """Whether this `check` command line will proofread with the offline engine, as far as it
    can tell without briefcheck's own imports (a wrong guess only builds Harper for nothing)."""
    if engine not in (None, "auto", "harper") or languagetool_url or other_pack:
        return False
    ignored = set(ignore)
    chosen = PROOFING_RULES if select is None else PROOFING_RULES & set(select)
    if not chosen - ignored:
        return False
    paths = list(targets)
    size = 0
    for target in paths:
        path = Path.cwd() if target == "-" else Path(target)
        if target != "-":
            if not path.is_file():  # a folder: how many files it holds is not known yet
                return False
            size += path.stat().st_size
        if engine != "harper" and (config_file or (not isolated and _configured(path))):
            return False  # a configuration file may choose otherwise (an explicit harper wins)
    return bool(paths) and not worth_it(jobs, len(paths), size, proofing=True)


def _configured(path: Path) -> bool:
    """Whether a configuration file applies to path (briefcheck.yaml, or a pyproject.toml with a
    [tool.briefcheck] table, in its folder or above)."""
    folder = (path if path.is_dir() else path.parent).resolve()
    for parent in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = parent / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return True
            try:
                if "tool.briefcheck" in candidate.read_text(encoding="utf-8", errors="replace"):
                    return True
            except OSError:
                return True  # unreadable: the configuration step will say so
    return False


def start(language: str = "en-US") -> None:
    """Start building Harper's linter in the background (see briefcheck.proofing.harper)."""
    from briefcheck.proofing.harper import prebuild

    prebuild(language)
