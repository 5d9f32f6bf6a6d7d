"""Parsers for dates, ranges, report numbers and statutes: examples and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.values.dates import DATE_STYLES, format_date, parse_date
from analysis.values.normalise import (
    normalise_statutes,
    parse_count,
    parse_range,
    parse_report_number,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Selasa, 14 Mar 2023", dt.date(2023, 3, 14)),
        ("14/03/2023", dt.date(2023, 3, 14)),
        ("3 Ags 2024", dt.date(2024, 8, 3)),
        ("3 Agu 2024", dt.date(2024, 8, 3)),
        ("12 Okt 2022", dt.date(2022, 10, 12)),
        ("1 Des 2022", dt.date(2022, 12, 1)),
        ("9 Mei 2025", dt.date(2025, 5, 9)),
        ("Jum'at, 3 Feb 2023", dt.date(2023, 2, 3)),
        ("14 Maret 2023 pukul 09.00 WITA", dt.date(2023, 3, 14)),
        ("14-03-2023 20:00 WIB", dt.date(2023, 3, 14)),
        ("5 Nop 2023 WIT", dt.date(2023, 11, 5)),
        (44999.0, dt.date(2023, 3, 14)),
        (dt.datetime(2023, 3, 14, 10, 0), dt.date(2023, 3, 14)),
        ("2023-03-14", dt.date(2023, 3, 14)),
        ("31/02/2023", None),
        ("besok", None),
        ("", None),
        (None, None),
    ],
)
def test_dates(raw, expected) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2–4", (2, 4)),
        ("2-4 kali", (2, 4)),
        ("4 s/d 5", (4, 5)),
        ("3", (3, 3)),
        ("2 sampai 4", (2, 4)),
        ("5-2", None),
        ("sering", None),
    ],
)
def test_ranges(raw, expected) -> None:
    assert parse_range(raw) == expected


def test_counts() -> None:
    assert [parse_count(v) for v in (45, 45.0, "45 orang", "± 60", "1.250", "banyak", -1, 2.5)] == [
        45,
        45,
        45,
        60,
        1250,
        None,
        None,
        None,
    ]


def test_report_number_is_parsed_never_dated() -> None:
    rn = parse_report_number("LP/B/344/X/2024/SPKT/POLDA NUSA TENGGARA TIMUR")
    assert (rn.model, rn.sequence, rn.roman_month, rn.month, rn.year) == ("B", 344, "X", 10, 2024)
    assert rn.unit == "SPKT/POLDA NUSA TENGGARA TIMUR"
    assert parse_report_number("LP / A / 12 / IV / 2023 / SPKT").model == "A"
    assert parse_report_number("LP/B/12/XIII/2023/SPKT") is None
    assert parse_report_number("laporan 12") is None


def test_statutes_to_one_form() -> None:
    a = normalise_statutes(
        "Pasal 27 ayat (1) jo Pasal 45 ayat (1) UU No. 19 Tahun 2016 tentang ITE"
    )
    b = normalise_statutes("psl 27 ayat 1 jo psl 45 ayat 1 UU 11/2008 ITE")
    assert a == b == "UU ITE Pasal 27 ayat (1); UU ITE Pasal 45 ayat (1)"
    assert normalise_statutes("Pasal 76I jo 88 UU 35/2014 Perlindungan Anak; Pasal 296 KUHP") == (
        "UU Perlindungan Anak Pasal 76I; UU Perlindungan Anak Pasal 88; KUHP Pasal 296"
    )
    assert normalise_statutes("UU TPKS") == "UU TPKS"
    assert normalise_statutes("pasal karet") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parsers_never_raise_on_text(s: str) -> None:
    parse_date(s)
    parse_range(s)
    parse_report_number(s)
    parse_count(s)
    normalise_statutes(s)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_parsers_never_raise_on_numbers(v) -> None:
    parse_date(v)
    parse_range(v)
    parse_count(v)


@settings(max_examples=400, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)),
    st.sampled_from(DATE_STYLES),
)
def test_every_supported_style_round_trips(d: dt.date, style: str) -> None:
    assert parse_date(format_date(d, style)) == d


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.sampled_from(["{}–{}", "{}-{} kali", "{} s/d {}", "{} sampai {}"]),
)
def test_ranges_round_trip(a: int, b: int, fmt: str) -> None:
    lo, hi = sorted((a, b))
    assert parse_range(fmt.format(lo, hi)) == (lo, hi)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from("AB"), st.integers(1, 99999), st.integers(1, 12), st.integers(1990, 2099))
def test_report_numbers_round_trip(model: str, seq: int, month: int, year: int) -> None:
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month - 1]
    rn = parse_report_number(f"LP/{model}/{seq}/{roman}/{year}/SPKT/POLDA NTT")
    assert (rn.model, rn.sequence, rn.month, rn.year) == (model, seq, month, year)
