"""The fix engine: splicing fixes, the re-check loop, diffs, encodings and safe writes."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from briefcheck.document import Source
from briefcheck.engine import check_source, select_rules
from briefcheck.fixes import (
    FixError,
    apply_fixes,
    encode,
    fix_source,
    unified_diff,
    write_atomic,
    write_fixed,
)
from briefcheck.pack import load_pack
from briefcheck.readers import read_path, reader
from briefcheck.report import Finding

SUBMISSIONS = Path(__file__).resolve().parents[1] / "submissions"
SAMPLE = "submissions/sample-4-turgunbaeva-ghiasi.txt"
RULESET = select_rules(load_pack("analyst"))
MIXED_MESSAGE = "mixed UTF-8 and Windows-1252 bytes; save the file as UTF-8 before using --fix"


def check(source: Source) -> list[Finding]:
    """The real check: the analyst pack's default rules."""
    return check_source(source, RULESET).findings


def fix_file(path: Path, display: str | None = None):
    """Read a file, fix it, write it back; the source and the result."""
    source = read_path(path, display)
    result = fix_source(source, check)
    if result.changed:
        write_fixed(path, result, source.encoding)
    return source, result


def refix(source: Source, text: str):
    """Fix a text again, read the way the source was."""
    again = reader(source.format)(source.path, text, source.encoding, source.fallback_encoding)
    return fix_source(again, check)


def finding(text: str, start: int, end: int, fix: str | None, rule: str = "r") -> Finding:
    """A finding on text[start:end] with a fix."""
    return Finding(
        rule, "error", 1, start + 1, 1, end + 1, 1, text[start:end], "m", fix, start, end
    )


