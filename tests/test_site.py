"""The reviewer's site in headless Chromium, as an examiner reads it on a laptop and a phone.

Every page of the committed copy (study, methods, each region's front page, codebook and
notebook pages, both languages) must load without console errors, show every image, resolve
every link to a file in the repository, show no code in the reading copy, have a real title,
alt text of its own, the sidebar and previous/next, its caveat, claims that link to evidence
really on the linked page, no table wider than a 390 px phone screen, and no English on an
Indonesian page. The checks are first run on planted bad pages, so each is shown to fail.

Each page is opened once per width and its facts are shared by the checks. Full-page
screenshots of every page at both widths (build/screenshots/site/, for a person to look at)
are taken by `make screenshots` (`pytest tests/test_site.py --screenshots`): about a second
each, they are for eyes, and no check reads them. Without Chromium the tests skip and say why
(.ci/run installs it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from chromium_cdp import Browser, chromium
from test_language import english_only

from analysis.labels import t

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
SHOTS = ROOT / "build" / "screenshots" / "site"
MACHINE_WORDS = ("PosixPath", "staging", "/work/", "/home/", "/tmp/")
DEFAULT_ALT = "No description has been provided for this image"

FACTS = """(() => {
  const q = s => [...document.querySelectorAll(s)];
  return JSON.stringify({
    title: document.title, lang: document.documentElement.lang,
    alts: q('img').map(i => i.getAttribute('alt') || ''),
    sidebar: q('nav.site-side a').length, prevnext: q('nav.prevnext a').length,
    claims: q('table.claims tbody tr').filter(tr => tr.querySelector('a.evidence, td')).map(tr =>
      ({id: tr.cells[0].innerText.trim(),
        evidence: [...tr.querySelectorAll('a.evidence')].map(a => a.href)})),
    evidence_tables: q('table.claims').filter(t => t.querySelector('a.evidence')).length,
    scroll_width: document.documentElement.scrollWidth, width: window.innerWidth,
    claims_right: Math.max(0, ...q('table.claims').map(t => t.getBoundingClientRect().right)),
    text: (() => {  // what a reader reads: code cells of the copy with code are code
      const c = document.body.cloneNode(true);
      c.querySelectorAll('.jp-InputArea, .jp-InputPrompt').forEach(e => e.remove());
      return c.textContent; })()});
})()"""


def site_pages() -> list[Path]:
    pages = [
        REPORTS / p for p in ("index.html", "index.id.html", "methods.html", "methods.id.html")
    ]
    for sub in ("", "id/"):
        pages += sorted(REPORTS.glob(f"*/{sub}index.html"))
        pages += sorted(REPORTS.glob(f"*/{sub}codebook.html"))
        pages += sorted(REPORTS.glob(f"*/{sub}html/*.html"))
    return [p for p in pages if p.exists()]


def is_indonesian(page: Path) -> bool:
    rel = page.relative_to(REPORTS).as_posix()
    return rel.endswith(".id.html") or "/id/" in f"/{rel}"


_SEEN: dict[tuple[Path, int], tuple[dict, dict]] = {}


def load(browser: Browser, page: Path) -> tuple[dict, dict]:
    """(what the page loaded: errors, images, links, code; what a reader sees: FACTS) of one
    page at the browser's width, read once and shared by every check of this module."""
    key = (page, browser.width)
    if key not in _SEEN:
        loaded = browser.open(page.as_uri())
        res = browser.call("Runtime.evaluate", expression=FACTS, returnByValue=True)
        _SEEN[key] = loaded, json.loads(res["result"]["value"])
    return _SEEN[key]


def facts_of(browser: Browser, page: Path) -> dict:
    return load(browser, page)[1]


