"""The reviewer's front pages: reports/index.html (every region) and one per region.

Static HTML only, with relative links, so the pages read the same from a clone, a zip or
any static host. Each page exists in English and Indonesian and links to the other:
``reports/index.html`` / ``reports/index.id.html`` and ``reports/SLUG/index.html`` /
``reports/SLUG/id/index.html``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from analysis.claims.text import claims_frame
from analysis.labels import LABELS, t
from analysis.region.config import load_region
from analysis.report.nbsupport import render_table

CSS = """body{font:15px/1.55 system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:0 16px 40px;
color:#222}
h1{font-size:1.6em;margin-top:.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
a{color:#1f5f8b}nav{padding:8px 0;border-bottom:1px solid #ddd;display:flex;gap:18px}
.notice{background:#fff6e0;border-left:4px solid #d1a03d;padding:8px 12px}
table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#eef3f7}
.table-scroll{overflow-x:auto;max-width:100%}"""


def _page(lang: str, title: str, nav: list[tuple[str, str]], body: str) -> str:
    links = "".join(f'<a href="{html.escape(h)}">{html.escape(x)}</a>' for h, x in nav)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<nav>{links}</nav>\n<h1>{html.escape(title)}</h1>\n{body}</body>\n</html>\n"
    )


def _notebook_title(stem: str, lang: str) -> str:
    key = f"nb{stem[:2]}_title"
    return f"{stem[:2]} {t(key, lang)}" if key in LABELS else stem


def _region_bits(root: Path, slug: str, lang: str) -> dict[str, Any]:
    region = load_region(slug, root)
    findings = json.loads((root / "reports" / slug / "findings.json").read_text("utf-8"))
    note = ""
    if region.get("reconstruction"):
        text = (region.get("data_note_id") if lang == "id" else None) or region.get("data_note")
        note = (
            f'<p class="notice"><strong>{html.escape(t("reconstruction_title", lang))}.</strong> '
            f"{html.escape(text or t('reconstruction_note', lang))}</p>\n"
        )
    n = sum(bool(f.get("reproduced")) for f in findings)
    summary = html.escape(t("idx_summary", lang).format(n=n, total=len(findings)))
    return {
        "region": region,
        "note": note,
        "claims": f"<p>{summary}</p>\n" + render_table(claims_frame(findings, lang), lang),
        "period": f"{region.start:%Y-%m-%d} – {region.end:%Y-%m-%d}",
    }


def _links_table(root: Path, slug: str, lang: str, base: str) -> str:
    """Notebooks in both languages, each as reading copy and with code; base = path to reports/SLUG."""
    stems = sorted(p.stem for p in (root / "notebooks").glob("*.ipynb"))
    rep = root / "reports" / slug
    rows = []
    for stem in stems:
        cells = [html.escape(_notebook_title(stem, lang))]
        for sub in ("html", "id/html"):
            parts = []
            for suffix, key in ((".html", "idx_reading"), (".code.html", "idx_code")):
                if (rep / sub / f"{stem}{suffix}").exists():
                    href = f"{base}{sub}/{stem}{suffix}"
                    parts.append(f'<a href="{href}">{html.escape(t(key, lang))}</a>')
            cells.append(" · ".join(parts) or html.escape(t("idx_not_built", lang)))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = (
        f"<tr><th>{html.escape(t('idx_notebooks', lang))}</th>"
        "<th>English</th><th>Bahasa Indonesia</th></tr>"
    )
    return f'<div class="table-scroll"><table>{head}{"".join(rows)}</table></div>\n'


def _tables_list(root: Path, slug: str, lang: str, base: str) -> str:
    sub = "tables" if lang == "en" else "id/tables"
    folder = root / "reports" / slug / sub
    names = sorted({p.stem for p in folder.glob("*.csv")}) if folder.exists() else []
    items = []
    for name in names:
        files = [
            f'<a href="{base}{sub}/{name}.{ext}">{ext.upper()}</a>'
            for ext in ("csv", "xlsx")
            if (folder / f"{name}.{ext}").exists()
        ]
        items.append(f"<li>{html.escape(name)}: {' · '.join(files)}</li>")
    return f"<ul>{''.join(items)}</ul>\n"


def region_page(root: Path, slug: str, lang: str) -> str:
    bits = _region_bits(root, slug, lang)
    region = bits["region"]
    base = "" if lang == "en" else "../"  # from reports/SLUG/ or reports/SLUG/id/
    top = "../index.html" if lang == "en" else "../../index.id.html"
    other = "id/index.html" if lang == "en" else "../index.html"
    title = f"{t('idx_title', lang)}: {region.get('name', slug)}"
    body = (
        f"<p>{html.escape(t('idx_intro', lang))}</p>\n{bits['note']}"
        f"<p>{html.escape(t('idx_period', lang))}: {bits['period']}</p>\n"
        f"<h2>{html.escape(t('idx_claims', lang))}</h2>\n{bits['claims']}"
        f"<h2>{html.escape(t('idx_notebooks', lang))}</h2>\n"
        + _links_table(root, slug, lang, base)
        + f'<h2 id="tables">{html.escape(t("idx_tables", lang))}</h2>\n'
        + _tables_list(root, slug, lang, base)
    )
    nav = [(top, t("idx_all", lang)), (other, t("idx_lang", lang))]
    return _page(lang, title, nav, body)


def index_page(root: Path, slugs: list[str], lang: str) -> str:
    other = "index.id.html" if lang == "en" else "index.html"
    parts = [f"<p>{html.escape(t('idx_intro', lang))}</p>\n"]
    for slug in slugs:
        bits = _region_bits(root, slug, lang)
        page = f"{slug}/index.html" if lang == "en" else f"{slug}/id/index.html"
        name = html.escape(str(bits["region"].get("name", slug)))
        parts.append(
            f'<h2 id="{html.escape(slug)}"><a href="{page}">{name}</a></h2>\n{bits["note"]}'
            f"<p>{html.escape(t('idx_period', lang))}: {bits['period']}</p>\n{bits['claims']}"
            f"<h3>{html.escape(t('idx_notebooks', lang))}</h3>\n"
            + _links_table(root, slug, lang, f"{slug}/")
            + f'<p><a href="{page}#tables">{html.escape(t("idx_tables", lang))}</a></p>\n'
        )
    return _page(lang, t("idx_title", lang), [(other, t("idx_lang", lang))], "".join(parts))


def write_front_pages(root: Path, only: list[str] | None = None, top: bool = True) -> list[Path]:
    """Write the front pages of the regions that have findings (of `only`, when given) and,
    with `top`, the pages listing every region; return the paths."""
    reports = root / "reports"
    slugs = sorted(p.parent.name for p in reports.glob("*/findings.json"))
    written = []
    for slug in slugs if only is None else [s for s in slugs if s in only]:
        for lang, path in (
            ("en", reports / slug / "index.html"),
            ("id", reports / slug / "id" / "index.html"),
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(region_page(root, slug, lang), encoding="utf-8")
            written.append(path)
    if slugs and top:
        for lang, path in (("en", reports / "index.html"), ("id", reports / "index.id.html")):
            path.write_text(index_page(root, slugs, lang), encoding="utf-8")
            written.append(path)
    return written
