"""Small-sample statistics with statsmodels, each returning a tidy frame and a caveat.

The thesis's numbers are small (five cases, eight informants), so every function says
what its result cannot support instead of letting a p-value speak for itself.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from analysis.vocab import STAGES


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
    """Days between consecutive stages, per case (long form; the first stage has none)."""
    st = stages.sort_values(["case_id", "stage_order"]).copy()
    st["days_since_previous"] = st.groupby("case_id")["date"].diff().dt.days.astype("Int64")
    return st[["case_id", "stage", "date", "days_since_previous"]].reset_index(drop=True)


def stage_gap_matrix(stages: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """One row per case, one column per stage: days since the previous recorded stage."""
    gaps = stage_gaps(stages)
    wide = gaps.pivot(index="case_id", columns="stage", values="days_since_previous")
    wide = wide.reindex(columns=[s for s in order if s in wide.columns]).astype("Int64")
    wide.columns.name = None
    return wide.reset_index()


MIN_CODED = 10  # fewer segments than this with a theme: no interval is offered
BOOTSTRAP = 2000


def _kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two label vectors; NaN when chance agreement is total (undefined)."""
    cats = np.union1d(a, b)
    if len(a) == 0:
        return float("nan")
    po = float(np.mean(a == b))
    pe = float(sum(np.mean(a == c) * np.mean(b == c) for c in cats))
    if pe >= 1 - 1e-12:
        return float("nan")
    return (po - pe) / (1 - pe)


def bootstrap_kappa(
    a: np.ndarray, b: np.ndarray, reps: int = BOOTSTRAP, seed: int = 20250701
) -> dict[str, object]:
    """Kappa with a percentile bootstrap interval over segments, bounded to [-1, 1].

    Segments are resampled with replacement; resamples where kappa is undefined are dropped
    and counted. The interval is withheld ("not estimable") when kappa itself is undefined,
    when more than a tenth of resamples are undefined, or when the resamples do not vary
    (a zero-width interval from a handful of segments is not an interval).
    """
    a, b = np.asarray(a), np.asarray(b)
    k = _kappa(a, b)
    out: dict[str, object] = {"kappa": k, "ci_low": np.nan, "ci_high": np.nan, "reason": ""}
    if np.isnan(k):
        out["reason"] = "no_variation"
        return out
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(reps, len(a)))
    ks = np.array([_kappa(a[i], b[i]) for i in idx])
    ok = ks[~np.isnan(ks)]
    if len(ok) < 0.9 * reps:
        out["reason"] = "unstable_bootstrap"
        return out
    lo, hi = np.clip(np.percentile(ok, [2.5, 97.5]), -1.0, 1.0)
    if hi - lo < 1e-9:
        out["reason"] = "no_spread"
        return out
    out["ci_low"], out["ci_high"] = float(lo), float(hi)
    return out


def _two_coders(codes: pd.DataFrame, coders: tuple[str, str] | None) -> tuple[str, ...]:
    return tuple(coders or sorted(codes["coder"].unique())[:2])


KAPPA_COLUMNS = [
    "theme",
    "segments",
    "coded_k1",
    "coded_k2",
    "kappa",
    "ci_low",
    "ci_high",
    "interval",
]


def kappa_by_theme(codes: pd.DataFrame, coders: tuple[str, str] | None = None) -> pd.DataFrame:
    """Cohen's kappa per theme (present / absent per segment) between two coders.

    The interval is a bootstrap over segments (see ``bootstrap_kappa``); a theme that fewer
    than ``MIN_CODED`` segments carry gets ``interval`` = a reason code instead of numbers,
    because four or five segments cannot bound an agreement statistic.
    """
    who = _two_coders(codes, coders)
    if len(who) < 2:
        return pd.DataFrame(columns=KAPPA_COLUMNS)
    segs = np.array(sorted(codes["segment_id"].unique()))
    rows = []
    for theme in sorted(codes["theme"].unique()):
        a = codes[(codes["coder"] == who[0]) & (codes["theme"] == theme)]["segment_id"]
        b = codes[(codes["coder"] == who[1]) & (codes["theme"] == theme)]["segment_id"]
        x, y = np.isin(segs, a.to_numpy()), np.isin(segs, b.to_numpy())
        r = bootstrap_kappa(x, y)
        if not r["reason"] and max(x.sum(), y.sum()) < MIN_CODED:
            r.update(ci_low=np.nan, ci_high=np.nan, reason="too_few_segments")
        rows.append(
            {
                "theme": theme,
                "segments": len(segs),
                "coded_k1": int(x.sum()),
                "coded_k2": int(y.sum()),
                "kappa": r["kappa"],
                "ci_low": r["ci_low"],
                "ci_high": r["ci_high"],
                "interval": r["reason"] or "estimated",
            }
        )
    return pd.DataFrame(rows, columns=KAPPA_COLUMNS)


