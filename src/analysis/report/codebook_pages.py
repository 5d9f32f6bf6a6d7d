"""The codebook's readable page: Markdown and self-contained HTML, in English or Indonesian,
rendered from the Data Package descriptor that `analysis.store.codebook` writes (the reviewer
copy's `reports/SLUG/codebook.md|.html`, Indonesian under `id/`)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any


def _d(en: str, id_: str) -> dict[str, str]:
    return {"en": en, "id": id_}


_WORDS = {
    "title": _d("Codebook", "Buku kode"),
    "intro": _d(
        "What every column of the processed tables in data/processed/{slug}/ means. The "
        "machine-readable form is datapackage.json in the same folder (Frictionless Data "
        "Package, licence CC BY 4.0).",
        "Arti setiap kolom tabel olahan di data/processed/{slug}/. Bentuk yang dapat dibaca "
        "mesin adalah datapackage.json di folder yang sama (Frictionless Data Package, "
        "lisensi CC BY 4.0).",
    ),
    "column": _d("Column", "Kolom"),
    "type": _d("Type", "Tipe"),
    "meaning": _d("Meaning", "Arti"),
    "allowed": _d("Allowed values", "Nilai yang diizinkan"),
    "pk": _d("Primary key", "Kunci utama"),
    "fk": _d("refers to", "merujuk ke"),
    "required": _d("required", "wajib"),
    "unique": _d("unique", "unik"),
    "pattern": _d("pattern", "pola"),
    "sdc": _d("Disclosure control (k-anonymity)", "Kontrol pengungkapan (k-anonimitas)"),
    "sdc_intro": _d(
        "Case-level tables are shared only when every case shares its quasi-identifiers with "
        "at least k - 1 others (k = {k}); the record-level tables stay in data/private/. "
        "What was generalised or withheld, per table:",
        "Tabel tingkat perkara hanya dibagikan bila setiap perkara berbagi nilai "
        "kuasi-identifiernya dengan sedikitnya k - 1 perkara lain (k = {k}); tabel tingkat "
        "perkara yang utuh tetap di data/private/. Yang digeneralisasi atau dikosongkan, per tabel:",
    ),
    "sdc_table": _d(
        "{table}: {cases} cases; k before {before}, after {after}",
        "{table}: {cases} perkara; k sebelum {before}, sesudah {after}",
    ),
}


# the steps of analysis.clean.disclosure as an Indonesian page says them
_STEPS_ID = {
    "report day withheld (report_period keeps the month)": "tanggal laporan dikosongkan "
    "(report_period menyimpan bulannya)",
    "stage dates withheld (days_since_report keeps the gaps)": "tanggal tahapan dikosongkan "
    "(days_since_report menyimpan jaraknya)",
    "age band withheld (minor/adult stays in victim_minor)": "rentang usia dikosongkan "
    "(anak/dewasa tetap di victim_minor)",
    "victims count top-coded: 2 means 2 or more": "jumlah korban dibatasi: 2 berarti 2 atau lebih",
    "report month generalised to its quarter": "bulan laporan dijadikan triwulan",
    "report quarter generalised to its year": "triwulan laporan dijadikan tahun",
    "report year withheld": "tahun laporan dikosongkan",
    "year withheld": "tahun dikosongkan",
    "withheld in the cases of classes smaller than k": "dikosongkan pada perkara di kelas "
    "yang lebih kecil dari k",
    "withheld in every case": "dikosongkan pada setiap perkara",
}


def _disclosure(descriptor: dict[str, Any], lang: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The intro sentence and, per table, its k and the steps taken (English step names)."""
    sdc = descriptor.get("disclosure") or {}
    if not sdc.get("tables"):
        return "", []
    out = []
    for name, t in sdc["tables"].items():
        na = "n/a"
        head = _WORDS["sdc_table"][lang].format(
            table=name,
            cases=t.get("cases", 0),
            before=na if t.get("k_before") is None else t["k_before"],
            after=na if t.get("k_after") is None else t["k_after"],
        )
        cells = "sel" if lang == "id" else "cells"
        steps = [
            f"{s['column']}: {_STEPS_ID.get(s['step'], s['step']) if lang == 'id' else s['step']}"
            f" ({s['cells']} {cells})"
            for s in t.get("steps", [])
        ]
        out.append((head, steps))
    return _WORDS["sdc_intro"][lang].format(k=sdc.get("k_target", 3)), out


def _allowed(field: dict[str, Any], lang: str) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append(_WORDS["required"][lang])
    if c.get("unique"):
        parts.append(_WORDS["unique"][lang])
    if "enum" in c:
        parts.append(", ".join(c["enum"]))
    if "minimum" in c:
        parts.append(f">= {c['minimum']}" + (f", <= {c['maximum']}" if "maximum" in c else ""))
    if "pattern" in c:
        parts.append(f"{_WORDS['pattern'][lang]} {c['pattern']}")
    return "; ".join(parts)


