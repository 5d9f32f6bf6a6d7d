"""Evaluating claims on the processed tables: `where:` filters, periods and aggregates.

The claims language and its signatures (what a config may write) live in
analysis.region.claims; this module computes what a checked claim says.

Periods (README, "Claims"): weeks run Monday to Sunday and months are calendar months.
Both are clipped to the study period, and a period at the edge of the study period counts
only if at least half of its days, rounded up (4 of a week's 7; 15 or 16 of a month's),
fall inside it. Rows dated in an edge period that does not count are left out of
per-period counts and coverage alike, so they neither fill nor empty a period.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.kinds.tables import DATE_COLUMN, LIST_COLUMNS

# List-valued columns: a `where:` value matches a row whose list contains it.


class ClaimError(ValueError):
    """One problem with one claim; config.py prefixes the file name."""


def _in_region(outreach: pd.DataFrame, region: Any) -> pd.Series:
    inside = set(region.districts)
    return outreach["district"].isna() | outreach["district"].isin(inside)


def case_paths(cases: pd.DataFrame, stages: pd.DataFrame, region: Any) -> pd.DataFrame:
    """Per case: the stages recorded and the path they followed (a name from the config's
    `stages.paths`, 'incomplete' when stages of one allowed path are missing but the rest
    keep its order, or 'out_of_order' when the dates fit no allowed order)."""
    paths: dict[str, list[str]] = region.stage_paths
    rows = []
    by_case = {cid: g for cid, g in stages.groupby("case_id", sort=False)}
    for cid in cases["case_id"]:
        g = by_case.get(cid)
        # days since the report order the stages as the dates do (the shared tier has no dates)
        when = "days_since_report" if "days_since_report" in stages else "date"
        dates = {} if g is None else dict(zip(g["stage"], g[when], strict=True))
        found = None
        for name, seq in paths.items():
            if set(dates) == set(seq) and _ordered(seq, dates):
                found = name
                break
        if found is None:
            partial = any(
                set(dates) < set(seq) and _ordered([s for s in seq if s in dates], dates)
                for seq in paths.values()
            )
            found = "incomplete" if partial or not dates else "out_of_order"
        rows.append({"case_id": cid, "stages_recorded": len(dates), "path": found})
    return pd.DataFrame(rows, columns=["case_id", "stages_recorded", "path"])


def path_notes(cases: pd.DataFrame, stages: pd.DataFrame, region: Any) -> list[str]:
    """One note per case whose stages fit none of the declared paths, naming the paths
    tried: a caught-in-the-act case counts as out_of_order until its path is declared."""
    paths = case_paths(cases, stages, region)
    notes = []
    for cid in paths.loc[paths["path"] == "out_of_order", "case_id"]:
        rows = stages[stages["case_id"] == cid]
        order = rows.sort_values(["date", "source_row"], kind="stable")["stage"]
        notes.append(
            f"case {cid}: its stages in date order ({', '.join(order)}) fit none of the stage "
            f"paths tried ({', '.join(region.stage_paths)}), so its path is out_of_order; if "
            "the law allows this order, add it under stages.paths in the config (README, "
            "'Stage sequences')"
        )
    return notes


def _ordered(seq: list[str], dates: dict[str, Any]) -> bool:
    ds = [dates[s] for s in seq if s in dates]
    return all(a <= b for a, b in zip(ds, ds[1:], strict=False))


def derive(t: dict[str, pd.DataFrame], region: Any) -> dict[str, pd.DataFrame]:
    """The processed tables with the derived columns claims may use (see DERIVED)."""
    out = dict(t)
    o = t["outreach"]
    if "in_region" not in o:
        out["outreach"] = o.assign(in_region=_in_region(o, region))
    c = t["cases"]
    if "path" not in c:
        p = case_paths(c, t["case_stages"], region)
        out["cases"] = c.merge(p, on="case_id", how="left", validate="1:1").set_axis(c.index)
    return out


def _matches(df: pd.DataFrame, table: str, flt: dict[str, Any]) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for col, want in (flt or {}).items():
        s = df[col]
        if isinstance(want, dict):
            num = pd.to_numeric(s, errors="coerce")
            if "at_least" in want:
                mask &= (num >= want["at_least"]).fillna(False).astype(bool)
            if "at_most" in want:
                mask &= (num <= want["at_most"]).fillna(False).astype(bool)
            continue
        values = want if isinstance(want, list) else [want]
        if (table, col) in LIST_COLUMNS:
            wanted = {str(v) for v in values}
            law = col == "statutes"  # `statutes: UU ITE` matches every article of that law
            hit = s.map(lambda x, w=wanted, k=law: isinstance(x, str) and bool(w & _items(x, k)))
            mask &= hit.astype(bool)
        elif s.dtype.kind == "M":
            mask &= s.dt.date.isin([pd.Timestamp(v).date() for v in values])
        else:
            mask &= s.isin(values).fillna(False).astype(bool)
    return mask


def _items(cell: str, law: bool) -> set[str]:
    """The values of a list cell ('a; b'); for statutes also each citation's law."""
    items = set(cell.split("; "))
    return items | {i.split(" Pasal ")[0] for i in items} if law else items


def clip(df: pd.DataFrame, table: str, region: Any) -> pd.DataFrame:
    col = DATE_COLUMN.get(table)
    if col is None:
        return df
    d = df[col]
    inside = (d >= pd.Timestamp(region.start)) & (
        d < pd.Timestamp(region.end) + pd.Timedelta(days=1)
    )
    # a date withheld in the shared tier (k-anonymity) was inside: cleaning rejects the rest
    return df[inside | d.isna()]


