"""Writing one Excel template workbook: instructions sheet, data sheets, hidden drop-down lists.

The instructions sheet and the hidden sheet of drop-down lists are named in `raw.skip_sheets`
(analysis.region.scaffold writes that), so cleaning never reads them as data; the example row lives
on the instructions sheet, so it can never be counted as a record.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.region.config import Region
from analysis.region.template_columns import Col
from analysis.values.lookup import package_table

INSTRUCTIONS_SHEET = "petunjuk"
LISTS_SHEET = "pilihan"
TEMPLATE_ROWS = 500  # rows that get drop-downs and date formats


def choices(region: Region, field: str) -> list[str]:
    """Drop-down values: one label per code the region's tables may hold (the first alias in
    the package's table, which is the Indonesian one, or a new code's own Indonesian label),
    then the region's own labels, agencies or districts."""
    if field == "district":
        return [d["name"] for d in region.data["districts"]]
    if field == "partners":
        ag = package_table("agencies.csv")
        names = list(dict.fromkeys(ag["canonical"]))
        names += [str(v) for v in region.extra_aliases("agencies").values()]
        return list(dict.fromkeys(names))
    allowed = _allowed(region, field)
    labels = package_table("labels.csv")
    rows = labels[labels["field"] == field]
    first: dict[str, str] = {}
    for alias, code in zip(rows["alias"], rows["code"], strict=True):
        if code in allowed:
            first.setdefault(code, alias)
    readable = set(region.codes.taxonomy.get(field, []))  # codes the cleaning can read
    for code in allowed:  # the region's own codes: their Indonesian label, else the code
        if code in readable:
            first.setdefault(code, region.codes.labels.get(code, {}).get("id", code))
    out = list(first.values())
    for alias in region.extra_aliases("labels").get(field) or {}:
        out.append(str(alias))
    return list(dict.fromkeys(out))


def _allowed(region: Region, field: str) -> list[str]:
    """The codes a column of this field may hold (a closed column's list, else the field's)."""
    for (_table, column), values in region.codes.closed.items():
        if column == field:
            return list(values)
    return list(region.codes.taxonomy.get(field, []))


def _header_style(cell) -> None:
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor="1F5F8B")


class _Lists:
    """The hidden sheet of drop-down values: one column per field, written on first use."""

    def __init__(self, wb: Workbook, region: Region) -> None:
        self.sheet = wb.create_sheet(LISTS_SHEET)
        self.sheet.sheet_state = "hidden"
        self.region = region
        self.ranges: dict[str, str] = {}

    def range(self, field: str) -> str:
        if field not in self.ranges:
            col = len(self.ranges) + 1
            values = choices(self.region, field)
            self.sheet.cell(row=1, column=col, value=field).font = Font(bold=True)
            for r, v in enumerate(values, start=2):
                self.sheet.cell(row=r, column=col, value=v)
            letter = get_column_letter(col)
            self.ranges[field] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        return self.ranges[field]


def _instructions(region: Region) -> list[str]:
    return [
        "PETUNJUK / INSTRUCTIONS",
        "",
        f"Wilayah / region: {region.get('name')} ({region.slug})",
        "ID: Isi satu baris per kegiatan, laporan polisi atau segmen wawancara, mulai baris 2 "
        "di lembar data. Jangan ubah judul kolom. Pilih nilai dari daftar tarik-turun; nilai "
        "baru boleh ditambahkan ke aliases.labels di config/regions/" + region.slug + ".yml.",
        "EN: Fill one row per activity, police report or interview segment, from row 2 of each "
        "data sheet. Keep the column headers. Choose values from the drop-down lists; a new "
        "label can be added under aliases.labels in config/regions/" + region.slug + ".yml.",
        "ID: Tulis tanggal sebagai tanggal Excel atau dd/mm/yyyy. JANGAN tulis nama, NIK, "
        "nomor HP, akun, atau alamat lengkap di kolom mana pun.",
        "EN: Write dates as Excel dates or dd/mm/yyyy. NEVER write names, ID numbers, phone "
        "numbers, account handles or full addresses in any column.",
        "ID: Lembar ini dan lembar daftar pilihan tidak dibaca sebagai data.",
        "EN: This sheet and the sheet of drop-down lists are never read as data.",
        "",
    ]


def _data_sheet(ws: Worksheet, cols: list[Col], lists: _Lists) -> None:
    """Header row, widths, date formats and drop-downs of one data sheet."""
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=c, value=col.header)
        _header_style(cell)
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = max(14, len(col.header) + 4)
        if col.date:  # a column-wide format: no empty cells for a reader to trip over
            ws.column_dimensions[letter].number_format = "DD/MM/YYYY"
        if col.choices:
            dv = DataValidation(
                type="list",
                formula1=f"={lists.range(col.choices)}",
                allow_blank=True,
                showErrorMessage=True,
                # a partner list may name several agencies: warn, do not forbid
                errorStyle="warning" if col.choices == "partners" else "stop",
                errorTitle="Nilai tidak dikenal / unknown value",
                error="Pilih dari daftar / choose from the list",
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"


def _explain(ins: Worksheet, row: int, title: str, cols: list[Col]) -> int:
    """Explain each column of one sheet and show one example row; return the next free row."""
    ins.cell(row=row, column=1, value=f"Lembar / sheet '{title}'").font = Font(bold=True)
    row += 1
    for c, col in enumerate(cols, start=1):
        _header_style(ins.cell(row=row, column=c, value=col.header))
        ins.cell(row=row + 1, column=c, value=f"{col.help_id} / {col.help_en}")
        ex = ins.cell(row=row + 2, column=c, value=col.example)
        if col.date:
            ex.number_format = "DD/MM/YYYY"
    ins.cell(row=row + 3, column=1, value="^ CONTOH, bukan data / EXAMPLE, not data").font = Font(
        italic=True, color="9C0006"
    )
    return row + 5


def build_workbook(region: Region, sheets: list[tuple[str, list[Col]]]) -> Workbook:
    """One template workbook: instructions first, then the data sheets, then the lists."""
    wb = Workbook()
    ins = wb.active
    ins.title = INSTRUCTIONS_SHEET
    lists = _Lists(wb, region)
    lines = _instructions(region)
    for i, line in enumerate(lines, start=1):
        ins.cell(row=i, column=1, value=line)
    ins["A1"].font = Font(bold=True, size=13)
    row = len(lines) + 1
    for title, cols in sheets:
        _data_sheet(wb.create_sheet(title, index=wb.sheetnames.index(LISTS_SHEET)), cols, lists)
        row = _explain(ins, row, title, cols)
    ins.column_dimensions["A"].width = 40
    return wb
