"""Write the reconstructed Kupang raw workbooks under data/raw/kupang/.

WHY THIS EXISTS
The thesis's own records (interview transcripts, police report files) are confidential:
they concern child victims of sexual exploitation. This script rebuilds a *plausible*
field dataset from the figures the thesis publishes in chapter 5, so that the cleaning
modules, statistics and notebooks have something real-shaped to work on. Every record is
invented; every identifier is obviously fake. Run it twice and you get the same bytes.

    python scripts/reconstruct_kupang.py            # writes data/raw/kupang/
    python scripts/reconstruct_kupang.py --out DIR  # writes elsewhere (tests use this)

ASSUMPTIONS (each one is also stated in the "tentang" sheet of every workbook)
A1  Study period: 1 January 2022 to 30 June 2025 (42 months). The thesis counts police
    reports "throughout 2022-2025"; a thesis finished in 2025 cannot have observed the
    whole of 2025, so the reconstruction stops at the last full month before a plausible
    mid-2025 fieldwork window.
A2  Legal-education sessions: the thesis says 2-4 per month. Each month draws 2, 3, 3 or 4
    sessions (3 is twice as likely), on distinct weekdays.
A3  Audiences: teenagers, school pupils, university students and the general public
    (the thesis names the first three broadly as "remaja, pelajar, masyarakat umum";
    university students and parents are added as realistic extras).
A4  About 60 % of sessions list one or two partner agencies (the thesis reports
    "kerja sama dengan instansi terkait" without naming them; the agencies used are the
    usual municipal offices for child protection, education and communications).
A5  Cyber patrols are "continuous": the log has one entry in every Monday-to-Sunday week
    of the period (about a fifth of weeks have a second entry), always on MiChat's
    nearby-users feature ("Pengguna di Sekitar"), with 0-6 accounts flagged.
A6  Lodging inspections: the thesis says 4-5 per month. Each month draws 4 or 5.
A7  Cases: exactly five police reports (LP) in 2022-2025, as the thesis states; two
    sextortion, two child exploitation (the thesis's "dominant modus") and one adult
    pimping case. Each passes through the eight stages the thesis lists, in order,
    with plausible gaps between stages. Victims are recorded with an exact age in the raw
    register (as a police register would) so the cleaning must reduce it to a band.
A8  Interviews: eight informants, described by role and unit. Their segments are
    PARAPHRASES written for this reconstruction from the thesis's conclusions and
    recommendations; they are not quotations of anyone.
A9  Coding: two coders (K1, K2) code every segment with one aspect and one theme; K2
    departs from K1 on roughly one segment in eight, picking a neighbouring theme.
A10 Districts: the six kecamatan of Kota Kupang (Alak, Kelapa Lima, Kota Lama, Kota Raja,
    Maulafa, Oebobo), drawn uniformly.

FIELD MESSINESS PLANTED ON PURPOSE (the cleaning must cope with all of it)
M1  Header aliases: Indonesian headers in most sheets, English headers in the 2024
    outreach sheet and in the patrol CSV, abbreviations ("Tgl", "Jml").
M2  Date formats: Excel date cells; "Selasa, 14 Mar 2023"; "14/03/2023"; "3 Ags 2024";
    "14 Maret 2023 pukul 09.00 WITA"; "Jum'at, 3 Feb 2023"; ISO "2023-03-14";
    "14-03-2023 20:00 WITA".
M3  Label variants, casing and typos ("Sosialisasi Hukum", "sosialisai hukum",
    "Penyuluhan hukum", "PELAJAR", "masyarakat umum ", "Kec. Oebobo", "Kotaraja").
M4  Stray whitespace around values; numbers written "45 orang".
M5  A merged title row above the header (outreach sheets); a blank row (lodging sheet).
M6  Fake identifiers in free-text notes: phone numbers, 16-digit NIK, MiChat usernames,
    a street address, LP numbers and names of informants.
M7  Rows that must be rejected, listed in planted_problems.csv with their Excel row.

OUTPUT
data/raw/kupang/{outreach,cases,interviews}/..., planted_problems.csv (what cleaning must
reject), planted_identifiers.csv (what must never reach processed data or reports), and
SHA256SUMS (the immutability manifest).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from analysis.rawdata import write_manifest
from analysis.tables import save_workbook as save_fixed

SEED = 20250630
PERIOD_START = dt.date(2022, 1, 1)
PERIOD_END = dt.date(2025, 6, 30)
ROOT = Path(__file__).resolve().parents[1]

DISTRICTS = ["Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo"]
DISTRICT_VARIANTS = {
    "Alak": ["Alak", "Kec. Alak", "ALAK"],
    "Kelapa Lima": ["Kelapa Lima", "kelapa lima", "Kec. Kelapa Lima"],
    "Kota Lama": ["Kota Lama", "Kota lama ", "Kec. Kota Lama"],
    "Kota Raja": ["Kota Raja", "Kotaraja", "Kec. Kota Raja"],
    "Maulafa": ["Maulafa", "Maulafa ", "Kec. Maulafa"],
    "Oebobo": ["Oebobo", "Kec. Oebobo", "oebobo"],
}
DAY_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu"]
MONTH_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTH_ABBR_ID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Ags", "Sep", "Okt", "Nop", "Des"]

ABOUT_LINES = [
    "TENTANG BERKAS INI / ABOUT THIS FILE",
    "",
    "Berkas ini adalah REKONSTRUKSI, bukan catatan asli Polda NTT.",
    "This file is a RECONSTRUCTION, not the original confidential records of Polda NTT.",
    "It was generated deterministically by scripts/reconstruct_kupang.py (seed {seed})",
    "from the figures published in chapter 5 of the thesis on Polda NTT's efforts against",
    "online prostitution offered through MiChat in Kota Kupang. All persons, numbers,",
    "accounts and addresses in it are invented and obviously fake.",
    "",
    "Assumptions (see the script's docstring for the full list):",
    "A1 study period 2022-01-01 to 2025-06-30; A2 2-4 legal-education sessions a month;",
    "A5 a cyber patrol on MiChat's nearby-users feature every week; A6 4-5 lodging",
    "inspections a month; A7 five police reports 2022-2025, each through eight stages;",
    "A8 interview segments are paraphrases written for the reconstruction, not quotations.",
    "",
    "Rows planted to be rejected and identifiers planted to be scrubbed are listed in",
    "planted_problems.csv and planted_identifiers.csv beside the kind folders.",
]


class Planted:
    """Collects the problems and identifiers planted on purpose, for the tests."""

    def __init__(self) -> None:
        self.problems: list[dict[str, object]] = []
        self.identifiers: list[tuple[str, str]] = []

    def problem(
        self, pid: str, file: str, sheet: str, row: int, column: str, kind: str, what: str
    ) -> None:
        self.problems.append(
            {
                "problem_id": pid,
                "file": file,
                "sheet": sheet,
                "row": row,
                "column": column,
                "kind": kind,
                "description": what,
            }
        )

    def ident(self, kind: str, value: str) -> str:
        if (kind, value) not in self.identifiers:
            self.identifiers.append((kind, value))
        return value


# --------------------------------------------------------------------------- dates
def fmt_date(d: dt.date, rng: random.Random, styles: tuple[str, ...]) -> object:
    """Write a date the way a field officer might: one of several styles."""
    style = rng.choice(styles)
    if style == "cell":
        return dt.datetime(d.year, d.month, d.day)
    if style == "dayname":
        return f"{DAY_ID[d.weekday()]}, {d.day} {MONTH_ABBR_ID[d.month - 1]} {d.year}"
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "abbr":
        return f"{d.day} {MONTH_ABBR_ID[d.month - 1]} {d.year}"
    if style == "long_wita":
        return f"{d.day} {MONTH_ID[d.month - 1]} {d.year} pukul {rng.choice([9, 10, 14])}.00 WITA"
    if style == "iso":
        return d.isoformat()
    if style == "dash_wita":
        return f"{d.day:02d}-{d.month:02d}-{d.year} {rng.choice([19, 20, 21])}:00 WITA"
    raise ValueError(style)


def months() -> list[tuple[int, int]]:
    out, y, m = [], PERIOD_START.year, PERIOD_START.month
    while (y, m) <= (PERIOD_END.year, PERIOD_END.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def distinct_days(rng: random.Random, y: int, m: int, n: int, weekdays_only: bool) -> list[dt.date]:
    last = calendar.monthrange(y, m)[1]
    days = [dt.date(y, m, d) for d in range(1, last + 1)]
    if weekdays_only:
        days = [d for d in days if d.weekday() < 5]
    return sorted(rng.sample(days, n))


# --------------------------------------------------------------------------- writing
def save_workbook(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps so two runs give the same bytes."""
    save_fixed(wb, path, creator="scripts/reconstruct_kupang.py")


