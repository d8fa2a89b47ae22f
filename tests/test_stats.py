"""Word statistics: the limits read from the pack, the exact table for the issue, the JSON form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefcheck.engine import check_paths, select_rules
from briefcheck.pack import Pack, load_pack
from briefcheck.report import ArticleSummary, FileReport, Report
from briefcheck.stats import (
    Row,
    article_stats,
    format_range,
    judge,
    limits_from_pack,
    limits_from_rules,
    render_stats_json,
    render_stats_text,
)

ISSUE = "submissions/analyst-issue.txt"

ISSUE_TABLE = """\
submissions/analyst-issue.txt
  article 1  By Emil Avdaliani
    part           words   range        status
    lead              83   60–180       ok
    background       219   200–450      ok
    implications     737   450–800      ok
    conclusion        85   60–250       ok
    body           1,124   1,200–1,400  76 short
    bio               29   20–120       ok
  article 2  By Syed Fazl-e-Haider
    part           words   range        status
    lead             180   60–180       ok
    background       439   200–450      ok
    implications     588   450–800      ok
    conclusion       210   60–250       ok
    body           1,417   1,200–1,400  17 over
    bio               44   20–120       ok
  article 3  By Rafis Abazov
    part           words   range        status
    lead             124   60–180       ok
    background       375   200–450      ok
    implications     649   450–800      ok
    conclusion        75   60–250       ok
    body           1,223   1,200–1,400  ok
    bio               84   20–120       ok
  article 4  By Aigerim Turgunbaeva and Fayazuddin Ghiasi
    part           words   range        status
    lead              95   60–180       ok
    background       218   200–450      ok
    implications     723   450–800      ok
    conclusion       196   60–250       ok
    body           1,232   1,200–1,400  ok
    bio               85   20–120       ok
"""


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The built-in style pack."""
    return load_pack("analyst")


@pytest.fixture(scope="module")
def issue(pack: Pack, repo: Path) -> Report:
    """The report for the published issue (four articles), checked from the repository root."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        return check_paths([ISSUE], select_rules(pack))


def test_limits_come_from_the_pack_word_limit_rules(pack: Pack) -> None:
    assert limits_from_pack(pack) == {
        "title": (None, 15),
        "lead": (60, 180),
        "background": (200, 450),
        "implications": (450, 800),
        "conclusion": (60, 250),
        "body": (1200, 1400),
        "bio": (20, 120),
    }


def test_limits_follow_changed_options_and_ignore_other_kinds(pack: Pack) -> None:
    changed = [
        r.with_options({"limits": {"body": {"min": 1000}}}) if r.id == "word-count" else r
        for r in pack.rules
    ]
    limits = limits_from_rules(changed)
    assert limits["body"] == (1000, 1400)
    assert "house-typo" not in limits
    assert limits_from_rules(r for r in pack.rules if r.spec.kind != "word-limit") == {}


def test_two_rules_on_one_part_give_the_range_that_satisfies_both(pack: Pack) -> None:
    lead = pack.rule("lead-length")
    assert lead is not None
    narrower = lead.with_options({"limits": {"lead": {"min": 70, "max": 200}}})
    assert limits_from_rules([lead, narrower]) == {"lead": (70, 180)}


def test_exact_table_for_the_issue(issue: Report, pack: Pack) -> None:
    assert render_stats_text(issue, limits_from_pack(pack)) == ISSUE_TABLE


def test_rows_carry_status_and_delta(issue: Report, pack: Pack) -> None:
    rows = article_stats(issue, limits_from_pack(pack))
    assert len(rows) == 4 * 6
    body = [r for r in rows if r.part == "body"]
    assert [(r.article, r.words, r.status, r.delta) for r in body] == [
        (1, 1124, "short", 76),
        (2, 1417, "over", 17),
        (3, 1223, "ok", 0),
        (4, 1232, "ok", 0),
    ]
    assert body[0] == Row(ISSUE, 1, "By Emil Avdaliani", "body", 1124, 1200, 1400, "short", 76)


def test_json_form(issue: Report, pack: Pack) -> None:
    data = json.loads(render_stats_json(issue, limits_from_pack(pack)))
    assert data["version"] == 1
    (f,) = data["files"]
    assert f["path"] == ISSUE
    assert f["limits"]["body"] == {"min": 1200, "max": 1400}
    assert f["limits"]["title"] == {"min": None, "max": 15}
    assert [a["number"] for a in f["articles"]] == [1, 2, 3, 4]
    first = f["articles"][0]
    assert first["byline"] == "By Emil Avdaliani"
    assert first["words"] == 1124
    assert [p["part"] for p in first["parts"]] == [
        "lead",
        "background",
        "implications",
        "conclusion",
        "body",
        "bio",
    ]
    assert first["parts"][4] == {
        "part": "body",
        "words": 1124,
        "min": 1200,
        "max": 1400,
        "status": "short",
        "delta": 76,
    }
    assert f["articles"][1]["parts"][4]["status"] == "over"


def test_unreadable_files_missing_parts_and_open_ranges() -> None:
    report = Report(
        files=[
            FileReport(path="gone.txt", error="no such file"),
            FileReport(
                path="draft.txt",
                articles=[
                    ArticleSummary(1, None, 40, {"lead": 40, "background": 0, "implications": 0})
                ],
            ),
        ]
    )
    limits = {"lead": (60, None), "body": (None, 1400)}
    assert render_stats_text(report, limits) == (
        "gone.txt\n"
        "  error: no such file\n"
        "\n"
        "draft.txt\n"
        "  article 1  (no byline)\n"
        "    part           words   range    status\n"
        "    lead              40   ≥ 60     20 short\n"
        "    background         0   —        missing\n"
        "    implications       0   —        missing\n"
        "    body              40   ≤ 1,400  ok\n"
    )
    data = json.loads(render_stats_json(report, limits))
    assert data["files"][0] == {"path": "gone.txt", "error": "no such file"}
    parts = {p["part"]: p for p in data["files"][1]["articles"][0]["parts"]}
    assert parts["background"]["status"] == "missing"
    assert parts["background"]["delta"] is None
    assert parts["lead"]["max"] is None


def test_limits_per_file(issue: Report) -> None:
    """A function gives each file its own ranges (from its configuration)."""
    asked: list[str] = []

    def per_file(path: str) -> dict[str, tuple[int | None, int | None]]:
        asked.append(path)
        return {"body": (1000, 1200)}

    rows = article_stats(issue, per_file)
    assert [(r.part, r.status, r.delta) for r in rows if r.part == "body"] == [
        ("body", "ok", 0),
        ("body", "over", 217),
        ("body", "over", 23),
        ("body", "over", 32),
    ]
    assert [r.status for r in rows if r.part == "lead"] == ["ok"] * 4  # no range: ok
    assert set(asked) == {ISSUE}
    data = json.loads(render_stats_json(issue, per_file))
    assert data["files"][0]["limits"] == {"body": {"min": 1000, "max": 1200}}


def test_judge_and_ranges() -> None:
    assert judge(60, 60, 180) == ("ok", 0)
    assert judge(180, 60, 180) == ("ok", 0)
    assert judge(59, 60, 180) == ("short", 1)
    assert judge(181, 60, 180) == ("over", 1)
    assert judge(0, 60, 180) == ("missing", None)
    assert judge(5, None, None) == ("ok", 0)
    assert format_range(1200, 1400) == "1,200–1,400"
    assert format_range(None, None) == "—"


def test_an_empty_report_renders_nothing() -> None:
    assert render_stats_text(Report(), {}) == ""
    assert json.loads(render_stats_json(Report(), {}))["files"] == []
