"""Report tables as HTML in the reader's language: which label heads each column, which
columns hold codes, and how numbers and dates are written (analysis.nbsupport shows them,
analysis.frontpage and the notebooks reuse them)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from analysis.labels import LABELS, num, t
from analysis.report.headers import HEADERS


@cache
def _header_aliases() -> dict[str, str]:
    import csv
    from importlib import resources

    with resources.files("analysis.aliases").joinpath("headers.csv").open(encoding="utf-8") as fh:
        return {r["alias"].casefold(): r["column"] for r in csv.DictReader(fh)}


def column_label(name: str, lang: str) -> str:
    """A column a reject names (the source's own header or a canonical name) in the
    reader's language: the header is mapped to its column, the column to its label."""
    col = _header_aliases().get(str(name).strip().casefold(), str(name))
    for key in (HEADERS.get(col, ""), f"h_{col}", col):
        if key in LABELS:
            return t(key, lang)
    return str(name)


def render_table(df: pd.DataFrame, lang: str = "en") -> str:
    """An HTML table in a box that scrolls sideways when the table is wider than the page;
    numbers as the language writes them (whole numbers from 10,000 up get separators, so
    years stay as they are)."""
    df = df.astype(object).where(df.notna(), "–")  # pd.NA would print as "<NA>"
    df = df.map(lambda v: _cell(v, lang))
    body = df.to_html(
        index=not isinstance(df.index, pd.RangeIndex),
        border=0,
        classes="dataframe report-table",
        na_rep="–",
        escape=True,
    )
    return f'<div class="table-scroll" style="overflow-x:auto;max-width:100%">{body}</div>'


def _cell(v: Any, lang: str) -> Any:
    import datetime as dt

    from analysis.values.dates import long_date

    if isinstance(v, bool):
        return v
    if isinstance(v, int) or (hasattr(v, "dtype") and "int" in str(getattr(v, "dtype", ""))):
        return num(int(v), lang, 0) if abs(int(v)) >= 10_000 else str(int(v))
    if isinstance(v, float):
        return num(v, lang, 0) if v.is_integer() and abs(v) >= 10_000 else num(v, lang)
    if isinstance(v, (dt.date, pd.Timestamp)):
        return long_date(v, lang)
    return v
