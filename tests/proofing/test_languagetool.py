"""LanguageTool through the real command line, against the fake server on 127.0.0.1.

The fake (fake_languagetool.py) answers `/v2/check` from a small table: "goverment" and
"Qwertyistan" (spelling, MORFOLOGIK_RULE_EN_US), "ministers has" (grammar, HAVE_PART_AGREEMENT),
and words that the house vocabulary, the byline or the article itself knows (Wakhan, Zardari,
Aizhan, Toktorbaeva, TCWG). Nothing but 127.0.0.1 is contacted: the proxy variables are cleared.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

# Proofreading on (the suite's default is off) and no proxy between the CLI and 127.0.0.1.
ENV = {
    "BRIEFCHECK_PROOFING": "auto",
    "NO_PROXY": "127.0.0.1,localhost",
    "no_proxy": "127.0.0.1,localhost",
    **{k: "" for k in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy")},
    **{k: "" for k in ("ALL_PROXY", "all_proxy")},
}
PROOFING_RULES = "spelling,grammar,engine-unavailable"

ARTICLE = (
    "Qwertyistan Water Talks Stall in the Wakhan\n"
    "By Aizhan Toktorbaeva\n"
    "KEY ISSUE: The goverment in Dushanbe says the ministers has agreed to a new plan for the "
    "Wakhan, and Zardari welcomed it.\n"
    "\n"
    "Photo source: Qwertyistan News Agency.\n"
    "BACKGROUND: The Trans-Caspian Working Group (TCWG) met in Baku. The TCWG said the "
    "goverment of Qwertyistan was late.\n"
    "IMPLICATIONS: Toktorbaeva's sources say the 🇺🇿 delegation 😀 found the goverment slow.\n"
    "CONCLUSION: The ministers has a plan.\n"
    "AUTHOR BIO: Aizhan Toktorbaeva is a researcher at the goverment institute. She is "
    "@goverment on X, and writes at https://example.org/goverment.\n"
)
# A second article for an issue file: another author, who mentions the first one, and the
# first article's acronym used without a definition of its own.
SECOND = (
    "Pipelines Across the Caspian\n"
    "By Nargiza Saparbekova\n"
    "The goverment in Ashgabat and the ministers has met again, Toktorbaeva reports.\n"
    "\n"
    "Photo source: Wikimedia Commons.\n"
    "BACKGROUND: The TCWG plan stalled.\n"
    "IMPLICATIONS: Prices rose.\n"
    "CONCLUSION: Talks go on.\n"
    "AUTHOR BIO: Nargiza Saparbekova writes on energy.\n"
)

# What the rule sends: prose only, paragraph by paragraph, labels cut off.
ARTICLE_TEXTS = [
    "Qwertyistan Water Talks Stall in the Wakhan",
    "The goverment in Dushanbe says the ministers has agreed to a new plan for the Wakhan, "
    "and Zardari welcomed it.",
    "The Trans-Caspian Working Group (TCWG) met in Baku. The TCWG said the goverment of "
    "Qwertyistan was late.",
    "Toktorbaeva's sources say the 🇺🇿 delegation 😀 found the goverment slow.",
    "The ministers has a plan.",
    "Aizhan Toktorbaeva is a researcher at the goverment institute. She is @goverment on "
    "X, and writes at https://example.org/goverment.",
]
SECOND_TEXTS = [
    "Pipelines Across the Caspian",
    "The goverment in Ashgabat and the ministers has met again, Toktorbaeva reports.",
    "The TCWG plan stalled.",
    "Prices rose.",
    "Talks go on.",
    "Nargiza Saparbekova writes on energy.",
]

TYPO = "Possible spelling mistake found (languagetool: MORFOLOGIK_RULE_EN_US)"
GOVERNMENT = f"{TYPO}; suggestions: government, governments"
AGREEMENT = (
    "The verb form ‘has’ does not agree with the plural subject ‘ministers’ "
    "(languagetool: HAVE_PART_AGREEMENT); suggestions: ministers have"
)

# (rule, article, line, column, end_line, end_column, text, message)
ARTICLE_FINDINGS = [
    ("spelling", 1, 1, 1, 1, 12, "Qwertyistan", TYPO),
    ("spelling", 1, 3, 16, 3, 25, "goverment", GOVERNMENT),
    ("grammar", 1, 3, 47, 3, 60, "ministers has", AGREEMENT),
    ("spelling", 1, 6, 83, 6, 92, "goverment", GOVERNMENT),
    ("spelling", 1, 6, 96, 6, 107, "Qwertyistan", TYPO),
    # after 🇺🇿 (two astral characters) and 😀: 3 UTF-16 units more on the server's side
    ("spelling", 1, 7, 71, 7, 80, "goverment", GOVERNMENT),
    ("grammar", 1, 8, 17, 8, 30, "ministers has", AGREEMENT),
    ("spelling", 1, 9, 55, 9, 64, "goverment", GOVERNMENT),
]
SECOND_FINDINGS = [  # lines as in the issue file (ARTICLE has 9 lines)
    ("spelling", 2, 12, 5, 12, 14, "goverment", GOVERNMENT),
    ("grammar", 2, 12, 35, 12, 48, "ministers has", AGREEMENT),
    # the first article's author is not this article's: the name is not dropped here
    ("spelling", 2, 12, 60, 12, 71, "Toktorbaeva", TYPO),
    # not "TCWG" (line 15), defined in the first article only: a word in capitals is left to
    # acronym-undefined (the spelling rule's skip_uppercase)
]


def _check(run_cli, *args, env=None):
    """Run `check --format json …` with proofreading on; the process, the report, the time."""
    start = time.monotonic()
    done = run_cli("check", "--format", "json", *args, env={**ENV, **(env or {})})
    elapsed = time.monotonic() - start
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    return done, json.loads(done.stdout), elapsed


def _rows(file_report, rules=("spelling", "grammar")):
    return [
        (
            x["rule"],
            x["article"],
            x["line"],
            x["column"],
            x["end_line"],
            x["end_column"],
            x["text"],
            x["message"],
        )
        for x in file_report["findings"]
        if x["rule"] in rules
    ]


def _source_span(text: str, f: dict) -> str:
    """The text between a finding's (line, column) and (end_line, end_column) in `text`."""
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: f["line"] - 1]) + f["column"] - 1
    end = sum(len(x) for x in lines[: f["end_line"] - 1]) + f["end_column"] - 1
    return text[start:end]


