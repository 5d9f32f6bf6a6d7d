"""The codebook: what every column of every processed table means, in English and Indonesian.

Descriptions live here, keyed by table and column; types, allowed values, ranges and
uniqueness come from the pandera schemas (`analysis.schemas`) and the label taxonomy
(`analysis/aliases/labels.csv` plus the region config's `aliases.labels`), so the codebook
cannot drift from what `clean` enforces. `write_datapackage` writes it as a Frictionless
Data Package (`data/processed/SLUG/datapackage.json`); `write_codebook_pages` renders the
readable page of the reviewer copy (`reports/SLUG/codebook.md|.html`, Indonesian under `id/`).
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from analysis.rawdata import sha256
from analysis.schemas import SCHEMAS
from analysis.vocab import REJECT_COLUMNS

LANGS = ("en", "id")
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

TABLES: dict[str, dict[str, str]] = {
    "outreach": {
        "en": "One row per preemptive or preventive activity: legal-education sessions, agency "
        "coordination, cyber patrols on MiChat, lodging inspections.",
        "id": "Satu baris per kegiatan pre-emtif atau preventif: sosialisasi hukum, koordinasi "
        "instansi, patroli siber di MiChat, pengawasan penginapan.",
    },
    "cases": {
        "en": "One row per police report (laporan polisi) handled in the study period.",
        "id": "Satu baris per laporan polisi yang ditangani dalam periode penelitian.",
    },
    "case_stages": {
        "en": "One row per case and legal stage reached, from report to prosecutor handover.",
        "id": "Satu baris per perkara dan tahapan hukum yang dicapai, dari laporan hingga "
        "pelimpahan ke kejaksaan.",
    },
    "informants": {
        "en": "One row per interviewed informant, by role only (no names).",
        "id": "Satu baris per informan yang diwawancarai, hanya menurut peran (tanpa nama).",
    },
    "interview_segments": {
        "en": "One row per interview segment (a paraphrased answer), scrubbed of identifiers.",
        "id": "Satu baris per segmen wawancara (parafrase jawaban), bersih dari identitas.",
    },
    "segment_codes": {
        "en": "One row per code a coder gave a segment (two coders, for agreement).",
        "id": "Satu baris per kode yang diberikan seorang pengode pada segmen (dua pengode, "
        "untuk kesepakatan).",
    },
    "rejects": {
        "en": "Every raw row the cleaning could not use, with where it is and why.",
        "id": "Setiap baris mentah yang tidak dapat dipakai, beserta letak dan alasannya.",
    },
}

_PROV: dict[str, dict[str, str]] = {
    "source_file": {
        "en": "Pseudonymous id (F01, F02, ...) of the raw file the row came from; the key to "
        "real file names stays in data/private/SLUG/key.json on the researcher's machine.",
        "id": "ID samaran (F01, F02, ...) berkas mentah asal baris; kunci ke nama berkas asli "
        "tetap di data/private/SLUG/key.json di komputer peneliti.",
    },
    "source_sheet": {
        "en": "Pseudonymous id (S01, S02, ...) of the worksheet within its file (blank for CSV).",
        "id": "ID samaran (S01, S02, ...) lembar kerja dalam berkasnya (kosong untuk CSV).",
    },
    "source_row": {
        "en": "Row number as Excel (or a text editor, for CSV) shows it.",
        "id": "Nomor baris seperti yang ditampilkan Excel (atau penyunting teks, untuk CSV).",
    },
}


def _d(en: str, id_: str) -> dict[str, str]:
    return {"en": en, "id": id_}


_NOTES = _d(
    "Free-text note, scrubbed: identifiers are replaced by typed placeholders such as "
    "[TELEPON], [NIK], [AKUN], [NOMOR-LP], [ALAMAT], [NAMA].",
    "Catatan bebas yang sudah dibersihkan: identitas diganti penanda seperti [TELEPON], [NIK], "
    "[AKUN], [NOMOR-LP], [ALAMAT], [NAMA].",
)
_PLATFORM = _d(
    "Chat application involved, as a code (e.g. michat).",
    "Aplikasi percakapan yang terlibat, sebagai kode (mis. michat).",
)
_UNIT = _d("Police or agency unit responsible.", "Satuan kepolisian atau instansi pelaksana.")

COLUMNS: dict[str, dict[str, dict[str, str]]] = {
    "outreach": {
        "activity_id": _d(
            "Activity identifier (A00001...), assigned in source order.",
            "Pengenal kegiatan (A00001...), diberikan menurut urutan sumber.",
        ),
        "date": _d("Date of the activity.", "Tanggal kegiatan."),
        "month": _d("Calendar month of the activity (YYYY-MM).", "Bulan kegiatan (YYYY-MM)."),
        "aspect": _d(
            "Aspect of police work, derived from the activity type.",
            "Aspek upaya kepolisian, diturunkan dari jenis kegiatan.",
        ),
        "activity_type": _d("Kind of activity, as a code.", "Jenis kegiatan, sebagai kode."),
        "audience": _d(
            "Who a legal-education session addressed, as a code.",
            "Sasaran sosialisasi hukum, sebagai kode.",
        ),
        "participants": _d(
            "Number of people who attended (blank when not recorded).",
            "Jumlah peserta yang hadir (kosong bila tidak dicatat).",
        ),
        "district": _d(
            "District (kecamatan) of the region where the activity took place.",
            "Kecamatan tempat kegiatan berlangsung.",
        ),
        "venue_type": _d("Kind of venue, as a code.", "Jenis tempat kegiatan, sebagai kode."),
        "partners": _d(
            "Partner agencies that took part, canonical names separated by '; '.",
            "Instansi mitra yang terlibat, nama baku dipisah '; '.",
        ),
        "n_partners": _d(
            "Number of partner agencies in `partners` (0 when none).",
            "Jumlah instansi mitra dalam `partners` (0 bila tidak ada).",
        ),
        "platform": _PLATFORM,
        "feature": _d(
            "App feature watched on a cyber patrol (e.g. nearby_users).",
            "Fitur aplikasi yang dipantau saat patroli siber (mis. nearby_users).",
        ),
        "accounts_flagged": _d(
            "Accounts a cyber patrol flagged as offering prostitution.",
            "Jumlah akun yang ditandai patroli siber karena menawarkan prostitusi.",
        ),
        "unit": _UNIT,
        "notes": _NOTES,
    },
    "cases": {
        "case_id": _d(
            "Case pseudonym (K01, K02, ...) in order of report date; the police report number "
            "is never stored.",
            "Pseudonim perkara (K01, K02, ...) menurut urutan tanggal laporan; nomor laporan "
            "polisi tidak pernah disimpan.",
        ),
        "report_model": _d(
            "Police report model: A (officer's own finding) or B (a member of the public).",
            "Model laporan polisi: A (temuan petugas) atau B (laporan masyarakat).",
        ),
        "report_date": _d("Date the police report was made.", "Tanggal laporan polisi dibuat."),
        "year": _d("Year of the report date.", "Tahun tanggal laporan."),
        "modus": _d("Modus operandi, as a code.", "Modus operandi, sebagai kode."),
        "platform": _PLATFORM,
        "victims": _d("Number of victims.", "Jumlah korban."),
        "victim_minor": _d(
            "Whether any victim was a child (under 18).",
            "Apakah ada korban yang masih anak (di bawah 18 tahun).",
        ),
        "victim_age_band": _d(
            "Age bands of the victims separated by '; ' (exact ages are never stored).",
            "Rentang usia korban dipisah '; ' (usia persis tidak pernah disimpan).",
        ),
        "victim_sex": _d("Sex of the victims, as a code.", "Jenis kelamin korban, sebagai kode."),
        "suspects": _d("Number of suspects.", "Jumlah tersangka."),
        "statutes": _d(
            "Statutes charged, normalised (e.g. 'UU ITE Pasal 27 ayat (1)'), separated by '; '.",
            "Pasal yang disangkakan, dibakukan (mis. 'UU ITE Pasal 27 ayat (1)'), dipisah '; '.",
        ),
        "status": _d("Status of the case, as a code.", "Status perkara, sebagai kode."),
        "notes": _NOTES,
    },
    "case_stages": {
        "case_id": _d(
            "Case pseudonym; refers to cases.case_id.",
            "Pseudonim perkara; merujuk ke cases.case_id.",
        ),
        "stage": _d("Legal stage reached, as a code.", "Tahapan hukum yang dicapai, sebagai kode."),
        "stage_order": _d(
            "Position of the stage in the usual order under KUHAP (1 = report).",
            "Urutan tahapan menurut KUHAP (1 = laporan).",
        ),
        "date": _d("Date the stage was reached.", "Tanggal tahapan dicapai."),
        "notes": _NOTES,
    },
    "informants": {
        "informant_id": _d(
            "Informant pseudonym (R01, R02, ...); names are never stored.",
            "Pseudonim informan (R01, R02, ...); nama tidak pernah disimpan.",
        ),
        "role": _d("Informant's role, as a code.", "Peran informan, sebagai kode."),
        "unit": _d("Unit or organisation of the informant.", "Satuan atau lembaga informan."),
        "organisation_type": _d("Kind of organisation, as a code.", "Jenis lembaga, sebagai kode."),
    },
    "interview_segments": {
        "segment_id": _d("Segment identifier.", "Pengenal segmen."),
        "informant_id": _d(
            "Who answered; refers to informants.informant_id.",
            "Informan yang menjawab; merujuk ke informants.informant_id.",
        ),
        "date": _d("Date of the interview.", "Tanggal wawancara."),
        "question": _d("Question asked.", "Pertanyaan yang diajukan."),
        "text": _d(
            "Answer as recorded (a paraphrase in the reconstruction), scrubbed of identifiers.",
            "Jawaban seperti dicatat (parafrase dalam rekonstruksi), bersih dari identitas.",
        ),
    },
    "segment_codes": {
        "segment_id": _d(
            "Coded segment; refers to interview_segments.segment_id.",
            "Segmen yang dikode; merujuk ke interview_segments.segment_id.",
        ),
        "coder": _d("Coder who gave the code (K1, K2).", "Pengode yang memberi kode (K1, K2)."),
        "aspect": _d(
            "Aspect the theme belongs to, as a code.", "Aspek tempat tema berada, sebagai kode."
        ),
        "theme": _d("Theme code.", "Kode tema."),
    },
    "rejects": {
        "column": _d(
            "Column (as headed in the raw sheet) with the problem.",
            "Kolom (sesuai judul di lembar mentah) yang bermasalah.",
        ),
        "problem": _d("The problem, in plain words.", "Masalahnya, dalam kata-kata sederhana."),
        "suggestion": _d("How to fix it, when known.", "Cara memperbaikinya, bila diketahui."),
        "kind": _d(
            "Whether the row was rejected or dropped as a duplicate.",
            "Apakah baris ditolak atau dibuang sebagai duplikat.",
        ),
    },
}
for _table in COLUMNS:
    COLUMNS[_table].update(_PROV)

# Foreign keys between processed tables (child column -> parent table and column).
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "case_stages": [("case_id", "cases", "case_id")],
    "interview_segments": [("informant_id", "informants", "informant_id")],
    "segment_codes": [("segment_id", "interview_segments", "segment_id")],
}
# Columns whose values are taxonomy codes (labels.csv field of the same name).
TAXONOMY_FIELDS: dict[str, tuple[str, ...]] = {
    "outreach": ("activity_type", "audience", "venue_type", "platform", "feature"),
    "cases": ("modus", "platform", "victim_sex", "status"),
    "case_stages": ("stage",),
    "informants": ("role", "organisation_type"),
    "segment_codes": ("aspect", "theme"),
}
_CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}


def missing_descriptions(schemas: dict[str, Any] | None = None) -> list[str]:
    """Every `table.column (lang)` of the schemas that has no description: must be empty."""
    gaps = []
    for table, schema in (SCHEMAS if schemas is None else schemas).items():
        for column in schema.columns:
            for lang in LANGS:
                if not COLUMNS.get(table, {}).get(column, {}).get(lang, "").strip():
                    gaps.append(f"{table}.{column} ({lang})")
    return gaps


def describe(table: str, column: str, lang: str = "en") -> str:
    """Description of one column; KeyError names the missing entry (a codebook gap)."""
    return COLUMNS[table][column][lang]


def _type(dtype: str) -> str:
    d = str(dtype).lower()
    if d.startswith("datetime"):
        return "date"
    if "int" in d:
        return "integer"
    if d in ("bool", "boolean"):
        return "boolean"
    return "string"


def _constraints(column: Any, codes: set[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not column.nullable and column.name != "source_sheet":  # '' is a sheet of a CSV file
        out["required"] = True
    if column.unique:
        out["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            out["enum"] = sorted(str(v) for v in stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "in_range":
            out["minimum"], out["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "str_matches":
            out["pattern"] = re.sub(r"^\^|\$$", "", str(stats["pattern"]))
    if "enum" not in out and codes:
        out["enum"] = sorted(codes)
    return out


def taxonomy(processed_dir: Path, region: str) -> dict[str, set[str]]:
    """Label codes for the region: package labels plus the region config's extra labels."""
    from analysis.config import load_region
    from analysis.lookup import Vocabulary

    try:
        extra = load_region(region, processed_dir.resolve().parents[2]).extra_aliases("labels")
    except Exception:  # no config beside the tables: the packaged taxonomy alone
        extra = {}
    return Vocabulary(extra).codes


