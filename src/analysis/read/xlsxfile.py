"""Reading .xlsx workbooks: zip and XML safety, hidden sheets, error cells, true row numbers.

calamine reads cell values fast but shows an Excel error (typed, or the cached result of a
formula such as `=VLOOKUP(...)` -> `#N/A`) as a blank, so the sheet XML is scanned once for
error cells and for formulas without a saved result; those rows are rejected, never read as
blanks. Hidden sheets (archive copies) are skipped and reported, never read as data.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from analysis.errors import InputError
from analysis.read.sheet import RawSheet, col_letter, find_header, frame_from_rows
from analysis.values import limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(s: str) -> bytes:
    return s.encode("utf-16-le")


def _refuse_non_zip(head: bytes, path: Path, label: str) -> None:
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            start = fh.read(1 << 20)
        if _utf16("EncryptedPackage") not in start and _utf16("Workbook") in start:
            raise InputError(
                f"{label}: an old Excel 97-2003 workbook (.xls) saved with an .xlsx name; open "
                "it in Excel or LibreOffice and save it as .xlsx"
            )
        raise InputError(
            f"{label}: workbook is password-protected (or not a workbook); remove the "
            "password and try again"
        )
    raise InputError(f"{label}: not an Excel .xlsx workbook (it looks like text or another format)")


def check_zip(path: Path, label: str) -> zipfile.ZipFile:
    """Open the workbook's zip after refusing non-workbooks, zip bombs and XML bombs."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head.startswith(b"PK"):
        _refuse_non_zip(head, path, label)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError(f"{label}: workbook is corrupt or truncated ({e})") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.MAX_WORKBOOK_BYTES:
        raise InputError(
            f"{label}: workbook would expand to {total / 1e6:.0f} MB "
            f"(limit {limits.MAX_WORKBOOK_BYTES / 1e6:.0f} MB); refusing a possible zip bomb"
        )
    if total > limits.BIG_EXPANSION and total / packed > limits.MAX_TOTAL_RATIO:
        raise InputError(
            f"{label}: workbook's {len(infos)} parts expand {total // packed}:1 to "
            f"{total / 1e6:.0f} MB together; refusing a possible zip bomb"
        )
    for i in infos:
        ratio = i.file_size / i.compress_size if i.compress_size else 0
        if i.file_size > limits.BIG_PART and ratio > limits.MAX_PART_RATIO:
            raise InputError(
                f"{label}: part {i.filename} is compressed {int(ratio)}:1; "
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


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
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
        t = (target.get(s.get(f"{{{ns['r']}}}id"), "") or "").lstrip("/")
        out[s.get("name")] = t if t.startswith("xl/") else f"xl/{t}"
    return out


# one cell element whose attributes mark an error value (t="e"), formula or not
_ERR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)\s*(<v\s*/>|<v>[^<]*</v>)?"
)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _ref(attrs: bytes) -> tuple[int, str] | None:
    m = _REF.search(attrs)
    return (int(m.group(2)), m.group(1).decode()) if m else None


def _row_chunks(zf: zipfile.ZipFile, part: str, size: int = 1 << 22):
    """The sheet XML in pieces that end after a whole </row>: one streaming pass whose
    memory stays at a few MB however long the sheet is."""
    carry = b""
    with zf.open(part) as fh:
        while chunk := fh.read(size):
            buf = carry + chunk
            cut = buf.rfind(b"</row>")
            if cut == -1:
                carry = buf
                continue
            cut += len(b"</row>")
            yield buf[:cut]
            carry = buf[cut:]
    if carry:
        yield carry


def cell_problems(zf: zipfile.ZipFile, part: str) -> list[tuple[int, str, str]]:
    """Error cells (#N/A, #REF!, typed or a formula's result) and formulas without a result.

    calamine reads both as empty cells (an error value and a blank look the same in its
    output), so the sheet XML is read once more, streamed, looking only where a piece
    holds an error type or a formula."""
    if part not in zf.namelist():
        return []
    errors: list[tuple[int, str, str]] = []
    formulas: list[tuple[int, str, str]] = []
    for data in _row_chunks(zf, part):
        if b't="e"' in data:
            errors += _error_cells(data)
        if b"<f" in data:
            formulas += _formulas_without_result(data)
    return errors + formulas


def _error_cells(data: bytes) -> list[tuple[int, str, str]]:
    out = []
    for m in _ERR_CELL.finditer(data):
        ref, v = _ref(m.group(1)), _VALUE.search(m.group(2))
        if ref is None:
            continue
        row, col = ref
        err = v.group(1).decode() if v else "error"
        how = "a formula whose result is" if b"<f" in m.group(2) else "the Excel error"
        out.append((row, col, f"cell {col}{row} holds {how} {err}"))
    return out


