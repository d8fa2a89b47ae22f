"""The HTML review page: findings marked in place, escaping, self-containment, real Chromium."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefcheck.engine import check_paths, check_source, select_rules
from briefcheck.html_report import render_html
from briefcheck.pack import Pack, load_pack
from briefcheck.readers import read_bytes
from briefcheck.report import ArticleSummary, FileReport, Finding, Report
from briefcheck.stats import Limits, limits_from_pack

ISSUE = "submissions/analyst-issue.txt"
VOID = {"meta", "input", "br", "hr", "img", "link", "wbr", "col", "source", "area", "base"}
HOSTILE = (
    "By Jane <script>document.title='pwned'</script> Doe\n"
    "A lead with \"onmouseover=document.title='pwned2' x=\" and "
    "<img src=x onerror=\"document.title='pwned3'\"> in the tribal are of the text.\n"
    "\n"
    "Photo source: NASA.\n"
    "BACKGROUND: Text </textarea></mark></div><b>bold</b> &amp; more.\n"
    "IMPLICATIONS: Text.\n"
    "CONCLUSION: Text.\n"
    "AUTHOR BIO: Jane Doe is an analyst.\n"
)
HOSTILE_PATH = 'subs/<b onclick="x">"hostile"</b>.txt'


@dataclass
class Element:
    """An element seen by the parser: tag, attributes and the text inside it (nested included)."""

    tag: str
    attrs: dict[str, str | None]
    text: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The class attribute as a set."""
        return set((self.attrs.get("class") or "").split())


class Dom(HTMLParser):
    """Parse the page strictly: every end tag must close the innermost open element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[e.tag for e in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1].tag != tag:
            top = self.stack[-1].tag if self.stack else None
            self.errors.append(f"</{tag}> closes <{top}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el.text.append(data)

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        """The elements with this tag (and class)."""
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]

    def by_id(self, ident: str) -> Element:
        """The element with this id."""
        (el,) = [e for e in self.elements if e.attrs.get("id") == ident]
        return el

    def marked(self) -> dict[str, tuple[Element, str]]:
        """Each mark by id, with its whole flagged text (split fragments joined)."""
        out = {m.attrs["id"]: (m, "".join(m.text)) for m in self.find("mark")}
        for frag in self.find("span", "cont"):
            key = frag.attrs["data-of"]
            mark, text = out[key]
            out[key] = (mark, text + "".join(frag.text))
        return out


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The built-in style pack."""
    return load_pack("analyst")


@pytest.fixture(scope="module")
def limits(pack: Pack) -> Limits:
    """The pack's word limits."""
    return limits_from_pack(pack)


@pytest.fixture(scope="module")
def issue(pack: Pack, repo: Path) -> Report:
    """The report for the published issue, checked from the repository root."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        return check_paths([ISSUE], _house_rules(pack))


@pytest.fixture(scope="module")
def issue_html(issue: Report, limits: Limits) -> str:
    """The review page for the issue."""
    return render_html(issue, None, limits)


@pytest.fixture(scope="module")
def hostile(pack: Pack) -> Report:
    """A report for a submission full of markup, under a file name full of markup."""
    source = read_bytes(HOSTILE.encode(), HOSTILE_PATH)
    return Report(files=[check_source(source, _house_rules(pack))])


def tooltip(x: Finding) -> str:
    """The title a finding's mark must carry: the message, then the fix."""
    return x.message + ("" if x.fix is None else f"\nfix: {x.fix or 'delete'}")


