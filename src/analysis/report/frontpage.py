"""The reviewer's front pages: the study page (reports/index.html) and one page per region.

The study page says what the compendium re-runs, how to cite the source and the compendium,
what agreement on a reconstruction does and does not show, the limitations, and then each
region (the thesis's own first) with its claims: how strong each check is, whether it holds
by construction, what would make it fail, and links to its evidence and to its place in the
source. Static HTML with relative links, in English and Indonesian
(``index.html`` / ``index.id.html``; ``SLUG/index.html`` / ``SLUG/id/index.html``).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from analysis.claims.text import claims_frame
from analysis.labels import t
from analysis.region.config import load_region
from analysis.report.evidence import anchors, evidence_links, figure_files
from analysis.report.site import (
    Here,
    file_of,
    link,
    notebook_stems,
    notebook_title,
    ordered_regions,
    page,
    path_of,
    source_anchor,
)
from analysis.values.dates import long_date

e = html.escape


def text_of(v: Any, lang: str) -> str:
    """A config text given per language ({en: ..., id: ...})."""
    if isinstance(v, dict):
        return str(v.get(lang) or v.get("en") or "")
    return "" if v is None else str(v)


def findings_of(root: Path, slug: str) -> list[dict[str, Any]]:
    return json.loads((root / "reports" / slug / "findings.json").read_text("utf-8"))


def count_sentence(region: Any, findings: list[dict[str, Any]], lang: str) -> str:
    """'8 of 8 reproduced on the reconstruction; this checks the pipeline, not the thesis.'"""
    n = sum(bool(f.get("reproduced")) for f in findings)
    kind = ((region.get("review") or {}).get("source") or {}).get("kind", "other")
    if region.get("reconstruction"):
        return t("site_count_recon", lang).format(
            n=n, total=len(findings), kind=t(f"kind_{kind}", lang)
        )
    return t("site_count", lang).format(n=n, total=len(findings))


def _strengths(claims: list[dict[str, Any]], lang: str) -> str:
    got = [(c.get("review") or {}).get("strength") for c in claims]
    counts = {s: got.count(s) for s in ("strong", "moderate", "weak")}
    return t("site_strengths", lang).format(**counts) if any(counts.values()) else ""


def _strength_cell(rv: dict[str, Any], lang: str) -> str:
    """How strong a check is, what would make it fail, and whether it holds by construction."""
    if not rv:
        return "–"
    built = text_of(rv.get("by_construction"), lang) or t("site_no", lang)
    strength = t("strength_" + str(rv.get("strength")), lang)
    return (
        f"<strong>{e(strength)}</strong>. "
        f"{e(t('col_fails_if', lang))}: {e(text_of(rv.get('fails_if'), lang))} "
        f'<span class="built">{e(t("col_construction", lang))}: {e(built)}</span>'
    )


def claims_table(here: Here, root: Path, slug: str) -> str:
    """Every claim with its check, its strength and its links (stacks into cards on phones)."""
    lang = here.lang
    region = load_region(slug, root)
    found = findings_of(root, slug)
    by_id = {c["id"]: c for c in region.get("claims") or []}
    marks = anchors(root, slug, lang)
    frame = claims_frame(found, lang).drop(columns=[t("col_aspect", lang), t("col_reason", lang)])
    heads = [*frame.columns, t("col_strength", lang), t("col_evidence", lang)]
    methods = path_of(Here(lang, "methods"))
    rows = []
    for (_, row), f in zip(frame.iterrows(), found, strict=True):
        rv = by_id.get(f["id"], {}).get("review") or {}
        ref = rv.get("source_ref", "")
        src = f'<a href="{e(link(here, methods + "#" + source_anchor(slug, ref)))}">{e(ref)}</a>'
        cells = [e(str(v)) for v in row] + [
            _strength_cell(rv, lang),
            (evidence_links(here, root, slug, list(rv.get("evidence") or []), marks) or "–")
            + f"<br>{e(t('col_source', lang))}: "
            + (src if ref else e(str(f.get("source", "")))),
        ]
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-label="{e(h)}">{c}</td>' for h, c in zip(heads, cells, strict=True)
            )
            + "</tr>"
        )
    head = "<tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>"
    table = (
        f'<table class="claims stack"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
    )
    summary = f"<p><strong>{e(count_sentence(region, found, lang))}</strong> "
    summary += f"{e(_strengths(list(by_id.values()), lang))}</p>\n"
    return summary + f'<div class="table-scroll">{table}</div>\n'


def notice(region: Any, lang: str) -> str:
    if not region.get("reconstruction"):
        return ""
    note = (region.get("data_note_id") if lang == "id" else None) or region.get("data_note")
    return (
        f'<p class="notice"><strong>{e(t("reconstruction_title", lang))}.</strong> '
        f"{e(note or t('reconstruction_note', lang))}</p>\n"
    )


def period(region: Any, lang: str) -> str:
    return f"{long_date(region.start, lang)} – {long_date(region.end, lang)}"


def _pages_list(here: Here, root: Path, slug: str) -> str:
    rows = []
    for stem in notebook_stems(root):
        cells = [e(notebook_title(stem, here.lang))]
        for lang in ("en", "id"):
            p = path_of(Here(lang, stem, slug))
            code = p.replace(".html", ".code.html")
            parts = [
                f'<a href="{e(link(here, x))}">{e(t(k, here.lang))}</a>'
                for x, k in ((p, "idx_reading"), (code, "idx_code"))
                if (root / "reports" / x).exists()
            ]
            cells.append(" · ".join(parts) or e(t("idx_not_built", here.lang)))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = f"<tr><th>{e(t('idx_notebooks', here.lang))}</th><th>English</th><th>Bahasa Indonesia</th></tr>"
    return f'<div class="table-scroll"><table>{head}{"".join(rows)}</table></div>\n'


def _figures_list(here: Here, root: Path, slug: str) -> str:
    items = []
    for a in anchors(root, slug, here.lang):
        target = f"{path_of(Here(here.lang, a.stem, slug))}#{a.kind}-{a.name}"
        files = figure_files(here, root, slug, a)
        title = f"{a.label} ({notebook_title(a.stem, here.lang)})"
        items.append(
            f'<li><a href="{e(link(here, target))}">{e(title)}</a>: {e(a.caption)}'
            + (f" · {files}" if files else "")
            + "</li>"
        )
    return f"<ul>{''.join(items)}</ul>\n"


def region_page(root: Path, slug: str, lang: str) -> str:
    here = Here(lang, "region", slug)
    region = load_region(slug, root)
    downloads = [
        (file_of(slug, lang, "pdf"), t("site_pdf_all", lang)),
        (path_of(Here(lang, "codebook", slug)), t("site_codebook", lang)),
        (file_of(slug, lang, "findings"), "findings.json"),
        (file_of(slug, lang, "datapackage"), "datapackage.json"),
    ]
    body = (
        f"<p>{e(t('idx_intro', lang))}</p>\n{notice(region, lang)}"
        f"<p>{e(t('idx_period', lang))}: {e(period(region, lang))}</p>\n"
        f"<h2>{e(t('idx_claims', lang))}</h2>\n{claims_table(here, root, slug)}"
        f"<h2>{e(t('idx_notebooks', lang))}</h2>\n{_pages_list(here, root, slug)}"
        f'<h2 id="figures">{e(t("site_figures", lang))}</h2>\n{_figures_list(here, root, slug)}'
        f'<h2 id="tables">{e(t("site_downloads", lang))}</h2>\n<ul>'
        + "".join(f'<li><a href="{e(link(here, h))}">{e(x)}</a></li>' for h, x in downloads)
        + "</ul>\n"
    )
    return page(here, root, body)


def index_page(root: Path, slugs: list[str], lang: str) -> str:
    from analysis.report.methods import citations, limitations

    here = Here(lang, "index")
    parts = [
        f"<p>{e(t('site_about', lang))}</p>\n<p>{e(t('idx_intro', lang))}</p>\n",
        f'<section class="caveat" id="caveat"><h2>{e(t("site_caveat_title", lang))}</h2>',
        *(f"<p>{e(t(k, lang))}</p>" for k in ("site_caveat_1", "site_caveat_shows")),
        *(f"<p><strong>{e(t(k, lang))}</strong></p>" for k in ("site_caveat_not",)),
        f"<p>{e(t('site_caveat_real', lang))}</p></section>\n",
        f'<h2 id="cite">{e(t("site_cite", lang))}</h2>\n{citations(root, slugs, lang)}',
        f'<h2 id="limitations">{e(t("site_limitations", lang))}</h2>\n{limitations(root, slugs, lang)}',
        f'<h2 id="regions">{e(t("site_regions", lang))}</h2>\n',
    ]
    for slug in slugs:
        region = load_region(slug, root)
        front = link(here, path_of(Here(lang, "region", slug)))
        parts.append(
            f'<h3 id="{e(slug)}"><a href="{e(front)}">{e(str(region.get("name", slug)))}</a></h3>\n'
            f"{notice(region, lang)}<p>{e(t('idx_period', lang))}: {e(period(region, lang))}</p>\n"
            + claims_table(here, root, slug)
        )
    return page(here, root, "".join(parts), title=t("site_title", lang))


def write_front_pages(root: Path, only: list[str] | None = None, top: bool = True) -> list[Path]:
    """Write the front pages of the regions that have findings (of `only`, when given) and,
    with `top`, the study and methods pages covering every region; return the paths."""
    from analysis.report.methods import methods_page

    reports = root / "reports"
    have = {p.parent.name for p in reports.glob("*/findings.json")}
    slugs = [s for s in ordered_regions(root) if s in have]
    written = []
    for slug in slugs if only is None else [s for s in slugs if s in only]:
        for lang in ("en", "id"):
            path = reports / path_of(Here(lang, "region", slug))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(region_page(root, slug, lang), encoding="utf-8")
            written.append(path)
    if slugs and top:
        for lang in ("en", "id"):
            for name, make in (("index", index_page), ("methods", methods_page)):
                path = reports / path_of(Here(lang, name))
                path.write_text(make(root, slugs, lang), encoding="utf-8")
                written.append(path)
    return written