def table_schema(table: str, codes: dict[str, set[str]] | None = None) -> dict[str, Any]:
    """Frictionless Table Schema of one processed table, from its pandera schema."""
    codes = codes or {}
    schema = SCHEMAS[table]
    fields = []
    for name, col in schema.columns.items():
        taxonomy = codes.get(name) if name in TAXONOMY_FIELDS.get(table, ()) else None
        field = {
            "name": name,
            "type": _type(col.dtype),
            "description": describe(table, name, "en"),
            "description_id": describe(table, name, "id"),
        }
        if field["type"] == "boolean":
            field |= {"trueValues": ["True"], "falseValues": ["False"]}
        constraints = _constraints(col, taxonomy)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    unique = [c for c, col in schema.columns.items() if col.unique]
    if unique:
        out["primaryKey"] = unique[:1]
    elif schema.unique:
        out["primaryKey"] = list(schema.unique)
    fks = FOREIGN_KEYS.get(table, [])
    if fks:
        out["foreignKeys"] = [
            {"fields": [c], "reference": {"resource": parent, "fields": [pc]}}
            for c, parent, pc in fks
        ]
    return out


def _rejects_schema() -> dict[str, Any]:
    fields = []
    for name in REJECT_COLUMNS:
        fields.append(
            {
                "name": name,
                "type": "integer" if name == "source_row" else "string",
                "description": describe("rejects", name, "en"),
                "description_id": describe("rejects", name, "id"),
            }
        )
    return {"fields": fields, "missingValues": [""]}


