"""The gate scans a table by its distinct cells: identifiers planted in every place a table
can hold them (any column type, the header, a multi-line cell, a ragged file) are still found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.privacy import gate

NIK = 3201234567890123
PHONE = "081234567890"


def _kinds(path: Path, names: tuple[str, ...] = ()) -> set[str]:
    return {kind for _, kind in gate.scan([path], names)}


def _base(n: int = 50_000) -> pd.DataFrame:
    """A long clean table: ids, row numbers, counts, dates, codes."""
    return pd.DataFrame(
        {
            "activity_id": [f"A{i:05d}" for i in range(1, n + 1)],
            "date": pd.date_range("2023-01-01", periods=n, freq="h"),
            "activity_type": ["legal_education", "cyber_patrol"] * (n // 2),
            "participants": pd.array([i % 200 for i in range(n)], dtype="Int64"),
            "source_row": range(2, n + 2),
        }
    )


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_long_clean_table_passes(tmp_path: Path, fmt: str) -> None:
    p = tmp_path / f"t.{fmt}"
    df = _base()
    df.to_csv(p, index=False) if fmt == "csv" else df.to_parquet(p, index=False)
    assert _kinds(p) == set()


PLANTED = [  # (row among fifty thousand, column, value, the kind the gate must name)
    (31_337, "notes", f"hubungi {PHONE} malam ini", "phone"),
    (0, "notes", "akun @mince_kupang aktif", "username"),
    (49_999, "notes", "baris satu\nkirim ke mince@example.com", "email"),
    (20_000, "report", "LP/B/344/X/2024/SPKT/POLDA NTT", "lp_number"),
]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_identifier_in_one_cell_of_a_long_table_is_found(tmp_path: Path, fmt: str) -> None:
    """Each kind sits alone in one cell of its own row, first, middle and last rows included,
    in a table otherwise clean (test_a_long_clean_table_passes): each must be named. One table
    holds the four, so the 50,000 rows are written and scanned once per format."""
    df = _base()
    for row, column, value, _ in PLANTED:
        df[column] = df.get(column, "")
        df.loc[row, column] = value
    p = tmp_path / f"t.{fmt}"
    df.to_csv(p, index=False) if fmt == "csv" else df.to_parquet(p, index=False)
    found = _kinds(p)
    assert {kind for *_, kind in PLANTED} <= found, found


def test_a_nik_typed_as_a_number_is_found_in_parquet(tmp_path: Path) -> None:
    df = _base()
    df["count"] = 5
    df.loc[10, "count"] = NIK
    p = tmp_path / "t.parquet"
    df.to_parquet(p, index=False)
    assert _kinds(p)  # an integer column past 7 digits is read cell by cell


def test_a_phone_number_keeps_its_leading_zero_in_csv(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text(f"a,b\n1,{PHONE}\n2,5\n", encoding="utf-8")
    assert "phone" in _kinds(p)


def test_an_identifier_in_a_header_is_found(tmp_path: Path) -> None:
    df = _base(100).rename(columns={"participants": f"peserta {PHONE}"})
    for fmt in ("csv", "parquet"):
        p = tmp_path / f"t.{fmt}"
        df.to_csv(p, index=False) if fmt == "csv" else df.to_parquet(p, index=False)
        assert "phone" in _kinds(p), fmt


def test_a_known_name_in_a_categorical_parquet_column_is_found(tmp_path: Path) -> None:
    df = _base(1000)
    df["unit"] = pd.Categorical(["Ditbinmas"] * 999 + ["Mince Bolabeti"])
    p = tmp_path / "t.parquet"
    df.to_parquet(p, index=False)
    assert "known_name" in _kinds(p, ("Mince Bolabeti",))


def test_a_ragged_csv_is_still_scanned_as_text(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text(f"a,b\n1,2\n3,4,{PHONE}\n", encoding="utf-8")
    assert "phone" in _kinds(p)


def test_negative_or_long_numbers_are_not_waved_through(tmp_path: Path) -> None:
    p = tmp_path / "t.parquet"
    pd.DataFrame({"n": [1, 2, -81234567890]}).to_parquet(p, index=False)
    assert _kinds(p)


def test_float_cells_are_read_as_a_csv_shows_them(tmp_path: Path) -> None:
    """Parquet floats are scanned in the form pandas writes to CSV (repr), not pyarrow's
    shortened 3.2e+15, so the gate sees the digits a reader of the CSV would see."""
    from analysis.privacy.filetext import file_text

    p = tmp_path / "t.parquet"
    pd.DataFrame({"share": [0.5, float(NIK)]}).to_parquet(p, index=False)
    text = file_text(p)
    assert str(NIK) in text and "e+15" not in text
