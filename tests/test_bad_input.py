"""Every kind of bad input gets one clear line naming the file (sheet, row, column), never a traceback."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from analysis.cli import main

HEADER = ["Tanggal", "Jenis Kegiatan", "Sasaran", "Kecamatan", "Keterangan"]
GOOD = ["14/03/2023", "Sosialisasi Hukum", "Pelajar", "Oebobo", ""]


@pytest.fixture
def proj(tmp_path: Path, project_copy: Path, monkeypatch) -> Path:
    shutil.copytree(project_copy / "config", tmp_path / "config")
    shutil.copytree(project_copy / "data/raw", tmp_path / "data/raw")
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def _outreach(proj: Path, name: str) -> Path:
    return proj / "data/raw/kupang/outreach" / name


def _wb(path: Path, rows: list[list], merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    rc = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def _fails_with(proj: Path, capsys, *fragments: str) -> str:
    rc, _, err = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 2, err
    line = err.strip()
    assert "\n" not in line
    for f in fragments:
        assert f in line, line
    return line


def test_corrupt_workbook(proj: Path, capsys) -> None:
    p = _wb(_outreach(proj, "rusak.xlsx"), [HEADER, GOOD])
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    _fails_with(proj, capsys, "outreach/rusak.xlsx", "corrupt or truncated")


def test_text_file_named_xlsx(proj: Path, capsys) -> None:
    _outreach(proj, "catatan.xlsx").write_text("Tanggal,Kegiatan\n1/1/2023,x\n", encoding="utf-8")
    _fails_with(proj, capsys, "outreach/catatan.xlsx", "not an Excel .xlsx workbook")


def test_password_protected_workbook(proj: Path, capsys) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096  # encrypted xlsx is an OLE container
    _outreach(proj, "terkunci.xlsx").write_bytes(ole)
    _fails_with(proj, capsys, "outreach/terkunci.xlsx", "password-protected")


def test_xml_entity_bomb(proj: Path, capsys) -> None:
    p = _wb(_outreach(proj, "bom.xlsx"), [HEADER, GOOD])
    buf = io.BytesIO()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    with zipfile.ZipFile(p) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = bomb + data.split(b"?>", 1)[-1]
            zout.writestr(item, data)
    p.write_bytes(buf.getvalue())
    _fails_with(proj, capsys, "outreach/bom.xlsx", "XML entities")


def test_zip_bomb_is_refused_quickly(proj: Path, capsys) -> None:
    p = _wb(_outreach(proj, "zip.xlsx"), [HEADER, GOOD])
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * 30_000_000)
    _fails_with(proj, capsys, "outreach/zip.xlsx", "zip bomb")


def test_empty_sheet(proj: Path, capsys) -> None:
    _wb(_outreach(proj, "kosong.xlsx"), [])
    _fails_with(proj, capsys, "outreach/kosong.xlsx", "sheet 'Data'", "sheet is empty")


def test_missing_required_column(proj: Path, capsys) -> None:
    _wb(_outreach(proj, "tanpa_tanggal.xlsx"), [HEADER[1:], GOOD[1:]])
    _fails_with(
        proj,
        capsys,
        "outreach/tanpa_tanggal.xlsx",
        "sheet 'Data'",
        "missing required column date",
        "Tanggal",
    )


def test_merged_header_cells(proj: Path, capsys) -> None:
    _wb(_outreach(proj, "gabung.xlsx"), [HEADER, GOOD], merge="B1:C1")
    _fails_with(proj, capsys, "outreach/gabung.xlsx", "header cells B1:C1 are merged")


def _rejects(proj: Path) -> list[dict]:
    """The researcher's own rejects (real file names, raw values), kept in data/private/."""
    import csv

    with (proj / "data/private/kupang/rejects.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _file_id(proj: Path, label: str) -> str:
    """The pseudonym (F01, ...) a raw file has in the shareable tables, from the private key."""
    import json

    key = json.loads((proj / "data/private/kupang/key.json").read_text(encoding="utf-8"))
    return {v: k for k, v in key["files"].items()}[label]


def test_formula_and_error_cells_are_rejected_by_cell(proj: Path, capsys) -> None:
    _wb(
        _outreach(proj, "rumus.xlsx"),
        [
            HEADER,
            GOOD,
            ["=TODAY()", "Sosialisasi Hukum", "Pelajar", "Oebobo", ""],
            ["15/03/2023", "#N/A", "Pelajar", "Oebobo", ""],
        ],
    )
    rc, out, _ = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 0
    mine = {
        int(r["source_row"]): r for r in _rejects(proj) if r["source_file"] == "outreach/rumus.xlsx"
    }
    assert set(mine) == {3, 4}
    assert "cell A3 holds a formula (=TODAY()) with no saved result" in mine[3]["problem"]
    assert mine[3]["column"] == "Tanggal"
    assert "cell B4 holds the Excel error #N/A" in mine[4]["problem"]


def test_very_long_cell_is_rejected(proj: Path, capsys) -> None:
    _wb(_outreach(proj, "panjang.xlsx"), [HEADER, GOOD[:4] + ["x" * 10_000]])
    rc, *_ = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 0
    mine = [r for r in _rejects(proj) if r["source_file"] == "outreach/panjang.xlsx"]
    assert (
        len(mine) == 1
        and "10,000 characters" in mine[0]["problem"]
        and mine[0]["column"] == "Keterangan"
    )


@pytest.mark.parametrize(("encoding", "bom"), [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_csv_encodings(proj: Path, capsys, encoding: str, bom: bytes) -> None:
    text = "Tanggal,Jenis Kegiatan,Sasaran,Kecamatan,Keterangan\n14/03/2023,Sosialisasi Hukum,Pelajar,Oebobo,Café ramai\n"
    _outreach(proj, "teks.csv").write_bytes(bom + text.encode(encoding))
    rc, *_ = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 0
    import pandas as pd

    df = pd.read_parquet(proj / "data/processed/kupang/outreach.parquet")
    mine = df[df.source_file == _file_id(proj, "outreach/teks.csv")]
    assert list(mine["notes"]) == ["Café ramai"] and list(mine["source_row"]) == [2]


def test_ragged_csv_line_is_rejected_with_line_number(proj: Path, capsys) -> None:
    text = "Tanggal,Jenis Kegiatan,Sasaran,Kecamatan\n14/03/2023,Sosialisasi Hukum,Pelajar,Oebobo\n15/03/2023,Sosialisasi Hukum,Pelajar,Oebobo,extra\n"
    _outreach(proj, "ragged.csv").write_text(text, encoding="utf-8")
    rc, *_ = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 0
    mine = [r for r in _rejects(proj) if r["source_file"] == "outreach/ragged.csv"]
    assert [int(r["source_row"]) for r in mine] == [3] and "5 cells" in mine[0]["problem"]


def test_values_without_a_header_are_reported_not_dropped_silently(proj: Path, capsys) -> None:
    _wb(_outreach(proj, "lebar.xlsx"), [HEADER, GOOD + [None, "catatan tambahan"]])
    rc, out, _ = _run(["clean", "--region", "kupang"], capsys)
    assert rc == 0
    assert (
        "not read from outreach/lebar.xlsx, sheet 'Data': column G (values without a header)" in out
    )
    import json

    m = json.loads((proj / "data/processed/kupang/manifest.json").read_text(encoding="utf-8"))
    src = [s for s in m["sources"] if s["file"] == _file_id(proj, "outreach/lebar.xlsx")][0]
    assert src["ignored_columns"] == ["column G (values without a header)"]
