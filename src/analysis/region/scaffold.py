"""`analysis new-region SLUG`: a region config and Excel templates a student can fill in.

The templates carry the Indonesian headers the cleaning accepts, drop-down lists built from
the taxonomy and the region's own aliases, date-formatted date columns, and an
instructions sheet in Indonesian and English. The instructions sheet and the hidden sheet of
drop-down lists are named in `raw.skip_sheets`, so cleaning never reads them as data; the
example row lives on the instructions sheet, so it can never be counted as a record.
The template columns are in analysis.region.template_columns, the workbook writing in
analysis.region.templates. The config is written by the YAML library, key by key under fixed
comments, and every argument is checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from analysis.outputs import check_target, writing
from analysis.paths import Paths
from analysis.region.config import ConfigError, load_text
from analysis.region.template_columns import TEMPLATES
from analysis.region.templates import INSTRUCTIONS_SHEET, LISTS_SHEET, build_workbook
from analysis.region.workbook import save_workbook

SKIP_SHEETS = ["tentang", "about", "readme", INSTRUCTIONS_SHEET, "instructions", LISTS_SHEET]
SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")


PLACEHOLDER_DISTRICTS = [
    {"name": n, "population": None, "population_year": None, "population_source": "not yet filled"}
    for n in ("Kecamatan Satu", "Kecamatan Dua")
]
EXAMPLE_CLAIM = {
    "id": "E1",
    "aspect": "preemptive",
    "statement": "Legal-education sessions were held during the study period (EXAMPLE, replace).",
    "statement_id": "Sosialisasi hukum dilaksanakan selama periode penelitian (CONTOH, ganti).",
    "source": "ISI / FILL IN: chapter and page",
    "table": "outreach",
    "where": {"activity_type": "legal_education"},
    "aggregate": "count",
    "expected": {"greater_than": 0},
}


def config_sections(
    slug: str,
    name: str,
    city: str,
    polda: str,
    start: dt.date,
    end: dt.date,
    districts: list[dict] | None = None,
) -> list[tuple[str, dict]]:
    """The config as (fixed comment, keys) pairs: every value goes through the YAML writer."""
    # long: the file read top to bottom, each key with its comment in both languages
    return [
        (
            "# Kode wilayah (sama dengan nama berkas) / region code (same as the file name)",
            {"slug": slug},
        ),
        ("# Nama wilayah / region name", {"name": name}),
        ("# Provinsi / province", {"province": "ISI / FILL IN"}),
        (
            "# Satuan kepolisian yang diteliti / police force studied (Polda or Polres)",
            {"polda": polda},
        ),
        ("# Kota atau kabupaten / city or regency", {"city": city}),
        (
            "# Zona waktu / time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)",
            {"timezone": "Asia/Jakarta", "timezone_label": "WIB"},
        ),
        (
            "# Apakah data ini rekonstruksi? / are these records a reconstruction? (true/false)",
            {"reconstruction": False},
        ),
        (
            "# Catatan sumber data untuk pembaca / a note on where the data come from, shown in reports",
            {
                "data_note": "ISI / FILL IN: where the records come from and who gave permission to use them."
            },
        ),
        (
            "# Catatan yang sama dalam bahasa Indonesia / the same note in Indonesian",
            {
                "data_note_id": "ISI: dari mana catatan ini berasal dan siapa yang mengizinkan penggunaannya."
            },
        ),
        (
            "# Dokumen sumber (skripsi, tesis, berita), dalam dua bahasa / source document, in both languages",
            {
                "source_document": {
                    "en": "the study (FILL IN: thesis, report or news article)",
                    "id": "penelitian (ISI: skripsi, laporan atau berita)",
                }
            },
        ),
        (
            "# Saran penelitian (opsional) dan tema wawancara yang mendasarinya\n"
            "# recommendations of the study (optional) and the interview themes behind each:\n"
            "# recommendations:\n"
            '#   - {text: "...", text_id: "...", themes: [digital_literacy]}\n'
            "# Periode penelitian / study period (YYYY-MM-DD)",
            {"study_period": {"start": start, "end": end}},
        ),
        ("# Aplikasi yang diteliti / platforms studied", {"platforms": ["MiChat"]}),
        (
            "# Penduduk (opsional, dengan sumber) / population (optional, with its source):\n"
            '# population: {total: 123456, year: 2020, source: "BPS, Sensus Penduduk 2020"}\n'
            "# Kecamatan / districts. population boleh kosong (null) / may be empty (null).\n"
            "# Kecamatan di luar wilayah / a district outside the region: add `outside: <its city>`.",
            {"districts": districts or PLACEHOLDER_DISTRICTS},
        ),
        (
            "# Berkas mentah / raw files: lembar yang dilewati / sheets that are never read as data",
            {"raw": {"skip_sheets": SKIP_SHEETS}},
        ),
        (
            "# Label tambahan wilayah ini / this region's own labels, agencies and headers\n"
            '# labels, mis. / e.g. {activity_type: {"Sambang Kos": lodging_inspection}}\n'
            '# agencies, mis. / e.g. {"Pemkot Contoh": "Pemkot Contoh"}\n'
            '# headers, mis. / e.g. {outreach: {"Tgl Giat": date}}\n'
            "# Kode proyek QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder) ke tema / a QDA project's codes\n"
            '# to themes: under labels, theme: {"Nama kode": tema} or {"Induk::Nama kode": tema};\n'
            "# `analysis validate` lists every code family still unmapped.\n"
            "# Proyek QDA (.qdpx) di interviews/ / a QDA project (.qdpx) under interviews/ (optional):\n"
            "# qda:\n"
            "#   informants_from: auto   # auto, cases or sources (config/regions/kupang.yml says more)\n"
            '#   roles: {}              # nama sumber: jabatan / source name: role, e.g. {"Wawancara 1": Penyidik}\n'
            "# Kode baru wilayah ini (opsional) / this region's own new codes (optional): a label\n"
            "# onto a new activity type, modus or victim_sex needs it here; a new stage goes in\n"
            "# stages.order below. Untuk jenis kegiatan, aspect wajib / an activity type needs its aspect.\n"
            "# codes:\n"
            "#   activity_type: {school_patrol: {aspect: preventive, en: School patrol, id: Patroli sekolah}}\n"
            "#   modus: {online_grooming: {en: Online grooming, id: Grooming daring}}",
            {"aliases": {"labels": {}, "agencies": {}, "headers": {}}},
        ),
        (
            "# sel tabel < ini disembunyikan / table cells below this are suppressed; k: tabel\n"
            "# perkara yang dibagikan / every shared case table hides each case among >= k (>= 3);\n"
            '# bukan nama orang / not people: allowed_words: ["Pancoran Mas"]',
            {"privacy": {"small_cell_threshold": 3, "k": 3}},
        ),
        (
            "# Urutan tahapan perkara (opsional; bawaan paket) / stage sequences (optional; package default)\n"
            "# stages:\n"
            "#   order: [report, inquiry, investigation, arrest, detention, search, seizure, prosecutor_handover]\n"
            "#   paths:\n"
            "#     usual: [report, inquiry, investigation, arrest, detention, search, seizure, prosecutor_handover]\n"
            "#     caught_in_the_act: [arrest, search, seizure, report, investigation, detention, prosecutor_handover]\n"
            '# Temuan yang diuji / the study\'s claims (README, "Claims"). Ganti contoh ini / replace this example.\n'
            "# aspect: preemptive | preventive | repressive; table: outreach | cases | case_stages |\n"
            "# informants | interview_segments | segment_codes; aggregate: count | sum | share |\n"
            "# per_period | coverage | values",
            {"claims": [EXAMPLE_CLAIM]},
        ),
    ]


def config_text(sections: list[tuple[str, dict]], slug: str) -> str:
    """The YAML text: fixed comments, and each key written by the YAML library (quoted and
    escaped as needed), read back and compared before it is used."""
    parts = [
        "# Konfigurasi wilayah / region configuration\n"
        f"# Dibuat oleh / written by `analysis new-region {slug}`. Ubah nilai di bawah; jangan "
        "hapus kunci.\n"
        f"# Edit the values below; keep every key. Check it with `analysis validate --region {slug}`.\n"
    ]
    for comment, keys in sections:
        body = yaml.safe_dump(keys, allow_unicode=True, sort_keys=False, width=100)
        parts.append(f"\n{comment}\n{body}")
    text = "".join(parts)
    wanted = {k: v for _, keys in sections for k, v in keys.items()}
    if yaml.safe_load(text) != wanted:  # the writer's own guarantee, checked once more
        raise ConfigError(f"config for {slug!r}: the written YAML does not read back as given")
    return text


def official_city(city: str) -> tuple[str, list[str]] | None:
    """('3276' or 'Kota Depok') -> ('Kota Depok', its official districts), or None."""
    from analysis.privacy.places import districts_of, find_regency, proper

    found = find_regency(city)
    return None if found is None else (proper(found[1]), districts_of(found[0]))


def _sections(slug, name, city, polda, start, end) -> list[tuple[str, dict]]:
    """The config's sections from new-region's arguments, each checked (or defaulted) first;
    a `--city` in the official list gives its official spelling and districts."""
    year = dt.date.today().year - 1
    default = f"Kota {slug.replace('_', ' ').replace('-', ' ').title()}"
    official = official_city(_text_arg("--city", city)) if city else None
    city = official[0] if official else city
    name = name or city
    start_d = _date_arg("--start", start or f"{year}-01-01")
    end_d = _date_arg("--end", end or f"{year}-12-31")
    if start_d > end_d:
        raise ConfigError(f"--start {start_d} is after --end {end_d}")
    return config_sections(
        slug,
        _text_arg("--name", name or default),
        _text_arg("--city", city or default),
        _text_arg("--polda", polda),
        start_d,
        end_d,
        [{**PLACEHOLDER_DISTRICTS[0], "name": d} for d in official[1]] if official else None,
    )


def _text_arg(flag: str, value: str) -> str:
    """A one-line value for the config: no line breaks or control characters, not blank."""
    if not value.strip():
        raise ConfigError(f"{flag}: must not be empty")
    bad = [c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
    if bad:
        raise ConfigError(
            f"{flag} {value!r}: a line break or control character ({ord(bad[0]):#06x}) is not "
            "allowed; give the value on one line"
        )
    if len(value) > 200:
        raise ConfigError(f"{flag}: {len(value)} characters; at most 200")
    return value.strip()


def _date_arg(flag: str, value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"{flag} {value!r}: not a date; write YYYY-MM-DD with a real month and day "
            "(e.g. 2024-01-31)"
        ) from None


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
    text = config_text(_sections(slug, name, city, polda, start, end), slug)
    region = load_text(text, paths.config)
    targets = [paths.config, *(paths.raw / f for f in TEMPLATES)]
    existing = [p for p in targets if p.exists() or p.is_symlink()]
    if existing:
        raise ConfigError(
            f"{existing[0]}: already exists; new-region never overwrites (remove it first)"
        )
    own = paths.root.resolve() / "data" / "raw" / slug
    if paths.raw.is_symlink() or (paths.raw.exists() and paths.raw.resolve() != own):
        raise ConfigError(
            f"{paths.raw}: is a link to {paths.raw.resolve()}; new-region writes the templates "
            "only into a folder of the region's own (remove the link first)"
        )
    for p in targets:  # every refusal before anything is written
        check_target(p, paths.root, "file", raw_ok=True, shareable=False)
    fresh = [p for p in (paths.raw, *paths.raw.parents) if not p.exists()]
    written: list[Path] = []
    try:
        with writing(paths.config, paths.root, "file", raw_ok=True, shareable=False) as tmp:
            tmp.write_text(text, encoding="utf-8")
        written.append(paths.config)
        for rel, sheets in TEMPLATES.items():
            out = paths.raw / rel
            with writing(out, paths.root, "file", raw_ok=True, shareable=False) as tmp:
                save_workbook(build_workbook(region, sheets), tmp, creator="analysis new-region")
            written.append(out)
    except BaseException:  # nothing left behind: a half-made region is worse than none
        for p in written:
            p.unlink(missing_ok=True)
        if fresh:  # the folders this run made, when they hold nothing
            _prune(fresh[-1])
        raise
    return written


def _prune(folder: Path) -> None:
    """Remove empty folders under `folder` and `folder` itself if empty (never a file)."""
    for p in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if p.is_dir() and not any(p.iterdir()):
            p.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