def add_about(wb: Workbook, extra: list[str]) -> None:
    ws = wb.active
    ws.title = "tentang"
    for i, line in enumerate(ABOUT_LINES + [""] + extra, start=1):
        ws.cell(row=i, column=1, value=line.format(seed=SEED))
    ws["A1"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 100


def write_table(ws, header: list[str], rows: list[list[object]], title: str | None) -> int:
    """Write header and rows; return the Excel row number of the first data row."""
    r = 1
    if title:
        ws.cell(row=1, column=1, value=title).font = Font(bold=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
        r = 3  # title, an empty spacer row, then the header
    for c, h in enumerate(header, start=1):
        ws.cell(row=r, column=c, value=h).font = Font(bold=True)
    for i, row in enumerate(rows, start=r + 1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=i, column=c, value=v)
    return r + 1


# --------------------------------------------------------------------------- outreach
AUDIENCE_VARIANTS = {
    "teenagers": ["Remaja", "remaja", "Remaja Gereja", "REMAJA"],
    "school_pupils": ["Pelajar", "Siswa SMA", "Pelajar SMP", "PELAJAR", "siswa/siswi"],
    "university_students": ["Mahasiswa", "mahasiswa ", "Mahasiswa baru"],
    "general_public": ["Masyarakat Umum", "masyarakat umum ", "Masyarakat", "Warga"],
    "parents": ["Orang Tua Murid", "orang tua"],
}
AUDIENCE_EN = {
    "teenagers": "Teenagers",
    "school_pupils": "School pupils",
    "university_students": "University students",
    "general_public": "General public",
    "parents": "Parents",
}
VENUE_FOR = {
    "teenagers": ["Gereja", "Kantor Kelurahan"],
    "school_pupils": ["Sekolah"],
    "university_students": ["Kampus"],
    "general_public": ["Kantor Kelurahan", "Gereja", "Balai Warga"],
    "parents": ["Sekolah"],
}
VENUE_EN = {
    "Gereja": "Church",
    "Kantor Kelurahan": "Village office",
    "Sekolah": "School",
    "Kampus": "Campus",
    "Balai Warga": "Community hall",
}
EDU_VARIANTS = [
    "Sosialisasi Hukum",
    "sosialisasi hukum",
    "Penyuluhan Hukum",
    "Edukasi Hukum",
    "sosialisai hukum",
    "Sosialisasi  Hukum ",
]
PARTNER_VARIANTS = [
    "DP3A Kota Kupang",
    "Dinas PPPA Kota Kupang",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Kupang",
    "Dinas Pendidikan dan Kebudayaan Kota Kupang",
    "Dinas P dan K Kota Kupang",
    "Disdikbud",
    "Diskominfo Kota Kupang",
    "Dinas Kominfo",
    "UPTD PPA Kota Kupang",
    "Kemenag Kota Kupang",
]
UNITS_EDU = ["Ditbinmas Polda NTT", "Ditbinmas", "Subdit V Siber Ditreskrimsus", "Bhabinkamtibmas"]


def outreach_education(rng: random.Random, planted: Planted, out: Path) -> None:
    fname = "outreach/sosialisasi_hukum_2022-2025.xlsx"
    wb = Workbook()
    add_about(
        wb,
        [
            "Sheets 2022-2025: one row per legal-education session (kegiatan pre-emtif).",
            "The 2024 sheet uses English headers, as a new admin clerk kept it.",
        ],
    )
    header_id = [
        "No",
        "Hari/Tanggal",
        "Jenis Kegiatan",
        "Sasaran",
        "Jml Peserta",
        "Tempat",
        "Kecamatan",
        "Instansi Mitra",
        "Satuan",
        "Keterangan",
    ]
    header_en = [
        "No.",
        "Date",
        "Activity",
        "Audience",
        "Participants",
        "Venue",
        "District",
        "Partner agencies",
        "Unit",
        "Notes",
    ]
    by_year: dict[int, list[list[object]]] = {}
    for y, m in months():
        n = rng.choice([2, 3, 3, 4])
        for d in distinct_days(rng, y, m, n, weekdays_only=True):
            aud = rng.choices(list(AUDIENCE_VARIANTS), weights=[3, 4, 2, 3, 1])[0]
            venue = rng.choice(VENUE_FOR[aud])
            district = rng.choice(DISTRICTS)
            partners = ""
            if rng.random() < 0.6:
                partners = ", ".join(rng.sample(PARTNER_VARIANTS, rng.choice([1, 1, 2])))
            people = rng.randint(25, 180)
            note = ""
            roll = rng.random()
            if roll < 0.05:
                note = "Narahubung panitia: " + planted.ident(
                    "phone", f"0812-3000-{rng.randint(1, 99):04d}"
                )
            elif roll < 0.08:
                note = "Peserta melapor akun mencurigakan " + planted.ident(
                    "username", f"@michat_fiktif_{rng.randint(1, 99):02d}"
                )
            english = y == 2024
            row = [
                None,
                fmt_date(d, rng, ("cell", "dayname", "slash", "abbr", "long_wita")),
                "Legal education" if english and rng.random() < 0.5 else rng.choice(EDU_VARIANTS),
                AUDIENCE_EN[aud] if english else rng.choice(AUDIENCE_VARIANTS[aud]),
                people if rng.random() < 0.7 else f"{people} orang",
                VENUE_EN[venue] if english else venue,
                rng.choice(DISTRICT_VARIANTS[district]),
                partners or ("-" if rng.random() < 0.5 else None),
                rng.choice(UNITS_EDU),
                note or None,
            ]
            by_year.setdefault(y, []).append(row)
    for rows in by_year.values():
        for i, row in enumerate(rows, start=1):
            row[0] = i
    # Planted rejects (extra rows; the monthly counts above stay within 2-4 without them).
    by_year[2022].insert(
        0,
        [
            0,
            "15/12/2021",
            "Sosialisasi Hukum",
            "Pelajar",
            60,
            "Sekolah",
            "Oebobo",
            "Disdikbud",
            "Ditbinmas",
            None,
        ],
    )
    dup_src = 5
    by_year[2023].insert(dup_src + 1, list(by_year[2023][dup_src]))
    by_year[2024].append(
        [
            len(by_year[2024]) + 1,
            "2024-11-20",
            "Legal education",
            "Ojek online community",
            40,
            "Village office",
            "Alak",
            "",
            "Ditbinmas",
            None,
        ]
    )
    for y in sorted(by_year):
        ws = wb.create_sheet(str(y))
        title = f"REKAPITULASI KEGIATAN SOSIALISASI HUKUM POLDA NTT TAHUN {y}"
        first = write_table(ws, header_en if y == 2024 else header_id, by_year[y], title)
        if y == 2022:
            planted.problem(
                "P1",
                fname,
                "2022",
                first,
                "Hari/Tanggal",
                "out_of_period",
                "session dated 15/12/2021, before the study period",
            )
        if y == 2023:
            planted.problem(
                "P2",
                fname,
                "2023",
                first + dup_src + 1,
                "",
                "duplicate",
                f"exact copy of Excel row {first + dup_src}",
            )
        if y == 2024:
            planted.problem(
                "P3",
                fname,
                "2024",
                first + len(by_year[2024]) - 1,
                "Audience",
                "unknown_label",
                "audience 'Ojek online community' is not in the taxonomy",
            )
    save_workbook(wb, out / fname)


PATROL_ACTIVITY = ["Patroli Siber", "patroli siber", "Cyber patrol", "Patroli siber MiChat"]
PATROL_PLATFORM = ["MiChat", "Michat", "MICHAT", "Mi Chat"]
PATROL_FEATURE = ["Pengguna di Sekitar", "pengguna disekitar", "Nearby users", "People Nearby"]


def outreach_patrol(rng: random.Random, planted: Planted, out: Path) -> None:
    fname = "outreach/patroli_siber_michat.csv"
    header = ["date", "activity", "platform", "feature", "accounts_flagged", "unit", "officer_note"]
    rows: list[list[object]] = []
    monday = PERIOD_START - dt.timedelta(days=PERIOD_START.weekday())
    while monday <= PERIOD_END:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        days = [d for d in days if PERIOD_START <= d <= PERIOD_END]
        k = 2 if (rng.random() < 0.2 and len(days) > 1) else 1
        for d in sorted(rng.sample(days, k)):
            note = ""
            roll = rng.random()
            if roll < 0.04:
                note = (
                    "Akun "
                    + planted.ident("username", f"@om_fiktif_{rng.randint(10, 99)}")
                    + " menawarkan jasa"
                )
            elif roll < 0.06:
                note = "Nomor WA di profil " + planted.ident(
                    "phone", f"+62 813 0000 {rng.randint(1, 999):04d}"
                )
            rows.append(
                [
                    fmt_date(d, rng, ("iso", "slash", "dash_wita", "abbr")),
                    rng.choice(PATROL_ACTIVITY),
                    rng.choice(PATROL_PLATFORM),
                    rng.choice(PATROL_FEATURE),
                    rng.choice([0, 0, 1, 1, 2, 3, 4, 6]),
                    rng.choice(["Subdit V Siber", "Ditressiber Polda NTT", "Subdit V Siber "]),
                    note,
                ]
            )
        monday += dt.timedelta(days=7)
    at = 40
    rows.insert(
        at,
        [
            "",
            "Patroli Siber",
            "MiChat",
            "Pengguna di Sekitar",
            1,
            "Subdit V Siber",
            "tanggal lupa dicatat",
        ],
    )
    planted.problem("P4", fname, "", at + 2, "date", "missing_value", "patrol entry without a date")
    path = out / fname
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))  # Excel-style BOM


