"""The human text format: exact lines, windows on long lines, carets, colour and summaries."""

from __future__ import annotations

import os
import subprocess
import sys

from briefcheck.report import ArticleSummary, FileReport, Finding, Report, Severity
from briefcheck.reporters import REPORTERS, RenderOptions
from briefcheck.reporters.text import WINDOW, render, summary_line, window

LINES = [
    "By Ayesha Khan",
    "The “new” policy — announced in May — is a tribal are  issue.",
    "",
    "BACKGROUND: It began in 2019 and",
    "continued.",
]


def finding(
    rule: str, severity: Severity, pos: tuple[int, int, int, int], text: str, **kw
) -> Finding:
    """A finding at (line, column, end_line, end_column), article 1 unless given."""
    line, column, end_line, end_column = pos
    kw.setdefault("article", 1)
    kw.setdefault("message", f"{rule} message")
    return Finding(rule, severity, line, column, end_line, end_column, text=text, **kw)


def sample() -> Report:
    """Two checked files and one that could not be read, findings given out of order."""
    a = FileReport(
        path="submissions/a.txt",
        articles=[
            ArticleSummary(
                1,
                "By Ayesha Khan",
                1124,
                {"lead": 83, "background": 219, "implications": 737, "conclusion": 85},
            )
        ],
        findings=[
            finding(
                "missing-conclusion",
                "error",
                (6, 1, 6, 1),
                "",
                message="no CONCLUSION: section; add one before the bio",
            ),
            finding(
                "house-typo",
                "error",
                (2, 44, 2, 54),
                "tribal are",
                message="a known slip; write 'tribal area'",
                fix="tribal area",
            ),
            finding(
                "split-sentence", "warning", (4, 13, 5, 11), "It began in 2019 and\ncontinued."
            ),
            finding("double-space", "info", (2, 54, 2, 56), "  ", message="two spaces", fix=" "),
            finding(
                "scare-quotes",
                "info",
                (2, 5, 2, 10),
                "“new”",
                message="scare quotes around “new” — say what is meant",
            ),
            finding("photo-credit", "warning", (3, 1, 3, 1), "", message="no photo credit line"),
        ],
        source_lines=LINES,
    )
    b = FileReport(
        path="submissions/b.md",
        articles=[ArticleSummary(1, "", 2, {"lead": 2})],
        findings=[
            finding(
                "repeated-word",
                "warning",
                (1, 5, 1, 12),
                "return ",
                message="'return' twice",
                fix="",
                article=None,
            )
        ],
        source_lines=["Its return return."],
    )
    c = FileReport(path="submissions/c.docx", error="not a .docx file (bad zip header)")
    return Report([a, b, c])


EXPECTED_FULL = """\
submissions/a.txt:2:5: info scare-quotes scare quotes around “new” — say what is meant
    2 | The “new” policy — announced in May — is a tribal are  issue.
      |     ^^^^^

submissions/a.txt:2:44: error house-typo a known slip; write 'tribal area'
    2 | The “new” policy — announced in May — is a tribal are  issue.
      |                                            ^^^^^^^^^^ fix: tribal area

submissions/a.txt:2:54: info double-space two spaces
    2 | The “new” policy — announced in May — is a tribal are  issue.
      |                                                      ^^ fix: ' '

submissions/a.txt:3:1: warning photo-credit no photo credit line
    3 |
      | ^

submissions/a.txt:4:13: warning split-sentence split-sentence message
    4 | BACKGROUND: It began in 2019 and
      |             ^^^^^^^^^^^^^^^^^^^^

submissions/a.txt:6:1: error missing-conclusion no CONCLUSION: section; add one before the bio

  article 1 (By Ayesha Khan): 1,124 words — lead 83, background 219, implications 737, conclusion 85

submissions/b.md:1:5: warning repeated-word 'return' twice
    1 | Its return return.
      |     ^^^^^^^ fix: delete

  article 1: 2 words — lead 2

submissions/c.docx: error: not a .docx file (bad zip header)

3 files (1 unreadable), 7 findings: 2 errors, 3 warnings, 2 infos
"""

EXPECTED_COMPACT = """\
submissions/a.txt:2:5: info scare-quotes scare quotes around “new” — say what is meant
submissions/a.txt:2:44: error house-typo a known slip; write 'tribal area' (fix: tribal area)
submissions/a.txt:2:54: info double-space two spaces (fix: ' ')
submissions/a.txt:3:1: warning photo-credit no photo credit line
submissions/a.txt:4:13: warning split-sentence split-sentence message
submissions/a.txt:6:1: error missing-conclusion no CONCLUSION: section; add one before the bio
submissions/b.md:1:5: warning repeated-word 'return' twice (fix: delete)
submissions/c.docx: error: not a .docx file (bad zip header)
"""


def test_full_output_is_exact() -> None:
    assert render(sample(), RenderOptions()) == EXPECTED_FULL


def test_compact_output_is_one_line_per_finding() -> None:
    assert render(sample(), RenderOptions(show_source=False, summary=False)) == EXPECTED_COMPACT


def test_registry_renders_the_same() -> None:
    assert REPORTERS["text"](sample(), RenderOptions()) == EXPECTED_FULL


def test_compact_with_summary() -> None:
    out = render(sample(), RenderOptions(show_source=False))
    assert out.endswith(
        "(fix: delete)\n"
        "  article 1: 2 words — lead 2\n"
        "submissions/c.docx: error: not a .docx file (bad zip header)\n"
        "\n"
        "3 files (1 unreadable), 7 findings: 2 errors, 3 warnings, 2 infos\n"
    )


