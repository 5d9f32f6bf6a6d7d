"""Case records: the police-report register and the dated stage log of each case.

Report numbers are parsed only to check them and to link stages to cases; they never
leave this module. Ages are reduced to bands here, before anything is written.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.clean.common import Context, Field, Issues, Tables, apply_fields, column_of
from analysis.clean.fields import codes, counts, dates_in_period, required, scrubbed_text
from analysis.kinds.tables import COLUMNS
from analysis.values.normalise import (
    age_band,
    is_blank,
    map_unique,
    normalise_statutes,
    parse_ages,
    parse_report_number,
)


def statutes(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Statute citations -> canonical citations; text naming no known law is a reject."""
    out = map_unique(s, normalise_statutes)
    iss.add(
        out.isna() & ~map_unique(s, is_blank).astype(bool),
        column,
        "no known statute recognised",
        "name the law, e.g. 'Pasal 27 ayat (1) UU ITE'",
    )
    return out


BEFORE_AGES = (
    Field("modus", codes, required=True),
    Field("platform", codes),
    Field("victims", counts),
    Field("suspects", counts),
)
AFTER_AGES = (
    Field("victim_sex", codes),
    Field("statutes", statutes),
    Field("status", codes),
    Field("notes", scrubbed_text),
)
STAGE_FIELDS = (
    Field("stage", codes, required=True),
    Field("date", dates_in_period, required=True),
    Field("notes", scrubbed_text),
)


def _key(v: object) -> tuple | None:
    rn = parse_report_number(v)
    return None if rn is None else (rn.model, rn.sequence, rn.roman_month, rn.year)


def _victim_ages(iss: Issues, df: pd.DataFrame, out: pd.DataFrame) -> None:
    """Ages -> whether any victim was a minor, and age bands; the ages themselves are dropped."""
    raw = column_of(df, "victim_age")
    ages = map_unique(raw, parse_ages)
    iss.add(
        ages.isna() & ~map_unique(raw, is_blank).astype(bool),
        "victim_age",
        "victim age could not be read",
        "write the age in years, e.g. 16",
    )
    out["victim_minor"] = ages.map(lambda a: None if a is None else any(x < 18 for x in a))
    out["victim_minor"] = out["victim_minor"].astype("boolean")
    out["victim_age_band"] = ages.map(
        lambda a: (
            None
            if a is None
            else "; ".join(sorted({age_band(x) for x in a}, key=lambda b: ("<" not in b, b)))
        )
    )


def clean(ctx: Context) -> Tables:
    """The register and the stage logs -> cases and case_stages; reject lines go to
    `ctx.rejects`. Report numbers link the two here and go no further."""
    cases, rejects, lp_map = clean_cases(ctx.rows("cases"), ctx)
    ctx.rejects.append(rejects)
    stages, rejects = clean_stages(ctx.rows("case_stages"), ctx, lp_map, cases)
    ctx.rejects.append(rejects)
    return {"cases": cases, "case_stages": stages}


def clean_cases(df: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Register rows -> cases table, rejects, and the private report-number -> case_id map."""
    iss = Issues(df, ctx)
    lp = column_of(df, "report_number")
    blank = required(iss, lp, "report_number")
    parsed = map_unique(lp, parse_report_number)
    iss.add(
        parsed.isna() & ~blank,
        "report_number",
        "not a police report number of the form LP/B/123/X/2024/<unit>",
        "check the slashes, the A/B model and the Roman month",
    )
    out = apply_fields(iss, df, (Field("report_date", dates_in_period, required=True),))
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
    apply_fields(iss, df, BEFORE_AGES, out)
    _victim_ages(iss, df, out)
    apply_fields(iss, df, AFTER_AGES, out)
    out["_key"] = keys
    out["_seq"] = parsed.map(lambda p: -1 if p is None else p.sequence)
    out = iss.kept(out)
    out["year"] = out["report_date"].dt.year.astype("int64")
    out["report_period"] = out["report_date"].dt.strftime("%Y-%m").astype("string")
    out = out.sort_values(["report_date", "_seq"], kind="stable").reset_index(drop=True)
    out["case_id"] = [f"K{i + 1:02d}" for i in range(len(out))]
    lp_map = dict(zip(out["_key"], out["case_id"], strict=True))
    return out[COLUMNS["cases"]], iss.frame(), lp_map


def _before_report(iss: Issues, out: pd.DataFrame, cases: pd.DataFrame) -> None:
    """Reject a stage dated before its case's report date (nothing happens before a report:
    a caught-in-the-act arrest is reported the same day)."""
    reported = out["case_id"].map(dict(zip(cases["case_id"], cases["report_date"], strict=True)))
    early = out["date"].notna() & reported.notna() & (out["date"] < reported)
    iss.add(
        early,
        "date",
        lambda m: (
            "stage '"
            + out["stage"][m].fillna("")
            + "' is dated "
            + out["date"][m].dt.strftime("%Y-%m-%d")
            + ", before the case's report date "
            + pd.to_datetime(reported[m]).dt.strftime("%Y-%m-%d")
        ),
        "check the date; a case cannot move before it is reported (a caught-in-the-act "
        "arrest is reported the same day)",
    )


def clean_stages(
    df: pd.DataFrame,
    ctx: Context,
    lp_map: dict,
    cases: pd.DataFrame | None = None,
    today: dt.date | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage-log rows -> case_stages. Only the impossible is rejected: an unknown stage, a
    date outside the study period or in the future, a stage dated before its case's report
    date. The order of stages is not judged here: the region config lists the orders the
    law allows (`stages.paths`) and the findings show which one each case followed."""
    iss = Issues(df, ctx)
    lp = column_of(df, "report_number")
    blank = required(iss, lp, "report_number")
    case_id = map_unique(lp, lambda v: lp_map.get(_key(v)))
    iss.add(
        case_id.isna() & ~blank,
        "report_number",
        "this report number is not in the case register (or its register row was rejected)",
    )
    out = pd.DataFrame({"case_id": case_id}, index=df.index)
    apply_fields(iss, df, STAGE_FIELDS, out)
    order = ctx.region.codes.stages
    iss.add(
        out["stage"].notna() & ~out["stage"].isin(order),
        "stage",
        lambda m: "stage '" + out["stage"][m] + "' is not one of this region's stages",
        "add it to stages.order in the region config if the law allows it",
    )
    now = pd.Timestamp(today or dt.date.today())
    iss.add(
        out["date"] > now,
        "date",
        lambda m: "stage date " + out["date"][m].dt.strftime("%Y-%m-%d") + " is in the future",
        "check the year",
    )
    if cases is not None and len(cases):
        _before_report(iss, out, cases)
    out["stage_order"] = out["stage"].map({s: i + 1 for i, s in enumerate(order)})
    dup = out["case_id"].notna() & out["stage"].notna() & out.duplicated(["case_id", "stage"])
    iss.add(dup, "stage", "this stage is recorded twice for the same case")
    out = iss.kept(out)
    out["stage_order"] = out["stage_order"].astype("int64")
    out = out.sort_values(["case_id", "date", "stage_order"], kind="stable").reset_index(drop=True)
    # days since the case's report: the stage sequence without calendar dates (shareable tier)
    reported = out["case_id"].map(
        dict(zip(cases["case_id"], cases["report_date"], strict=True)) if cases is not None else {}
    )
    out["days_since_report"] = pd.array(
        (out["date"] - pd.to_datetime(reported)).dt.days, dtype="Int64"
    )
    return out[COLUMNS["case_stages"]], iss.frame()