def loading_problems(facts: dict, page: Path) -> list[str]:
    """What went wrong while a page loaded, or what it shows that it must not."""
    out = [f"console error: {e}" for e in facts["errors"]]
    out += [f"image did not load: {i['src']}" for i in facts["images"] if not i["ok"]]
    if not all(i["alt"].strip() for i in facts["images"]):
        out.append("an image without alt text")
    for href in facts["links"]:
        url = urlparse(href)
        target = Path(unquote(url.path))
        if url.scheme != "file":
            out.append(f"link leaves the repository: {href}")
        elif not target.exists():
            out.append(f"link to a missing file: {href}")
        elif REPORTS not in target.resolve().parents:
            out.append(f"link outside reports/: {href}")
    if facts["unscrolled_wide_tables"]:
        out.append("a wide table is cut at the window edge")
    if page.parent.name == "html" and not page.name.endswith(".code.html"):
        if facts["code"] or "import " in facts["text"] or "S.say(" in facts["text"]:
            out.append("code is visible in the reading copy")
    elif page.name.endswith(".code.html") and not facts["code"]:
        out.append("the copy with code shows no code")
    out += [f"{bad!r} is visible" for bad in MACHINE_WORDS if bad in facts["text"]]
    return out


def caveat_of(page: Path, lang: str) -> str:
    """The sentence a page must show: what agreement on a reconstruction does not show."""
    if page.parent == REPORTS:  # the study and methods pages
        return t("site_caveat_not", lang)[:60]
    if page.name == "codebook.html":  # column definitions: no results to qualify
        return ""
    return t("reconstruction_title", lang)  # the notice on region and notebook pages


def problems(f: dict, page: Path, phone: bool = False) -> list[str]:
    """What is wrong with one page, as a reader would notice it."""
    out = [] if f["lang"] in ("en", "id") else [f"page language {f['lang']!r}"]
    lang = "id" if f["lang"] == "id" else "en"
    if DEFAULT_ALT in f["alts"] or any(not a.strip() for a in f["alts"]):
        out.append("an image with nbconvert's default or no alt text")
    if f["title"].strip() in ("", "Notebook") or "Notebook" in f["title"]:
        out.append(f"a generic page title {f['title']!r}")
    if not f["sidebar"] or not f["prevnext"]:
        out.append("no sidebar or no previous/next navigation")
    for claim in f["claims"]:
        if f["evidence_tables"] and not claim["evidence"]:
            out.append(f"claim {claim['id']} links to no evidence")
        for href in claim["evidence"]:
            url = urlparse(href)
            target = Path(unquote(url.path))
            if not target.exists() or f'id="{url.fragment}"' not in target.read_text("utf-8"):
                out.append(f"claim {claim['id']}: evidence {href} is not on its page")
    if caveat_of(page, lang) not in f["text"]:
        out.append("the reconstruction caveat is missing")
    if phone and (f["scroll_width"] > f["width"] + 1 or f["claims_right"] > f["width"] + 1):
        out.append(f"wider than the phone screen ({f['scroll_width']} px > {f['width']} px)")
    if lang == "id":
        words = english_only().values()
        left = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", f["text"])]
        if left:
            out.append(f"English on an Indonesian page: {sorted(set(left))}")
    return out


@pytest.fixture(scope="module")
def browsers():
    binary = chromium()
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    wide, phone = Browser(binary, width=1280), Browser(binary, width=390, height=844)
    yield wide, phone
    wide.close()
    phone.close()


BAD = """<!DOCTYPE html><html lang="{lang}"><head><title>Notebook</title></head><body>
<img alt="No description has been provided for this image" src="data:image/png;base64,
iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==">
<table class="claims"><tbody><tr><td>C1</td><td>{wide}</td></tr></tbody></table>
<p>Claims reproduced</p></body></html>"""


def test_the_checks_catch_a_bad_page(browsers, tmp_path: Path) -> None:
    """A page with every fault planted: each check must name its fault."""
    wide, phone = browsers
    (tmp_path / "id").mkdir()
    page = tmp_path / "id" / "bad.html"
    page.write_text(BAD.format(lang="id", wide="x" * 400), encoding="utf-8")
    found = " | ".join(problems(facts_of(phone, page), page, phone=True))
    for fault in (
        "default or no alt text",
        "generic page title",
        "no sidebar",
        "caveat is missing",
        "wider than the phone screen",
        "English on an Indonesian page",
    ):
        assert fault in found, (fault, found)


