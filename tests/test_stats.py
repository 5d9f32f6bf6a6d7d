"""Statistics a referee accepts: bounded kappa intervals, suppression that cannot be undone,
yearly rates with exposure; plus the table helpers the notebooks call."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.report import agreement, stats, summaries, suppression


def _codes(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    rows = []
    for i, (a, b) in enumerate(pairs):
        rows += [
            {"segment_id": f"S{i:03d}", "coder": "K1", "theme": a, "aspect": "x"},
            {"segment_id": f"S{i:03d}", "coder": "K2", "theme": b, "aspect": "x"},
        ]
    return pd.DataFrame(rows)


def test_perfect_agreement_on_few_segments_is_not_an_interval() -> None:
    pairs = [("rare", "rare")] * 4 + [("common", "common")] * 40
    kap = agreement.kappa_by_theme(_codes(pairs)).set_index("theme")
    assert kap.loc["rare", "kappa"] == pytest.approx(1.0)
    assert np.isnan(kap.loc["rare", "ci_low"]) and np.isnan(kap.loc["rare", "ci_high"])
    assert kap.loc["rare", "interval"] != "estimated"


def test_undefined_kappa_says_why() -> None:
    r = agreement.bootstrap_kappa(np.zeros(10, bool), np.zeros(10, bool))
    assert np.isnan(r["kappa"]) and r["reason"] == "no_variation"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=2, max_size=30))
def test_kappa_interval_is_bounded_and_contains_nothing_impossible(pairs) -> None:
    a, b = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    r = agreement.bootstrap_kappa(a, b, reps=300)
    if not r["reason"]:
        assert -1.0 <= r["ci_low"] < r["ci_high"] <= 1.0
    else:
        assert np.isnan(r["ci_low"]) and np.isnan(r["ci_high"])


def test_kappa_interval_is_estimated_with_enough_mixed_segments() -> None:
    rng = np.random.default_rng(1)
    a = rng.choice(["x", "y", "z"], size=80)
    b = np.where(rng.random(80) < 0.8, a, rng.choice(["x", "y", "z"], size=80))
    r = agreement.bootstrap_kappa(a, b)
    assert r["reason"] == "" and r["ci_low"] < r["kappa"] < r["ci_high"] <= 1


# ------------------------------------------------------------ suppression
def _attacker_values(full: pd.DataFrame, mask: pd.DataFrame) -> dict:
    """Every value each withheld cell can take given the published cells (brute force)."""
    inner = full.iloc[:-1, :-1].to_numpy()
    m = mask.to_numpy()
    hidden = [(r, c) for r in range(inner.shape[0]) for c in range(inner.shape[1]) if m[r, c]]
    grand = int(full.iat[-1, -1])
    combos = np.array(list(itertools.product(range(grand + 1), repeat=len(hidden))), dtype=int)
    trials = np.repeat(inner[None, :, :], len(combos), axis=0)
    for j, (r, c) in enumerate(hidden):
        trials[:, r, c] = combos[:, j]
    rows, cols = trials.sum(axis=2), trials.sum(axis=1)
    grand_t = rows.sum(axis=1)
    ok = np.ones(len(combos), bool)
    for r in range(inner.shape[0]):
        if not m[r, -1]:
            ok &= rows[:, r] == full.iat[r, -1]
    for c in range(inner.shape[1]):
        if not m[-1, c]:
            ok &= cols[:, c] == full.iat[-1, c]
    if not m[-1, -1]:
        ok &= grand_t == grand
    out = {}
    for j, (r, c) in enumerate(hidden):
        out[(r, c)] = set(combos[ok, j].tolist())
    for r in range(inner.shape[0]):
        if m[r, -1]:
            out[(r, "total")] = set(rows[ok, r].tolist())
    for c in range(inner.shape[1]):
        if m[-1, c]:
            out[("total", c)] = set(cols[ok, c].tolist())
    return out


FIXTURES = [
    # the Kupang shape: one sex, adults below the threshold, published total of five
    pd.DataFrame({"female": [2, 3]}, index=["adult", "minor"]),
    pd.DataFrame({"female": [1, 4], "male": [3, 0]}, index=["adult", "minor"]),
    pd.DataFrame({"female": [3, 1, 0], "male": [0, 2, 1]}, index=["a", "b", "c"]),
    pd.DataFrame({"f": [1, 1], "m": [1, 5]}, index=["a", "b"]),
]


@pytest.mark.parametrize("table", FIXTURES)
def test_no_withheld_cell_can_be_worked_out(table: pd.DataFrame) -> None:
    mask = suppression.suppress(table, threshold=3, published_total=True)
    full = suppression.with_margins(table)
    small = (full > 0) & (full < 3)
    small.loc["total", "total"] = False
    assert mask[small].fillna(True).all().all(), "a small count is shown"
    assert not mask.loc["total", "total"], "the published total is shown"
    for cell, values in _attacker_values(full, mask).items():
        assert len(values) > 1, f"{cell} can be recovered as {values}"
    assert suppression.recoverable(full, mask) == []


def test_primary_suppression_alone_would_leak() -> None:
    """The threat is real: withholding only the small cell lets the total give it away."""
    table = FIXTURES[1]
    full = suppression.with_margins(table)
    primary = (full > 0) & (full < 3)
    assert suppression.recoverable(full, primary) != []


def test_victim_table_counts_victims_not_cases() -> None:
    """Five cases hold seven victims: the table counts the victims (a case of two victims,
    one a minor, counts as 'mixed'), and its small cells are withheld without leaking."""
    cases = pd.DataFrame(
        {
            "victims": pd.array([1, 2, 1, 3, None], dtype="Int64"),
            "victim_age_band": ["15-17", "15-17; 18-24", "18-24", "25+", None],
            "victim_sex": ["female", "female", "female", "female", None],
        }
    )
    full, mask = summaries.victim_table(cases, threshold=3)
    assert full.loc["total", "total"] == 7  # victims; there are only 5 cases
    assert full.loc["adult", "female"] == 4 and not mask.loc["adult", "female"]
    assert full.loc["mixed", "female"] == 2 and mask.loc["mixed", "female"]
    assert full.loc["minor", "female"] == 1 and mask.loc["minor", "female"]
    assert suppression.recoverable(full, mask) == []


# -------------------------------------------------------------- exposure
def test_yearly_rates_use_months_observed() -> None:
    cases = pd.DataFrame(
        {
            "report_date": pd.to_datetime(
                ["2022-03-01", "2023-05-01", "2023-06-01", "2025-02-01", "2025-09-01"]
            )
        }
    )
    r = stats.reports_per_year(cases, "2022-01-01", "2025-06-30").set_index("year")
    assert list(r.index) == [2022, 2023, 2024, 2025]
    assert r.loc[2025, "months_observed"] == 6 and bool(r.loc[2025, "partial"])
    assert not r.loc[2022, "partial"]
    assert r.loc[2025, "reports"] == 1  # September 2025 is outside the period
    assert r.loc[2025, "rate_per_year"] == pytest.approx(2.0)
    assert r.loc[2023, "rate_per_year"] == pytest.approx(2.0)
    # the same count over half the time gives a wider interval
    assert (r.loc[2025, "ci_high"] - r.loc[2025, "ci_low"]) > (
        r.loc[2022, "ci_high"] - r.loc[2022, "ci_low"]
    )
    assert (r.ci_low <= r.rate_per_year).all() and (r.rate_per_year <= r.ci_high).all()


def test_partial_first_year() -> None:
    r = stats.reports_per_year(pd.DataFrame({"report_date": []}), "2018-08-15", "2019-12-31")
    assert r.months_observed.tolist() == [5, 12] and r.partial.tolist() == [True, False]
    assert (r.reports == 0).all() and (r.ci_low == 0).all() and (r.ci_high > 0).all()


# ------------------------------------------------------------------ trend
def test_trend_not_estimable_without_events() -> None:
    idx = pd.period_range("2022-01", periods=6, freq="M")
    empty = pd.Series([0] * 6, index=idx)
    assert stats.poisson_trend(empty)["estimable"] is False
    assert stats.trend_line(empty) is None
    rising = pd.Series([1, 1, 2, 3, 5, 8], index=idx)
    line = stats.trend_line(rising)
    assert line is not None and line.is_monotonic_increasing and line.index.equals(idx)
    assert stats.poisson_trend(rising)["rate_ratio_per_year"] > 1


# ----------------------------------------------------------------- tables
def test_statute_citations_count_laws_not_articles() -> None:
    cases = pd.DataFrame(
        {
            "statutes": [
                "UU ITE Pasal 27 ayat (1); UU ITE Pasal 45 ayat (1)",
                "KUHP Pasal 296",
                "UU Perlindungan Anak Pasal 76I; KUHP",
                None,
            ]
        }
    )
    got = summaries.statute_citations(cases).set_index("law")["citations"].to_dict()
    assert got == {"UU ITE": 2, "KUHP": 2, "UU Perlindungan Anak": 1}


def test_recommendation_grounding_counts_segments_and_informants() -> None:
    seg = pd.DataFrame({"theme": ["a", "a", "b", "c"], "informant_id": ["R1", "R2", "R1", "R3"]})
    recs = [
        {"text": "Do A and B", "text_id": "Lakukan A dan B", "themes": ["a", "b"]},
        {"text": "Do D", "themes": ["d"]},
    ]
    g = summaries.recommendation_grounding(seg, recs, "id")
    assert g.recommendation.tolist() == ["Lakukan A dan B", "Do D"]
    assert g.segments.tolist() == [3, 0] and g.informants.tolist() == [2, 0]


def test_secondary_suppression_shown_as_withheld_not_as_small() -> None:
    shown = suppression.suppressed_table(FIXTURES[1], 3, hidden="withheld")
    mask = suppression.suppress(FIXTURES[1], 3)
    full = suppression.with_margins(FIXTURES[1])
    assert (shown[mask] == "withheld").where(mask).fillna(True).all().all()
    assert (shown[~mask] == full[~mask]).where(~mask).fillna(True).all().all()
