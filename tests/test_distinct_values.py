"""The fast paths that work on distinct values must agree with the plain, row-by-row answer.

Cleaning reads CSV columns as dictionary codes, finds repeated rows from combined codes,
builds ids and pseudonyms from distinct values: each case here is built to break one of
those shortcuts (encodings, blank lines, code overflow, several files, odd cells), and the
result is compared with what a slow, obvious implementation gives.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.clean.fields import sequential_ids
from analysis.clean.flow import _Collected
from analysis.clean.shareable import _provenance
from analysis.clean.sheetchecks import duplicate_rows
from analysis.read.csvfile import read_csv
from analysis.read.sheet import RawSheet, frame_from_rows

HEAD = "Tanggal,Jenis Kegiatan,Keterangan"


def _values(sheet: RawSheet) -> list[list[str]]:
    return sheet.frame.astype(str).to_numpy().tolist()


def test_blank_lines_inside_a_csv_keep_the_line_numbers_an_editor_shows(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text(f"{HEAD}\n01/02/2023,a,x\n\n\n02/02/2023,b,y\n   \n03/02/2023,c,z\n")
    (sheet,) = read_csv(p, "x.csv")
    assert sheet.rows.tolist() == [2, 5, 7]
    assert [r[1] for r in _values(sheet)] == ["a", "b", "c"]


def test_a_windows_1252_csv_is_decoded_not_read_as_broken_utf8(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(f"{HEAD}\n01/02/2023,Caf\u00e9 Kupang,ok\n".encode("cp1252"))
    (sheet,) = read_csv(p, "x.csv")
    assert _values(sheet) == [["01/02/2023", "Caf\u00e9 Kupang", "ok"]]


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""])
def test_utf8_with_or_without_mark_reads_the_same(tmp_path: Path, bom: bytes) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(bom + f"{HEAD}\r\n01/02/2023,\u00e9,\r\n".encode())
    (sheet,) = read_csv(p, "x.csv")
    assert sheet.header == ["Tanggal", "Jenis Kegiatan", "Keterangan"]
    assert _values(sheet) == [["01/02/2023", "\u00e9", ""]] and sheet.rows.tolist() == [2]


def _naive_duplicates(frame: pd.DataFrame) -> list[bool]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in frame.astype(str).itertuples(index=False):
        out.append(tuple(row) in seen)
        seen.add(tuple(row))
    return out


def _sheet(frame: pd.DataFrame) -> tuple[RawSheet, pd.DataFrame]:
    rows = pd.Series(np.arange(2, len(frame) + 2), dtype="int64")
    sheet = RawSheet("f.csv", "", [f"h{c}" for c in frame.columns], frame, rows)
    prov = pd.DataFrame({"source_file": "f.csv", "source_sheet": "", "source_row": rows})
    return sheet, prov


def test_repeated_rows_are_exact_even_when_the_row_codes_overflow() -> None:
    """12 columns of 400 distinct values: 400**12 codes do not fit in int64, so the
    combined code must be renumbered on the way; the answer must match a set of tuples."""
    rng = random.Random(3)
    base = [[f"v{rng.randrange(400)}" for _ in range(12)] for _ in range(1500)]
    rows = base + [base[i] for i in rng.sample(range(1500), 300)]  # 300 planted repeats
    rng.shuffle(rows)
    frame = pd.DataFrame(rows).astype("category")
    sheet, prov = _sheet(frame)
    dup, rejects = duplicate_rows(sheet, prov)
    assert dup.tolist() == _naive_duplicates(frame)
    assert dup.sum() >= 300
    # each reject names the first row with the same cells
    for _, r in rejects.iterrows():
        first = int(r["problem"].rsplit(" ", 1)[1])
        assert rows[first - 2] == rows[int(r["source_row"]) - 2] and first < r["source_row"]


def test_rows_whose_codes_would_wrap_around_int64_are_not_called_repeats() -> None:
    """Five columns of 65,535 values each: without renumbering, the first column's code is
    multiplied by 2**64 and vanishes, so a row differing only there would look repeated."""
    n = 65_535
    cats = pd.CategoricalDtype([f"v{i}" for i in range(n)])
    codes = np.arange(n)
    cols = {c: np.append(codes, 1 if c == 0 else 0) for c in range(5)}  # last: 1,0,0,0,0
    frame = pd.DataFrame({c: pd.Categorical.from_codes(v, dtype=cats) for c, v in cols.items()})
    sheet, prov = _sheet(frame)
    dup, _ = duplicate_rows(sheet, prov)
    assert not dup.any()


def test_repeats_compare_cells_as_typed_in_mixed_and_missing_columns() -> None:
    frame = pd.DataFrame(
        {0: [1, 1.5, 1, None, None, "x"], 1: pd.Categorical(["a", "a", "a", None, None, "a"])},
    )
    sheet, prov = _sheet(frame)
    dup, _ = duplicate_rows(sheet, prov)
    assert dup.tolist() == _naive_duplicates(frame) == [False, False, True, False, True, False]


def test_files_with_different_labels_stay_one_categorical_with_every_value() -> None:
    acc = _Collected()
    a = pd.DataFrame({"activity_type": pd.Categorical(["Patroli Siber", "Razia"])})
    b = pd.DataFrame({"activity_type": pd.Categorical(["Sosialisasi", "Patroli Siber"])})
    acc.frames["outreach"] = [a, b]
    out = acc.table("outreach")["activity_type"]
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.astype(str).tolist() == ["Patroli Siber", "Razia", "Sosialisasi", "Patroli Siber"]


def test_workbook_columns_become_categoricals_only_when_every_value_is_text() -> None:
    rows = [["Tanggal", "Jml", "Ket"], ["x", 3, "a"], ["y", "3", None], [None, None, None]]
    header, frame, numbers, blanks, _ = frame_from_rows(rows, 0, "w.xlsx", 1)
    assert header == ["Tanggal", "Jml", "Ket"] and blanks == 1 and numbers.tolist() == [2, 3]
    assert isinstance(frame[0].dtype, pd.CategoricalDtype)
    assert frame[1].dtype == object and frame[1].tolist() == [3, "3"]  # 3 and '3' stay apart
    assert frame[2].astype(object).where(frame[2].notna(), None).tolist() == ["a", None]


@pytest.mark.parametrize("n", [0, 1, 9, 99_999, 100_001])
def test_sequential_ids_match_plain_formatting(n: int) -> None:
    ids = sequential_ids(n, "A")
    assert ids.tolist() == [f"A{i:05d}" for i in range(1, n + 1)]
    assert str(ids.dtype) == "str" and ids.index.equals(pd.RangeIndex(n))


def test_pseudonyms_follow_each_file_and_sheet_pair() -> None:
    df = pd.DataFrame(
        {
            "source_file": ["b.xlsx", "a.xlsx", "b.xlsx", "a.xlsx", "c.csv"],
            "source_sheet": ["Data", "Data", "Lain", "Lain", ""],
            "source_row": [2, 3, 4, 5, 6],
        }
    )
    files = {"a.xlsx": "F01", "b.xlsx": "F02", "c.csv": "F03"}
    sheets = {("a.xlsx", "Data"): "S01", ("a.xlsx", "Lain"): "S02", ("b.xlsx", "Data"): "S01"}
    out = _provenance(df, files, sheets)
    assert out["source_file"].tolist() == ["F02", "F01", "F02", "F01", "F03"]
    assert out["source_sheet"].tolist() == ["S01", "S01", "", "S02", ""]
    assert df["source_file"].tolist()[0] == "b.xlsx"  # the caller's frame is not changed


def test_error_cells_are_found_whatever_piece_of_the_sheet_they_fall_in(
    tmp_path: Path, monkeypatch
) -> None:
    """The sheet XML is streamed in pieces cut after a whole row: with tiny pieces, every
    planted error cell and formula without a result is still found, once."""
    import zipfile

    import openpyxl

    from analysis.read import xlsxfile as io_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tanggal", "Jenis Kegiatan"])
    for i in range(2, 202):
        ws.append([f"0{i % 9 + 1}/02/2023", "=A1" if i % 50 == 0 else "x"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    buf = {}
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            buf[n] = z.read(n)
    xml = buf["xl/worksheets/sheet1.xml"]
    for i in (7, 77, 177):  # typed errors
        xml = xml.replace(
            f'<c r="B{i}" t="inlineStr"><is><t>x</t></is></c>'.encode(),
            f'<c r="B{i}" t="e"><v>#N/A</v></c>'.encode(),
        )
    buf["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w") as z:
        for n, b in buf.items():
            z.writestr(n, b)
    with zipfile.ZipFile(path) as z:
        whole = io_xlsx.cell_problems(z, "xl/worksheets/sheet1.xml")
        pieces = list(io_xlsx._row_chunks(z, "xl/worksheets/sheet1.xml", size=97))
        assert b"".join(pieces) == xml and all(p.endswith(b"</row>") for p in pieces[:-1])
        small = io_xlsx._row_chunks
        monkeypatch.setattr(io_xlsx, "_row_chunks", lambda zf, part: small(zf, part, size=97))
        assert io_xlsx.cell_problems(z, "xl/worksheets/sheet1.xml") == whole
    assert sorted((r, c) for r, c, _ in whole) == sorted(
        [(7, "B"), (77, "B"), (177, "B")] + [(i, "B") for i in range(2, 202) if i % 50 == 0]
    )
