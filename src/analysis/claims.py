"""The claims language: a study's quantitative findings written as data in the region config.

A claim names a table, an optional `where:` filter and one aggregate with its own
parameters; the findings engine (analysis.findings) evaluates it against the processed
tables. Every parameter is checked against the aggregate's signature when the config is
loaded, so a key the aggregate would not use is an error instead of being ignored.

Periods (README, "Claims"): weeks run Monday to Sunday and months are calendar months.
Both are clipped to the study period, and a period at the edge of the study period counts
only if at least half of its days, rounded up (4 of a week's 7; 15 or 16 of a month's),
fall inside it. Rows dated in an edge period that does not count are left out of
per-period counts and coverage alike, so they neither fill nor empty a period.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

SCALAR_EXPECT = ("equals", "greater_than", "at_least", "at_most", "between")
PERIODS = ("month", "week")
META_KEYS = ("id", "aspect", "statement", "statement_id", "source", "expected")
LANGUAGE_KEYS = ("table", "where", "aggregate")


@dataclass(frozen=True)
class Aggregate:
    """The signature of one aggregate: its required and optional keys, what it may expect."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    expect: tuple[str, ...]
    doc: str


AGGREGATES: dict[str, Aggregate] = {
    "count": Aggregate((), ("show",), SCALAR_EXPECT, "number of matching rows"),
    "sum": Aggregate(
        ("column",), ("show",), SCALAR_EXPECT, "sum of a numeric column over matching rows"
    ),
    "share": Aggregate(
        (),
        ("of", "rank_by", "show"),
        (*SCALAR_EXPECT, "top_includes"),
        "matching rows / rows matching `of` (all rows when `of` is absent)",
    ),
    "per_period": Aggregate(
        ("period",), (), ("each_between",), "matching rows in every month or week"
    ),
    "coverage": Aggregate(
        ("period",), (), SCALAR_EXPECT, "share of months or weeks with at least one matching row"
    ),
    "values": Aggregate(
        ("column",), (), ("includes", "excludes"), "the distinct values of a column"
    ),
}

# Columns derived from the processed tables for claims (and notebooks), beside the stored ones.
DERIVED = {
    "outreach": {"in_region": "bool"},
    "cases": {"path": "str", "stages_recorded": "int"},
}
# List-valued columns: a `where:` value matches a row whose list contains it.
LIST_COLUMNS = {("outreach", "partners"), ("cases", "statutes"), ("cases", "victim_age_band")}
DATE_COLUMN = {"outreach": "date", "cases": "report_date", "case_stages": "date"}
PATH_OTHER = ("incomplete", "out_of_order")
COMPARISONS = ("at_least", "at_most")


class ClaimError(ValueError):
    """One problem with one claim; config.py prefixes the file name."""


def table_columns(table: str) -> dict[str, str]:
    """Canonical column -> dtype name for one processed table, derived columns included."""
    from analysis.schemas import SCHEMAS

    cols = {name: str(col.dtype) for name, col in SCHEMAS[table].columns.items()}
    cols.update(DERIVED.get(table, {}))
    return cols


def tables() -> list[str]:
    from analysis.schemas import SCHEMAS

    return list(SCHEMAS)


def _numeric(dtype: str) -> bool:
    return dtype.lower().startswith(("int", "float", "uint")) or dtype == "int"


def _suggest(word: Any, known: list[str]) -> str:
    hits = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.5)
    return f"; did you mean {hits[0]!r}?" if hits else f" (known: {', '.join(map(str, known))})"


def _is_scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, dt.date))


def known_values(region: Any, table: str, column: str) -> list[str] | None:
    """The values a `where:` filter may name for a categorical column; None for free columns."""
    from analysis.lookup import Vocabulary

    vocab = Vocabulary(region.extra_aliases("labels"), region.extra_aliases("agencies"))
    field = {
        ("outreach", "activity_type"): "activity_type",
        ("outreach", "audience"): "audience",
        ("outreach", "venue_type"): "venue_type",
        ("outreach", "platform"): "platform",
        ("outreach", "feature"): "feature",
        ("cases", "modus"): "modus",
        ("cases", "platform"): "platform",
        ("cases", "victim_sex"): "victim_sex",
        ("cases", "status"): "status",
        ("case_stages", "stage"): "stage",
        ("informants", "role"): "role",
        ("informants", "organisation_type"): "organisation_type",
        ("segment_codes", "aspect"): "aspect",
        ("segment_codes", "theme"): "theme",
    }.get((table, column))
    if field:
        return sorted(vocab.codes.get(field, set()))
    if (table, column) == ("outreach", "partners"):
        return sorted(set(vocab.agencies.values()))
    if (table, column) == ("outreach", "district"):
        return sorted(set(region.district_aliases.values()))
    if (table, column) == ("outreach", "aspect"):
        return ["preemptive", "preventive"]
    if (table, column) == ("cases", "path"):
        return [*region.stage_paths, *PATH_OTHER]
    if (table, column) == ("cases", "report_model"):
        return ["A", "B"]
    return None


