"""A student's first hour, end to end: `new-region`, their own hand-made workbooks beside the
templates, one mistake of each kind the first-hour report met, and each message checked.

The workbooks are written here row by row (not the scaffold's example rows): six months of a
made-up city, "Kota Cerita", with invented report numbers. Notebook execution is replaced by
a stand-in (as in test_make_reproduce); everything else is the real command line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from analysis.cli import main
from analysis.run import pipeline
from analysis.run.stamps import MANAGED

D = dt.datetime
SLUG = "cerita"
USUAL = [
    "Penerimaan Laporan",
    "Penyelidikan",
    "Penyidikan",
    "Penangkapan",
    "Penahanan",
    "Penggeledahan",
    "Penyitaan",
    "Tahap II",
]


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _book(path: Path, sheets: dict[str, list[list]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def own_workbooks(raw: Path) -> None:
    """What the student typed: their own files, their own column order, two date mistakes
    (a weekday that contradicts its date, and one written month-first with 'sore'), a
    district of the neighbouring city, and one case caught in the act. Long by design: the
    rows themselves."""
    head = ["Tanggal", "Jenis Kegiatan", "Sasaran", "Kecamatan", "Instansi Mitra", "Satuan"]
    rows: list[list] = [head]
    for month in range(1, 7):
        for day in (9, 23):
            rows.append(
                [D(2024, month, day), "Sosialisasi Hukum", "Pelajar", "Maulafa", None, "Satbinmas"]
            )
    rows.append([D(2024, 2, 12), "Permintaan Blokir Akun", None, None, "Kominfo", "Satreskrim"])
    rows.append([D(2024, 3, 4), "Pengawasan Penginapan", None, "Kec. Kota Lama", None, "Samapta"])
    rows.append([D(2024, 3, 11), "Pengawasan Penginapan", None, "Pancoran", None, "Samapta"])
    rows.append(["Kamis, 3 Mei 2024", "Pengawasan Penginapan", None, "Maulafa", None, "Samapta"])
    rows.append(
        ["Minggu, Februari 18 2024, 3:25:50 sore", "Razia", None, "Maulafa", None, "Samapta"]
    )
    _book(raw / "outreach/giat_polres_2024.xlsx", {"Giat": rows})

    lp1, lp2 = "LP/B/7/II/2024/SPKT/POLRES CERITA", "LP/A/2/IV/2024/SPKT/POLRES CERITA"
    cases = [
        ["Nomor LP", "Tanggal Lapor", "Modus", "Aplikasi", "Jumlah Korban", "Pasal Dipersangkakan"],
        [lp1, D(2024, 2, 1), "Mucikari", "MiChat", 1, "Pasal 296 KUHP"],
        [lp2, D(2024, 4, 10), "Eksploitasi anak", "MiChat", 1, "Pasal 76I jo Pasal 88 UU 35/2014"],
    ]
    stages = [["Nomor LP", "Tahap", "Tanggal"]]
    stages += [[lp1, st, D(2024, 2, 1) + dt.timedelta(days=3 * i)] for i, st in enumerate(USUAL)]
    # tertangkap tangan: arrest, search and seizure on the spot, then the report (same day),
    # the investigation and the detention; no stage before the report's date
    for st, day in (("Penangkapan", 10), ("Penggeledahan", 10), ("Penyitaan", 10),
                    ("Penerimaan Laporan", 10), ("Penyidikan", 11), ("Penahanan", 12)):  # fmt: skip
        stages.append([lp2, st, D(2024, 4, day)])
    _book(raw / "cases/register_perkara.xlsx", {"LP": cases, "Tahapan": stages})

    _book(
        raw / "interviews/wawancara_lapangan.xlsx",
        {
            "Informan": [
                ["Kode", "Jabatan", "Satuan", "Jenis Instansi", "Tanggal Wawancara"],
                ["A", "Penyidik", "Satreskrim", "Polri", D(2024, 5, 2)],
                ["B", "Guru Bimbingan Konseling", "SMA", "Sekolah", D(2024, 5, 3)],
            ],
            "Segmen": [
                ["ID Segmen", "Informan", "Tanggal", "Pertanyaan", "Isi"],
                ["S1", "A", D(2024, 5, 2), "Upaya?", "Patroli siber dilakukan setiap pekan."],
                ["S2", "B", D(2024, 5, 3), "Upaya?", "Sekolah ikut sosialisasi hukum."],
            ],
            "Koding": [
                ["ID Segmen", "Koder", "Aspek", "Tema"],
                *[
                    [s, c, a, th]
                    for s, a, th in (
                        ("S1", "Preventif", "Patroli siber"),
                        ("S2", "Pre-emtif", "Sosialisasi hukum"),
                    )
                    for c in ("K1", "K2")
                ],
            ],
        },
    )


CLAIMS = """claims:
  - id: E1
    aspect: preemptive
    statement: Legal-education sessions were held twice a month.
    statement_id: Sosialisasi hukum diadakan dua kali sebulan.
    source: the student's thesis, ch. 4
    table: outreach
    where: {activity_type: Sosialisasi Hukum}
    aggregate: per_period
    period: month
    expected: {each_between: "2–2"}
  - id: E2
    aspect: repressive
    statement: Two reports were charged under the KUHP's article on pimping.
    statement_id: Dua laporan disangkakan pasal mucikari KUHP.
    source: the student's thesis, ch. 4
    table: cases
    where: {statutes: "Pasal 296 KUHP"}
    aggregate: count
    expected: {equals: 2}
  - id: E3
    aspect: preventive
    statement: The police asked the ministry to block accounts.
    statement_id: Polisi meminta kementerian memblokir akun.
    source: the student's thesis, ch. 4
    table: outreach
    where: {activity_type: account_blocking_request, partners: Kominfo}
    aggregate: count
    show: partners
    expected: {at_least: 1}
  - id: E4
    aspect: preventive
    statement: Lodging was inspected in Kota Lama.
    statement_id: Penginapan di Kota Lama diawasi.
    source: the student's thesis, ch. 4
    table: outreach
    where: {activity_type: lodging_inspection, district: Kec. Kota Lama}
    aggregate: count
    expected: {at_least: 1}
  - id: E5
    aspect: repressive
    statement: The reports concerned MiChat.
    statement_id: Laporan menyangkut MiChat.
    source: the student's thesis, ch. 4
    table: cases
    aggregate: values
    column: platform
    expected: {includes: [MiChat]}
