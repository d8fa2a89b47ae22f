"""Where the start-up of one `briefcheck check` on one article goes, stage by stage, in one
process (the usual run: the pack from its snapshot in a cache folder, a new article).

Run from the repository root:

    python bench/stages.py [--runs N]

Each run is a fresh interpreter (this script runs itself as a child), with PYTHONPATH=src and
`.pyc` files written; the first run fills a temporary cache folder with the pack's snapshot and
is not shown. Standard library and briefcheck only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "submissions" / "sample-1-avdaliani.txt"


def stages(cache: Path) -> None:
    """Time each stage in this process and print one line of milliseconds."""
    import time

    marks: list[tuple[str, float]] = [("start", time.perf_counter())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    import click  # noqa: F401

    mark("click")
    import briefcheck.cli
    import briefcheck.run  # noqa: F401

    mark("briefcheck modules")
    from briefcheck.snapshot import load_pack_cached

    pack = load_pack_cached("analyst", cache)
    mark("pack snapshot")
    from briefcheck.engine import check_source, select_rules
    from briefcheck.readers import read_path

    off = [r.id for r in pack.rules if r.spec.kind.startswith("proofing")]  # --proofing off
    rules = select_rules(pack, ignore=off)
    source = read_path(ARTICLE)
    mark("read")
    check_source(source, rules)
    mark("first check")
    check_source(source, rules)
    mark("second check")
    from briefcheck.cache import ruleset_identity

    ruleset_identity(rules)
    mark("identity")
    shown = "  ".join(f"{n} {1000 * (b - a):.1f}" for (_, a), (n, b) in pairwise(marks))
    print(f"{shown}  (pydantic imported: {'yes' if 'pydantic' in sys.modules else 'no'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        stages(Path(args.child))
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(ROOT / "src"), env.get("PYTHONPATH")) if x)
    with tempfile.TemporaryDirectory(prefix="briefcheck-stages-") as cache:
        for run in range(args.runs + 1):
            done = subprocess.run(
                [sys.executable, __file__, "--child", cache],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            if run:  # the first one stored the snapshot
                print(f"ms: {done.stdout.strip()}")


if __name__ == "__main__":
    main()