def test_every_finding_line_starts_with_a_jump_target() -> None:
    heads = [x for x in EXPECTED_FULL.splitlines() if x.startswith("submissions/a.txt:")]
    assert [h.split(": ", 1)[0] for h in heads] == [
        "submissions/a.txt:2:5",
        "submissions/a.txt:2:44",
        "submissions/a.txt:2:54",
        "submissions/a.txt:3:1",
        "submissions/a.txt:4:13",
        "submissions/a.txt:6:1",
    ]


def test_no_colour_codes_without_color() -> None:
    assert "\x1b" not in render(sample(), RenderOptions(color=False))


def test_colour_codes_with_color() -> None:
    out = render(sample(), RenderOptions(color=True))
    assert "\x1b[31merror\x1b[0m \x1b[2mhouse-typo\x1b[0m a known slip" in out
    assert "\x1b[33mwarning\x1b[0m \x1b[2mphoto-credit\x1b[0m" in out
    assert "\x1b[34minfo\x1b[0m \x1b[2mscare-quotes\x1b[0m" in out
    assert "\x1b[31m^^^^^^^^^^\x1b[0m fix: tribal area" in out
    assert "submissions/c.docx: \x1b[31merror\x1b[0m: not a .docx" in out
    # Stripping the codes gives back the plain output: colour changes nothing else.
    plain = out
    for code in ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[2m", "\x1b[0m"):
        plain = plain.replace(code, "")
    assert plain == EXPECTED_FULL


def test_clean_file_is_named_before_its_figures() -> None:
    report = Report([FileReport("x.txt", articles=[ArticleSummary(1, "By A", 1, {})])])
    assert render(report, RenderOptions()) == (
        "x.txt: no findings\n  article 1 (By A): 1 word\n\n1 file, no findings\n"
    )


def test_empty_report() -> None:
    assert render(Report(), RenderOptions()) == "0 files, no findings\n"
    assert render(Report(), RenderOptions(summary=False)) == ""


def test_summary_line_plurals_and_separators() -> None:
    one = finding("r", "info", (1, 1, 1, 2), "x")
    report = Report([FileReport("x.txt", findings=[one])])
    assert summary_line(report) == "1 file, 1 finding: 1 info"
    many = [finding("r", "error", (1, 1, 1, 2), "x")] * 1200
    report = Report([FileReport("x.txt", findings=many), FileReport("y.txt")])
    assert summary_line(report) == "2 files, 1,200 findings: 1,200 errors"


def test_missing_line_falls_back_to_one_line() -> None:
    x = finding("r", "error", (9, 1, 9, 1), "", fix="x")
    report = Report([FileReport("x.txt", findings=[x], source_lines=["only line"])])
    out = render(report, RenderOptions(summary=False))
    assert out == "x.txt:9:1: error r r message (fix: x)\n"


def test_tabs_keep_carets_aligned() -> None:
    x = finding("r", "error", (1, 3, 1, 6), "abc")
    report = Report([FileReport("x.txt", findings=[x], source_lines=["\t\tabc\n"])])
    lines = render(report, RenderOptions(summary=False)).splitlines()
    assert lines[1:] == ["    1 |   abc", "      |   ^^^"]


LONG = " ".join(f"word{i:03d}" for i in range(60))  # 479 characters


def carets_under(line: str, caret_line: str) -> str:
    """The part of the source line that the carets stand under."""
    start = caret_line.index("^")
    end = caret_line.rindex("^") + 1
    return line[start:end]


def test_long_line_is_windowed_around_the_span() -> None:
    col = LONG.index("word030") + 1
    x = finding("r", "error", (1, col, 1, col + 7), "word030", fix="w30")
    report = Report([FileReport("x.txt", findings=[x], source_lines=[LONG])])
    _, src, carets = render(report, RenderOptions(summary=False)).splitlines()
    assert src.startswith("    1 | … word0") and src.endswith(" …")
    # About WINDOW characters: cuts move up to a word to fall between words.
    assert WINDOW - 20 <= len(src) - len("    1 | ") <= WINDOW + 3
    assert carets_under(src, carets) == "word030"
    assert carets.endswith("^^^^^^^ fix: w30")


def test_long_line_span_at_the_start_and_end() -> None:
    shown, col, width = window(LONG, 0, 7)
    assert not shown.startswith("…") and shown.endswith(" …")
    assert (col, width) == (0, 7)
    end = len(LONG)
    shown, col, width = window(LONG, end - 7, end)
    assert shown.startswith("… ") and not shown.endswith("…")
    assert shown[col : col + width] == "word059"


def test_long_span_is_cut_at_the_window() -> None:
    shown, col, width = window(LONG, 8, 400)
    assert shown.startswith("… word001") and shown.endswith("…")
    assert col == 2 and width == WINDOW


def test_empty_span_gets_one_caret_even_past_the_end() -> None:
    assert window("short", 5, 5) == ("short", 5, 1)
    shown, col, width = window(LONG, len(LONG), len(LONG))
    assert col == len(shown) and width == 1


def test_multiline_span_on_a_long_line_underlines_to_its_end() -> None:
    col = LONG.index("word050") + 1
    x = finding("r", "warning", (1, col, 2, 3), "…")
    report = Report([FileReport("x.txt", findings=[x], source_lines=[LONG, "next"])])
    _, src, carets = render(report, RenderOptions(summary=False)).splitlines()
    assert src.endswith("word059")
    assert carets_under(src, carets) == LONG[col - 1 :]


def test_reporters_are_imported_lazily() -> None:
    code = (
        "import sys, briefcheck.reporters as r\n"
        "assert 'briefcheck.reporters.text' not in sys.modules\n"
        "assert 'briefcheck.reporters.json' not in sys.modules\n"
        "assert {'text', 'json'} <= set(r.REPORTERS)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
