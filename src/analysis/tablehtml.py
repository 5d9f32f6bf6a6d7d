"""Report tables as HTML in the reader's language: which label heads each column, which
columns hold codes, and how numbers and dates are written (analysis.nbsupport shows them,
analysis.frontpage and the notebooks reuse them)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from analysis.labels import LABELS, num, t

# which label translates each column header, and which columns hold codes to translate
HEADERS = {
    "kind": "h_kind",
    "file": "h_file",
    "sheet": "h_sheet",
    "table": "h_table",
    "rows": "h_rows",
    "rows_read": "h_rows_read",
    "rows_kept": "h_rows_kept",
    "rows_rejected": "h_rows_rejected",
    "rows_duplicate": "h_rows_duplicate",
    "blank_rows_skipped": "h_blank_rows",
    "source_file": "h_file",
    "source_sheet": "h_sheet",
    "source_row": "h_source_row",
    "column": "h_column",
    "problem": "h_problem",
    "suggestion": "h_suggestion",
    "outcome": "h_outcome",
    "partner": "h_partner",
    "venue_type": "h_venue",
    "sessions": "h_sessions",
    "inspections": "h_inspections",
    "district": "h_district",
    "year": "h_year",
    "months_observed": "h_months_observed",
    "partial": "h_partial",
    "reports": "h_reports",
    "rate_per_year": "h_rate",
    "ci_low": "h_ci_low",
    "ci_high": "h_ci_high",
    "modus": "h_modus",
    "cases": "h_cases",
    "share": "h_share",
    "case_id": "h_case",
    "stage": "h_stage",
    "date": "h_date",
    "days_since_previous": "h_gap",
    "days": "h_days",
    "handed_over": "h_handed_over",
    "law": "h_law",
    "citations": "h_citations",
    "victim": "h_victim",
    "informant_id": "h_informant",
    "role": "h_role",
    "organisation_type": "h_organisation",
    "aspect": "h_aspect",
    "theme": "h_theme",
    "segments": "h_segments",
    "coded_k1": "h_coded_k1",
    "coded_k2": "h_coded_k2",
    "kappa": "h_kappa",
    "interval": "h_interval",
    "recommendation": "h_recommendation",
    "themes": "h_themes",
    "informants": "h_informants",
    "total": "total",
    "activity_type": "h_activity",
    "platform": "h_platform",
    "partners": "h_partners",
    "records": "h_records",
    "accounts": "h_accounts",
    "audience": "h_audience",
}
CODED = {
    "kind",
    "table",
    "outcome",
    "venue_type",
    "modus",
    "stage",
    "victim",
    "role",
    "organisation_type",
    "aspect",
    "theme",
    "interval",
    "audience",
    "activity_type",
    "platform",
}


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

    from analysis.dates import long_date

    if isinstance(v, bool):
        return v
    if isinstance(v, int) or (hasattr(v, "dtype") and "int" in str(getattr(v, "dtype", ""))):
        return num(int(v), lang, 0) if abs(int(v)) >= 10_000 else str(int(v))
    if isinstance(v, float):
        return num(v, lang, 0) if v.is_integer() and abs(v) >= 10_000 else num(v, lang)
    if isinstance(v, (dt.date, pd.Timestamp)):
        return long_date(v, lang)
    return v
