"""Two tiers of case tables: k measured right, reached by generalising then suppressing,
recorded, enforced by the gate and the exports; claims keep working on what is shared."""

from __future__ import annotations

import itertools
import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.claims.findings import evaluate_region
from analysis.clean.disclosure import shareable_tier
from analysis.errors import InputError
from analysis.interop.export import check_shareable
from analysis.kinds.tables import QUASI_IDENTIFIERS
from analysis.privacy import gate
from analysis.privacy.kanon import k_anonymity, l_diversity


def _brute_k(rows: list[tuple]) -> int:
    """The obvious answer: for each record, count the records equal to it."""
    return min(sum(1 for other in rows if other == r) for r in rows)


def test_k_matches_a_brute_force_count_with_missing_values() -> None:
    rng = random.Random(20)
    for _ in range(200):
        n = rng.randint(1, 12)
        rows = [
            (rng.choice(["a", "b", None]), rng.choice([1, 2, None]), rng.choice(["x", "y"]))
            for _ in range(n)
        ]
        df = pd.DataFrame(rows, columns=["modus", "victims", "victim_sex"])
        df["case_id"] = [f"K{i:02d}" for i in range(n)]
        df["victims"] = df["victims"].astype("Int64")
        assert k_anonymity(df, ["modus", "victims", "victim_sex"]) == _brute_k(rows)


@pytest.mark.parametrize(
    "dtypes",
    [
        {"victims": "Int64", "victim_minor": "boolean", "modus": "str"},
        {"victims": "float64", "victim_minor": "object", "modus": "object"},
        {"victims": "object", "victim_minor": "boolean", "modus": "string"},
    ],
)
def test_k_is_the_same_whatever_dtype_holds_the_values(dtypes: dict) -> None:
    """Values are compared as such for text, whole numbers and booleans, as text otherwise:
    both give the brute-force count, a missing value matching only another missing one."""
    rng = random.Random(25)
    for _ in range(100):
        n = rng.randint(1, 10)
        rows = [
            (rng.choice([1, 2, None]), rng.choice([True, False, None]), rng.choice(["a", None]))
            for _ in range(n)
        ]
        df = pd.DataFrame(rows, columns=["victims", "victim_minor", "modus"]).astype(dtypes)
        df["case_id"] = [f"K{i:02d}" for i in range(n)]
        assert k_anonymity(df, ["victims", "victim_minor", "modus"]) == _brute_k(rows)


def test_a_case_s_rows_are_its_record_in_any_order() -> None:
    df = pd.DataFrame(
        {
            "case_id": ["K01", "K01", "K02", "K02", "K03"],
            "days_since_report": pd.array([0, 7, 7, 0, 0], dtype="Int64"),
        }
    )
    assert k_anonymity(df, ["days_since_report"]) == 1  # K03 alone
    assert k_anonymity(df[df.case_id != "K03"], ["days_since_report"]) == 2


def test_k_counts_cases_not_rows_in_a_stage_table() -> None:
    # two cases with the same stage dates, one different: k = 1 (not 8, not 2)
    days = ["2023-01-01", "2023-01-05"]
    rows = [("K01", d) for d in days] + [("K02", d) for d in days] + [("K03", "2023-02-01")]
    df = pd.DataFrame(rows, columns=["case_id", "date"])
    assert k_anonymity(df) == 1
    assert k_anonymity(df[df.case_id != "K03"]) == 2


def test_l_diversity_counts_distinct_sensitive_values_per_class() -> None:
    df = pd.DataFrame(
        {
            "case_id": ["K1", "K2", "K3", "K4"],
            "victim_sex": ["f", "f", "m", "m"],
            "status": ["a", "b", "a", "a"],
        }
    )
    assert l_diversity(df, ["victim_sex"], "status") == 1


