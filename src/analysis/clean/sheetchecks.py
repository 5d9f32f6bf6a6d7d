"""Checks on a sheet as read, before any column is interpreted: bad cells and repeated rows.

A row with an Excel error cell, a formula without a saved result or an oversized cell is
rejected whole; an exact repeat of an earlier row is counted as a duplicate, not a record.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.kinds.model import PROVENANCE, REJECT_COLUMNS
from analysis.read.sheet import RawSheet, col_letter
from analysis.values.limits import MAX_CELL_CHARS
from analysis.values.normalise import map_unique


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
        if isinstance(s.dtype, pd.CategoricalDtype):  # judge the distinct values first
            if not (s.cat.categories.str.len() > MAX_CELL_CHARS).any():
                continue
            lens = s.astype(str).str.len()
        elif isinstance(s.dtype, pd.StringDtype):
            lens = s.str.len().fillna(0)
        else:
            lens = map_unique(s, lambda v: len(v) if isinstance(v, str) else 0, dtype="int64")
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


def _value_codes(s: pd.Series) -> np.ndarray:
    """One integer per distinct cell value: equal codes mean equal cells as typed.

    A categorical (the CSV reader's columns) already has them; other columns are compared
    as text, so 1 and 1.0 typed in two cells stay two values, as they read."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy()
    return pd.factorize(s.astype(str))[0]


def duplicate_rows(sheet: RawSheet, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Exact repeats within a sheet (rows compared cell by cell): mask and reject lines."""
    if sheet.frame.shape[1] == 0 or len(sheet.frame) < 2:
        return np.zeros(len(frame), dtype=bool), pd.DataFrame(columns=REJECT_COLUMNS)
    # one integer per distinct row: the columns' codes combined in mixed radix, renumbered
    # whenever the next column could overflow int64 (exact, unlike a row hash)
    group = np.zeros(len(sheet.frame), dtype=np.int64)
    size = 1
    for c in sheet.frame.columns:
        codes = _value_codes(sheet.frame[c]).astype(np.int64) + 1  # -1 (missing) -> 0
        n = int(codes.max()) + 1
        if size * n >= 2**62:
            group, uniques = pd.factorize(group)
            size = len(uniques)
        group = group * n + codes
        size *= n
    group = pd.factorize(group)[0]  # numbered in order of first appearance
    first = np.ones(len(group), dtype=bool)
    first[1:] = group[1:] > np.maximum.accumulate(group)[:-1]  # a new number: a first row
    dup = ~first
    if not dup.any():
        return dup, pd.DataFrame(columns=REJECT_COLUMNS)
    first_row = sheet.rows.to_numpy()[np.flatnonzero(first)[group[dup]]]
    d = frame.loc[dup, PROVENANCE].copy()
    d["column"] = ""
    d["problem"] = "exact duplicate of row " + pd.Series(first_row).astype(str).to_numpy()
    d["suggestion"], d["kind"] = "delete the repeated row", "duplicate"
    return dup, d[REJECT_COLUMNS]
