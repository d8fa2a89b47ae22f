"""`superseded_by`: a finding another rule's fixes already deal with is not reported twice.

content-after-bio names web-artifact: web leftovers after the bio, each deleted by a
web-artifact fix, give no content-after-bio finding; anything else after the bio still does.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefcheck.cache import rule_digest
from briefcheck.engine import _without_superseded, select_rules
from briefcheck.pack import load_pack
from briefcheck.report import Finding

SAMPLE_2 = "submissions/sample-2-fazl-e-haider.txt"
CRAFTED = "submissions/crafted-content-after-bio.txt"
CLOAK = (
    "This email address is being protected from spambots. You need JavaScript enabled to view it."
)
REAL = "The views expressed here are the author's own."


def _after_bio(done, first_line: int = 22) -> list[tuple]:
    """The findings from `first_line` on (the bio line of sample-2 and what follows it):
    (rule, line, column, end_line, end_column, message, fix)."""
    assert done.stderr == ""
    findings = json.loads(done.stdout)["files"][0]["findings"]
    return [
        (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"], f["fix"])
        for f in findings
        if f["line"] >= first_line
    ]


def _after_bio_finding(span: tuple[int, int, int, int], paragraphs: str, words: int) -> tuple:
    """The content-after-bio finding over `span` (line, column, end line, end column), as
    `_after_bio` gives it."""
    message = f"{paragraphs} ({words} words) after the author bio, which must be the last paragraph"
    return ("content-after-bio", *span, message, None)


EMAIL = ("web-artifact", 22, 285, 22, 291)
EMAIL_MESSAGE = "web leftover: a dangling 'Email,' where an address was stripped"
CLOAK_FINDING = (
    "web-artifact",
    23,
    1,
    23,
    93,
    "web leftover: the e-mail cloak text of the web page",
    "",
)
STOP_FINDING = ("web-artifact", 24, 1, 24, 2, "web leftover: a line of lone punctuation", "")


def _draft(repo: Path, tmp_path: Path, tail: str) -> Path:
    """Sample-2 up to and including its bio line, then `tail`."""
    text = (repo / SAMPLE_2).read_text(encoding="utf-8")
    head = text[: text.index(CLOAK)]
    path = tmp_path / "draft.txt"
    path.write_text(head + tail, encoding="utf-8")
    return path


def test_web_leftovers_after_the_bio_are_reported_once(run_cli) -> None:
    done = run_cli("check", "--format", "json", SAMPLE_2)
    assert done.returncode == 1
    assert _after_bio(done) == [
        (*EMAIL, EMAIL_MESSAGE, ""),
        CLOAK_FINDING,
        STOP_FINDING,
    ]


def test_real_content_after_the_bio_is_still_reported(run_cli) -> None:
    done = run_cli("check", "--format", "json", CRAFTED)
    assert done.returncode == 1
    assert _after_bio(done, 9) == [_after_bio_finding((9, 1, 9, 104), "1 paragraph", 18)]


def test_a_leftover_and_a_real_paragraph_give_content_after_bio(
    run_cli, repo: Path, tmp_path: Path
) -> None:
    path = _draft(repo, tmp_path, f"{CLOAK}\n{REAL}\n")
    done = run_cli("check", "--format", "json", path)
    assert _after_bio(done) == [
        (*EMAIL, EMAIL_MESSAGE, ""),
        _after_bio_finding((23, 1, 24, 47), "2 paragraphs", 23),
        CLOAK_FINDING,
    ]


@pytest.mark.parametrize(
    "option",
    [("--ignore", "web-artifact"), ("--select", "content-after-bio")],
    ids=["ignore", "select"],
)
def test_a_rule_that_does_not_run_supersedes_nothing(run_cli, option) -> None:
    done = run_cli("check", "--format", "json", *option, SAMPLE_2)
    assert done.returncode == 1
    assert _after_bio(done) == [_after_bio_finding((23, 1, 24, 2), "2 paragraphs", 15)]


def test_a_silenced_leftover_supersedes_nothing(run_cli, repo: Path, tmp_path: Path) -> None:
    """The editor keeps the cloak text (the comment silences web-artifact there): it is
    content after the bio, reported as such."""
    comment = "<!-- briefcheck: ignore web-artifact -- kept on purpose -->"
    path = _draft(repo, tmp_path, f"{comment}\n{CLOAK}\n\n.\n")
    done = run_cli("check", "--format", "json", path)
    assert _after_bio(done) == [
        (*EMAIL, EMAIL_MESSAGE, ""),
        _after_bio_finding((24, 1, 26, 2), "2 paragraphs", 15),
        ("web-artifact", 26, 1, 26, 2, "web leftover: a line of lone punctuation", ""),
    ]


def test_a_comment_silencing_the_superseded_rule_is_used(
    run_cli, repo: Path, tmp_path: Path
) -> None:
    """Suppressions apply first: a comment that silences content-after-bio is not reported
    as unused because the finding would have been superseded anyway."""
    comment = "<!-- briefcheck: ignore content-after-bio -- leftovers, deleted by the fix -->"
    path = _draft(repo, tmp_path, f"{comment}\n{CLOAK}\n\n.\n")
    done = run_cli("check", "--format", "json", path)
    assert _after_bio(done) == [
        (*EMAIL, EMAIL_MESSAGE, ""),
        ("web-artifact", 24, 1, 24, 93, "web leftover: the e-mail cloak text of the web page", ""),
        ("web-artifact", 26, 1, 26, 2, "web leftover: a line of lone punctuation", ""),
    ]


def test_the_fixed_file_has_nothing_after_the_bio(run_cli, tmp_path: Path, repo: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_bytes((repo / SAMPLE_2).read_bytes())
    run_cli("check", "--fix", path)
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("Eurasia Daily Monitor of Jamestown Foundation.")
    done = run_cli("check", "--format", "json", "--select", "content-after-bio", path)
    assert (done.returncode, _after_bio(done)) == (0, [])


# --- the engine step on its own ------------------------------------------------------------


def _f(rule: str, start: int, text: str, fix: str | None = None) -> Finding:
    return Finding(
        rule,
        "error",
        1,
        start + 1,
        1,
        start + 1 + len(text),
        None,
        text,
        "",
        fix,
        start,
        start + len(text),
    )


def test_whitespace_between_the_superseding_findings_does_not_count() -> None:
    after = _f("after", 0, "ab \n cd")
    found = [after, _f("web", 0, "ab", ""), _f("web", 5, "cd", "")]
    assert _without_superseded(found, (("after", frozenset({"web"})),)) == found[1:]


def test_a_character_outside_them_keeps_the_finding() -> None:
    found = [_f("after", 0, "ab x cd"), _f("web", 0, "ab", ""), _f("web", 5, "cd", "")]
    assert _without_superseded(found, (("after", frozenset({"web"})),)) == found


def test_only_findings_with_a_fix_supersede() -> None:
    found = [_f("after", 0, "ab"), _f("web", 0, "ab", None)]
    assert _without_superseded(found, (("after", frozenset({"web"})),)) == found


def test_touching_findings_cover_a_word_together() -> None:
    found = [_f("after", 0, "abcd"), _f("web", 0, "ab", ""), _f("web", 2, "cd", "x")]
    assert _without_superseded(found, (("after", frozenset({"web"})),)) == found[1:]


def test_a_finding_without_text_is_never_superseded() -> None:
    found = [_f("after", 3, ""), _f("web", 0, "abcdef", "")]
    assert _without_superseded(found, (("after", frozenset({"web"})),)) == found


def test_a_superseded_finding_supersedes_nothing() -> None:
    """Rules come superseders first: a finding dropped as redundant does not drop another."""
    a, b, c = _f("a", 0, "ab"), _f("b", 0, "ab", ""), _f("c", 0, "a", "")
    order = (("b", frozenset({"c"})), ("a", frozenset({"b"})))
    # c covers only 'a' of b's 'ab': b stays and supersedes a.
    assert _without_superseded([a, b, c], order) == [b, c]
    c = _f("c", 0, "ab", "")
    assert _without_superseded([a, b, c], order) == [a, c]


# --- the rule set and the cache ------------------------------------------------------------


def test_the_rule_set_orders_superseders_first_and_keeps_only_rules_that_run() -> None:
    pack = load_pack("analyst")
    assert select_rules(pack).superseding == (("content-after-bio", frozenset({"web-artifact"})),)
    assert select_rules(pack, ignore=["web-artifact"]).superseding == ()
    assert select_rules(pack, select=["content-after-bio"]).superseding == ()


def test_superseded_by_is_part_of_the_rule_digest() -> None:
    rule = load_pack("analyst").rule("content-after-bio")
    assert rule.spec.superseded_by == ("web-artifact",)
    plain = replace(rule, spec=rule.spec.model_copy(update={"superseded_by": ()}))
    assert rule_digest(plain) != rule_digest(rule)


def test_explain_names_the_superseding_rules(run_cli) -> None:
    done = run_cli("explain", "content-after-bio")
    assert (done.returncode, done.stderr) == (0, "")
    assert (
        "\n\nSuperseded by: web-artifact (not reported when their fixed findings cover all of "
        "it)\n\nFails:\n"
    ) in done.stdout