def _check_filter(
    region: Any, table: str, flt: Any, key: str, cols: dict[str, str], errors: list[str]
) -> None:
    if not isinstance(flt, dict):
        errors.append(f"key '{key}': expected a mapping of column: value(s)")
        return
    for col, want in flt.items():
        k = f"{key}.{col}"
        if col not in cols:
            errors.append(
                f"key '{k}': table {table!r} has no column {col!r}{_suggest(col, list(cols))}"
            )
            continue
        if isinstance(want, dict):
            bad = [op for op in want if op not in COMPARISONS]
            if not _numeric(cols[col]):
                errors.append(f"key '{k}': comparisons need a numeric column ({col} is not)")
            elif bad or not want:
                errors.append(
                    f"key '{k}': use a value, a list of values, or one of "
                    f"{', '.join(COMPARISONS)} with a number"
                )
            elif not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) for x in want.values()
            ):
                errors.append(f"key '{k}': a comparison needs a single number")
            continue
        values = want if isinstance(want, list) else [want]
        if not values:
            errors.append(f"key '{k}': the list of values is empty")
            continue
        for v in values:
            if not _is_scalar(v):
                errors.append(f"key '{k}': expected a value or a list of values, got {v!r}")
                break
        else:
            known = known_values(region, table, col)
            if known is not None:
                for v in values:
                    if str(v) not in known:
                        errors.append(f"key '{k}': unknown value {v!r}{_suggest(v, known)}")
            elif cols[col] in ("bool", "boolean"):
                for v in values:
                    if not isinstance(v, bool):
                        errors.append(f"key '{k}': expected true or false, got {v!r}")


def _check_expected(agg: str, exp: Any, key: str, errors: list[str]) -> None:
    from analysis.normalise import parse_range

    if not isinstance(exp, dict) or not exp:
        errors.append(f"key '{key}': expected a non-empty mapping")
        return
    allowed = AGGREGATES[agg].expect
    for name, want in exp.items():
        k = f"{key}.{name}"
        if name not in allowed:
            errors.append(
                f"key '{k}' is not an expectation aggregate {agg!r} can check "
                f"(it can check: {', '.join(allowed)})"
            )
        elif name in ("equals", "greater_than", "at_least", "at_most"):
            if isinstance(want, bool) or not isinstance(want, (int, float)):
                errors.append(f"key '{k}': expected a single number, got {want!r}")
        elif name in ("between", "each_between"):
            if parse_range(want) is None and not (
                name == "between"
                and isinstance(want, list)
                and len(want) == 2
                and all(isinstance(x, (int, float)) for x in want)
            ):
                errors.append(
                    f"key '{k}': expected a range such as \"2–4\" or [2, 4], got {want!r}"
                )
        elif name in ("includes", "excludes", "top_includes"):
            if not isinstance(want, list) or not all(_is_scalar(x) for x in want):
                errors.append(f"key '{k}': expected a list of values, got {want!r}")


def validate_claim(region: Any, claim: dict[str, Any], key: str, errors: list[str]) -> None:
    """Check one claim against its aggregate's signature; append 'key ...' messages."""
    agg = claim.get("aggregate")
    if agg is None:
        errors.append(f"key '{key}.aggregate' is missing (one of: {', '.join(AGGREGATES)})")
        return
    if not isinstance(agg, str):
        errors.append(f"key '{key}.aggregate': expected a single aggregate name, got {agg!r}")
        return
    if agg not in AGGREGATES:
        errors.append(
            f"key '{key}.aggregate': unknown aggregate {agg!r}{_suggest(agg, list(AGGREGATES))}"
        )
        return
    sig = AGGREGATES[agg]
    for k in claim:
        if k not in (*META_KEYS, *LANGUAGE_KEYS, *sig.required, *sig.optional):
            used = [*LANGUAGE_KEYS, *sig.required, *sig.optional]
            errors.append(
                f"key '{key}.{k}' is not used by aggregate {agg!r} (it takes: {', '.join(used)})"
            )
    for k in sig.required:
        if k not in claim:
            errors.append(f"key '{key}.{k}' is missing (aggregate {agg!r} needs it)")
    table = claim.get("table")
    if table is None:
        errors.append(f"key '{key}.table' is missing")
        return
    if not isinstance(table, str):
        errors.append(f"key '{key}.table': expected a single table name, got {table!r}")
        return
    if table not in tables():
        errors.append(f"key '{key}.table': unknown table {table!r}{_suggest(table, tables())}")
        return
    cols = table_columns(table)
    if "where" in claim:
        _check_filter(region, table, claim["where"], f"{key}.where", cols, errors)
    if "of" in claim:
        _check_filter(region, table, claim["of"], f"{key}.of", cols, errors)
    for k in ("column", "rank_by", "show"):
        if k in claim:
            c = claim[k]
            if not isinstance(c, str):
                errors.append(f"key '{key}.{k}': expected a single column name, got {c!r}")
            elif c not in cols:
                errors.append(
                    f"key '{key}.{k}': table {table!r} has no column {c!r}{_suggest(c, list(cols))}"
                )
            elif agg == "sum" and not _numeric(cols[c]):
                errors.append(f"key '{key}.{k}': column {c!r} is not numeric ({cols[c]})")
    if "period" in claim:
        p = claim["period"]
        if not isinstance(p, str):
            errors.append(f"key '{key}.period': expected one of {', '.join(PERIODS)}, got {p!r}")
        elif p not in PERIODS:
            errors.append(f"key '{key}.period': unknown period {p!r}{_suggest(p, list(PERIODS))}")
        elif table not in DATE_COLUMN:
            errors.append(f"key '{key}.period': table {table!r} has no date to count periods by")
    if "expected" in claim:
        exp = claim["expected"]
        _check_expected(agg, exp, f"{key}.expected", errors)
        if isinstance(exp, dict) and "top_includes" in exp and "rank_by" not in claim:
            errors.append(f"key '{key}.expected.top_includes' needs 'rank_by' (the column to rank)")


