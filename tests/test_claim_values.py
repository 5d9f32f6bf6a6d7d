"""A claim's values are read as the cleaning reads a cell of their column; dates say why they
were refused; `analysis vocab` lists what a claim may name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.claims.evaluate import compute, derive
from analysis.cli import main
from analysis.region.claim_values import Normaliser, canonical
from analysis.region.config import load_region
from analysis.values.dates import parse_date, weekday_conflict


@pytest.fixture(scope="module")
def depok(root: Path):
    return Normaliser(load_region("depok", root))


@pytest.mark.parametrize(
    ("table", "column", "typed", "stored"),
    [
        ("cases", "statutes", "Pasal 296 KUHP", ["KUHP Pasal 296"]),
        ("cases", "statutes", "psl 27 ayat 1 UU ITE", ["UU ITE Pasal 27 ayat (1)"]),
        ("cases", "statutes", "UU ITE", ["UU ITE"]),
        ("outreach", "partners", "Pemerintah Kota (Pemkot) Depok", ["Pemkot Depok"]),
        ("outreach", "partners", "Kemkominfo", ["Kominfo"]),
        ("outreach", "district", "Kec. Beji", ["Beji"]),
        ("outreach", "district", "Kec. Pancoran", ["Pancoran (outside: Kota Administrasi Jakarta Selatan)"]),
        ("outreach", "activity_type", "Rapat Koordinasi", ["coordination_meeting"]),
        ("outreach", "activity_type", "coordination_meeting", ["coordination_meeting"]),
        ("cases", "path", "caught_in_the_act", ["caught_in_the_act"]),
        ("outreach", "in_region", False, [False]),
    ],
)  # fmt: skip
def test_a_value_reads_as_its_column_reads_a_cell(depok, table, column, typed, stored) -> None:
    assert depok.values(table, column, typed) == (stored, "")


@pytest.mark.parametrize(
    ("table", "column", "typed", "words"),
    [
        ("cases", "statutes", "Pasal 999", "no known statute recognised in 'Pasal 999'"),
        ("outreach", "partners", "Kominfoo", "unknown value 'Kominfoo'; did you mean 'Kominfo'?"),
        ("outreach", "district", "Bogor Barat", "add it to `districts:` with `outside: <its city>`"),
        ("outreach", "activity_type", "rapat koordinasih", "did you mean 'rapat koordinasi' (coordination_meeting)?"),
        ("cases", "path", "usal", "unknown value 'usal'; did you mean 'usual'?"),
    ],
)  # fmt: skip
def test_a_value_that_reads_as_nothing_known_says_why(depok, table, column, typed, words) -> None:
    found, why = depok.values(table, column, typed)
    assert found == [] and words in why


def test_statute_filters_match_the_article_or_the_whole_law(root: Path) -> None:
    region = load_region("kupang", root)
    day = pd.Timestamp(region.start) + pd.Timedelta(days=40)
    cases = pd.DataFrame(
        {
            "case_id": ["K01", "K02", "K03"],
            "report_date": [day] * 3,
            "statutes": [
                "UU ITE Pasal 27 ayat (1); UU ITE Pasal 45 ayat (1)",
                "KUHP Pasal 296",
                "UU ITE Pasal 45 ayat (1)",
            ],
        }
    )
    stages = pd.DataFrame(columns=["case_id", "stage", "date"])
    outreach = pd.DataFrame(columns=["district", "date"])
    t = derive({"cases": cases, "case_stages": stages, "outreach": outreach}, region)
    norm = Normaliser(region)

    def count(value: str) -> int:
        claim = {"table": "cases", "where": {"statutes": value}, "aggregate": "count"}
        return compute(canonical(claim, norm), t, region)["value"]

    assert count("Pasal 296 KUHP") == 1  # as the register writes it
    assert count("Pasal 27 ayat (1) UU ITE") == 1
    assert count("UU ITE") == 2  # every article of the law
    assert count("KUHP Pasal 297") == 0


def test_weekday_contradictions_are_named_and_month_first_dates_read() -> None:
    assert parse_date("Minggu, Februari 14 2010, 3:25:50 sore") == dt.date(2010, 2, 14)
    assert parse_date("Sabtu, 3 Mei 2025 pukul 19.00 malam WITA") == dt.date(2025, 5, 3)
    assert parse_date("Jum'at, 3 Mei 2025") is None
    assert weekday_conflict("Jum'at, 3 Mei 2025") == (
        "it names Jum'at (Friday), but 3 May 2025 is a Sabtu (Saturday)"
    )
    assert "is a Rabu (Wednesday)" in weekday_conflict("Kamis (17/1/2024)")
    assert weekday_conflict("Sabtu, 3 Mei 2025") == "" and weekday_conflict("kemarin") == ""


def test_vocab_lists_tables_columns_and_values(capsys) -> None:
    assert main(["vocab"]) == 0
    out = capsys.readouterr().out
    assert "outreach: One row per" in out and "/ Satu baris per" in out
    assert main(["vocab", "--table", "cases"]) == 0
    out = capsys.readouterr().out
    assert "path (values listed)" in out and "`analysis vocab --table cases --column path`" in out
    assert main(["vocab", "--table", "outreach", "--column", "activity_type"]) == 0
    out = capsys.readouterr().out
    assert (
        "coordination_meeting | Coordination meeting | Rapat koordinasi | Rapat Koordinasi" in out
    )
    assert main(["vocab", "--table", "outrech"]) == 2
    assert "did you mean 'outreach'?" in capsys.readouterr().err


def test_the_detail_counts_in_words() -> None:
    from analysis.claims.findings import describe

    one = describe({"kind": "count", "value": 1, "table": "cases", "per_year": {2024: 1}})
    assert one == "1 case (2024: 1)"
    assert describe({"kind": "count", "value": 2, "table": "outreach"}) == "2 activities"
