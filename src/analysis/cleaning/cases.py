"""Case records: the police-report register and the dated stage log of each case.

Report numbers are parsed only to check them and to link stages to cases; they never
leave this module. Ages are reduced to bands here, before anything is written.
"""

from __future__ import annotations

import pandas as pd

from analysis.cleaning.common import (
    PROVENANCE,
    Context,
    Issues,
    counts,
    dates,
    labels,
    required,
    text,
)
from analysis.normalise import (
    age_band,
    is_blank,
    map_unique,
    normalise_statutes,
    parse_ages,
    parse_report_number,
)
from analysis.privacy import scrub_series

STAGES = [
    "report",
    "inquiry",
    "investigation",
    "arrest",
    "detention",
    "search",
    "seizure",
    "prosecutor_handover",
]
CASE_COLUMNS = [
    "case_id",
    "report_model",
    "report_date",
    "year",
    "modus",
    "platform",
    "victims",
    "victim_minor",
    "victim_age_band",
    "victim_sex",
    "suspects",
    "statutes",
    "status",
    "notes",
    *PROVENANCE,
]
STAGE_COLUMNS = ["case_id", "stage", "stage_order", "date", "notes", *PROVENANCE]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df else pd.Series(None, index=df.index, dtype=object)


def _key(v: object) -> tuple | None:
    rn = parse_report_number(v)
    return None if rn is None else (rn.model, rn.sequence, rn.roman_month, rn.year)


def clean_cases(df: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Register rows -> cases table, rejects, and the private report-number -> case_id map."""
    iss = Issues(df, ctx)
    r = ctx.region
    lp = _col(df, "report_number")
    blank = required(iss, lp, "report_number")
    parsed = map_unique(lp, parse_report_number)
    iss.add(
        parsed.isna() & ~blank,
        "report_number",
        "not a police report number of the form LP/B/123/X/2024/<unit>",
        "check the slashes, the A/B model and the Roman month",
    )
    out = pd.DataFrame(index=df.index)
    out["report_date"] = dates(iss, _col(df, "report_date"), "report_date", True, (r.start, r.end))
    mism = pd.Series(
        [
            p is not None and not pd.isna(d) and (p.month, p.year) != (d.month, d.year)
            for p, d in zip(parsed, out["report_date"], strict=True)
        ],
        index=df.index,
        dtype=bool,
    )
    iss.add(
        mism,
        "report_number",
        "the report number's Roman month and year do not match the report date",
        "check the report date; the number is never used to infer it",
    )
    keys = map_unique(lp, _key)
    dup = keys.notna() & keys.duplicated(keep="first")
    iss.add(dup, "report_number", "the same police report appears twice in the register")
    out["report_model"] = parsed.map(lambda p: None if p is None else p.model)
    out["modus"] = labels(iss, _col(df, "modus"), "modus", "modus", True)
    out["platform"] = labels(iss, _col(df, "platform"), "platform", "platform", False)
    out["victims"] = counts(iss, _col(df, "victims"), "victims")
    out["suspects"] = counts(iss, _col(df, "suspects"), "suspects")
    ages_raw = _col(df, "victim_age")
    ages = map_unique(ages_raw, parse_ages)
    iss.add(
        ages.isna() & ~map_unique(ages_raw, is_blank).astype(bool),
        "victim_age",
        "victim age could not be read",
        "write the age in years, e.g. 16",
    )
    out["victim_minor"] = ages.map(lambda a: None if a is None else any(x < 18 for x in a)).astype(
        "boolean"
    )
    out["victim_age_band"] = ages.map(
        lambda a: (
            None
            if a is None
            else "; ".join(sorted({age_band(x) for x in a}, key=lambda b: ("<" not in b, b)))
        )
    )
    out["victim_sex"] = labels(iss, _col(df, "victim_sex"), "victim_sex", "victim_sex", False)
    st_raw = _col(df, "statutes")
    out["statutes"] = map_unique(st_raw, normalise_statutes)
    iss.add(
        out["statutes"].isna() & ~map_unique(st_raw, is_blank).astype(bool),
        "statutes",
        "no known statute recognised",
        "name the law, e.g. 'Pasal 27 ayat (1) UU ITE'",
    )
    out["status"] = labels(iss, _col(df, "status"), "status", "status", False)
    out["notes"] = scrub_series(text(_col(df, "notes")))
    for c in PROVENANCE:
        out[c] = df[c]
    out["_key"] = keys
    out["_seq"] = parsed.map(lambda p: -1 if p is None else p.sequence)
    out = iss.kept(out)
    out["year"] = out["report_date"].dt.year.astype("int64")
    out = out.sort_values(["report_date", "_seq"], kind="stable").reset_index(drop=True)
    out["case_id"] = [f"K{i + 1:02d}" for i in range(len(out))]
    lp_map = dict(zip(out["_key"], out["case_id"], strict=True))
    return out[CASE_COLUMNS], iss.frame(), lp_map


def clean_stages(df: pd.DataFrame, ctx: Context, lp_map: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage-log rows -> case_stages; dates out of stage order are rejected, never fixed."""
    iss = Issues(df, ctx)
    lp = _col(df, "report_number")
    blank = required(iss, lp, "report_number")
    case_id = map_unique(lp, lambda v: lp_map.get(_key(v)))
    iss.add(
        case_id.isna() & ~blank,
        "report_number",
        "this report number is not in the case register (or its register row was rejected)",
    )
    out = pd.DataFrame(index=df.index)
    out["case_id"] = case_id
    out["stage"] = labels(iss, _col(df, "stage"), "stage", "stage", True)
    out["date"] = dates(iss, _col(df, "date"), "date", True, None)
    out["notes"] = scrub_series(text(_col(df, "notes")))
    for c in PROVENANCE:
        out[c] = df[c]
    out["stage_order"] = out["stage"].map({s: i + 1 for i, s in enumerate(STAGES)})
    dup = out["case_id"].notna() & out["stage"].notna() & out.duplicated(["case_id", "stage"])
    iss.add(dup, "stage", "this stage is recorded twice for the same case")
    ok = out.loc[~iss.bad].sort_values(["case_id", "stage_order"])
    prev_date = ok.groupby("case_id")["date"].cummax().groupby(ok["case_id"]).shift(1)
    prev_stage = ok.groupby("case_id")["stage"].shift(1)
    early = ok["date"] < prev_date
    msg = (
        "stage '"
        + ok["stage"]
        + "' is dated "
        + ok["date"].dt.strftime("%Y-%m-%d")
        + ", before an earlier stage ("
        + prev_stage.fillna("")
        + ")"
    )
    iss.add(
        early.reindex(out.index, fill_value=False),
        "date",
        msg.reindex(out.index),
        "check the date; stage order is never corrected silently",
    )
    out = iss.kept(out)
    out["stage_order"] = out["stage_order"].astype("int64")
    out = out.sort_values(["case_id", "stage_order"], kind="stable").reset_index(drop=True)
    return out[STAGE_COLUMNS], iss.frame()
