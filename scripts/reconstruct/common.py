"""What every reconstruction shares: planted-problem bookkeeping, field dates, file writing.

Generators take one `random.Random` and must draw from it in a fixed order, so the same seed
gives the same bytes; every helper here that draws says so.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from analysis.region.workbook import save_workbook
from analysis.values.dates import format_date

# Clock hours a clerk writes after the date in the timed styles (drawn after the style).
HOURS = {"long_wita": (9, 10, 14), "wita": (19, 20, 21)}


def load_story(path: Path) -> dict[str, Any]:
    """The invented story of one region, as written in its YAML file."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class Planted:
    """Collects the problems and identifiers planted on purpose, for the tests."""

    def __init__(self) -> None:
        self.problems: list[dict[str, object]] = []
        self.identifiers: list[tuple[str, str]] = []

    def problem(
        self, pid: str, file: str, sheet: str, row: int, column: str, kind: str, what: str
    ) -> None:
        self.problems.append(
            {
                "problem_id": pid,
                "file": file,
                "sheet": sheet,
                "row": row,
                "column": column,
                "kind": kind,
                "description": what,
            }
        )

    def ident(self, kind: str, value: str) -> str:
        if (kind, value) not in self.identifiers:
            self.identifiers.append((kind, value))
        return value

    def write(self, out: Path) -> None:
        """planted_problems.csv and planted_identifiers.csv beside the kind folders."""
        with (out / "planted_problems.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(self.problems[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(self.problems)
        with (out / "planted_identifiers.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["kind", "value"])
            w.writerows(self.identifiers)


def field_date(d: dt.date, rng: random.Random, styles: Sequence[str]) -> object:
    """A date the way a field officer might write it, in one of `styles` (drawn from rng).

    "cell" is a real Excel date cell; every other style is analysis.values.dates.format_date's, and
    the timed ones draw their hour from HOURS after the style.
    """
    style = rng.choice(styles)
    if style == "cell":
        return dt.datetime(d.year, d.month, d.day)
    hour = rng.choice(HOURS[style]) if style in HOURS else None
    return format_date(d, style, hour=hour)


def months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """(year, month) for every month from start to end, both included."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def distinct_days(rng: random.Random, y: int, m: int, n: int, weekdays_only: bool) -> list[dt.date]:
    """n different days of one month, sorted (drawn from rng)."""
    last = calendar.monthrange(y, m)[1]
    days = [dt.date(y, m, d) for d in range(1, last + 1)]
    if weekdays_only:
        days = [d for d in days if d.weekday() < 5]
    return sorted(rng.sample(days, n))


class Writer:
    """Writes one region's files under `out`: workbooks with a fixed creator and an about sheet."""

    def __init__(self, out: Path, creator: str, about: list[str], seed: int) -> None:
        self.out = out
        self.creator = creator
        self.about = [line.format(seed=seed) for line in about]

    def workbook(self, extra: list[str]) -> Workbook:
        """A new workbook whose first sheet, "tentang", says what the file is."""
        wb = Workbook()
        ws = wb.active
        ws.title = "tentang"
        for i, line in enumerate([*self.about, "", *extra], start=1):
            ws.cell(row=i, column=1, value=line)
        ws["A1"].font = Font(bold=True)
        ws.column_dimensions["A"].width = 100
        return wb

    def save(self, wb: Workbook, fname: str) -> None:
        """Save with fixed timestamps so two runs give the same bytes."""
        save_workbook(wb, self.out / fname, creator=self.creator)

    def csv(self, fname: str, header: list[str], rows: list[list[object]]) -> None:
        """A CSV with the byte-order mark Excel writes."""
        path = self.out / fname
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def write_table(
    ws: Worksheet, header: list[str], rows: Sequence[Sequence[object]], title: str | None
) -> int:
    """Write header and rows; return the Excel row number of the first data row."""
    r = 1
    if title:
        ws.cell(row=1, column=1, value=title).font = Font(bold=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
        r = 3  # title, an empty spacer row, then the header
    for c, h in enumerate(header, start=1):
        ws.cell(row=r, column=c, value=h).font = Font(bold=True)
    for i, row in enumerate(rows, start=r + 1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=i, column=c, value=v)
    return r + 1