def _unavailable(file_report):
    return [x for x in file_report["findings"] if x["rule"] == "engine-unavailable"]


WRAPPED = (
    "By Aizhan Toktorbaeva\n\n"
    "The goverment in Dushanbe says that the ministers\n"
    "has agreed to a plan, and the goverment\n"
    "in Khujand agrees.\n\n"
    "Photo source: Wikimedia Commons.\n\n"
    "BACKGROUND: The plan is old.\n\n"
    "IMPLICATIONS: The ministers has a plan.\n\n"
    "CONCLUSION: It may work.\n\n"
    "AUTHOR BIO: Aizhan Toktorbaeva is a researcher.\n"
)
WRAPPED_TEXTS = [
    "The goverment in Dushanbe says that the ministers\n"
    "has agreed to a plan, and the goverment\n"
    "in Khujand agrees.",  # the paragraph whole, its line breaks kept
    "The plan is old.",
    "The ministers has a plan.",
    "It may work.",
    "Aizhan Toktorbaeva is a researcher.",
]
WRAPPED_FINDINGS = [
    ("spelling", 1, 3, 5, 3, 14, "goverment", GOVERNMENT),
    ("grammar", 1, 3, 41, 4, 4, "ministers\nhas", AGREEMENT),  # across the line break
    ("spelling", 1, 4, 31, 4, 40, "goverment", GOVERNMENT),
    ("grammar", 1, 11, 19, 11, 32, "ministers has", AGREEMENT),
]
# file name → (content as bytes, the text it decodes to, its findings)
FILES = {
    "article.txt": (ARTICLE.encode(), ARTICLE, ARTICLE_FINDINGS),
    "crlf.txt": (ARTICLE.replace("\n", "\r\n").encode(), ARTICLE, ARTICLE_FINDINGS),
    "issue.txt": (
        (ARTICLE + SECOND).encode(),
        ARTICLE + SECOND,
        ARTICLE_FINDINGS + SECOND_FINDINGS,
    ),
    "wrapped.txt": (WRAPPED.encode(), WRAPPED, WRAPPED_FINDINGS),
}


