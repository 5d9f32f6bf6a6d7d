"""The reviewer's site: where every page lives, its sidebar, previous/next and page shell.

Pages sit at four depths under reports/: the study page and the methods page (depth 0), a
region's front page (reports/SLUG/index.html; its Indonesian twin one folder deeper), and
one page per notebook (reports/SLUG/html/NAME.html; Indonesian under reports/SLUG/id/html/).
Every link is relative, so the site reads the same from a clone, a zip or a static host,
offline and without scripts. One reading order (study, methods, then each region's front
page and notebooks, the thesis region first) gives the previous/next links.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.labels import LABELS, t
from analysis.paths import regions
from analysis.region.config import ConfigError, load_region

# House style of every page the project writes itself (nbconvert pages add their own).
CSS = """
.site{display:grid;grid-template-columns:15rem minmax(0,1fr);gap:0 28px;max-width:1240px;
  margin:0 auto;padding:0 14px}
.site-side{font:14px/1.45 system-ui,sans-serif;border-right:1px solid #ddd;padding:12px 14px 40px 0}
.site-side ul{list-style:none;padding-left:0;margin:.2em 0 .8em}
.site-side ul ul{padding-left:.9em;margin:.1em 0 .3em}
.site-side li{margin:.15em 0}
.site-side .here{font-weight:700}
.site-side h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#555;
  margin:.9em 0 .2em;border:0}