"""

DISTRICTS = """districts:
  - {name: Kota Lama, population: null, population_source: "not yet filled", aliases: [Kec. Kota Lama]}
  - {name: Maulafa, population: null, population_source: "not yet filled"}
"""
OUTSIDE = "  - {name: Pancoran, outside: Kota Tetangga}\n"
ONLY_USUAL = """stages:
  paths:
    usual: [report, inquiry, investigation, arrest, detention, search, seizure, prosecutor_handover]
"""


_SCAFFOLDED: dict[Path, str] = {}  # the config as new-region wrote it, edited afresh each time


def _config(cfg: Path, claims: str, districts: str, stages: str) -> None:
    """What the student edits in the scaffolded config: districts, an agency alias, stage
    paths and the claims (the rest stays as new-region wrote it)."""
    text = _SCAFFOLDED.setdefault(cfg, cfg.read_text(encoding="utf-8"))
    text = re.sub(r"districts:\n(?:[- ] .*\n)+", lambda m: districts, text)  # any YAML layout
    text = text.replace(
        "  agencies: {}", '  agencies: {"Kominfo": "Kementerian Komunikasi dan Informatika"}'
    )
    text = text[: text.index("claims:")] + stages + claims
    cfg.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, root: Path, monkeypatch) -> Path:
    (tmp_path / "config/regions").mkdir(parents=True)
    shutil.copy(root / "config/regions/kupang.yml", tmp_path / "config/regions")  # as cloned
    shutil.copytree(root / "notebooks", tmp_path / "notebooks")
    for page in (
        "index.html",
        "index.id.html",
        "methods.html",
        "methods.id.html",
        "kupang/index.html",
    ):  # the committed copy
        (tmp_path / "reports" / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "reports" / page).write_text(f"committed {page}", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def test_the_first_hour_of_a_student_region(project: Path, capsys, monkeypatch) -> None:
    # long: one student's hour, command after command, read top to bottom.
    code, out = _run(capsys, "new-region", SLUG, "--name", "Kota Cerita", "--city", "Kota Cerita",
                     "--start", "2024-01-01", "--end", "2024-06-30")  # fmt: skip
    assert code == 0 and "wrote config/regions/cerita.yml" in out
    cfg, raw = project / "config/regions/cerita.yml", project / "data/raw/cerita"
    own_workbooks(raw)

    # a claim copied from an old version of the project: one line, pointing to the README
    _config(cfg, "claims:\n  - {id: E1, aspect: preemptive, statement: s, source: s, "
            "metric: monthly_count, params: {activity_type: legal_education}, "
            "expected: {each_between: 2-2}}\n", DISTRICTS, ONLY_USUAL)  # fmt: skip
    code, out = _run(capsys, "validate", "--region", SLUG)
    assert code == 2 and [ln for ln in out.splitlines() if "error" in ln] == [out.splitlines()[-1]]
    assert "earlier format (metric: and params:)" in out and "README.md, section 'Claims'" in out

    # a misspelt filter value: a config error with a suggestion and the vocab command
    _config(cfg, CLAIMS.replace("partners: Kominfo", "partners: Kominfoo"), DISTRICTS, ONLY_USUAL)
    code, out = _run(capsys, "validate", "--region", SLUG)
    assert code == 2 and "key 'claims[2].where.partners': unknown value 'Kominfoo'" in out
    assert "did you mean 'Kominfo'" in out
    assert "`analysis vocab --table outreach --column partners --region cerita`" in out
    code, out = _run(
        capsys, "vocab", "--table", "outreach", "--column", "partners", "--region", SLUG
    )
    assert code == 0 and "Kementerian Komunikasi dan Informatika | Kominfo" in out

    # the data mistakes, each said in plain words
    _config(cfg, CLAIMS, DISTRICTS, ONLY_USUAL)
    code, out = _run(capsys, "validate", "--region", SLUG)
    assert code == 0
    for template in (
        "outreach/kegiatan.xlsx",
        "cases/register_lp.xlsx",
        "interviews/wawancara.xlsx",
    ):
        assert f"{template}: the empty template from `analysis new-region` is skipped" in out
        assert f"{template}, sheet" not in out  # and not listed as an empty source
    assert "district 'Pancoran' is not one of Kota Cerita's districts" in out
    assert (
        "If it lies outside Kota Cerita, list it under districts: in the config with `outside: <its city>`"
        in out
    )
    assert (
        "date 'Kamis, 3 Mei 2024' could not be read: it names Kamis (Thursday), but 3 May 2024 is a Jum'at (Friday)"
        in out
    )
    assert "Minggu, Februari 18 2024" not in out  # month first, 'sore': read
    assert (
        "case K02: its stages in date order (arrest, search, seizure, report, investigation, detention) fit none of the stage paths tried (usual)"
        in out
    )
    assert "2 row(s) not used" in out

    # the student fixes the config: the neighbouring district and the caught-in-the-act path
    stages = (
        ONLY_USUAL
        + "    caught_in_the_act: [arrest, search, seizure, report, investigation, detention, prosecutor_handover]\n"
    )
    _config(cfg, CLAIMS, DISTRICTS + OUTSIDE, stages)
    code, out = _run(capsys, "validate", "--region", SLUG)
    assert code == 0 and "Pancoran" not in out and "fit none of the stage paths" not in out
    assert "1 row(s) not used" in out  # the weekday is the officer's to correct, not guessed

    code, out = _run(capsys, "manifest", "--region", SLUG)
    assert code == 0 and "SHA256SUMS" in out
    assert _run(capsys, "clean", "--region", SLUG)[0] == 0

    # E2 is on the statutes, a quasi-identifier: with fewer cases than privacy.k the shared
    # tables withhold it, so the shared check says so and does not fail on it
    code, out = _run(capsys, "findings", "--region", SLUG, "--check")
    assert code == 0
    assert re.search(r"\| E2 .*\| withheld \| withheld \| withheld: .*statutes", out)
    # the claims in plain words, in the language asked for; the failing expectation named
    # (on the student's own record-level tables, on their machine)
    code, out = _run(capsys, "findings", "--region", SLUG, "--check", "--private")
    assert code == 1
    line = next(ln for ln in out.splitlines() if ln.startswith("| E2 "))
    assert line.endswith(
        "| exactly 2 | 1 | no | expected exactly 2, computed 1 |"
    )  # Pasal 296 KUHP matched
    assert (
        "| E1 | Preemptive |" in out and "| 2 to 2 in every month | 2 to 2 per month | yes |" in out
    )
    assert re.search(r"\| E3 .*\| at least 1 \| 1 \| yes \|", out)  # Kominfo -> its long name
    assert re.search(r"\| E4 .*\| at least 1 \| 1 \| yes \|", out)  # Kec. Kota Lama
    assert re.search(r"\| E5 .*\| includes MiChat \| found MiChat \| yes \|", out)
    assert "each_between" not in out and "greater_than" not in out
    code, out = _run(capsys, "findings", "--region", SLUG, "--lang", "id", "--private")
    assert (
        "| E2 | Represif | Dua laporan disangkakan pasal mucikari KUHP. | tepat 2 | 1 | tidak | diharapkan tepat 2, hasil hitung 1 |"
        in out
    )
    assert "Preemtif" in out and "| 2 sampai 2 setiap bulan |" in out and "Preemptive" not in out

    # reproduce: the region's own reports, never the committed top-level pages
    def fake_run(pool, jobs, on_result=None):  # the notebooks "ran": a page each, no error
        for job in jobs:
            staging = Path(job.dst).parent.parent
            for folder in MANAGED:
                (staging / folder).mkdir(exist_ok=True)
            (staging / "html" / f"{Path(job.notebook).stem}.html").write_text("<p>ok</p>", "utf-8")
        return [(job, 0.0, None, {}) for job in jobs]

    monkeypatch.setattr(pipeline, "run_jobs", fake_run)
    code, out = _run(capsys, "reproduce", "--region", SLUG)
    assert code == 0 and out.rstrip().endswith("reproduce: rebuilt cerita (en)")
    for page in (
        "index.html",
        "index.id.html",
        "methods.html",
        "methods.id.html",
        "kupang/index.html",
    ):
        assert (project / "reports" / page).read_text(encoding="utf-8") == f"committed {page}"
    assert (project / "reports/cerita/index.html").is_file()
    found = json.loads((project / "reports/cerita/findings.json").read_text(encoding="utf-8"))
    assert found[0]["period"] == "month" and found[2]["show"] == "partners"
    assert found[4]["column"] == "platform" and found[1]["withheld"] == ["statutes"]
    assert found[1]["where"] == {"statutes": "Pasal 296 KUHP"}  # as the student wrote it
    code, out = _run(capsys, "reproduce", "--region", SLUG)
    assert out.rstrip().endswith("reproduce: nothing changed, every report already up to date")
    code, out = _run(capsys, "reproduce", "--region", SLUG, "--force", "--index")
    assert "committed" not in (project / "reports/index.html").read_text(encoding="utf-8")