LODGING_ACTIVITY = [
    "Pengawasan Penginapan",
    "pengawasan penginapan",
    "Pengecekan hotel/losmen",
    "Sambang penginapan",
]
LODGING_AUDIENCE = ["Pengelola Penginapan", "pengelola penginapan", "Pengelola hotel/losmen"]
LODGING_PARTNERS = ["Satpol PP Kota Kupang", "Satpol PP", "Dinas Pariwisata Kota Kupang", ""]


def outreach_lodging(rng: random.Random, planted: Planted, out: Path) -> None:
    fname = "outreach/pengawasan_penginapan.xlsx"
    wb = Workbook()
    add_about(
        wb,
        [
            "Sheet Pengawasan: one row per lodging inspection (kegiatan preventif).",
            "'Jml Penginapan' is the number of lodgings visited in that inspection.",
        ],
    )
    header = [
        "Tgl",
        "Kegiatan",
        "Sasaran",
        "Kecamatan",
        "Jml Penginapan",
        "Mitra",
        "Satuan",
        "Catatan",
    ]
    rows: list[list[object] | None] = []
    for y, m in months():
        for d in distinct_days(rng, y, m, rng.choice([4, 5]), weekdays_only=False):
            note = None
            roll = rng.random()
            if roll < 0.04:
                note = "Tamu tanpa identitas, NIK " + planted.ident(
                    "nik",
                    f"537101{rng.randint(1, 28):02d}0{rng.randint(1, 9)}00{rng.randint(1, 9):04d}"[
                        :16
                    ],
                )
            elif roll < 0.06:
                note = "Penginapan di " + planted.ident(
                    "address", f"Jl. Contoh Fiktif No. {rng.randint(1, 99)}"
                )
            district = rng.choice(DISTRICTS)
            rows.append(
                [
                    fmt_date(d, rng, ("cell", "cell", "dayname", "slash")),
                    rng.choice(LODGING_ACTIVITY),
                    rng.choice(LODGING_AUDIENCE),
                    rng.choice(DISTRICT_VARIANTS[district]),
                    rng.randint(2, 9),
                    rng.choice(LODGING_PARTNERS) or None,
                    rng.choice(["Ditsamapta Polda NTT", "Ditbinmas", "Subdit V Siber"]),
                    note,
                ]
            )
    blank_at = 57
    rows.insert(blank_at, None)  # an empty row left in the middle of the sheet
    bad_at = 120
    rows.insert(
        bad_at,
        [
            "12/10/2023",
            "Pengawasan Penginapan",
            "Pengelola Penginapan",
            "Kupang Tengah",
            3,
            "Satpol PP",
            "Ditbinmas",
            None,
        ],
    )
    ws = wb.create_sheet("Pengawasan")
    first = write_table(ws, header, [r if r is not None else [] for r in rows], None)
    planted.problem(
        "P5",
        fname,
        "Pengawasan",
        first + bad_at,
        "Kecamatan",
        "unknown_label",
        "'Kupang Tengah' is a district of Kabupaten Kupang, not of Kota Kupang",
    )
    save_workbook(wb, out / fname)


