"""The claims engine must be able to fail, and the committed reviewer copy must not go stale."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.claims.findings import evaluate
from analysis.region.config import load_region
from analysis.store.processed import load_tables


@pytest.fixture
def base(cleaned):
    root, _ = cleaned
    return load_tables(root / "data/processed/kupang"), load_region("kupang", root)


def _by_id(findings):
    return {f["id"]: f for f in findings}


def test_all_claims_reproduced_on_bundled_data(base) -> None:
    tables, region = base
    got = _by_id(evaluate(tables, region))
    assert set(got) == {f"C{i}" for i in range(1, 9)}
    # C7 reads the modus, which the k-anonymous shared tables withhold: said, not refuted
    assert got.pop("C7")["withheld"] == ["modus"]
    assert all(f["reproduced"] for f in got.values()), [f["detail"] for f in got.values()]


def test_all_claims_reproduced_on_the_record_level_tier(base, cleaned) -> None:
    tables, region = base
    private = cleaned[1].private_tables
    got = _by_id(evaluate({**tables, **private}, region))
    assert all(f["reproduced"] and not f["withheld"] for f in got.values())


def test_committed_findings_give_the_answers_of_a_fresh_computation(base, root: Path) -> None:
    """The answers, not the bytes: each claim's expectation (from the config), computed value
    and verdict. Wording of the detail may change; the golden test in test_notebooks catches
    that."""
    tables, region = base
    fresh = json.loads(json.dumps(evaluate(tables, region), default=str))
    committed = json.loads((root / "reports/kupang/findings.json").read_text(encoding="utf-8"))
    keys = ("id", "expected", "computed", "reproduced")
    assert [{k: f[k] for k in keys} for f in committed] == [{k: f[k] for k in keys} for f in fresh]
    assert [f["expected"] for f in committed] == [c["expected"] for c in region.claims]


def test_one_case_removed_breaks_the_count(base) -> None:
    tables, region = base
    t = dict(tables)
    t["cases"] = tables["cases"].iloc[1:]
    got = _by_id(evaluate(t, region))
    assert not got["C6"]["reproduced"] and "4 cases" in got["C6"]["detail"]
    assert got["C8"]["reproduced"]  # the remaining cases are still complete


def test_a_thin_month_breaks_the_band(base) -> None:
    tables, region = base
    o = tables["outreach"]
    edu = o[(o.activity_type == "legal_education") & (o.month == "2023-05")]
    t = dict(tables)
    t["outreach"] = o.drop(edu.index[1:])
    got = _by_id(evaluate(t, region))
    assert not got["C1"]["reproduced"]
    assert "1 of 42 months outside 2–4 (2023-05: 1)" in got["C1"]["detail"]


def test_a_missing_patrol_week_and_stage_are_caught(base) -> None:
    tables, region = base
    o = tables["outreach"]
    week = (o.activity_type == "cyber_patrol") & o.date.between("2024-03-04", "2024-03-10")
    st = tables["case_stages"]
    t = dict(tables)
    t["outreach"] = o[~week]
    t["case_stages"] = st[~((st.case_id == "K03") & (st.stage == "arrest"))]
    got = _by_id(evaluate(t, region))
    assert not got["C4"]["reproduced"] and "2024-03-04" in got["C4"]["detail"]
    assert not got["C8"]["reproduced"] and "K03" in got["C8"]["detail"]


def test_modus_share_turns_false(base) -> None:
    tables, region = base
    t = dict(tables)
    c = tables["cases"].copy()
    c["modus"] = ["pimping", "pimping", "pimping", "sextortion", "child_exploitation"]
    t["cases"] = c
    got = _by_id(evaluate(t, region))
    assert not got["C7"]["reproduced"] and "2 of 5 cases (40%)" in got["C7"]["detail"]


def test_expected_values_come_from_config(base) -> None:
    tables, region = base
    region.data["claims"][5]["expected"] = {"equals": 6}
    assert region.claims[5]["id"] == "C6"
    got = _by_id(evaluate(tables, region))
    assert not got["C6"]["reproduced"] and "expected 6" in got["C6"]["detail"]
    assert isinstance(pd.Timestamp(region.start), pd.Timestamp)
