"""The claims language: every aggregate can fail, every parameter is checked, periods are clipped.

Tables are built here in code (no bundled data), so each test states its own threat.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.claims import evaluate as claims_eval
from analysis.claims.findings import check, evaluate
from analysis.region.config import ConfigError, load_file


def _base(root: Path) -> dict:
    data = yaml.safe_load((root / "config/regions/kupang.yml").read_text(encoding="utf-8"))
    data["slug"] = "testland"
    # a study period from Wednesday 2024-01-03 to Friday 2024-03-29
    data["study_period"] = {"start": dt.date(2024, 1, 3), "end": dt.date(2024, 3, 29)}
    data["districts"] = [
        {"name": "Beji"},
        {"name": "Pancoran Mas"},
        {"name": "Pancoran", "outside": "Kota Jakarta Selatan"},
    ]
    return data


def _claim(**kw) -> dict:
    return {
        "id": "X1",
        "aspect": "preventive",
        "statement": "a test claim",
        "source": "test",
        **kw,
    }


def _region(tmp_path: Path, root: Path, *cl: dict):
    data = _base(root)
    data["claims"] = list(cl)
    p = tmp_path / "testland.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_file(p)


def _refused(tmp_path: Path, root: Path, claim: dict) -> str:
    with pytest.raises(ConfigError) as e:
        _region(tmp_path, root, claim)
    msg = str(e.value)
    assert "testland.yml" in msg and "Traceback" not in msg
    return msg


def _tables(outreach_rows: list[dict], cases=None, stages=None) -> dict[str, pd.DataFrame]:
    o = pd.DataFrame(outreach_rows)
    o["date"] = pd.to_datetime(o["date"])
    for c, default in (
        ("partners", None),
        ("n_partners", 0),
        ("district", None),
        ("platform", None),
        ("feature", None),
        ("accounts_flagged", 0),
        ("audience", None),
    ):
        if c not in o:
            o[c] = default
    cases = (
        cases if cases is not None else pd.DataFrame(columns=["case_id", "report_date", "modus"])
    )
    stages = stages if stages is not None else pd.DataFrame(columns=["case_id", "stage", "date"])
    return {"outreach": o, "cases": cases, "case_stages": stages}


def _weekly(days: list[str], kind: str = "cyber_patrol") -> list[dict]:
    return [{"date": d, "activity_type": kind} for d in days]


# --------------------------------------------------------------------------- validation
def test_an_unused_parameter_is_refused(tmp_path: Path, root: Path) -> None:
    """The Depok student's bug: a `partner:` a count never reads must not be ignored."""
    msg = _refused(
        tmp_path,
        root,
        _claim(
            table="outreach",
            aggregate="count",
            partner="Kominfo",
            expected={"greater_than": 0},
        ),
    )
    assert "key 'claims[0].partner' is not used by aggregate 'count'" in msg


def test_a_parameter_of_another_aggregate_is_refused(tmp_path: Path, root: Path) -> None:
    msg = _refused(
        tmp_path,
        root,
        _claim(table="outreach", aggregate="count", period="week", expected={"equals": 1}),
    )
    assert "key 'claims[0].period' is not used by aggregate 'count'" in msg


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (
            _claim(
                table="outreach",
                aggregate="sum",
                column=["accounts_flagged", "participants"],
                expected={"equals": 1},
            ),
            "key 'claims[0].column': expected a single column name",
        ),
        (
            _claim(
                table="outreach",
                aggregate="coverage",
                period=["week", "month"],
                expected={"equals": 1},
            ),
            "key 'claims[0].period': expected one of month, week",
        ),
        (
            _claim(table=["outreach", "cases"], aggregate="count", expected={"equals": 1}),
            "key 'claims[0].table': expected a single table name",
        ),
        (
            _claim(table="outreach", aggregate="count", expected={"equals": [1, 2]}),
            "key 'claims[0].expected.equals': expected a single number",
        ),
    ],
)
def test_a_list_where_one_value_is_needed_is_a_config_error(
    tmp_path: Path, root: Path, claim: dict, message: str
) -> None:
    assert message in _refused(tmp_path, root, claim)