# --------------------------------------------------------------------------- cases
STAGES = [
    ("report", ["Penerimaan Laporan", "Terima LP", "Laporan diterima"]),
    ("inquiry", ["Penyelidikan", "Lidik", "penyelidikan"]),
    ("investigation", ["Penyidikan", "Sidik", "Naik sidik"]),
    ("arrest", ["Penangkapan", "penangkapan tersangka"]),
    ("detention", ["Penahanan", "Penahanan Rutan"]),
    ("search", ["Penggeledahan", "geledah"]),
    ("seizure", ["Penyitaan", "Penyitaan BB"]),
    ("prosecutor_handover", ["Pelimpahan ke Kejaksaan", "Tahap II", "Pelimpahan Tahap II"]),
]
CASES = [
    # (report date, seq, roman month, modus label, victims, ages, sex, suspects, statutes)
    (
        dt.date(2022, 3, 9),
        112,
        "III",
        "Ancaman penyebaran konten asusila (sextortion)",
        1,
        "17 tahun",
        "P",
        1,
        "Pasal 27 ayat (1) jo Pasal 45 ayat (1) UU No. 19 Tahun 2016 tentang ITE",
    ),
    (
        dt.date(2023, 2, 21),
        58,
        "II",
        "Eksploitasi anak di bawah umur",
        2,
        "15 dan 16 thn",
        "Perempuan",
        2,
        "Pasal 76I jo Pasal 88 UU 35/2014 ttg Perlindungan Anak; Pasal 296 KUHP",
    ),
    (
        dt.date(2023, 9, 14),
        301,
        "IX",
        "ancaman sebar video asusila",
        1,
        "21 tahun",
        "P",
        1,
        "Psl 27 ayat (4) jo Psl 45 ayat (4) UU ITE; UU 44/2008 Pornografi Pasal 4",
    ),
    (
        dt.date(2024, 10, 2),
        344,
        "X",
        "Eksploitasi anak (anak ditawarkan via MiChat)",
        1,
        "16 th",
        "P",
        2,
        "Pasal 2 UU 21/2007 TPPO; Pasal 76I jo 88 UU Perlindungan Anak",
    ),
    (
        dt.date(2025, 2, 11),
        41,
        "II",
        "Mucikari prostitusi online",
        3,
        "19, 22, 24 tahun",
        "perempuan",
        1,
        "Pasal 296 jo Pasal 506 KUHP; Pasal 30 UU Pornografi",
    ),
]
STAGE_GAPS = {
    "inquiry": (1, 7),
    "investigation": (7, 30),
    "arrest": (1, 14),
    "detention": (0, 1),
    "search": (0, 3),
    "seizure": (0, 2),
    "prosecutor_handover": (30, 80),
}


