"""Safe, fast reading of field workbooks (.xlsx) and CSV files into string frames.

Everything a field officer can get wrong about a file is caught here and raised as an
InputError whose message names the file (and sheet, cell) in one line: wrong format,
password protection, zip or XML bombs, error cells, merged header cells, bad encodings.
Values come back as they were typed (strings, numbers, dates); interpretation happens in
analysis.normalise.
"""

from __future__ import annotations

import csv
import io as _io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.normalise import is_blank, map_unique

MAX_UNCOMPRESSED = 512 * 1024 * 1024  # bytes a workbook may expand to
MAX_RATIO = 200  # compressed-to-uncompressed ratio beyond which a part is suspicious
MAX_CELL_CHARS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# --------------------------------------------------------------------------- xlsx safety
def _check_zip(path: Path, label: str) -> zipfile.ZipFile:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        raise InputError(
            f"{label}: workbook is password-protected (or an old .xls file); "
            "remove the password / save as .xlsx and try again"
        )
    if not head.startswith(b"PK"):
        raise InputError(
            f"{label}: not an Excel .xlsx workbook (it looks like text or another format)"
        )
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(f"{label}: workbook is corrupt or truncated ({e})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{label}: workbook would expand to {total / 1e6:.0f} MB "
            f"(limit {MAX_UNCOMPRESSED / 1e6:.0f} MB); refusing a possible zip bomb"
        )
    for i in infos:
        if (
            i.compress_size
            and i.file_size > 10_000_000
            and i.file_size / i.compress_size > MAX_RATIO
        ):
            raise InputError(
                f"{label}: part {i.filename} is compressed {i.file_size // i.compress_size}:1; "
                "refusing a possible zip bomb"
            )
    if "xl/workbook.xml" not in zf.namelist():
        raise InputError(f"{label}: zip file is not an Excel workbook (no xl/workbook.xml)")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")):
            with zf.open(i) as fh:
                head = fh.read(65536)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise InputError(
                    f"{label}: part {i.filename} declares XML entities; refusing a possible XML bomb"
                )
    return zf


_CELL_ERR = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>\s*<v>([^<]*)</v>')
_CELL_F = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*>\s*<f[^>]*?(?:/>|>([^<]*)</f>)\s*(<v\s*/>|<v>[^<]*</v>)?'
)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet name -> XML part, from workbook.xml and its relationships."""
    from defusedxml import ElementTree as ET

    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for s in wb.iterfind("m:sheets/m:sheet", ns):
        rid = s.get(f"{{{ns['r']}}}id")
        t = target.get(rid, "")
        t = t.lstrip("/")
        out[s.get("name")] = t if t.startswith("xl/") else f"xl/{t}"
    return out


def _cell_problems(zf: zipfile.ZipFile, part: str) -> list[tuple[int, str, str]]:
    """Error cells (#N/A, #REF!, ...) and formulas without a saved result."""
    try:
        data = zf.read(part)
    except KeyError:
        return []
    out: list[tuple[int, str, str]] = []
    if b't="e"' in data:
        for m in _CELL_ERR.finditer(data):
            col, row, val = m.group(1).decode(), int(m.group(2)), m.group(3).decode()
            out.append((row, col, f"cell {col}{row} holds the Excel error {val}"))
    if b"<f" in data:
        for m in _CELL_F.finditer(data):
            cached = m.group(4)
            if cached is None or cached.replace(b" ", b"") in (b"<v/>", b"<v></v>"):
                col, row = m.group(1).decode(), int(m.group(2))
                formula = (m.group(3) or b"").decode()[:60]
                out.append(
                    (
                        row,
                        col,
                        f"cell {col}{row} holds a formula (={formula}) with no saved "
                        "result; paste values or save it in Excel first",
                    )
                )
    return out


# --------------------------------------------------------------------------- header detection
def norm_header(h: Any) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(h).casefold()) if h is not None else ""


def find_header(rows: list[list[Any]], known: set[str], max_scan: int = 15) -> int | None:
    """Index of the first row that looks like a header (two or more known column names)."""
    for i, row in enumerate(rows[:max_scan]):
        if sum(1 for v in row if isinstance(v, str) and norm_header(v) in known) >= 2:
            return i
    return None


def _frame_from_rows(
    rows: list[list[Any]], header_idx: int, label: str, row_offset: int
) -> tuple[list[str], pd.DataFrame, pd.Series, int, list[str]]:
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
    blank = pd.DataFrame({c: map_unique(frame[c], is_blank, dtype="bool") for c in frame.columns})
    # values in columns without a header are not read; say so instead of dropping them silently
    unheaded = [col_letter(c) for c in frame.columns[width:] if not blank[c].all()]
    frame, blank = frame.iloc[:, :width], blank.iloc[:, :width]
    empty_row = blank.all(axis=1).to_numpy()
    numbers = header_idx + 1 + row_offset + np.arange(len(frame))
    frame = frame.loc[~empty_row].reset_index(drop=True)
    for c in frame.columns:  # all-text columns become string arrays: faster to factorize
        if pd.api.types.infer_dtype(frame[c], skipna=True) == "string":
            frame[c] = frame[c].astype("str")
    return header, frame, pd.Series(numbers[~empty_row]), int(empty_row.sum()), unheaded


