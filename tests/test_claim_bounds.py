"""Every bound a claim checks is a bound: each test fails when one side of a check is dropped.

A check that only ever sees data inside its range cannot tell `lo <= n <= hi` from `lo <= n`.
Each test here puts one value just inside and one just outside each bound of each aggregate
and expectation (the band of C1, between, at least, at most, more than, equals, includes,
excludes, the top places, the study period that clips rows, the edge periods that count).
The region is Kupang's config with another study period and claims, built in memory, so these
tests run in seconds and suit a mutation run.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis.claims import evaluate as claims_eval
from analysis.claims.findings import check, describe, evaluate
from analysis.region.claims import validate_claim
from analysis.region.config import Region, load_region

ROOT = Path(__file__).resolve().parents[1]

START, END = dt.date(2024, 1, 1), dt.date(2024, 3, 31)


@cache
def _kupang_data() -> dict:
    return load_region("kupang", ROOT).data


def _region(*claims: dict, start: dt.date = START, end: dt.date = END) -> Region:
    """Kupang's config (its codes, stages and paths) with another study period and claims."""
    data = copy.deepcopy(_kupang_data())
    data["study_period"] = {"start": start, "end": end}
    data["claims"] = list(claims)
    return Region("testland", ROOT / "config/regions/testland.yml", data)


def _outreach(*dates: str, kind: str = "legal_education", **cols) -> pd.DataFrame:
    df = pd.DataFrame({"date": pd.to_datetime(list(dates)), "activity_type": kind})
    for c in ("district", "partners", "platform", "feature", "audience"):
        df[c] = None
    df["n_partners"] = df["accounts_flagged"] = 0
    for k, v in cols.items():
        df[k] = v
    return df


def _tables(outreach: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "outreach": outreach,
        "cases": pd.DataFrame(columns=["case_id", "report_date", "modus"]),
        "case_stages": pd.DataFrame(columns=["case_id", "stage", "date"]),
    }


def _claim(aggregate: str, expected: dict, **kw) -> dict:
    return {
        "id": "X1",
        "aspect": "preemptive",
        "statement": "test",
        "source": "test",
        "table": "outreach",
        "aggregate": aggregate,
        "expected": expected,
        **kw,
    }


def _month(month: str, n: int) -> list[str]:
    return [f"{month}-{d:02d}" for d in range(1, n + 1)]


# --------------------------------------------------------------------------- C1's band, in earnest
@pytest.fixture(scope="module")
def kupang(root: Path) -> Region:
    """Kupang's study period and its claim C1 as the config states them."""
    region = load_region("kupang", root)
    c1 = [c for c in region.claims if c["id"] == "C1"]
    assert c1 and c1[0]["expected"] == {"each_between": "2–4"}
    return _region(*c1, start=region.start, end=region.end)


def _c1_months(region, sessions: dict[str, int]) -> pd.DataFrame:
    """Legal-education sessions in every month of Kupang's study period: 3 each, except
    the months given."""
    months = pd.period_range(region.start, region.end, freq="M").strftime("%Y-%m")
    dates = [d for m in months for d in _month(m, sessions.get(m, 3))]
    return _outreach(*dates)


@pytest.mark.parametrize("n", [2, 4])
def test_c1_band_holds_at_both_of_its_ends(kupang, n: int) -> None:
    got = {f["id"]: f for f in evaluate(_tables(_c1_months(kupang, {"2023-05": n})), kupang)}
    assert got["C1"]["reproduced"], got["C1"]["detail"]


@pytest.mark.parametrize("n", [8, 5, 1])
def test_c1_month_outside_the_band_is_not_reproduced(kupang, n: int) -> None:
    """The named mutation: a month with 8 sessions 'reproducing' C1's 2-4 (upper bound
    dropped); 5 is the first value over it, 1 the first under it."""
    got = {f["id"]: f for f in evaluate(_tables(_c1_months(kupang, {"2023-05": n})), kupang)}
    assert not got["C1"]["reproduced"]
    assert f"1 of 42 months outside 2–4 (2023-05: {n})" in got["C1"]["detail"]


# --------------------------------------------------------------------------- each expectation
def _value(v: float) -> dict:
    return {"kind": "count", "value": v, "table": "outreach"}


