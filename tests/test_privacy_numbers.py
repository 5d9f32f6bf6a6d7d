"""Identifiers typed into number cells: a NIK, a phone or a long number stored as a number.

Excel keeps 15 significant digits, so a 16-digit NIK typed into a numeric cell is stored as
5.30104111100041E+15; pandas writes the same value as 5301041111000410.0, and a phone
number loses its leading 0 (81234567890). Each shape is an identifier wherever it sits:
cleaning must not carry it into data/processed/, and the gate must catch it in any table.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.cli import main
from analysis.privacy.detectors import find_identifiers
from analysis.privacy.scrubbing import scrub

NIK_FLOAT = 5.30104111100041e15  # what Excel stores for 5301041111000411
PHONE_INT = 81234567890  # 0812-3456-7890 with its leading zero dropped
LP = "LP/B/12/III/2023/SPKT/POLDA NTT"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("5.30104111100041E+15", "nik"),
        ("5.30104111100041e+15", "nik"),
        ("5301041111000410.0", "nik"),
        ("catatan 5301041111000410.0 selesai", "nik"),
        ("81234567890.0", "phone"),
        ("8.1234567890E+10", "phone"),
        ("6.2812345678E+11", "phone"),
        ("1.2345678E+7", "digits"),
    ],
)
def test_number_shapes_are_identifiers(text: str, kind: str) -> None:
    assert kind in {k for k, _ in find_identifiers(text)}
    assert not any(ch.isdigit() for ch in scrub(text).replace("catatan", ""))


@pytest.mark.parametrize("text", ["1234.5", "12345678.9", "1.5e3", "2.5E+3", "0.125", "1e+300"])
def test_ordinary_numbers_stay_quiet(text: str) -> None:
    assert find_identifiers(text) == []


def _book(path: Path, sheets: dict[str, list[list]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)


@pytest.fixture
def proj(tmp_path: Path, root: Path, monkeypatch) -> Path:
    shutil.copytree(root / "config", tmp_path / "config")
    raw = tmp_path / "data/raw/kupang"
    for kind in ("outreach", "cases", "interviews"):
        (raw / kind).mkdir(parents=True)
    head = ["Tanggal", "Jenis Kegiatan", "Sasaran", "Kecamatan", "Keterangan", "Jumlah Peserta"]
    _book(
        raw / "outreach/x.xlsx",
        {
            "Data": [
                head,
                ["14/03/2023", "Sosialisasi Hukum", "Pelajar", "Oebobo", NIK_FLOAT, 40],
                ["15/03/2023", "Sosialisasi Hukum", "Pelajar", "Oebobo", PHONE_INT, 41],
                ["16/03/2023", "Sosialisasi Hukum", "Pelajar", "Oebobo", "ok", NIK_FLOAT],
            ]
        },
    )
    register = ["Nomor LP", "Tanggal Lapor", "Modus", "Umur Korban", "Jumlah Korban", "Pasal"]
    _book(
        raw / "cases/r.xlsx",
        {
            "Register": [
                [*register, "Keterangan", "Status"],
                [LP, "14/03/2023", "sextortion", 16, 1, "Pasal 27 ayat (1) UU ITE", NIK_FLOAT,
                 "dalam proses"],
            ],
            "Tahapan": [
                ["Nomor LP", "Tahap", "Tanggal", "Keterangan"],
                [LP, "report", "14/03/2023", NIK_FLOAT],
                [LP, "inquiry", "15/03/2023", PHONE_INT],
            ],
        },
    )  # fmt: skip
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def test_numbers_in_number_cells_never_reach_processed(proj: Path, capsys) -> None:
    assert main(["clean", "--region", "kupang"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    processed = proj / "data/processed/kupang"
    t = {n: pd.read_parquet(processed / f"{n}.parquet") for n in ("outreach", "cases")}
    stages = pd.read_parquet(processed / "case_stages.parquet")
    assert len(t["outreach"]) == 2 and len(t["cases"]) == 1 and len(stages) == 2
    assert list(t["outreach"]["notes"]) == ["[NIK]", "[TELEPON]"]
    assert list(t["cases"]["notes"]) == ["[NIK]"]
    assert list(stages["notes"]) == ["[NIK]", "[TELEPON]"]
    for f in processed.iterdir():  # not in any table, in any form
        text = f.read_text(encoding="utf-8", errors="replace")
        for shape in ("5301041111000", "5.30104111100041", "81234567890", "8.123456789"):
            assert shape not in text, (f.name, shape)
    # the third row's count is a NIK: rejected, and its value withheld in the shareable list
    rejects = (processed / "rejects.csv").read_text(encoding="utf-8")
    assert "withheld" in rejects
    assert main(["privacy-scan", str(processed)]) == 0


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([0.5, NIK_FLOAT]),
        pd.Series([1, 5301041111000411], dtype="int64"),
        pd.Series([1.0, float(PHONE_INT)]),
        pd.Series(["a", "5.30104111100041E+15"]),
    ],
)
def test_the_gate_catches_numbers_in_any_column_type(tmp_path: Path, capsys, column) -> None:
    for name, write in (
        ("t.parquet", lambda df, p: df.to_parquet(p, index=False)),
        ("t.csv", lambda df, p: df.to_csv(p, index=False)),
    ):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        write(pd.DataFrame({"value": column}), folder / name)
        assert main(["privacy-scan", str(folder)]) == 1
        out, err = capsys.readouterr()
        assert f"{name}: " in out and ("nik" in out or "phone" in out), out
        assert "Traceback" not in err and "5301041" not in out + err
