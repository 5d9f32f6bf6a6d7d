"""One table-shaped block read from a file, and the header helpers every reader shares.

Kept apart from the readers (`csvfile`, `xlsxfile`, `qdpx`) so that they import it without
importing each other: a sheet has Excel row numbers, a header and string-ish cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.values.normalise import is_blank


@dataclass
class RawSheet:
    """One table-shaped block read from a file: headers, string-ish cells, Excel row numbers."""

    file: str  # path relative to the region's raw folder
    sheet: str  # "" for CSV
    header: list[str]
    frame: pd.DataFrame  # columns 0..n-1 (text or mixed cells), one row per non-blank data row
    rows: pd.Series  # Excel row number (CSV line number) of every frame row
    blank_rows: int = 0
    cell_problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, col, problem)
    header_row: int = 1
    unheaded_columns: list[str] = field(default_factory=list)  # data found without a header
    skipped: str = ""  # why a sheet was not read at all (hidden, chart sheet); empty if read
    notes: list[str] = field(default_factory=list)  # what the run should say about the sheet

    @classmethod
    def skip(cls, file: str, sheet: str, reason: str) -> RawSheet:
        empty = pd.DataFrame()
        return cls(file, sheet, [], empty, pd.Series([], dtype="int64"), skipped=reason)


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def norm_header(h: Any) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(h).casefold()) if h is not None else ""


def find_header(rows: list[list[Any]], known: set[str], max_scan: int = 15) -> int | None:
    """Index of the first row that looks like a header (two or more known column names)."""
    for i, row in enumerate(rows[:max_scan]):
        if sum(1 for v in row if isinstance(v, str) and norm_header(v) in known) >= 2:
            return i
    return None


def frame_from_rows(
    rows: list[list[Any]],
    header_idx: int,
    label: str,
    row_offset: int,
    keep_rows: frozenset[int] = frozenset(),
) -> tuple[list[str], pd.DataFrame, pd.Series, int, list[str]]:
    """Header, data frame, row numbers, blank-row count and columns with values but no header.

    `row_offset` is the Excel row number of rows[0]; rows listed in `keep_rows` (rows with an
    error cell, which reads as blank) stay data rows so that they are rejected, not lost."""
    header = ["" if v is None else str(v).strip() for v in rows[header_idx]]
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    if width == 0:
        raise InputError(f"{label}: header row {header_idx + row_offset} is empty")
    body = rows[header_idx + 1 :]
    if not body:
        empty = pd.DataFrame(columns=range(width), dtype=object)
        return header, empty, pd.Series([], dtype="int64"), 0, []
    frame = pd.DataFrame(body, dtype=object)
    for c in range(frame.shape[1], width):
        frame[c] = ""
    # each column is factorized once: blank cells are judged per distinct value, and an
    # all-text column becomes a categorical on those codes (what cleaning works on)
    blank = {}
    for c in frame.columns:
        codes, uniques = pd.factorize(frame[c])
        blank_value = np.array([is_blank(u) for u in uniques] + [True], dtype=bool)
        blank[c] = blank_value[codes]  # code -1 (None) indexes the final True
        if len(uniques) and all(isinstance(u, str) for u in uniques):
            cats = pd.Index(uniques, dtype="str")
            frame[c] = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(cats))
    blank = pd.DataFrame(blank)
    # values under a blank header cell, or right of the header, are not read: say so
    unheaded = [
        col_letter(c)
        for c in frame.columns
        if (c >= width or header[c] == "") and not blank[c].all()
    ]
    frame, blank = frame.iloc[:, :width], blank.iloc[:, :width]
    numbers = header_idx + 1 + row_offset + np.arange(len(frame))
    empty_row = blank.all(axis=1).to_numpy() & ~np.isin(numbers, list(keep_rows))
    frame = frame.loc[~empty_row].reset_index(drop=True)
    return header, frame, pd.Series(numbers[~empty_row]), int(empty_row.sum()), unheaded
