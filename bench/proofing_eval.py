"""Evaluate offline spelling/grammar engines for briefcheck (docs/proofing.md has the results).

Standalone: not part of briefcheck and not imported by the test suite. Run it in a scratch venv
that has the candidates installed:

    python3 -m venv /tmp/proofeval && . /tmp/proofeval/bin/activate
    pip install harper-py==0.2.0 pyspellchecker==0.9.1 symspellpy==6.10.1 spylls==0.1.7
    apt-get update && apt-get install -y hunspell-en-us     # /usr/share/hunspell/en_US.{aff,dic}
    python bench/proofing_eval.py /work/shared/samples/analyst-issue.txt

Options: --engines a,b  --scales 1,10,50  --no-scale  --repeat N  --vocab DIR  --show-flags
--json FILE.

Each engine runs in fresh child processes (this script with --child), so import time, the
dictionary load, the first call and peak RSS (resource.getrusage) are measured cold and apart.

Engines
  harper          harper-py Linter(), American, language="plaintext", every default rule on.
  harper-tuned    the same with the rules that misfire on house style switched off (TUNED_OFF);
                  LongSentences above all: with dedup it hides every other lint inside a long
                  sentence, Uzbekistan'ss included.
  pyspellchecker  SpellChecker(language="en"), word frequency list, case-insensitive.
  pyspellchecker-d1  the same with distance=1 (suggestions within one edit: fast).
  symspellpy      SymSpell + its bundled 82,765-word frequency dictionary (lower case).
  hunspell        spylls Dictionary.from_files("/usr/share/hunspell/en_US") (Debian's SCOWL).

The spell checkers see the words of WORD_RE (letters with inner apostrophes; hyphenated
compounds are split; one-letter tokens, @handles, e-mail addresses and URLs are skipped). A word
is accepted if the engine knows it, or knows it without a possessive 's.

Ground truth (decided by reading the four articles): REAL_SLIPS are counted for recall;
DEFENSIBLE spans are minor slips a copy editor could raise, so a flag there is neither a hit nor
a false alarm; every other flag is a false alarm, classified by fa_type(). False alarms are also
counted without capitalized words and acronyms, leaving one article out (a word flagged in
another article counts as covered), with the vocabulary of --vocab loaded (the house
vocabulary by default) and with the sample's own names (SAMPLE_VOCAB, an upper bound).

Scaling runs the issue 1x/10x/50x in one call and paragraph by paragraph, each time with a
fresh engine, on the issue repeated and on distinct text (distinct_text), since Harper caches
lints per Linter. The Harper first-call probe runs each configuration in a fresh process.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from itertools import islice, pairwise
from pathlib import Path

HUNSPELL_PATH = "/usr/share/hunspell/en_US"
ENGINES = [
    "harper",
    "harper-tuned",
    "pyspellchecker",
    "pyspellchecker-d1",
    "symspellpy",
    "hunspell",
]
BYLINE = re.compile(r"^By [A-Z]", re.MULTILINE)

# Harper rules switched off for "harper-tuned": style preferences that contradict the journal's
# house style or duplicate briefcheck's own rules (not picked to hide grammar-rule misfires:
# MassNouns and ToTwoToo misfire on the sample and stay on).
TUNED_OFF = [
    "LongSentences",  # briefcheck has its own length rules; with dedup it hides nested lints
    "OxfordComma",  # the house style does not require it
    "UpdatePlaceNames",  # Turkey -> Türkiye: the journal writes Turkey
    "TheProperNounPossessive",  # "the Taliban's" is correct
    "DisjointPrefixes",  # co-signing, de-escalating: the journal hyphenates
    "SplitWords",  # transboundary -> "trans boundary"; SpellCheck still sees unknown words
]

# --------------------------------------------------------------------------- ground truth

# (category, anchor in the sample, the part of the anchor that is the slip)
REAL_SLIPS = [
    ("typo", "Uzbekistan'ss Prime", "Uzbekistan'ss"),
    ("typo (stray apostrophe)", "China' has remained", "China'"),
    ("real-word (area)", "tribal are bordering", "are"),
    ("real-word (countries)", "Central Asian counties identify", "counties"),
    ("grammar a/an", "into a understanding", "a understanding"),
    (
        "grammar agreement",
        "preserving forests and wild natural habitats remain pressing",
        "preserving forests and wild natural habitats remain",
    ),
    ("usage (proximity to)", "in close proximity of Pakistan", "in close proximity of"),
    ("usage (most Central Asian)", "most of Central Asian countries", "most of"),
]

# Minor slips or house-style points: a flag here is neither a hit nor a false alarm.
DEFENSIBLE = [
    ("parallelism", "achieve sustainable development and transitioning", "transitioning"),
    ("missing article", "He is author of", "is author"),
    ("article before a company", "at the Wikistrat", "the"),
    ("missing article", "Monitor of Jamestown Foundation", "of Jamestown"),
    ("missing comma", "Ministry of Economy and Commerce declared", "Commerce declared"),
    ("currency spacing", "US$ 8.5 billion", "$ 8.5"),
    ("currency spacing", "US$ 62 billion", "$ 62"),
    ("capital letter", "senior Researcher", "Researcher"),
]

# The 20 misspellings of the brief, each in a sentence of the journal's kind.
MISSPELLINGS = [
    ("goverment", "government", "The goverment of Kazakhstan announced new export tariffs."),
    ("recieve", "receive", "Farmers in the Ferghana Valley will recieve subsidies this year."),
    ("occured", "occurred", "The border clash occured shortly after the talks in Dushanbe."),
    ("seperate", "separate", "Baku and Yerevan held seperate meetings with the mediators."),
    ("infrastucture", "infrastructure", "Uzbekistan invests heavily in transport infrastucture."),
    ("definately", "definitely", "The corridor will definately change regional trade."),
    ("accomodate", "accommodate", "The new terminal can accomodate more freight trains."),
    ("begining", "beginning", "This is only the begining of a long negotiation."),
    ("buisness", "business", "The buisness community in Almaty welcomed the reform."),
    ("enviroment", "environment", "The enviroment in the Aral Sea basin keeps deteriorating."),
    ("independant", "independent", "Georgia needs an independant judiciary to join the EU."),
    ("neccessary", "necessary", "Reforms are neccessary to attract foreign investment."),
    ("occassion", "occasion", "On this occassion the ministers signed three agreements."),
    ("politican", "politician", "A senior politican in Bishkek criticized the decision."),
    ("publically", "publicly", "The president publically endorsed the pipeline project."),
    ("relevent", "relevant", "The relevent ministries have not commented on the report."),
    ("succesful", "successful", "The succesful launch of the railway surprised observers."),
    ("tommorow", "tomorrow", "The delegation will arrive in Tashkent tommorow morning."),
    ("untill", "until", "Sanctions will remain in place untill the elections."),
    ("wich", "which", "The agreement, wich was signed in May, covers energy."),
]

# Grammar and real-word probes: (category, sentence, the slip inside it).
GRAMMAR_PROBES = [
    ("a/an", "This is a important step for the region.", "a important"),
    ("a/an", "Tashkent signed an bilateral agreement with Kabul.", "an bilateral"),
    ("repeated word", "The the delegation arrived in Kabul on Monday.", "The the"),
    ("repeated word", "Islamabad has has repeatedly accused Kabul.", "has has"),
    ("agreement", "Kazakhstan and Uzbekistan has signed the water deal.", "has"),
    ("agreement", "He have visited Kabul twice this year.", "have"),
    ("agreement", "The minister go to Dushanbe every spring.", "go"),
    ("agreement", "The countries of the region is poor in water.", "is"),
    ("confusable", "The government announced it's new plan for the region.", "it's"),
    ("confusable", "Trade is higher then it was before the war.", "then"),
    ("confusable", "Bishkek could loose its access to donor funding.", "loose"),
    ("confusable", "The ministry could of acted sooner on the crisis.", "could of"),
    ("real-word", "An attack in the northwestern tribal are bordering Afghanistan.", "are"),
    ("real-word", "It is time that all Central Asian counties cooperate.", "counties"),
]

# False-alarm types. Regional = names from Central Asia, the Caucasus, Afghanistan, Pakistan,
# Xinjiang and the region's organizations (the acronyms TTP, CPEC, ... included).
_REGIONAL_WORDS = """
Wakhan Zardari Kyrgyz TTP CPEC Tokayev Mirziyoyev Baradar Termez Japarov Avdaliani Emil Ilham
Aliyev Heydar Syed Fazl Haider Tehreek Paktika Asif Badakhshan Gilgit Baltistan NRF ISI Asim
Malik Tajik Emomali Rahmon Zhao Xing Sirajuddin Haqqani Uyghur Yue Xiaoyong Kush Karakoram Pamir
Taxkorgan BRI Rafis Abazov Naryn Talas Alibek Matiev Aigerim Turgunbaeva Fayazuddin Ghiasi
Abdullah Aripov Ghani Akhund Mazar Sharif Herat Salang ISAF Boldak Mawlawi Salam Hanafi
Khalqlaar Bazar Turkmen TAPI Jalaluddin Balkhi Sher CASA Taalatbek Masadykov Akylbek GD Kabul
Kandahar Tbilisi Baku Yerevan Dushanbe Bishkek Astana Almaty Tashkent Samarkand Xinjiang Mullah
Uzbek Kazakh Azerbaijani Pakistani Afghan Taliban Emomali Mohammad Khan Islamabad Karachi Doha
Kyrgyzstan Tajikistan Uzbekistan Kazakhstan Turkmenistan Azerbaijan Afghanistan Pavel Fertikh
Eurasianet Shavkat Kassym Jomart Sadyr Akhmad Spin
"""
REGIONAL = set(_REGIONAL_WORDS.split())
VARIANTS = {"Centre", "Programme", "centre", "programme", "favour", "neighbouring"}
ACRONYM = re.compile(r"^[A-Z]{2,}s?$|^[A-Z][a-z]?[A-Z]+s?$")  # EU, SDGs, MoUs

# --------------------------------------------------------------------------- text helpers

WORD_RE = re.compile(r"(?<!\w)[^\W\d_]+(?:['’][^\W\d_]+)*(?!\w)")  # not the 'nd' of 22nd
SKIP_RE = re.compile(r"\S*@\S*|https?://\S+|www\.\S+")


def words_of(text: str) -> int:
    return len(text.split())


def articles_of(text: str) -> list[str]:
    starts = [m.start() for m in BYLINE.finditer(text)] or [0]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def tokens(text: str):
    """(start, end, word) of the words a spell checker should see."""
    skipped = [(m.start(), m.end()) for m in SKIP_RE.finditer(text)]
    i = 0
    for m in WORD_RE.finditer(text):
        while i < len(skipped) and skipped[i][1] <= m.start():
            i += 1
        if len(m.group()) < 2 or (i < len(skipped) and skipped[i][0] <= m.start()):
            continue
        yield m.start(), m.end(), m.group()


def locate(text: str, anchor: str, focus: str) -> tuple[int, int, int, int]:
    """(start, end) of the slip and (start, end) of its anchor phrase."""
    at = text.find(anchor)
    if at < 0:
        raise SystemExit(f"ground truth anchor not in the sample: {anchor!r}")
    start = at + anchor.find(focus)
    return start, start + len(focus), at, at + len(anchor)


@dataclass
class Flag:
    start: int
    end: int
    text: str
    rule: str
    message: str = ""
    suggestions: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- engines


class Engine:
    name = ""
    spelling_only = True

    def load(self) -> None:
        raise NotImplementedError

    def check(self, text: str, suggest: bool = True) -> list[Flag]:
        raise NotImplementedError

    def add_words(self, words: list[str]) -> None:
        raise NotImplementedError


class SpellEngine(Engine):
    """A word-list spell checker behind briefcheck's own tokenizer."""

    def known(self, word: str) -> bool:
        raise NotImplementedError

    def suggest(self, word: str) -> list[str]:
        raise NotImplementedError

    def __init__(self) -> None:
        self.extra: set[str] = set()
        self._sugg: dict[str, list[str]] = {}

    def accepts(self, word: str) -> bool:
        word = word.replace("’", "'")
        if word in self.extra or self.known(word):
            return True
        stem = word[:-2] if word.endswith("'s") else None
        return bool(stem) and (stem in self.extra or self.known(stem))

    def check(self, text: str, suggest: bool = True) -> list[Flag]:
        flags = []
        for start, end, word in tokens(text):
            if self.accepts(word):
                continue
            sugg: list[str] = []
            if suggest:
                if word not in self._sugg:  # one suggestion search per distinct word
                    self._sugg[word] = self.suggest(word.replace("’", "'"))
                sugg = self._sugg[word]
            flags.append(Flag(start, end, word, "spelling", "unknown word", sugg))
        return flags

    def add_words(self, words: list[str]) -> None:  # our own list, checked before the engine
        self.extra.update(words)


