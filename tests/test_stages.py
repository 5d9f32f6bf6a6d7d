"""Stage logs: cleaning rejects only the impossible; the order a case took is data, not an error."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.clean import cases as cases_mod
from analysis.clean.common import Context
from analysis.region.config import Region, load_region

LP1 = "LP/A/7/II/2024/SPKT/POLRES TESTLAND"
LP2 = "LP/B/9/III/2024/SPKT/POLRES TESTLAND"


@pytest.fixture
def ctx(root) -> Context:
    return Context.for_region(load_region("kupang", root))  # period 2022-01-01..2025-06-30


def _rows(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["report_number", "stage", "date"])
    df["source_file"], df["source_sheet"] = "cases/x.xlsx", "Tahapan"
    df["source_row"] = range(2, len(df) + 2)
    return df


def _clean(ctx: Context, rows, today=dt.date(2025, 1, 1)):
    lp_map = {cases_mod._key(LP1): "K01", cases_mod._key(LP2): "K02"}
    cases = pd.DataFrame(
        {"case_id": ["K01", "K02"], "report_date": pd.to_datetime(["2024-02-10", "2024-03-05"])}
    )
    return cases_mod.clean_stages(_rows(rows), ctx, lp_map, cases, today=today)


def test_caught_in_the_act_is_kept_and_named(ctx: Context) -> None:
    """Arrest, search and seizure on the day of the raid, then report and investigation."""
    rows = [
        (LP1, "Penangkapan", "10/02/2024"),
        (LP1, "Penggeledahan", "10/02/2024"),
        (LP1, "Penyitaan", "10/02/2024"),
        (LP1, "Penerimaan Laporan", "10/02/2024"),
        (LP1, "Penyidikan", "11/02/2024"),
        (LP1, "Penahanan", "11/02/2024"),
        (LP1, "Tahap II", "20/03/2024"),
    ]
    out, rej = _clean(ctx, rows)
    assert rej.empty and len(out) == 7
    from analysis.claims.evaluate import case_paths

    paths = case_paths(pd.DataFrame({"case_id": ["K01"]}), out, ctx.region)
    assert paths["path"].tolist() == ["caught_in_the_act"]


def test_unusual_order_is_kept_for_the_findings_to_judge(ctx: Context) -> None:
    rows = [
        (LP2, "Penerimaan Laporan", "05/03/2024"),
        (LP2, "Penahanan", "06/03/2024"),
        (LP2, "Penangkapan", "07/03/2024"),
    ]
    out, rej = _clean(ctx, rows)
    assert rej.empty and len(out) == 3


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ((LP2, "Penangkapan", "01/03/2024"), "before the case's report date 2024-03-05"),
        ((LP2, "Penangkapan", "01/03/2021"), "outside the study period"),
        ((LP2, "Penangkapan", "01/03/2025"), "is in the future"),
        ((LP2, "Sidang putusan", "06/03/2024"), "unknown stage label"),
    ],
)
def test_the_impossible_is_rejected(ctx: Context, row, problem: str) -> None:
    out, rej = _clean(ctx, [(LP2, "Penerimaan Laporan", "05/03/2024"), row])
    assert len(out) == 1 and len(rej) == 1
    assert problem in rej["problem"].iloc[0] and rej["source_row"].iloc[0] == 3


def test_a_stage_not_in_the_regions_order_is_rejected(ctx: Context) -> None:
    stages = {
        "order": ["report", "investigation", "prosecutor_handover"],
        "paths": {"short": ["report", "investigation", "prosecutor_handover"]},
    }
    r = ctx.region
    ctx = Context.for_region(Region(r.slug, r.path, {**r.data, "stages": stages}))
    out, rej = _clean(
        ctx, [(LP2, "Penerimaan Laporan", "05/03/2024"), (LP2, "Lidik", "06/03/2024")]
    )
    assert len(out) == 1 and "not one of this region's stages" in rej["problem"].iloc[0]