@pytest.mark.parametrize(
    ("expected", "inside", "outside"),
    [
        ({"between": [2, 4]}, [2, 3, 4], [1, 5]),
        ({"between": "2–4"}, [2, 4], [1.9, 4.1]),
        ({"at_least": 3}, [3, 4], [2, 2.99]),
        ({"at_most": 3}, [3, 0], [4, 3.01]),
        ({"greater_than": 0}, [1, 0.01], [0, -1]),
        ({"equals": 5}, [5], [4, 6]),
    ],
)
def test_scalar_expectations_hold_inside_and_fail_just_outside(expected, inside, outside) -> None:
    for v in inside:
        ok, note = check(expected, _value(v))
        assert ok and note == describe(_value(v)) and note.startswith(f"{v} activit"), (expected, v)
    for v in outside:
        ok, note = check(expected, _value(v))
        assert not ok and note, (expected, v)


def test_a_failing_note_names_the_bound_it_broke() -> None:
    assert "expected between 2 and 4" in check({"between": [2, 4]}, _value(5))[1]
    assert "expected at most 3" in check({"at_most": 3}, _value(4))[1]
    assert "expected more than 0" in check({"greater_than": 0}, _value(0))[1]


def test_every_expectation_must_hold_not_just_one() -> None:
    assert not check({"at_least": 1, "at_most": 3}, _value(4))[0]
    assert not check({"at_most": 3, "at_least": 1}, _value(0))[0]
    assert check({"at_least": 1, "at_most": 3}, _value(2))[0]


def test_an_unreadable_range_fails_the_claim() -> None:
    ok, note = check({"between": "four to two"}, _value(3))
    assert not ok and "cannot read the expected range" in note


def _per_month(counts: dict[str, int]) -> dict:
    return {
        "kind": "per_period",
        "period": "month",
        "per_period": counts,
        "periods": len(counts),
        "min": min(counts.values()),
        "max": max(counts.values()),
    }


def test_each_between_checks_every_period_on_both_sides() -> None:
    assert check({"each_between": "2-4"}, _per_month({"a": 2, "b": 4}))[0]
    for bad in (5, 8, 1, 0):
        ok, note = check({"each_between": "2-4"}, _per_month({"a": 3, "b": bad}))
        assert not ok and f"b: {bad}" in note and "1 of 2 months" in note, bad


def _values(*vs: str) -> dict:
    return {"kind": "values", "column": "platform", "values": sorted(vs), "counts": {}}


def test_includes_needs_every_value_and_excludes_refuses_any() -> None:
    assert check({"includes": ["a", "b"]}, _values("a", "b", "c"))[0]
    ok, note = check({"includes": ["a", "b", "c"]}, _values("a"))
    assert not ok and note == "found a; missing: b, c"
    assert check({"includes": ["a"]}, _values("a")) == (True, "found a")
    assert check({"excludes": ["x"]}, _values("a")) == (True, "found a")
    ok, note = check({"excludes": ["x", "y"]}, _values("a", "y"))
    assert not ok and "should not occur but does: y" in note and "x" not in note.split(":")[-1]


def _ranked(counts: dict[str, int]) -> dict:
    return {"kind": "share", "value": 0.5, "matching": 1, "of": 2, "table": "cases"} | {
        "counts": counts,
        "rank_by": "modus",
    }


def test_top_includes_counts_places_and_ties() -> None:
    counts = {"a": 5, "b": 3, "c": 3, "d": 1}
    assert check({"top_includes": ["a"]}, _ranked(counts))[0]
    assert check({"top_includes": ["a", "c"]}, _ranked(counts))[0]  # b and c tie for 2nd
    ok, note = check({"top_includes": ["b", "d"]}, _ranked(counts))
    assert not ok and "not among the top 2 modus: d; modus counts a 5, b 3, c 3, d 1" in note
    ok, note = check({"top_includes": ["a"]}, _ranked(counts))
    assert ok and note.endswith("; modus counts a 5, b 3, c 3, d 1")
    ok, _ = check({"top_includes": ["a", "d"]}, _ranked(counts))
    assert not ok  # d is 4th, not in the top 2


# --------------------------------------------------------------------------- the study period
@pytest.mark.parametrize(
    ("day", "kept"),
    [
        ("2023-12-31", False),
        ("2024-01-01", True),
        ("2024-03-31", True),
        ("2024-04-01", False),
        ("2026-02-01", False),
    ],
)
def test_claims_count_rows_on_both_ends_of_the_study_period_and_no_further(
    day: str, kept: bool
) -> None:
    r = _region(_claim("count", {"equals": 2}))
    f = evaluate(_tables(_outreach("2024-02-10", day)), r)[0]
    assert f["reproduced"] is kept and f["computed"] == (2 if kept else 1), f["detail"]


