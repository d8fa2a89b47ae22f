"""End to end on the real published issue (submissions/analyst-issue.txt) and its four articles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ISSUE = "submissions/analyst-issue.txt"
SINGLES = (
    "submissions/sample-1-avdaliani.txt",
    "submissions/sample-2-fazl-e-haider.txt",
    "submissions/sample-3-abazov.txt",
    "submissions/sample-4-turgunbaeva-ghiasi.txt",
)
PARTS = ("lead", "background", "implications", "conclusion", "bio")

# HOUSE_STYLE §2: Avdaliani 1,124, Fazl-e-Haider 1,417, Abazov 1,223, Turgunbaeva/Ghiasi 1,232.
ARTICLES = [
    {
        "number": 1,
        "byline": "By Emil Avdaliani",
        "words": 1124,
        "sections": {
            "lead": 83,
            "background": 219,
            "implications": 737,
            "conclusion": 85,
            "bio": 29,
        },
    },
    {
        "number": 2,
        "byline": "By Syed Fazl-e-Haider",
        "words": 1417,
        "sections": {
            "lead": 180,
            "background": 439,
            "implications": 588,
            "conclusion": 210,
            "bio": 44,
        },
    },
    {
        "number": 3,
        "byline": "By Rafis Abazov",
        "words": 1223,
        "sections": {
            "lead": 124,
            "background": 375,
            "implications": 649,
            "conclusion": 75,
            "bio": 84,
        },
    },
    {
        "number": 4,
        "byline": "By Aigerim Turgunbaeva and Fayazuddin Ghiasi",
        "words": 1232,
        "sections": {
            "lead": 95,
            "background": 218,
            "implications": 723,
            "conclusion": 196,
            "bio": 85,
        },
    },
]

# Every finding in the issue file, in output order: (rule, line, column, article).
ISSUE_FINDINGS = [
    ("consistency-quotes", 5, 142, 1),
    ("consistency-spelling", 5, 532, 1),
    ("article-a-an", 12, 490, 1),
    ("word-count", 16, 608, 1),
    ("consistency-quotes", 19, 933, 2),
    ("house-typo", 23, 349, 2),
    ("apostrophe", 25, 1, 2),
    ("consistency-us", 27, 967, 2),
    ("house-typo", 34, 147, 2),
    ("word-count", 38, 439, 2),
    ("web-artifact", 39, 285, 2),
    # No content-after-bio at line 40: the web-artifact fixes delete all that follows the bio.
    ("web-artifact", 40, 1, 2),
    ("web-artifact", 41, 1, 2),
    ("consistency-quotes", 43, 11, 3),
    ("acronym-undefined", 57, 128, 3),
    ("house-typo", 57, 633, 3),
    ("apostrophe", 61, 45, 4),
    ("consistency-quotes", 61, 55, 4),
    ("photo-credit-missing", 63, 1, 4),
    ("consistency-us", 63, 167, 4),
    ("house-typo", 65, 25, 4),
    ("consistency-us", 66, 121, 4),
    ("consistency-quotes", 70, 194, 4),
    ("acronym-undefined", 75, 402, 4),
]
# The rules above that are not errors (every other one is).
SEVERITY = {
    "consistency-us": "warning",
    "consistency-spelling": "warning",
    "acronym-undefined": "warning",
    "consistency-quotes": "info",
}

CLOAK = (
    "This email address is being protected from spambots. You need JavaScript enabled to view it."
)
EXCESS = (
    "Pakistan have advocated for collaboration with the U.S. to carry out airstrikes "
    "targeting terrorist hideouts inside Afghanistan."
)

# The named slips, field by field: (rule, severity, line, column, end_line, end_column,
# article, text, fix).
NAMED = {
    "tribal are": ("house-typo", "error", 23, 349, 23, 359, 2, "tribal are", "tribal area"),
    "Uzbekistan'ss": ("apostrophe", "error", 61, 45, 61, 58, 4, "Uzbekistan'ss", "Uzbekistan's"),
    "China'": ("apostrophe", "error", 25, 1, 25, 7, 2, "China'", None),
    "a understanding": ("article-a-an", "error", 12, 490, 12, 491, 1, "a", "an"),
    "Central Asian counties": (
        *("house-typo", "error", 57, 633, 57, 655, 3),
        *("Central Asian counties", "Central Asian countries"),
    ),
    "in close proximity of": (
        *("house-typo", "error", 34, 147, 34, 168, 2),
        *("in close proximity of", "in close proximity to"),
    ),
    "most of Central Asian": (
        *("house-typo", "error", 65, 25, 65, 46, 4),
        *("most of Central Asian", "most Central Asian"),
    ),
    "e-mail cloak": ("web-artifact", "error", 40, 1, 40, 93, 2, CLOAK, ""),
    "dangling Email,": ("web-artifact", "error", 39, 285, 39, 291, 2, "Email,", ""),
    "lone full stop": ("web-artifact", "error", 41, 1, 41, 2, 2, ".", ""),
    "word-count 1": ("word-count", "error", 16, 608, 16, 608, 1, "", None),
    "word-count 2": ("word-count", "error", 38, 439, 38, 567, 2, EXCESS, None),
    "photo credit 4": ("photo-credit-missing", "error", 63, 1, 63, 1, 4, "", None),
}
FIELDS = ("rule", "severity", "line", "column", "end_line", "end_column", "article", "text", "fix")


@pytest.fixture(scope="module")
def report(run_cli) -> dict[str, Any]:
    """One JSON run over the issue and the four single-article files."""
    done = run_cli("check", "--format", "json", ISSUE, *SINGLES)
    assert (done.returncode, done.stderr) == (1, "")
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def by_path(report) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in report["files"]}


@pytest.fixture(scope="module")
def issue_lines(repo: Path) -> list[str]:
    return (repo / ISSUE).read_text(encoding="utf-8").split("\n")


def test_the_run_covers_five_files(report) -> None:
    assert [f["path"] for f in report["files"]] == [ISSUE, *SINGLES]
    assert all(set(f) == {"path", "articles", "findings"} for f in report["files"])


def test_issue_articles_bylines_and_word_counts(by_path) -> None:
    assert by_path[ISSUE]["articles"] == ARTICLES


def test_word_counts_match_house_style_section_2(by_path) -> None:
    words = [a["words"] for a in by_path[ISSUE]["articles"]]
    assert words == [1124, 1417, 1223, 1232]
    # The body is lead + BACKGROUND + IMPLICATIONS + CONCLUSION; the bio does not count.
    for a in by_path[ISSUE]["articles"]:
        assert a["words"] == sum(a["sections"][p] for p in PARTS[:-1])


def test_word_counts_agree_with_an_independent_count(by_path, issue_lines) -> None:
    """Recount from the file: a word is a whitespace token with a letter or digit (§2)."""
    label = re.compile(r"(BACKGROUND|IMPLICATIONS|CONCLUSIONS?|AUTHORS?’? BIO):")
    part_of = {"BACKGROUND": "background", "IMPLICATIONS": "implications"}
    counted: list[dict[str, int]] = []
    part = ""
    for line in issue_lines:
        if line.startswith("By "):
            counted.append(dict.fromkeys(PARTS, 0))
            part = "lead"
            continue
        if line.startswith("Photo ") or part == "after bio":
            continue
        if m := label.match(line):
            name = m.group(1)
            part = part_of.get(name, "conclusion" if name.startswith("CONC") else "bio")
            line = line[m.end() :]
        elif part == "bio":
            part = "after bio"  # the web leftovers after Fazl-e-Haider's bio
            continue
        counted[-1][part] += sum(1 for tok in line.split() if re.search(r"[^\W_]", tok))
    assert counted == [a["sections"] for a in by_path[ISSUE]["articles"]]


def test_issue_findings_exact_list(by_path) -> None:
    got = [(x["rule"], x["line"], x["column"], x["article"]) for x in by_path[ISSUE]["findings"]]
    assert got == ISSUE_FINDINGS


@pytest.mark.parametrize("name", NAMED)
def test_named_finding(by_path, issue_lines, name: str) -> None:
    want = dict(zip(FIELDS, NAMED[name], strict=True))
    found = [
        {k: x[k] for k in FIELDS}
        for x in by_path[ISSUE]["findings"]
        if (x["rule"], x["line"], x["column"]) == (want["rule"], want["line"], want["column"])
    ]
    assert found == [want]
    if want["line"] == want["end_line"]:  # the span is exactly the flagged text in the file
        line = issue_lines[want["line"] - 1]
        assert line[want["column"] - 1 : want["end_column"] - 1] == want["text"]


def test_article_a_an_points_at_the_article_before_understanding(issue_lines) -> None:
    line = issue_lines[12 - 1]
    assert line[490 - 1 :].startswith("a understanding ")


def test_word_count_messages_give_count_and_difference(by_path, issue_lines) -> None:
    messages = {
        x["article"]: x["message"] for x in by_path[ISSUE]["findings"] if x["rule"] == "word-count"
    }
    assert messages == {
        1: "body is 1,124 words; the minimum is 1,200 (76 short)",
        2: "body is 1,417 words; the maximum is 1,400 (17 over)",
    }
    # Under the minimum the span is empty at the end of the body (the end of CONCLUSION) ...
    assert len(issue_lines[16 - 1]) + 1 == 608 and issue_lines[16 - 1].startswith("CONCLUSION:")
    # ... over the maximum it covers the words past the 1,400th: exactly 17 of them.
    assert len(EXCESS.split()) == 17 and issue_lines[38 - 1].endswith(EXCESS)


def test_photo_credit_missing_only_in_article_4(by_path, issue_lines) -> None:
    hits = [x for x in by_path[ISSUE]["findings"] if x["rule"] == "photo-credit-missing"]
    assert [x["article"] for x in hits] == [4]
    assert issue_lines[63 - 1].startswith("BACKGROUND: ")  # where the credit belongs


def test_accepted_forms_raise_no_structure_findings(by_path) -> None:
    """CONCLUSIONS: and AUTHORS’ BIO: are published forms; every article has every part."""
    structural = {
        "section-missing",
        "section-order",
        "section-duplicate",
        "section-empty",
        "bio-missing",
        "bio-heading",
        "bio-authors",
        "heading-variant",
        "byline-missing",
        "byline-format",
        "lead-missing",
        "not-a-brief",
    }
    rules = {x["rule"] for path in (ISSUE, *SINGLES) for x in by_path[path]["findings"]}
    assert rules & structural == set()


def test_summary_counts(report) -> None:
    n = len(ISSUE_FINDINGS)
    singles = sum(len(f["findings"]) for f in report["files"][1:])
    assert singles == n  # each single file has exactly its part of the issue's findings
    levels = [SEVERITY.get(rule, "error") for rule, *_ in ISSUE_FINDINGS]
    errors, warnings = levels.count("error"), levels.count("warning")
    assert (errors, warnings, levels.count("info")) == (13, 6, 5)
    summary = {"files": 5, "findings": 2 * n, "errors": 2 * errors, "warnings": 2 * warnings}
    assert report["summary"] == summary


@pytest.mark.parametrize("index", range(4), ids=[p.split("/")[1] for p in SINGLES])
def test_single_article_file_matches_its_part_of_the_issue(by_path, issue_lines, index) -> None:
    article = ARTICLES[index]
    shift = issue_lines.index(article["byline"])  # lines before its byline in the issue
    single = by_path[SINGLES[index]]
    assert single["articles"] == [{**article, "number": 1}]
    expected = [
        {**x, "line": x["line"] - shift, "end_line": x["end_line"] - shift, "article": 1}
        for x in by_path[ISSUE]["findings"]
        if x["article"] == article["number"]
    ]
    assert single["findings"] == expected


def test_text_format_prints_the_article_figures_and_summary(run_cli) -> None:
    done = run_cli("check", "--no-source", ISSUE)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    heads = [line.split(" ", 3)[:3] for line in lines[: len(ISSUE_FINDINGS)]]
    assert heads == [
        [f"{ISSUE}:{ln}:{col}:", SEVERITY.get(rule, "error"), rule]
        for rule, ln, col, _ in ISSUE_FINDINGS
    ]
    tail = lines[len(ISSUE_FINDINGS) :]
    assert tail == [
        "  article 1 (By Emil Avdaliani): 1,124 words — lead 83, background 219, "
        "implications 737, conclusion 85, bio 29",
        "  article 2 (By Syed Fazl-e-Haider): 1,417 words — lead 180, background 439, "
        "implications 588, conclusion 210, bio 44",
        "  article 3 (By Rafis Abazov): 1,223 words — lead 124, background 375, "
        "implications 649, conclusion 75, bio 84",
        "  article 4 (By Aigerim Turgunbaeva and Fayazuddin Ghiasi): 1,232 words — lead 95, "
        "background 218, implications 723, conclusion 196, bio 85",
        "",
        "1 file, 24 findings: 13 errors, 6 warnings, 5 infos",
    ]