class Run:
    """One CLI run on FILES against a normal fake server: the process, report and requests."""

    def __init__(self, done, report, server) -> None:
        self.done = done
        self.report = report
        self.server = server
        self.by_name = {Path(f["path"]).name: f for f in report["files"]}


@pytest.fixture(scope="module")
def normal_run(tmp_path_factory, run_cli, fake_languagetool_module):
    """Every file of FILES checked in one run (the engine is built once for all of them)."""
    folder = tmp_path_factory.mktemp("lt")
    for name, (data, _, _) in FILES.items():
        (folder / name).write_bytes(data)
    server = fake_languagetool_module.FakeLanguageTool().start()
    try:
        done, report, _ = _check(
            run_cli,
            "--isolated",
            "--select",
            PROOFING_RULES,
            "--languagetool-url",
            server.url,
            *(folder / name for name in FILES),
        )
    finally:
        server.stop()
    return Run(done, report, server)


# --------------------------------------------------------------------------- findings


@pytest.mark.parametrize("name", list(FILES))
def test_findings_are_exact_and_point_into_the_file(normal_run, name):
    """LF, CRLF, an issue with two articles, hard-wrapped paragraphs: exact places and words."""
    _, text, expected = FILES[name]
    file_report = normal_run.by_name[name]
    assert _rows(file_report, ("spelling", "grammar", "engine-unavailable")) == expected
    for f in file_report["findings"]:
        assert f["severity"] == "warning"
        assert f["fix"] is None  # suggestions are never fixes
        assert _source_span(text, f) == f["text"]


def test_issue_findings_name_their_article(normal_run):
    articles = normal_run.by_name["issue.txt"]["articles"]
    assert [a["byline"] for a in articles] == ["By Aizhan Toktorbaeva", "By Nargiza Saparbekova"]


def test_run_exit_code_and_stderr(normal_run):
    assert normal_run.done.returncode == 0  # warnings only
    assert normal_run.done.stderr == ""


def test_offsets_after_astral_characters_are_mapped_back(normal_run, fake_languagetool_module):
    """The server counts UTF-16 units; the finding's column counts characters."""
    text = ARTICLE_TEXTS[3]
    assert text in normal_run.server.checked_texts
    matches = fake_languagetool_module.matches_for(text)
    [match] = [m for m in matches if [r["value"] for r in m["replacements"]][:1] == ["government"]]
    assert match["offset"] == text.index("goverment") + 3  # 🇺🇿 is two astral characters, 😀 one
    [hit] = [x for x in normal_run.by_name["article.txt"]["findings"] if x["line"] == 7]
    line = ARTICLE.splitlines()[6]
    assert (hit["column"], hit["end_column"]) == (line.index("goverment") + 1, 80)


# --------------------------------------------------------------------------- what is sent


def test_only_prose_is_sent(normal_run):
    texts = normal_run.server.checked_texts
    # each paragraph once (the CRLF copy and the issue repeat the article's: not sent again)
    assert len(texts) == len(set(texts))
    assert set(texts) == set(ARTICLE_TEXTS + SECOND_TEXTS + WRAPPED_TEXTS)
    assert texts[: len(ARTICLE_TEXTS)] == ARTICLE_TEXTS  # in order, no carriage return
    for text in texts:
        assert "\r" not in text
        assert not text.startswith("By ")  # no byline
        assert "Photo source" not in text  # no photo credit line
        assert "Qwertyistan News Agency" not in text
        for label in ("KEY ISSUE:", "BACKGROUND:", "IMPLICATIONS:", "CONCLUSION:", "AUTHOR BIO:"):
            assert label not in text


def test_default_language_and_fields(normal_run):
    checks = normal_run.server.checks()
    assert all(f["language"] == "en-US" for f in checks)  # the default variant
    assert all(set(f) == {"text", "language"} for f in checks)


def test_one_connection_for_every_file_of_the_run(normal_run):
    assert normal_run.server.paths("GET") == ["/v2/languages"]
    assert normal_run.server.paths()[0] == "/v2/languages"
    assert set(normal_run.server.paths("POST")) == {"/v2/check"}