def stray_files(folder: Path, keep: set[str]) -> list[str]:
    """Names in a folder other than `keep` (a leftover temp file shows up here)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# -- the sample article and a crafted file, through the real pack ---------------------------------


def test_sample_article_fix_diff_and_write(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    shutil.copyfile(SUBMISSIONS / Path(SAMPLE).name, path)
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[1].count("Uzbekistan'ss") == 1
    assert lines[5].count("most of Central Asian") == 1
    # line index → the line fixed: the slips, then the consistency fix ("U.S." in a 2–2 tie with
    # "US"); consistency-quotes proposes no fix, so the straight marks stay (and the apostrophe
    # fix keeps the writer's straight mark: "Uzbekistan's")
    new = {
        1: lines[1].replace("Uzbekistan'ss", "Uzbekistan's"),
        3: lines[3].replace("the US by", "the U.S. by"),
        5: lines[5].replace("most of Central Asian", "most Central Asian"),
        6: lines[6].replace("the US withdrawal", "the U.S. withdrawal"),
    }

    source, result = fix_file(path, SAMPLE)

    body, i = "", 0
    while i < 10:  # a run of changed lines shows its removals, then its additions
        run = [i]
        while run[-1] in new and run[-1] + 1 in new:
            run.append(run[-1] + 1)
        if i in new:
            body += "".join(f"-{lines[k]}" for k in run) + "".join(f"+{new[k]}" for k in run)
        else:
            body += f" {lines[i]}"
        i = run[-1] + 1
    expected = f"--- a/{SAMPLE}\n+++ b/{SAMPLE}\n@@ -1,10 +1,10 @@\n{body}"
    assert unified_diff(SAMPLE, result.original, result.fixed) == expected
    assert [(f.rule, f.text, f.fix) for f in result.applied] == [
        ("apostrophe", "Uzbekistan'ss", "Uzbekistan's"),
        ("consistency-us", "US", "U.S."),
        ("house-typo", "most of Central Asian", "most Central Asian"),
        ("consistency-us", "US", "U.S."),
    ]
    assert (result.rounds, result.changed, result.converged) == (1, True, True)
    assert result.original == original == source.text
    fixed = "".join(new.get(i, line) for i, line in enumerate(lines))
    assert path.read_bytes() == fixed.encode()
    assert stray_files(tmp_path, {"sample.txt"}) == []


CRAFTED = (
    "Water and Power in the Fergana Valley\n"
    "By Jane Doe\n"
    "Kyrgyzstan and Tajikistan signed a treaty on their border, a important step after the the"
    " the clashes of 2021.\n"
    "\n"
    "Photo Credit: Presidential Press Service\n"
    "Background: The border was drawn in the Soviet era.Enclaves made every  dispute over water"
    " a flashpoint, and the goverment in Dushanbe hesitated.\n"
    "IMPLICATIONS: The treaty opens the way to reopening roads and markets across the valley."
    " This heightened tension.As a result, talks stalled.\n"
    "CONCLUSION: The agreement shows that leaders can settle hard questions.\n"
    "AUTHOR BIO: Jane Doe is a journalist in Bishkek. This email address is being protected"
    " from spambots. You need JavaScript enabled to view it.\n"
)
CRAFTED_FIXED = (
    "Water and Power in the Fergana Valley\n"
    "By Jane Doe\n"
    "Kyrgyzstan and Tajikistan signed a treaty on their border, an important step after the"
    " clashes of 2021.\n"
    "\n"
    "Photo Credit: Presidential Press Service\n"
    "BACKGROUND: The border was drawn in the Soviet era. Enclaves made every dispute over water"
    " a flashpoint, and the government in Dushanbe hesitated.\n"
    "IMPLICATIONS: The treaty opens the way to reopening roads and markets across the valley."
    " This heightened tension. As a result, talks stalled.\n"
    "CONCLUSION: The agreement shows that leaders can settle hard questions.\n"
    "AUTHOR BIO: Jane Doe is a journalist in Bishkek.\n"
)


def test_crafted_file_gets_every_certain_fix(tmp_path: Path) -> None:
    path = tmp_path / "crafted.txt"
    path.write_bytes(CRAFTED.encode())
    source, result = fix_file(path)
    assert result.fixed == CRAFTED_FIXED
    assert path.read_bytes() == CRAFTED_FIXED.encode()
    assert sorted({f.rule for f in result.applied}) == [
        "article-a-an",
        "heading-variant",
        "house-typo",
        "repeated-word",
        "spacing",
        "web-artifact",
    ]
    assert not refix(source, result.fixed).changed
    assert [f.fix for f in check(read_path(path)) if f.fix is not None] == []


def test_cloak_on_its_own_line_is_deleted(tmp_path: Path) -> None:
    path = tmp_path / "cloak.txt"
    text = CRAFTED.replace("Bishkek. This email", "Bishkek. Email,\nThis email").removesuffix("\n")
    path.write_text(text + "\n.\n", encoding="utf-8", newline="")
    source, result = fix_file(path)
    assert "Email," not in result.fixed
    assert "spambots" not in result.fixed
    assert "\n.\n" not in result.fixed
    assert not refix(source, result.fixed).changed


@pytest.mark.parametrize(
    ("text", "fixed", "rounds"),
    [
        # repeated-word "A a" and article-a-an "a apple" overlap: the second waits a round
        ("A a apple fell.", "An apple fell.", 2),
        # house-typo "Kazakstan" inside apostrophe "Kazakstan'ss": both land, one per round
        ("Kazakstan'ss economy grew.", "Kazakhstan's economy grew.", 2),
        ("in in close proximity of Kabul.", "in close proximity to Kabul.", 2),
        ("The talks  , however, stalled.", "The talks, however, stalled.", 2),
    ],
)
def test_fixes_unlocked_by_other_fixes_land(text: str, fixed: str, rounds: int) -> None:
    source = reader("text")("x.txt", f"By Jane Doe\n{text}\n", "utf-8", False)
    result = fix_source(source, check)
    assert result.fixed == f"By Jane Doe\n{fixed}\n"
    assert (result.rounds, result.converged) == (rounds, True)
    assert not refix(source, result.fixed).changed


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SUBMISSIONS.iterdir() if p.suffix in (".txt", ".md"))
)
def test_fixing_twice_changes_nothing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copyfile(SUBMISSIONS / name, path)
    source, result = fix_file(path)
    assert result.converged
    assert not refix(source, result.fixed).changed
    written, again = fix_file(path)  # from the file as written, as a second `--fix` would
    assert written.text == result.fixed
    assert (again.changed, again.applied, again.rounds) == (False, [], 0)
    assert stray_files(tmp_path, {name}) == []


# -- encodings, BOMs and line ends survive byte for byte ------------------------------------------

ARTICLE = [
    "By Jane Doe",
    "The café in Kazakstan’s capital reopened.",
    "BACKGROUND: This heightened tension.As a result, talks stalled.",
]
ARTICLE_FIXED = [
    "By Jane Doe",
    "The café in Kazakhstan’s capital reopened.",
    "BACKGROUND: This heightened tension. As a result, talks stalled.",
]


@pytest.mark.parametrize(
    ("encoding", "bom", "codec", "eol"),
    [
        ("utf-8", b"", "utf-8", "\n"),
        ("utf-8-sig", codecs.BOM_UTF8, "utf-8", "\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le", "\r\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be", "\n"),
        ("utf-16-le", b"", "utf-16-le", "\n"),  # no BOM: sniffed, and written without one
        ("utf-8", b"", "utf-8", "\r\n"),
        ("utf-8", b"", "utf-8", "\r"),
        ("cp1252", b"", "cp1252", "\r\n"),
        ("cp1252", codecs.BOM_UTF8, "cp1252", "\n"),  # a BOM over cp1252 bytes stays
    ],
)
def test_written_back_in_the_same_bytes(
    tmp_path: Path, encoding: str, bom: bytes, codec: str, eol: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bom + (eol.join(ARTICLE) + eol).encode(codec))
    source, result = fix_file(path)
    assert source.encoding == encoding
    assert [f.rule for f in result.applied] == ["house-typo", "spacing"]
    assert path.read_bytes() == bom + (eol.join(ARTICLE_FIXED) + eol).encode(codec)
    assert read_path(path).encoding == encoding
    assert stray_files(tmp_path, {"article.txt"}) == []


def test_line_ends_of_every_kind_stay_where_they_are(tmp_path: Path) -> None:
    path = tmp_path / "mixed-eol.txt"
    text = ARTICLE[0] + "\r\n" + ARTICLE[1] + "\r" + ARTICLE[2] + "\n\r\n"
    path.write_bytes(text.encode())
    fix_file(path)
    assert (
        path.read_bytes()
        == (
            ARTICLE_FIXED[0] + "\r\n" + ARTICLE_FIXED[1] + "\r" + ARTICLE_FIXED[2] + "\n\r\n"
        ).encode()
    )


def test_mixed_encoding_is_refused_and_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    data = "\n".join(ARTICLE).encode("utf-8").replace("café".encode(), "café".encode("cp1252"))
    path.write_bytes(data)
    source = read_path(path)
    assert source.encoding == "utf-8+cp1252"
    result = fix_source(source, check)
    assert result.changed
    with pytest.raises(FixError, match=re.escape(MIXED_MESSAGE)):
        write_fixed(path, result, source.encoding)
    assert path.read_bytes() == data
    assert stray_files(tmp_path, {"mixed.txt"}) == []


def test_a_fix_cp1252_cannot_hold_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    data = "\n".join(ARTICLE).encode("cp1252")
    path.write_bytes(data)
    source = read_path(path)

    def turkish(src: Source) -> list[Finding]:
        at = src.text.find("Kazakstan")
        return [finding(src.text, at, at + 9, "Kazakğstan")] if at >= 0 else []

    result = fix_source(source, turkish)
    with pytest.raises(FixError, match=r"Windows-1252 cannot hold .*'ğ'.*save the file as UTF-8"):
        write_fixed(path, result, source.encoding)
    assert path.read_bytes() == data


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n".join(ARTICLE), encoding="utf-8")
    source = read_path(path)
    result = fix_source(source, check)
    path.write_text("someone else's edit", encoding="utf-8")
    with pytest.raises(FixError, match="changed while it was being fixed"):
        write_fixed(path, result, source.encoding)
    assert path.read_text(encoding="utf-8") == "someone else's edit"


def test_damaged_utf16_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    data = codecs.BOM_UTF16_LE + "\n".join(ARTICLE).encode("utf-16-le") + b"\x00"  # odd length
    path.write_bytes(data)
    source = read_path(path)
    result = fix_source(source, check)
    with pytest.raises(FixError, match="round trip"):
        write_fixed(path, result, source.encoding)
    assert path.read_bytes() == data


def test_encode() -> None:
    assert encode("é’", "utf-8") == "é’".encode()
    assert encode("é’", "utf-8-sig") == codecs.BOM_UTF8 + "é’".encode()
    assert encode("é’", "utf-16-le") == codecs.BOM_UTF16_LE + "é’".encode("utf-16-le")
    assert encode("é’", "utf-16-be") == codecs.BOM_UTF16_BE + "é’".encode("utf-16-be")
    assert encode("é’", "cp1252") == b"\xe9\x92"
    assert encode("\x81\x8d\x8f\x90\x9d", "cp1252") == b"\x81\x8d\x8f\x90\x9d"  # decode's mapping
    with pytest.raises(FixError, match=re.escape(MIXED_MESSAGE)):
        encode("x", "utf-8+cp1252")
    with pytest.raises(FixError, match="Windows-1252"):
        encode("ğ", "cp1252")
    with pytest.raises(FixError, match="latin-9"):
        encode("x", "latin-9")


# -- write_atomic ---------------------------------------------------------------------------------


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stray_files(tmp_path, {"f.txt"}) == []


def test_write_atomic_creates_a_new_file_with_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    old = os.umask(0o027)
    try:
        write_atomic(path, b"{}")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"{}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stray_files(tmp_path, {"report.json"}) == []


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"
    assert stray_files(tmp_path, {"real.txt", "link.txt"}) == []


def test_write_atomic_failure_while_writing_leaves_the_original(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    with pytest.raises(FixError, match="cannot write"):
        write_atomic(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert stray_files(tmp_path, {"f.txt"}) == []


def test_write_atomic_failure_on_rename_removes_the_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    (folder / "inside").write_bytes(b"kept")
    with pytest.raises(FixError, match="cannot write"):
        write_atomic(folder, b"new")
    assert folder.is_dir()
    assert (folder / "inside").read_bytes() == b"kept"
    assert stray_files(tmp_path, {"folder.txt"}) == []


def test_write_atomic_parent_is_a_file(tmp_path: Path) -> None:
    parent = tmp_path / "file"
    parent.write_bytes(b"old")
    with pytest.raises(FixError, match="cannot write: not a directory"):
        write_atomic(parent / "x.txt", b"new")
    assert parent.read_bytes() == b"old"
    assert stray_files(tmp_path, {"file"}) == []


def test_write_atomic_renames_a_hidden_temp_file_next_to_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    names: list[str] = []
    real = os.replace

    def spy(src, dst):
        names.append(Path(src).name)
        assert Path(src).parent == tmp_path
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(path, b"new")
    assert len(names) == 1
    assert names[0].startswith(".f.txt.")


# -- apply_fixes ----------------------------------------------------------------------------------

TEXT = "abcdefghij"


def test_apply_fixes_in_order_whatever_the_input_order() -> None:
    later, first = finding(TEXT, 6, 8, "GH"), finding(TEXT, 1, 3, "")
    fixed, applied = apply_fixes(TEXT, [later, first])
    assert fixed == "adefGHij"
    assert applied == [first, later]


def test_apply_fixes_overlapping_keeps_the_first() -> None:
    a, b = finding(TEXT, 2, 5, "X"), finding(TEXT, 4, 7, "Y")
    same = finding(TEXT, 2, 5, "Z")
    fixed, applied = apply_fixes(TEXT, [b, a, same])
    assert (fixed, applied) == ("abXfghij", [a])


def test_apply_fixes_shorter_span_first_at_the_same_start() -> None:
    long, short = finding(TEXT, 2, 6, "L"), finding(TEXT, 2, 4, "S")
    assert apply_fixes(TEXT, [long, short]) == ("abSefghij", [short])


def test_apply_fixes_two_insertions_at_one_point_keep_the_first() -> None:
    one, two = finding(TEXT, 3, 3, "1"), finding(TEXT, 3, 3, "2")
    assert apply_fixes(TEXT, [one, two]) == ("abc1defghij", [one])


def test_apply_fixes_touching_spans_both_apply() -> None:
    left, right = finding(TEXT, 0, 3, "L"), finding(TEXT, 3, 5, "R")
    insert, replace = finding(TEXT, 7, 7, "+"), finding(TEXT, 7, 9, "HI")
    fixed, applied = apply_fixes(TEXT, [right, replace, left, insert])
    assert (fixed, applied) == ("LRfg+HIj", [left, right, insert, replace])


def test_apply_fixes_ignores_no_fix_stale_and_no_op_findings() -> None:
    none = finding(TEXT, 0, 2, None)
    stale = Finding("r", "error", 1, 1, 1, 3, 1, "zz", "m", "Q", 4, 6)
    noop = finding(TEXT, 6, 8, "gh")
    outside = Finding("r", "error", 1, 1, 1, 3, 1, "", "m", "Q", 20, 20)
    assert apply_fixes(TEXT, [none, stale, noop, outside]) == (TEXT, [])


# -- fix_source -----------------------------------------------------------------------------------


def regex_check(*rules: tuple[str, str]):
    """A check from (regex, fix) pairs; records the sources it saw."""
    seen: list[Source] = []

    def run(source: Source) -> list[Finding]:
        seen.append(source)
        return [
            finding(source.text, m.start(), m.end(), fix)
            for pattern, fix in rules
            for m in re.finditer(pattern, source.text)
        ]

    return run, seen


def test_fix_source_overlap_is_picked_up_in_the_next_round() -> None:
    source = reader("text")("x.txt", "abc\r\n", "utf-16-le", False)
    run, seen = regex_check(("ab", "Ab"), ("bc", "bC"))
    result = fix_source(source, run)
    assert result.fixed == "AbC\r\n"
    assert [(f.text, f.start, f.end, f.fix) for f in result.applied] == [
        ("ab", 0, 2, "Ab"),
        ("bc", 1, 3, "bC"),
    ]
    assert (result.rounds, result.changed, result.converged) == (2, True, True)
    assert result.original == "abc\r\n"
    assert [s.text for s in seen] == ["abc\r\n", "Abc\r\n", "AbC\r\n"]
    assert {(s.path, s.encoding, s.format) for s in seen} == {("x.txt", "utf-16-le", "text")}


def test_fix_source_overlap_dropped_when_no_longer_valid() -> None:
    source = reader("text")("x.txt", "abc", "utf-8", False)
    run, _ = regex_check(("ab", "x"), ("bc", "y"))
    result = fix_source(source, run)
    assert (result.fixed, result.rounds, len(result.applied)) == ("xc", 1, 1)


def test_fix_source_nothing_to_fix() -> None:
    source = reader("markdown")("x.md", "# Title\n\nText.\n", "utf-8", False)
    run, seen = regex_check(("nothing", "x"))
    result = fix_source(source, run)
    assert (result.fixed, result.applied, result.rounds, result.changed) == (
        source.text,
        [],
        0,
        False,
    )
    assert len(seen) == 1
    assert seen[0] is source


def test_fix_source_stops_after_max_rounds() -> None:
    source = reader("text")("x.txt", "x", "utf-8", False)
    run, seen = regex_check(("x", "y"), ("y", "x"))
    result = fix_source(source, run, max_rounds=3)
    assert (result.fixed, result.rounds, result.converged, result.changed) == ("y", 3, False, True)
    assert len(seen) == 4


def test_fix_source_needs_a_reader_for_the_format() -> None:
    source = Source(path="x.docx", text="a", blocks=(), format="docx")
    with pytest.raises(FixError, match="cannot fix docx files"):
        fix_source(source, lambda s: [])


# -- unified_diff ---------------------------------------------------------------------------------


def test_unified_diff_unchanged_is_empty() -> None:
    assert unified_diff("x.txt", "a\n", "a\n") == ""


def test_unified_diff_keeps_crlf_and_shows_cr_lines_one_per_line() -> None:
    assert unified_diff("d/x.txt", "a\r\nb\r\n", "a\r\nB\r\n") == (
        "--- a/d/x.txt\n+++ b/d/x.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"
    )
    assert unified_diff("x.txt", "a\rb\r", "a\rB\r") == (
        "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"
    )


def test_unified_diff_marks_a_missing_final_line_end() -> None:
    assert unified_diff("/abs/x.txt", "a\nb", "a\nB") == (
        "--- a/abs/x.txt\n+++ b/abs/x.txt\n@@ -1,2 +1,2 @@\n a\n-b\n"
        "\\ No newline at end of file\n+B\n\\ No newline at end of file\n"
    )


def test_unified_diff_splits_only_at_line_ends() -> None:
    diff = unified_diff("x.txt", "a\x0bb\x0cc\u2028d\n", "a\x0bb\x0cc\u2028D\n")
    assert (
        diff == "--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-a\x0bb\x0cc\u2028d\n+a\x0bb\x0cc\u2028D\n"
    )
