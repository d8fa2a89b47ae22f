"""House word counts (`document.count_words`, `word_spans`) and the per-article count cache.

`count_words` counts all tokens less the ones without a letter or digit, with C-level scans;
`Article.words` counts each span once per article and `Article.word_at` finds one word from the
counts. All must give exactly what one pass over the tokens gives (HOUSE_STYLE §2).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.document import SCOPES, count_words, word_spans
from briefcheck.pack import load_pack
from briefcheck.readers import read_bytes
from briefcheck.structure import find_articles

REPO = Path(__file__).resolve().parents[1]
ISSUE = REPO / "submissions" / "analyst-issue.txt"
PACK = load_pack("analyst")
_ALNUM = re.compile(r"[^\W_]")


def reference_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """One pass over the tokens: a word is a run of non-space with a letter or digit."""
    stop = len(text) if end is None else end
    tokens = re.compile(r"\S+").finditer(text, start, stop)
    return [m.span() for m in tokens if _ALNUM.search(m.group())]


# Letters, digits, the underscore, punctuation alone and in runs, every kind of whitespace
# (str.split and the regex `\s` must agree on them) and characters that are neither.
PIECES = st.sampled_from(
    [
        "a", "Word", "9", "_", "__", "-", "–", "—", "&", "***", "…", ".", ",", "(", ")", "“",
        "’", "'", "é", "ß", "İ", "Σ", "\u0301", "\u200b", "x_y", "_1", "§", "→", "٣", "中文",
        " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u2028", "\x1c", "\x85", "\v", "\f",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_count_words_is_one_pass_over_the_tokens(text: str) -> None:
    expected = sum(1 for tok in text.split() if _ALNUM.search(tok))
    assert count_words(text) == expected == len(word_spans(text))


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_word_spans_of_a_slice(text: str, i: int, j: int) -> None:
    start, end = sorted((min(i, len(text)), min(j, len(text))))
    assert word_spans(text, start, end) == reference_spans(text, start, end)
    assert len(word_spans(text, start, end)) == count_words(text[start:end])


def test_a_long_run_of_punctuation_is_counted_in_linear_time() -> None:
    text = "word " + "-" * 2_000_000 + " word"
    assert count_words(text) == 2


def _articles():
    source = read_bytes(ISSUE.read_bytes(), "issue.txt")
    return find_articles(source, PACK.anatomy)


def test_article_counts_are_the_counts_of_their_parts() -> None:
    found = _articles()
    assert [a.words("body") for a in found] == [1124, 1417, 1223, 1232]
    for art in found:
        for scope in SCOPES:
            spans = [w for a, b in art.segments(scope) for w in reference_spans(art.text, a, b)]
            assert art.words(scope) == len(spans) == art.words(scope)  # cached the second time
            for index in (0, len(spans) // 2, len(spans) - 1, -1, -len(spans)):
                if spans:
                    assert art.word_at(scope, index) == spans[index]


def test_word_at_past_the_last_word_is_an_index_error() -> None:
    art = _articles()[0]
    n = art.words("lead")
    for index in (n, -n - 1):
        try:
            art.word_at("lead", index)
        except IndexError:
            continue
        raise AssertionError(f"word {index} of {n} found")


def test_memo_computes_once_per_article_and_key() -> None:
    first, second = _articles()[:2]
    calls: list[int] = []
    assert first.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert first.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert second.memo("k", lambda: calls.append(1) or len(calls)) == 2
    assert first.memo("other", lambda: "x") == "x"
    assert len(calls) == 2


def test_cli_summary_and_word_limit_findings_use_the_same_counts(run_cli) -> None:
    done = run_cli("check", "--format", "json", "--no-cache", ISSUE)
    doc = json.loads(done.stdout)
    [file] = doc["files"]
    found = _articles()
    assert [a["words"] for a in file["articles"]] == [a.words("body") for a in found]
    for summary, art in zip(file["articles"], found, strict=True):
        assert summary["sections"] == {p: art.words(p) for p in summary["sections"]}
    text = found[0].text
    over = [f for f in file["findings"] if f["rule"] == "word-count"]
    assert [f["message"].split(";")[0] for f in over] == [
        "body is 1,124 words",  # short: an empty span where the body ends
        "body is 1,417 words",  # over: from the first word past the maximum to the last
    ]
    assert over[0]["text"] == ""
    art = found[over[1]["article"] - 1]
    limit = int(re.search(r"maximum is ([\d,]+)", over[1]["message"]).group(1).replace(",", ""))
    spans = [w for a, b in art.segments("body") for w in reference_spans(text, a, b)]
    assert over[1]["text"] == text[spans[limit][0] : spans[-1][1]]