class PySpellChecker(SpellEngine):
    name = "pyspellchecker"

    def load(self) -> None:
        from spellchecker import SpellChecker

        self.sc = SpellChecker(language="en")  # distance=2, case-insensitive

    def known(self, word: str) -> bool:
        return word.lower() in self.sc  # __contains__ lower-cases like unknown() does

    def suggest(self, word: str) -> list[str]:
        cands = self.sc.candidates(word) or set()
        best = self.sc.correction(word)
        rest = sorted(cands - {best}, key=lambda w: -self.sc.word_usage_frequency(w))
        return ([best] if best else []) + rest[:2]

    def add_words(self, words: list[str]) -> None:  # the engine's own API
        self.sc.word_frequency.load_words(words)


class PySpellCheckerD1(PySpellChecker):
    """The same with distance=1: suggestions within one edit only, much faster."""

    name = "pyspellchecker-d1"

    def load(self) -> None:
        from spellchecker import SpellChecker

        self.sc = SpellChecker(language="en", distance=1)


class SymSpellPy(SpellEngine):
    name = "symspellpy"

    def load(self) -> None:
        import importlib.resources

        from symspellpy import SymSpell

        self.ss = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        self.ss.load_dictionary(str(path), term_index=0, count_index=1)

    def known(self, word: str) -> bool:
        return word.lower() in self.ss.words

    def suggest(self, word: str) -> list[str]:
        from symspellpy import Verbosity

        found = self.ss.lookup(word.lower(), Verbosity.CLOSEST, max_edit_distance=2)
        return [s.term for s in found[:3]]

    def add_words(self, words: list[str]) -> None:  # the engine's own API
        for w in words:
            self.ss.create_dictionary_entry(w.lower(), 1)


