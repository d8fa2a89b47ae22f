"""The command line's contract, end to end: the real CLI in a subprocess on real files."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ISSUE = "submissions/analyst-issue.txt"
ESC = "\x1b["

# Per crafted submission: every finding as (rule, line, column), in output order.
CRAFTED: dict[str, list[tuple[str, int, int]]] = {
    "crafted-clean.txt": [],
    "crafted-content-after-bio.txt": [
        ("lead-length", 2, 160),
        ("section-word-count", 5, 181),
        ("section-word-count", 6, 186),
        ("section-word-count", 7, 113),
        ("word-count", 7, 113),
        ("content-after-bio", 9, 1),
    ],
    "crafted-heading-variants.txt": [
        ("lead-length", 2, 178),
        ("heading-variant", 5, 1),
        ("section-word-count", 5, 206),
        ("heading-variant", 6, 1),
        ("section-word-count", 6, 187),
        ("heading-variant", 7, 1),
        ("section-word-count", 7, 147),
        ("word-count", 7, 147),
    ],
    "crafted-missing-photo-credit.txt": [
        ("lead-length", 2, 191),
        ("photo-credit-missing", 4, 1),
        ("section-word-count", 4, 221),
        ("section-word-count", 5, 198),
        ("section-word-count", 6, 121),
        ("word-count", 6, 121),
    ],
    "crafted-no-byline.txt": [
        ("byline-missing", 1, 1),
        ("lead-length", 1, 215),
        ("section-word-count", 4, 201),
        ("section-word-count", 5, 186),
        ("section-word-count", 6, 123),
        ("word-count", 6, 123),
    ],
    "crafted-not-a-brief.txt": [
        ("not-a-brief", 1, 1),
        ("house-typo", 3, 52),
        ("word-count", 5, 173),
    ],
    "crafted-section-order.txt": [
        ("lead-length", 2, 196),
        ("section-word-count", 5, 209),
        ("section-order", 6, 1),
        ("section-word-count", 6, 219),
        ("section-word-count", 7, 144),
        ("word-count", 7, 144),
    ],
    "crafted-title-and-markdown.md": [
        ("title-length", 1, 91),
        ("lead-length", 5, 150),
        ("section-word-count", 11, 158),
        ("section-word-count", 15, 161),
        ("section-word-count", 19, 101),
        ("word-count", 19, 101),
    ],
    "crafted-two-authors-bio.txt": [
        ("byline-ampersand", 1, 20),
        ("lead-length", 2, 200),
        ("section-word-count", 5, 193),
        ("section-word-count", 6, 191),
        ("section-word-count", 7, 113),
        ("word-count", 7, 113),
        ("bio-authors", 8, 1),
    ],
}

# Per crafted submission: (byline, body words, lead, background, implications, conclusion, bio).
CRAFTED_ARTICLES: dict[str, tuple[str, int, int, int, int, int, int]] = {
    "crafted-clean.txt": ("By Dilnoza Karimova", 1268, 121, 316, 662, 169, 36),
    "crafted-content-after-bio.txt": ("By Gulnara Sadykova", 102, 27, 28, 31, 16, 22),
    "crafted-heading-variants.txt": ("By Bakyt Osmonaliev", 110, 30, 30, 29, 21, 22),
    "crafted-missing-photo-credit.txt": ("By Timur Akhmetov", 113, 30, 35, 31, 17, 23),
    "crafted-no-byline.txt": (None, 113, 35, 31, 26, 21, 20),
    "crafted-not-a-brief.txt": (None, 63, 63, 0, 0, 0, 0),
    "crafted-section-order.txt": ("By Nargiza Usmonova", 120, 32, 33, 31, 24, 21),
    "crafted-title-and-markdown.md": ("By Levan Beridze", 96, 26, 27, 26, 17, 24),
    "crafted-two-authors-bio.txt": (
        "By Aziza Rakhimova & Jamshid Nurmatov",
        100,
        30,
        28,
        26,
        16,
        21,
    ),
}

# The structural problem each crafted file shows, in full (message left out; see FOCUS_MESSAGES).
FOCUS_FIELDS = ("rule", "severity", "line", "column", "end_line", "end_column", "text", "fix")
FOCUS: dict[str, list[tuple[Any, ...]]] = {
    "crafted-content-after-bio.txt": [
        (
            *("content-after-bio", "error", 9, 1, 9, 104),
            "The views expressed in this article are the author's own and do not represent "
            "those of any institution.",
            None,
        )
    ],
    "crafted-heading-variants.txt": [
        ("heading-variant", "warning", 5, 1, 5, 12, "Background:", "BACKGROUND:"),
        ("heading-variant", "warning", 6, 1, 6, 13, "IMPLICATION:", "IMPLICATIONS:"),
        ("heading-variant", "warning", 7, 1, 7, 20, "CONCLUDING REMARKS:", "CONCLUSION:"),
    ],
    "crafted-missing-photo-credit.txt": [
        ("photo-credit-missing", "error", 4, 1, 4, 1, "", None),
    ],
    "crafted-no-byline.txt": [("byline-missing", "error", 1, 1, 1, 1, "", None)],
    "crafted-not-a-brief.txt": [
        ("not-a-brief", "error", 1, 1, 1, 1, "", None),
        ("house-typo", "error", 3, 52, 3, 61, "Kazakstan", "Kazakhstan"),
    ],
    "crafted-section-order.txt": [
        ("section-order", "error", 6, 1, 6, 12, "BACKGROUND:", None),
    ],
    "crafted-title-and-markdown.md": [
        ("title-length", "info", 1, 91, 1, 102, "Wider World", None),
    ],
    "crafted-two-authors-bio.txt": [
        ("byline-ampersand", "info", 1, 20, 1, 21, "&", "and"),
        ("bio-authors", "warning", 8, 1, 8, 14, "AUTHORS’ BIO:", None),
    ],
}
FOCUS_MESSAGES = {
    "content-after-bio": "1 paragraph (18 words) after the author bio, which must be the last "
    "paragraph",
    "photo-credit-missing": "no photo credit: add a line such as 'Photo source: X.' between the "
    "lead and BACKGROUND:",
    "byline-missing": "no byline: the article must open with 'By Name' (after an optional title)",
    "not-a-brief": "not a brief: no 'By …' byline and none of BACKGROUND:, IMPLICATIONS:, "
    "CONCLUSION: (63 words of plain text)",
    "section-order": "section BACKGROUND: stands after IMPLICATIONS:; the order is BACKGROUND, "
    "IMPLICATIONS, CONCLUSION",
    "title-length": "title is 17 words; the maximum is 15 (2 over)",
    "byline-ampersand": "byline uses '&' between authors; the house style writes 'and'",
    "bio-authors": "the bio does not name Jamshid Nurmatov (the byline names 2 authors)",
}

FINDING_KEYS = [
    "rule",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "article",
    "text",
    "message",
    "fix",
]
FIXABLE_RULES = {
    "apostrophe",
    "article-a-an",
    "bio-heading",
    "byline-ampersand",
    "byline-format",
    "consistency-currency",
    "consistency-dash",
    "consistency-percent",
    "consistency-spelling",
    "consistency-us",
    "heading-variant",
    "house-typo",
    "mojibake",
    "repeated-word",
    "spacing",
    "transliteration",
    "web-artifact",
}
SMALL_BRIEF = (
    "By Jane Doe\n"
    "Officials in Bishkec and Tashkent met to discuss water.\n"
    "Photo source: NASA.\n"
    "BACKGROUND: Some background.\n"
    "IMPLICATIONS: Some implications.\n"
    "CONCLUSION: A conclusion.\n"
    "AUTHOR BIO: Jane Doe is an analyst.\n"
)


def _json(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return json.loads(done.stdout)


def _triples(file: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(x["rule"], x["line"], x["column"]) for x in file["findings"]]


@pytest.fixture(scope="module")
def crafted(run_cli) -> dict[str, dict[str, Any]]:
    """One JSON run over every crafted submission, by file name."""
    done = run_cli("check", "--format", "json", *(f"submissions/{n}" for n in CRAFTED))
    assert (done.returncode, done.stderr) == (1, "")
    return {f["path"].removeprefix("submissions/"): f for f in _json(done)["files"]}


# --- crafted submissions -------------------------------------------------------------------


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_findings(crafted, name: str) -> None:
    assert _triples(crafted[name]) == CRAFTED[name]
    assert {x["article"] for x in crafted[name]["findings"]} <= {1}


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_articles(crafted, name: str) -> None:
    byline, words, *parts = CRAFTED_ARTICLES[name]
    sections = dict(
        zip(("lead", "background", "implications", "conclusion", "bio"), parts, strict=True)
    )
    assert crafted[name]["articles"] == [
        {"number": 1, "byline": byline, "words": words, "sections": sections}
    ]


@pytest.mark.parametrize("name", FOCUS)
def test_crafted_focus_finding(crafted, submissions: Path, name: str) -> None:
    """The structural problem the file was written to show: exact span, text, fix, message."""
    rules = {f[0] for f in FOCUS[name]}
    got = [x for x in crafted[name]["findings"] if x["rule"] in rules]
    assert [tuple(x[k] for k in FOCUS_FIELDS) for x in got] == FOCUS[name]
    assert [x["message"] for x in got if x["rule"] in FOCUS_MESSAGES] == [
        FOCUS_MESSAGES[f[0]] for f in FOCUS[name] if f[0] in FOCUS_MESSAGES
    ]
    lines = (submissions / name).read_text(encoding="utf-8").splitlines()
    for x in got:  # the span is the flagged text in the file
        assert lines[x["line"] - 1][x["column"] - 1 : x["end_column"] - 1] == x["text"]


def test_crafted_heading_variant_messages(crafted) -> None:
    got = [
        x["message"]
        for x in crafted["crafted-heading-variants.txt"]["findings"]
        if x["rule"] == "heading-variant"
    ]
    assert got == [
        "section label 'Background:' is not the house form; write 'BACKGROUND:'",
        "section label 'IMPLICATION:' is not the house form; write 'IMPLICATIONS:'",
        "section label 'CONCLUDING REMARKS:' is not the house form; write 'CONCLUSION:'",
    ]


def test_markdown_headings_are_native_and_the_title_belongs_to_the_article(crafted) -> None:
    md = crafted["crafted-title-and-markdown.md"]
    assert not {"heading-variant", "section-missing", "bio-missing", "content-after-bio"} & {
        x["rule"] for x in md["findings"]
    }
    assert [(x["rule"], x["article"]) for x in md["findings"][:1]] == [("title-length", 1)]


def test_clean_submission_has_no_findings_and_exits_0(run_cli, submissions: Path) -> None:
    done = run_cli(
        "check", "--format", "json", "--fail-on", "info", "submissions/crafted-clean.txt"
    )
    assert (done.returncode, done.stderr) == (0, "")
    (file,) = _json(done)["files"]
    assert file["findings"] == []
    (article,) = file["articles"]
    s = article["sections"]
    assert 1200 <= article["words"] <= 1400
    assert 60 <= s["lead"] <= 180 and 200 <= s["background"] <= 450
    assert 450 <= s["implications"] <= 800 and 60 <= s["conclusion"] <= 250
    assert 20 <= s["bio"] <= 120
    # An independent count: every line but the title, byline, photo credit and bio, labels off.
    text = (submissions / "crafted-clean.txt").read_text(encoding="utf-8")
    body = [
        re.sub(r"^(BACKGROUND|IMPLICATIONS|CONCLUSION):", "", line)
        for line in text.splitlines()[2:]
        if line and not line.startswith(("Photo source:", "AUTHOR BIO:"))
    ]
    assert sum(1 for tok in " ".join(body).split() if re.search(r"[^\W_]", tok)) == 1268
    # Real prose: no paragraph is repeated.
    paragraphs = [line for line in text.splitlines() if line]
    assert len(paragraphs) == len(set(paragraphs))


def test_readme_demo_checks_every_submission(run_cli, submissions: Path) -> None:
    done = run_cli("check", "--format", "json", "submissions/")
    assert (done.returncode, done.stderr) == (1, "")
    expected = sorted(
        p for p in submissions.rglob("*") if p.suffix in (".txt", ".md") and p.is_file()
    )
    assert [f["path"] for f in _json(done)["files"]] == [
        str(Path("submissions") / p.relative_to(submissions)) for p in expected
    ]
    assert not (submissions / "README.md").exists()  # it would be linted as a submission


# --- command shape -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["submissions/crafted-two-authors-bio.txt"],
        ["--format", "json", "submissions/crafted-two-authors-bio.txt"],
    ],
    ids=["text", "json"],
)
def test_check_is_the_default_command(run_cli, args: list[str]) -> None:
    short, full = run_cli(*args), run_cli("check", *args)
    assert (short.returncode, short.stdout, short.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert full.returncode == 1 and full.stdout


def test_version(run_cli, repo: Path) -> None:
    version = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["version"]
    done = run_cli("--version")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"briefcheck, version {version}\n",
        "",
    )


# --- text output ---------------------------------------------------------------------------


def test_text_output_one_line_per_finding(run_cli) -> None:
    done = run_cli(
        "check",
        "--no-source",
        "submissions/crafted-two-authors-bio.txt",
        "submissions/crafted-clean.txt",
    )
    path = "submissions/crafted-two-authors-bio.txt"
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        f"{path}:1:20: info byline-ampersand byline uses '&' between authors; the house style "
        "writes 'and' (fix: and)",
        f"{path}:2:200: info lead-length lead is 30 words; published leads run 60–180 (30 short)",
        f"{path}:5:193: info section-word-count BACKGROUND is 28 words; published articles keep "
        "it to 200–450 (172 short)",
        f"{path}:6:191: info section-word-count IMPLICATIONS is 26 words; published articles "
        "keep it to 450–800 (424 short)",
        f"{path}:7:113: info section-word-count CONCLUSION is 16 words; published articles keep "
        "it to 60–250 (44 short)",
        f"{path}:7:113: error word-count body is 100 words; the minimum is 1,200 (1,100 short)",
        f"{path}:8:1: warning bio-authors the bio does not name Jamshid Nurmatov (the byline names "
        "2 authors)",
        "  article 1 (By Aziza Rakhimova & Jamshid Nurmatov): 100 words — lead 30, background "
        "28, implications 26, conclusion 16, bio 21",
        "submissions/crafted-clean.txt: no findings",
        "  article 1 (By Dilnoza Karimova): 1,268 words — lead 121, background 316, implications "
        "662, conclusion 169, bio 36",
        "",
        "2 files, 7 findings: 1 error, 1 warning, 5 infos",
    ]


def test_text_output_shows_source_and_carets(run_cli) -> None:
    done = run_cli("check", "submissions/crafted-two-authors-bio.txt")
    blocks = done.stdout.split("\n\n")
    assert blocks[0].splitlines() == [
        "submissions/crafted-two-authors-bio.txt:1:20: info byline-ampersand byline uses '&' "
        "between authors; the house style writes 'and'",
        "    1 | By Aziza Rakhimova & Jamshid Nurmatov",
        "      |                    ^ fix: and",
    ]
    assert blocks[-1] == "1 file, 7 findings: 1 error, 1 warning, 5 infos\n"
    assert len(blocks) == 7 + 2  # a block per finding, the article figures, the summary


def test_text_source_excerpt_is_the_finding_line_when_a_line_holds_a_vertical_tab_or_u2028(
    run_cli, tmp_path: Path
) -> None:
    # Word exports use \v for a manual line break; U+2028 comes with text copied from the web.
    # Neither ends a line for line numbers, so the excerpt must still be the finding's line.
    path = tmp_path / "vt.txt"
    text = SMALL_BRIEF.replace("By Jane Doe\n", "By Jane Doe\nA lead\von water\u2028and power.\n")
    path.write_text(text, encoding="utf-8")
    done = run_cli("check", "--select", "house-typo", path)
    shown = [re.sub("[\v\u2028]", " ", line) for line in done.stdout.split("\n")[:3]]
    assert shown == [
        f"{path}:3:14: error house-typo 'Bishkec' is a known slip; write 'Bishkek'",
        "    3 | Officials in Bishkec and Tashkent met to discuss water.",
        "      |              ^^^^^^^ fix: Bishkek",
    ]


# --- JSON output ---------------------------------------------------------------------------


def test_json_structure_follows_the_contract(run_cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = run_cli(
        "check",
        "--format",
        "json",
        missing,
        "submissions/crafted-heading-variants.txt",
        "submissions/crafted-clean.txt",
    )
    assert done.returncode == 2
    doc = _json(done)
    assert list(doc) == ["version", "files", "summary"]
    assert doc["version"] == 1
    bad, hv, clean = doc["files"]
    assert bad == {
        "path": str(missing),
        "error": "no such file",
        "articles": [],
        "findings": [],
    }
    assert list(bad) == ["path", "error", "articles", "findings"]
    for f in (hv, clean):
        assert list(f) == ["path", "articles", "findings"]
        for a in f["articles"]:
            assert list(a) == ["number", "byline", "words", "sections"]
            assert list(a["sections"]) == [
                "lead",
                "background",
                "implications",
                "conclusion",
                "bio",
            ]
    findings = hv["findings"]
    assert findings and all(list(x) == FINDING_KEYS for x in findings)
    for x in findings:
        assert type(x["line"]) is type(x["column"]) is type(x["end_line"]) is int
        assert type(x["end_column"]) is int and x["severity"] in ("error", "warning", "info")
        assert (x["line"], x["column"]) <= (x["end_line"], x["end_column"])
    assert list(doc["summary"]) == ["files", "findings", "errors", "warnings"]
    every = [x for f in doc["files"] for x in f["findings"]]
    assert doc["summary"] == {
        "files": 3,
        "findings": len(every),
        "errors": sum(x["severity"] == "error" for x in every),
        "warnings": sum(x["severity"] == "warning" for x in every),
    }
    assert doc["summary"] == {"files": 3, "findings": 8, "errors": 1, "warnings": 3}
    # JSON output is plain: one object and a final newline, never colour.
    assert done.stdout.endswith("}\n") and ESC not in done.stdout


# --- rule selection and failing severity ---------------------------------------------------

SELECTED = [
    ("word-count", 16, 608),
    ("house-typo", 23, 349),
    ("house-typo", 34, 147),
    ("word-count", 38, 439),
    ("house-typo", 57, 633),
    ("house-typo", 65, 25),
]
NOT_SELECTED = [
    ("consistency-quotes", 5, 142),
    ("consistency-spelling", 5, 532),
    ("article-a-an", 12, 490),
    ("consistency-quotes", 19, 933),
    ("apostrophe", 25, 1),
    ("consistency-us", 27, 967),
    ("web-artifact", 39, 285),
    ("web-artifact", 40, 1),
    ("web-artifact", 41, 1),
    ("consistency-quotes", 43, 11),
    ("acronym-undefined", 57, 128),
    ("apostrophe", 61, 45),
    ("consistency-quotes", 61, 55),
    ("photo-credit-missing", 63, 1),
    ("consistency-us", 63, 167),
    ("consistency-us", 66, 121),
    ("consistency-quotes", 70, 194),
    ("acronym-undefined", 75, 402),
]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--select", "house-typo,word-count", SELECTED),
        ("--select", " word-count , house-typo ", SELECTED),
        ("--ignore", "house-typo,word-count", NOT_SELECTED),
    ],
    ids=["select", "select-spaces", "ignore"],
)
def test_select_and_ignore(run_cli, option: str, value: str, expected) -> None:
    done = run_cli("check", "--format", "json", option, value, ISSUE)
    assert (done.returncode, done.stderr) == (1, "")
    assert _triples(_json(done)["files"][0]) == expected


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--select", "heading-variant", "--fail-on", "error"], 0),
        (["--select", "heading-variant", "--fail-on", "warning"], 1),
        (["--select", "heading-variant", "--fail-on", "info"], 1),
        (["--select", "heading-variant"], 0),  # the default is error
        (["--select", "section-word-count", "--fail-on", "error"], 0),
        (["--select", "section-word-count", "--fail-on", "warning"], 0),
        (["--select", "section-word-count", "--fail-on", "info"], 1),
        (["--select", "word-count"], 1),
    ],
)
def test_fail_on(run_cli, args: list[str], code: int) -> None:
    done = run_cli("check", "--no-source", *args, "submissions/crafted-heading-variants.txt")
    assert (done.returncode, done.stderr) == (code, "")
    assert (
        done.stdout.splitlines()[-1]
        == {
            "heading-variant": "1 file, 3 findings: 3 warnings",
            "section-word-count": "1 file, 3 findings: 3 infos",
            "word-count": "1 file, 1 finding: 1 error",
        }[args[1]]
    )


# --- another style pack --------------------------------------------------------------------


@pytest.fixture
def modified_pack(repo: Path, tmp_path: Path) -> Path:
    """A copy of the built-in pack: body limits 100–1,000 and word-count made a warning."""
    pack = tmp_path / "pack"
    shutil.copytree(repo / "lint_rules" / "analyst", pack)
    rule = pack / "rules" / "word-count.yaml"
    text = rule.read_text(encoding="utf-8")
    changed = text.replace("body: {min: 1200, max: 1400}", "body: {min: 100, max: 1000}")
    changed = changed.replace("severity: error", "severity: warning", 1)
    assert changed.count("min: 100, max: 1000") == 1 and "severity: warning" in changed
    rule.write_text(changed, encoding="utf-8")
    return pack


def test_rules_option_uses_another_pack(run_cli, modified_pack: Path, submissions: Path) -> None:
    files = ["submissions/crafted-missing-photo-credit.txt", "submissions/crafted-clean.txt"]
    before = _json(run_cli("check", "--format", "json", "--select", "word-count", *files))
    after_run = run_cli(
        "check", "--format", "json", "--select", "word-count", "--rules", modified_pack, *files
    )
    assert (after_run.returncode, after_run.stderr) == (0, "")  # a warning does not fail
    after = _json(after_run)
    assert [_triples(f) for f in before["files"]] == [[("word-count", 6, 121)], []]
    assert [_triples(f) for f in after["files"]] == [[], [("word-count", 14, 372)]]
    (x,) = after["files"][1]["findings"]
    assert (x["severity"], x["message"]) == (
        "warning",
        "body is 1,268 words; the maximum is 1,000 (268 over)",
    )
    # The span runs from the 1,001st word to the end of the body: 268 words, labels aside.
    assert x["text"].startswith("crisis, with consequences") and (
        x["end_line"],
        x["end_column"],
    ) == (
        16,
        len((submissions / "crafted-clean.txt").read_text(encoding="utf-8").splitlines()[15]) + 1,
    )
    words = re.sub(r"(?m)^(?:IMPLICATIONS|CONCLUSION):", "", x["text"]).split()
    assert len(words) == 268


def test_rules_listing_of_another_pack(run_cli, modified_pack: Path) -> None:
    done = run_cli("rules", "--rules", modified_pack)
    assert done.returncode == 0
    row = next(line for line in done.stdout.splitlines() if line.startswith("word-count "))
    assert re.split(r"\s{2,}", row, maxsplit=4)[:4] == ["word-count", "warning", "-", "word-limit"]
    count = len(list((modified_pack / "rules").glob("*.yaml")))
    assert (
        done.stdout.splitlines()[-1] == f"{count} rules in style pack 'analyst' ({modified_pack})"
    )


# --- standard input ------------------------------------------------------------------------


def test_stdin_with_a_markdown_name(run_cli, crafted, submissions: Path) -> None:
    data = (submissions / "crafted-title-and-markdown.md").read_bytes()
    done = run_cli("check", "--format", "json", "-", "--stdin-filename", "draft.md", input=data)
    assert (done.returncode, done.stderr) == (1, "")
    (file,) = _json(done)["files"]
    assert file == {**crafted["crafted-title-and-markdown.md"], "path": "draft.md"}


def test_stdin_name_picks_the_reader(run_cli, submissions: Path) -> None:
    data = (submissions / "crafted-title-and-markdown.md").read_bytes()
    done = run_cli(
        "check", "--format", "json", "--select", "heading-variant", "-", "--stdin-filename",
        "draft.txt", input=data,
    )  # fmt: skip
    (file,) = _json(done)["files"]
    # Read as plain text, "## Background" is Markdown typed into a .txt file: a near miss.
    assert [(x["line"], x["text"], x["fix"]) for x in file["findings"]] == [
        (9, "## Background", "BACKGROUND:"),
        (13, "## Implications", "IMPLICATIONS:"),
        (17, "## Conclusion", "CONCLUSION:"),
    ]
    assert file["path"] == "draft.txt"


def test_stdin_without_a_name_is_shown_as_dash(run_cli) -> None:
    done = run_cli("check", "--no-source", "-", input=SMALL_BRIEF.encode())
    assert done.stdout.splitlines()[0] == (
        "-:2:14: error house-typo 'Bishkec' is a known slip; write 'Bishkek' (fix: Bishkek)"
    )


# --- folders -------------------------------------------------------------------------------


def test_folders_are_searched_recursively_skipping_hidden(run_cli, tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    for rel in (
        "a.txt",
        "sub/b.md",
        "sub/deeper/c.TXT",
        ".hidden/h.txt",
        "sub/.git/x.md",
        ".draft.txt",
        "notes.rst",
        "scan.docx.bak",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(SMALL_BRIEF, encoding="utf-8")
    # Only folders below the target count as hidden: a target inside a dot-folder is searched.
    (inner := tmp_path / ".cache" / "inbox").mkdir(parents=True)
    (inner / "d.txt").write_text(SMALL_BRIEF, encoding="utf-8")
    done = run_cli("check", "--format", "json", "--select", "house-typo", root, inner)
    assert (done.returncode, done.stderr) == (1, "")
    files = _json(done)["files"]
    assert [f["path"] for f in files] == [
        str(root / "a.txt"),
        str(root / "sub" / "b.md"),
        str(root / "sub" / "deeper" / "c.TXT"),
        str(inner / "d.txt"),
    ]
    assert all(_triples(f) == [("house-typo", 2, 14)] for f in files)


# --- rules and explain ---------------------------------------------------------------------


def test_rules_lists_every_rule_file(run_cli, repo: Path) -> None:
    done = run_cli("rules")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    rule_files = sorted((repo / "lint_rules" / "analyst" / "rules").glob("*.yaml"))
    specs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in rule_files]
    assert re.split(r"\s{2,}", lines[0]) == ["rule", "severity", "fix", "kind", "summary"]
    rows = [re.split(r"\s{2,}", line, maxsplit=4) for line in lines[1 : 1 + len(specs)]]
    assert rows == [
        [
            p.stem,
            spec["severity"],
            "yes" if p.stem in FIXABLE_RULES else "-",
            spec["kind"],
            spec["summary"],
        ]
        for p, spec in zip(rule_files, specs, strict=True)
    ]
    assert [spec["id"] for spec in specs] == [p.stem for p in rule_files]
    assert lines[1 + len(specs)] == ""
    assert lines[-1].startswith(f"{len(specs)} rules in style pack 'analyst' (")
    assert lines[-1].endswith("analyst)") and len(lines) == len(specs) + 3
    # The columns line up: every severity starts where the header's "severity" does.
    col = lines[0].index("severity")
    assert all(line[col:].split()[0] in ("error", "warning", "info") for line in lines[1:-2])


def test_explain_prints_rationale_and_examples(run_cli, repo: Path) -> None:
    path = repo / "lint_rules" / "analyst" / "rules" / "house-typo.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    done = run_cli("explain", "house-typo")
    assert (done.returncode, done.stderr) == (0, "")
    out = done.stdout
    head, rest = out.split("\nFails:\n")
    fails, rest = rest.split("\nPasses:\n")
    passes, defined = rest.rsplit("\nDefined in ", 1)
    assert head.rstrip("\n").split("\n\n") == [
        "house-typo (error, kind substitution, reads: all, fixable)",
        spec["summary"],
        "Why: " + spec["rationale"],
        "Fix: " + spec["fix"],
    ]

    def shown(examples: list[Any]) -> list[str]:
        texts = [e if isinstance(e, str) else e["text"] for e in examples]
        return ["    " + line for t in texts for line in t.splitlines()]

    assert [line for line in fails.splitlines() if line] == shown(spec["examples"]["fail"])
    assert [line for line in passes.splitlines() if line] == shown(spec["examples"]["pass"])
    assert defined.rstrip("\n").endswith(str(Path("lint_rules", "analyst", "rules", path.name)))


def test_explain_unknown_rule(run_cli) -> None:
    done = run_cli("explain", "no-such-rule")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "briefcheck: unknown rule id 'no-such-rule' (see 'briefcheck rules')\n",
    )


# --- colour --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def on_a_terminal(cli_env, repo: Path):
    """Run the CLI with stdout on a pseudo-terminal; return what it printed there."""

    def run(args: list[str], env: dict[str, str] | None = None) -> str:
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefcheck", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.DEVNULL,
            cwd=repo,
            env=cli_env(env),
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
        os.close(master)
        return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")

    return run


PLAIN_ARGS = ["check", "--no-source", "submissions/crafted-two-authors-bio.txt"]
HEADS = {  # line index → (severity, rule, rest of the line) of three findings in PLAIN_ARGS' output
    0: (
        "info",
        "byline-ampersand",
        "byline uses '&' between authors; the house style writes 'and'",
    ),
    5: ("error", "word-count", "body is 100 words; the minimum is 1,200 (1,100 short)"),
    6: (
        "warning",
        "bio-authors",
        "the bio does not name Jamshid Nurmatov (the byline names 2 authors)",
    ),
}
POSITIONS = {0: "1:20", 5: "7:113", 6: "8:1"}
SEVERITY_COLOUR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[34m"}


def _head(i: int, colour: bool) -> str:
    severity, rule, rest = HEADS[i]
    if colour:
        severity = f"{SEVERITY_COLOUR[severity]}{severity}\x1b[0m"
        rule = f"\x1b[2m{rule}\x1b[0m"
    fix = " (fix: and)" if i == 0 else ""
    return f"submissions/crafted-two-authors-bio.txt:{POSITIONS[i]}: {severity} {rule} {rest}{fix}"


@pytest.fixture(scope="module")
def plain(run_cli) -> subprocess.CompletedProcess[str]:
    """PLAIN_ARGS run with stdout on a pipe."""
    return run_cli(*PLAIN_ARGS)


def test_no_colour_when_stdout_is_not_a_terminal(plain) -> None:
    assert ESC not in plain.stdout and ESC not in plain.stderr
    lines = plain.stdout.splitlines()
    assert [lines[i] for i in HEADS] == [_head(i, colour=False) for i in HEADS]


def test_colour_on_a_terminal(on_a_terminal, plain) -> None:
    out = on_a_terminal(PLAIN_ARGS)
    lines = out.splitlines()
    assert [lines[i] for i in HEADS] == [_head(i, colour=True) for i in HEADS]
    # Colour is the only difference from the output on a pipe.
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == plain.stdout


def test_no_colour_on_a_terminal_with_no_color(on_a_terminal, plain) -> None:
    out = on_a_terminal(PLAIN_ARGS, {"NO_COLOR": "1"})
    assert out == plain.stdout


def test_json_on_a_terminal_has_no_colour(on_a_terminal) -> None:
    out = on_a_terminal(["check", "--format", "json", "submissions/crafted-clean.txt"])
    assert ESC not in out and json.loads(out)["summary"]["findings"] == 0