def test_a_list_of_platforms_in_where_is_allowed(tmp_path: Path, root: Path) -> None:
    r = _region(
        tmp_path,
        root,
        _claim(
            table="outreach",
            where={"platform": ["wechat", "beetalk"]},
            aggregate="count",
            expected={"at_least": 1},
        ),
    )
    t = _tables(
        [
            {"date": "2024-01-10", "activity_type": "cyber_patrol", "platform": "wechat"},
            {"date": "2024-01-11", "activity_type": "cyber_patrol", "platform": "beetalk"},
            {"date": "2024-01-12", "activity_type": "cyber_patrol", "platform": "michat"},
        ]
    )
    assert claims_eval.compute(r.claims[0], claims_eval.derive(t, r), r)["value"] == 2


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (
            _claim(table="outreech", aggregate="count", expected={"equals": 1}),
            "unknown table 'outreech'; did you mean 'outreach'?",
        ),
        (
            _claim(
                table="outreach",
                where={"activty_type": "raid"},
                aggregate="count",
                expected={"equals": 1},
            ),
            "has no column 'activty_type'; did you mean 'activity_type'?",
        ),
        (
            _claim(
                table="outreach",
                where={"activity_type": "cyber_patrl"},
                aggregate="count",
                expected={"equals": 1},
            ),
            "unknown value 'cyber_patrl'; did you mean 'cyber_patrol'?",
        ),
        (
            _claim(
                table="outreach",
                where={"partners": "Kominfoo"},
                aggregate="count",
                expected={"equals": 1},
            ),
            "unknown value 'Kominfoo'; did you mean 'Kominfo'?",
        ),
        (
            _claim(table="outreach", aggregate="per_period", period="week", expected={"equals": 1}),
            "key 'claims[0].expected.equals' is not an expectation aggregate 'per_period' can check",
        ),
        (
            _claim(table="outreach", aggregate="sum", column="unit", expected={"equals": 1}),
            "column 'unit' is not numeric",
        ),
        (
            _claim(table="outreach", aggregate="averge", expected={"equals": 1}),
            "unknown aggregate 'averge'",
        ),
        (
            _claim(
                table="cases",
                where={"modus": "sextortion"},
                aggregate="share",
                expected={"top_includes": ["sextortion"]},
            ),
            "needs 'rank_by'",
        ),
        (
            _claim(
                table="cases", where={"path": "caught"}, aggregate="count", expected={"equals": 1}
            ),
            "unknown value 'caught'; did you mean 'caught_in_the_act'?",
        ),
    ],
)
def test_unknown_names_are_config_errors_with_a_suggestion(
    tmp_path: Path, root: Path, claim: dict, message: str
) -> None:
    assert message in _refused(tmp_path, root, claim)


# --------------------------------------------------------------------------- periods
def test_edge_weeks_with_few_days_in_the_period_do_not_count(tmp_path: Path, root: Path) -> None:
    """2024-01-03 is a Wednesday (5 of its week's days inside: counts); 2024-03-29 is a
    Friday (5 days inside: counts). Patrolled every counted week -> full coverage."""
    r = _region(tmp_path, root)
    per = claims_eval.periods(r, "week")
    assert per["counts"].tolist()[0] and per["days_in_study"].tolist()[0] == 5
    r.data["study_period"]["start"] = dt.date(2024, 1, 6)  # Saturday: 2 days inside
    per = claims_eval.periods(r, "week")
    assert not per["counts"].tolist()[0] and per["days_in_study"].tolist()[0] == 2
    assert per["counts"].tolist()[1]


def test_a_region_patrolled_every_week_scores_full_coverage(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        where={"activity_type": "cyber_patrol"},
        aggregate="coverage",
        period="week",
        expected={"equals": 1.0},
    )
    r = _region(tmp_path, root, claim)
    r.data["study_period"] = {"start": dt.date(2024, 1, 6), "end": dt.date(2024, 3, 25)}
    # one patrol every Wednesday of the study period; the one-day and two-day edge weeks
    # (2024-01-06/07 and 2024-03-25) have none, and must not count against coverage
    days = pd.date_range("2024-01-10", "2024-03-20", freq="7D").strftime("%Y-%m-%d")
    t = _tables(_weekly(list(days)))
    f = evaluate(t, r)[0]
    assert f["reproduced"], f["detail"]
    t = _tables(_weekly([d for d in days if d != "2024-02-14"]))
    f = evaluate(t, r)[0]
    assert not f["reproduced"] and "2024-02-12" in f["detail"]


