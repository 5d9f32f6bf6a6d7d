"""Inter-coder agreement: Cohen's kappa per theme and overall, with bootstrap intervals that
are withheld (with a reason) when a handful of segments cannot bound the statistic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
