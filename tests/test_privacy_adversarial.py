"""An adversarial region: identifiers where real field workbooks put them, not where the
scrubber's patterns expect them. Built in tmp from the Kupang copy; run through the
public `clean` and `reproduce` path; nothing planted may reach any shareable output.
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
from analysis.privacy import gate
from analysis.privacy.filetext import file_text
from analysis.read.rawdata import write_manifest

# (place, value): every value below must be absent from every shareable output
PLANTED: list[tuple[str, str]] = []


def plant(place: str, value: str) -> str:
    PLANTED.append((place, value))
    return value


OUT_FILE = "sosialisasi_Yohanes Ratukore_081234567891.xlsx"
plant("file name (person)", "Ratukore")
plant("file name (phone)", "081234567891")
SHEET = plant("sheet name (NIK)", "Maria 5371012804000004")
plant("sheet name (person)", "Maria 5371")
HEADER_UNKNOWN = "Catatan Bripka Agustinus Lendeanu"
plant("header cell of an unknown column", "Lendeanu")


def _outreach_rows() -> list[list[object]]:
    d = dt.date(2024, 5, 10)
    base = ["Sosialisasi Hukum", "Pelajar", 40, "Sekolah", "Oebobo", "DP3A", "Subdit V Siber"]
    rows = []

    def row(**kw) -> None:
        r = dict(zip(["act", "aud", "n", "venue", "dist", "partner", "unit"], base, strict=True))
        r.update(kw)
        rows.append(
            [
                d,
                r["act"],
                r["aud"],
                r["n"],
                r["venue"],
                r["dist"],
                r["partner"],
                r["unit"],
                r.get("notes", ""),
                r.get("extra", "Tanpa catatan"),
            ]
        )

    row(unit=plant("unit cell, bare name", "Kornelis Bessiebana"))
    row(venue=plant("venue label, unknown (person's house)", "Rumah Theresia Naitboho"))
    row(partner=plant("partner agency, unknown (a person)", "Frans Serantonius"))
    row(aud=plant("audience label, unknown", "Kelompok Yakobus Tefamnasi"))
    row(n=plant("count cell holding a NIK", "5371014405990002"))
    row(n=plant("count cell holding a phone number", "0813-7766-5544"))
    row(extra=plant("cell of an unknown column", "Wilhelmus Nubatonis"))
    notes = [
        ("Sdr. + name", "Diantar Sdr. Benediktus Maunuhan ke lokasi", "Maunuhan"),
        ("an. + name", "Laporan diterima an. Serafina Lawalatu", "Lawalatu"),
        ("Ibu + name", "Koordinasi dengan Ibu Magdalena Tnunayan", "Tnunayan"),
        ("Bapak + name", "Bapak Hendrikus Kolobani hadir", "Kolobani"),
        ("Bripka + name", "Dipimpin Bripka Stefanus Ratuwalu", "Ratuwalu"),
        ("Aiptu + name", "didampingi Aiptu Dominggus Lakapu", "Lakapu"),
        ("AKP + name", "arahan AKP Rudolf Manafe", "Manafe"),
        ("Kompol + name", "dibuka oleh Kompol Agustina Sinlaeloe", "Sinlaeloe"),
        ("tersangka berinisial", "tersangka berinisial RFK diamankan", "RFK"),
        ("handle after platform, no @", "akun MiChat manis_kupang88 dipantau", "manis_kupang88"),
        ("t.me link", "promosi lewat t.me/sayangkupang", "sayangkupang"),
        ("wa.me link", "kontak wa.me/6281399001122", "6281399001122"),
        ("instagram link", "lihat instagram.com/nona.kupang21", "nona.kupang21"),
        ("street address with nomor", "di Jalan Timor Raya nomor 58", "Timor Raya nomor 58"),
        ("RT/RW", "warga RT 029/RW 009 Oesapa", "029/RW 009"),
        ("minor's age anak (16)", "korban anak (16) dijemput", "anak (16)"),
        ("minor's age usia: 13 tahun", "korban usia: 13 tahun", "usia: 13 tahun"),
        ("LP number with dots", "lihat LP.B.777.IV.2023.SPKT", "LP.B.777"),
        ("16 digits inside a longer number", "ref 99537101280400000499", "5371012804000004"),
        ("e-mail", "kirim ke yosef.banimau@gmail.com", "yosef.banimau"),
        ("URL with a personal path", "https://kupangnews.id/profil/maria-ndunlelo", "ndunlelo"),
        ("facebook profile link", "https://facebook.com/yohanes.ratu.9", "yohanes.ratu"),
        ("phone with spaces", "hubungi 0812 3456 7890", "0812 3456 7890"),
        ("name from known_names.txt", "dibantu Natalia Fanggidaej", "Fanggidaej"),
    ]
    for place, text, value in notes:
        plant(f"notes: {place}", value)
        row(notes=text)
    return rows


def _build(project: Path) -> None:
    raw = project / "data/raw/kupang"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(
        [
            "Tanggal",
            "Jenis Kegiatan",
            "Sasaran",
            "Jml Peserta",
            "Tempat",
            "Kecamatan",
            "Instansi Mitra",
            "Satuan",
            "Keterangan",
            HEADER_UNKNOWN,
        ]
    )
    for r in _outreach_rows():
        ws.append(r)
    wb.save(raw / "outreach" / OUT_FILE)

    # cases: a register row and its stages with identifiers in typed and free cells
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daftar LP"
    head = ["Nomor LP", "Tanggal Lapor", "Modus", "Platform", "Jumlah Korban", "Umur Korban"]
    head += ["JK Korban", "Jumlah Tersangka", "Pasal Dipersangkakan", "Status", "Keterangan"]
    ws.append(head)
    lp1 = "LP/B/901/V/2024/SPKT/POLDA NTT"
    lp2 = "LP/B/902/V/2024/SPKT/POLDA NTT"
    plant("LP number (register)", "LP/B/901")
    ok = ["Sextortion", "MiChat", 1, "16 tahun", "P", 1, "Pasal 27 ayat (1) UU ITE"]
    ws.append([lp1, dt.date(2024, 5, 2), *ok, "Tahap II (P21)", "tersangka Bripda Yulius Nggadas"])
    plant("notes: rank + name in a case", "Nggadas")
    ws.append(
        [
            lp2,
            dt.date(2024, 5, 3),
            *ok[:-1],
            plant("statute cell holding a NIK", "Pasal 5371020101010003 UU ITE"),
            "Tahap II (P21)",
            "dilimpahkan oleh Pak Kasat Reskrim Yohanes Manafe",
        ]
    )
    plant("notes: position + name in a case", "Manafe")
    plant("statute citation digits", "5371020101010003")
    ws.append(
        [
            "LP/B/903/V/2024/SPKT/POLDA NTT",
            dt.date(2024, 5, 4),
            plant("modus label, unknown (bare name + phone)", "Mince Bolabeti 081299887766"),
            *ok[1:],
            "Tahap II (P21)",
            "",
        ]
    )
    ws.append(
        [
            "LP/B/904/V/2024/SPKT/POLDA NTT",
            dt.date(2024, 5, 5),
            *ok,
            plant("status label, unknown (bare name)", "ditahan Yuliana Pahnael"),
            "",
        ]
    )
    ws.append(
        [
            "LP/B/905/V/2024/SPKT/POLDA NTT",
            dt.date(2024, 5, 6),
            "Sextortion",
            "MiChat",
            plant("victims count holding a phone", "081355554444"),
            "15",
            "P",
            1,
            "Pasal 27 ayat (1) UU ITE",
            "Tahap II (P21)",
            "",
        ]
    )
    st = wb.create_sheet("Tahapan")
    st.append(["Nomor LP", "Tahap", "Tanggal", "Keterangan"])
    st.append([lp1, "Terima LP", dt.date(2024, 5, 2), "pelapor Ibu Kristina Amalo"])
    plant("stage notes: Ibu + name", "Amalo")
    st.append(
        [
            lp1,
            plant("stage label, unknown (bare name)", "Serah ke Adrianus Nopekase"),
            dt.date(2024, 5, 3),
            "",
        ]
    )
    wb.save(raw / "cases" / "register_tambahan.xlsx")

    # interviews: a second workbook with its own informant, segments and coders
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Informan"
    ws.append(["Kode", "Nama", "Jabatan", "Satuan/Unit", "Jenis Instansi"])
    ws.append(
        [
            "INF-X",
            plant("informant name", "Yosefina Banimau"),
            "Penyidik",
            "Subdit V Siber Ditreskrimsus Polda NTT",
            "Polri",
        ]
    )
    plant("informant name, first word", "Yosefina")
    ws.append(
        [
            "INF-Y",
            "Petrus Lusikooy",
            plant("role label, unknown (bare name)", "Ajudan Petrus Lusikooy"),
            "Subdit V Siber",
            "Polri",
        ]
    )
    seg = wb.create_sheet("Segmen")
    seg.append(["ID Segmen", "Informan", "Tanggal", "Pertanyaan", "Isi (parafrase)"])
    sid = plant("segment id holding a phone number", "S-081298765432")
    seg.append(
        [
            sid,
            "Yosefina Banimau",
            dt.date(2025, 5, 20),
            plant("question with a phone", "Apakah nomor 0852-1111-2222 aktif?"),
            "Kata Yosefina Banimauu, patroli dilakukan tiap pekan.",
        ]
    )
    plant("informant name with a typo in text", "Banimauu")
    seg.append(
        [
            "S-X2",
            "INF-X",
            dt.date(2025, 5, 21),
            "Apa kendala?",
            "Akun IG: cantik.kupang sering berganti, kata Pak Yosef.",
        ]
    )
    plant("handle after IG:", "cantik.kupang")
    cod = wb.create_sheet("Koding")
    cod.append(["ID Segmen", "Koder", "Aspek", "Tema"])
    coder = plant("coder name", "Oktovianus Saketu")
    plant("coder surname", "Saketu")
    for s in (sid, "S-X2"):
        cod.append([s, coder, "Preventif", "Patroli siber"])
        cod.append([s, "K1", "Preventif", "Patroli siber"])
    wb.save(raw / "interviews" / "wawancara_tambahan.xlsx")
    # the second coder of the bundled workbook is written by name too (two coders in all)
    book = raw / "interviews" / "wawancara_2025.xlsx"
    wb = openpyxl.load_workbook(book)
    for row in wb["Koding"].iter_rows(min_row=2):
        if row[1].value == "K2":
            row[1].value = coder
    wb.save(book)

    # a patrol CSV line with a phone typed as the flagged-accounts count
    with (raw / "outreach" / "patroli_siber_michat.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "12/05/2024,Patroli Siber,MiChat,pengguna disekitar,"
            + plant("CSV count holding a phone", "6281377665544")
            + ",Subdit V Siber,"
            + plant("CSV officer note: handle with @", "@kupang_manja77")
            + "\n"
        )
    private = project / "data/private/kupang"
    private.mkdir(parents=True)
    (private / "known_names.txt").write_text("# known\nNatalia Fanggidae\n", encoding="utf-8")
    write_manifest(raw)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _leaks(folder: Path) -> list[str]:
    found = []
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        suf = f.suffix.lower()
        if suf in (".parquet", ".xlsx", ".png"):
            text = file_text(f)  # the readable content of binary formats
        else:  # everything else raw, markup included; only embedded images are dropped
            text = f.read_bytes().decode("utf-8", "replace")
            text = re.sub(r"[A-Za-z0-9+/=]{200,}", " ", text)
            text = re.sub(r'"image/png": "[^"]*"', " ", text)
        text += "\n" + f.relative_to(folder).as_posix()
        low, digits = text.casefold(), _digits(text)
        for place, value in PLANTED:
            if value.casefold() in low:
                found.append(f"{f.relative_to(folder)}: {place}")
            elif len(_digits(value)) >= 8 and _digits(value) in digits:
                found.append(f"{f.relative_to(folder)}: {place} (digits)")
    return found


@pytest.fixture(scope="module")
def adversarial(tmp_path_factory, root: Path):
    proj = tmp_path_factory.mktemp("adversarial")
    for d in ("config", "notebooks"):
        shutil.copytree(root / d, proj / d)
    shutil.copytree(root / "data/raw/kupang", proj / "data/raw/kupang")
    _build(proj)
    return proj


def test_fixture_plants_thirty_distinct_places(adversarial: Path) -> None:
    assert len({p for p, _ in PLANTED}) >= 30


def test_clean_keeps_every_planted_identifier_out(adversarial: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ANALYSIS_ROOT", str(adversarial))
    assert main(["clean", "--region", "kupang"]) == 0, capsys.readouterr()
    processed = adversarial / "data/processed/kupang"
    assert _leaks(processed) == []
    # the rows with free-text identifiers were kept (scrubbed), not merely rejected
    import pandas as pd

    notes = " ".join(pd.read_parquet(processed / "outreach.parquet")["notes"].dropna())
    for tag in ("[NAMA]", "[AKUN]", "[ALAMAT]", "[USIA-ANAK]", "[NOMOR-LP]", "[EMAIL]"):
        assert tag in notes, tag
    # shareable rejects let the student find the row: file id, sheet id, row, column
    rej = pd.read_csv(processed / "rejects.csv", keep_default_na=False)
    assert rej["source_file"].str.fullmatch(r"F\d\d").all()
    assert rej["problem"].str.contains("withheld").any()
    assert rej["problem"].str.contains("withheld: 16-digit number").any()  # a NIK as a count
    # the private side holds what the student needs, and stays out of data/processed
    key = json.loads((adversarial / "data/private/kupang/key.json").read_text(encoding="utf-8"))
    assert f"outreach/{OUT_FILE}" in key["files"].values()
    assert SHEET in key["sheets"].values()
    private_rejects = (adversarial / "data/private/kupang/rejects.csv").read_text(encoding="utf-8")
    assert "Mince Bolabeti" in private_rejects


def test_reproduce_reports_keep_every_planted_identifier_out(
    adversarial: Path, monkeypatch
) -> None:
    from analysis.run.pipeline import reproduce

    monkeypatch.setenv("ANALYSIS_ROOT", str(adversarial))
    assert reproduce("kupang", lang="en", root=adversarial, force=True) == 0
    reports = adversarial / "reports/kupang"
    assert (reports / "html").is_dir() and any((reports / "notebooks").glob("*.ipynb"))
    assert _leaks(reports) == []
    assert _leaks(adversarial / "data/processed") == []
    assert gate.scan([reports, adversarial / "data/processed"]) == []


def test_gate_reads_sizes_and_row_counts_in_json_as_numbers_not_identifiers(tmp_path: Path) -> None:
    """A table of 12 MB or a national run's 12 million rows must not stop the install,
    while the same digits as text, or under a key that is not a size, still do."""
    big = 12_345_678
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"path": "outreach.csv", "bytes": big}]}), encoding="utf-8"
    )
    (tmp_path / "manifest.json").write_text(
        json.dumps({"tables": {"outreach": big}, "sources": [{"rows_read": big}]}),
        encoding="utf-8",
    )
    assert gate.scan([tmp_path]) == []
    (tmp_path / "findings.json").write_text(
        json.dumps({"bytes": str(big), "value": big}), encoding="utf-8"
    )
    hits = gate.scan([tmp_path])
    assert {Path(f).name for f, _ in hits} == {"findings.json"}
