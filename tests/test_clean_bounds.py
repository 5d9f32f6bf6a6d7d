"""Every range the cleaning checks has two ends, and each end is tested from both sides.

The threat: a check that loses one of its bounds still passes tests whose data sit inside
the range. A 2026 date kept silently in a study ending 2025-06-30, a count one above the
plausible maximum kept, a 100-year-old or an 18-year-old 'minor': each test below puts a
value on the bound and one just past it. Fields are normalised directly (no workbook), so
the file runs in seconds and suits a mutation run.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.clean.common import Context, Issues
from analysis.clean.fields import counts, dates, dates_in_period
from analysis.values.limits import MAX_COUNT
from analysis.values.normalise import age_band, parse_ages, parse_count

START, END = dt.date(2022, 1, 1), dt.date(2025, 6, 30)


def _issues(values: list, max_count: int = 1_000) -> tuple[Issues, pd.Series]:
    df = pd.DataFrame(
        {
            "source_file": "F01",
            "source_sheet": "S01",
            "source_row": range(2, len(values) + 2),
            "v": pd.Series(values, dtype=object),
        }
    )
    region = SimpleNamespace(start=START, end=END, max_count=max_count)
    return Issues(df, Context(region, vocab=None)), df["v"]


def _rejected(iss: Issues, column: str | None = None) -> dict[int, str]:
    """Spreadsheet row -> problem, for every rejected row (each naming the column given)."""
    f = iss.frame()
    if column is not None:
        assert f["column"].eq(column).all(), f["column"].tolist()
    return dict(zip(f["source_row"].astype(int), f["problem"], strict=True))


def _suggestions(iss: Issues) -> list[str]:
    return iss.frame()["suggestion"].tolist()


# --------------------------------------------------------------------------- the study period
@pytest.mark.parametrize(
    ("raw", "inside"),
    [
        ("31/12/2021", False),
        ("01/01/2022", True),
        ("30/06/2025", True),
        ("01/07/2025", False),
        ("15/01/2026", False),  # the named mutation: a 2026 date in a study ending 2025-06-30
    ],
)
def test_a_date_outside_either_end_of_the_study_period_is_rejected(raw: str, inside: bool) -> None:
    iss, s = _issues([raw])
    out = dates_in_period(iss, s, "date")
    rejected = _rejected(iss)
    if inside:
        assert rejected == {} and out.notna().all()
        assert iss.kept(pd.DataFrame({"v": out})).shape[0] == 1
    else:
        day = dt.datetime.strptime(raw, "%d/%m/%Y").date()
        assert _rejected(iss, "date") == {
            2: f"date {day} is outside the study period 2022-01-01 to 2025-06-30"
        }
        assert _suggestions(iss) == ["check the year, or widen study_period in the config"]
        assert iss.kept(pd.DataFrame({"v": out})).empty


def test_a_date_after_today_is_rejected_and_today_is_not() -> None:
    today = dt.date.today()
    iss, s = _issues(
        [today.strftime("%d/%m/%Y"), (today + dt.timedelta(days=1)).strftime("%d/%m/%Y")]
    )
    dates(iss, s, "date", need=False)
    tomorrow = today + dt.timedelta(days=1)
    assert _rejected(iss, "date") == {3: f"date {tomorrow} is in the future"}
    assert _suggestions(iss) == ["check the year"]


def test_a_required_date_may_not_be_blank_but_an_optional_one_may() -> None:
    iss, s = _issues([None, "", "01/02/2023"])
    dates(iss, s, "date", need=True)
    assert _rejected(iss, "date") == {2: "missing required value", 3: "missing required value"}
    iss, s = _issues([None, "01/02/2023"])
    dates_in_period(iss, s, "date", need=True)
    assert _rejected(iss, "date") == {2: "missing required value"}
    iss, s = _issues([None, "", "01/02/2023"])
    dates(iss, s, "date", need=False)
    assert _rejected(iss) == {}


def test_an_unreadable_date_is_rejected_not_dropped_silently() -> None:
    iss, s = _issues(["32/01/2023", "01/02/2023"])
    out = dates(iss, s, "date", need=False)
    assert list(_rejected(iss, "date")) == [2]
    assert _rejected(iss)[2].startswith("date ") and _rejected(iss)[2].endswith(
        " could not be read"
    )
    assert "32/01/2023" in _rejected(iss)[2]
    assert _suggestions(iss) == ["write it as dd/mm/yyyy or '14 Mar 2023'"]
    assert out.iloc[1] == pd.Timestamp("2023-02-01")


# --------------------------------------------------------------------------- counts
def test_a_count_at_the_plausible_maximum_is_kept_and_one_above_is_withheld() -> None:
    iss, s = _issues([1_000, 1_001, 0, "45 orang"], max_count=1_000)
    out = counts(iss, s, "n")
    assert _rejected(iss, "n") == {
        3: "value is above the plausible maximum of 1,000 for a count (value not shown)"
    }
    assert _suggestions(iss) == [
        "check the cell: an ID or phone number may have been typed here; or raise "
        "privacy.max_count in the region config"
    ]
    assert out.iloc[0] == 1_000 and pd.isna(out.iloc[1]) and out.iloc[2] == 0 and out.iloc[3] == 45


def test_a_negative_or_fractional_count_is_rejected() -> None:
    iss, s = _issues([-1, 2.5, "-3", 3.0])
    out = counts(iss, s, "n")
    rejected = _rejected(iss, "n")
    assert sorted(rejected) == [2, 3, 4] and out.iloc[3] == 3
    assert rejected[3].startswith("value ") and "2.5" in rejected[3]
    assert rejected[3].endswith(" is not a whole number from 0 to 1,000,000")
    assert set(_suggestions(iss)) == {"write a single whole number, e.g. 45"}


def test_a_required_count_may_not_be_blank() -> None:
    iss, s = _issues([None, 4])
    counts(iss, s, "n", need=True)
    assert _rejected(iss, "n") == {2: "missing required value"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, 0),
        (0.0, 0),
        (1.0, 1),
        ("4.5", None),  # a decimal is not a count, not 45
        ("1.5 orang", None),
        (MAX_COUNT, MAX_COUNT),
        (MAX_COUNT + 1, None),
        (float(MAX_COUNT), MAX_COUNT),
        (float(MAX_COUNT + 1), None),
        (-1, None),
        (-0.5, None),
        ("1.000", 1000),  # Indonesian thousands separator
        ("1.000.001", None),
        ("1234567890", None),  # ten digits: an ID or phone number, not a count
        (True, None),
    ],
)
def test_parse_count_keeps_both_ends_of_its_range(raw, expected) -> None:
    assert parse_count(raw) == expected


# --------------------------------------------------------------------------- ages
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, None),
        (1, [1]),
        (99, [99]),
        (100, None),
        ("0 tahun", None),
        ("1 tahun", [1]),
        ("99 tahun", [99]),
        ("100 tahun", None),
        ("15 dan 17 thn", [15, 17]),
        ("16 dan 100", None),  # one unreadable age makes the cell unreadable
        (16.5, None),
        ("17 tahun (lahir 2005)", [17]),
    ],
)
def test_ages_are_whole_years_from_1_to_99(raw, expected) -> None:
    assert parse_ages(raw) == expected


@pytest.mark.parametrize(
    ("age", "band"),
    [(1, "<13"), (12, "<13"), (13, "13-14"), (14, "13-14"), (15, "15-17"), (17, "15-17")]
    + [(18, "18-24"), (24, "18-24"), (25, "25+"), (99, "25+")],
)
def test_age_bands_meet_at_their_ends(age: int, band: str) -> None:
    assert age_band(age) == band


def test_a_minor_is_under_18_and_an_18_year_old_is_not() -> None:
    from analysis.clean.cases import _victim_ages

    df = pd.DataFrame(
        {
            "source_file": "F01",
            "source_sheet": "S01",
            "source_row": [2, 3, 4, 5],
            "victim_age": pd.Series([17, 18, "17 dan 19", "tua"], dtype=object),
        }
    )
    iss = Issues(df, Context(SimpleNamespace(), vocab=None))
    out = pd.DataFrame(index=df.index)
    _victim_ages(iss, df, out)
    assert out["victim_minor"].tolist()[:3] == [True, False, True]
    assert out["victim_age_band"].tolist()[:3] == ["15-17", "18-24", "15-17; 18-24"]
    assert list(_rejected(iss)) == [5]


# --------------------------------------------------------------------------- dates as read
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, None),
        (1, dt.date(1899, 12, 31)),
        (45000, dt.date(2023, 3, 15)),
        ("45000", dt.date(2023, 3, 15)),
        (2958465, dt.date(9999, 12, 31)),
        (2958466, None),
        ("01/02/23", dt.date(2023, 2, 1)),
        ("31/02/2023", None),
    ],
)
def test_excel_serials_and_short_years_read_within_their_range(raw, expected) -> None:
    from analysis.values.dates import parse_date

    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [([2, 4], (2, 4)), ((4, 2), None), (3, (3, 3)), (True, None), ("2–4", (2, 4)), ("4-2", None)],
)
def test_ranges_keep_their_order_and_both_ends(raw, expected) -> None:
    from analysis.values.normalise import parse_range

    assert parse_range(raw) == expected
