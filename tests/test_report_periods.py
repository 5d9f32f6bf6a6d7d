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


def test_flagged_accounts_are_summed_over_the_claims_months() -> None:
    """One month rule: a study period starting on the 20th leaves January out of the flagged
    accounts figure exactly as out of the claims (the figure once counted every calendar
    month from start to end, edge months included)."""
    region = SimpleNamespace(start=dt.date(2022, 1, 20), end=dt.date(2022, 4, 16))
    outreach = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2022-01-25", "2022-02-03", "2022-02-20", "2022-04-14", "2022-03-01"]
            ).astype("datetime64[us]"),
            "activity_type": ["cyber_patrol"] * 4 + ["raid"],
            "accounts_flagged": pd.array([7, 2, None, 5, 9], dtype="Int64"),
        }
    )
    flagged = summaries.flagged_per_month({"outreach": outreach}, region)
    claims = per_period(
        outreach[outreach["activity_type"] == "cyber_patrol"], "outreach", region, "month"
    )
    assert (
        [str(p) for p in flagged.index] == list(claims.index) == ["2022-02", "2022-03", "2022-04"]
    )
    assert flagged.tolist() == [2, 0, 5]  # January's 7 left out with January; a blank adds none
    sessions = summaries.monthly_counts({"outreach": outreach}, region, "cyber_patrol")
    assert list(sessions.index) == list(flagged.index)
    # January: 12 of 31 days inside, left out; April: 16 of 30, counted (half, rounded up)
    assert summaries.months_left_out(region) == [("2022-01", 12, 31)]


def _said(start: dt.date, lang: str) -> list[str]:
    """What a notebook's `say_months_left_out()` shows for a study period ending 2022-04-16."""
    from analysis.report.nbsupport import Session

    region = SimpleNamespace(
        start=start, end=dt.date(2022, 4, 16), get=lambda key, default=None: default
    )
    session = Session(region, lang, {}, None, None)  # type: ignore[arg-type]
    said: list[str] = []
    session.say = lambda key, **values: said.append(session.text(key, **values))  # type: ignore[method-assign]
    session.say_months_left_out()
    return said


def test_the_notebook_names_the_months_left_out_only_when_there_are_some() -> None:
    assert _said(dt.date(2022, 1, 20), "en")[0].endswith(": 2022-01 (12 of 31 days) left out.")
    assert _said(dt.date(2022, 1, 20), "id")[0].endswith(
        ": 2022-01 (12 dari 31 hari) tidak dihitung."
    )
    assert _said(dt.date(2022, 1, 1), "en") == []  # whole months: nothing to say
