"""Outreach records: legal education, agency coordination, cyber patrols, inspections, raids."""

from __future__ import annotations

import pandas as pd

from analysis.clean.common import Context, Field, Issues, Tables, apply_fields, column_of
from analysis.clean.fields import (
    agencies,
    codes,
    counts,
    dates_in_period,
    districts,
    scrubbed_text,
    sequential_ids,
    unit_names,
)
from analysis.kinds.tables import COLUMNS
from analysis.values.normalise import map_unique


def _session_needs_audience(iss: Issues, out: pd.DataFrame, raw: pd.DataFrame) -> None:
    missing = out["activity_type"].eq("legal_education") & out["audience"].isna()
    iss.add(
        missing & column_of(raw, "audience").isna(),
        "audience",
        "a legal-education session needs its audience",
    )


FIELDS = (
    Field("date", dates_in_period, required=True),
    Field("activity_type", codes, required=True),
    Field("audience", codes, check=_session_needs_audience),
    Field("participants", counts),
    Field("district", districts),
    Field("venue_type", codes),
    Field("partners", agencies),
    Field("platform", codes),
    Field("feature", codes),
    Field("accounts_flagged", counts),
    Field("unit", unit_names),
    Field("notes", scrubbed_text),
)


def clean(ctx: Context) -> Tables:
    """Raw outreach rows -> the outreach table; reject lines go to `ctx.rejects`."""
    out, rejects = clean_outreach(ctx.rows("outreach"), ctx)
    ctx.rejects.append(rejects)
    return {"outreach": out}


def clean_outreach(df: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Raw outreach rows (canonical column names) -> tidy outreach table and rejects."""
    iss = Issues(df, ctx)
    out = iss.kept(apply_fields(iss, df, FIELDS))
    out["aspect"] = map_unique(
        out["activity_type"], ctx.region.codes.activity_aspect.get, dtype="str"
    )
    out["month"] = map_unique(out["date"], lambda d: d and d.strftime("%Y-%m"), dtype="str")
    out["n_partners"] = map_unique(
        out["partners"], lambda v: 0 if v is None or v != v else v.count("; ") + 1
    ).astype("int64")
    # rows stay in source order (files, sheets, rows: already deterministic); ids follow it
    out = out.reset_index(drop=True)
    out["activity_id"] = sequential_ids(len(out), "A")
    return out[COLUMNS["outreach"]], iss.frame()
