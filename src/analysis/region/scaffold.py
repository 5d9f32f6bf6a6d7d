"""`analysis new-region SLUG`: a region config and Excel templates a student can fill in.

The templates carry the Indonesian headers the cleaning accepts, drop-down lists built from
the taxonomy and the region's own aliases, date-formatted date columns, and an
instructions sheet in Indonesian and English. The instructions sheet and the hidden sheet of
drop-down lists are named in `raw.skip_sheets`, so cleaning never reads them as data; the
example row lives on the instructions sheet, so it can never be counted as a record.
The template columns are in analysis.region.template_columns, the workbook writing in
analysis.region.templates; their public names are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from analysis.paths import Paths
from analysis.region.config import ConfigError, load_file
from analysis.region.template_columns import (
    TEMPLATES,
)
from analysis.region.templates import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    build_workbook,
)
from analysis.region.workbook import save_workbook

SKIP_SHEETS = ["tentang", "about", "readme", INSTRUCTIONS_SHEET, "instructions", LISTS_SHEET]
SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")


def official_city(city: str) -> tuple[str, list[str]] | None:
    """A city or regency from the official list (name or BPS code) and its districts as
    people write them ('3276' or 'Kota Depok' -> 'Kota Depok', [Sawangan, ..., Pancoran
    Mas, ...]); None when the list does not hold it."""
    from analysis.privacy.places import districts_of, find_regency, proper

    found = find_regency(city)
    return None if found is None else (proper(found[1]), districts_of(found[0]))


def districts_yaml(names: list[str] | None) -> str:
    """The `districts:` entries: the official districts when known, else two placeholders."""
    import json

    names = names or ["Kecamatan Satu", "Kecamatan Dua"]
    none = 'population: null, population_year: null, population_source: "not yet filled"'
    return "\n".join(f"  - {{name: {json.dumps(n, ensure_ascii=False)}, {none}}}" for n in names)


def config_text(
    slug: str,
    name: str,
    city: str,
    polda: str,
    start: str,
    end: str,
    districts: list[str] | None = None,
) -> str:
    """A complete region config, every key commented in Indonesian and English."""
    # long: one literal YAML template, read top to bottom like the file it writes
    return f"""# Konfigurasi wilayah / region configuration: {name}
# Dibuat oleh / written by `analysis new-region {slug}`. Ubah nilai di bawah; jangan hapus kunci.
# Edit the values below; keep every key. Check it with `analysis validate --region {slug}`.

# Kode wilayah (sama dengan nama berkas) / region code (same as the file name)
slug: {slug}
# Nama wilayah / region name
name: {name}
# Provinsi / province
province: "ISI / FILL IN"
# Satuan kepolisian yang diteliti / police force studied (Polda or Polres)
polda: {polda}
# Kota atau kabupaten / city or regency
city: {city}
# Zona waktu / time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)
timezone: Asia/Jakarta
timezone_label: WIB
# Apakah data ini rekonstruksi? / are these records a reconstruction? (true/false)
reconstruction: false
# Catatan sumber data untuk pembaca / a note on where the data come from, shown in reports
data_note: >-
  ISI / FILL IN: where the records come from and who gave permission to use them.
# Catatan yang sama dalam bahasa Indonesia / the same note in Indonesian
data_note_id: >-
  ISI: dari mana catatan ini berasal dan siapa yang mengizinkan penggunaannya.
# Dokumen sumber (skripsi, tesis, berita), dalam dua bahasa / source document, in both languages
source_document:
  en: "the study (FILL IN: thesis, report or news article)"
  id: "penelitian (ISI: skripsi, laporan atau berita)"
# Saran penelitian (opsional) dan tema wawancara yang mendasarinya
# recommendations of the study (optional) and the interview themes behind each:
# recommendations:
#   - {{text: "...", text_id: "...", themes: [digital_literacy]}}
# Periode penelitian / study period (YYYY-MM-DD)
study_period:
  start: {start}
  end: {end}
