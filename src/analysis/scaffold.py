"""`analysis new-region SLUG`: a region config and Excel templates a student can fill in.

The templates carry the Indonesian headers the cleaning accepts, drop-down lists built from
the taxonomy and the region's own aliases, date-formatted date columns, and an
instructions sheet in Indonesian and English. The instructions sheet and the hidden sheet of
drop-down lists are named in `raw.skip_sheets`, so cleaning never reads them as data; the
example row lives on the instructions sheet, so it can never be counted as a record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.config import ConfigError, Region, load_file
from analysis.lookup import package_table
from analysis.paths import Paths
from analysis.tables import save_workbook

INSTRUCTIONS_SHEET = "petunjuk"
LISTS_SHEET = "pilihan"
SKIP_SHEETS = ["tentang", "about", "readme", INSTRUCTIONS_SHEET, "instructions", LISTS_SHEET]
TEMPLATE_ROWS = 500  # rows that get drop-downs and date formats
SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")


@dataclass(frozen=True)
class Col:
    """One template column: Indonesian header (an accepted alias), what it holds."""

    header: str
    canonical: str
    help_id: str
    help_en: str
    choices: str | None = None  # a taxonomy field, "partners" or "district"
    date: bool = False
    example: object = None


OUTREACH = [
    Col(
        "Tanggal",
        "date",
        "tanggal kegiatan",
        "date of the activity",
        date=True,
        example=dt.datetime(2024, 3, 14),
    ),
    Col(
        "Jenis Kegiatan",
        "activity_type",
        "pilih dari daftar",
        "choose from the list",
        "activity_type",
        example="Sosialisasi Hukum",
    ),
    Col(
        "Sasaran",
        "audience",
        "wajib untuk sosialisasi",
        "required for legal education",
        "audience",
        example="Pelajar",
    ),
    Col("Jumlah Peserta", "participants", "angka bulat", "a whole number", example=45),
    Col(
        "Jenis Tempat",
        "venue_type",
        "pilih dari daftar",
        "choose from the list",
        "venue_type",
        example="Sekolah",
    ),
    Col(
        "Kecamatan", "district", "kecamatan di wilayah ini", "a district of the region", "district"
    ),
    Col(
        "Instansi Mitra",
        "partners",
        "boleh lebih dari satu, pisahkan dengan koma",
        "one or more, separated by commas",
        "partners",
        example="Dinas Pendidikan",
    ),
    Col(
        "Aplikasi",
        "platform",
        "untuk patroli siber / blokir akun",
        "for cyber patrols / account blocking",
        "platform",
    ),
    Col("Fitur", "feature", "fitur aplikasi yang dipantau", "app feature watched", "feature"),
    Col(
        "Jumlah Akun",
        "accounts_flagged",
        "akun ditandai atau diajukan blokir",
        "accounts flagged or put forward for blocking",
    ),
    Col(
        "Satuan",
        "unit",
        "satuan pelaksana (Polda/Polres/unit)",
        "unit that carried it out (Polda/Polres/unit)",
        example="Satbinmas",
    ),
    Col(
        "Keterangan",
        "notes",
        "JANGAN tulis nama, NIK, nomor HP atau alamat",
        "NEVER write names, ID numbers, phone numbers or addresses",
    ),
]
CASES = [
    Col(
        "Nomor LP",
        "report_number",
        "mis. LP/B/123/X/2024/SPKT/POLRES ...",
        "e.g. LP/B/123/X/2024/SPKT/POLRES ...",
        example="LP/B/12/III/2024/SPKT/POLRES CONTOH",
    ),
    Col(
        "Tanggal Lapor",
        "report_date",
        "tanggal laporan polisi",
        "date of the police report",
        date=True,
        example=dt.datetime(2024, 3, 14),
    ),
    Col("Modus", "modus", "pilih dari daftar", "choose from the list", "modus", example="Mucikari"),
    Col("Aplikasi", "platform", "aplikasi yang dipakai", "app used", "platform"),
    Col("Jumlah Korban", "victims", "angka bulat", "a whole number", example=1),
    Col(
        "Umur Korban",
        "victim_age",
        "umur dalam tahun (disimpan sebagai kelompok umur)",
        "age in years (stored only as an age band)",
        example="17",
    ),
    Col("JK Korban", "victim_sex", "P / L", "female / male", "victim_sex", example="P"),
    Col("Jumlah Tersangka", "suspects", "angka bulat", "a whole number", example=1),
    Col(
        "Pasal Dipersangkakan",
        "statutes",
        "mis. Pasal 296 KUHP",
        "e.g. Pasal 296 KUHP",
        example="Pasal 296 KUHP",
    ),
    Col("Status Perkara", "status", "pilih dari daftar", "choose from the list", "status"),
    Col(
        "Keterangan",
        "notes",
        "JANGAN tulis nama, NIK, nomor HP atau alamat",
        "NEVER write names, ID numbers, phone numbers or addresses",
    ),
]
STAGES = [
    Col(
        "Nomor LP",
        "report_number",
        "sama persis dengan lembar Daftar LP",
        "exactly as on the register sheet",
        example="LP/B/12/III/2024/SPKT/POLRES CONTOH",
    ),
    Col(
        "Tahap",
        "stage",
        "pilih dari daftar",
        "choose from the list",
        "stage",
        example="Penerimaan Laporan",
    ),
    Col(
        "Tanggal",
        "date",
        "tanggal tahap",
        "date of the stage",
        date=True,
        example=dt.datetime(2024, 3, 14),
    ),
    Col("Keterangan", "notes", "tanpa data pribadi", "no personal data"),
]
INFORMANTS = [
    Col(
        "Kode",
        "informant_code",
        "kode informan, mis. INF-1 (bukan nama)",
        "informant code, e.g. INF-1 (not a name)",
        example="INF-1",
    ),
    Col("Jabatan", "role", "pilih dari daftar", "choose from the list", "role", example="Penyidik"),
    Col("Satuan", "unit", "satuan/instansi", "unit or office", example="Satreskrim"),
    Col(
        "Jenis Instansi",
        "organisation_type",
        "pilih dari daftar",
        "choose from the list",
        "organisation_type",
        example="Polri",
    ),
    Col(
        "Tanggal Wawancara",
        "interview_date",
        "tanggal wawancara",
        "interview date",
        date=True,
        example=dt.datetime(2024, 5, 2),
    ),
]
SEGMENTS = [
    Col("ID Segmen", "segment_id", "mis. S001", "e.g. S001", example="S001"),
    Col(
        "Informan",
        "informant",
        "kode informan dari lembar Informan",
        "informant code from the Informan sheet",
        example="INF-1",
    ),
    Col(
        "Tanggal",
        "date",
        "tanggal wawancara",
        "interview date",
        date=True,
        example=dt.datetime(2024, 5, 2),
    ),
    Col("Pertanyaan", "question", "pertanyaan", "question", example="Apa upaya pre-emtif?"),
    Col(
        "Isi",
        "text",
        "parafrase jawaban, tanpa nama",
        "paraphrased answer, no names",
        example="Kami mengadakan sosialisasi di sekolah setiap bulan.",
    ),
]
CODES = [
    Col(
        "ID Segmen",
        "segment_id",
        "ID dari lembar Segmen",
        "id from the Segmen sheet",
        example="S001",
    ),
    Col("Koder", "coder", "mis. K1, K2", "e.g. K1, K2", example="K1"),
    Col(
        "Aspek",
        "aspect",
        "pilih dari daftar",
        "choose from the list",
        "aspect",
        example="Pre-emtif",
    ),
    Col(
        "Tema",
        "theme",
        "pilih dari daftar",
        "choose from the list",
        "theme",
        example="Sosialisasi hukum",
    ),
]
# file -> [(sheet, columns)]
TEMPLATES: dict[str, list[tuple[str, list[Col]]]] = {
    "outreach/kegiatan.xlsx": [("Kegiatan", OUTREACH)],
    "cases/register_lp.xlsx": [("Daftar LP", CASES), ("Tahapan", STAGES)],
    "interviews/wawancara.xlsx": [
        ("Informan", INFORMANTS),
        ("Segmen", SEGMENTS),
        ("Koding", CODES),
    ],
}


def choices(region: Region, field: str) -> list[str]:
    """Drop-down values: one label per code (the first alias in the package's table, which is
    the Indonesian one), then the region's own labels, agencies or districts."""
    if field == "district":
        return [d["name"] for d in region.data["districts"]]
    if field == "partners":
        ag = package_table("agencies.csv")
        names = list(dict.fromkeys(ag["canonical"]))
        names += [str(v) for v in region.extra_aliases("agencies").values()]
        return list(dict.fromkeys(names))
    labels = package_table("labels.csv")
    rows = labels[labels["field"] == field]
    first: dict[str, str] = {}
    for alias, code in zip(rows["alias"], rows["code"], strict=True):
        first.setdefault(code, alias)
    out = list(first.values())
    for alias in region.extra_aliases("labels").get(field) or {}:
        out.append(str(alias))
    return list(dict.fromkeys(out))


