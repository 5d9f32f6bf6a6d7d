"""Open the committed reviewer copy in headless Chromium, as a thesis examiner would.

Every page (front pages and every notebook, both languages, both renderings) must load
without console errors, show every image, resolve every link to a file in the repository,
and the reading copy must show no code. Screenshots go to build/screenshots/ for a person
to look at. Without Chromium the test skips and says why (.ci/run installs it).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from chromium_cdp import Browser, chromium

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
SHOTS = ROOT / "build" / "screenshots"


def pages() -> list[Path]:
    fronts = [REPORTS / "index.html", REPORTS / "index.id.html"]
    fronts += sorted(REPORTS.glob("*/index.html")) + sorted(REPORTS.glob("*/id/index.html"))
    return fronts + sorted(REPORTS.glob("*/html/*.html")) + sorted(REPORTS.glob("*/id/html/*.html"))


@pytest.fixture(scope="module")
def browser():
    binary = chromium()
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    b = Browser(binary)
    yield b
    b.close()


def test_every_page_exists() -> None:
    assert (REPORTS / "index.html").exists() and (REPORTS / "index.id.html").exists()
    assert len(pages()) > 4


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(REPORTS)))
def test_page_reads_cleanly(browser: Browser, page: Path) -> None:
    facts = browser.open(page.as_uri())
    assert facts["errors"] == [], facts["errors"]
    broken = [i["src"] for i in facts["images"] if not i["ok"]]
    assert not broken, f"images that did not load: {broken}"
    assert all(i["alt"].strip() for i in facts["images"]), "an image without alt text"
    for href in facts["links"]:
        url = urlparse(href)
        assert url.scheme == "file", f"link leaves the repository: {href}"
        target = Path(unquote(url.path))
        assert target.exists(), f"{page.name}: link to a missing file {href}"
        assert REPORTS in target.resolve().parents, f"link outside reports/: {href}"
    assert facts["unscrolled_wide_tables"] == 0, "a wide table is cut at the window edge"
    reading_copy = page.parent.name == "html" and not page.name.endswith(".code.html")
    if reading_copy:
        assert facts["code"] == 0, "code is visible in the reading copy"
        assert "import " not in facts["text"] and "S.say(" not in facts["text"]
    elif page.name.endswith(".code.html"):
        assert facts["code"] > 0, "the copy with code shows no code"
    for bad in ("PosixPath", "staging", "/work/", "/home/", "/tmp/"):
        assert bad not in facts["text"], f"{bad!r} visible on {page.name}"
    rel = page.relative_to(REPORTS).as_posix().replace("/", "__")
    browser.screenshot(SHOTS / rel.replace(".html", ".png"))
    browser.screenshot(SHOTS / "full" / rel.replace(".html", ".png"), full=True)