def _cases(n: int, months: list[str], modus: list[str]) -> pd.DataFrame:
    dates = pd.to_datetime([f"{m}-{10 + i % 15:02d}" for i, m in enumerate(months)])
    return pd.DataFrame(
        {
            "case_id": [f"K{i + 1:02d}" for i in range(n)],
            "report_date": dates,
            "report_period": pd.array([d.strftime("%Y-%m") for d in dates], dtype="string"),
            "year": pd.array(dates.year, dtype="Int64"),
            "modus": modus,
            "platform": ["michat"] * n,
            "victims": pd.array([1 + i % 2 for i in range(n)], dtype="Int64"),
            "victim_minor": pd.array([i % 2 == 0 for i in range(n)], dtype="boolean"),
            "victim_age_band": ["15-17" if i % 2 == 0 else "18-24" for i in range(n)],
            "victim_sex": ["female"] * n,
            "statutes": ["UU ITE Pasal 27"] * n,
            "status": ["investigation"] * n,
        }
    )


def _tier(cases: pd.DataFrame, k: int = 3) -> tuple[pd.DataFrame, dict]:
    stages = pd.DataFrame(
        {
            "case_id": cases["case_id"],
            "stage": "report",
            "stage_order": 1,
            "date": cases["report_date"],
            "days_since_report": pd.array([0] * len(cases), dtype="Int64"),
        }
    )
    out, report = shareable_tier({"cases": cases, "case_stages": stages}, k)
    assert k_anonymity(out["case_stages"]) is None  # stage dates never shared
    return out["cases"], report


def test_generalising_stops_as_soon_as_k_holds_and_keeps_the_rest() -> None:
    # nine cases in three quarters, three per quarter, one modus per quarter: reaching k=3
    # needs quarters, never the modus, and no case is dropped
    months = ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"] + ["2023-07"] * 3
    modus = ["sextortion"] * 3 + ["pimping"] * 3 + ["child_exploitation"] * 3
    cases = _cases(9, months, modus)
    cases["victim_minor"] = pd.array([True] * 9, dtype="boolean")
    cases["victims"] = pd.array([1] * 9, dtype="Int64")
    shared, report = _tier(cases)
    assert len(shared) == 9 and k_anonymity(shared) >= 3
    assert list(shared["modus"]) == modus  # kept: C7-like claims still work
    assert set(shared["report_period"]) == {"2023-Q1", "2023-Q2", "2023-Q3"}
    assert shared["report_date"].isna().all()
    steps = [s["step"] for s in report["tables"]["cases"]["steps"]]
    assert "report month generalised to its quarter" in steps
    assert "report year withheld" not in steps
    assert report["tables"]["cases"]["k_before"] == 1
    assert report["tables"]["cases"]["k_after"] == k_anonymity(shared)


def test_five_unlike_cases_reach_k_by_suppression_without_losing_a_row() -> None:
    cases = _cases(
        5,
        ["2022-03", "2023-02", "2023-09", "2024-10", "2025-02"],
        ["sextortion", "child_exploitation", "sextortion", "child_exploitation", "pimping"],
    )
    shared, report = _tier(cases)
    assert len(shared) == 5
    assert k_anonymity(shared) >= 3
    assert shared["modus"].isna().all()  # 2, 2 and 1 of each: no modus can be shown
    assert list(shared["platform"]) == ["michat"] * 5  # one value for all: kept
    done = {s["column"] for s in report["tables"]["cases"]["steps"]}
    assert {"report_date", "victim_age_band", "modus", "year"} <= done


def test_fewer_cases_than_k_show_no_quasi_identifier_at_all() -> None:
    shared, report = _tier(_cases(2, ["2024-02", "2024-03"], ["pimping", "pimping"]))
    for col in QUASI_IDENTIFIERS["cases"]:
        if col in shared:
            assert shared[col].isna().all(), col
    assert report["tables"]["cases"]["shown_after"] == []


