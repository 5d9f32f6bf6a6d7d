"""Report tables as CSV and a styled XLSX, with text cells escaped against formula injection."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis.region.workbook import save_workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(v: object) -> object:
    """A text cell that Excel would run as a formula gets a leading apostrophe."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def save_table(df: pd.DataFrame, outdir: Path, name: str, title: str | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = outdir / f"{name}.csv", outdir / f"{name}.xlsx"
    # four decimals are plenty for readers, and long float tails look like ID numbers to scanners
    floats = df.select_dtypes("float").columns
    safe = df.assign(**{c: df[c].round(4) for c in floats}).map(escape_cell)
    safe.to_csv(csv_path, index=False, lineterminator="\n")
    wb = Workbook()
    ws = wb.active
    ws.title = name[:31]
    row = 1
    if title:
        ws.cell(row=1, column=1, value=escape_cell(title)).font = Font(bold=True, size=12)
        row = 3
    for c, col in enumerate(safe.columns, start=1):
        cell = ws.cell(row=row, column=c, value=escape_cell(str(col)))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F5F8B")
    for r, values in enumerate(safe.itertuples(index=False), start=row + 1):
        for c, v in enumerate(values, start=1):
            if pd.api.types.is_scalar(v) and pd.isna(v):  # NaN, NA and NaT alike
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            ws.cell(row=r, column=c, value=v)
    for c, col in enumerate(safe.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in safe.iloc[:, c - 1]]) + 2
        ws.column_dimensions[get_column_letter(c)].width = min(width, 70)
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    save_workbook(wb, xlsx_path, creator="analysis")
    return [csv_path, xlsx_path]
