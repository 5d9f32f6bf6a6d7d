"""The methods page (reports/methods.html, methods.id.html) and the citation block.

Per region: the source cited as far as it names itself, its parts that the claims restate
(each an anchor the claims link to), the reconstruction's assumptions, and each claim's
operationalisation, strength and failure condition; then the statistics used and why. The
words come from the region config's ``review:`` keys and the label dictionary.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import yaml

from analysis.labels import num, t
from analysis.region.config import load_region
from analysis.report.site import Here, page, source_anchor
from analysis.values.dates import long_date

e = html.escape
STATS = (
    "m_stat_poisson",
    "m_stat_share",
    "m_stat_km",
    "m_stat_glm",
    "m_stat_kappa",
    "m_stat_suppress",
    "m_stat_periods",
)


def _text(v: Any, lang: str) -> str:
    if isinstance(v, dict):
        return str(v.get(lang) or v.get("en") or "")
    return "" if v is None else str(v)


def source_citation(region: Any, lang: str) -> str:
    """One reference in words, naming only what the source names about itself."""
    src = (region.get("review") or {}).get("source") or {}
    if not src:
        return e(_text(region.get("source_document"), lang))
    who = [str(src[k]) for k in ("author", "outlet") if src.get(k)]
    when = long_date(src["date"], lang) if src.get("date") else str(src.get("year") or "")
    bits = [". ".join(who)] if who else []
    bits += [f"({when})"] if when else []
    title = f"<cite>{e(str(src['title']))}</cite>"
    kind = t("site_thesis" if src.get("kind") == "thesis" else "site_news", lang)
    inst = f" {e(str(src['institution']))}." if src.get("institution") else ""
    out = f"{e(' '.join(bits))} {title}. {e(kind)}.{inst}".strip()
    missing = _text(src.get("not_named"), lang)
    return out + (f'<br><span class="small">{e(missing)}</span>' if missing else "")


def compendium_citation(root: Path, lang: str) -> str:
    """The compendium as CITATION.cff describes it (authors, title, version, date, licences)."""
    path = root / "CITATION.cff"
    if not path.exists():
        return ""
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    authors = ", ".join(a.get("name", "") for a in cff.get("authors") or [])
    released = cff.get("date-released")
    when = long_date(released, lang) if hasattr(released, "year") else str(released or "")
    licences = ", ".join(cff.get("license") or [])
    return (
        f"{e(authors)} ({e(when)}). <cite>{e(str(cff.get('title', '')))}</cite>. "
        f"{e(t('site_version', lang))} {e(str(cff.get('version', '')))}. {e(licences)}. (CITATION.cff)"
    )


def citations(root: Path, slugs: list[str], lang: str) -> str:
    items = [
        f"<dt>{e(t('site_cite_source', lang))}: {e(str(load_region(s, root).get('name', s)))}</dt>"
        f"<dd>{source_citation(load_region(s, root), lang)}</dd>"
        for s in slugs
    ]
    items.append(
        f"<dt>{e(t('site_cite_compendium', lang))}</dt><dd>{compendium_citation(root, lang)}</dd>"
    )
    return f"<dl>{''.join(items)}</dl>\n"


def limitations(root: Path, slugs: list[str], lang: str) -> str:
    out = []
    for s in slugs:
        region = load_region(s, root)
        items = [_text(x, lang) for x in (region.get("review") or {}).get("limitations") or []]
        if items:
            out.append(f"<h3>{e(str(region.get('name', s)))}</h3>")
            out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>")
    return "\n".join(out) + "\n"


def _population(region: Any, lang: str) -> str:
    pop = region.get("population") or {}
    if not pop:
        return f"<p>{e(t('m_population_none', lang))}</p>"
    note = _text(pop.get("note"), lang)
    return (
        f"<p>{e(num(pop['total'], lang, 0))} ({e(str(pop['source']))}, {pop['year']}). "
        f"{e(note)}</p>"
    )


def _claims(region: Any, slug: str, lang: str) -> str:
    heads = ["col_id", "col_source", "col_operationalisation", "col_strength", "col_fails_if"]
    rows = []
    for c in region.get("claims") or []:
        rv = c.get("review") or {}
        ref = rv.get("source_ref", "")
        cells = [
            e(c["id"]),
            f'<a href="#{e(source_anchor(slug, ref))}">{e(ref)}</a>'
            if ref
            else e(c.get("source", "")),
            e(_text(rv.get("operationalisation"), lang)) or "–",
            e(t(f"strength_{rv['strength']}", lang)) if rv.get("strength") else "–",
            e(_text(rv.get("fails_if"), lang)) or "–",
        ]
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-label="{e(t(h, lang))}">{x}</td>'
                for h, x in zip(heads, cells, strict=True)
            )
            + "</tr>"
        )
    head = "<tr>" + "".join(f"<th>{e(t(h, lang))}</th>" for h in heads) + "</tr>"
    return (
        f'<div class="table-scroll"><table class="claims stack"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def _region_section(root: Path, slug: str, lang: str) -> str:
    region = load_region(slug, root)
    rv = region.get("review") or {}
    src = rv.get("source") or {}
    parts = "".join(
        f'<dt id="{e(source_anchor(slug, p["ref"]))}">{e(p["ref"])}</dt><dd>{e(_text(p, lang))}</dd>'
        for p in src.get("parts") or []
    )
    assumptions = "".join(
        f"<li><strong>{e(a['ref'])}</strong> {e(_text(a, lang))}</li>"
        for a in rv.get("assumptions") or []
    )
    out = [
        f'<h2 id="{e(slug)}">{e(str(region.get("name", slug)))}</h2>',
        f"<h3>{e(t('m_source', lang))}</h3><p>{source_citation(region, lang)}</p><dl>{parts}</dl>",
    ]
    if region.get("reconstruction") and assumptions:
        out.append(
            f"<h3>{e(t('m_assumptions', lang))}</h3><p>{e(t('m_assumptions_intro', lang))}</p>"
            f"<ul>{assumptions}</ul>"
        )
    out.append(f"<h3>{e(t('m_population', lang))}</h3>{_population(region, lang)}")
    out.append(f"<h3>{e(t('m_claims', lang))}</h3>{_claims(region, slug, lang)}")
    return "\n".join(out) + "\n"


def methods_page(root: Path, slugs: list[str], lang: str) -> str:
    here = Here(lang, "methods")
    body = [f'<p class="caveat">{e(t("site_caveat_not", lang))}</p>\n']
    body += [_region_section(root, s, lang) for s in slugs]
    body.append(
        f'<h2 id="strength">{e(t("m_strength", lang))}</h2><p>{e(t("m_strength_text", lang))}</p>'
    )
    body.append(
        f'<h2 id="statistics">{e(t("m_stats", lang))}</h2><ul>'
        + "".join(f"<li>{e(t(k, lang))}</li>" for k in STATS)
        + "</ul>\n"
    )
    return page(here, root, "".join(body))
