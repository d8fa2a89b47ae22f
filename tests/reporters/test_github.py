"""GitHub Actions: workflow-command annotations, their escaping and order, the job summary."""

from __future__ import annotations

from pathlib import Path

from briefcheck.report import ArticleSummary, FileReport, Finding, Report
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.reporters.github import (
    escape_data,
    escape_property,
    render,
    step_summary,
    write_step_summary,
)


def sample() -> Report:
    """Findings of every severity out of order, odd characters everywhere, an unreadable file."""
    a = FileReport(
        path="submissions/a.txt",
        articles=[
            ArticleSummary(1, "By Ayesha Khan", 1124, {"lead": 83, "background": 219}),
            ArticleSummary(2, None, 1300, {"lead": 1300}),
        ],
        findings=[
            Finding("lead-length", "info", 2, 1, 2, 30, 1, "x", "lead is 27 words (33 short)"),
            Finding(
                "house-typo",
                "error",
                23,
                41,
                23,
                51,
                1,
                "tribal are",
                "a known slip; write 'tribal area'",
                "tribal area",
            ),
            Finding("split", "warning", 7, 10, 8, 4, 2, "x\ny", "50% of: a, b | c\r\nline *two*"),
            Finding("spacing", "warning", 5, 3, 5, 5, 1, "  ", "double space", " "),
        ],
    )
    b = FileReport(
        path="odd dir/b:1,2%.md",
        articles=[ArticleSummary(1, "By A & B", 40, {"lead": 40, "bio": 12})],
        findings=[
            Finding("web-artifact", "error", 1, 1, 1, 7, None, "Email,", "a dangling 'Email,'", "")
        ],
    )
    c = FileReport(path="submissions/c,d.txt", error="cannot read: 100% broken\nreally")
    return Report([a, b, c])


EXPECTED = """\
::error file=submissions/c%2Cd.txt::cannot read: 100%25 broken%0Areally
::error file=odd dir/b%3A1%2C2%25.md,line=1,col=1,endLine=1,endColumn=7,title=web-artifact::\
a dangling 'Email,' (fix: delete)
::error file=submissions/a.txt,line=23,col=41,endLine=23,endColumn=51,title=house-typo::\
a known slip; write 'tribal area' (fix: 'tribal area')
::warning file=submissions/a.txt,line=5,col=3,endLine=5,endColumn=5,title=spacing::\
double space (fix: ' ')
::warning file=submissions/a.txt,line=7,endLine=8,title=split::\
50%25 of: a, b | c%0D%0Aline *two*
::notice file=submissions/a.txt,line=2,col=1,endLine=2,endColumn=30,title=lead-length::\
lead is 27 words (33 short)
3 files (1 unreadable), 5 findings: 2 errors, 2 warnings, 1 info
"""


def test_output_is_exact() -> None:
    assert render(sample(), RenderOptions()) == EXPECTED
    assert REPORTERS["github"](sample(), RenderOptions()) == EXPECTED


def test_without_summary_every_line_is_a_command() -> None:
    lines = render(sample(), RenderOptions(summary=False)).splitlines()
    assert lines == EXPECTED.splitlines()[:-1]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_most_severe_first_then_path_and_line() -> None:
    x = [
        Finding("r", sev, line, 1, line, 2, 1, "t", "m")
        for sev, line in [("info", 1), ("warning", 9), ("error", 5), ("warning", 2), ("error", 3)]
    ]
    report = Report([FileReport("z.txt", findings=x[:3]), FileReport("a.txt", findings=x[3:])])
    heads = [
        line.split(",col=")[0] for line in render(report, RenderOptions(summary=False)).splitlines()
    ]
    assert heads == [
        "::error file=a.txt,line=3",
        "::error file=z.txt,line=5",
        "::warning file=a.txt,line=2",
        "::warning file=z.txt,line=9",
        "::notice file=z.txt,line=1",
    ]


def test_escaping_follows_actions_toolkit() -> None:
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    # `%` first, so that an escape is never escaped again.
    assert escape_property("%3A:") == "%253A%3A"


def test_a_clean_run_prints_only_the_summary() -> None:
    report = Report([FileReport("a.txt")])
    assert render(report, RenderOptions()) == "1 file, no findings\n"
    assert render(report, RenderOptions(summary=False)) == ""


SUMMARY = """\
## briefcheck

3 files (1 unreadable), 5 findings: 2 errors, 2 warnings, 1 info

### Unreadable files

| file | error |
|---|---|
| submissions/c,d.txt | cannot read: 100% broken<br>really |

### Findings

| file | line | severity | rule | message | fix |
|---|--:|---|---|---|---|
| submissions/a.txt | 2 | info | lead-length | lead is 27 words (33 short) |  |
| submissions/a.txt | 5 | warning | spacing | double space | ' ' |
| submissions/a.txt | 7 | warning | split | 50% of: a, b \\| c<br>line \\*two\\* |  |
| submissions/a.txt | 23 | error | house-typo | a known slip; write 'tribal area' | 'tribal area' |
| odd dir/b:1,2%.md | 1 | error | web-artifact | a dangling 'Email,' | delete |

### Word counts

| file | article | byline | words | lead | background | bio |
|---|--:|---|--:|--:|--:|--:|
| submissions/a.txt | 1 | By Ayesha Khan | 1,124 | 83 | 219 |  |
| submissions/a.txt | 2 |  | 1,300 | 1,300 |  |  |
| odd dir/b:1,2%.md | 1 | By A \\& B | 40 | 40 |  | 12 |
"""


def test_step_summary_is_exact() -> None:
    assert step_summary(sample()) == SUMMARY


def test_step_summary_cells_never_break_the_table() -> None:
    nasty = "a|b\\|c\nd\re`f`<b>x</b>_y_[z](u)~~s~~"
    report = Report(
        [FileReport("p|q.txt", findings=[Finding("r", "error", 1, 1, 1, 2, 1, "t", nasty, nasty)])]
    )
    row = next(line for line in step_summary(report).splitlines() if line.startswith("| p"))
    assert "\n" not in row and "\r" not in row
    # Six cells: every `|` inside a cell is escaped, and so is a backslash before one.
    unescaped = row.replace("\\\\", "").replace("\\|", "")
    assert unescaped.count("|") == 7
    assert "<b>" not in row and "\\<b\\>" in row


def test_step_summary_of_a_clean_run_has_no_tables() -> None:
    assert step_summary(Report([FileReport("a.txt")])) == "## briefcheck\n\n1 file, no findings\n"


def test_write_step_summary_appends_to_the_named_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    write_step_summary(sample(), env)
    write_step_summary(sample(), env)
    assert target.read_text(encoding="utf-8") == f"earlier step\n{SUMMARY}\n{SUMMARY}\n"


def test_write_step_summary_does_nothing_outside_actions(tmp_path: Path) -> None:
    write_step_summary(sample(), {})
    write_step_summary(sample(), {"GITHUB_STEP_SUMMARY": ""})
    assert list(tmp_path.iterdir()) == []