# Aplikasi yang diteliti / platforms studied
platforms: [MiChat]
# Penduduk (opsional, dengan sumber) / population (optional, with its source):
# population: {{total: 123456, year: 2020, source: "BPS, Sensus Penduduk 2020"}}
# Kecamatan / districts. population boleh kosong (null) / may be empty (null).
# Kecamatan di luar wilayah / a district outside the region: add `outside: <its city>`.
districts:
{districts_yaml(districts)}
# Berkas mentah / raw files: lembar yang dilewati / sheets that are never read as data
raw:
  skip_sheets: [{", ".join(SKIP_SHEETS)}]
# Label tambahan wilayah ini / this region's own labels, agencies and headers
aliases:
  labels: {{}}      # mis. / e.g. {{activity_type: {{"Sambang Kos": lodging_inspection}}}}
  agencies: {{}}    # mis. / e.g. {{"Pemkot Contoh": "Pemkot Contoh"}}
  headers: {{}}     # mis. / e.g. {{outreach: {{"Tgl Giat": date}}}}
privacy:
  # sel tabel lebih kecil dari ini disembunyikan / table cells below this are suppressed
  small_cell_threshold: 3
  # tiap tabel perkara yang dibagikan menyembunyikan setiap perkara di antara >= k perkara
  # every shared case table hides each case among at least k cases (k-anonymity; >= 3)
  k: 3
  # nama tempat atau kata yang bukan nama orang / place names or words that are not people
  # allowed_words: ["Pancoran Mas"]
# Urutan tahapan perkara (opsional; bawaan paket) / stage sequences (optional; package default)
# stages:
#   order: [report, inquiry, investigation, arrest, detention, search, seizure, prosecutor_handover]
#   paths:
#     usual: [report, inquiry, investigation, arrest, detention, search, seizure, prosecutor_handover]
#     caught_in_the_act: [arrest, search, seizure, report, investigation, detention, prosecutor_handover]
# Temuan yang diuji / the study's claims (README, "Claims"). Ganti contoh ini / replace this example.
claims:
  - id: E1
    aspect: preemptive            # preemptive | preventive | repressive
    statement: Legal-education sessions were held during the study period (EXAMPLE, replace).
    statement_id: Sosialisasi hukum dilaksanakan selama periode penelitian (CONTOH, ganti).
    source: "ISI / FILL IN: chapter and page"
    table: outreach               # outreach | cases | case_stages | informants | interview_segments | segment_codes
    where: {{activity_type: legal_education}}
    aggregate: count              # count | sum | share | per_period | coverage | values
    expected: {{greater_than: 0}}
"""


def new_region(
    slug: str,
    root: Path | None = None,
    name: str | None = None,
    city: str | None = None,
    polda: str = "ISI / FILL IN",
    start: str | None = None,
    end: str | None = None,
) -> list[Path]:
    """Write config/regions/SLUG.yml and data/raw/SLUG/ templates; never overwrite a file."""
    if not SLUG_RE.match(slug):
        raise ConfigError(
            f"region slug {slug!r}: use 2-40 lower-case letters, digits, '-' or '_', "
            "starting with a letter (e.g. 'depok')"
        )
    paths = Paths.for_region(slug, root)
    year = dt.date.today().year - 1
    official = official_city(city) if city else None
    if official:  # the official spelling of the city and its districts (BPS/Kemendagri list)
        city = official[0]
    text = config_text(
        slug,
        name or city or f"Kota {slug.replace('_', ' ').replace('-', ' ').title()}",
        city or f"Kota {slug.replace('_', ' ').replace('-', ' ').title()}",
        polda,
        start or f"{year}-01-01",
        end or f"{year}-12-31",
        official[1] if official else None,
    )
    targets = [paths.config, *(paths.raw / f for f in TEMPLATES)]
    existing = [p for p in targets if p.exists()]
    if existing:
        raise ConfigError(
            f"{existing[0]}: already exists; new-region never overwrites (remove it first)"
        )
    paths.config.parent.mkdir(parents=True, exist_ok=True)
    paths.config.write_text(text, encoding="utf-8")
    try:
        region = load_file(paths.config)
    except ConfigError:
        paths.config.unlink()
        raise
    written = [paths.config]
    for rel, sheets in TEMPLATES.items():
        out = paths.raw / rel
        save_workbook(build_workbook(region, sheets), out, creator="analysis new-region")
        written.append(out)
    return written