# --------------------------------------------------------------------------- evaluation
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
        dates = {} if g is None else dict(zip(g["stage"], g["date"], strict=True))
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
            hit = s.map(lambda x, w=wanted: isinstance(x, str) and bool(w & set(x.split("; "))))
            mask &= hit.astype(bool)
        elif s.dtype.kind == "M":
            mask &= s.dt.date.isin([pd.Timestamp(v).date() for v in values])
        else:
            mask &= s.isin(values).fillna(False).astype(bool)
    return mask


def _clip(df: pd.DataFrame, table: str, region: Any) -> pd.DataFrame:
    col = DATE_COLUMN.get(table)
    if col is None:
        return df
    d = df[col]
    return df[
        (d >= pd.Timestamp(region.start)) & (d < pd.Timestamp(region.end) + pd.Timedelta(days=1))
    ]


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


def per_period(df: pd.DataFrame, table: str, region: Any, period: str) -> pd.Series:
    """Matching rows per counted period (zeros included); edge periods that do not count
    are dropped with the rows that fall in them."""
    per = periods(region, period)
    per = per[per["counts"]]
    d = df[DATE_COLUMN[table]]
    if period == "week":
        key = (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    else:
        key = d.dt.strftime("%Y-%m")
    got = key.value_counts()
    return pd.Series(
        [int(got.get(p, 0)) for p in per["period"]], index=list(per["period"]), dtype="int64"
    )


def compute(claim: dict[str, Any], t: dict[str, pd.DataFrame], region: Any) -> dict[str, Any]:
    """Evaluate one claim's aggregate on derived tables; return a dict describing the result."""
    table, agg = claim["table"], claim["aggregate"]
    df = _clip(t[table], table, region)
    sel = df[_matches(df, table, claim.get("where") or {})]
    shown = _value_counts(sel, table, claim["show"]) if claim.get("show") else None
    if agg == "count":
        out = {"kind": "count", "value": len(sel), "table": table}
        if table in DATE_COLUMN:
            years = sel[DATE_COLUMN[table]].dt.year.value_counts().sort_index()
            out["per_year"] = {int(k): int(v) for k, v in years.items()}
        if shown is not None:
            out["shown"] = shown
        return out
    if agg == "sum":
        col = claim["column"]
        out = {
            "kind": "sum",
            "value": int(pd.to_numeric(sel[col], errors="coerce").fillna(0).sum()),
            "column": col,
            "rows": len(sel),
        }
        if shown is not None:
            out["shown"] = shown
        return out
    if agg == "share":
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
        if shown is not None:
            out["shown"] = _value_counts(hit, table, claim["show"])
        if table == "cases":
            out["not_matching"] = base.loc[~base.index.isin(hit.index), "case_id"].tolist()
        return out
    if agg == "per_period":
        per = per_period(sel, table, region, claim["period"])
        return {
            "kind": "per_period",
            "period": claim["period"],
            "per_period": {str(k): int(v) for k, v in per.items()},
            "periods": len(per),
            "min": int(per.min()) if len(per) else 0,
            "max": int(per.max()) if len(per) else 0,
        }
    if agg == "coverage":
        per = per_period(sel, table, region, claim["period"])
        missing = [str(k) for k, v in per.items() if v == 0]
        return {
            "kind": "coverage",
            "period": claim["period"],
            "value": float((per > 0).mean()) if len(per) else 0.0,
            "periods": len(per),
            "missing": missing,
        }
    if agg == "values":
        counts = _value_counts(sel, table, claim["column"])
        return {
            "kind": "values",
            "column": claim["column"],
            "values": sorted(counts),
            "counts": counts,
        }
    raise ClaimError(f"unknown aggregate {agg!r}")  # config validation makes this unreachable


def _value_counts(df: pd.DataFrame, table: str, col: str) -> dict[str, int]:
    s = df[col].dropna()
    if (table, col) in LIST_COLUMNS:
        s = s.astype(str).str.split("; ").explode()
    vc = s.astype(str).value_counts()
    vc = vc.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return {str(k): int(v) for k, v in vc.items()}
