"""Outreach records: legal education, agency coordination, cyber patrols, inspections, raids."""

from __future__ import annotations

import pandas as pd

from analysis.cleaning.common import (
    PROVENANCE,
    Context,
    Issues,
    agencies,
    counts,
    dates,
    districts,
    labels,
    sequential_ids,
    text,
)
from analysis.normalise import map_unique
from analysis.privacy import scrub_series

ASPECT_OF = {
    "legal_education": "preemptive",
    "agency_coordination": "preemptive",
    "cyber_patrol": "preventive",
    "lodging_inspection": "preventive",
    "raid": "preventive",
    "other": "preventive",
}
COLUMNS = [
    "activity_id",
    "date",
    "month",
    "aspect",
    "activity_type",
    "audience",
    "participants",
    "district",
    "venue_type",
    "partners",
    "n_partners",
    "platform",
    "feature",
    "accounts_flagged",
    "unit",
    "notes",
    *PROVENANCE,
]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df else pd.Series(None, index=df.index, dtype=object)


def clean(df: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Raw outreach rows (canonical column names) -> tidy outreach table and rejects."""
    iss = Issues(df, ctx)
    r = ctx.region
    out = pd.DataFrame(index=df.index)
    out["date"] = dates(iss, _col(df, "date"), "date", True, (r.start, r.end))
    out["activity_type"] = labels(
        iss, _col(df, "activity_type"), "activity_type", "activity_type", True
    )
    out["audience"] = labels(iss, _col(df, "audience"), "audience", "audience", False)
    needs_audience = out["activity_type"].eq("legal_education") & out["audience"].isna()
    iss.add(
        needs_audience & _col(df, "audience").isna(),
        "audience",
        "a legal-education session needs its audience",
    )
    out["participants"] = counts(iss, _col(df, "participants"), "participants")
    out["district"] = districts(iss, _col(df, "district"), "district")
    out["venue_type"] = labels(iss, _col(df, "venue_type"), "venue_type", "venue_type", False)
    out["partners"] = agencies(iss, _col(df, "partners"), "partners")
    out["platform"] = labels(iss, _col(df, "platform"), "platform", "platform", False)
    out["feature"] = labels(iss, _col(df, "feature"), "feature", "feature", False)
    out["accounts_flagged"] = counts(iss, _col(df, "accounts_flagged"), "accounts_flagged")
    out["unit"] = text(_col(df, "unit"))
    out["notes"] = scrub_series(text(_col(df, "notes")))
    for c in PROVENANCE:
        out[c] = df[c]
    out = iss.kept(out)
    out["aspect"] = map_unique(out["activity_type"], ASPECT_OF.get, dtype="str")
    out["month"] = map_unique(out["date"], lambda d: d and d.strftime("%Y-%m"), dtype="str")
    out["n_partners"] = map_unique(
        out["partners"], lambda v: 0 if v is None or v != v else v.count("; ") + 1
    ).astype("int64")
    # rows stay in source order (files, sheets, rows: already deterministic); ids follow it
    out = out.reset_index(drop=True)
    out["activity_id"] = sequential_ids(len(out), "A")
    return out[COLUMNS], iss.frame()
