"""The analyst pack's vocabulary: the data, `Vocabulary.knows`, and a broken vocabulary file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefcheck.pack import load_pack
from briefcheck.vocabulary import VocabularyFile, load_vocabulary

PACK = load_pack("analyst")
FOLDER = PACK.root / "vocabulary"
VOCABULARY = PACK.vocabulary.get()
FILES = sorted(FOLDER.glob("*.yaml"))


# --------------------------------------------------------------------------- the data


def test_loads_the_whole_vocabulary():
    assert PACK.vocabulary.folders == [FOLDER]
    assert len(VOCABULARY.entries) >= 1500
    assert load_vocabulary([FOLDER]).entries == VOCABULARY.entries


def test_no_name_twice_ignoring_case():
    counts = Counter(e.name.casefold() for e in VOCABULARY.entries)
    assert [name for name, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_is_valid(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parsed = VocabularyFile.model_validate(data)
    assert parsed.category == path.stem  # category = the file name
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.name == entry.name.strip()
        assert entry.name not in entry.variants
        if entry.expansion:
            assert path.stem == "acronyms"  # expansions belong to acronyms.yaml only


def test_readme_counts_match_the_files():
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\w+\.yaml)` \|.*\| ([\d,]+) \|$", readme, re.MULTILINE))
    counts = {
        p.name: len(VocabularyFile.model_validate(yaml.safe_load(p.read_text())).entries)
        for p in FILES
    }
    assert {k: int(v.replace(",", "")) for k, v in table.items()} == counts
    total = re.search(r"\*\*total\*\* \| \*\*([\d,]+)\*\*", readme)
    assert total is not None
    assert int(total.group(1).replace(",", "")) == len(VOCABULARY.entries)


def test_every_variant_points_to_its_house_form():
    names = {e.name.casefold() for e in VOCABULARY.entries}
    seen: dict[str, str] = {}
    with_variants = [e for e in VOCABULARY.entries if e.variants]
    assert len(with_variants) >= 100
    for entry in with_variants:
        assert VOCABULARY.knows(entry.name)  # the house form is in the vocabulary
        for variant in entry.variants:
            assert VOCABULARY.preferred[variant] == entry.name
            # a variant that is another entry's name would be "corrected" wrongly
            assert variant.casefold() not in names, variant
            assert seen.setdefault(variant.casefold(), entry.name) == entry.name, variant
    assert VOCABULARY.preferred["Mirziyoev"] == "Mirziyoyev"
    assert VOCABULARY.preferred["Uighur"] == "Uyghur"
    assert VOCABULARY.preferred["Mazar-i-Sharif"] == "Mazar-e-Sharif"


def test_acronyms_have_their_expansion():
    assert VOCABULARY.acronyms["SCO"] == "Shanghai Cooperation Organization"
    assert {"TTP", "CPEC"} <= set(VOCABULARY.acronyms)


# --------------------------------------------------------------------------- knows


@pytest.mark.parametrize(
    "word",
    [
        # plain names, any case
        "Wakhan",
        "Zardari",
        "Kyrgyz",
        "KYRGYZ",
        "kyrgyz",
        "Tokayev",
        "Mirziyoyev",
        "Termez",
        "TTP",
        "CPEC",
        "Uyghur",
        # possessives, straight and curly, singular and plural
        "Tokayev's",
        "Tokayev’s",
        "Kyrgyzstan's",
        "Tajiks’",
        "Tajiks'",
        # hyphenated names, and their possessives
        "Mazar-e-Sharif",
        "Mazar-e-Sharif’s",
        "Gilgit-Baltistan",
        "Tehreek-e-Taliban",
        # multi-word names
        "Wakhan Corridor",
        "Wakhan Corridor's",
        "Asif Ali Zardari",
        "Shanghai Cooperation Organization",
        "Tehreek-e-Taliban Pakistan",
    ],
)
def test_knows(word):
    assert VOCABULARY.knows(word)


@pytest.mark.parametrize(
    "word",
    [
        "goverment",
        "Qwertyistan",
        "Mirziyoev",  # a variant: the spelling rule may flag it, transliteration corrects it
        "Uighur",
        "Wakhan-goverment",  # one unknown part is enough
        "Tokayev Qwertyistan",
        "Khalqlaar",
    ],
)
def test_does_not_know(word):
    assert not VOCABULARY.knows(word)


# --------------------------------------------------------------------------- a broken file

ARTICLE = (
    "By Aizhan Toktorbaeva\n"
    "The goverment met the Mirziyoev delegation in Termez.\n"
    "\n"
    "Photo source: Wikimedia Commons.\n"
    "BACKGROUND: The talks are old.\n"
    "IMPLICATIONS: Trade may grow.\n"
    "CONCLUSION: They will meet again.\n"
    "AUTHOR BIO: Aizhan Toktorbaeva is a researcher.\n"
)
UNKNOWN_KEY = "category: extra\nentries:\n  - Wakhan\n  - name: Foo\n    spelling: [Fo]\n"
INVALID_YAML = "category: extra\nentries:\n  - Wakhan\n  - [unclosed\n"
NOT_A_MAPPING = "- Wakhan\n- Zardari\n"


def _pack_with(tmp_path: Path, vocabulary: str) -> tuple[Path, Path, Path]:
    """A pack extending analyst with one extra vocabulary file; (pack, that file, an article)."""
    root = tmp_path / "house"
    (root / "vocabulary").mkdir(parents=True)
    (root / "pack.yaml").write_text("name: house\nextends: analyst\n", encoding="utf-8")
    broken = root / "vocabulary" / "extra.yaml"
    broken.write_text(vocabulary, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return root, broken, article


# The command paths that read the vocabulary: the default rule set (transliteration is on),
# spelling, grammar (the engine takes the vocabulary's words), and transliteration alone.
LOADERS = {
    "default": ("--proofing", "off"),
    "spelling": ("--proofing", "harper", "--select", "spelling"),
    "grammar": ("--proofing", "harper", "--select", "grammar"),
    "transliteration": ("--proofing", "off", "--select", "transliteration"),
}
BUG = (
    "a VocabularyError is not caught by the CLI: 'briefcheck: internal error: VocabularyError: "
    "… (please report this)' instead of 'briefcheck: <file>: <key>: <cause>'"
)


@pytest.mark.parametrize("loader", list(LOADERS))
def test_unknown_key_is_one_line_naming_file_and_key(tmp_path, run_cli, loader):
    pack, broken, article = _pack_with(tmp_path, UNKNOWN_KEY)
    done = run_cli("check", "--isolated", "--rules", pack, *LOADERS[loader], article)
    assert done.returncode == 2
    assert done.stderr == f"briefcheck: {broken}: entries.1.spelling: unknown key\n"


def test_invalid_yaml_is_one_line_naming_the_file(tmp_path, run_cli):
    pack, broken, article = _pack_with(tmp_path, INVALID_YAML)
    done = run_cli("check", "--isolated", "--rules", pack, article)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"briefcheck: {broken}: invalid YAML: line ")


def test_not_a_mapping_is_one_line_naming_the_file(tmp_path, run_cli):
    pack, broken, article = _pack_with(tmp_path, NOT_A_MAPPING)
    done = run_cli("check", "--isolated", "--rules", pack, article)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"briefcheck: {broken}: ")
    assert ": : " not in line
    assert "internal error" not in line


def test_broken_vocabulary_today_no_traceback(tmp_path, run_cli):
    """What happens now: exit 2 and one line on stderr, but labelled an internal error."""
    pack, broken, article = _pack_with(tmp_path, UNKNOWN_KEY)
    done = run_cli("check", "--isolated", "--rules", pack, article)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert f"{broken}: entries.1.spelling: unknown key" in line
    assert "Traceback" not in done.stderr


def test_rules_that_do_not_need_the_vocabulary_run_as_usual(tmp_path, run_cli):
    """The vocabulary is read on first use: a house-typo run never opens the broken file."""
    pack, _, article = _pack_with(tmp_path, UNKNOWN_KEY)
    done = run_cli("check", "--isolated", "--rules", pack, "--select", "house-typo", "-q", article)
    assert done.returncode == 1
    assert done.stderr == ""
    assert "house-typo 'goverment' is a known slip" in done.stdout
