"""The Depok 2018 reconstruction: deterministic, honest about itself, and its claims can fail."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analysis.claims.findings import evaluate
from analysis.region.config import load_region
from analysis.store.processed import load_tables

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "reconstruct_depok.py"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("depok")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )
    return out


@pytest.fixture(scope="module")
def depok(tmp_path_factory: pytest.TempPathFactory, root: Path):
    from analysis.clean.flow import clean_region

    proj = tmp_path_factory.mktemp("proj")
    shutil.copytree(root / "config", proj / "config")
    shutil.copytree(root / "data/raw/depok", proj / "data/raw/depok")
    result = clean_region("depok", root=proj)
    return proj, result


def test_script_rebuilds_the_committed_bytes(rebuilt: Path, root: Path) -> None:
    committed = root / "data/raw/depok"
    files = sorted(p.relative_to(rebuilt) for p in rebuilt.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    for f in files:
        assert (rebuilt / f).read_bytes() == (committed / f).read_bytes(), f


def test_every_workbook_says_it_is_a_reconstruction(root: Path) -> None:
    for path in sorted((root / "data/raw/depok").rglob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        text = " ".join(str(c.value) for c in wb["tentang"]["A"] if c.value)
        assert "REKONSTRUKSI" in text and "RECONSTRUCTION" in text
        assert "A1" in text and "F4" in text  # assumptions and facts are both listed
    assert "reconstruction" in load_region("depok", root).get("data_note")


def test_rejects_exactly_the_planted_problems(depok, root: Path) -> None:
    _, result = depok
    with (root / "data/raw/depok/planted_problems.csv").open(encoding="utf-8") as fh:
        planted = {(p["file"], p["sheet"], int(p["row"])) for p in csv.DictReader(fh)}
    got = {(r.source_file, r.source_sheet, int(r.source_row)) for r in result.rejects.itertuples()}
    assert got == planted


def test_all_depok_claims_reproduce_and_can_fail(depok) -> None:
    proj, _ = depok
    tables, region = load_tables(proj / "data/processed/depok"), load_region("depok", proj)
    got = {f["id"]: f for f in evaluate(tables, region)}
    assert all(f["reproduced"] for f in got.values()), [f["detail"] for f in got.values()]
    o = tables["outreach"]
    t = dict(tables)
    t["outreach"] = o[~o["partners"].fillna("").str.contains("Pemkot Depok")]
    t["outreach"] = t["outreach"][t["outreach"]["platform"].ne("beetalk")]
    got = {f["id"]: f for f in evaluate(t, region)}
    assert not got["D4"]["reproduced"] and not got["D2"]["reproduced"]
    assert "missing: beetalk" in got["D2"]["detail"]


def test_kalibata_city_is_recorded_outside_depok(depok) -> None:
    proj, _ = depok
    o = load_tables(proj / "data/processed/depok")["outreach"]
    outside = o[o["district"].fillna("").str.contains("outside")]
    assert len(outside) > 0
    assert set(outside["district"]) == {"Pancoran (outside: Kota Administrasi Jakarta Selatan)"}
    assert "Pancoran" not in load_region("depok", proj).districts


def test_the_social_sanction_is_only_a_statement(depok) -> None:
    proj, _ = depok
    t = load_tables(proj / "data/processed/depok")
    notes = " ".join(t["outreach"]["notes"].dropna()).lower()
    assert "sanksi sosial" not in notes and "wajah" not in notes
    assert not t["outreach"]["activity_type"].str.contains("sanction").any()
    codes = t["segment_codes"]
    assert (codes["theme"] == "social_sanction_proposal").sum() == 2  # one per coder


def test_no_person_is_named(root: Path) -> None:
    """The official is in the news report by name; the data carry his role only."""
    for path in sorted((root / "data/raw/depok").rglob("*")):
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            body = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)
        elif path.is_file():
            body = path.read_text(encoding="utf-8")
        else:
            continue
        assert "Bintoro" not in body and "Kompol" not in body, path


def test_regions_compared_on_what_they_share(root: Path) -> None:
    from analysis.report import compare

    long = compare.metrics(root)
    assert set(long["region"]) == {"Kota Depok", "Kota Kupang"}  # names, not slugs
    depok = long[long["region"] == "Kota Depok"]
    assert depok["per_100k_year"].isna().all()  # no sourced population: no rate, not a guess
    assert "Police reports" not in set(depok["metric"])  # absent, not zero
    kupang = long[long["region"] == "Kota Kupang"]
    kup = kupang[kupang["metric"] == "Police reports"].iloc[0]
    region = load_region("kupang", root)
    years = compare.study_months(region) / 12
    pop = region.get("population")["total"]
    assert kup["per_100k_year"] == round(kup["count"] / pop * 100_000 / years, 3)  # annualised
    lo, hi = (float(x) for x in kup["per_100k_ci"].split("–"))
    assert lo < kup["per_100k_year"] < hi  # an exact Poisson interval around it
    # a rate per resident only for police reports: activities and segments are not rates
    assert kupang[kupang["metric"] != "Police reports"]["per_100k_year"].isna().all()
    wide = compare.shared(long)
    assert "Cyber patrol" in set(wide["metric"])
    assert "Legal education" not in set(wide["metric"])  # Depok has none