def read_xlsx(
    path: Path,
    label: str,
    known_headers: set[str],
    skip_sheets: list[str],
    header_rows: dict[str, int] | None = None,
) -> list[RawSheet]:
    """Read every data sheet of a workbook; skip 'about' sheets; find each header row."""
    from python_calamine import CalamineWorkbook

    zf = _check_zip(path, label)
    with zf:
        parts = _sheet_parts(zf)
        try:
            wb = CalamineWorkbook.from_path(str(path))
        except Exception as e:  # calamine raises several of its own types
            raise InputError(
                f"{label}: workbook could not be read ({type(e).__name__}: {e})"
            ) from None
        out = []
        skip = {s.casefold() for s in skip_sheets}
        for name in wb.sheet_names:
            if name.casefold() in skip:
                continue
            where = f"{label}, sheet {name!r}"
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            if not rows or all(all(c in ("", None) for c in r) for r in rows):
                raise InputError(f"{where}: sheet is empty")
            start_row = sheet.start[0] if sheet.start else 0
            offset = start_row + 1  # Excel row number of rows[0]
            if header_rows and name in header_rows:
                hidx = header_rows[name] - offset
            else:
                hidx = find_header(rows, known_headers)
            if hidx is None:
                raise InputError(
                    f"{where}: no header row found in the first 15 rows "
                    "(need at least two known column names)"
                )
            merged = sheet.merged_cell_ranges or []
            for (r0, c0), (r1, c1) in merged:
                if r0 <= hidx + start_row <= r1 and c1 > c0:
                    raise InputError(
                        f"{where}: header cells {col_letter(c0)}{r0 + 1}:{col_letter(c1)}{r1 + 1} "
                        "are merged; unmerge them so every column has its own header"
                    )
            header, frame, numbers, blanks, unheaded = _frame_from_rows(rows, hidx, where, offset)
            problems = _cell_problems(zf, parts.get(name, ""))
            out.append(
                RawSheet(
                    label, name, header, frame, numbers, blanks, problems, hidx + offset, unheaded
                )
            )
        return out


def _decode(data: bytes, label: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{label}: text is neither UTF-8 nor Windows-1252 (cp1252)") from None


def read_csv(path: Path, label: str, header_row: int = 1) -> list[RawSheet]:
    """Read a CSV in UTF-8 (with or without BOM) or cp1252, keeping line numbers exact."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    if data[:4].startswith(b"PK\x03\x04") or data.startswith(OLE_MAGIC):
        raise InputError(f"{label}: looks like a workbook, not CSV text; rename it to .xlsx")
    text = _decode(data, label)
    if header_row == 1 and "\n\n" not in text.replace("\r\n", "\n").rstrip("\n"):
        fast = _read_csv_fast(text, label)
        if fast is not None:
            return [fast]
    reader = csv.reader(_io.StringIO(text, newline=""))
    rows, numbers = [], []
    header: list[str] | None = None
    blanks = 0
    line_before = 0
    for rec in reader:
        start_line = line_before + 1
        line_before = reader.line_num
        if header is None:
            if start_line >= header_row and any(c.strip() for c in rec):
                header = [c.strip() for c in rec]
            continue
        if not any(c.strip() for c in rec):
            blanks += 1
            continue
        rows.append(rec)
        numbers.append(start_line)
    if header is None:
        raise InputError(f"{label}: no header line")
    width = len(header)
    problems = []
    fixed = []
    for rec, n in zip(rows, numbers, strict=True):
        if len(rec) > width and any(c.strip() for c in rec[width:]):
            problems.append(
                (n, col_letter(width), f"line has {len(rec)} cells but the header has {width}")
            )
        fixed.append((rec + [""] * width)[:width])
    frame = pd.DataFrame(fixed, columns=range(width), dtype=object)
    return [RawSheet(label, "", header, frame, pd.Series(numbers, dtype="int64"), blanks, problems)]


def _read_csv_fast(text: str, label: str) -> RawSheet | None:
    """pyarrow parses; returns None (use the exact reader) unless every record is one line,
    so that line number = record index + 1 holds."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        tbl = pacsv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(4096)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None  # ragged lines or stray quotes: the exact reader reports them row by row
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if tbl.num_rows != lines or tbl.num_rows == 0:
        return None
    header = [str(h).strip() for h in tbl.slice(0, 1).to_pylist()[0].values()]
    frame = tbl.slice(1).to_pandas()
    frame.columns = range(len(header))
    numbers = pd.Series(range(2, len(frame) + 2), dtype="int64")
    empty = (frame.apply(lambda c: c.str.strip() == "")).all(axis=1) if len(frame) else None
    blanks = 0
    if empty is not None and empty.any():
        blanks = int(empty.sum())
        frame, numbers = (
            frame[~empty].reset_index(drop=True),
            numbers[~empty.to_numpy()].reset_index(drop=True),
        )
    return RawSheet(label, "", header, frame, numbers, blanks, [])


def read_any(
    path: Path,
    label: str,
    known_headers: set[str],
    skip_sheets: list[str],
    header_rows: dict[str, int] | None = None,
    qda: dict[str, str] | None = None,
) -> list[RawSheet]:
    """Read one raw file as sheets; `qda` is the region's checked `qda:` (for .qdpx/.qde)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return read_xlsx(path, label, known_headers, skip_sheets, header_rows)
        if suffix == ".csv":
            return read_csv(path, label, (header_rows or {}).get("", 1))
        if suffix in (".qdpx", ".qde"):  # REFI-QDA projects from QDA tools
            from analysis.qdpx import read_qdpx

            return read_qdpx(path, label, qda)
    except InputError:
        raise
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except Exception as e:  # last line of defence: one line, never a traceback
        raise InputError(f"{label}: could not be read ({type(e).__name__}: {e})") from None
    raise InputError(f"{label}: unsupported file type {suffix!r} (use .xlsx or .csv)")