def test_rows_outside_the_study_period_are_clipped(tmp_path: Path, root: Path) -> None:
    claim = _claim(table="outreach", aggregate="count", expected={"equals": 1})
    r = _region(tmp_path, root, claim)
    t = _tables(_weekly(["2023-12-31", "2024-02-01", "2024-04-01"]))
    assert evaluate(t, r)[0]["reproduced"]


# --------------------------------------------------------------------------- each aggregate can fail
def _one(tmp_path, root, claim, t) -> dict:
    return evaluate(t, _region(tmp_path, root, claim))[0]


def test_count_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        where={"activity_type": "raid"},
        aggregate="count",
        expected={"at_least": 2},
    )
    t = _tables(_weekly(["2024-01-10", "2024-02-10"], "raid"))
    assert _one(tmp_path, root, claim, t)["reproduced"]
    t = _tables(_weekly(["2024-01-10"], "raid") + _weekly(["2024-02-10"]))
    f = _one(tmp_path, root, claim, t)
    assert not f["reproduced"] and "expected at least 2" in f["detail"]


def test_sum_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        where={"activity_type": "account_blocking_request"},
        aggregate="sum",
        column="accounts_flagged",
        expected={"between": [10, 20]},
    )
    rows = [
        {"date": "2024-01-10", "activity_type": "account_blocking_request", "accounts_flagged": 8},
        {"date": "2024-02-10", "activity_type": "account_blocking_request", "accounts_flagged": 4},
        {"date": "2024-02-11", "activity_type": "cyber_patrol", "accounts_flagged": 50},
    ]
    assert _one(tmp_path, root, claim, _tables(rows))["reproduced"]
    rows[1]["accounts_flagged"] = 40
    f = _one(tmp_path, root, claim, _tables(rows))
    assert not f["reproduced"] and "adds up to 48" in f["detail"]


def test_share_can_fail_and_of_sets_the_denominator(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        where={"partners": "Kominfo"},
        of={"activity_type": "coordination_meeting"},
        aggregate="share",
        expected={"at_least": 0.5},
    )
    rows = [
        {
            "date": "2024-01-10",
            "activity_type": "coordination_meeting",
            "partners": "Kominfo; Pemkot",
        },
        {"date": "2024-01-11", "activity_type": "coordination_meeting", "partners": "Pemkot"},
        {"date": "2024-01-12", "activity_type": "cyber_patrol", "partners": None},
    ]
    f = _one(tmp_path, root, claim, _tables(rows))
    assert f["reproduced"] and "1 of 2 activities (50%)" in f["detail"]
    rows[0]["partners"] = "Pemkot"
    f = _one(tmp_path, root, claim, _tables(rows))
    assert not f["reproduced"] and "0 of 2" in f["detail"]


def test_partner_filter_matches_only_the_partner_named(tmp_path: Path, root: Path) -> None:
    """A list-valued column is matched by containment, and another partner does not count."""
    claim = _claim(
        table="outreach",
        where={"partners": "Pemkot"},
        aggregate="count",
        expected={"greater_than": 0},
    )
    rows = [{"date": "2024-01-10", "activity_type": "coordination_meeting", "partners": "Kominfo"}]
    f = _one(tmp_path, root, claim, _tables(rows))
    assert not f["reproduced"] and f["computed"] == 0


def test_per_period_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        where={"activity_type": "cyber_patrol"},
        aggregate="per_period",
        period="month",
        expected={"each_between": "1-2"},
    )
    t = _tables(_weekly(["2024-01-10", "2024-02-10", "2024-03-10"]))
    assert _one(tmp_path, root, claim, t)["reproduced"]
    t = _tables(_weekly(["2024-01-10", "2024-03-10"]))
    f = _one(tmp_path, root, claim, t)
    assert not f["reproduced"] and "1 of 3 months outside 1–2 (2024-02: 0)" in f["detail"]


def test_coverage_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(table="outreach", aggregate="coverage", period="month", expected={"equals": 1.0})
    t = _tables(_weekly(["2024-01-10", "2024-03-10"]))
    f = _one(tmp_path, root, claim, t)
    assert (
        not f["reproduced"] and "2 of 3 months covered" in f["detail"] and "2024-02" in f["detail"]
    )