def cases(rng: random.Random, planted: Planted, out: Path) -> None:
    fname = "cases/register_lp_2022-2025.xlsx"
    wb = Workbook()
    add_about(
        wb,
        [
            "Sheet 'Daftar LP': one row per police report; 'Tahapan': the dated stage log.",
            "LP numbers, ages and notes are invented; they exist to test the scrubbing.",
        ],
    )
    reg_rows, stage_rows = [], []
    for i, (d, seq, roman, modus, nv, ages, sex, ns, statutes) in enumerate(CASES, start=1):
        lp = planted.ident(
            "lp_number", f"LP/B/{seq}/{roman}/{d.year}/SPKT/POLDA NUSA TENGGARA TIMUR"
        )
        planted.ident("age_text", ages)
        note = None
        if i == 1:
            note = (
                "Pelaku memakai akun "
                + planted.ident("username", "@pacar_fiktif_00")
                + " di MiChat"
            )
        if i == 4:
            note = "Korban dihubungi lewat " + planted.ident("phone", "0852-0000-0003")
        reg_rows.append(
            [
                i,
                lp,
                fmt_date(d, rng, ("cell", "dayname", "slash")),
                modus,
                "MiChat",
                nv,
                ages,
                sex,
                ns,
                statutes,
                "Tahap II (P21)",
                note,
            ]
        )
        when = d
        for stage, labels in STAGES:
            if stage != "report":
                lo, hi = STAGE_GAPS[stage]
                when = when + dt.timedelta(days=rng.randint(lo, hi))
            snote = None
            if stage == "search" and i == 2:
                snote = "Geledah kamar di " + planted.ident("address", "Jl. Contoh Fiktif No. 12")
            stage_rows.append(
                [
                    lp,
                    rng.choice(labels),
                    fmt_date(when, rng, ("cell", "slash", "abbr", "dayname")),
                    snote,
                ]
            )
    ws = wb.create_sheet("Daftar LP")
    write_table(
        ws,
        [
            "No",
            "Nomor LP",
            "Tanggal Lapor",
            "Modus",
            "Platform",
            "Jumlah Korban",
            "Umur Korban",
            "JK Korban",
            "Jumlah Tersangka",
            "Pasal Dipersangkakan",
            "Status",
            "Keterangan",
        ],
        reg_rows,
        None,
    )
    ws2 = wb.create_sheet("Tahapan")
    write_table(ws2, ["Nomor LP", "Tahap", "Tanggal", "Keterangan"], stage_rows, None)
    save_workbook(wb, out / fname)


