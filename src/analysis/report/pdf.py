"""One PDF of the reviewer's copy per region and language (examiners annotate PDFs).

The study page, the region's front page, every reading copy of its notebooks and the methods
page are put one after another in a print page beside the notebook pages (so their styles
and images resolve), which headless Chromium prints offline. The PDF's creation and
modification dates are set to a fixed value of the same length, so the same pages give the
same bytes. Without Chromium the PDFs are left as they are and the run says so.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from analysis.labels import t
from analysis.report.render import STYLE
from analysis.report.site import CSS, PAGE_CSS, Here, file_of, notebook_stems, path_of, region_name

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)
MAIN = re.compile(r'<main class="site-main">(.*?)<nav class="prevnext"', re.S)
PDF_DATE = re.compile(rb"\(D:(\d{14})")
# links are written relative to each page's own folder, which the print page does not share;
# Chromium would print them as absolute file:// addresses of this machine (its user name
# and folders) that lead nowhere in the PDF: the link text stays, the address goes
HREF = re.compile(r'(<a\b[^>]*?)\s+href="[^"]*"')


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _main(page: Path) -> str:
    """The content of a site page, without its sidebar and navigation."""
    m = MAIN.search(page.read_text(encoding="utf-8"))
    return HREF.sub(r"\1", m.group(1)) if m else ""


def print_page(reports: Path, slug: str, lang: str) -> str:
    """Every page of one region and language, in reading order, one section per page."""
    pages = [Here(lang, "index"), Here(lang, "region", slug)]
    pages += [Here(lang, stem, slug) for stem in notebook_stems(reports.parent)]
    pages.append(Here(lang, "methods"))
    sections = [
        f'<section class="print-page">{_main(reports / path_of(h))}</section>'
        for h in pages
        if (reports / path_of(h)).exists()
    ]
    style = (
        ".print-page{break-before:page}.print-page:first-child{break-before:auto}"
        ".site-main{padding:0}.copy-link{display:none}.table-scroll{overflow:visible}"
        "body{margin:0 12px}"
    )
    title = f"{region_name(slug, reports.parent)} · {t('idx_title', lang)}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<link rel="stylesheet" href="notebook.css">'
        f"{STYLE}<style>{PAGE_CSS}{CSS}{style}</style></head>"
        f'<body class="jp-Notebook">{"".join(sections)}</body></html>\n'
    )


def _fixed_dates(pdf: bytes) -> bytes:
    """Creation and modification dates replaced by one of the same length (offsets kept)."""
    return PDF_DATE.sub(b"(D:20000101000000", pdf)


def write_pdfs(root: Path, slugs: list[str], say=print) -> list[Path]:  # noqa: ANN001
    """Print reports/SLUG[/id]/SLUG-LANG.pdf for every region and language."""
    binary = chromium()
    if binary is None:
        say("PDFs not made: chromium is not installed (apt-get install chromium)")
        return []
    reports = root / "reports"
    written = []
    for slug in slugs:
        for lang in ("en", "id"):
            html_dir = reports / path_of(Here(lang, "00", slug)).rsplit("/", 1)[0]
            if not (html_dir / "notebook.css").exists():
                continue
            out = reports / file_of(slug, lang, "pdf")
            src = html_dir / f".print-{lang}.html"
            src.write_text(print_page(reports, slug, lang), encoding="utf-8")
            with tempfile.TemporaryDirectory(prefix="chromium-pdf-") as profile:
                try:
                    subprocess.run(
                        [
                            binary,
                            *FLAGS,
                            f"--user-data-dir={profile}",
                            f"--print-to-pdf={out.resolve()}",
                            src.resolve().as_uri(),
                        ],
                        check=True,
                        capture_output=True,
                        timeout=300,
                    )
                finally:
                    src.unlink(missing_ok=True)
            out.write_bytes(_fixed_dates(out.read_bytes()))
            written.append(out)
    return written