.site-main{min-width:0;padding-bottom:40px}
.site-top{font:14px/1.5 system-ui,sans-serif;padding:8px 14px;border-bottom:1px solid #ddd;
  display:flex;gap:16px;flex-wrap:wrap;background:#f7f7f7}
.site-top a,.site-side a,.prevnext a,.copy-link a{color:#1f5f8b}
.prevnext{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;
  font:14px/1.5 system-ui,sans-serif;border-top:1px solid #ddd;margin-top:2em;padding-top:.8em}
.notice{background:#fff6e0;border-left:4px solid #d1a03d;padding:8px 12px}
.caveat{background:#fdecea;border-left:4px solid #b3261e;padding:8px 12px}
.table-scroll{overflow-x:auto;max-width:100%}
table.claims td{min-width:5em}
.built{display:block;margin-top:.3em;color:#444}
@media (max-width:820px){
  .site{display:flex;flex-direction:column;padding:0 10px}
  .site-side{order:2;border-right:0;border-top:1px solid #ddd;margin-top:2em}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
  table.stack thead,table.stack tr:first-child th{display:none}
  table.stack tr{border:1px solid #ddd;margin:0 0 10px;padding:4px 0}
  table.stack td{border:0;padding:2px 8px}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
@media print{.site{display:block}.site-side,.site-top,.prevnext{display:none}}
"""

PAGE_CSS = """body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#222}
h1{font-size:1.6em;margin-top:.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
a{color:#1f5f8b}
table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#eef3f7}
dt{font-weight:600;margin-top:.6em}dd{margin-left:1.2em}
.small{font-size:13px;color:#444}"""


@dataclass(frozen=True)
class Here:
    """One page of the site: its language, region (None for site pages) and name
    ('index', 'methods', 'region', 'codebook' or a notebook's file stem)."""

    lang: str
    page: str
    slug: str | None = None


def path_of(here: Here) -> str:
    """Where a page lives, relative to reports/."""
    idl = here.lang == "id"
    if here.page in ("index", "methods"):
        return f"{here.page}.id.html" if idl else f"{here.page}.html"
    base = f"{here.slug}/id" if idl else f"{here.slug}"
    if here.page == "region":
        return f"{base}/index.html"
    if here.page == "codebook":
        return f"{base}/codebook.html"
    return f"{base}/html/{here.page}.html"


def file_of(slug: str, lang: str, what: str) -> str:
    """Downloads of a region, relative to reports/: pdf, findings, datapackage, tables."""
    base = f"{slug}/id" if lang == "id" else slug
    return {
        "pdf": f"{base}/{slug}-{lang}.pdf",
        "findings": f"{slug}/findings.json",
        "datapackage": f"{slug}/datapackage.json",
        "figures": f"{base}/index.html#figures",
        "tables": f"{base}/index.html#tables",
    }[what]


def link(here: Here, target: str) -> str:
    """A relative href from this page to a path under reports/ (may carry a #fragment)."""
    path, _, frag = target.partition("#")
    start = posixpath.dirname(path_of(here)) or "."
    rel = posixpath.relpath(path, start)
    return rel + (f"#{frag}" if frag else "")


def source_anchor(slug: str, ref: str) -> str:
    """The methods page's anchor of one part of a region's source ('5.1.1', 'F2')."""
    return f"src-{slug}-" + "".join(c if c.isalnum() else "-" for c in ref)


def notebook_stems(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "notebooks").glob("*.ipynb"))


def notebook_title(stem: str, lang: str) -> str:
    key = f"nb{stem[:2]}_title"
    return f"{stem[:2]} {t(key, lang)}" if key in LABELS else stem


@cache
def _region(slug: str, root: Path) -> dict:
    try:
        r = load_region(slug, root)
    except (ConfigError, FileNotFoundError):  # a page of a folder that is not a region here
        return {"name": slug, "kind": ""}
    review = r.get("review") or {}
    return {
        "name": str(r.get("name", slug)),
        "kind": str((review.get("source") or {}).get("kind", "")),
    }


def region_name(slug: str, root: Path) -> str:
    return _region(slug, root)["name"]


def source_kind(slug: str, root: Path) -> str:
    """'thesis', 'news_report', ... as the region config's review.source.kind says."""
    return _region(slug, root)["kind"]


def ordered_regions(root: Path) -> list[str]:
    """Bundled regions, the thesis's own first, then by slug."""
    return sorted(regions(root), key=lambda s: (source_kind(s, root) != "thesis", s))


def reading_order(root: Path, lang: str) -> list[Here]:
    order = [Here(lang, "index"), Here(lang, "methods")]
    for slug in ordered_regions(root):
        order.append(Here(lang, "region", slug))
        order += [Here(lang, stem, slug) for stem in notebook_stems(root)]
    return order


def title_of(here: Here, root: Path) -> str:
    if here.page == "index":
        return t("site_study", here.lang)
    if here.page == "methods":
        return t("site_methods", here.lang)
    name = region_name(str(here.slug), root)
    if here.page == "region":
        return name
    if here.page == "codebook":
        return f"{t('site_codebook', here.lang)}: {name}"
    return f"{notebook_title(here.page, here.lang)}: {name}"


def _a(here: Here, target: Here | str, text: str, current: bool = False) -> str:
    href = link(here, target if isinstance(target, str) else path_of(target))
    attr = ' aria-current="page" class="here"' if current else ""
    return f'<a href="{html.escape(href)}"{attr}>{html.escape(text)}</a>'


def sidebar(here: Here, root: Path) -> str:
    """Contents of the whole site in this page's language, this page marked."""
    lang = here.lang
    items = [
        f"<li>{_a(here, Here(lang, p), title_of(Here(lang, p), root), here == Here(lang, p))}</li>"
        for p in ("index", "methods")
    ]
    for slug in ordered_regions(root):
        sub = [
            f"<li>{_a(here, Here(lang, s, slug), notebook_title(s, lang), here == Here(lang, s, slug))}"
            "</li>"
            for s in notebook_stems(root)
        ]
        front = Here(lang, "region", slug)
        items.append(
            f"<li>{_a(here, front, region_name(slug, root), here == front)}<ul>{''.join(sub)}</ul></li>"
        )
    out = [f"<h2>{html.escape(t('site_contents', lang))}</h2><ul>{''.join(items)}</ul>"]
    if here.slug:
        s = here.slug
        downloads = [
            _a(here, file_of(s, lang, "pdf"), t("site_pdf", lang)),
            _a(here, Here(lang, "codebook", s), t("site_codebook", lang)),
            _a(here, file_of(s, lang, "findings"), "findings.json"),
            _a(here, file_of(s, lang, "datapackage"), "datapackage.json"),
            _a(here, file_of(s, lang, "figures"), t("site_figures", lang)),
            _a(here, file_of(s, lang, "tables"), t("idx_tables", lang)),
        ]
        out.append(
            f"<h2>{html.escape(t('site_downloads', lang))}: {html.escape(region_name(s, root))}</h2>"
            + "<ul>"
            + "".join(f"<li>{d}</li>" for d in downloads)
            + "</ul>"
        )
    label = html.escape(t("site_contents", lang))
    return f'<nav class="site-side" id="site-nav" aria-label="{label}">{"".join(out)}</nav>'


def other_language(here: Here) -> Here:
    return Here("en" if here.lang == "id" else "id", here.page, here.slug)


def top_bar(here: Here, root: Path, extra: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """The bar above every page: study, contents (for phones), the other language."""
    lang = here.lang
    links = [
        _a(here, Here(lang, "index"), t("site_study", lang)),
        f'<a href="#site-nav">{html.escape(t("site_contents", lang))}</a>',
        *(f'<a href="{html.escape(h)}">{html.escape(x)}</a>' for h, x in extra),
        _a(here, other_language(here), t("idx_lang", lang)),
    ]
    return f'<nav class="site-top" lang="{lang}">{"".join(links)}</nav>'


def prev_next(here: Here, root: Path) -> str:
    order = reading_order(root, here.lang)
    if here not in order and here.slug:  # a page beside the reading order: its region
        front = Here(here.lang, "region", here.slug)
        order = [front, here, *order[order.index(front) + 1 :]]
    at = order.index(here) if here in order else -1
    parts = []
    if at > 0:
        prev = order[at - 1]
        parts.append(_a(here, prev, f"← {t('site_prev', here.lang)}: {title_of(prev, root)}"))
    else:
        parts.append("<span></span>")
    if 0 <= at < len(order) - 1:
        nxt = order[at + 1]
        parts.append(_a(here, nxt, f"{t('site_next', here.lang)}: {title_of(nxt, root)} →"))
    return f'<nav class="prevnext" aria-label="{html.escape(t("site_prev", here.lang))}">{"".join(parts)}</nav>'


def page(here: Here, root: Path, body: str, title: str | None = None) -> str:
    """A whole page of the site: head, top bar, sidebar, the body, previous/next."""
    title = title or title_of(here, root)
    full = f"{title} · {t('idx_title', here.lang)}"
    return (
        f'<!DOCTYPE html>\n<html lang="{here.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(full)}</title>\n<style>{PAGE_CSS}{CSS}</style>\n</head>\n<body>\n"
        f'{top_bar(here, root)}\n<div class="site">{sidebar(here, root)}\n'
        f'<main class="site-main">\n<h1>{html.escape(title)}</h1>\n{body}'
        f"{prev_next(here, root)}</main></div>\n</body>\n</html>\n"
    )


def wrap(page_html: str, here: Here, root: Path) -> str:
    """Put a page written by another tool (nbconvert, the codebook) inside the site:
    its title, the top bar, the sidebar and previous/next, keeping its own styles."""
    import re

    full = f"{title_of(here, root)} · {t('idx_title', here.lang)}"
    out = re.sub(
        r"<title>.*?</title>", f"<title>{html.escape(full)}</title>", page_html, count=1, flags=re.S
    )
    if "<title>" not in out:
        out = out.replace("</head>", f"<title>{html.escape(full)}</title></head>", 1)
    out = out.replace("</head>", f"<style>{CSS}</style>\n</head>", 1)
    if "<main" not in out:
        out = re.sub(r"(<body[^>]*>)", r"\1<main>", out, count=1)
        out = out.replace("</body>", "</main></body>", 1)
    out = re.sub(
        r"(<body[^>]*>)",
        lambda m: m.group(1) + top_bar(here, root) + '\n<div class="site">' + sidebar(here, root),
        out,
        count=1,
    )
    out = re.sub(r"<main[^>]*>", '<main class="site-main">', out, count=1)
    return out.replace("</main>", prev_next(here, root) + "</main></div>", 1)