# --------------------------------------------------------------------------- interviews
INFORMANTS = [
    # code, fake name, role, unit, organisation type, interview date
    (
        "INF-1",
        "Nama Samaran Alfa",
        "Kepala Subdit Siber",
        "Subdit V Siber Ditreskrimsus Polda NTT",
        "Polri",
    ),
    ("INF-2", "Nama Samaran Bravo", "Penyidik", "Subdit V Siber Ditreskrimsus Polda NTT", "Polri"),
    (
        "INF-3",
        "Nama Samaran Charlie",
        "Penyidik",
        "Subdit IV Renakta Ditreskrimum Polda NTT",
        "Polri",
    ),
    ("INF-4", "Nama Samaran Delta", "Pembina Masyarakat", "Ditbinmas Polda NTT", "Polri"),
    ("INF-5", "Nama Samaran Eko", "Bhabinkamtibmas", "Polresta Kupang Kota", "Polri"),
    (
        "INF-6",
        "Nama Samaran Foxtrot",
        "Pengelola Penginapan",
        "Penginapan di Kota Kupang",
        "Swasta",
    ),
    (
        "INF-7",
        "Nama Samaran Golf",
        "Konselor Perlindungan Anak",
        "UPTD PPA Kota Kupang",
        "Pemerintah Daerah",
    ),
    (
        "INF-8",
        "Nama Samaran Hotel",
        "Guru Bimbingan Konseling",
        "Sekolah menengah di Kota Kupang",
        "Sekolah",
    ),
]
# theme code -> (aspect label as coders wrote it, theme label as coders wrote it, paraphrases)
THEMES: dict[str, tuple[str, str, list[str]]] = {
    "legal_education": (
        "Pre-emtif",
        "Sosialisasi hukum",
        [
            "Kami turun ke sekolah dan gereja dua sampai empat kali sebulan untuk menjelaskan bahaya prostitusi daring.",
            "Materi sosialisasi menekankan ancaman pidana bagi pelaku dan cara remaja melindungi diri.",
            "Sasaran utama penyuluhan adalah remaja, pelajar, dan masyarakat umum di tiap kecamatan.",
            "Setelah sosialisasi, beberapa siswa berani bercerita tentang ajakan mencurigakan di aplikasi.",
        ],
    ),
    "agency_cooperation": (
        "Pre-emtif",
        "Kerja sama instansi",
        [
            "Sosialisasi sering dilakukan bersama dinas perlindungan anak dan dinas pendidikan.",
            "Dinas kominfo membantu menyebarkan materi edukasi lewat kanal resmi pemerintah kota.",
            "Koordinasi lintas instansi mempercepat rujukan korban ke layanan pendampingan.",
            "Kerja sama dengan sekolah membuat jadwal penyuluhan lebih teratur.",
        ],
    ),
    "digital_literacy": (
        "Saran",
        "Literasi digital",
        [
            "Anak-anak perlu diajari mengenali bujukan dan tawaran kerja palsu di aplikasi obrolan.",
            "Program literasi digital sebaiknya masuk ke kegiatan rutin sekolah, bukan sekali-sekali.",
            "Banyak remaja belum paham bahwa foto pribadi yang dikirim bisa dipakai untuk memeras.",
            "Pemerintah daerah perlu memperkuat edukasi literasi digital bagi pelajar dan orang tua.",
        ],
    ),
    "parental_supervision": (
        "Saran",
        "Pengawasan orang tua",
        [
            "Orang tua perlu tahu aplikasi apa saja yang dipakai anaknya setiap hari.",
            "Pengawasan keluarga dan penanaman nilai moral sejak dini adalah benteng pertama.",
            "Banyak orang tua baru sadar setelah anaknya menjadi korban.",
            "Keluarga diharapkan lebih terbuka membicarakan risiko media sosial dengan remaja.",
        ],
    ),
    "cyber_patrol": (
        "Preventif",
        "Patroli siber",
        [
            "Patroli siber dilakukan terus-menerus dengan memantau akun yang menawarkan jasa.",
            "Tim memantau fitur Pengguna di Sekitar untuk melihat akun yang aktif di sekitar Kupang.",
            "Akun yang mencurigakan dicatat dan dipantau sebelum ada tindakan lanjutan.",
            "Patroli siber perlu diperkuat dan dilakukan lebih intensif pada malam hari.",
            "Hasil patroli dibahas tiap pekan untuk menentukan akun mana yang perlu diselidiki.",
        ],
    ),
    "lodging_supervision": (
        "Preventif",
        "Pengawasan penginapan",
        [
            "Petugas datang ke penginapan empat sampai lima kali sebulan untuk memeriksa buku tamu.",
            "Pengelola diminta menolak tamu yang tidak membawa identitas atau membawa anak di bawah umur.",
            "Sebagai pengelola, kami diminta melapor bila ada tamu yang keluar masuk dengan orang berbeda.",
            "Pengawasan penginapan perlu lebih ketat dan melibatkan pemerintah kota.",
            "Buku tamu penginapan kini diperiksa bersama petugas Satpol PP.",
        ],
    ),
    "platform_cooperation": (
        "Saran",
        "Kerja sama platform",
        [
            "Permintaan data ke penyedia aplikasi sering lama dijawab karena servernya di luar negeri.",
            "Perlu kerja sama resmi dengan platform digital agar akun anonim cepat dilacak.",
            "Akun yang sudah dilaporkan sering muncul lagi dengan nama berbeda.",
            "Kami berharap ada jalur khusus dengan pengelola aplikasi untuk perkara anak.",
        ],
    ),
    "case_handling": (
        "Represif",
        "Penanganan perkara",
        [
            "Setiap laporan diproses dari penyelidikan, penyidikan, penangkapan sampai pelimpahan ke kejaksaan.",
            "Dalam kurun 2022 sampai 2025 ada lima laporan polisi yang kami tangani terkait aplikasi ini.",
            "Penggeledahan dan penyitaan ponsel dilakukan untuk mengamankan barang bukti percakapan.",
            "Berkas dinyatakan lengkap lalu tersangka dan barang bukti dilimpahkan ke jaksa.",
            "Pasal yang dipakai antara lain UU ITE, UU Pornografi dan UU Perlindungan Anak.",
        ],
    ),
    "sextortion": (
        "Represif",
        "Modus ancaman konten asusila",
        [
            "Modus yang paling sering adalah ancaman menyebarkan foto atau video asusila korban.",
            "Pelaku meminta uang atau pertemuan dengan ancaman konten pribadi akan disebar.",
            "Korban pemerasan konten asusila biasanya baru melapor setelah ancaman berulang.",
            "Ancaman penyebaran konten membuat korban takut dan menuruti permintaan pelaku.",
        ],
    ),
    "child_exploitation": (
        "Represif",
        "Eksploitasi anak",
        [
            "Ada perkara anak di bawah umur yang ditawarkan melalui aplikasi oleh perantara.",
            "Anak korban eksploitasi umumnya dibujuk dengan uang dan barang.",
            "Perkara anak ditangani bersama unit perlindungan perempuan dan anak.",
            "Korban anak didampingi konselor sejak pemeriksaan pertama.",
        ],
    ),
    "anonymous_accounts": (
        "Kendala",
        "Akun anonim",
        [
            "Pelaku memakai akun palsu dan nomor sekali pakai sehingga sulit dilacak.",
            "Akun anonim cepat dihapus setelah transaksi sehingga jejaknya hilang.",
            "Identitas di profil aplikasi hampir selalu bukan identitas asli.",
            "Pelacakan akun anonim memerlukan waktu dan bantuan pihak lain.",
        ],
    ),
    "forensic_capacity": (
        "Kendala",
        "Keterbatasan forensik digital",
        [
            "Peralatan forensik digital di daerah masih terbatas.",
            "Pemeriksaan ponsel kadang harus menunggu bantuan laboratorium di luar daerah.",
            "Jumlah penyidik yang menguasai forensik digital belum memadai.",
            "Kapasitas digital forensik perlu ditingkatkan agar alat bukti elektronik lebih kuat.",
            "Ekstraksi percakapan dari ponsel yang sudah direset hampir tidak mungkin dilakukan di sini.",
        ],
    ),
    "victim_reluctance": (
        "Kendala",
        "Korban enggan melapor",
        [
            "Korban dan keluarga sering malu sehingga tidak mau melapor.",
            "Sebagian korban takut identitasnya tersebar bila perkara diproses.",
            "Banyak kasus tidak sampai ke polisi karena diselesaikan secara kekeluargaan.",
            "Stigma terhadap korban membuat mereka memilih diam.",
        ],
    ),
    "moral_awareness": (
        "Saran",
        "Kesadaran hukum dan moral",
        [
            "Nilai moral dan kesadaran hukum perlu ditanamkan sejak anak masih kecil.",
            "Sekolah dan gereja bisa menjadi tempat menumbuhkan kesadaran hukum remaja.",
            "Remaja perlu memahami bahwa terlibat prostitusi daring membawa akibat hukum.",
            "Keteladanan orang dewasa di rumah membentuk sikap remaja terhadap ajakan yang salah.",
        ],
    ),
    "victim_rehabilitation": (
        "Saran",
        "Rehabilitasi korban",
        [
            "Korban membutuhkan pendampingan psikologis yang berkelanjutan, bukan hanya saat pemeriksaan.",
            "Layanan rehabilitasi bagi perempuan dan anak korban perlu diperluas.",
            "Setelah perkara selesai, korban anak perlu dibantu kembali bersekolah.",
            "Konseling keluarga penting agar korban tidak kembali terjerat.",
        ],
    ),
}
# Which informant speaks to which themes (by role): four or five segments per theme.
SPEAKERS = {
    "legal_education": ["INF-4", "INF-5", "INF-8", "INF-4"],
    "agency_cooperation": ["INF-4", "INF-7", "INF-5", "INF-8"],
    "digital_literacy": ["INF-8", "INF-7", "INF-4", "INF-1"],
    "parental_supervision": ["INF-8", "INF-7", "INF-5", "INF-4"],
    "cyber_patrol": ["INF-1", "INF-1", "INF-2", "INF-2", "INF-1"],
    "lodging_supervision": ["INF-5", "INF-4", "INF-6", "INF-6", "INF-5"],
    "platform_cooperation": ["INF-2", "INF-1", "INF-2", "INF-1"],
    "case_handling": ["INF-2", "INF-1", "INF-3", "INF-3", "INF-2"],
    "sextortion": ["INF-2", "INF-2", "INF-7", "INF-3"],
    "child_exploitation": ["INF-3", "INF-7", "INF-3", "INF-7"],
    "anonymous_accounts": ["INF-1", "INF-2", "INF-2", "INF-1"],
    "forensic_capacity": ["INF-1", "INF-2", "INF-3", "INF-1", "INF-2"],
    "moral_awareness": ["INF-8", "INF-4", "INF-5", "INF-7"],
    "victim_reluctance": ["INF-7", "INF-3", "INF-6", "INF-7"],
    "victim_rehabilitation": ["INF-7", "INF-7", "INF-8", "INF-3"],
}
NEIGHBOUR = {
    "legal_education": "agency_cooperation",
    "agency_cooperation": "legal_education",
    "digital_literacy": "parental_supervision",
    "parental_supervision": "digital_literacy",
    "cyber_patrol": "platform_cooperation",
    "lodging_supervision": "agency_cooperation",
    "platform_cooperation": "anonymous_accounts",
    "case_handling": "child_exploitation",
    "sextortion": "case_handling",
    "child_exploitation": "victim_rehabilitation",
    "anonymous_accounts": "platform_cooperation",
    "forensic_capacity": "anonymous_accounts",
    "victim_reluctance": "victim_rehabilitation",
    "victim_rehabilitation": "victim_reluctance",
    "moral_awareness": "parental_supervision",
}
QUESTIONS = {
    "Pre-emtif": "Apa upaya pre-emtif yang dilakukan?",
    "Preventif": "Bagaimana upaya preventif dijalankan?",
    "Represif": "Bagaimana perkara ditangani?",
    "Kendala": "Apa kendala yang dihadapi?",
    "Saran": "Apa saran ke depan?",
}