def test_processed_kupang_meets_k_and_private_keeps_the_records(cleaned) -> None:
    root, result = cleaned
    processed = root / "data/processed/kupang"
    for name in ("cases", "case_stages"):
        for fmt in ("csv", "parquet"):
            path = processed / f"{name}.{fmt}"
            df = pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)
            k = k_anonymity(df)
            assert k is None or k >= 3, (path, k)
    private = root / "data/private/kupang"
    record = pd.read_parquet(private / "cases.parquet")
    assert k_anonymity(record) == 1  # the reason the tier exists
    assert record["report_date"].notna().all()
    stages = pd.read_parquet(processed / "case_stages.parquet")
    assert stages["date"].isna().all() and stages["days_since_report"].notna().all()
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    sdc = manifest["disclosure"]
    assert sdc["k_target"] == 3
    assert sdc["tables"]["cases"]["k_before"] == 1 and sdc["tables"]["cases"]["k_after"] >= 3
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    assert package["disclosure"] == sdc


def test_gate_refuses_record_level_case_tables_naming_columns_not_values(
    cleaned, tmp_path: Path
) -> None:
    root, _ = cleaned
    out = tmp_path / "share"
    out.mkdir()
    shutil.copy(root / "data/private/kupang/cases.csv", out / "cases.csv")
    shutil.copy(root / "data/private/kupang/case_stages.parquet", out / "case_stages.parquet")
    with pytest.raises(gate.PrivacyGateError) as e:
        gate.check(out, what="test outputs")
    msg = str(e.value)
    assert "cases.csv: k-anonymity" in msg and "case_stages.parquet: k-anonymity" in msg
    assert "report_date" in msg and "privacy.k" in msg
    for value in ("2023-02-21", "15-17", "sextortion", "K02"):
        assert value not in msg
    # the shared copy passes the same gate
    gate.check(root / "data/processed/kupang", what="processed")


def test_the_gate_counts_k_against_the_regions_threshold(tmp_path: Path) -> None:
    df = pd.DataFrame({"case_id": ["K1", "K2", "K3"], "modus": ["pimping"] * 3})
    df.to_csv(tmp_path / "cases.csv", index=False)
    gate.check(tmp_path, k=3)
    assert gate.scan([tmp_path], root=tmp_path, k=4) == [("cases.csv", "k-anonymity")]


def test_an_export_below_k_is_refused() -> None:
    cases = _cases(4, ["2024-01", "2024-02", "2024-03", "2024-04"], ["pimping"] * 4)
    with pytest.raises(InputError, match="k = 1 < 3 on columns report_date"):
        check_shareable({"cases": cases}, 3)


def test_claims_on_shared_tables_c8_in_order_c7_withheld(cleaned) -> None:
    root, _ = cleaned
    found = {f["id"]: f for f in evaluate_region("kupang", root)}
    assert found["C8"]["reproduced"]  # order and gaps, not dates
    assert found["C6"]["reproduced"]
    assert found["C7"]["withheld"] == ["modus"] and not found["C7"]["reproduced"]
    assert "privacy.k" in found["C7"]["detail"]
    local = {f["id"]: f for f in evaluate_region("kupang", root, private=True)}
    assert local["C7"]["reproduced"] and not local["C7"]["withheld"]


@pytest.mark.parametrize("k", [0, 1, 2])
def test_privacy_k_below_three_is_a_config_error(project_copy: Path, tmp_path: Path, k) -> None:
    from analysis.region.config import ConfigError, load_file

    text = (project_copy / "config/regions/depok.yml").read_text(encoding="utf-8")
    cfg = tmp_path / "depok.yml"
    cfg.write_text(text.replace("privacy:\n", f"privacy:\n  k: {k}\n", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="privacy.k"):
        load_file(cfg)


def test_every_quasi_identifier_is_a_column_of_its_table() -> None:
    from analysis.kinds.tables import COLUMNS

    for table, cols in QUASI_IDENTIFIERS.items():
        missing = set(cols) - set(COLUMNS[table]) - {"district"}  # no case table has one yet
        assert not missing, (table, missing)
    assert list(itertools.chain(*QUASI_IDENTIFIERS.values()))