class Hunspell(SpellEngine):
    name = "hunspell"

    def load(self) -> None:
        from spylls.hunspell import Dictionary

        self.d = Dictionary.from_files(HUNSPELL_PATH)

    def known(self, word: str) -> bool:
        return self.d.lookup(word)

    def suggest(self, word: str) -> list[str]:
        return list(islice(self.d.suggest(word), 3))


class Harper(Engine):
    name = "harper"
    spelling_only = False
    off: tuple[str, ...] = ()

    def load(self) -> None:
        import harper

        self.h = harper
        self.linter = harper.Linter(harper.Dialect.AMERICAN)
        if self.off:
            cfg = self.linter.get_lint_config()
            cfg.update({rule: False for rule in self.off})
            self.linter.set_lint_config(cfg)

    def check(self, text: str, suggest: bool = True) -> list[Flag]:
        # organized_lints gives the rule name of each lint; lint() gives the same lints.
        out = []
        for rule, lints in self.linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                out.append(
                    Flag(
                        lint.span.start,
                        lint.span.end,
                        lint.problem_text,
                        rule,
                        lint.message,
                        [s.replacement_text for s in lint.suggestions][:3],
                    )
                )
        return sorted(out, key=lambda f: (f.start, f.end))

    def lint_count(self, text: str) -> int:
        return len(self.linter.lint(text, language="plaintext"))

    def add_words(self, words: list[str]) -> None:
        self.linter.import_words(words)


