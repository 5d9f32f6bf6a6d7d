"""Safe reading of field files (.xlsx workbooks, CSV text) into string frames.

Everything a field officer can get wrong about a file is caught by the readers and raised
as an InputError whose message names the file (and sheet, cell) in one line. This module
chooses the reader by file type (`xlsxfile`, `csvfile`, `qdpx`; the sheet record and
header detection in `sheet`; caps in `analysis.values.limits`).
Values come back as they were typed; interpretation happens in analysis.values.normalise.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import InputError
from analysis.read.sheet import RawSheet

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
    from analysis.read.csvfile import read_csv
    from analysis.read.xlsxfile import read_xlsx

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
            from analysis.read.qdpx.read import read_qdpx

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
