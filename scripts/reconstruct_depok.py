"""Write the reconstructed Depok 2018 raw records under data/raw/depok/.

WHY THIS EXISTS
Depok is the project's second bundled region: a student's adaptation built from one news
report (Kriminologi.id, 28 August 2018) instead of a thesis. The report gives statements,
not records, so this script writes plausible field records from it. What the report says
and what is assumed on top of it are kept as data in scripts/reconstruct/story/depok.yml
(facts F1-F6, assumptions A1-A8); both lists are printed on the 'tentang' sheet of every workbook. Every
record is invented; no person is named. Run it twice and you get the same bytes.

    python scripts/reconstruct_depok.py            # writes data/raw/depok/
    python scripts/reconstruct_depok.py --out DIR  # writes elsewhere (tests use this)

The "social sanction" the official proposed (F4) appears only as a coded statement in the
interviews workbook; no activity, record or figure implements it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font

from analysis.read.rawdata import write_manifest
from analysis.region.workbook import save_workbook as save_fixed
from analysis.values.dates import format_date

ROOT = Path(__file__).resolve().parents[1]
STORY = Path(__file__).resolve().parent / "reconstruct" / "story" / "depok.yml"
UNIT_PATROL = [
    "Unit Siber Satreskrim Polres Depok",
    "Unit Siber Satreskrim",
    "Satreskrim Polres Depok",
]
PLATFORM_VARIANTS = {"WeChat": ["WeChat", "Wechat", "WECHAT"], "BeeTalk": ["BeeTalk", "Bee Talk"]}
DISTRICTS_IN = ["Beji", "Pancoran Mas", "Sukmajaya", "Cimanggis", "Kec. Beji"]


def load_story(path: Path = STORY) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fmt_date(d: dt.date, rng: random.Random) -> object:
    """A date written the way a Depok officer might (the package's Indonesian date writer;
    WIB, Jakarta time, where a time is written)."""
    style = rng.choice(["cell", "slash", "dayname", "abbr", "long_wib"])
    if style == "cell":
        return dt.datetime(d.year, d.month, d.day)
    if style == "long_wib":
        return f"{format_date(d, 'long')} pukul {rng.choice([10, 14, 20])}.00 WIB"
    return format_date(d, style)


def about_lines(story: dict) -> list[str]:
    lines = [
        "TENTANG BERKAS INI / ABOUT THIS FILE",
        "",
        "Berkas ini adalah REKONSTRUKSI dari satu berita, bukan catatan asli Polres Depok.",
        "This file is a RECONSTRUCTION from one news report, not records of Polres Depok.",
        f"Source: {story['source']}.",
        f"Written deterministically by scripts/reconstruct_depok.py (seed {story['seed']}) from",
        "scripts/reconstruct/story/depok.yml. Every record is invented; no person is named.",
        "",
        "What the report says (facts):",
    ]
    lines += [f"{k}  {v}" for k, v in story["facts"].items()]
    lines += ["", "What the reconstruction assumes:"]
    lines += [f"{k}  {v}" for k, v in story["assumptions"].items()]
    return lines


def _save(wb: Workbook, path: Path) -> None:
    save_fixed(wb, path, creator="scripts/reconstruct_depok.py")


def _about(wb: Workbook, story: dict) -> None:
    ws = wb.active
    ws.title = "tentang"
    for i, line in enumerate(about_lines(story), start=1):
        ws.cell(row=i, column=1, value=line)
    ws["A1"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 110


def _table(ws, header: list[str], rows: list[list[object]]) -> None:
    for c, h in enumerate(header, start=1):
        ws.cell(row=1, column=c, value=h).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)


def patrols(story: dict, rng: random.Random) -> list[dict]:
    """One patrol per platform in every week from the report's week (A2)."""
    p = story["patrols"]
    week = p["first_week"]
    out, n = [], 0
    while week <= p["last_week"]:
        for platform in p["platforms"]:
            day = week + dt.timedelta(days=rng.randrange(5))
            if day > story["study_period"]["end"]:
                continue
            n += 1
            outside = n % p["outside_every"] == 0
            out.append(
                {
                    "date": day,
                    "platform": platform,
                    "accounts": rng.randrange(5),
                    "district": "Pancoran" if outside else rng.choice(DISTRICTS_IN),
                    "note": (
                        "Tawaran bertemu di apartemen Kalibata City (Jakarta Selatan)"
                        if outside
                        else rng.choice(["", "", "Tawaran di apartemen Margonda Residence"])
                    ),
                }
            )
        week += dt.timedelta(days=7)
    return out


