"""Two tiers of case tables: record-level for the researcher, k-anonymous for sharing.

The cleaned `cases` and `case_stages` keep exact dates, age bands and counts; they are
written only to data/private/<slug>/. What reaches data/processed/ (and so the reports and
every export) is generalised as statistical disclosure control practises it (sdcMicro,
ARX): first always (a report month instead of a day, stage dates as days since the report),
then step by step while the smallest class of cases sharing the same quasi-identifiers
(`kinds.tables.QUASI_IDENTIFIERS`) is below `privacy.k`: the age band to minor/adult, the victims
count to 1 / 2 or more, the report month to a quarter, then a year, then withheld; last,
suppression column by column, first only in the cases of the too-small classes, else in
all. No case is dropped, so counts of cases stay true. Every step, the cells it changed and
the k before and after are recorded (manifest.json, datapackage.json, the codebook page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.privacy.kanon import (
    class_sizes,
    k_anonymity,
    l_diversity,
    quasi_identifiers,
    shown_quasi_identifiers,
)
from analysis.vocab import CASE_KEY

Step = tuple[str, str, Callable[[pd.DataFrame], pd.DataFrame]]


def _withhold(col: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def f(df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        out[col] = pd.Series(pd.NA, index=out.index, dtype=_nullable(out[col]))
        return out

    return f


def _nullable(s: pd.Series) -> Any:
    """A dtype of the column that can hold a missing value."""
    kind = s.dtype.kind
    if kind == "M":
        return "datetime64[us]"
    return {"i": "Int64", "u": "Int64", "b": "boolean"}.get(kind, s.dtype)


def _period(fmt: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def f(df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        month = pd.to_datetime(out["report_period"], format="%Y-%m", errors="coerce")
        text = month.dt.year.astype("string")
        if fmt == "quarter":
            text = text + "-Q" + month.dt.quarter.astype("string")
        out["report_period"] = text.where(month.notna(), out["report_period"]).astype("string")
        return out

    return f


def _top_code_victims(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["victims"] = out["victims"].clip(upper=2).astype("Int64")
    return out


# the generalisation ladder, least loss first; each step applies while k is below target
LADDER: list[Step] = [
    (
        "victim_age_band",
        "age band withheld (minor/adult stays in victim_minor)",
        _withhold("victim_age_band"),
    ),
    ("victims", "victims count top-coded: 2 means 2 or more", _top_code_victims),
    ("report_period", "report month generalised to its quarter", _period("quarter")),
    ("report_period", "report quarter generalised to its year", _period("year")),
    ("report_period", "report year withheld", _withhold("report_period")),
    ("year", "year withheld", _withhold("year")),
]
# suppression order once generalising is not enough: least use to the claims first
SUPPRESS = [
    "victims",
    "victim_minor",
    "victim_sex",
    "district",
    "platform",
    "statutes",
    "modus",
]


def _cells(before: pd.DataFrame, after: pd.DataFrame, col: str) -> int:
    a, b = before[col].astype("string"), after[col].astype("string")
    return int((a.fillna("\ue000") != b.fillna("\ue000")).sum())


def _local(df: pd.DataFrame, col: str, k: int) -> pd.DataFrame:
    """Withhold `col` only in the cases whose class is smaller than k."""
    sizes = class_sizes(df, quasi_identifiers(df.columns))
    small = df[CASE_KEY].map(sizes).fillna(0) < k
    out = df.copy()
    out[col] = out[col].astype(_nullable(out[col])).mask(small.to_numpy())
    return out


def anonymise_cases(cases: pd.DataFrame, k: int) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Generalise, then suppress, until every case shares its quasi-identifiers with k-1 others."""
    steps: list[dict[str, Any]] = []
    df = cases.copy()
    base = _withhold("report_date")(df)
    steps.append(
        {
            "column": "report_date",
            "step": "report day withheld (report_period keeps the month)",
            "cells": _cells(df, base, "report_date"),
            "always": True,
        }
    )
    df = base

    def k_now(d: pd.DataFrame) -> int:
        return k_anonymity(d) or k  # None: no quasi-identifier left to tell cases apart

    reached = k_now(df)  # of df, carried from step to step rather than measured again
    for col, what, apply in LADDER:
        if df.empty or reached >= k or col not in df.columns:
            continue
        new = apply(df)
        reached = k_now(new)
        steps.append(
            {"column": col, "step": what, "cells": _cells(df, new, col), "k_after": reached}
        )
        df = new
    for col in SUPPRESS:
        if df.empty or reached >= k or col not in df.columns:
            continue
        few = df[CASE_KEY].nunique() < k  # fewer cases than k: every shown value must go
        if not few and df[col].astype("string").fillna("\ue000").nunique() < 2:
            continue  # one value for every case: withholding it separates no one
        new = _local(df, col, k)
        how, reached = "withheld in the cases of classes smaller than k", k_now(new)
        if reached < k:
            new, how = _withhold(col)(df), "withheld in every case"
            reached = k_now(new)
        steps.append(
            {"column": col, "step": how, "cells": _cells(df, new, col), "k_after": reached}
        )
        df = new
    return df, steps


def anonymise_stages(stages: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Stage dates withheld: order and days since the report carry the sequence (claim C8)."""
    new = _withhold("date")(stages)
    return new, [
        {
            "column": "date",
            "step": "stage dates withheld (days_since_report keeps the gaps)",
            "cells": _cells(stages, new, "date"),
            "always": True,
        }
    ]


def shareable_tier(
    tables: dict[str, pd.DataFrame], k: int
) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """The tables that may be shared, and the record of what was changed and the k reached."""
    out = dict(tables)
    report: dict[str, Any] = {"k_target": k, "tables": {}}
    out["cases"], case_steps = anonymise_cases(tables["cases"], k)
    out["case_stages"], stage_steps = anonymise_stages(tables["case_stages"])
    for name, steps in (("cases", case_steps), ("case_stages", stage_steps)):
        before, after = tables[name], out[name]
        report["tables"][name] = {
            "cases": int(before[CASE_KEY].nunique()) if len(before) else 0,
            "quasi_identifiers": quasi_identifiers(before.columns),
            "k_before": k_anonymity(before),
            "k_after": k_anonymity(after),
            "shown_after": shown_quasi_identifiers(after),
            "steps": steps,
        }
    qi = shown_quasi_identifiers(out["cases"])
    report["tables"]["cases"]["l_diversity_status"] = l_diversity(out["cases"], qi, "status")
    report["note"] = (
        "k = the fewest cases sharing one combination of quasi-identifier values (a withheld "
        "value matches only another withheld one; k is null when a table shows no "
        "quasi-identifier at all, as it must when it holds fewer than k cases); the "
        "record-level tables stay in data/private/<region>/"
    )
    return out, report
