"""What the reviewer's copy writes in words and numbers: shares with their intervals,
numbers and dates as each language writes them, and the count sentence that says what
agreement on a reconstruction checks."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.claims.text import computed_text
from analysis.report.frontpage import count_sentence
from analysis.report.tablehtml import render_table
from analysis.values.dates import long_date


def test_a_share_a_claim_relies_on_carries_its_exact_interval() -> None:
    four_of_five = {"computed": "4/5", "expected": {"greater_than": 0.5}}
    assert computed_text(four_of_five, "en") == "80% (4 of 5; 95% CI 28–99%)"
    assert computed_text(four_of_five, "id") == "80% (4 dari 5; SK 95% 28–99%)"
    all_five = {"computed": "5/5", "expected": {"equals": 1.0}}
    assert computed_text(all_five, "en").endswith("95% CI 48–100%)")  # 0.025 ** (1/5)


def test_numbers_and_dates_as_each_language_writes_them() -> None:
    df = pd.DataFrame({"year": [2022], "population": [442758], "rate": [1.5]})
    en, id_ = render_table(df, "en"), render_table(df, "id")
    assert "442,758" in en and "1.50" in en
    assert "442.758" in id_ and "1,50" in id_
    assert ">2022<" in id_ and "2.022" not in id_  # a year is not a thousand
    assert long_date(dt.date(2022, 1, 1), "id") == "1 Januari 2022"
    assert long_date(dt.date(2025, 6, 30), "en") == "30 June 2025"


class _Region(dict):
    pass


def test_the_count_says_what_it_checks() -> None:
    found = [{"reproduced": True}] * 8
    thesis = _Region(reconstruction=True, review={"source": {"kind": "thesis"}})
    news = _Region(reconstruction=True, review={"source": {"kind": "news_report"}})
    real = _Region(reconstruction=False, review={"source": {"kind": "thesis"}})
    assert count_sentence(thesis, found, "en") == (
        "8 of 8 reproduced on the reconstruction; this checks the pipeline, not the thesis."
    )
    assert count_sentence(news, found, "en").endswith("not the news report.")
    assert "bukan berita" in count_sentence(news, found, "id")
    assert "reconstruction" not in count_sentence(real, found, "en")  # real records: no caveat
