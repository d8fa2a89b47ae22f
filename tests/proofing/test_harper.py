"""The offline engine (Harper for grammar, a word list for spelling) through the real command
line.

Building Harper's dictionary costs over half a second, so the files are checked in as few runs as
possible: one run on every file (proofing `auto` without a URL, i.e. Harper, linting on a thread
per CPU), a second with `--proofing harper --jobs 1` (one thread) that must give the same JSON,
and one `--fix` run.

A general word list knows few of the regional names of REGIONAL (Wakhan, Zardari, Tokayev,
Mirziyoyev, Termez, Mazar, TTP, CPEC) or the byline's names; with the house vocabulary, only the
real slips may come through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ENV = {"BRIEFCHECK_PROOFING": "auto"}  # no URL: the offline engine
PROOFING_RULES = "spelling,grammar,engine-unavailable"
SAMPLE = "submissions/sample-1-avdaliani.txt"

REGIONAL = (
    "Wakhan Talks Test the Region\n"
    "By Aizhan Toktorbaeva\n"
    "The goverment in Islamabad did not recieve the letter. Zardari met Tokayev and Mirziyoyev "
    "in Termez, and Kyrgyz envoys flew to Mazar-e-Sharif to discuss the TTP and CPEC.\n"
    "\n"
    "Photo source: Wikimedia Commons.\n"
    "BACKGROUND: He go to the ministry every day.\n"
    "IMPLICATIONS: The Wakhan Corridor links Afghanistan and China.\n"
    "CONCLUSION: Officials in Kabul and Tashkent will meet again.\n"
    "AUTHOR BIO: Aizhan Toktorbaeva is a researcher in Bishkek. She is @zxqvbn on X and writes "
    "at https://zxqvbn.org/qwzx about the region.\n"
)
# (rule, line, column, end_column, text, message)
REGIONAL_FINDINGS = [
    (
        "spelling",
        3,
        5,
        14,
        "goverment",
        "`goverment` is not in the dictionary (pyspellchecker: Spelling); suggestions: government",
    ),
    (
        "spelling",
        3,
        36,
        43,
        "recieve",
        "`recieve` is not in the dictionary (pyspellchecker: Spelling); "
        "suggestions: receive, relieve",
    ),
    (
        "grammar",
        6,
        16,
        18,
        "go",
        "The form of the verb must agree in grammatical number with the pronoun "
        "(harper: Agreement); suggestions: goes",
    ),
]

# The bio with a bare web address: Harper reads "zxqvbn." as a sentence end and "kg" as a
# sentence that does not start with a capital letter (a grammar lint, not a spelling one).
WEB = REGIONAL.replace(
    "at https://zxqvbn.org/qwzx about the region.",
    "at www.zxqvbn.kg, or see zxqvbn.com/about for more.",
)
# A hyphenated surname in the byline: Harper flags each part in the bio.
HYPHENATED = REGIONAL.replace("Aizhan Toktorbaeva", "Aizhan Toktorbaeva-Ruslanova")
# Possessives of the byline's name and of an acronym the article defines.
POSSESSIVE = REGIONAL.replace(
    "IMPLICATIONS: The Wakhan Corridor links Afghanistan and China.",
    "IMPLICATIONS: The Trans-Caspian Working Group (TCWG) met. The TCWG’s plan and "
    "Toktorbaeva’s notes agree.",
)

# Words the word list lacks but that are words: derived (transboundary, jihadists,
# transactionalism), a prefix or combining form before a hyphen (multi-, Indo-), units, parts of
# tokens with digits (3rd, 1990s, F-16); and a plural misspelling with a curly possessive.
WORDS = REGIONAL.replace(
    "IMPLICATIONS: The Wakhan Corridor links Afghanistan and China.",
    "IMPLICATIONS: A multi-vector, Indo-Pacific turn: transboundary rivers 40 km long, the "
    "3rd round of talks on jihadists since the 1990s, F-16 sales and transactionalism worry "
    "the goverments’ envoys.",
)

FILES = {
    "words.txt": WORDS,
    "regional.txt": REGIONAL,
    "web.txt": WEB,
    "hyphenated.txt": HYPHENATED,
    "possessive.txt": POSSESSIVE,
}

# Pinned: the offline engine's findings on the first published sample, none: its two false
# alarms are gone ("an expansion of Russian influence" is countable, dropped by the grammar
# rule's `skip`; "Indo" of Indo-Pacific, inside a name the vocabulary knows).
SAMPLE_FINDINGS: list[tuple] = []


def _run(run_cli, *args, env=None):
    done = run_cli("check", "--isolated", "--format", "json", *args, env={**ENV, **(env or {})})
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    return done


def _rows(file_report):
    return [
        (x["rule"], x["line"], x["column"], x["end_column"], x["text"], x["message"])
        for x in file_report["findings"]
        if x["rule"] in ("spelling", "grammar", "engine-unavailable")
    ]


class Runs:
    def __init__(self, folder: Path, first, second) -> None:
        self.folder = folder
        self.first = first
        self.second = second
        self.report = json.loads(first.stdout)
        self.by_name = {Path(f["path"]).name: f for f in self.report["files"]}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_cli):
    folder = tmp_path_factory.mktemp("harper")
    paths = []
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    args = ("--select", PROOFING_RULES, *paths, SAMPLE)
    first = _run(run_cli, *args)  # `auto` without a URL
    # computed again, not read from a result cache
    again = {"BRIEFCHECK_CACHE_DIR": str(folder / "cache-2")}
    second = _run(run_cli, "--proofing", "harper", "--jobs", "1", *args, env=again)
    return Runs(folder, first, second)


def test_real_misspellings_and_grammar_only(runs):
    assert _rows(runs.by_name["regional.txt"]) == REGIONAL_FINDINGS
    for f in runs.by_name["regional.txt"]["findings"]:
        assert f["severity"] == "warning"
        assert f["article"] == 1
        line = REGIONAL.splitlines()[f["line"] - 1]
        assert line[f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_regional_names_are_not_flagged(runs):
    texts = " ".join(x["text"] for x in runs.by_name["regional.txt"]["findings"])
    for name in (
        "Wakhan",
        "Zardari",
        "Kyrgyz",
        "Tokayev",
        "Mirziyoyev",
        "TTP",
        "CPEC",
        "Mazar",
        "Sharif",
        "Termez",
        "Aizhan",
        "Toktorbaeva",
    ):
        assert name not in texts


def test_handle_and_web_address_in_the_bio_are_not_flagged(runs):
    assert not [x for x in runs.by_name["regional.txt"]["findings"] if x["line"] == 9]


def test_bare_web_address_in_the_bio_is_not_flagged(runs):
    bio = [x for x in runs.by_name["web.txt"]["findings"] if x["line"] == 9]
    assert bio == []


def test_hyphenated_byline_surname_is_not_flagged(runs):
    bio = [x["text"] for x in runs.by_name["hyphenated.txt"]["findings"] if x["line"] == 9]
    assert bio == []


def test_possessives_of_byline_names_and_defined_acronyms_are_not_flagged(runs):
    texts = [x["text"] for x in runs.by_name["possessive.txt"]["findings"]]
    assert texts == ["goverment", "recieve", "go"]


def test_derived_words_prefixes_and_tokens_with_digits_are_words(runs):
    rows = [(r[0], r[1], r[4]) for r in _rows(runs.by_name["words.txt"])]
    assert rows == [
        ("spelling", 3, "goverment"),
        ("spelling", 3, "recieve"),
        ("grammar", 6, "go"),
        # not Harper's WordChoice misfire "Indo" → "Undo" (as on sample-1): the house
        # vocabulary knows Indo-Pacific, and a grammar lint inside a known name is dropped
        ("spelling", 7, "goverments"),
    ]


def test_sample_findings_pinned(runs):
    assert _rows(runs.by_name["sample-1-avdaliani.txt"]) == SAMPLE_FINDINGS


def test_no_fix_is_ever_proposed(runs):
    findings = [x for f in runs.report["files"] for x in f["findings"]]
    assert findings
    assert all(x["fix"] is None for x in findings)


def test_deterministic(runs):
    assert runs.second.stdout == runs.first.stdout
    assert runs.first.stderr == runs.second.stderr == ""


def test_fix_leaves_what_the_engine_only_suggests(tmp_path, run_cli):
    path = tmp_path / "draft.txt"
    path.write_text(REGIONAL, encoding="utf-8")
    done = _run(run_cli, "--proofing", "harper", "--fix", path)
    after = path.read_text(encoding="utf-8")
    # 'goverment' is a house typo (a certain fix); 'recieve' is only the engine's suggestion
    assert after == REGIONAL.replace("goverment", "government")
    assert "recieve" in after
    report = json.loads(done.stdout)
    remaining = [(x["rule"], x["text"]) for x in report["files"][0]["findings"]]
    assert ("spelling", "recieve") in remaining
    assert ("grammar", "go") in remaining
    assert ("spelling", "goverment") not in remaining


def test_the_sample_still_holds_what_the_engine_used_to_misread(submissions):
    """The empty pin means something only while the sample has the text Harper misread."""
    text = (submissions / "sample-1-avdaliani.txt").read_text(encoding="utf-8")
    assert "an expansion of Russian influence" in text
    assert "toward the Indo-Pacific" in text


def test_a_slip_a_house_rule_corrects_is_reported_once(tmp_path, run_cli):
    path = tmp_path / "regional.txt"
    path.write_text(REGIONAL, encoding="utf-8")
    done = run_cli("check", "--isolated", "--format", "json", path, env=ENV)  # every rule
    assert done.returncode == 1, done.stderr
    found = [(f["rule"], f["text"]) for f in json.loads(done.stdout)["files"][0]["findings"]]
    assert ("house-typo", "goverment") in found  # the house rule, with its fix ...
    assert ("spelling", "goverment") not in found  # ... and not the engine again
    assert ("spelling", "recieve") in found  # a slip no house rule knows: the engine's


def test_a_grammar_lint_inside_the_byline_s_name_is_dropped(tmp_path, run_cli):
    """Harper reads the surname "Alot" as "a lot"; on the author's own name it is no slip, in
    the prose it still is."""
    path = tmp_path / "alot.txt"
    path.write_text(
        "By Jane Alot\n\nThe study by Jane Alot changed alot in the region.\n", encoding="utf-8"
    )
    done = _run(run_cli, "--select", "grammar", path)
    found = [
        (f["rule"], f["column"], f["text"]) for f in json.loads(done.stdout)["files"][0]["findings"]
    ]
    assert found == [("grammar", 32, "alot")]


SAMPLES = [f"submissions/sample-{n}.txt" for n in ("1-avdaliani", "3-abazov")]


def test_threads_lint_as_one_thread_does(repo):
    """Paragraphs linted side by side, one Harper linter per thread, give each paragraph the
    lints one linter gives, in paragraph order."""
    harper = pytest.importorskip("harper")
    from briefcheck.proofing.harper import _lint_all

    paragraphs = [
        p for p in (repo / s for s in SAMPLES) for p in p.read_text("utf-8").splitlines() if p
    ]
    linters = [harper.Linter(dialect=harper.Dialect.AMERICAN) for _ in range(3)]
    one = _lint_all(linters[:1], paragraphs)()
    three = _lint_all(linters, paragraphs)()
    assert len(three) == len(paragraphs)
    assert three == one
    assert sum(map(len, one)) > 0


def test_a_lint_thread_error_is_raised_in_the_caller():
    from briefcheck.proofing.harper import _lint_all

    class Broken:  # a stand-in for a linter whose native code fails
        def lint(self, *_args, **_kw):
            raise RuntimeError("Already borrowed")

    with pytest.raises(RuntimeError, match="Already borrowed"):
        _lint_all([Broken(), Broken()], ["One paragraph.", "Another paragraph."])()


@pytest.mark.parametrize(("asked", "used"), [(1, 1), (2, 2), (64, 4), (0, 1)])
def test_threads_follow_the_jobs(asked, used):
    from briefcheck import proofing

    saved = proofing._THREADS[:]
    try:
        proofing.set_threads(asked)
        assert proofing.threads() == used
    finally:
        proofing._THREADS[:] = saved


@pytest.mark.parametrize(
    ("text", "flagged", "dropped"),
    [
        ("toward the Indo-Pacific. Additionally", "Indo", True),  # a vocabulary name
        ("the Indo-Pacific’s ports", "Indo", True),  # its possessive
        ("notes by Toktorbaeva’s team", "Toktorbaeva", True),  # the byline's name
        ("an approach to environmental policy", "to", False),  # a common word, not a name
        ("the Bank to the west", "Bank", False),  # capitalised, but no name of the house
        ("the indo-pacific turn", "indo", False),  # a name is capitalised
        ("in the Indo Pacific", "Indo Pacific", False),  # more than one word
    ],
)
def test_a_grammar_lint_inside_a_known_name_is_dropped(text, flagged, dropped):
    from briefcheck.proofing import Issue
    from briefcheck.resolve import CliOptions, Resolver
    from briefcheck.rules.proofing import _within_known_name

    vocabulary = Resolver(CliOptions(isolated=True)).ruleset_for(None).pack.vocabulary.get()
    start = text.index(flagged)
    issue = Issue(start, start + len(flagged), "grammar", "WordChoice", "a lint")
    own = frozenset({"toktorbaeva"})
    assert _within_known_name(text, 0, issue, own, vocabulary) is dropped
