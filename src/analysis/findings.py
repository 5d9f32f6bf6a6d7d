"""Findings engine: the thesis's claims, recomputed from processed tables.

Each metric in METRICS reads the processed tables and returns (computed, detail, ok_fn
inputs). Expected values come only from the region config; computed values only from
the data. Nothing here knows what the answer "should" be.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.config import Region, load_region
from analysis.normalise import parse_range
from analysis.paths import Paths
from analysis.store import load_tables
from analysis.vocab import METRICS as METRIC_NAMES
from analysis.vocab import STAGES


def _months(region: Region) -> pd.PeriodIndex:
    return pd.period_range(region.start, region.end, freq="M")


def _filter(df: pd.DataFrame, params: dict[str, Any]) -> pd.DataFrame:
    for key in ("activity_type", "platform", "feature", "aspect"):
        if key in params:
            df = df[df[key] == params[key]]
    return df


def monthly_counts(t: dict[str, pd.DataFrame], region: Region, activity_type: str) -> pd.Series:
    """Activities per calendar month over the whole study period, zeros included."""
    df = t["outreach"][t["outreach"]["activity_type"] == activity_type]
    per = df.groupby(df["date"].dt.to_period("M")).size()
    return per.reindex(_months(region), fill_value=0)


def weekly_coverage_series(
    t: dict[str, pd.DataFrame], region: Region, params: dict[str, Any]
) -> pd.Series:
    """For every Monday-Sunday week touching the period: was there a matching patrol?"""
    df = _filter(t["outreach"], params)
    start = pd.Timestamp(region.start) - pd.Timedelta(days=pd.Timestamp(region.start).weekday())
    weeks = pd.date_range(start, pd.Timestamp(region.end), freq="7D")
    have = set((df["date"] - pd.to_timedelta(df["date"].dt.day_of_week, unit="D")).dt.normalize())
    return pd.Series([w in have for w in weeks], index=weeks)


def stage_completeness(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per case: stages recorded, whether all eight are there, and whether dates are in order."""
    st = t["case_stages"].sort_values(["case_id", "stage_order"])
    rows = []
    for cid in t["cases"]["case_id"]:
        s = st[st["case_id"] == cid]
        complete = list(s["stage"]) == STAGES
        ordered = bool(s["date"].is_monotonic_increasing)
        rows.append({"case_id": cid, "stages": len(s), "complete": complete, "in_order": ordered})
    return pd.DataFrame(rows, columns=["case_id", "stages", "complete", "in_order"])


# --------------------------------------------------------------------------- metrics
def m_monthly_count(t, region, p):
    per = monthly_counts(t, region, p["activity_type"])
    return {
        "min": int(per.min()),
        "max": int(per.max()),
        "months": len(per),
        "per_month": {str(k): int(v) for k, v in per.items()},
    }


def m_audiences(t, region, p):
    df = _filter(t["outreach"], p)
    return sorted(df["audience"].dropna().unique().tolist())


def m_sessions_with_partner(t, region, p):
    df = _filter(t["outreach"], p)
    with_p = df[df["n_partners"] > 0]
    partners = sorted({x for v in with_p["partners"] for x in str(v).split("; ")})
    return {"count": len(with_p), "of": len(df), "partners": partners}


def m_weekly_coverage(t, region, p):
    cov = weekly_coverage_series(t, region, p)
    missing = [d.strftime("%Y-%m-%d") for d, ok in cov.items() if not ok]
    return {
        "share": float(cov.mean()) if len(cov) else 0.0,
        "weeks": len(cov),
        "missing_weeks": missing,
    }


def m_report_count(t, region, p):
    c = t["cases"]
    c = c[(c["year"] >= p.get("from_year", 0)) & (c["year"] <= p.get("to_year", 9999))]
    return {
        "count": len(c),
        "per_year": {int(k): int(v) for k, v in c.groupby("year").size().items()},
    }


def m_modus_share(t, region, p):
    counts = t["cases"]["modus"].value_counts()
    n = int(counts.sum())
    wanted = p.get("modus", [])
    share = float(counts.reindex(wanted, fill_value=0).sum() / n) if n else 0.0
    # "top" categories: those tied at the highest counts, as many as are asked about
    ranked = counts.sort_values(ascending=False, kind="stable")
    top = (
        ranked[ranked >= ranked.iloc[min(len(wanted), len(ranked)) - 1]].index.tolist() if n else []
    )
    return {
        "share": share,
        "counts": {k: int(v) for k, v in counts.items()},
        "top": sorted(top),
        "cases": n,
    }


def m_complete_stage_share(t, region, p):
    sc = stage_completeness(t)
    ok = sc["complete"] & sc["in_order"]
    return {
        "share": float(ok.mean()) if len(sc) else 0.0,
        "complete": int(ok.sum()),
        "cases": len(sc),
        "incomplete": sc.loc[~ok, "case_id"].tolist(),
    }


METRICS: dict[str, Callable[[dict, Region, dict], Any]] = {
    "monthly_count": m_monthly_count,
    "audiences": m_audiences,
    "sessions_with_partner": m_sessions_with_partner,
    "weekly_coverage": m_weekly_coverage,
    "report_count": m_report_count,
    "modus_share": m_modus_share,
    "complete_stage_share": m_complete_stage_share,
}
assert tuple(METRICS) == METRIC_NAMES, "analysis.vocab.METRICS and findings.METRICS must agree"