def test_values_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="outreach",
        aggregate="values",
        column="platform",
        expected={"includes": ["wechat", "beetalk"], "excludes": ["michat"]},
    )
    rows = [
        {"date": "2024-01-10", "activity_type": "cyber_patrol", "platform": "wechat"},
        {"date": "2024-01-11", "activity_type": "cyber_patrol", "platform": "beetalk"},
    ]
    assert _one(tmp_path, root, claim, _tables(rows))["reproduced"]
    rows[1]["platform"] = "michat"
    f = _one(tmp_path, root, claim, _tables(rows))
    assert not f["reproduced"]
    assert "missing: beetalk" in f["detail"] and "should not occur but does: michat" in f["detail"]


def test_top_includes_can_fail(tmp_path: Path, root: Path) -> None:
    claim = _claim(
        table="cases",
        where={"modus": "pimping"},
        aggregate="share",
        rank_by="modus",
        expected={"top_includes": ["pimping"]},
    )
    cases = pd.DataFrame(
        {
            "case_id": ["K01", "K02", "K03"],
            "report_date": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-03-10"]),
            "modus": ["pimping", "pimping", "sextortion"],
        }
    )
    t = _tables(_weekly(["2024-01-10"]), cases)
    assert _one(tmp_path, root, claim, t)["reproduced"]
    t["cases"] = cases.assign(modus=["pimping", "sextortion", "sextortion"])
    f = _one(tmp_path, root, claim, t)
    assert not f["reproduced"] and "not among the top 1 modus: pimping" in f["detail"]


def test_district_outside_the_region_is_recorded_and_not_counted_as_inside(
    tmp_path: Path, root: Path
) -> None:
    r = _region(tmp_path, root)
    assert r.districts == ["Beji", "Pancoran Mas"]
    assert r.district_aliases["Pancoran"] == "Pancoran (outside: Kota Jakarta Selatan)"
    claim = _claim(
        table="outreach", where={"in_region": True}, aggregate="count", expected={"equals": 2}
    )
    rows = [
        {"date": "2024-01-10", "activity_type": "raid", "district": "Beji"},
        {"date": "2024-01-11", "activity_type": "raid", "district": None},
        {
            "date": "2024-01-12",
            "activity_type": "raid",
            "district": "Pancoran (outside: Kota Jakarta Selatan)",
        },
    ]
    assert _one(tmp_path, root, claim, _tables(rows))["reproduced"]


# --------------------------------------------------------------------------- stage paths
def _stage_frame(case: str, seq: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"case_id": case, "stage": [s for s, _ in seq], "date": pd.to_datetime([d for _, d in seq])}
    )


def test_case_paths_name_the_sequence_each_case_followed(tmp_path: Path, root: Path) -> None:
    r = _region(tmp_path, root)
    usual = list(
        zip(
            r.stage_paths["usual"],
            pd.date_range("2024-01-10", periods=8).strftime("%Y-%m-%d"),
            strict=True,
        )
    )
    caught = [
        ("arrest", "2024-02-01"),
        ("search", "2024-02-01"),
        ("seizure", "2024-02-01"),
        ("report", "2024-02-01"),
        ("investigation", "2024-02-02"),
        ("detention", "2024-02-02"),
        ("prosecutor_handover", "2024-03-01"),
    ]
    swapped = [(s, d) for s, d in usual]
    swapped[3], swapped[4] = ("arrest", usual[4][1]), ("detention", usual[3][1])
    stages = pd.concat(
        [
            _stage_frame("K01", usual),
            _stage_frame("K02", caught),
            _stage_frame("K03", usual[:5]),
            _stage_frame("K04", swapped),
        ]
    )
    cases = pd.DataFrame({"case_id": ["K01", "K02", "K03", "K04"]})
    p = claims_eval.case_paths(cases, stages, r).set_index("case_id")["path"]
    assert p.to_dict() == {
        "K01": "usual",
        "K02": "caught_in_the_act",
        "K03": "incomplete",
        "K04": "out_of_order",
    }
    f = check(
        {"equals": 1.0},
        {
            "kind": "share",
            "value": 0.25,
            "matching": 1,
            "of": 4,
            "table": "cases",
            "not_matching": ["K02", "K03", "K04"],
        },
    )
    assert not f[0] and "K04" in f[1]