class HarperTuned(Harper):
    name = "harper-tuned"
    off = tuple(TUNED_OFF)


def make(name: str) -> Engine:
    return {
        "harper": Harper,
        "harper-tuned": HarperTuned,
        "pyspellchecker": PySpellChecker,
        "pyspellchecker-d1": PySpellCheckerD1,
        "symspellpy": SymSpellPy,
        "hunspell": Hunspell,
    }[name]()


IMPORTS = {
    "harper": "harper",
    "harper-tuned": "harper",
    "pyspellchecker": "spellchecker",
    "pyspellchecker-d1": "spellchecker",
    "symspellpy": "symspellpy",
    "hunspell": "spylls.hunspell",
}


def house_vocabulary(folder: Path | None) -> list[str]:
    """Words of the names in a vocabulary folder (YAML files with `entries:` of names or
    {name: ...}); needs PyYAML. Variants are left out: they are the forms to correct."""
    if not folder or not folder.is_dir():
        return []
    import yaml

    words: set[str] = set()
    for f in sorted(folder.glob("*.y*ml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for e in data.get("entries", []) or []:
            name = e.get("name") if isinstance(e, dict) else e
            if isinstance(name, str):
                words.update(w for *_, w in tokens(name))
    return sorted(words)


# --------------------------------------------------------------------------- scoring


def overlaps(f: Flag, span: tuple[int, int, int, int]) -> bool:
    """The flag is about the slip: it covers part of it and stays within its anchor phrase
    (give or take 10 characters), so a 300-character LongSentences lint is no hit."""
    start, end, a_start, a_end = span
    return f.start < end and start < f.end and f.start >= a_start - 10 and f.end <= a_end + 10


def fa_type(f: Flag, spelling_rule: bool) -> str:
    if not spelling_rule:
        return "grammar/style rule"
    word = f.text.replace("’", "'").removesuffix("'s")
    parts = [p for p in re.split(r"[-\s]", word) if p]
    if any(p in REGIONAL for p in parts):
        return "regional proper noun"
    if word in VARIANTS:
        return "British spelling"
    if ACRONYM.match(word):
        return "other acronym"
    if word[:1].isupper():
        return "other proper noun"
    return "lower-case word"


SPELLING_RULES = {"spelling", "SpellCheck"}


def score_sample(engine: Engine, text: str) -> dict:
    flags = engine.check(text)
    real = [(cat, locate(text, a, f)) for cat, a, f in REAL_SLIPS]
    defensible = [locate(text, a, f) for _, a, f in DEFENSIBLE]
    caught = {cat: False for cat, _ in real}
    fas, n_def, hit_flags = [], 0, 0
    for f in flags:
        hits = [cat for cat, span in real if overlaps(f, span)]
        if hits:
            hit_flags += 1
            for cat in hits:
                caught[cat] = True
        elif any(overlaps(f, span) for span in defensible):
            n_def += 1
        else:
            fas.append(f)
    n_words = words_of(text)
    types: dict[str, int] = {}
    for f in fas:
        t = fa_type(f, f.rule in SPELLING_RULES)
        types[t] = types.get(t, 0) + 1
    lower = [f for f in fas if not f.text[:1].isupper()]
    # leave one article out: the spelling false alarms of an article whose word is not a false
    # alarm in any other article (what a vocabulary built from past articles would not cover)
    starts = [m.start() for m in BYLINE.finditer(text)] or [0]
    per_art: list[list[str]] = [[] for _ in starts]
    for f in fas:
        if f.rule in SPELLING_RULES:
            per_art[bisect.bisect_right(starts, f.start) - 1].append(f.text)
    unseen = 0
    for i, words in enumerate(per_art):
        others = {w for j, ws in enumerate(per_art) if j != i for w in ws}
        unseen += sum(1 for w in words if w not in others)
    other_fas = sum(1 for f in fas if f.rule not in SPELLING_RULES)
    rules: dict[str, int] = {}
    for f in fas:
        rules[f.rule] = rules.get(f.rule, 0) + 1
    return {
        "words": n_words,
        "flags": len(flags),
        "hit_flags": hit_flags,
        "defensible": n_def,
        "false_alarms": len(fas),
        "fa_per_1000": 1000 * len(fas) / n_words,
        "fa_lower": len(lower),
        "fa_lower_per_1000": 1000 * len(lower) / n_words,
        "fa_loo": unseen + other_fas,
        "fa_loo_per_1000": 1000 * (unseen + other_fas) / n_words,
        "fa_types": types,
        "fa_rules": rules,
        "fa_distinct": sorted({f.text for f in fas}),
        "real_caught": caught,
        "real_recall": sum(caught.values()),
        "flag_list": [asdict(f) for f in flags],
    }


def score_misspellings(engine: Engine) -> dict:
    found, top1, detail = 0, 0, {}
    for wrong, right, sentence in MISSPELLINGS:
        span = locate(sentence, wrong, wrong)
        fl = [f for f in engine.check(sentence) if overlaps(f, span)]
        sugg = fl[0].suggestions if fl else []
        ok = bool(fl)
        good = ok and bool(sugg) and sugg[0].lower() == right
        found += ok
        top1 += good
        detail[wrong] = {"flagged": ok, "suggestions": sugg, "rule": fl[0].rule if fl else None}
    return {"found": found, "top1": top1, "total": len(MISSPELLINGS), "detail": detail}


def score_grammar(engine: Engine) -> dict:
    out = []
    for cat, sentence, slip in GRAMMAR_PROBES:
        span = locate(sentence, slip, slip)
        fl = [f for f in engine.check(sentence) if overlaps(f, span)]
        out.append(
            {
                "category": cat,
                "sentence": sentence,
                "caught": bool(fl),
                "rule": fl[0].rule if fl else None,
                "suggestion": (fl[0].suggestions or [""])[0] if fl else None,
            }
        )
    return {"caught": sum(p["caught"] for p in out), "total": len(out), "probes": out}


# --------------------------------------------------------------------------- child processes


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


SAMPLE_VOCAB = sorted(
    REGIONAL | {"EU", "UNDP", "SDG", "SDGs", "FAO", "ADB", "EBRD", "UNAI", "MoUs"}
)


def child_basic(name: str, sample: Path, vocab_dir: Path | None) -> dict:
    """Cold start, speed on single articles, peak RSS, then accuracy."""
    base_rss = rss_mib()
    text = sample.read_text(encoding="utf-8")
    arts = articles_of(text)
    t0 = time.perf_counter()
    __import__(IMPORTS[name])
    t_import = time.perf_counter() - t0
    engine = make(name)
    t1 = time.perf_counter()
    engine.load()
    t_load = time.perf_counter() - t1
    t2 = time.perf_counter()
    engine.check(arts[0])
    t_first = time.perf_counter() - t2
    later = []
    for art in arts[1:]:
        t = time.perf_counter()
        engine.check(art)
        later.append((time.perf_counter() - t, words_of(art)))
    # the same articles again: suggestion caches are warm for the spell checkers
    again = []
    for art in arts[1:]:
        t = time.perf_counter()
        engine.check(art)
        again.append(time.perf_counter() - t)
    # the flagging alone, without suggestions
    nosugg = []
    if isinstance(engine, SpellEngine):
        fresh = make(name)
        fresh.load()
        for art in arts:
            t = time.perf_counter()
            fresh.check(art, suggest=False)
            nosugg.append(time.perf_counter() - t)
    peak_after_check = rss_mib()
    res = {
        "engine": name,
        "python_rss_mib": base_rss,
        "import_s": t_import,
        "load_s": t_load,
        "first_article_words": words_of(arts[0]),
        "first_article_s": t_first,
        "cold_total_s": t_import + t_load + t_first,
        "later_articles_ms": [1000 * s for s, _ in later],
        "later_ms_per_1000_words": 1e6 * sum(s for s, _ in later) / sum(w for _, w in later),
        "again_ms": [1000 * s for s in again],
        "check_only_ms_per_article": [1000 * s for s in nosugg],
        "peak_rss_mib": peak_after_check,
    }
    t = time.perf_counter()
    res["sample"] = score_sample(engine, text)
    res["misspellings"] = score_misspellings(engine)
    res["grammar"] = score_grammar(engine)
    res["accuracy_s"] = time.perf_counter() - t
    if isinstance(engine, Harper):
        res["sample"]["lint_count_via_lint"] = engine.lint_count(text)
        default = engine.linter.get_default_lint_config()
        cfg = engine.linter.get_lint_config()  # None = the rule's default
        res["rules_on"] = sum(1 for r, v in cfg.items() if (default[r] if v is None else v))
    # adding words: first the --vocab folder (the house vocabulary), then the names
    # taken from the sample's own false alarms (an upper bound for a regional vocabulary)
    keys = ("false_alarms", "fa_per_1000", "fa_types", "real_recall", "fa_distinct")
    house = house_vocabulary(vocab_dir)
    if house:
        t = time.perf_counter()
        engine.add_words(house)
        res["house_vocab_ms"] = 1000 * (time.perf_counter() - t)
        res["house_vocab_n"] = len(house)
        after = score_sample(engine, text)
        res["with_house_vocab"] = {k: after[k] for k in keys}
    t = time.perf_counter()
    engine.add_words(SAMPLE_VOCAB)
    res["add_words_ms"] = 1000 * (time.perf_counter() - t)
    res["add_words_n"] = len(SAMPLE_VOCAB)
    after = score_sample(engine, text)
    res["with_vocab"] = {k: after[k] for k in keys}
    res["peak_rss_end_mib"] = rss_mib()
    return res


def distinct_text(text: str, n_words: int, seed: int) -> str:
    """New prose from the sample's words (a seeded word-bigram chain, paragraphs of 60-180
    words): no sentence repeats, so no engine can serve it from a cache."""
    import random

    rnd = random.Random(seed)
    paras = [p.split(" ") for p in text.split("\n") if p.strip()]
    follow: dict[str, list[str]] = {}
    for p in paras:
        for a, b in pairwise(p):
            follow.setdefault(a, []).append(b)
    out, n = [], 0
    while n < n_words:
        w = rnd.choice(paras)[0]
        para, size = [w], rnd.randint(60, 180)
        while len(para) < size and w in follow:
            w = rnd.choice(follow[w])
            para.append(w)
        out.append(" ".join(para))
        n += len(para)
    return "\n".join(out)


def child_scale(name: str, sample: Path, scales: list[int], kind: str) -> dict:
    """k times the issue in one call, then the same paragraph by paragraph. kind "copies":
    the issue repeated; kind "distinct": as many words of distinct_text."""
    text = sample.read_text(encoding="utf-8")
    warm = Path(__file__).read_text(encoding="utf-8")[:4000]  # other text, unknown words too

    def fresh() -> Engine:  # a new engine for each run: no cache carries over (Harper keeps
        engine = make(name)  # one per Linter, the spell checkers their suggestions)
        engine.load()
        engine.check(warm)
        return engine

    out = {
        "engine": name,
        "kind": kind,
        "words_1x": words_of(text),
        "one_call": {},
        "by_paragraph": {},
    }
    for k in scales:
        big = (
            "\n".join([text] * k)
            if kind == "copies"
            else distinct_text(text, words_of(text) * k, seed=k)
        )
        engine = fresh()
        t = time.perf_counter()
        n = len(engine.check(big))
        out["one_call"][k] = {
            "s": time.perf_counter() - t,
            "flags": n,
            "words": words_of(big),
            "rss_mib": rss_mib(),
        }
        paras = [p for p in big.split("\n") if p.strip()]
        engine = fresh()
        t = time.perf_counter()
        n = sum(len(engine.check(p)) for p in paras)
        out["by_paragraph"][k] = {
            "s": time.perf_counter() - t,
            "flags": n,
            "paragraphs": len(paras),
        }
    out["peak_rss_mib"] = rss_mib()
    return out


FIRST_CALL_CONFIGS = {
    "defaults": [],
    "tuned": TUNED_OFF,
    "tuned, SpellCheck off": [*TUNED_OFF, "SpellCheck"],
    "only SpellCheck on": ["*"],
}


def child_harper_first_call(sample: Path, config: str) -> dict:
    """Where Harper's slow first call goes, one configuration per fresh process (the one-off
    cost is per process, not per Linter): with SpellCheck on, the first unknown word costs
    about 0.9 s (building its suggestion index, once); later unknown words about 15 ms."""
    t = time.perf_counter()
    import harper

    out = {"import": time.perf_counter() - t}
    first_article = articles_of(sample.read_text(encoding="utf-8"))[0]
    t = time.perf_counter()
    linter = harper.Linter()
    cfg = linter.get_lint_config()
    off = FIRST_CALL_CONFIGS[config]
    if off == ["*"]:
        cfg = {rule: rule == "SpellCheck" for rule in cfg}
    else:
        cfg.update({rule: False for rule in off})
    linter.set_lint_config(cfg)
    out["Linter()"] = time.perf_counter() - t
    for label, text in [
        ("known words", "The delegation arrived in Kabul on Monday."),
        ("first unknown word", "Hello Qwertyuiop."),
        ("second unknown word", "Hello Mirziyoyev."),
        ("first article", first_article),
        ("same article again", first_article),
    ]:
        t = time.perf_counter()
        linter.lint(text, language="plaintext")
        out[label] = time.perf_counter() - t
    return out


def run_child(args: list[str], timeout: float = 3600) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout)


TIMINGS = (
    "import_s",
    "load_s",
    "first_article_s",
    "cold_total_s",
    "add_words_ms",
    "later_articles_ms",
    "again_ms",
    "check_only_ms_per_article",
)


def fastest(runs: list[dict]) -> dict:
    """The first run, with each timing replaced by its minimum over the runs (the machine may be
    shared: the minimum is the figure least disturbed by other processes)."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    out = dict(ok[0])
    for key in TIMINGS:
        vals = [r[key] for r in ok if key in r]
        if vals and isinstance(vals[0], list):
            out[key] = [min(v) for v in zip(*vals, strict=True)]
        elif vals:
            out[key] = min(vals)
    out["runs"] = len(ok)
    return out


def startup_wall(name: str) -> float:
    """Wall time of `python -c 'import X'` minus that of `python -c pass` (best of 3)."""

    def best(code: str) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - t)
        return min(times)

    return best(f"import {IMPORTS[name]}") - best("pass")


# --------------------------------------------------------------------------- report


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]

    def line(r: list) -> str:
        return "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)) + " |"

    return "\n".join(
        [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]
    )


def report(results: dict, show_flags: bool) -> str:
    names = [n for n in results if not n.startswith("_") and "error" not in results[n]["basic"]]
    for n in results:
        if not n.startswith("_") and "error" in results[n]["basic"]:
            print(f"{n}: failed: {results[n]['basic']['error']}", file=sys.stderr)
    out = []
    b = {n: results[n]["basic"] for n in names}
    s0 = b[names[0]]["sample"]
    out.append(
        f"Sample: {s0['words']} words. Real slips in it: {len(REAL_SLIPS)}; "
        f"misspelling probes: {len(MISSPELLINGS)}; grammar probes: {len(GRAMMAR_PROBES)}.\n"
    )
    rows = []
    for n in names:
        r = b[n]
        s, m, g = r["sample"], r["misspellings"], r["grammar"]
        t = s["fa_types"]
        rows.append(
            [
                n,
                f"{s['real_recall']}/{len(REAL_SLIPS)}",
                f"{m['found']}/{m['total']}",
                f"{m['top1']}/{m['total']}",
                f"{g['caught']}/{g['total']}",
                s["flags"],
                s["false_alarms"],
                f"{s['fa_per_1000']:.1f}",
                t.get("regional proper noun", 0),
                f"{s['fa_lower_per_1000']:.1f}",
                f"{s['fa_loo_per_1000']:.1f}",
                (f"{r['with_house_vocab']['fa_per_1000']:.1f}" if "with_house_vocab" in r else "-"),
                f"{r['with_vocab']['fa_per_1000']:.1f}",
            ]
        )
    out.append(
        table(
            rows,
            [
                "engine",
                "real slips",
                "misspellings",
                "top-1 fix",
                "grammar",
                "flags",
                "false alarms",
                "FA/1000 w",
                "of them regional",
                "FA/1000 lower-case only",
                "FA/1000 + other articles' names",
                "FA/1000 + house vocab",
                "FA/1000 + sample names",
            ],
        )
    )
    out.append("")
    cats = sorted({c for c, _, _ in REAL_SLIPS}, key=[c for c, _, _ in REAL_SLIPS].index)
    rows = [[c, *["yes" if b[n]["sample"]["real_caught"][c] else "-" for n in names]] for c in cats]
    out.append("Real slips in the sample caught:\n" + table(rows, ["slip", *names]))
    out.append("")
    gcats = []
    for p in GRAMMAR_PROBES:
        if p[0] not in gcats:
            gcats.append(p[0])
    rows = []
    for c in gcats:
        row = [c]
        for n in names:
            ps = [p for p in b[n]["grammar"]["probes"] if p["category"] == c]
            row.append(f"{sum(p['caught'] for p in ps)}/{len(ps)}")
        rows.append(row)
    out.append("Grammar probes caught:\n" + table(rows, ["probe", *names]))
    out.append("")
    types = [
        "regional proper noun",
        "other proper noun",
        "other acronym",
        "British spelling",
        "lower-case word",
        "grammar/style rule",
    ]
    rows = [[t, *[b[n]["sample"]["fa_types"].get(t, 0) for n in names]] for t in types]
    out.append("False alarms by type:\n" + table(rows, ["type", *names]))
    out.append("")
    rows = []
    for n in names:
        r = b[n]
        rows.append(
            [
                n,
                f"{r['import_s'] * 1000:.0f}",
                f"{results[n].get('import_wall_s', 0) * 1000:.0f}",
                f"{r['load_s'] * 1000:.0f}",
                f"{r['first_article_s'] * 1000:.0f}",
                f"{r['cold_total_s'] * 1000:.0f}",
                f"{statistics.mean(r['later_articles_ms']):.0f}",
                f"{statistics.mean(r['again_ms']):.0f}",
                (
                    f"{statistics.mean(r['check_only_ms_per_article']):.0f}"
                    if r["check_only_ms_per_article"]
                    else "="
                ),
                f"{r['python_rss_mib']:.0f}",
                f"{r['peak_rss_mib']:.0f}",
                f"{r['add_words_ms']:.1f}",
            ]
        )
    out.append(
        f"Speed and memory (first article: {b[names[0]]['first_article_words']} words; "
        "ms):\n"
        + table(
            rows,
            [
                "engine",
                "import (in-proc)",
                "import (wall)",
                "load",
                "1st article",
                "cold total",
                "next articles (mean)",
                "same again",
                "flag only, no sugg.",
                "RSS python MiB",
                "peak RSS MiB",
                f"add {b[names[0]]['add_words_n']} words",
            ],
        )
    )
    out.append("")
    for kind in ("copies", "distinct"):
        sc = {n: results[n].get(f"scale_{kind}") for n in names}
        sc = {n: v for n, v in sc.items() if v and "error" not in v}
        if not sc:
            continue
        ks = sorted({int(k) for n in sc for k in sc[n]["one_call"]})
        rows = []
        for n, v in sc.items():
            oc, bp = v["one_call"], v["by_paragraph"]
            row = [n]
            for k in ks:
                o, p = oc[str(k)], bp[str(k)]
                row.append(f"{o['s']:.2f} s ({1e6 * o['s'] / o['words']:.0f} µs/w)")
                row.append(f"{p['s']:.2f} s")
            row.append(f"{v['peak_rss_mib']:.0f}")
            rows.append(row)
        head = ["engine"]
        for k in ks:
            head += [f"{k}x one call", f"{k}x by paragraph"]
        what = "the issue repeated" if kind == "copies" else "distinct text of the same words"
        out.append(
            f"Scaling, {what} (1x = {next(iter(sc.values()))['words_1x']} words):\n"
            + table(rows, [*head, "peak RSS MiB"])
        )
        out.append("")
    hf = results.get("_harper_first_call")
    if hf:
        keys = list(next(iter(hf.values())))
        rows = [[c, *[f"{1000 * v[k]:.0f}" for k in keys]] for c, v in hf.items()]
        out.append(
            "Harper first calls, a fresh process per configuration (ms):\n"
            + table(rows, ["rules off", *keys])
        )
        out.append("")
    for n in names:
        s = b[n]["sample"]
        out.append(
            f"{n}: distinct false alarms ({len(s['fa_distinct'])}): " + ", ".join(s["fa_distinct"])
        )
        if s["fa_rules"] and not n.startswith(("pyspell", "symspell", "hunspell")):
            out.append(f"  by rule: {json.dumps(s['fa_rules'])}")
        missed = [w for w, d in b[n]["misspellings"]["detail"].items() if not d["flagged"]]
        wrong1 = [
            f"{w}->{d['suggestions'][:1]}"
            for w, d in b[n]["misspellings"]["detail"].items()
            if d["flagged"]
            and (
                not d["suggestions"]
                or d["suggestions"][0].lower() != dict((a, c) for a, c, _ in MISSPELLINGS)[w]
            )
        ]
        out.append(f"  misspellings missed: {missed}; wrong first suggestion: {wrong1}")
        if "with_house_vocab" in b[n]:
            hv = b[n]["with_house_vocab"]
            out.append(
                f"  with the house vocabulary ({b[n]['house_vocab_n']} words, "
                f"{b[n]['house_vocab_ms']:.1f} ms): {hv['false_alarms']} false alarms left"
            )
        out.append(f"  with the sample's names too: left {b[n]['with_vocab']['fa_distinct']}")
        grams = [f"{p['category']}:{p['rule']}" for p in b[n]["grammar"]["probes"] if p["caught"]]
        if grams:
            out.append(f"  grammar probes caught by: {grams}")
        if show_flags:
            for f in s["flag_list"]:
                out.append(
                    f"    {f['start']}:{f['end']} {f['rule']} {f['text']!r} "
                    f"{f['message']} {f['suggestions']}"
                )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sample", nargs="?", default="/work/shared/samples/analyst-issue.txt")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--scales", default="1,10,50")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the cold-start child N times and keep the fastest timings",
    )
    ap.add_argument("--show-flags", action="store_true")
    ap.add_argument("--json", help="also write every figure to this file")
    ap.add_argument(
        "--vocab",
        default=str(Path(__file__).resolve().parents[1] / "lint_rules" / "analyst" / "vocabulary"),
        help="a folder of vocabulary YAML files to add as known words ('' for none)",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="basic", help=argparse.SUPPRESS)
    ap.add_argument("--kind", default="copies", help=argparse.SUPPRESS)
    a = ap.parse_args()
    sample = Path(a.sample).resolve()
    scales = [int(k) for k in a.scales.split(",") if k]
    vocab = Path(a.vocab) if a.vocab else None
    if a.child:
        if a.mode == "basic":
            res = child_basic(a.child, sample, vocab)
        elif a.mode == "scale":
            res = child_scale(a.child, sample, scales, a.kind)
        else:
            res = child_harper_first_call(sample, a.kind)
        print(json.dumps(res))
        return
    results: dict = {}
    for n in a.engines.split(","):
        print(f"... {n}", file=sys.stderr, flush=True)
        runs = [run_child(["--child", n, "--vocab", a.vocab, str(sample)]) for _ in range(a.repeat)]
        results[n] = {"basic": fastest(runs)}
        results[n]["import_wall_s"] = startup_wall(n)
        if not a.no_scale:
            for kind in ("copies", "distinct"):
                results[n][f"scale_{kind}"] = run_child(
                    [
                        "--child",
                        n,
                        "--mode",
                        "scale",
                        "--kind",
                        kind,
                        "--scales",
                        a.scales,
                        str(sample),
                    ]
                )
    if any(n.startswith("harper") for n in results):
        results["_harper_first_call"] = {}
        for config in FIRST_CALL_CONFIGS:
            firsts = [
                run_child(["--child", "harper", "--mode", "first", "--kind", config, str(sample)])
                for _ in range(a.repeat)
            ]
            firsts = [f for f in firsts if "error" not in f] or firsts
            results["_harper_first_call"][config] = {
                k: min(f[k] for f in firsts) for k in firsts[0]
            }
    results["_env"] = {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "machine": os.uname().machine,
        "cpus": os.cpu_count(),
    }
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    env = results.pop("_env")
    hf = results.pop("_harper_first_call", None)
    print(f"Python {env['python']} on {env['machine']}, {env['cpus']} CPUs\n")
    print(report(results | {"_harper_first_call": hf}, a.show_flags))


if __name__ == "__main__":
    main()