def datapackage(processed_dir: Path, region: str) -> dict[str, Any]:
    """The Data Package descriptor for the tables in `processed_dir` (hashes of the CSVs)."""
    codes = taxonomy(processed_dir, region)
    resources = []
    for table in [*SCHEMAS, "rejects"]:
        path = processed_dir / f"{table}.csv"
        schema = _rejects_schema() if table == "rejects" else table_schema(table, codes)
        resources.append(
            {
                "name": table,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": TABLES[table]["en"],
                "description_id": TABLES[table]["id"],
                "dialect": _CSV_DIALECT,
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256(path)}",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": f"analysis-{region}".lower(),
        "title": f"Processed tables, region {region}",
        "description": "Cleaned, pseudonymised tables written by `analysis clean`; each "
        "table is also stored as Parquet beside its CSV. Columns are described in English "
        "(description) and Indonesian (description_id).",
        "licenses": [DATA_LICENCE],
        "resources": resources,
    }


def write_datapackage(processed_dir: Path, region: str | None = None) -> Path:
    """Write `datapackage.json` beside the processed tables (atomically); returns its path."""
    region = region or processed_dir.name
    target = processed_dir / "datapackage.json"
    tmp = target.with_suffix(".json.tmp")
    text = json.dumps(datapackage(processed_dir, region), indent=2, ensure_ascii=False)
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target


# --------------------------------------------------------------------------- readable page
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
}


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
        body.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head))
        body.append("</tr></thead><tbody>")
        for r in rows:
            cells = [f"<code>{e(r[0])}</code>", e(r[1]), e(r[2]), e(r[3])]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        body.append("</tbody></table>")
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


def write_codebook_pages(processed_dir: Path, out_dir: Path, lang: str = "en") -> list[Path]:
    """Write codebook.md and codebook.html for one language into a report folder."""
    descriptor = json.loads((processed_dir / "datapackage.json").read_text(encoding="utf-8"))
    slug = processed_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("codebook.md", codebook_markdown(descriptor, slug, lang)),
        ("codebook.html", codebook_html(descriptor, slug, lang)),
    ):
        p = out_dir / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