def _formulas_without_result(data: bytes) -> list[tuple[int, str, str]]:
    out = []
    for m in _FORMULA_CELL.finditer(data):
        cached, ref = m.group(4), _ref(m.group(1))
        if ref is None or b't="e"' in m.group(1):
            continue
        if cached is None or cached.replace(b" ", b"") in (b"<v/>", b"<v></v>"):
            row, col = ref
            formula = (m.group(3) or b"").decode(errors="replace")[:60]
            out.append(
                (
                    row,
                    col,
                    f"cell {col}{row} holds a formula (={formula}) with no saved "
                    "result; paste values or save it in Excel first",
                )
            )
    return out


def _header_index(rows, name, where, known, header_rows) -> int:
    """0-based index of the header row: pinned in the config, or found by known names."""
    if header_rows and name in header_rows:
        pinned = header_rows[name]
        if not 1 <= pinned <= len(rows):
            raise InputError(
                f"{where}: config key 'raw.sheets' pins header_row {pinned}, but the sheet has "
                f"{len(rows)} rows"
            )
        return pinned - 1
    hidx = find_header(rows, known)
    if hidx is None:
        raise InputError(
            f"{where}: no header row found in the first 15 rows "
            "(need at least two known column names)"
        )
    return hidx


def _read_sheet(wb, name, label, zf, part, known, header_rows) -> RawSheet:
    where = f"{label}, sheet {name!r}"
    sheet = wb.get_sheet_by_name(name)
    limits.check_rows(where, sheet.total_height)  # before the cells are loaded
    # rows[0] is Excel row 1 and column 0 is A, whatever the first used cell is
    rows = sheet.to_python(skip_empty_area=False)
    if not rows or all(all(c in ("", None) for c in r) for r in rows):
        raise InputError(f"{where}: sheet is empty")
    hidx = _header_index(rows, name, where, known, header_rows)
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
        if r0 <= hidx <= r1 and c1 > c0:
            raise InputError(
                f"{where}: header cells {col_letter(c0)}{r0 + 1}:{col_letter(c1)}{r1 + 1} "
                "are merged; unmerge them so every column has its own header"
            )
    problems = cell_problems(zf, part)
    for row, _col, problem in problems:
        if row == hidx + 1:
            raise InputError(f"{where}: header {problem}; type the column name instead")
    data_problems = [p for p in problems if p[0] > hidx + 1]  # title rows above are not data
    keep = frozenset(p[0] for p in data_problems)
    header, frame, numbers, blanks, unheaded = frame_from_rows(rows, hidx, where, 1, keep)
    sheet = RawSheet(label, name, header, frame, numbers, blanks, data_problems, hidx + 1, unheaded)
    sheet.notes = [_title_note(where, p) for p in problems if p[0] < hidx + 1]
    return sheet


def _title_note(where: str, problem: tuple[int, str, str]) -> str:
    """A title cell above the header that has no value: the data are read, the title is not."""
    row, col, text = problem
    what = "a formula with no saved result" if "no saved result" in text else "an Excel error"
    return (
        f"{where}: title row {row}, cell {col}{row} holds {what}, so the sheet's title is "
        "unknown; save the workbook in Excel (or paste values) to keep it"
    )


def read_xlsx(
    path: Path,
    label: str,
    known_headers: set[str],
    skip_sheets: list[str],
    header_rows: dict[str, int] | None = None,
) -> list[RawSheet]:
    """Every visible data sheet of a workbook ('about' sheets skipped), header row found."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    zf = check_zip(path, label)
    with zf:
        parts = sheet_parts(zf)
        try:
            wb = CalamineWorkbook.from_path(str(path))
        except Exception as e:  # calamine raises several of its own types
            raise InputError(
                f"{label}: workbook could not be read ({type(e).__name__}: {e})"
            ) from None
        out, total = [], 0
        skip = {s.casefold() for s in skip_sheets}
        for meta in wb.sheets_metadata:
            name = meta.name
            if name.casefold() in skip:
                continue
            if meta.typ != SheetTypeEnum.WorkSheet:
                out.append(RawSheet.skip(label, name, "not a worksheet (chart or macro sheet)"))
                continue
            if meta.visible != SheetVisibleEnum.Visible:
                out.append(RawSheet.skip(label, name, "hidden sheet, not read"))
                continue
            sheet = _read_sheet(
                wb, name, label, zf, parts.get(name, ""), known_headers, header_rows
            )
            total += len(sheet.frame)
            limits.check_rows(label, total)
            out.append(sheet)
        return out
