"""Inputs and configurations the CLI must refuse cleanly, and encodings it must read the same."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOOD = "submissions/crafted-not-a-brief.txt"
GOOD_FINDINGS = [("not-a-brief", 1, 1), ("house-typo", 3, 52), ("word-count", 5, 173)]
FOLDER_CAUSE = "folder holds no submissions (.txt, .md and .docx files)"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61")


def _no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout and "Traceback" not in done.stderr


def _triples(file: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(x["rule"], x["line"], x["column"]) for x in file["findings"]]


# --- unusable input files ------------------------------------------------------------------


def _binary(d: Path) -> Path:
    (p := d / "scan.txt").write_bytes(PNG + bytes(range(256)))
    return p


def _pdf_as_txt(d: Path) -> Path:
    (p := d / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    return p


def _empty(d: Path) -> Path:
    (p := d / "empty.txt").write_bytes(b"")
    return p


def _whitespace(d: Path) -> Path:
    (p := d / "blank.md").write_bytes(b"  \n\t\r\n \xc2\xa0\n\n")
    return p


def _missing(d: Path) -> Path:
    return d / "no-such-draft.txt"


def _empty_folder(d: Path) -> Path:
    (d / "inbox" / "sub").mkdir(parents=True)
    (d / "inbox" / "notes.rst").write_text("Not a submission.\n", encoding="utf-8")
    (d / "inbox" / ".hidden").mkdir()
    (d / "inbox" / ".hidden" / "draft.txt").write_text("Hidden.\n", encoding="utf-8")
    return d / "inbox"


def _folder_named_txt(d: Path) -> Path:
    (p := d / "x.txt").mkdir()
    return p


def _broken_symlink(d: Path) -> Path:
    (p := d / "link.txt").symlink_to(d / "gone.txt")
    return p


def _unreadable(d: Path) -> Path:
    (p := d / "locked.txt").write_text("By Jane Doe\nA lead.\n", encoding="utf-8")
    p.chmod(0)
    return p


def _pdf(d: Path) -> Path:
    (p := d / "brief.pdf").write_bytes(b"%PDF-1.7\n")
    return p


def _no_suffix(d: Path) -> Path:
    (p := d / "DRAFT").write_text("By Jane Doe\nA lead.\n", encoding="utf-8")
    return p


def _oversize(d: Path) -> Path:
    with (p := d / "huge.txt").open("wb") as handle:
        handle.truncate(6_000_000)  # sparse: refused on its size before it is read
    return p


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "binary": (_binary, "binary file, not a text submission"),
    "pdf-bytes-as-txt": (_pdf_as_txt, "binary file, not a text submission"),
    "empty": (_empty, "file is empty"),
    "whitespace-only": (_whitespace, "file is empty"),
    "missing": (_missing, "no such file"),
    "folder-without-submissions": (_empty_folder, FOLDER_CAUSE),
    "directory-named-x.txt": (_folder_named_txt, FOLDER_CAUSE),
    "broken-symlink": (_broken_symlink, "no such file"),
    "unsupported-suffix": (
        _pdf,
        "unsupported file type '.pdf' (briefcheck reads .txt, .md and .docx)",
    ),
    "no-suffix": (
        _no_suffix,
        "unsupported file type (no extension) (briefcheck reads .txt, .md and .docx)",
    ),
    "oversize": (_oversize, "file is too large (6,000,000 bytes; the limit is 5,242,880)"),
}


CASES = list(BAD_FILES)


@pytest.fixture(scope="module")
def bad_run(run_cli, tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], dict[str, Path]]:
    """One run over every unusable file (each in its own folder) followed by a good file."""
    bad = {}
    for name in CASES:
        folder = tmp_path_factory.mktemp(name)
        bad[name] = BAD_FILES[name][0](folder)
    done = run_cli("check", "--format", "json", *bad.values(), GOOD)
    _no_traceback(done)
    return done, bad


def test_bad_files_exit_2_and_the_good_file_is_still_checked(bad_run) -> None:
    done, bad = bad_run
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"briefcheck: {bad[name]}: {BAD_FILES[name][1]}" for name in CASES
    ]
    doc = json.loads(done.stdout)
    good = doc["files"][-1]
    assert (good["path"], _triples(good)) == (GOOD, GOOD_FINDINGS)
    assert doc["summary"] == {"files": len(CASES) + 1, "findings": 3, "errors": 3, "warnings": 0}


@pytest.mark.parametrize("name", CASES)
def test_bad_file_one_stderr_line_naming_path_and_cause(bad_run, name: str) -> None:
    done, bad = bad_run
    path, cause = str(bad[name]), BAD_FILES[name][1]
    assert [line for line in done.stderr.splitlines() if path in line] == [
        f"briefcheck: {path}: {cause}"
    ]
    files = json.loads(done.stdout)["files"]
    assert files[CASES.index(name)] == {
        "path": path,
        "error": cause,
        "articles": [],
        "findings": [],
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_unreadable_file(run_cli, tmp_path: Path) -> None:
    # Where this cannot run, the directory named x.txt and the broken symlink stand in for it.
    bad = _unreadable(tmp_path)
    done = run_cli("check", "--format", "json", bad, GOOD)
    _no_traceback(done)
    assert (done.returncode, done.stderr) == (
        2,
        f"briefcheck: {bad}: cannot read: permission denied\n",
    )
    first, second = json.loads(done.stdout)["files"]
    assert first["error"] == "cannot read: permission denied"
    assert _triples(second) == GOOD_FINDINGS


def test_bad_file_after_a_good_one_in_text_format(run_cli, tmp_path: Path) -> None:
    bad = _binary(tmp_path)
    done = run_cli("check", "--no-source", GOOD, bad)
    _no_traceback(done)
    assert (done.returncode, done.stderr) == (
        2,
        f"briefcheck: {bad}: binary file, not a text submission\n",
    )
    assert done.stdout.splitlines() == [
        f"{GOOD}:1:1: error not-a-brief not a brief: no 'By …' byline and none of BACKGROUND:, "
        "IMPLICATIONS:, CONCLUSION: (63 words of plain text)",
        f"{GOOD}:3:52: error house-typo 'Kazakstan' is a known slip; write 'Kazakhstan' "
        "(fix: Kazakhstan)",
        f"{GOOD}:5:173: error word-count body is 63 words; the minimum is 1,200 (1,137 short)",
        "  article 1: 63 words — lead 63, background 0, implications 0, conclusion 0, bio 0",
        f"{bad}: error: binary file, not a text submission",
        "",
        "2 files (1 unreadable), 3 findings: 3 errors",
    ]


def test_bad_file_inside_a_folder(run_cli, tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    bad = _binary(folder)
    shutil.copy(repo / GOOD, folder / "z-notes.txt")
    done = run_cli("check", "--format", "json", folder)
    _no_traceback(done)
    assert (done.returncode, done.stderr) == (
        2,
        f"briefcheck: {bad}: binary file, not a text submission\n",
    )
    files = json.loads(done.stdout)["files"]
    assert [(f["path"], f.get("error"), _triples(f)) for f in files] == [
        (str(bad), "binary file, not a text submission", []),
        (str(folder / "z-notes.txt"), None, GOOD_FINDINGS),
    ]


def test_empty_stdin_does_not_stop_the_other_files(run_cli) -> None:
    done = run_cli("check", "--format", "json", "-", GOOD, input=b"")
    _no_traceback(done)
    assert (done.returncode, done.stderr) == (2, "briefcheck: -: file is empty\n")
    first, second = json.loads(done.stdout)["files"]
    assert first == {"path": "-", "error": "file is empty", "articles": [], "findings": []}
    assert _triples(second) == GOOD_FINDINGS


def test_binary_stdin(run_cli) -> None:
    done = run_cli("check", "-", "--stdin-filename", "upload.txt", input=PNG)
    _no_traceback(done)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "upload.txt: error: binary file, not a text submission\n\n"
        "1 file (1 unreadable), no findings\n",
        "briefcheck: upload.txt: binary file, not a text submission\n",
    )


def test_max_size_option(run_cli, repo: Path) -> None:
    big = "submissions/crafted-clean.txt"
    size = (repo / big).stat().st_size
    assert size > 5242
    done = run_cli("check", "--format", "json", "--max-size", "0.005", big, GOOD)
    _no_traceback(done)
    cause = f"file is too large ({size:,} bytes; the limit is 5,242)"  # 0.005 MiB
    assert (done.returncode, done.stderr) == (2, f"briefcheck: {big}: {cause}\n")
    first, second = json.loads(done.stdout)["files"]
    assert first == {"path": big, "error": cause, "articles": [], "findings": []}
    assert _triples(second) == GOOD_FINDINGS


def test_oversize_stdin_does_not_misstate_its_size(run_cli, repo: Path) -> None:
    data = (repo / "submissions" / "crafted-clean.txt").read_bytes()
    done = run_cli("check", "--max-size", "0.005", "-", "--stdin-filename", "d.txt", input=data)
    _no_traceback(done)
    cause = "file is too large (over the limit of 5,242 bytes)"
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        f"d.txt: error: {cause}\n\n1 file (1 unreadable), no findings\n",
        f"briefcheck: d.txt: {cause}\n",
    )


def test_usage_error_is_one_line(run_cli) -> None:
    done = run_cli("check", "--max-size", "0", GOOD)
    _no_traceback(done)
    assert (done.returncode, done.stdout) == (2, "")
    (line,) = done.stderr.splitlines()
    assert line.startswith("briefcheck: ") and "--max-size" in line


# --- broken style packs and rule selections ------------------------------------------------


@pytest.fixture
def pack(repo: Path, tmp_path: Path) -> Path:
    """A writable copy of the built-in pack."""
    return Path(shutil.copytree(repo / "lint_rules" / "analyst", tmp_path / "pack"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _broken_yaml(p: Path) -> tuple[Path, str]:
    (f := p / "rules" / "house-typo.yaml").write_text(
        "id: house-typo\nkind: [unclosed\n", encoding="utf-8"
    )
    return f, "invalid YAML: line 3: did not find expected ',' or ']'"


def _unknown_key(p: Path) -> tuple[Path, str]:
    _edit(
        f := p / "rules" / "spacing.yaml", "severity: warning\n", "severity: warning\ncolour: red\n"
    )
    return f, "colour: unknown key"


def _unknown_option_key(p: Path) -> tuple[Path, str]:
    f = p / "rules" / "spacing.yaml"
    _edit(f, '"no space after the full stop"\n', '"no space after the full stop"\n      flags: x\n')
    return f, "options.patterns.0.flags: unknown key"


def _unknown_pack_key(p: Path) -> tuple[Path, str]:
    _edit(f := p / "pack.yaml", "name: analyst\n", "name: analyst\ncolour: red\n")
    return f, "colour: unknown key"


def _bad_regex(p: Path) -> tuple[Path, str]:
    f = p / "rules" / "web-artifact.yaml"
    _edit(f, 'regex: "\\\\bshutterstock_\\\\d+\\\\b"', 'regex: "shutterstock_(digits"')
    return f, (
        "options.patterns.4.regex: bad regular expression «shutterstock_(digits»: "
        "missing ), unterminated subpattern at position 13"
    )


def _id_mismatch(p: Path) -> tuple[Path, str]:
    _edit(f := p / "rules" / "spacing.yaml", "id: spacing\n", "id: spaces\n")
    return f, "id: 'spaces' does not match the file name 'spacing'"


def _unknown_kind(p: Path) -> tuple[Path, str]:
    _edit(f := p / "rules" / "spacing.yaml", "kind: pattern\n", "kind: regexp\n")
    from briefcheck.rules import KINDS

    return f, f"kind: unknown kind 'regexp' (known: {', '.join(sorted(KINDS))})"


def _unknown_superseder(p: Path) -> tuple[Path, str]:
    f = p / "rules" / "content-after-bio.yaml"
    _edit(f, "superseded_by: [web-artifact]\n", "superseded_by: [web-artefact]\n")
    return f, "superseded_by: unknown rule id 'web-artefact' (no such rule in the pack)"


def _no_pack_yaml(p: Path) -> tuple[Path, str]:
    (p / "pack.yaml").unlink()
    return p, "not a style pack (no pack.yaml)"


BROKEN_PACKS = {
    "broken-yaml": _broken_yaml,
    "unknown-key": _unknown_key,
    "unknown-option-key": _unknown_option_key,
    "unknown-pack-key": _unknown_pack_key,
    "bad-regex": _bad_regex,
    "id-not-file-name": _id_mismatch,
    "unknown-kind": _unknown_kind,
    "unknown-superseder": _unknown_superseder,
    "folder-without-pack-yaml": _no_pack_yaml,
}


@pytest.mark.parametrize("breaker", BROKEN_PACKS.values(), ids=BROKEN_PACKS)
def test_broken_pack_is_one_line_naming_file_and_key(
    run_cli, pack: Path, breaker: Callable[[Path], tuple[Path, str]]
) -> None:
    where, cause = breaker(pack)
    done = run_cli("check", "--rules", pack, GOOD)
    _no_traceback(done)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"briefcheck: {where}: {cause}\n")


@pytest.mark.parametrize("command", [["rules"], ["explain", "spacing"]], ids=["rules", "explain"])
def test_broken_pack_in_rules_and_explain(run_cli, pack: Path, command: list[str]) -> None:
    where, cause = _unknown_kind(pack)
    done = run_cli(*command, "--rules", pack)
    _no_traceback(done)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"briefcheck: {where}: {cause}\n")


def test_rules_folder_that_does_not_exist(run_cli, tmp_path: Path) -> None:
    where = tmp_path / "nowhere"
    done = run_cli("check", "--rules", where, GOOD)
    _no_traceback(done)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"briefcheck: {where}: no such style pack (built-in: analyst)\n",
    )


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_id(run_cli, option: str) -> None:
    done = run_cli("check", option, "house-typo,house-typos", GOOD)
    _no_traceback(done)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"briefcheck: {option}: unknown rule id 'house-typos' (see 'briefcheck rules')\n",
    )


# --- encodings and line ends ---------------------------------------------------------------

TEXT = (
    "By Jane Doe & John Roe\n"
    "A lead on the region’s water—and its politics.\n"
    "Tajikistan’s minister—and Uzbekistan’s—met in Bishkec on Monday.\n"
    "Photo source: NASA.\n"
    "BACKGROUND: Some background text.\n"
    "IMPLICATIONS: Some implications.\n"
    "CONCLUSION: A conclusion.\n"
    "AUTHORS’ BIO: Jane Doe is an analyst. John Roe is an economist.\n"
)
TYPO_COLUMN = TEXT.splitlines()[2].index("Bishkec") + 1
EXPECTED = [
    ("byline-ampersand", 1, 13),
    ("house-typo", 3, TYPO_COLUMN),
    ("lead-length", 3, 65),
    ("section-word-count", 5, 34),
    ("section-word-count", 6, 33),
    ("section-word-count", 7, 26),
    ("word-count", 7, 26),
    ("bio-length", 8, 64),
]
VARIANTS: dict[str, bytes] = {
    "utf8-lf": TEXT.encode("utf-8"),
    "utf8-crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "utf8-cr": TEXT.replace("\n", "\r").encode("utf-8"),
    "utf8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf16le-bom": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf16be-bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf16le-bom-crlf": codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
    "cp1252": TEXT.encode("cp1252"),
    "cp1252-crlf": TEXT.replace("\n", "\r\n").encode("cp1252"),
}
MARKDOWN = "submissions/crafted-title-and-markdown.md"
MD_VARIANTS: dict[str, Callable[[str], bytes]] = {
    "md-lf": lambda t: t.encode("utf-8"),
    "md-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "md-cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "md-utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "md-utf16le-bom-crlf": lambda t: (
        codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le")
    ),
}
ENCODING_FINDING = {
    "rule": "encoding",
    "severity": "info",
    "line": 1,
    "column": 1,
    "end_line": 1,
    "end_column": 1,
    "article": None,
    "text": "",
    "message": "the file is not valid UTF-8; read as Windows-1252 (cp1252). Save it as UTF-8",
    "fix": None,
}


@pytest.fixture(scope="module")
def encoded(run_cli, repo: Path, tmp_path_factory) -> dict[str, dict[str, Any]]:
    """One JSON run over the same text in every encoding and line-end style."""
    folder = tmp_path_factory.mktemp("encodings")
    for name, data in VARIANTS.items():
        (folder / f"{name}.txt").write_bytes(data)
    markdown = (repo / MARKDOWN).read_text(encoding="utf-8")
    for name, encode in MD_VARIANTS.items():
        (folder / f"{name}.md").write_bytes(encode(markdown))
    done = run_cli(
        "check",
        "--format",
        "json",
        *(folder / f"{n}.txt" for n in VARIANTS),
        *(folder / f"{n}.md" for n in MD_VARIANTS),
    )
    _no_traceback(done)
    assert (done.returncode, done.stderr) == (1, "")
    return {Path(f["path"]).stem: f for f in json.loads(done.stdout)["files"]}


def test_the_variants_are_what_they_claim() -> None:
    assert b"\x92" in VARIANTS["cp1252"] and b"\x97" in VARIANTS["cp1252"]  # ’ and —
    with pytest.raises(UnicodeDecodeError):
        VARIANTS["cp1252"].decode("utf-8")
    assert b"\r" not in VARIANTS["utf8-lf"] and b"\n" not in VARIANTS["utf8-cr"]


def test_utf8_lf_findings(encoded) -> None:
    file = encoded["utf8-lf"]
    assert _triples(file) == EXPECTED
    typo = file["findings"][1]
    assert (typo["text"], typo["end_column"], typo["fix"]) == (
        "Bishkec",
        TYPO_COLUMN + 7,
        "Bishkek",
    )
    amp = file["findings"][0]
    assert (amp["text"], amp["end_column"], amp["fix"]) == ("&", 14, "and")


@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "utf8-lf"])
def test_same_findings_in_every_encoding_and_line_end(encoded, name: str) -> None:
    file, reference = encoded[name], encoded["utf8-lf"]
    findings = file["findings"]
    if name.startswith("cp1252"):
        assert findings[0] == ENCODING_FINDING  # the one finding about the file as a whole
        findings = findings[1:]
    assert findings == reference["findings"]
    assert file["articles"] == reference["articles"]


@pytest.mark.parametrize("name", [n for n in MD_VARIANTS if n != "md-lf"])
def test_markdown_reads_the_same_in_every_encoding_and_line_end(encoded, name: str) -> None:
    reference = encoded["md-lf"]
    assert _triples(reference) == [
        ("title-length", 1, 91),
        ("lead-length", 5, 150),
        ("section-word-count", 11, 158),
        ("section-word-count", 15, 161),
        ("section-word-count", 19, 101),
        ("word-count", 19, 101),
    ]  # as for the file itself (test_cli.py)
    assert encoded[name]["findings"] == reference["findings"]
    assert encoded[name]["articles"] == reference["articles"]


def test_source_excerpt_with_crlf_and_cr(run_cli, tmp_path: Path) -> None:
    paths = []
    for name in ("utf8-crlf", "utf8-cr", "utf16le-bom"):
        (p := tmp_path / f"{name}.txt").write_bytes(VARIANTS[name])
        paths.append(p)
    done = run_cli("check", "--select", "house-typo", *paths)
    line3 = TEXT.splitlines()[2]
    article = (
        "  article 1 (By Jane Doe & John Roe): 22 words — lead 15, background 3, implications 2, "
        "conclusion 2, bio 10"
    )
    expected = []
    for p in paths:
        expected += [
            f"{p}:3:{TYPO_COLUMN}: error house-typo 'Bishkec' is a known slip; write 'Bishkek'\n"
            f"    3 | {line3}\n"
            "      | " + " " * (TYPO_COLUMN - 1) + "^^^^^^^ fix: Bishkek",
            article,
        ]
    assert done.stdout.split("\n\n") == [*expected, "3 files, 3 findings: 3 errors\n"]
    assert "\r" not in done.stdout