def test_a_count_says_what_it_counted_and_shows_the_values_asked_for() -> None:
    claim = _claim("count", {"equals": 3}, show="platform")
    o = _outreach(
        "2024-01-10", "2024-02-10", "2024-03-10", platform=["wechat", "wechat", "beetalk"]
    )
    out = claims_eval.compute(claim, _tables(o), _region(claim))
    assert out["shown"] == {"wechat": 2, "beetalk": 1}
    f = evaluate(_tables(o), _region(claim))[0]
    assert f["reproduced"] and f["detail"] == "3 activities (2024: 3) (wechat, beetalk)"
    claim = _claim("sum", {"equals": 7}, column="accounts_flagged", show="platform")
    o["accounts_flagged"] = [1, 2, 4]
    out = claims_eval.compute(claim, _tables(o), _region(claim))
    assert out["value"] == 7 and out["shown"] == {"wechat": 2, "beetalk": 1}


def test_counts_per_year_are_the_rows_counted() -> None:
    r = _region(_claim("count", {"at_least": 1}), end=dt.date(2025, 6, 30))
    out = claims_eval.compute(
        r.claims[0], _tables(_outreach("2024-02-10", "2025-01-02", "2025-03-03", "2026-01-01")), r
    )
    assert out["value"] == 3 and out["per_year"] == {2024: 1, 2025: 2}


def test_sum_adds_only_matching_rows_inside_the_period() -> None:
    o = pd.concat(
        [
            _outreach(
                "2024-01-10",
                "2024-02-10",
                "2024-02-11",
                "2024-05-01",
                accounts_flagged=[4, 6, None, 100],
            ),
            _outreach("2024-01-11", kind="cyber_patrol", accounts_flagged=[1000]),
        ],
        ignore_index=True,
    )
    claim = _claim(
        "sum",
        {"between": [10, 10]},
        column="accounts_flagged",
        where={"activity_type": "legal_education"},
    )
    f = evaluate(_tables(o), _region(claim))[0]
    assert f["reproduced"] and f["computed"] == 10, f["detail"]


# --------------------------------------------------------------------------- periods
def test_month_edges_count_from_half_their_days() -> None:
    """A study from 16 Jan (16 of 31 days: counts) to 15 Mar (15 of 31: does not)."""
    per = claims_eval.periods(
        _region(start=dt.date(2024, 1, 16), end=dt.date(2024, 3, 15)), "month"
    )
    assert per["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert per["days_in_study"].tolist() == [16, 29, 15]
    assert per["counts"].tolist() == [True, True, False]
    per = claims_eval.periods(
        _region(start=dt.date(2024, 1, 17), end=dt.date(2024, 3, 16)), "month"
    )
    assert per["counts"].tolist() == [False, True, True]
    # 30-day June: 15 days inside (half, rounded up) count; February 2023: 14 of 28 count
    per = claims_eval.periods(
        _region(start=dt.date(2024, 6, 16), end=dt.date(2024, 7, 31)), "month"
    )
    assert per["days_in_study"].tolist()[0] == 15 and per["counts"].tolist()[0]
    per = claims_eval.periods(
        _region(start=dt.date(2023, 2, 15), end=dt.date(2023, 3, 31)), "month"
    )
    assert per["days_in_study"].tolist()[0] == 14 and per["counts"].tolist()[0]
    per = claims_eval.periods(
        _region(start=dt.date(2023, 2, 16), end=dt.date(2023, 3, 31)), "month"
    )
    assert not per["counts"].tolist()[0]


def test_week_edges_count_from_four_days() -> None:
    """Thursday 4 Jan (4 of its week's 7 days: counts) to Wednesday 31 Jan (3: does not)."""
    per = claims_eval.periods(_region(start=dt.date(2024, 1, 4), end=dt.date(2024, 1, 31)), "week")
    assert per["period"].tolist()[0] == "2024-01-01"
    assert per["days_in_study"].tolist() == [4, 7, 7, 7, 3]
    assert per["counts"].tolist() == [True, True, True, True, False]
    assert per["start"].tolist()[0] == pd.Timestamp("2024-01-01")
    assert per["end"].tolist()[0] == pd.Timestamp("2024-01-07")


def test_per_period_counts_zeros_and_leaves_out_uncounted_edges() -> None:
    r = _region(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 10))  # March: 10 days
    o = _outreach("2024-01-05", "2024-01-06", "2024-03-02")
    per = claims_eval.per_period(o, "outreach", r, "month")
    assert per.to_dict() == {"2024-01": 2, "2024-02": 0}