def test_one_connection_with_worker_processes(tmp_path, run_cli, languagetool):
    if "--jobs" not in run_cli("check", "--help").stdout:
        pytest.skip("this version checks files in one process (no --jobs)")
    paths = []
    for i in range(10):  # above the pool's threshold of 8 files
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(ARTICLE.replace("Dushanbe", f"Dushanbe {i}"), encoding="utf-8")
        paths.append(path)
    _, report, _ = _check(
        run_cli,
        *("--isolated", "--select", PROOFING_RULES, "--jobs", "2"),
        *("--languagetool-url", languagetool.url, *paths),
    )
    assert [len(_rows(f)) for f in report["files"]] == [len(ARTICLE_FINDINGS)] * 10
    assert languagetool.paths("GET") == ["/v2/languages"]
    texts = languagetool.checked_texts
    assert len(texts) == len(set(texts))


def test_configured_language_and_server_from_the_config_file(tmp_path, run_cli, languagetool):
    (tmp_path / "briefcheck.yaml").write_text(
        f"proofing:\n  language: en-GB\n  languagetool-url: {languagetool.url}\n",
        encoding="utf-8",
    )
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _, report, _ = _check(run_cli, "--select", PROOFING_RULES, path)
    assert _rows(report["files"][0]) == ARTICLE_FINDINGS
    assert languagetool.paths() == ["/v2/languages"] + ["/v2/check"] * len(ARTICLE_TEXTS)
    assert [f["language"] for f in languagetool.checks()] == ["en-GB"] * len(ARTICLE_TEXTS)


# --------------------------------------------------------------------------- filters


def _utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def test_vocabulary_byline_names_and_defined_acronyms_are_dropped(
    normal_run, fake_languagetool_module
):
    # what the server flagged in the article's texts
    flagged = {
        _utf16_slice(text, m["offset"], m["length"])
        for text in ARTICLE_TEXTS
        for m in fake_languagetool_module.matches_for(text)
    }
    assert {"Wakhan", "Zardari", "Aizhan", "Toktorbaeva", "TCWG", "goverment"} <= flagged
    findings = normal_run.by_name["article.txt"]["findings"]
    reported = [x["text"] for x in findings]
    for word in ("Wakhan", "Zardari", "Aizhan", "Toktorbaeva", "TCWG"):
        assert word not in reported
    assert sorted(set(reported)) == ["Qwertyistan", "goverment", "ministers has"]


def test_handles_and_web_addresses_are_not_reported(normal_run, fake_languagetool_module):
    bio = ARTICLE_TEXTS[-1]
    flagged = [m["offset"] for m in fake_languagetool_module.matches_for(bio)]
    at = [bio.index("goverment"), bio.index("@goverment") + 1, bio.index("/goverment") + 1]
    assert set(at) <= set(flagged)  # the server flags the word in the handle and the URL too
    bio_line = [x for x in normal_run.by_name["article.txt"]["findings"] if x["line"] == 9]
    assert [(x["column"], x["text"]) for x in bio_line] == [(55, "goverment")]  # the prose one


# --------------------------------------------------------------------------- failures


def _down_url(languagetool) -> str:
    url = languagetool.url
    languagetool.stop()
    return url


UNAVAILABLE = re.compile(
    r"spelling and grammar were not checked: the languagetool engine is unavailable \((.+)\)"
)


def test_server_down(tmp_path, run_cli, languagetool, submissions):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    shutil.copy(submissions / "crafted-clean.txt", clean)
    url = _down_url(languagetool)
    done, report, elapsed = _check(run_cli, "--isolated", "--languagetool-url", url, article, clean)
    for file_report in report["files"]:
        [hit] = _unavailable(file_report)
        assert (hit["line"], hit["column"], hit["article"], hit["severity"]) == (
            1,
            1,
            None,
            "warning",
        )
        assert UNAVAILABLE.fullmatch(hit["message"])
        assert f"LanguageTool ({url}) did not answer" in hit["message"]
        assert not [x for x in file_report["findings"] if x["rule"] in ("spelling", "grammar")]
    # the house findings are still there, and decide the exit code
    house = {x["rule"] for x in report["files"][0]["findings"]}
    assert {"house-typo", "word-count"} <= house
    assert done.returncode == 1
    # one line on stderr for the whole run
    [line] = done.stderr.splitlines()
    assert line == f"briefcheck: warning: {_unavailable(report['files'][0])[0]['message']}"
    assert elapsed < 10

    done, report, _ = _check(run_cli, "--isolated", "--languagetool-url", url, clean)
    assert [x["rule"] for x in report["files"][0]["findings"]] == ["engine-unavailable"]
    assert done.returncode == 0  # a warning: below the default --fail-on error
    done, _, _ = _check(
        run_cli, "--isolated", "--languagetool-url", url, "--fail-on", "warning", clean
    )
    assert done.returncode == 1