def _rows(descriptor: dict[str, Any], lang: str) -> list[tuple[dict[str, Any], list[list[str]]]]:
    out = []
    for res in descriptor["resources"]:
        rows = []
        for f in res["schema"]["fields"]:
            meaning = f["description" if lang == "en" else "description_id"]
            rows.append([f["name"], f["type"], meaning, _allowed(f, lang)])
        out.append((res, rows))
    return out


def _keys(res: dict[str, Any], lang: str) -> str:
    s = res["schema"]
    parts = []
    if "primaryKey" in s:
        parts.append(f"{_WORDS['pk'][lang]}: {', '.join(s['primaryKey'])}")
    for fk in s.get("foreignKeys", []):
        ref = fk["reference"]
        parts.append(
            f"{', '.join(fk['fields'])} {_WORDS['fk'][lang]} "
            f"{ref['resource']}.{', '.join(ref['fields'])}"
        )
    return ". ".join(parts)


def codebook_markdown(descriptor: dict[str, Any], slug: str, lang: str = "en") -> str:
    """The codebook as Markdown, in one language."""
    w = _WORDS
    head = [w["column"][lang], w["type"][lang], w["meaning"][lang], w["allowed"][lang]]
    lines = [f"# {w['title'][lang]}: {slug}", "", w["intro"][lang].format(slug=slug), ""]
    for res, rows in _rows(descriptor, lang):
        desc = res["description" if lang == "en" else "description_id"]
        lines += [f"## {res['name']} (`{res['path']}`)", "", desc, ""]
        keys = _keys(res, lang)
        if keys:
            lines += [keys + ".", ""]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in rows:
            cells = [f"`{r[0]}`", r[1], r[2], r[3]]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    intro, tables = _disclosure(descriptor, lang)
    if intro:
        lines += [f"## {w['sdc'][lang]}", "", intro, ""]
        for head, steps in tables:
            lines += [f"- {head}"] + [f"  - {s}" for s in steps]
        lines.append("")
    return "\n".join(lines)


def codebook_html(descriptor: dict[str, Any], slug: str, lang: str = "en") -> str:
    """The codebook as a self-contained HTML page, in one language."""
    w, e = _WORDS, html.escape
    head = [w["column"][lang], w["type"][lang], w["meaning"][lang], w["allowed"][lang]]
    body = [f"<h1>{e(w['title'][lang])}: {e(slug)}</h1>", f"<p>{e(w['intro'][lang])}</p>"]
    body[1] = body[1].replace("{slug}", e(slug))
    for res, rows in _rows(descriptor, lang):
        desc = res["description" if lang == "en" else "description_id"]
        body.append(f"<h2>{e(res['name'])} (<code>{e(res['path'])}</code>)</h2>")
        body.append(f"<p>{e(desc)}</p>")
        keys = _keys(res, lang)
        if keys:
            body.append(f"<p>{e(keys)}.</p>")
        body.append('<div class="table-scroll"><table><thead><tr>')
        body.append("".join(f"<th>{e(h)}</th>" for h in head))
        body.append("</tr></thead><tbody>")
        for r in rows:
            cells = [f"<code>{e(r[0])}</code>", e(r[1]), e(r[2]), e(r[3])]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        body.append("</tbody></table></div>")
    intro, tables = _disclosure(descriptor, lang)
    if intro:
        body += [f"<h2>{e(w['sdc'][lang])}</h2>", f"<p>{e(intro)}</p>", "<ul>"]
        for head, steps in tables:
            items = "".join(f"<li>{e(s)}</li>" for s in steps)
            body.append(f"<li>{e(head)}<ul>{items}</ul></li>")
        body.append("</ul>")
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
        "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
        "th{background:#f3f3f3}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{e(w['title'][lang])}: {e(slug)}</title><style>{style}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _in_site(page: str, slug: str, lang: str, out_dir: Path) -> str:
    """The codebook inside the reviewer's site (title, sidebar, previous/next)."""
    import html

    from analysis.paths import find_root
    from analysis.report.site import Here, region_name, wrap

    root = find_root(out_dir)
    name = html.escape(region_name(slug, root))  # the region's name, not its slug
    page = page.replace(f": {html.escape(slug)}</h1>", f": {name}</h1>", 1)
    return wrap(page, Here(lang, "codebook", slug), root)


def write_codebook_pages(processed_dir: Path, out_dir: Path, lang: str = "en") -> list[Path]:
    """Write codebook.md and codebook.html for one language into a report folder."""
    descriptor = json.loads((processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    slug = processed_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("codebook.md", codebook_markdown(descriptor, slug, lang)),
        ("codebook.html", _in_site(codebook_html(descriptor, slug, lang), slug, lang, out_dir)),
    ):
        p = out_dir / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