def _header_style(cell) -> None:
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor="1F5F8B")


def build_workbook(region: Region, sheets: list[tuple[str, list[Col]]]) -> Workbook:
    """One template workbook: instructions first, then the data sheets, then the lists."""
    wb = Workbook()
    ins = wb.active
    ins.title = INSTRUCTIONS_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_ranges: dict[str, str] = {}

    def list_range(field: str) -> str:
        if field not in list_ranges:
            col = len(list_ranges) + 1
            values = choices(region, field)
            lists.cell(row=1, column=col, value=field).font = Font(bold=True)
            for r, v in enumerate(values, start=2):
                lists.cell(row=r, column=col, value=v)
            letter = get_column_letter(col)
            list_ranges[field] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        return list_ranges[field]

    lines = [
        "PETUNJUK / INSTRUCTIONS",
        "",
        f"Wilayah / region: {region.get('name')} ({region.slug})",
        "ID: Isi satu baris per kegiatan, laporan polisi atau segmen wawancara, mulai baris 2 "
        "di lembar data. Jangan ubah judul kolom. Pilih nilai dari daftar tarik-turun; nilai "
        "baru boleh ditambahkan ke aliases.labels di config/regions/" + region.slug + ".yml.",
        "EN: Fill one row per activity, police report or interview segment, from row 2 of each "
        "data sheet. Keep the column headers. Choose values from the drop-down lists; a new "
        "label can be added under aliases.labels in config/regions/" + region.slug + ".yml.",
        "ID: Tulis tanggal sebagai tanggal Excel atau dd/mm/yyyy. JANGAN tulis nama, NIK, "
        "nomor HP, akun, atau alamat lengkap di kolom mana pun.",
        "EN: Write dates as Excel dates or dd/mm/yyyy. NEVER write names, ID numbers, phone "
        "numbers, account handles or full addresses in any column.",
        "ID: Lembar ini dan lembar daftar pilihan tidak dibaca sebagai data.",
        "EN: This sheet and the sheet of drop-down lists are never read as data.",
        "",
    ]
    for i, line in enumerate(lines, start=1):
        ins.cell(row=i, column=1, value=line)
    ins["A1"].font = Font(bold=True, size=13)
    row = len(lines) + 1
    for title, cols in sheets:
        ws = wb.create_sheet(title, index=wb.sheetnames.index(LISTS_SHEET))
        for c, col in enumerate(cols, start=1):
            cell = ws.cell(row=1, column=c, value=col.header)
            _header_style(cell)
            letter = get_column_letter(c)
            ws.column_dimensions[letter].width = max(14, len(col.header) + 4)
            if col.date:  # a column-wide format: no empty cells for a reader to trip over
                ws.column_dimensions[letter].number_format = "DD/MM/YYYY"
            if col.choices:
                dv = DataValidation(
                    type="list",
                    formula1=f"={list_range(col.choices)}",
                    allow_blank=True,
                    showErrorMessage=True,
                    # a partner list may name several agencies: warn, do not forbid
                    errorStyle="warning" if col.choices == "partners" else "stop",
                    errorTitle="Nilai tidak dikenal / unknown value",
                    error="Pilih dari daftar / choose from the list",
                )
                dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
        # the instructions sheet explains each column and shows one example row
        ins.cell(row=row, column=1, value=f"Lembar / sheet '{title}'").font = Font(bold=True)
        row += 1
        for c, col in enumerate(cols, start=1):
            _header_style(ins.cell(row=row, column=c, value=col.header))
            ins.cell(row=row + 1, column=c, value=f"{col.help_id} / {col.help_en}")
            ex = ins.cell(row=row + 2, column=c, value=col.example)
            if col.date:
                ex.number_format = "DD/MM/YYYY"
        ins.cell(
            row=row + 3, column=1, value="^ CONTOH, bukan data / EXAMPLE, not data"
        ).font = Font(italic=True, color="9C0006")
        row += 5
    ins.column_dimensions["A"].width = 40
    return wb


def config_text(slug: str, name: str, city: str, polda: str, start: str, end: str) -> str:
    """A complete region config, every key commented in Indonesian and English."""
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
  - {{name: Kecamatan Satu, population: null, population_year: null, population_source: "not yet filled"}}
  - {{name: Kecamatan Dua, population: null, population_year: null, population_source: "not yet filled"}}
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
    text = config_text(
        slug,
        name or f"Kota {slug.replace('_', ' ').replace('-', ' ').title()}",
        city or f"Kota {slug.replace('_', ' ').replace('-', ' ').title()}",
        polda,
        start or f"{year}-01-01",
        end or f"{year}-12-31",
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