def periods(region: Any, period: str) -> pd.DataFrame:
    """The periods a claim counts: start, end (inclusive) and whether each counts (see module
    docstring: at least half of its days, rounded up, inside the study period)."""
    start, end = pd.Timestamp(region.start), pd.Timestamp(region.end)
    if period == "week":
        first = start - pd.Timedelta(days=start.weekday())
        starts = pd.date_range(first, end, freq="7D")
        ends = starts + pd.Timedelta(days=6)
    else:
        starts = pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS")
        ends = starts + pd.offsets.MonthEnd(0)
    rows = []
    for s, e in zip(starts, ends, strict=True):
        total = (e - s).days + 1
        inside = (min(e, end) - max(s, start)).days + 1
        rows.append(
            {
                "period": s.strftime("%Y-%m") if period == "month" else s.strftime("%Y-%m-%d"),
                "start": s,
                "end": e,
                "days_in_study": inside,
                "counts": inside >= math.ceil(total / 2),
            }
        )
    return pd.DataFrame(rows)


def per_period(
    df: pd.DataFrame, table: str, region: Any, period: str, total: str | None = None
) -> pd.Series:
    """Matching rows (or the sum of column `total` over them) per counted period, zeros
    included; edge periods that do not count are dropped with the rows that fall in them."""
    per = periods(region, period)
    per = per[per["counts"]]
    d = df[DATE_COLUMN[table]]
    if period == "week":
        key = (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    else:
        key = d.dt.strftime("%Y-%m")
    got = key.value_counts() if total is None else df[total].groupby(key).sum()
    return pd.Series(
        [int(got.get(p, 0)) for p in per["period"]], index=list(per["period"]), dtype="int64"
    )


def _with_shown(out: dict[str, Any], shown: dict[str, int] | None) -> dict[str, Any]:
    if shown is not None:
        out["shown"] = shown
    return out


def _count(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "count", "value": len(sel), "table": table}
    if table in DATE_COLUMN:
        years = sel[DATE_COLUMN[table]].dt.year.value_counts().sort_index()
        out["per_year"] = {int(k): int(v) for k, v in years.items()}
    return _with_shown(out, _shown(claim, sel, table))


def _sum(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    col = claim["column"]
    out = {
        "kind": "sum",
        "value": int(pd.to_numeric(sel[col], errors="coerce").fillna(0).sum()),
        "column": col,
        "rows": len(sel),
    }
    return _with_shown(out, _shown(claim, sel, table))


def _share(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    base = df[_matches(df, table, claim.get("of") or {})]
    hit = base[_matches(base, table, claim.get("where") or {})]
    out: dict[str, Any] = {
        "kind": "share",
        "value": float(len(hit) / len(base)) if len(base) else 0.0,
        "matching": len(hit),
        "of": len(base),
        "table": table,
    }
    if claim.get("rank_by"):
        out["counts"] = _value_counts(base, table, claim["rank_by"])
        out["rank_by"] = claim["rank_by"]
    _with_shown(out, _shown(claim, hit, table))
    if table == "cases":
        out["not_matching"] = base.loc[~base.index.isin(hit.index), "case_id"].tolist()
    return out


def _per_period(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    per = per_period(sel, table, region, claim["period"])
    return {
        "kind": "per_period",
        "period": claim["period"],
        "per_period": {str(k): int(v) for k, v in per.items()},
        "periods": len(per),
        "min": int(per.min()) if len(per) else 0,
        "max": int(per.max()) if len(per) else 0,
    }


def _coverage(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    per = per_period(sel, table, region, claim["period"])
    return {
        "kind": "coverage",
        "period": claim["period"],
        "value": float((per > 0).mean()) if len(per) else 0.0,
        "periods": len(per),
        "missing": [str(k) for k, v in per.items() if v == 0],
    }


def _values(
    claim: dict[str, Any], df: pd.DataFrame, sel: pd.DataFrame, table: str, region: Any
) -> dict[str, Any]:
    counts = _value_counts(sel, table, claim["column"])
    return {"kind": "values", "column": claim["column"], "values": sorted(counts), "counts": counts}


# One evaluator per aggregate in analysis.region.claims.AGGREGATES: (claim, clipped table, matching
# rows, table name, region) -> the result dict findings.py reads.
_EVALUATORS = {
    "count": _count,
    "sum": _sum,
    "share": _share,
    "per_period": _per_period,
    "coverage": _coverage,
    "values": _values,
}


def compute(claim: dict[str, Any], t: dict[str, pd.DataFrame], region: Any) -> dict[str, Any]:
    """Evaluate one claim's aggregate on derived tables; return a dict describing the result."""
    table, agg = claim["table"], claim["aggregate"]
    evaluate = _EVALUATORS.get(agg)
    if evaluate is None:  # config validation makes this unreachable
        raise ClaimError(f"unknown aggregate {agg!r}")
    df = clip(t[table], table, region)
    sel = df[_matches(df, table, claim.get("where") or {})]
    return evaluate(claim, df, sel, table, region)


def _shown(claim: dict[str, Any], rows: pd.DataFrame, table: str) -> dict[str, int] | None:
    return _value_counts(rows, table, claim["show"]) if claim.get("show") else None


def _value_counts(df: pd.DataFrame, table: str, col: str) -> dict[str, int]:
    s = df[col].dropna()
    if (table, col) in LIST_COLUMNS:
        s = s.astype(str).str.split("; ").explode()
    vc = s.astype(str).value_counts()
    vc = vc.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return {str(k): int(v) for k, v in vc.items()}
