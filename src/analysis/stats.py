"""Small-sample statistics with statsmodels, each returning a tidy frame and a caveat.

The thesis's numbers are small (five cases, eight informants), so every function says
what its result cannot support instead of letting a p-value speak for itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from analysis.vocab import STAGES


def reports_per_year(cases: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Reports per year with exact (Garwood) 95% Poisson intervals."""
    per = cases.groupby("year").size().reindex(years, fill_value=0)
    rows = []
    for y, n in per.items():
        lo, hi = confint_poisson(int(n), 1, method="exact-c")
        rows.append({"year": int(y), "reports": int(n), "ci_low": float(lo), "ci_high": float(hi)})
    return pd.DataFrame(rows)


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
    """Poisson GLM of monthly counts on time (years): rate ratio per year with 95% CI."""
    y = monthly.to_numpy(dtype=float)
    x = np.arange(len(y)) / 12.0
    model = sm.GLM(y, sm.add_constant(x), family=sm.families.Poisson()).fit()
    lo, hi = model.conf_int()[1]
    disp = float(model.pearson_chi2 / model.df_resid) if model.df_resid else float("nan")
    return {
        "rate_ratio_per_year": float(np.exp(model.params[1])),
        "ci_low": float(np.exp(lo)),
        "ci_high": float(np.exp(hi)),
        "p_value": float(model.pvalues[1]),
        "months": len(y),
        "dispersion": disp,
    }


def handover_survival(
    cases: pd.DataFrame, stages: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Days from report to prosecutor handover; cases without a handover are censored at as_of."""
    rows = []
    for cid, rdate in zip(cases["case_id"], cases["report_date"], strict=True):
        h = stages[(stages["case_id"] == cid) & (stages["stage"] == "prosecutor_handover")]
        if len(h):
            rows.append(
                {"case_id": cid, "days": (h["date"].iloc[0] - rdate).days, "handed_over": 1}
            )
        else:
            rows.append({"case_id": cid, "days": max((as_of - rdate).days, 0), "handed_over": 0})
    return pd.DataFrame(rows)


def survival_curve(durations: pd.DataFrame) -> tuple[pd.DataFrame, float | None]:
    sf = SurvfuncRight(durations["days"].to_numpy(float), durations["handed_over"].to_numpy(int))
    curve = pd.DataFrame({"days": sf.surv_times, "still_open": sf.surv_prob})
    median = sf.quantile(0.5)
    return curve, (None if median is None or np.isnan(median) else float(median))


def stage_gaps(stages: pd.DataFrame) -> pd.DataFrame:
    """Days between consecutive stages, per case (long form)."""
    st = stages.sort_values(["case_id", "stage_order"]).copy()
    st["days_since_previous"] = st.groupby("case_id")["date"].diff().dt.days
    return st[["case_id", "stage", "date", "days_since_previous"]]


def kappa_by_theme(codes: pd.DataFrame, coders: tuple[str, str] | None = None) -> pd.DataFrame:
    """Cohen's kappa per theme (theme present / absent per segment) between two coders."""
    who = coders or tuple(sorted(codes["coder"].unique())[:2])
    if len(who) < 2:
        return pd.DataFrame(
            columns=["theme", "kappa", "ci_low", "ci_high", "segments_k1", "segments_k2"]
        )
    segs = sorted(codes["segment_id"].unique())
    rows = []
    for theme in sorted(codes["theme"].unique()):
        a = codes[(codes["coder"] == who[0]) & (codes["theme"] == theme)]["segment_id"]
        b = codes[(codes["coder"] == who[1]) & (codes["theme"] == theme)]["segment_id"]
        x = np.isin(segs, a.to_numpy())
        y = np.isin(segs, b.to_numpy())
        table = np.array([[np.sum(x & y), np.sum(x & ~y)], [np.sum(~x & y), np.sum(~x & ~y)]])
        r = cohens_kappa(table)
        rows.append(
            {
                "theme": theme,
                "kappa": float(r.kappa),
                "ci_low": float(r.kappa_low),
                "ci_high": float(r.kappa_upp),
                "segments_k1": int(x.sum()),
                "segments_k2": int(y.sum()),
            }
        )
    return pd.DataFrame(rows)


def overall_kappa(codes: pd.DataFrame) -> dict[str, float]:
    """Kappa over all segments for the single theme each coder gave."""
    who = sorted(codes["coder"].unique())[:2]
    a = (
        codes[codes["coder"] == who[0]]
        .drop_duplicates("segment_id")
        .set_index("segment_id")["theme"]
    )
    b = (
        codes[codes["coder"] == who[1]]
        .drop_duplicates("segment_id")
        .set_index("segment_id")["theme"]
    )
    both = a.index.intersection(b.index)
    cats = sorted(set(a) | set(b))
    table = pd.crosstab(pd.Categorical(a[both], cats), pd.Categorical(b[both], cats), dropna=False)
    r = cohens_kappa(table.to_numpy())
    return {
        "kappa": float(r.kappa),
        "ci_low": float(r.kappa_low),
        "ci_high": float(r.kappa_upp),
        "segments": int(len(both)),
        "agreement": float((a[both] == b[both]).mean()),
    }


def stages_order() -> list[str]:
    return list(STAGES)
