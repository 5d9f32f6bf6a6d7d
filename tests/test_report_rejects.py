"""Reports count rejects by file, column and kind of problem; they never list rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.report import summaries


def test_rejects_are_counted_by_kind_without_values_or_rows(tmp_path: Path) -> None:
    rows = pd.DataFrame(
        {
            "source_file": ["F01", "F01", "F01", "F02"],
            "source_sheet": ["S01", "S01", "S02", ""],
            "source_row": ["14", "15", "9", "3"],
            "column": ["Tanggal", "Tanggal", "Tanggal", "Kecamatan"],
            "problem": [
                "date 2021-12-15 is outside the study period 2022-01-01 to 2025-06-30",
                "date 2026-02-01 is outside the study period 2022-01-01 to 2025-06-30",
                "date 2026-03-09 is outside the study period 2022-01-01 to 2025-06-30",
                "district [withheld: 2 words, 13 characters] is not one of the districts",
            ],
            "suggestion": ["", "", "", ""],
            "kind": ["rejected"] * 4,
        }
    )
    rows.to_csv(tmp_path / "rejects.csv", index=False)
    got = summaries.rejects(tmp_path)
    assert list(got.columns) == ["source_file", "column", "problem", "outcome", "rows"]
    assert got["rows"].tolist() == [3, 1]
    text = got.to_csv()
    for specific in ("2021-12-15", "2026-02-01", "withheld", "14", "15"):
        assert specific not in text
    assert "source_row" not in text and "S01" not in text


def test_no_rejects_file_gives_an_empty_table(tmp_path: Path) -> None:
    assert summaries.rejects(tmp_path).empty