def write_patrols(story: dict, rng: random.Random, rows: list[dict], out: Path, planted) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["Tanggal", "Kegiatan", "Aplikasi", "Akun Ditandai", "Kecamatan", "Satuan", "Keterangan"]
    )
    early = dt.date(2018, 6, 29)
    table = [(early, "WeChat", 1, "Beji", "Patroli uji coba")] + [
        (r["date"], r["platform"], r["accounts"], r["district"], r["note"]) for r in rows
    ]
    for i, (d, platform, acc, district, note) in enumerate(table):
        text = fmt_date(d, rng)
        if isinstance(text, dt.datetime):
            text = f"{d.day:02d}/{d.month:02d}/{d.year}"
        w.writerow(
            [
                text,
                rng.choice(["Patroli Siber", "patroli siber", "Patroli Cyber"]),
                rng.choice(PLATFORM_VARIANTS[platform]),
                acc,
                district,
                rng.choice(UNIT_PATROL),
                note,
            ]
        )
        if i == 0:
            planted.append(
                {
                    "problem_id": "P1",
                    "file": "outreach/patroli_siber_2018.csv",
                    "sheet": "",
                    "row": 2,
                    "column": "Tanggal",
                    "kind": "out_of_period",
                    "description": "patrol dated 29/06/2018, before the study period",
                }
            )
    (out / "outreach").mkdir(parents=True, exist_ok=True)
    (out / "outreach" / "patroli_siber_2018.csv").write_text(buf.getvalue(), encoding="utf-8")


def write_activities(story: dict, rng: random.Random, rows: list[dict], out: Path) -> None:
    """Coordination meetings, the summons and the monthly blocking letters (A3-A5)."""
    acts: list[tuple[dt.date, list[object]]] = []
    for m in story["meetings"]:
        acts.append(
            (
                m["date"],
                [
                    m["type"],
                    "Instansi terkait",
                    m["venue"],
                    m["district"],
                    m["partners"],
                    None,
                    None,
                    m["note"],
                ],
            )
        )
    for s in story["summons"]:
        acts.append(
            (
                s["date"],
                [s["type"], s["audience"], s["venue"], s["district"], None, None, None, s["note"]],
            )
        )
    letters = sorted(story["blocking_letters"])
    prev = dt.date.min
    for d in letters:
        for platform in story["patrols"]["platforms"]:
            n = sum(
                r["accounts"] for r in rows if prev <= r["date"] < d and r["platform"] == platform
            )
            acts.append(
                (
                    d,
                    [
                        rng.choice(["Permintaan Blokir Akun", "Pengajuan blokir akun"]),
                        None,
                        "Daring",
                        None,
                        rng.choice(["Kominfo", "Kemkominfo", "Kementerian Kominfo"]),
                        platform,
                        n,
                        f"Surat permintaan blokir akun {platform} ke Kominfo (akun, bukan aplikasi)",
                    ],
                )
            )
        prev = d
    acts.sort(key=lambda a: a[0])
    wb = Workbook()
    _about(wb, story)
    ws = wb.create_sheet("Kegiatan")
    header = [
        "No",
        "Tanggal",
        "Jenis Kegiatan",
        "Sasaran",
        "Tempat",
        "Kecamatan",
        "Instansi Mitra",
        "Aplikasi",
        "Jumlah Akun",
        "Satuan",
        "Keterangan",
    ]
    table = []
    for i, (d, (kind, aud, venue, district, partners, platform, n, note)) in enumerate(acts, 1):
        table.append(
            [
                i,
                fmt_date(d, rng),
                kind,
                aud,
                venue,
                district,
                partners,
                platform,
                n,
                "Satreskrim Polres Depok",
                note,
            ]
        )
    _table(ws, header, table)
    _save(wb, out / "outreach" / "kegiatan_satreskrim_2018.xlsx")


def write_statements(story: dict, out: Path) -> None:
    inf = story["informant"]
    wb = Workbook()
    _about(wb, story)
    ws = wb.create_sheet("Informan")
    d = inf["date"]
    _table(
        ws,
        ["Kode", "Nama", "Jabatan", "Satuan/Unit", "Jenis Instansi", "Tgl Wawancara"],
        [
            [
                inf["code"],
                inf["label"],
                inf["role"],
                inf["unit"],
                inf["organisation_type"],
                f"{d:%d/%m/%Y}",
            ]
        ],
    )
    ws = wb.create_sheet("Segmen")
    _table(
        ws,
        ["ID Segmen", "Informan", "Tanggal", "Pertanyaan", "Isi (parafrase)"],
        [
            [s["id"], inf["label"], f"{d:%d/%m/%Y}", s["question"], s["text"]]
            for s in story["segments"]
        ],
    )
    ws = wb.create_sheet("Koding")
    rows = []
    for s in story["segments"]:
        for coder, (aspect, theme) in zip(("K1", "K2"), s["codes"], strict=True):
            rows.append([s["id"], coder, aspect, theme])
    _table(ws, ["ID Segmen", "Koder", "Aspek", "Tema"], rows)
    (out / "interviews").mkdir(parents=True, exist_ok=True)
    _save(wb, out / "interviews" / "pernyataan_pers_2018.xlsx")


def build(out: Path, story: dict | None = None) -> list[dict]:
    story = story or load_story()
    rng = random.Random(story["seed"])
    out.mkdir(parents=True, exist_ok=True)
    planted: list[dict] = []
    rows = patrols(story, rng)
    write_patrols(story, rng, rows, out, planted)
    write_activities(story, rng, rows, out)
    write_statements(story, out)
    with (out / "planted_problems.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(planted[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(planted)
    write_manifest(out)
    return planted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "raw" / "depok")
    args = ap.parse_args(argv)
    planted = build(args.out)
    print(f"wrote {args.out}: {len(planted)} planted problem(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
