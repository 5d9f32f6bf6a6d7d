"""`analysis export`: each format opens in its own reader with the right labels."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyreadstat  # dev dependency (the `spss` extra): this test runs, it does not skip
import pytest

from analysis.cli import main
from analysis.interop.export import SPSS_MISSING, export_region
from analysis.labels import t
from analysis.store.codebook import describe
from analysis.store.processed import load_tables

CODED = {  # a few coded columns per table and one plain column that must stay as it is
    "cases": ["modus", "status", "victim_sex"],
    "case_stages": ["stage"],
    "outreach": ["activity_type", "aspect"],
    "segment_codes": ["theme"],
}


@pytest.fixture(scope="module")
def tables(cleaned) -> tuple[Path, dict[str, pd.DataFrame]]:
    root, _ = cleaned
    return root, load_tables(root / "data" / "processed" / "kupang")


def _labelled(df: pd.DataFrame, col: str, lang: str) -> list:
    return [t(v, lang) if pd.notna(v) else None for v in df[col]]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_stata_export_opens_with_value_and_variable_labels(tables, tmp_path, lang) -> None:
    root, src = tables
    written = export_region("kupang", "dta", lang=lang, out=tmp_path, root=root)
    assert sorted(p.name for p in written) == sorted(f"{t_}.dta" for t_ in src)
    for table, df in src.items():
        path = tmp_path / f"{table}.dta"
        got = pd.read_stata(path)
        assert list(got.columns) == list(df.columns) and len(got) == len(df)
        for col in CODED.get(table, []):
            assert [v if pd.notna(v) else None for v in got[col]] == _labelled(df, col, lang)
        with pd.io.stata.StataReader(path) as reader:
            labels = reader.variable_labels()
        assert labels["source_row"] == describe(table, "source_row", lang)
        assert (got["source_row"].astype(int) == df["source_row"]).all()
    outreach = pd.read_stata(tmp_path / "outreach.dta")
    assert (outreach["date"] == src["outreach"]["date"]).all()  # dates stay dates
    cases = pd.read_stata(tmp_path / "cases.dta")  # report days are withheld (k-anonymity)
    assert cases["report_date"].isna().all() and src["cases"]["report_date"].isna().all()
    yes_no = {t("yes", lang), t("no", lang)}
    assert set(cases["victim_minor"].dropna()) <= yes_no


def test_spss_export_opens_in_pyreadstat(tables, tmp_path) -> None:
    root, src = tables
    export_region("kupang", "sav", lang="id", out=tmp_path, root=root)
    for table, df in src.items():
        got, meta = pyreadstat.read_sav(str(tmp_path / f"{table}.sav"), apply_value_formats=True)
        assert list(got.columns) == list(df.columns) and len(got) == len(df)
        assert meta.column_names_to_labels["source_file"] == describe(table, "source_file", "id")
        for col in CODED.get(table, []):
            shown = [v if pd.notna(v) else None for v in got[col].astype(object)]
            assert shown == _labelled(df, col, "id")  # withheld codes stay missing
        assert list(got["source_file"]) == list(df["source_file"])


def test_r_csv_export_with_codebook(tables, tmp_path) -> None:
    root, src = tables
    export_region("kupang", "csv-r", lang="id", out=tmp_path, root=root)
    book = pd.read_csv(tmp_path / "codebook.csv", dtype=str, keep_default_na=False)
    for table, df in src.items():
        got = pd.read_csv(tmp_path / f"{table}.csv", dtype=str, keep_default_na=False)
        assert list(got.columns) == list(df.columns) and len(got) == len(df)
        assert list(got["source_row"].astype(int)) == list(df["source_row"])
        for col in CODED.get(table, []):
            rows = book[(book["table"] == table) & (book["column"] == col)]
            assert dict(zip(rows["value"], rows["value_label"], strict=True)) == {
                v: t(v, "id") for v in rows["value"]
            }
            assert set(got[col]) - {"NA"} <= set(rows["value"])
    assert set(book["label"]) >= {describe("cases", "modus", "id")}
    minor = pd.read_csv(tmp_path / "cases.csv", dtype=str)["victim_minor"]
    assert set(minor.dropna()) <= {"TRUE", "FALSE"}


def test_spss_without_pyreadstat_says_how_to_install(tables, tmp_path, monkeypatch, capsys):
    root, _ = tables
    monkeypatch.setitem(sys.modules, "pyreadstat", None)  # as if the extra were absent
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    code = main(["export", "--region", "kupang", "--format", "sav", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == f"error: {SPSS_MISSING}"
    assert len(err.strip().splitlines()) == 1 and list(tmp_path.iterdir()) == []


def test_export_without_processed_tables_names_the_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "config" / "regions").mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    code = main(["export", "--region", "nowhere", "--format", "dta"])
    assert code == 2 and "analysis clean" in capsys.readouterr().err