def test_coverage_counts_every_counted_period_once() -> None:
    claim = _claim("coverage", {"equals": 1.0}, period="month")
    r = _region(claim)
    full = _outreach("2024-01-05", "2024-02-05", "2024-02-06", "2024-03-05")
    assert evaluate(_tables(full), r)[0]["reproduced"]
    f = evaluate(_tables(_outreach("2024-01-05", "2024-01-06", "2024-03-05")), r)[0]
    assert not f["reproduced"] and f["computed"] == pytest.approx(2 / 3, abs=1e-4)
    assert "2 of 3 months covered" in f["detail"] and "2024-02" in f["detail"]


def test_per_period_reports_its_lowest_and_highest_month() -> None:
    claim = _claim("per_period", {"each_between": "1-5"}, period="month")
    o = _outreach(*_month("2024-01", 1), *_month("2024-02", 5), *_month("2024-03", 3))
    out = claims_eval.compute(claim, _tables(o), _region(claim))
    assert (out["min"], out["max"], out["periods"]) == (1, 5, 3)


# --------------------------------------------------------------------------- the config's ranges
@pytest.mark.parametrize(
    ("expected", "refused"),
    [
        ({"each_between": "4-2"}, True),  # a reversed band is a typing error
        ({"each_between": "2-4"}, False),
        ({"at_least": True}, True),
        ({"at_least": "3"}, True),
        ({"at_least": 3}, False),
        ({"includes": "a"}, True),
    ],
)
def test_expected_ranges_and_numbers_are_checked_when_the_config_loads(
    expected: dict, refused: bool
) -> None:
    errors: list[str] = []
    agg = "per_period" if "each_between" in expected else "count"
    if "includes" in expected:
        agg = "values"
    claim = _claim(agg, expected, period="month") if agg == "per_period" else _claim(agg, expected)
    if agg == "values":
        claim["column"] = "platform"
    validate_claim(_region(), claim, "claims[0]", errors)
    assert bool([e for e in errors if "expected" in e]) is refused, errors


def test_a_study_with_no_counted_period_reproduces_no_coverage_or_band() -> None:
    """Ten days inside one month: no month counts. Full coverage or 'each month in the band'
    would then be true of nothing; the claims must not pass."""
    short = {"start": dt.date(2024, 1, 10), "end": dt.date(2024, 1, 19)}
    o = _outreach("2024-01-11", "2024-01-12")
    coverage = _claim("coverage", {"equals": 1.0}, period="month")
    f = evaluate(_tables(o), _region(coverage, **short))[0]
    assert not f["reproduced"] and f["computed"] == 0.0
    band = _claim("per_period", {"each_between": "0-4"}, period="month")
    out = claims_eval.compute(band, _tables(o), _region(band, **short))
    assert (out["periods"], out["min"], out["max"]) == (0, 0, 0)
    f = evaluate(_tables(o), _region(band, **short))[0]
    assert not f["reproduced"] and "no month counts in the study period" in f["detail"]


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [
        ("count", {"equals": "five"}),
        ("count", {"greater_than": "0"}),
        ("count", {"at_least": None}),
        ("count", {"at_most": "three"}),
        ("count", {"between": "4-2"}),
        ("count", {"between": [1, "a"]}),
        ("count", {"between": [1, 2, 3]}),
        ("per_period", {"each_between": [2, 4, 6]}),
        ("values", {"includes": "a"}),
        ("values", {"excludes": "a"}),
        ("share", {"top_includes": "a"}),
        ("count", {}),
        ("count", [1]),
    ],
)
def test_every_expectation_refuses_a_value_it_cannot_check(aggregate: str, expected) -> None:
    """A mistyped expectation is a config error naming its key, not a crash or a pass later."""
    claim = _claim(aggregate, expected)
    claim.update(
        {"per_period": {"period": "month"}, "values": {"column": "platform"}}.get(aggregate, {})
    )
    if aggregate == "share":
        claim["rank_by"] = "platform"
    errors: list[str] = []
    validate_claim(_region(), claim, "claims[0]", errors)
    assert [e for e in errors if e.startswith("key 'claims[0].expected")], errors