def _scalar(computed: Any) -> Any:
    if isinstance(computed, dict):
        for k in ("share", "count"):
            if k in computed:
                return computed[k]
    return computed


def check(expected: dict[str, Any], computed: Any) -> tuple[bool, str]:
    """Compare one computed metric with its expectation; explain any miss in plain words."""
    ok, notes = True, []
    for key, want in expected.items():
        if key == "each_between":
            lo, hi = parse_range(want) or (None, None)
            if lo is None:
                return False, f"cannot read the expected range {want!r}"
            bad = {m: n for m, n in computed["per_month"].items() if not lo <= n <= hi}
            if bad:
                ok = False
                shown = ", ".join(f"{m}: {n}" for m, n in list(bad.items())[:6])
                notes.append(
                    f"{len(bad)} of {computed['months']} months outside {lo}–{hi} ({shown})"
                )
            else:
                notes.append(
                    f"all {computed['months']} months within {lo}–{hi} "
                    f"(observed {computed['min']}–{computed['max']})"
                )
        elif key == "equals":
            got = _scalar(computed)
            if abs(float(got) - float(want)) > 1e-9:
                ok = False
            notes.append(_describe(computed) + ("" if ok else f"; expected {want}"))
        elif key == "greater_than":
            got = _scalar(computed)
            if not float(got) > float(want):
                ok = False
            notes.append(_describe(computed))
        elif key == "includes":
            missing = [w for w in want if w not in computed]
            if missing:
                ok = False
                notes.append(
                    f"missing: {', '.join(missing)}; found {', '.join(computed) or 'none'}"
                )
            else:
                notes.append(f"found {', '.join(computed)}")
        elif key == "top_includes":
            missing = [w for w in want if w not in computed["top"]]
            if missing:
                ok = False
                notes.append(f"not among the top categories: {', '.join(missing)}")
            notes.append("counts " + ", ".join(f"{k} {v}" for k, v in computed["counts"].items()))
        elif key == "share_above":
            if not computed["share"] > float(want):
                ok = False
            notes.append(f"share {computed['share']:.0%} (needs > {float(want):.0%})")
    return ok, "; ".join(dict.fromkeys(notes))


def _describe(c: Any) -> str:
    if isinstance(c, dict):
        if "missing_weeks" in c:
            miss = c["missing_weeks"]
            extra = f"; weeks without a patrol: {', '.join(miss[:5])}" if miss else ""
            return f"{c['weeks'] - len(miss)} of {c['weeks']} weeks covered{extra}"
        if "incomplete" in c:
            extra = (
                f"; incomplete or out of order: {', '.join(c['incomplete'])}"
                if c["incomplete"]
                else ""
            )
            return f"{c['complete']} of {c['cases']} cases through all eight stages in order{extra}"
        if "per_year" in c:
            years = ", ".join(f"{y}: {n}" for y, n in c["per_year"].items())
            return f"{c['count']} report(s) ({years})"
        if "partners" in c:
            return f"{c['count']} of {c['of']} sessions with a partner ({', '.join(c['partners'])})"
    return str(c)


def _display(computed: Any) -> Any:
    """A compact computed value for the findings table (the detail carries the rest)."""
    if isinstance(computed, dict):
        if "per_month" in computed:
            return f"{computed['min']}–{computed['max']} per month"
        if "share" in computed and "weeks" in computed:
            return round(computed["share"], 4)
        if "share" in computed and "counts" in computed:
            return round(computed["share"], 4)
        if "share" in computed:
            return f"{computed['complete']}/{computed['cases']}"
        if "count" in computed:
            return computed["count"]
    if isinstance(computed, list):
        return ", ".join(computed)
    return computed


def evaluate(tables: dict[str, pd.DataFrame], region: Region) -> list[dict[str, Any]]:
    out = []
    for claim in region.claims:
        computed = METRICS[claim["metric"]](tables, region, claim.get("params") or {})
        ok, detail = check(claim["expected"], computed)
        out.append(
            {
                "id": claim["id"],
                "aspect": claim["aspect"],
                "statement": claim["statement"],
                "statement_id": claim.get("statement_id", claim["statement"]),
                "source": claim["source"],
                "metric": claim["metric"],
                "expected": claim["expected"],
                "computed": _display(computed),
                "reproduced": bool(ok),
                "detail": detail,
            }
        )
    return out


def evaluate_region(slug: str, root: Path | None = None) -> list[dict[str, Any]]:
    region = load_region(slug, root)
    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    return evaluate(load_tables(paths.processed), region)


def to_json(findings: list[dict[str, Any]]) -> str:
    return json.dumps(findings, indent=2, ensure_ascii=False, default=str) + "\n"


def findings_frame(findings: list[dict[str, Any]], lang: str = "en") -> pd.DataFrame:
    from analysis.labels import t

    rows = [
        {
            t("col_id", lang): f["id"],
            t("col_aspect", lang): t(f["aspect"], lang),
            t("col_statement", lang): f["statement_id"] if lang == "id" else f["statement"],
            t("col_expected", lang): ", ".join(f"{k}: {v}" for k, v in f["expected"].items()),
            t("col_computed", lang): f["computed"],
            t("col_reproduced", lang): t("yes", lang) if f["reproduced"] else t("no", lang),
        }
        for f in findings
    ]
    return pd.DataFrame(rows)


def format_table(findings: list[dict[str, Any]], lang: str = "en") -> str:
    df = findings_frame(findings, lang)
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in df.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in r) + " |")
    return "\n".join(lines)