def test_server_down_says_the_connection_was_refused(tmp_path, run_cli, languagetool):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    url = _down_url(languagetool)
    _, report, _ = _check(
        run_cli, "--isolated", "--select", PROOFING_RULES, "--languagetool-url", url, path
    )
    [hit] = _unavailable(report["files"][0])
    assert "refused" in hit["message"].lower()


def test_timeout(tmp_path, run_cli, languagetool):
    (tmp_path / "briefcheck.yaml").write_text("proofing:\n  timeout: 1\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    languagetool.mode = "slow"
    languagetool.delay = 30
    done, report, elapsed = _check(
        run_cli, "--languagetool-url", languagetool.url, tmp_path / "a.txt", tmp_path / "b.txt"
    )
    assert elapsed < 8  # 1 s per try (the library tries a check twice), not 30 s
    for file_report in report["files"]:
        [hit] = _unavailable(file_report)
        assert "timed out" in hit["message"]
        # the configured timeout, named (requests says "read timeout=1.0")
        assert re.search(r"(timeout=|after )1(\.0)?\b", hit["message"])
        assert "house-typo" in {x["rule"] for x in file_report["findings"]}
    # the failure is remembered: the second file does not wait again (language-tool-python
    # tries a check twice)
    assert languagetool.paths("GET") == ["/v2/languages"]
    assert 1 <= languagetool.paths().count("/v2/check") <= 2
    assert len(done.stderr.splitlines()) == 1


def test_timeout_applies_to_the_start_up_request(tmp_path, run_cli, languagetool):
    (tmp_path / "briefcheck.yaml").write_text("proofing:\n  timeout: 1\n", encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    languagetool.mode = "slow-start"
    languagetool.delay = 3.5
    _, report, elapsed = _check(
        run_cli, "--select", PROOFING_RULES, "--languagetool-url", languagetool.url, path
    )
    assert len(_unavailable(report["files"][0])) == 1
    assert elapsed < 3.0  # a 1 s timeout, not the server's 3.5 s


@pytest.mark.parametrize(
    ("mode", "cause"),
    [
        ("error", "Error: Internal Server Error: fake failure"),
        ("invalid-json", '{"software": {"name": "LanguageTool"'),
    ],
)
def test_server_error_and_invalid_answer(tmp_path, run_cli, languagetool, mode, cause):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    languagetool.mode = mode
    done, report, _ = _check(run_cli, "--isolated", "--languagetool-url", languagetool.url, path)
    [file_report] = report["files"]
    [hit] = _unavailable(file_report)
    assert hit["message"] == (
        "spelling and grammar were not checked: the languagetool engine is unavailable "
        f"(LanguageTool ({languagetool.url}) failed: {cause})"
    )
    assert not [x for x in file_report["findings"] if x["rule"] in ("spelling", "grammar")]
    assert "house-typo" in {x["rule"] for x in file_report["findings"]}
    assert done.stderr == f"briefcheck: warning: {hit['message']}\n"
    assert done.returncode == 1  # the house errors
    # one check request: after the first failure the engine is not asked again
    assert languagetool.paths() == ["/v2/languages", "/v2/check"]


def test_languagetool_without_a_url_and_no_local_install(tmp_path, run_cli):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "no-languagetool-here"
    done, report, elapsed = _check(
        run_cli,
        "--isolated",
        "--select",
        PROOFING_RULES,
        "--proofing",
        "languagetool",
        path,
        env={"LTP_PATH": str(empty)},
    )
    [hit] = report["files"][0]["findings"]
    assert hit["rule"] == "engine-unavailable"
    cause = UNAVAILABLE.fullmatch(hit["message"]).group(1)
    assert cause in (
        "LanguageTool needs a Java runtime, and none is installed",
        f"LanguageTool is not installed in {empty} and cannot be downloaded here; "
        "give a server with --languagetool-url or use the offline engine",
    )
    assert done.stderr == f"briefcheck: warning: {hit['message']}\n"
    assert elapsed < 5
    assert not any(Path(empty).iterdir())  # nothing downloaded
