"""Small-sample statistics with statsmodels, each returning a tidy frame and a caveat.

The thesis's numbers are small (five cases, eight informants), so every function says
what its result cannot support instead of letting a p-value speak for itself.

Inter-coder agreement lives in `analysis.report.agreement` and small-cell suppression in
`analysis.report.suppression`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson


def reports_per_year(
    cases: pd.DataFrame, start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp
) -> pd.DataFrame:
    """Reports per calendar year of the study period, as counts and as rates per 12 months.

    A year the study covers only in part (e.g. six months) is marked ``partial``; its rate is
    the count over the months observed, with an exact (Garwood) 95% Poisson interval, so a
    half year is not read as a full one.
    """
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    dates = pd.to_datetime(cases["report_date"]) if len(cases) else pd.Series([], dtype="M8[ns]")
    # the shared tier holds no report day (k-anonymity): cleaning kept only dates inside the
    # study period, so the year column counts the same reports
    if "year" in cases and dates.isna().all() and len(cases):
        year = pd.to_numeric(cases["year"]).dropna().astype(int)
        inside = pd.to_datetime(year.astype(str) + "-07-01")
    else:
        inside = dates[(dates >= s) & (dates <= e)]
    rows = []
    for y in range(s.year, e.year + 1):
        first = max(s, pd.Timestamp(y, 1, 1))
        last = min(e, pd.Timestamp(y, 12, 31))
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        n = int((inside.dt.year == y).sum())
        lo, hi = confint_poisson(n, months / 12, method="exact-c")
        rows.append(
            {
                "year": y,
                "months_observed": months,
                "partial": months < 12,
                "reports": n,
                "rate_per_year": n / (months / 12),
                "ci_low": float(lo),
                "ci_high": float(hi),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "months_observed",
            "partial",
            "reports",
            "rate_per_year",
            "ci_low",
            "ci_high",
        ],
    )


def modus_shares(cases: pd.DataFrame, method: str = "beta") -> pd.DataFrame:
    """Share of cases per modus with exact (Clopper-Pearson, 'beta') or Wilson intervals."""
    n = len(cases)
    counts = cases["modus"].value_counts()
    rows = []
    for m, k in counts.items():
        lo, hi = proportion_confint(int(k), n, alpha=0.05, method=method)
        rows.append({"modus": m, "cases": int(k), "share": k / n, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def poisson_trend(monthly: pd.Series) -> dict[str, float]:
    """Poisson GLM of monthly counts on time (years): rate ratio per year with 95% CI.

    ``estimable`` is False when the counts cannot carry a trend (fewer than three months, or
    no event at all); the numbers are then NaN rather than a fit that did not converge.
    """
    y = monthly.to_numpy(dtype=float)
    nan = float("nan")
    if len(y) < 3 or y.sum() == 0:
        return {
            "rate_ratio_per_year": nan,
            "ci_low": nan,
            "ci_high": nan,
            "p_value": nan,
            "months": len(y),
            "dispersion": nan,
            "estimable": False,
        }
    model = _trend_model(y)
    lo, hi = model.conf_int()[1]
    disp = float(model.pearson_chi2 / model.df_resid) if model.df_resid else nan
    return {
        "rate_ratio_per_year": float(np.exp(model.params[1])),
        "ci_low": float(np.exp(lo)),
        "ci_high": float(np.exp(hi)),
        "p_value": float(model.pvalues[1]),
        "months": len(y),
        "dispersion": disp,
        "estimable": True,
    }


def _trend_model(y: np.ndarray):
    x = np.arange(len(y)) / 12.0
    return sm.GLM(y, sm.add_constant(x), family=sm.families.Poisson()).fit()


def trend_line(monthly: pd.Series) -> pd.Series | None:
    """Fitted monthly rate of the Poisson trend, on the same index (None if not estimable)."""
    y = monthly.to_numpy(dtype=float)
    if len(y) < 3 or y.sum() == 0:
        return None
    return pd.Series(_trend_model(y).fittedvalues, index=monthly.index)


def handover_survival(
    cases: pd.DataFrame, stages: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Days from report to prosecutor handover; cases without a handover are censored at as_of."""
    rows = []
    for cid, rdate in zip(cases["case_id"], cases["report_date"], strict=True):
        h = stages[(stages["case_id"] == cid) & (stages["stage"] == "prosecutor_handover")]
        if len(h):
            rows.append({"case_id": cid, "days": _days(h.iloc[0], rdate), "handed_over": 1})
        elif pd.notna(rdate):
            rows.append({"case_id": cid, "days": max((as_of - rdate).days, 0), "handed_over": 0})
        # an open case without its report day (shared tier): its censoring time is unknown
    return pd.DataFrame(rows, columns=["case_id", "days", "handed_over"])


def _days(stage: pd.Series, reported: Any) -> int:
    """Days from the report to a stage: the stage's own count when dates are withheld."""
    if "days_since_report" in stage and pd.notna(stage["days_since_report"]):
        return int(stage["days_since_report"])
    return int((stage["date"] - reported).days)


def survival_curve(durations: pd.DataFrame) -> tuple[pd.DataFrame, float | None]:
    sf = SurvfuncRight(durations["days"].to_numpy(float), durations["handed_over"].to_numpy(int))
    curve = pd.DataFrame({"days": sf.surv_times, "still_open": sf.surv_prob})
    median = sf.quantile(0.5)
    return curve, (None if median is None or np.isnan(median) else float(median))


def median_interval(durations: pd.DataFrame) -> tuple[float | None, float | None]:
    """95% interval of the median time (Brookmeyer-Crowley, statsmodels' cloglog form);
    a bound the data cannot reach (too few events) is None."""
    import warnings

    sf = SurvfuncRight(durations["days"].to_numpy(float), durations["handed_over"].to_numpy(int))
    with warnings.catch_warnings():  # log(0) at the curve's ends: a bound that is not reached
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = sf.quantile_ci(0.5, alpha=0.05, method="cloglog")
    bound = [None if b is None or not np.isfinite(b) else float(b) for b in (lo, hi)]
    return bound[0], bound[1]


def stage_gaps(stages: pd.DataFrame) -> pd.DataFrame:
    """Days between consecutive stages, per case (long form; the first stage has none)."""
    st = stages.sort_values(["case_id", "stage_order"]).copy()
    if "days_since_report" in st and st["days_since_report"].notna().all():
        gap = st.groupby("case_id")["days_since_report"].diff()
    else:
        gap = st.groupby("case_id")["date"].diff().dt.days
    st["days_since_previous"] = gap.astype("Int64")
    return st[["case_id", "stage", "date", "days_since_previous"]].reset_index(drop=True)


def stage_gap_matrix(stages: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """One row per case, one column per stage: days since the previous recorded stage."""
    gaps = stage_gaps(stages)
    wide = gaps.pivot(index="case_id", columns="stage", values="days_since_previous")
    wide = wide.reindex(columns=[s for s in order if s in wide.columns]).astype("Int64")
    wide.columns.name = None
    return wide.reset_index()
