"""Checks on a sheet as read, before any column is interpreted: bad cells and repeated rows.

A row with an Excel error cell, a formula without a saved result or an oversized cell is
rejected whole; an exact repeat of an earlier row is counted as a duplicate, not a record.
"""

from __future__ import annotations

import pandas as pd

from analysis.io import RawSheet, col_letter
from analysis.limits import MAX_CELL_CHARS
from analysis.normalise import map_unique
from analysis.vocab import PROVENANCE, REJECT_COLUMNS


def _column_index(letters: str) -> int:
    return sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1


def cell_rejects(sheet: RawSheet) -> pd.DataFrame:
    """Error cells, formulas without results, oversized cells -> reject lines."""
    headers = sheet.header
    lines = []
    for row, col, problem in sheet.cell_problems:
        ci = _column_index(col)
        lines.append((row, headers[ci] if 0 <= ci < len(headers) else col, problem, ""))
    for ci in range(sheet.frame.shape[1]):
        s = sheet.frame[ci]
        if isinstance(s.dtype, pd.StringDtype):
            lens = s.str.len().fillna(0)
        else:
            lens = map_unique(s, lambda v: len(v) if isinstance(v, str) else 0)
        if (lens > MAX_CELL_CHARS).any():
            for pos in (lens > MAX_CELL_CHARS).to_numpy().nonzero()[0]:
                lines.append(
                    (
                        int(sheet.rows.iloc[pos]),
                        headers[ci] if ci < len(headers) else col_letter(ci),
                        f"cell has {lens.iloc[pos]:,} characters (limit {MAX_CELL_CHARS:,})",
                        "split the text or shorten it",
                    )
                )
    if not lines:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    df = pd.DataFrame(lines, columns=["source_row", "column", "problem", "suggestion"])
    df["source_file"], df["source_sheet"], df["kind"] = sheet.file, sheet.sheet, "rejected"
    return df[REJECT_COLUMNS]


def duplicate_rows(sheet: RawSheet, frame: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """Exact repeats within a sheet (each row's cells hashed once): mask and reject lines."""
    hashes = pd.util.hash_pandas_object(sheet.frame.astype(str), index=False)
    dup = hashes.duplicated(keep="first").to_numpy()
    if not dup.any():
        return dup, pd.DataFrame(columns=REJECT_COLUMNS)
    first_row = pd.Series(sheet.rows.to_numpy()).groupby(hashes.to_numpy()).transform("first")
    d = frame.loc[dup, PROVENANCE].copy()
    d["column"] = ""
    d["problem"] = "exact duplicate of row " + first_row[dup].astype(str).to_numpy()
    d["suggestion"], d["kind"] = "delete the repeated row", "duplicate"
    return dup, d[REJECT_COLUMNS]
