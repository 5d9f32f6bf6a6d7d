"""The columns of the Excel templates that `analysis new-region` writes, sheet by sheet.

Each header is an Indonesian alias the cleaning accepts; `choices` names the taxonomy field
(or "partners" / "district") whose values fill the column's drop-down list. The `*_SHEET`
names are column lists, not vocabularies (e.g. STAGE_SHEET is the stage sheet's columns; a
region's stage codes are `Region.codes.stages`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


OUTREACH_SHEET = [
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
CASE_SHEET = [
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
STAGE_SHEET = [
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
INFORMANT_SHEET = [
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
SEGMENT_SHEET = [
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
CODE_SHEET = [
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
    "outreach/kegiatan.xlsx": [("Kegiatan", OUTREACH_SHEET)],
    "cases/register_lp.xlsx": [("Daftar LP", CASE_SHEET), ("Tahapan", STAGE_SHEET)],
    "interviews/wawancara.xlsx": [
        ("Informan", INFORMANT_SHEET),
        ("Segmen", SEGMENT_SHEET),
        ("Koding", CODE_SHEET),
    ],
}