def overall_kappa(codes: pd.DataFrame) -> dict[str, object]:
    """Kappa over all segments both coders coded (the single theme each gave), bootstrapped."""
    who = _two_coders(codes, None)
    if len(who) < 2:
        return {
            "kappa": np.nan,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "segments": 0,
            "agreement": np.nan,
            "reason": "no_variation",
        }
    a = codes[codes["coder"] == who[0]].drop_duplicates("segment_id").set_index("segment_id")
    b = codes[codes["coder"] == who[1]].drop_duplicates("segment_id").set_index("segment_id")
    both = a.index.intersection(b.index)
    x, y = a.loc[both, "theme"].to_numpy(), b.loc[both, "theme"].to_numpy()
    r = bootstrap_kappa(x, y)
    return {
        **r,
        "segments": int(len(both)),
        "agreement": float(np.mean(x == y)) if len(both) else np.nan,
    }


def with_margins(table: pd.DataFrame) -> pd.DataFrame:
    full = table.astype(int).copy()
    full["total"] = full.sum(axis=1)
    full.loc["total"] = full.sum(axis=0)
    return full


def recoverable(full: pd.DataFrame, mask: pd.DataFrame) -> list[tuple[object, object]]:
    """Withheld cells whose value follows from the published ones (linear-programming audit).

    ``full`` is a count table whose last row and column are the margins. For each withheld
    cell the smallest and largest value consistent with every published cell and every row
    and column sum are found; a cell whose range is a single value is recoverable.
    """
    from scipy.optimize import linprog

    cells = [(r, c) for r in full.index for c in full.columns if mask.at[r, c]]
    if not cells:
        return []
    pos = {cell: i for i, cell in enumerate(cells)}
    rows, cols = list(full.index), list(full.columns)
    lines = [[(r, c) for c in cols[:-1]] + [(r, cols[-1])] for r in rows]
    lines += [[(r, c) for r in rows[:-1]] + [(rows[-1], c)] for c in cols]
    a_eq, b_eq = [], []
    for line in lines:  # sum of the inner cells minus the margin is zero
        coef, const = np.zeros(len(cells)), 0.0
        for j, cell in enumerate(line):
            sign = -1.0 if j == len(line) - 1 else 1.0
            if cell in pos:
                coef[pos[cell]] += sign
            else:
                const -= sign * float(full.at[cell])
        if coef.any():
            a_eq.append(coef)
            b_eq.append(const)
    hi = float(full.to_numpy().max()) if full.size else 0.0
    out = []
    for cell, i in pos.items():
        ends = []
        for sense in (1.0, -1.0):
            c = np.zeros(len(cells))
            c[i] = sense
            res = linprog(c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=[(0, hi)] * len(cells))
            ends.append(res.fun * sense if res.success else np.nan)
        if not np.isnan(ends).any() and abs(ends[0] - ends[1]) < 1e-6:
            out.append(cell)
    return out


def suppress(table: pd.DataFrame, threshold: int, published_total: bool = True) -> pd.DataFrame:
    """Primary and secondary suppression of a two-way count table with its margins.

    Returns a boolean mask the shape of ``table`` plus a ``total`` row and column (True =
    withhold). Primary: any count from 1 to ``threshold - 1``, margins included. Secondary:
    while any row, column or totals line withholds exactly one cell, or the audit in
    ``recoverable`` can still work a withheld cell out from the published ones (the grand
    total is treated as published, e.g. because a claim states the number of cases), the
    smallest remaining cell of such a line is withheld too (inner cells before margins).
    """
    full = with_margins(table)
    mask = (full > 0) & (full < threshold)
    fixed = ("total", "total") if published_total else None
    if published_total:
        mask.loc["total", "total"] = False
    rows, cols = list(full.index), list(full.columns)
    lines = [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]

    def widen(line: list) -> bool:
        free = [cell for cell in line if not mask.at[cell] and cell != fixed]
        if not free:
            return False
        free.sort(key=lambda cell: ("total" in cell, full.at[cell] == 0, full.at[cell]))
        mask.at[free[0]] = True
        return True

    for _ in range(full.size):
        single = [ln for ln in lines if sum(mask.at[cell] for cell in ln) == 1]
        if single and widen(single[0]):
            continue
        leaks = recoverable(full, mask)
        if not leaks or not any(widen(ln) for ln in lines if leaks[0] in ln):
            break
    return mask


def suppressed_table(
    table: pd.DataFrame, threshold: int, published_total: bool = True, hidden: str = "withheld"
) -> pd.DataFrame:
    """The table with margins, withheld cells replaced by ``hidden`` (text), others as counts."""
    mask = suppress(table, threshold, published_total)
    full = with_margins(table)
    shown = full.astype(object).where(~mask, hidden)
    return shown


def stages_order() -> list[str]:
    return list(STAGES)
