"""SARIF 2.1.0: exact log, URIs, regions, fixes, fingerprints, and Microsoft's validator."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import briefcheck
from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import load_pack
from briefcheck.report import FileReport, Finding, Report, RuleInfo
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.reporters.sarif import artifact_location, pascal_case, render

ROOT = Path("/srv/repo")
REPO = Path(__file__).resolve().parents[2]
NPM_INSTALL = "npm install --prefix .ci @microsoft/sarif-multitool-linux"

TYPO = RuleInfo(
    "house-typo",
    "error",
    "substitution",
    "A known slip.",
    "Found in published articles.",
    "Apply the correction.",
    True,
)
LEAD = RuleInfo("lead-length", "info", "word-limit", "Lead length.", "Leads are short.", "", False)
MOJIBAKE = RuleInfo("mojibake", "warning", "pattern", "Mis-decoded text.", "Ugly.", "", True)


def sample() -> Report:
    """A typo with a fix, a missing part, a finding of an undescribed rule, an unreadable file."""
    typo = Finding(
        "house-typo", "error", 23, 41, 23, 51, 2, "tribal are", "write 'tribal area'", "tribal area"
    )
    lead = Finding("lead-length", "info", 4, 7, 4, 7, 1, "", "lead is 27 words (33 short)")
    other = Finding("split", "warning", 7, 10, 8, 4, None, "a\nb", "split: 50%")
    a = FileReport(path="sub dir/a#1.txt", findings=[typo, other, lead])
    b = FileReport(path="b.md", error="not UTF-8")
    return Report([a, b], rules={"lead-length": LEAD, "house-typo": TYPO, "mojibake": MOJIBAKE})


def fp(rule: str, uri: str, text: str, n: int) -> str:
    import hashlib

    return hashlib.sha256("\0".join((rule, uri, text, str(n))).encode()).hexdigest()


def where(uri: str) -> dict[str, Any]:
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def region(a: int, b: int, c: int, d: int) -> dict[str, int]:
    return {"startLine": a, "startColumn": b, "endLine": c, "endColumn": d}


V = briefcheck.__version__
URI = "sub%20dir/a%231.txt"
EXPECTED: dict[str, Any] = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
        {
            "tool": {
                "driver": {
                    "name": "briefcheck",
                    "version": V,
                    "semanticVersion": V,
                    "informationUri": "https://pypi.org/project/briefcheck/",
                    "rules": [
                        {
                            "id": "house-typo",
                            "name": "HouseTypo",
                            "shortDescription": {"text": "A known slip."},
                            "fullDescription": {"text": "Found in published articles."},
                            "help": {
                                "text": "A known slip.\n\nFound in published articles.\n\n"
                                "Fix: Apply the correction.",
                                "markdown": "A known slip.\n\nFound in published articles.\n\n"
                                "**Fix:** Apply the correction.",
                            },
                            "defaultConfiguration": {"level": "error"},
                            "properties": {
                                "kind": "substitution",
                                "fixable": True,
                                "tags": ["house-style", "substitution"],
                            },
                        },
                        {
                            "id": "lead-length",
                            "name": "LeadLength",
                            "shortDescription": {"text": "Lead length."},
                            "fullDescription": {"text": "Leads are short."},
                            "help": {
                                "text": "Lead length.\n\nLeads are short.",
                                "markdown": "Lead length.\n\nLeads are short.",
                            },
                            "defaultConfiguration": {"level": "note"},
                            "properties": {
                                "kind": "word-limit",
                                "fixable": False,
                                "tags": ["house-style", "word-limit"],
                            },
                        },
                        {
                            # A one-word id: a `name` equal to it would be a validator warning.
                            "id": "mojibake",
                            "shortDescription": {"text": "Mis-decoded text."},
                            "fullDescription": {"text": "Ugly."},
                            "help": {
                                "text": "Mis-decoded text.\n\nUgly.",
                                "markdown": "Mis-decoded text.\n\nUgly.",
                            },
                            "defaultConfiguration": {"level": "warning"},
                            "properties": {
                                "kind": "pattern",
                                "fixable": True,
                                "tags": ["house-style", "pattern"],
                            },
                        },
                        {
                            # Not in report.rules: described from the finding alone.
                            "id": "split",
                            "defaultConfiguration": {"level": "warning"},
                            "properties": {"kind": "", "fixable": False, "tags": ["house-style"]},
                        },
                    ],
                }
            },
            "invocations": [
                {
                    "executionSuccessful": False,
                    "toolExecutionNotifications": [
                        {
                            "level": "error",
                            "message": {"text": "b.md: not UTF-8"},
                            "locations": [
                                {"physicalLocation": {"artifactLocation": where("b.md")}}
                            ],
                        }
                    ],
                }
            ],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///srv/repo/"}},
            "columnKind": "unicodeCodePoints",
            "results": [
                {
                    "ruleId": "lead-length",
                    "ruleIndex": 1,
                    "level": "note",
                    "message": {"text": "lead is 27 words (33 short)"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": where(URI),
                                "region": region(4, 7, 4, 7),
                            }
                        }
                    ],
                    "partialFingerprints": {"briefcheckFinding/v1": fp("lead-length", URI, "", 0)},
                    "properties": {"article": 1},
                },
                {
                    "ruleId": "split",
                    "ruleIndex": 3,
                    "level": "warning",
                    "message": {"text": "split: 50%"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": where(URI),
                                "region": {**region(7, 10, 8, 4), "snippet": {"text": "a\nb"}},
                            }
                        }
                    ],
                    "partialFingerprints": {"briefcheckFinding/v1": fp("split", URI, "a\nb", 0)},
                    "properties": {"article": None},
                },
                {
                    "ruleId": "house-typo",
                    "ruleIndex": 0,
                    "level": "error",
                    "message": {"text": "write 'tribal area'"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": where(URI),
                                "region": {
                                    **region(23, 41, 23, 51),
                                    "snippet": {"text": "tribal are"},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {
                        "briefcheckFinding/v1": fp("house-typo", URI, "tribal are", 0)
                    },
                    "fixes": [
                        {
                            "description": {"text": "Replace 'tribal are' with 'tribal area'."},
                            "artifactChanges": [
                                {
                                    "artifactLocation": where(URI),
                                    "replacements": [
                                        {
                                            "deletedRegion": region(23, 41, 23, 51),
                                            "insertedContent": {"text": "tribal area"},
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                    "properties": {"article": 2},
                },
            ],
        }
    ],
}


def test_output_is_exact() -> None:
    out = render(sample(), RenderOptions(), root=ROOT)
    assert out == json.dumps(EXPECTED, ensure_ascii=False, indent=2) + "\n"


def test_registry_renders_against_the_working_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    doc = json.loads(REPORTERS["sarif"](sample(), RenderOptions(color=True)))
    base = doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.absolute().as_uri() + "/"


def test_a_clean_run_is_successful_with_no_results() -> None:
    doc = json.loads(render(Report([FileReport("a.txt")], rules={"mojibake": MOJIBAKE}), root=ROOT))
    run = doc["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["mojibake"]


def test_uris_are_relative_posix_references() -> None:
    assert artifact_location("a b/c%d#e?.txt", ROOT) == where("a%20b/c%25d%23e%3F.txt")
    assert artifact_location("./x:y/ü.txt", ROOT) == where("x%3Ay/%C3%BC.txt")
    assert artifact_location("/srv/repo/sub/x.txt", ROOT) == where("sub/x.txt")
    assert artifact_location("/elsewhere/x y.txt", ROOT) == {"uri": "file:///elsewhere/x%20y.txt"}


def test_pascal_case_names() -> None:
    assert pascal_case("house-typo") == "HouseTypo"
    assert pascal_case("article-a-an") == "ArticleAAn"


def test_deletion_and_insertion_fixes() -> None:
    delete = Finding("web-artifact", "error", 3, 1, 3, 7, 1, "Email,", "dangling", "")
    insert = Finding("photo", "error", 5, 1, 5, 1, 1, "", "missing", "Photo source: X.")
    doc = json.loads(render(Report([FileReport("a.txt", findings=[delete, insert])]), root=ROOT))
    first, second = doc["runs"][0]["results"]
    change = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change == {"deletedRegion": region(3, 1, 3, 7), "insertedContent": {"text": ""}}
    assert first["fixes"][0]["description"]["text"] == "Delete 'Email,'."
    change = second["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["deletedRegion"] == region(5, 1, 5, 1)  # an empty region: an insertion point
    assert "snippet" not in second["locations"][0]["physicalLocation"]["region"]


def fingerprints(report: Report) -> list[tuple[str, str]]:
    doc = json.loads(render(report, root=ROOT))
    return [
        (r["ruleId"], r["partialFingerprints"]["briefcheckFinding/v1"])
        for r in doc["runs"][0]["results"]
    ]


def test_fingerprints_ignore_lines_but_tell_repeats_apart() -> None:
    x = Finding("house-typo", "error", 3, 5, 3, 15, 1, "tribal are", "m", "tribal area")
    y = dataclasses.replace(x, line=9, end_line=9)
    before = fingerprints(Report([FileReport("a.txt", findings=[x, y])]))
    moved = [dataclasses.replace(f, line=f.line + 4, end_line=f.end_line + 4) for f in (x, y)]
    after = fingerprints(Report([FileReport("a.txt", findings=moved)]))
    assert before == after
    assert len({f for _, f in before}) == 2  # the same slip twice: two results, two identities
    elsewhere = fingerprints(Report([FileReport("b.txt", findings=[x])]))
    assert elsewhere[0] != before[0]


def test_fingerprints_survive_a_line_inserted_above(tmp_path: Path) -> None:
    ruleset = select_rules(load_pack("analyst"))
    draft = tmp_path / "draft.txt"
    text = (REPO / "submissions" / "analyst-issue.txt").read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    before = json.loads(render(check_paths([str(draft)], ruleset), root=tmp_path))
    head, rest = text.split("\n", 1)
    draft.write_text(f"{head}\n\n{rest}", encoding="utf-8")  # a blank line near the top
    after = json.loads(render(check_paths([str(draft)], ruleset), root=tmp_path))

    def keyed(doc: dict[str, Any]) -> dict[str, int]:
        results = doc["runs"][0]["results"]
        return {r["partialFingerprints"]["briefcheckFinding/v1"]: line(r) for r in results}

    old, new = keyed(before), keyed(after)
    assert len(old) == len(before["runs"][0]["results"]) > 5  # every result has its own
    assert old.keys() == new.keys()
    assert all(new[k] == old[k] + 1 for k in old)
    uri = before["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == where("draft.txt")


def line(result: dict[str, Any]) -> int:
    """Where a SARIF result starts."""
    return result["locations"][0]["physicalLocation"]["region"]["startLine"]


def multitool() -> Path | None:
    """The Sarif.Multitool binary: $SARIF_MULTITOOL, or the one npm put under .ci/node_modules."""
    if os.environ.get("SARIF_MULTITOOL"):
        return Path(os.environ["SARIF_MULTITOOL"])
    package = REPO / ".ci" / "node_modules" / "@microsoft" / "sarif-multitool-linux"
    return next(iter(sorted(package.rglob("Sarif.Multitool"))), None) if package.is_dir() else None


def test_microsoft_validator_accepts_our_log(tmp_path: Path) -> None:
    tool = multitool()
    if tool is None or not tool.is_file():
        pytest.skip(f"Sarif.Multitool is not installed ({NPM_INSTALL}, or set SARIF_MULTITOOL)")
    assert os.access(tool, os.X_OK), f"{tool} is not executable (chmod u+x it)"
    crafted = sorted((REPO / "submissions").glob("crafted-*"))
    targets = [REPO / "submissions" / "analyst-issue.txt", *crafted, REPO / "absent.txt"]
    report = check_paths([str(p) for p in targets], select_rules(load_pack("analyst")))
    assert len(report.files) == len(targets) and report.counts()["findings"] > 20
    log = tmp_path / "briefcheck.sarif"
    log.write_text(render(report, root=REPO), encoding="utf-8")
    out = tmp_path / "validation.sarif"
    command = [str(tool), "validate", "--output", str(out)]
    schema = tool.parent / "sarif-2.1.0.json"
    if schema.is_file():
        command += ["--json-schema", str(schema)]
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    done = subprocess.run(
        [*command, str(log)], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0 and out.is_file(), f"validator failed:\n{done.stdout}{done.stderr}"
    run = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]
    problems = run.get("results", [])
    assert problems == [], json.dumps(problems, indent=2)
    notes = [n for i in run.get("invocations", []) for n in i.get("toolExecutionNotifications", [])]
    assert [n for n in notes if n.get("level", "warning") in ("error", "warning")] == []