def interviews(rng: random.Random, planted: Planted, out: Path) -> None:
    fname = "interviews/wawancara_2025.xlsx"
    wb = Workbook()
    add_about(
        wb,
        [
            "Sheets Informan, Segmen, Koding. Every segment is a PARAPHRASE written for this",
            "reconstruction from the thesis's conclusions and recommendations; none is a quotation.",
            "Names in the Informan sheet are obvious placeholders ('Nama Samaran ...').",
        ],
    )
    names = {code: planted.ident("name", name) for code, name, *_ in INFORMANTS}
    interview_day = {
        code: dt.date(2025, 5, 5) + dt.timedelta(days=2 * i)
        for i, (code, *_rest) in enumerate(INFORMANTS)
    }
    ws = wb.create_sheet("Informan")
    write_table(
        ws,
        ["Kode", "Nama", "Jabatan", "Satuan/Unit", "Jenis Instansi", "Tgl Wawancara"],
        [
            [c, n, r, u, o, fmt_date(interview_day[c], rng, ("cell", "abbr"))]
            for c, n, r, u, o in INFORMANTS
        ],
        None,
    )
    seg_rows, code_rows = [], []
    k = 0
    for theme, (aspect_label, theme_label, texts) in THEMES.items():
        for text, speaker in zip(texts, SPEAKERS[theme], strict=True):
            k += 1
            sid = f"S{k:03d}"
            if k in (7, 33):  # a name said aloud in the transcript, to be scrubbed
                text = f"{text} Itu juga disampaikan oleh {names['INF-1']}."
            seg_rows.append(
                [
                    sid,
                    names[speaker],
                    fmt_date(interview_day[speaker], rng, ("slash", "abbr")),
                    QUESTIONS[aspect_label],
                    text,
                ]
            )
            code_rows.append([sid, "K1", aspect_label, theme_label])
            other = theme
            if rng.random() < 0.125:
                other = NEIGHBOUR[theme]
            o_aspect, o_label, _ = THEMES[other]
            code_rows.append(
                [
                    sid,
                    "K2",
                    o_aspect.lower() if rng.random() < 0.3 else o_aspect,
                    o_label.upper() if rng.random() < 0.1 else o_label,
                ]
            )
    ws = wb.create_sheet("Segmen")
    write_table(
        ws, ["ID Segmen", "Informan", "Tanggal", "Pertanyaan", "Isi (parafrase)"], seg_rows, None
    )
    bad_at = 50
    code_rows.insert(bad_at, ["S020", "K2", "Preventif", None])
    ws = wb.create_sheet("Koding")
    first = write_table(ws, ["ID Segmen", "Koder", "Aspek", "Tema"], code_rows, None)
    planted.problem(
        "P6", fname, "Koding", first + bad_at, "Tema", "missing_value", "coding row without a theme"
    )
    save_workbook(wb, out / fname)


# --------------------------------------------------------------------------- main
def build(out: Path) -> Planted:
    rng = random.Random(SEED)
    planted = Planted()
    outreach_education(rng, planted, out)
    outreach_patrol(rng, planted, out)
    outreach_lodging(rng, planted, out)
    cases(rng, planted, out)
    interviews(rng, planted, out)
    with (out / "planted_problems.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(planted.problems[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(planted.problems)
    with (out / "planted_identifiers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["kind", "value"])
        w.writerows(planted.identifiers)
    write_manifest(out)
    return planted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "data" / "raw" / "kupang",
        help="folder to write (default: data/raw/kupang)",
    )
    args = ap.parse_args(argv)
    planted = build(args.out)
    print(
        f"wrote {args.out}: {len(planted.problems)} planted problems, "
        f"{len(planted.identifiers)} planted identifiers"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
