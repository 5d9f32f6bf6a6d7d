"""Safe reading of field files (.xlsx workbooks, CSV text) into string frames.

Everything a field officer can get wrong about a file is caught by the readers and raised
as an InputError whose message names the file (and sheet, cell) in one line. This module
holds what both readers share: the sheet record, header detection with true Excel row
numbers, and the choice of reader by file type (`io_xlsx`, `io_csv`; caps in `limits`).
Values come back as they were typed; interpretation happens in analysis.normalise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.normalise import is_blank

READABLE = (".xlsx", ".csv", ".qdpx", ".qde")  # .qdpx/.qde: REFI-QDA projects
# spreadsheet formats a researcher may drop beside the .xlsx files: refused loudly, never skipped
REFUSED = {
    ".xls": "an old Excel 97-2003 workbook (.xls), whose error cells cannot be told from blanks",
    ".xlsm": "a macro-enabled workbook (.xlsm)",
    ".xlsb": "a binary Excel workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "an Apple Numbers file",
    ".tsv": "tab-separated text with a .tsv name",
}


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


def raw_files(folder: Path) -> tuple[list[Path], list[str]]:
    """Readable files under a kind's folder, and a note for every other file left unread."""
    readable, notes = [], []
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name.startswith(("~$", ".")):
            continue
        if p.suffix.lower() in READABLE or p.suffix.lower() in REFUSED:
            readable.append(p)
        else:
            notes.append(f"not read: {p.relative_to(folder.parent).as_posix()} (not .xlsx or .csv)")
    return readable, notes


def read_any(
    path: Path,
    label: str,
    known_headers: set[str],
    skip_sheets: list[str],
    header_rows: dict[str, int] | None = None,
    qda: dict[str, str] | None = None,
) -> list[RawSheet]:
    """Read one raw file as sheets; `qda` is the region's checked `qda:` (for .qdpx/.qde)."""
    from analysis.io_csv import read_csv
    from analysis.io_xlsx import read_xlsx

    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise InputError(
            f"{label}: {REFUSED[suffix]} is not read; open it in Excel or LibreOffice and "
            "save it as .xlsx (Excel Workbook) or .csv, then remove this copy"
        )
    try:
        if suffix == ".xlsx":
            return read_xlsx(path, label, known_headers, skip_sheets, header_rows)
        if suffix == ".csv":
            pinned = header_rows or {}
            return read_csv(path, label, pinned.get("csv", pinned.get("", 1)))
        if suffix in (".qdpx", ".qde"):  # REFI-QDA projects from QDA tools
            from analysis.qdpx import read_qdpx

            return read_qdpx(path, label, qda)
    except InputError:
        raise
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except MemoryError:
        raise InputError(f"{label}: too large to read in memory; split the file") from None
    except Exception as e:  # last line of defence: one line, never a traceback
        raise InputError(f"{label}: could not be read ({type(e).__name__}: {e})") from None
    raise InputError(f"{label}: unsupported file type {suffix!r} (use .xlsx or .csv)")