def test_every_finding_is_marked_in_place(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    assert dom.errors == []
    marks = dom.marked()
    f = issue.files[0]
    assert len(f.findings) >= 20  # the issue has many slips; the test must not pass vacuously
    shown = Counter(
        (m.attrs["data-rule"], m.attrs["data-sev"], text, m.attrs["title"])
        for m, text in marks.values()
    )
    assert shown == Counter((x.rule, x.severity, x.text, tooltip(x)) for x in f.findings)
    # The flagged words are the very characters of the source at the finding's offsets.
    assert {x.text for x in f.findings} >= {"tribal are", "in close proximity of"}
    assert all(f.text[x.start : x.end] == x.text for x in f.findings)


def test_the_whole_text_is_shown_once(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    shown = "".join("".join(d.text) for d in dom.find("div", "text"))
    assert shown == issue.files[0].text


def test_marks_per_severity_and_empty_spans(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    counts = issue.counts()
    assert len(dom.find("mark", "sev-error")) == counts["errors"]
    assert len(dom.find("mark", "sev-warning")) == counts["warnings"]
    assert len(dom.find("mark", "sev-info")) == counts["infos"]
    empty = [x for x in issue.files[0].findings if x.start == x.end]
    assert empty  # word-count (body too short) and photo-credit-missing point at a place
    assert len(dom.find("mark", "empty")) == len(empty)
    assert all(m.attrs.get("aria-label") for m in dom.find("mark", "empty"))


def test_side_list_links_every_finding(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    items = dom.find("li", "finding")
    assert len(items) == len(issue.files[0].findings)
    marks = {m.attrs["id"] for m in dom.find("mark")}
    links = {a.attrs["href"] for a in dom.find("a", "loc")}
    assert links == {f"#{m}" for m in marks}
    assert Counter(i.attrs["data-rule"] for i in items) == Counter(
        x.rule for x in issue.files[0].findings
    )
    typo = next(i for i in items if "tribal are" in "".join(i.text))
    assert "tribal area" in "".join(typo.text)
    # The filters: a checkbox per severity with a label, a labelled rule select listing each rule.
    boxes = [i for i in dom.find("input") if i.attrs.get("name") == "sev"]
    assert [b.attrs["value"] for b in boxes] == ["error", "warning", "info"]
    options = [o.attrs["value"] for o in dom.find("option")]
    assert options == ["", *sorted({x.rule for x in issue.files[0].findings})]
    assert dom.find("label")[-1].attrs["for"] == "rule-filter"
    assert "hidden" in dom.by_id("filters").attrs  # shown by the script; the list works without


def test_overview_and_word_chart(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    assert [h.tag for h in dom.elements if h.tag in ("h1",)] == ["h1"]
    headings = ["".join(h.text) for h in dom.find("h3")]
    for a in issue.files[0].articles:
        assert f"Article {a.number} — {a.byline}" in headings
    charts = dom.find("table", "parts")
    assert len(charts) == 4
    rows = [r for r in dom.find("tr") if {"st-short", "st-over"} & r.classes]
    assert [" | ".join(_cells(dom, r)) for r in rows] == [
        "body | 1,124 | 1,200–1,400 |  | 76 short",
        "body | 1,417 | 1,200–1,400 |  | 17 over",
    ]
    table = dom.find("table", "overview")[0]
    rows = [_cells(dom, r) for r in _within(dom, table) if r.tag == "tr"][1:]  # after the head
    assert rows[0][:3] == [ISSUE, "1 By Emil Avdaliani", "1,124"]
    assert [r[-5:-3] for r in rows] == [
        ["1 By Emil Avdaliani", "1,124"],
        ["2 By Syed Fazl-e-Haider", "1,417"],
        ["3 By Rafis Abazov", "1,223"],
        ["4 By Aigerim Turgunbaeva and Fayazuddin Ghiasi", "1,232"],
    ]
    errors = Counter(x.article for x in issue.files[0].findings if x.severity == "error")
    assert [int(r[-3]) for r in rows] == [errors[n] for n in (1, 2, 3, 4)]


def test_articles_are_split_at_their_bylines(issue: Report, issue_html: str) -> None:
    dom = Dom(issue_html)
    articles = dom.find("article", "article")
    assert len(articles) == 4
    marks = dom.marked()
    f = issue.files[0]
    for article, summary in zip(articles, f.articles, strict=True):
        assert article.attrs["id"] == f"a-1-{summary.number}"
        within = _within(dom, article)
        body = next(e for e in within if e.tag == "div" and "text" in e.classes)
        assert "".join(body.text).startswith(f"{summary.byline}\n")
        inside = Counter(
            (e.attrs["data-rule"], marks[e.attrs["id"]][1]) for e in within if e.tag == "mark"
        )
        assert inside == Counter(
            (x.rule, x.text) for x in f.findings if x.article == summary.number
        )


def _cells(dom: Dom, row: Element) -> list[str]:
    """The texts of a table row's cells."""
    i = dom.elements.index(row)
    end = next((j for j in range(i + 1, len(dom.elements)) if dom.elements[j].tag == "tr"), None)
    cells = [e for e in dom.elements[i + 1 : end] if e.tag in ("th", "td")]
    return ["".join(c.text) for c in cells]


def _within(dom: Dom, container: Element) -> list[Element]:
    """The elements after `container` up to its end (the parser keeps document order)."""
    i = dom.elements.index(container)
    following = dom.elements[i + 1 :]
    nxt = next((e for e in following if e.tag == "article"), None)
    return following[: following.index(nxt)] if nxt else following


def test_hostile_submission_renders_as_text(hostile: Report, limits: Limits) -> None:
    html = render_html(hostile, None, limits)
    dom = Dom(html)
    assert dom.errors == []
    assert len(dom.find("script")) == 1  # ours only
    assert not dom.find("img") and not dom.find("b") and not dom.find("textarea")
    for el in dom.elements:
        assert not any(name.startswith("on") for name in el.attrs), el
    assert "<script>document" not in html and "<img" not in html
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "&quot;onmouseover=" in html
    assert "&amp;amp;" in html  # an entity in the text stays the characters the author typed
    assert "".join(dom.find("title")[0].text) == "briefcheck review"
    shown = "".join("".join(d.text) for d in dom.find("div", "text"))
    assert shown == HOSTILE
    assert HOSTILE_PATH in ["".join(h.text) for h in dom.find("h2", "path")]
    # A finding whose message quotes the markup keeps it inside the (escaped) title attribute.
    titles = [m.attrs["title"] or "" for m in dom.find("mark")]
    assert any("tribal are" in t for t in titles)


def test_the_page_is_self_contained(issue_html: str, hostile: Report, limits: Limits) -> None:
    for html in (issue_html, render_html(hostile, None, limits, title='<x "y">')):
        dom = Dom(html)
        assert "http://" not in html and "https://" not in html
        assert "@import" not in html and "url(" not in html
        banned = {"link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
        assert not [e.tag for e in dom.elements if e.tag in banned]
        for el in dom.elements:
            assert "src" not in el.attrs
            href = el.attrs.get("href")
            assert href is None or href.startswith("#"), href
            assert "action" not in el.attrs
    assert "<title>&lt;x &quot;y&quot;&gt;</title>" in render_html(hostile, None, limits, '<x "y">')
    assert "src=" not in issue_html  # the hostile text holds "src=x", but only as escaped text


def test_output_is_deterministic(pack: Pack, repo: Path, limits: Limits, issue_html: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        again = check_paths([ISSUE], _house_rules(pack))
    assert render_html(again, None, limits) == issue_html


def _house_rules(pack: Pack):
    """Every house rule, without the proofreading engine (its findings are pinned elsewhere)."""
    return select_rules(pack, ignore=["spelling", "grammar", "engine-unavailable"])


def _report(source: str, spans: list[tuple[int, int, str]], **file_kw) -> Report:
    findings = [
        Finding(
            rule=rule,
            severity="error" if i % 2 == 0 else "info",
            line=1,
            column=a + 1,
            end_line=1,
            end_column=b + 1,
            article=1,
            text=source[a:b],
            message=f"{rule} says <b>no</b>",
            fix=None,
            start=a,
            end=b,
        )
        for i, (a, b, rule) in enumerate(spans)
    ]
    summary = ArticleSummary(1, None, 3, {"lead": 3})
    f = FileReport(path="x.txt", articles=[summary], findings=findings, **file_kw)
    return Report(files=[f])


def test_crossing_and_nested_spans_stay_well_formed() -> None:
    text = "abcdefghij\nklmnop"
    spans = [(0, 17, "outer"), (2, 6, "left"), (4, 8, "right"), (5, 5, "point"), (4, 8, "same")]
    report = _report(text, spans, text=text)
    dom = Dom(render_html(report, None, {}))
    assert dom.errors == []
    marks = dom.marked()
    assert len(dom.find("mark")) == len(spans)
    assert sorted((m.attrs["data-rule"], t) for m, t in marks.values()) == sorted(
        (rule, text[a:b]) for a, b, rule in spans
    )
    assert dom.find("span", "cont")  # the crossing pair needed a fragment
    assert "".join("".join(d.text) for d in dom.find("div", "text")) == text


def test_crlf_offsets_and_texts_argument() -> None:
    text = "one\r\ntwo three\r\nfour"
    spans = [(5, 14, "cross-line"), (9, 19, "to-four"), (3, 3, "at-eol")]
    report = _report(text, spans)  # no FileReport.text: the texts mapping supplies it
    dom = Dom(render_html(report, {"x.txt": text}, {}))
    assert dom.errors == []
    assert sorted(t for _, t in dom.marked().values()) == sorted(text[a:b] for a, b, _ in spans)
    assert "".join("".join(d.text) for d in dom.find("div", "text")) == text
    without = Dom(render_html(report, None, {}))
    assert not without.find("div", "text") and len(without.find("li", "finding")) == 3


def test_unreadable_file_and_empty_run() -> None:
    report = Report(files=[FileReport(path="gone<1>.txt", error="no such file")])
    dom = Dom(render_html(report, {}, {}))
    assert dom.errors == []
    assert "Not checked: no such file" in "".join(dom.find("p", "file-error")[0].text)
    assert "gone&lt;1&gt;.txt" in render_html(report, {}, {})
    assert Dom(render_html(Report(), {}, {})).errors == []


# ---- real headless Chromium -------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Run headless Chromium on a local page; its standard output."""
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def png_size_and_variety(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values in the decoded image data."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw[:: max(1, len(raw) // 200_000)]))


@needs_chromium
def test_chromium_screenshot(tmp_path: Path, issue_html: str) -> None:
    page = tmp_path / "review.html"
    page.write_text(issue_html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    data = shot.read_bytes()
    width, height, variety = png_size_and_variety(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
    assert variety > 100


@needs_chromium
def test_chromium_dom_holds_the_findings_and_no_hostile_script_ran(
    tmp_path: Path, issue: Report, hostile: Report, limits: Limits
) -> None:
    both = Report(files=issue.files + hostile.files, rules=issue.rules | hostile.rules)
    page = tmp_path / "review.html"
    page.write_text(render_html(both, None, limits), encoding="utf-8")
    dom = Dom(chromium(tmp_path, page, "--dump-dom"))
    counts = both.counts()
    assert len(dom.find("mark", "sev-error")) == counts["errors"]
    assert len(dom.find("mark", "sev-warning")) == counts["warnings"]
    assert len(dom.find("li", "finding")) == counts["findings"]
    assert "hidden" not in dom.by_id("filters").attrs  # our script did run …
    assert "".join(dom.find("title")[0].text) == "briefcheck review"  # … the hostile one did not
    assert not dom.find("img") and len(dom.find("script")) == 1


@needs_chromium
def test_chromium_pin_and_filter(tmp_path: Path, issue: Report, issue_html: str) -> None:
    drive = (
        "<script>"
        'document.querySelector("mark.sev-error:not(.empty)").click();'
        'var s=document.getElementById("rule-filter");s.value="house-typo";'
        's.dispatchEvent(new Event("change",{bubbles:true}));'
        "</script></body>"
    )
    page = tmp_path / "review.html"
    page.write_text(issue_html.replace("</body>", drive), encoding="utf-8")
    dom = Dom(chromium(tmp_path, page, "--dump-dom"))
    pinned = [e for e in dom.elements if "pinned" in e.classes]
    assert pinned and pinned[0].tag == "mark"
    details = "".join(dom.by_id("details-body").text)
    assert pinned[0].attrs["data-rule"] in details
    listed = [i for i in dom.find("li", "finding") if "id" in i.attrs]
    shown = [i for i in listed if "hidden" not in i.attrs]
    assert shown and {i.attrs["data-rule"] for i in shown} == {"house-typo"}
    muted = {m.attrs["data-rule"] for m in dom.find("mark", "muted")}
    assert "house-typo" not in muted and muted
    typos = sum(x.rule == "house-typo" for x in issue.files[0].findings)
    total = len(issue.files[0].findings)
    assert "".join(dom.by_id("shown").text) == f"({typos} of {total})"


def test_every_submission_renders_well_formed(pack: Pack, repo: Path, limits: Limits) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        report = check_paths(["submissions"], _house_rules(pack))
    assert len(report.files) >= 10
    dom = Dom(render_html(report, None, limits))
    assert dom.errors == []
    assert len(dom.find("mark")) == report.counts()["findings"]
    shown = {h.attrs["id"]: "".join(d.text) for h, d in _file_texts(dom)}
    assert shown == {f"file-{i}": f.text for i, f in enumerate(report.files, 1)}


def _file_texts(dom: Dom) -> list[tuple[Element, Element]]:
    """Each file section with the joined text of its article texts, as one pseudo element."""
    out = []
    sections = dom.find("section", "file")
    for i, section in enumerate(sections):
        start = dom.elements.index(section)
        stop = dom.elements.index(sections[i + 1]) if i + 1 < len(sections) else None
        divs = [e for e in dom.elements[start:stop] if e.tag == "div" and "text" in e.classes]
        out.append((section, Element("div", {}, ["".join("".join(d.text) for d in divs)])))
    return out
