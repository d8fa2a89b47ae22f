"""Suppression comments end to end, in .txt and .md: ignore, disable/enable, unused ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CLEAN = Path(__file__).resolve().parents[1] / "submissions" / "crafted-clean.txt"
# crafted-clean.txt without its blank line: title, byline, lead, photo credit, BACKGROUND and two
# more paragraphs, IMPLICATIONS and six more, CONCLUSION, AUTHOR BIO. No finding at all.
PARAS = [p for p in CLEAN.read_text(encoding="utf-8").splitlines() if p]
TITLE, BYLINE, LEAD, PHOTO, BG1, BG2, BG3, IM1, IM2, IM3, IM4 = range(11)
CON, BIO = len(PARAS) - 2, len(PARAS) - 1
MD_HEADINGS = {
    "BACKGROUND: ": "Background",
    "IMPLICATIONS: ": "Implications",
    "CONCLUSION: ": "Conclusion",
    "AUTHOR BIO: ": "Author bio",
}
TYPO = " Elders of the tribal are agreed."  # house-typo 'tribal are'
REPEAT = " They said the the same."  # repeated-word 'the the'
FORMATS = ("txt", "md")


@dataclass(frozen=True)
class Comment:
    """A comment line above the next paragraph (above its heading in Markdown)."""

    text: str


def render(items: list[str | Comment], fmt: str) -> str:
    """The article as a .txt (a paragraph per line) or .md (headings, blank-line paragraphs)."""
    if fmt == "txt":
        return "".join((x.text if isinstance(x, Comment) else x) + "\n" for x in items)
    chunks: list[str] = []
    pending: list[str] = []
    for n, x in enumerate(items):
        if isinstance(x, Comment):
            pending.append(x.text)
            continue
        if n == 0:
            x = f"# {x}"
        for label, heading in MD_HEADINGS.items():
            if x.startswith(label):
                x = f"## {heading}\n\n{x.removeprefix(label)}"
        chunks.append("\n".join([*pending, x]))
        pending = []
    chunks.extend(pending)
    return "\n\n".join(chunks) + "\n"


def article(
    slips: dict[int, str] | None = None,
    comments: dict[int, str] | None = None,
    drop: tuple[int, ...] = (),
) -> list[str | Comment]:
    """The clean article with text appended to some paragraphs and comments above some."""
    items: list[str | Comment] = []
    for n, p in enumerate(PARAS):
        if n in (comments or {}):
            items.append(Comment(f"<!-- briefcheck: {comments[n]} -->"))
        if n not in drop:
            items.append(p + (slips or {}).get(n, ""))
    return items


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the n-th occurrence of needle."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


BOTH = TYPO + REPEAT
RANGE = {BG2: TYPO, BG3: TYPO, IM2: TYPO, IM3: TYPO}
SCENARIOS: dict[str, list[str | Comment]] = {
    "plain": article(),
    "ignore-next-only": article(
        {BG2: TYPO, BG3: TYPO}, {BG2: "ignore house-typo -- quoted verbatim"}
    ),
    "ignore-several": article({BG2: BOTH, BG3: BOTH}, {BG2: "ignore house-typo,repeated-word"}),
    "ignore-all": article({BG2: BOTH, BG3: BOTH}, {BG2: "ignore all -- quoted verbatim"}),
    "range": article(
        RANGE, {BG3: "disable house-typo -- quotes", IM3: "enable house-typo -- quotes end"}
    ),
    "range-no-reason": article(RANGE, {BG3: "disable house-typo", IM3: "enable house-typo"}),
    "two-ignores-no-reason": article(
        {BG2: TYPO, IM2: TYPO}, {BG2: "ignore house-typo", IM2: "ignore house-typo"}
    ),
    "disable-to-end": article(
        {BG2: TYPO, IM2: TYPO, CON: TYPO, BIO: TYPO}, {IM2: "disable house-typo -- quotes"}
    ),
    "unused": article({BG3: TYPO}, {BG2: "ignore house-typo -- quoted verbatim"}),
    "unknown": article(comments={BG2: "ignore no-such-rule -- typo in the id"}),
    "unknown-and-used": article({BG2: TYPO}, {BG2: "ignore house-typo,no-such-rule"}),
    "photo-missing": article(drop=(PHOTO,)),
    "photo-missing-ignored": article(
        drop=(PHOTO,), comments={BG1: "ignore photo-credit-missing -- the agency sent none"}
    ),
    "comments-everywhere": article(
        comments={
            BYLINE: "ignore spacing -- above the byline",
            LEAD: "ignore spacing -- above the lead",
            PHOTO: "disable spacing -- r",
            BG1: "enable spacing -- r",
            IM4: "ignore spacing -- in the middle",
            CON: "ignore all -- a b c d e f",
            BIO: "ignore spacing -- above the bio",
        }
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("suppress")
    out = {}
    for name, items in SCENARIOS.items():
        for fmt in FORMATS:
            path = root / f"{name}.{fmt}"
            path.write_text(render(items, fmt), encoding="utf-8")
            out[f"{name}.{fmt}"] = path
    md_code = render(SCENARIOS["plain"], "md").replace(
        PARAS[IM2],
        f"```\n<!-- briefcheck: disable house-typo -->\n```\n\n{PARAS[IM2]}{TYPO}",
    )
    out["code-block.md"] = root / "code-block.md"
    out["code-block.md"].write_text(md_code, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def reports(run_cli, files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """One JSON run over every scenario in both formats, by file name."""
    done = run_cli("check", "--format", "json", *files.values())
    assert (done.returncode, done.stderr) == (1, "")
    return {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}


def found(report: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(x["rule"], x["line"], x["column"]) for x in report["findings"]]


def typos(text: str, *occurrences: int) -> list[tuple[str, int, int]]:
    return [("house-typo", *at(text, "tribal are", n)) for n in occurrences]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_clean_article_has_no_findings(reports, fmt: str) -> None:
    assert reports[f"plain.{fmt}"]["findings"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_ignore_silences_the_next_paragraph_only(reports, files, fmt: str) -> None:
    name = f"ignore-next-only.{fmt}"
    assert found(reports[name]) == typos(files[name].read_text(encoding="utf-8"), 2)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", ["ignore-several", "ignore-all"])
def test_ignore_several_rules_and_all(reports, files, case: str, fmt: str) -> None:
    name = f"{case}.{fmt}"
    text = files[name].read_text(encoding="utf-8")
    assert found(reports[name]) == [
        ("house-typo", *at(text, "tribal are", 2)),
        ("repeated-word", *at(text, "the the", 2)),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "case",
    [
        "range",
        pytest.param(
            "range-no-reason",
        ),
    ],
)
def test_disable_enable_range(reports, files, case: str, fmt: str) -> None:
    name = f"{case}.{fmt}"
    assert found(reports[name]) == typos(files[name].read_text(encoding="utf-8"), 1, 4)


@pytest.mark.parametrize("fmt", FORMATS)
def test_directives_without_reason_are_separate(reports, fmt: str) -> None:
    assert reports[f"two-ignores-no-reason.{fmt}"]["findings"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_without_enable_runs_to_the_end_of_the_file(reports, files, fmt: str) -> None:
    name = f"disable-to-end.{fmt}"
    assert found(reports[name]) == typos(files[name].read_text(encoding="utf-8"), 1)


def _unused(text: str, directive: str, problem: str) -> dict[str, Any]:
    comment = f"<!-- briefcheck: {directive} -->"
    line, column = at(text, comment)
    return {
        "rule": "unused-suppression",
        "severity": "warning",
        "line": line,
        "column": column,
        "end_line": line,
        "end_column": column + len(comment),
        "article": 1,
        "text": comment,
        "message": problem,
        "fix": None,
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_directive_that_silences_nothing_is_reported(reports, files, fmt: str) -> None:
    name = f"unused.{fmt}"
    text = files[name].read_text(encoding="utf-8")
    unused = _unused(
        text,
        "ignore house-typo -- quoted verbatim",
        "suppression 'ignore house-typo' silenced nothing",
    )
    assert reports[name]["findings"][0] == unused
    assert found(reports[name])[1:] == typos(text, 1)  # the slip is one paragraph further on


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_rule_in_a_directive_is_reported(reports, files, fmt: str) -> None:
    text = files[f"unknown.{fmt}"].read_text(encoding="utf-8")
    assert reports[f"unknown.{fmt}"]["findings"] == [
        _unused(
            text,
            "ignore no-such-rule -- typo in the id",
            "suppression 'ignore no-such-rule' names unknown rule 'no-such-rule'",
        )
    ]
    text = files[f"unknown-and-used.{fmt}"].read_text(encoding="utf-8")
    assert reports[f"unknown-and-used.{fmt}"]["findings"] == [
        _unused(
            text,
            "ignore house-typo,no-such-rule",
            "suppression 'ignore house-typo,no-such-rule' names unknown rule 'no-such-rule'",
        )
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_structural_finding_can_be_suppressed(reports, files, fmt: str) -> None:
    text = files[f"photo-missing.{fmt}"].read_text(encoding="utf-8")
    where = at(text, "BACKGROUND:" if fmt == "txt" else "Background")
    assert found(reports[f"photo-missing.{fmt}"]) == [("photo-credit-missing", *where)]
    assert reports[f"photo-missing-ignored.{fmt}"]["findings"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_comment_lines_are_not_text(reports, fmt: str) -> None:
    assert reports[f"comments-everywhere.{fmt}"]["articles"] == reports[f"plain.{fmt}"]["articles"]
    # Every directive there silenced nothing; the counts are those of the clean article.
    assert [x["rule"] for x in reports[f"comments-everywhere.{fmt}"]["findings"]] == [
        "unused-suppression"
    ] * 6
    assert reports[f"plain.{fmt}"]["articles"][0]["words"] == 1268


def test_a_directive_in_a_markdown_code_block_is_inert(reports, files) -> None:
    text = files["code-block.md"].read_text(encoding="utf-8")
    assert found(reports["code-block.md"]) == typos(text, 1)


def test_unused_suppression_text_output_and_exit_code(run_cli, files) -> None:
    path = files["unused.txt"]
    text = path.read_text(encoding="utf-8")
    done = run_cli("check", "--no-source", "--select", "unused-suppression", path)
    line, column = at(text, "<!--")
    assert (done.returncode, done.stderr) == (0, "")  # a warning does not fail the run
    assert done.stdout.splitlines()[0] == (
        f"{path}:{line}:{column}: warning unused-suppression suppression 'ignore house-typo' "
        "silenced nothing"
    )


def test_ignore_unused_suppression_turns_the_report_off(run_cli, files) -> None:
    names = [
        f"{case}.{fmt}" for case in ("unused", "unknown", "unknown-and-used") for fmt in FORMATS
    ]
    done = run_cli(
        "check", "--format", "json", "--ignore", "unused-suppression", *(files[n] for n in names)
    )
    assert done.stderr == ""
    rules = [[x["rule"] for x in f["findings"]] for f in json.loads(done.stdout)["files"]]
    assert rules == [["house-typo"], ["house-typo"], [], [], [], []]
