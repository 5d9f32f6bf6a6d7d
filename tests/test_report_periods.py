"""The notebooks' weekly and monthly figures count the same periods as the claims do."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from analysis.claims.evaluate import per_period, periods
from analysis.report import summaries

# a study period that starts on a Saturday and ends on a Monday: two short edge weeks
REGION = SimpleNamespace(start=dt.date(2022, 1, 1), end=dt.date(2022, 3, 7))


def _patrols(days: list[str]) -> dict[str, pd.DataFrame]:
    dates = pd.to_datetime(pd.Series(days)).astype("datetime64[us]")
    return {"outreach": pd.DataFrame({"date": dates, "activity_type": "cyber_patrol"})}


def test_edge_weeks_the_claims_leave_out_are_left_out_of_the_figure() -> None:
    counted = periods(REGION, "week")
    counted = counted[counted["counts"]]
    mondays = list(counted["start"])
    tables = _patrols([d.strftime("%Y-%m-%d") for d in mondays])
    cov = summaries.weekly_coverage(tables, REGION, "cyber_patrol")
    assert list(cov.index) == mondays
    assert bool(cov.all())  # patrolled every counted week: 100 %, as the claim says
    assert pd.Timestamp("2021-12-27") not in cov.index  # 2 days inside: not a week here
    assert pd.Timestamp("2022-03-07") not in cov.index  # 1 day inside
    claim = per_period(tables["outreach"], "outreach", REGION, "week")
    assert len(claim) == len(cov) and (claim > 0).all()


def test_a_missed_week_shows_in_figure_and_claim_alike() -> None:
    counted = periods(REGION, "week")
    mondays = list(counted[counted["counts"]]["start"])
    tables = _patrols([d.strftime("%Y-%m-%d") for d in mondays[1:]])
    cov = summaries.weekly_coverage(tables, REGION, "cyber_patrol")
    claim = per_period(tables["outreach"], "outreach", REGION, "week")
    assert int((~cov).sum()) == 1 == int((claim == 0).sum())


def test_months_follow_the_same_rule() -> None:
    region = SimpleNamespace(start=dt.date(2022, 1, 20), end=dt.date(2022, 4, 10))
    tables = {
        "outreach": pd.DataFrame(
            {
                "date": pd.to_datetime(["2022-02-03", "2022-03-09"]).astype("datetime64[us]"),
                "activity_type": "lodging_inspection",
            }
        )
    }
    per = summaries.monthly_counts(tables, region, "lodging_inspection")
    # January has 12 of 31 days inside, April 10 of 30: both left out, as in the claims
    assert [str(p) for p in per.index] == ["2022-02", "2022-03"]
    assert per.tolist() == [1, 1]