def test_the_checks_catch_a_claim_without_evidence(browsers, tmp_path: Path) -> None:
    wide, _ = browsers
    page = tmp_path / "claims.html"
    other = tmp_path / "target.html"
    other.write_text('<p id="figure-a">a</p>', encoding="utf-8")
    page.write_text(
        '<table class="claims"><tbody>'
        '<tr><td>C1</td><td><a class="evidence" href="target.html#figure-a">ok</a></td></tr>'
        "<tr><td>C2</td><td>nothing</td></tr>"
        '<tr><td>C3</td><td><a class="evidence" href="target.html#figure-gone">x</a></td></tr>'
        "</tbody></table>",
        encoding="utf-8",
    )
    found = problems(facts_of(wide, page), page)
    assert any("claim C2 links to no evidence" in p for p in found), found
    assert any("claim C3: evidence" in p for p in found), found
    assert not any("C1" in p for p in found), found


def test_every_page_exists() -> None:
    assert (REPORTS / "index.html").exists() and (REPORTS / "index.id.html").exists()
    assert len(site_pages()) > 4


def test_the_loading_checks_catch_a_broken_page(browsers, tmp_path: Path) -> None:
    """A reading copy with every loading fault planted: each check must name its fault."""
    wide, _ = browsers
    (tmp_path / "html").mkdir()
    page = tmp_path / "html" / "bad.html"
    page.write_text(
        '<html><body><script>console.error("planted failure")</script>'
        '<img src="gone.png" alt="a chart"><img src="gone2.png">'
        '<a href="https://example.org/">out</a><a href="missing.html">x</a>'
        f'<div style="width:200px"><table><tr><td>{"w" * 400}</td></tr></table></div>'
        "<pre>import pandas</pre><p>saved in /tmp/staging</p></body></html>",
        encoding="utf-8",
    )
    found = " | ".join(loading_problems(wide.open(page.as_uri()), page))
    for fault in (
        "planted failure",
        "image did not load: gone.png",
        "an image without alt text",
        "link leaves the repository",
        "link to a missing file",
        "code is visible in the reading copy",
        "'/tmp/' is visible",
    ):
        assert fault in found, (fault, found)


@pytest.mark.parametrize("page", site_pages(), ids=lambda p: str(p.relative_to(REPORTS)))
def test_page_reads_cleanly(browsers, page: Path) -> None:
    """Loads without errors, every image and link resolves, no code or machine path shows."""
    wide, _ = browsers
    found = loading_problems(load(wide, page)[0], page)
    assert not found, f"{page.relative_to(REPORTS)}: {found}"


@pytest.mark.parametrize("page", site_pages(), ids=lambda p: str(p.relative_to(REPORTS)))
def test_site_page(browsers, page: Path, request: pytest.FixtureRequest) -> None:
    wide, phone = browsers
    found = problems(facts_of(wide, page), page)
    if facts_of(wide, page)["lang"] != ("id" if is_indonesian(page) else "en"):
        found.append("the page declares the wrong language")
    found += problems(facts_of(phone, page), page, phone=True)
    if request.config.getoption("--screenshots"):
        rel = page.relative_to(REPORTS).as_posix().replace("/", "__").removesuffix(".html")
        for browser in (wide, phone):
            browser.open(page.as_uri())
            browser.screenshot(SHOTS / f"{rel}.{browser.width}.png", full=True)
    assert not found, f"{page.relative_to(REPORTS)}: {sorted(set(found))}"


def test_every_region_and_language_has_its_pdf() -> None:
    """The PDF the sidebar offers is there and is a PDF of several pages."""
    for front in REPORTS.glob("*/findings.json"):
        slug = front.parent.name
        for pdf in (front.parent / f"{slug}-en.pdf", front.parent / "id" / f"{slug}-id.pdf"):
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-"), pdf
            assert len(re.findall(rb"/Type\s*/Page\b", data)) > 5, pdf
            # no address of the machine it was printed on (a user name, a folder, a dead link)
            assert b"file:" not in data and str(ROOT).encode() not in data, pdf


def test_pdf_print_page_keeps_link_text_and_drops_addresses(tmp_path) -> None:
    """Links of the site's pages lead nowhere from the print page: text kept, address dropped."""
    from analysis.report.pdf import HREF

    html = '<p>See <a class="x" href="../depok/index.html">Depok</a> and <a href="#f1">F1</a></p>'
    assert HREF.sub(r"\1", html) == '<p>See <a class="x">Depok</a> and <a>F1</a></p>'
