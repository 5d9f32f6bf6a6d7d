"""analysis clean on the bundled Kupang data: exact rejects, balanced accounting, safe writes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.clean import flow as clean_mod
from analysis.cli import main
from analysis.kinds.tables import TABLES


def test_writes_every_table_rejects_and_manifest(cleaned) -> None:
    root, _ = cleaned
    out = root / "data/processed/kupang"
    for t in TABLES:
        assert (out / f"{t}.parquet").exists() and (out / f"{t}.csv").exists()
        assert len(pd.read_parquet(out / f"{t}.parquet")) > 0
    assert (out / "rejects.csv").exists() and (out / "manifest.json").exists()


def test_rejects_exactly_the_planted_problems(cleaned, root: Path) -> None:
    _, result = cleaned
    with (root / "data/raw/kupang/planted_problems.csv").open(encoding="utf-8") as fh:
        planted = {(p["file"], p["sheet"], int(p["row"])) for p in csv.DictReader(fh)}
    got = {(r.source_file, r.source_sheet, int(r.source_row)) for r in result.rejects.itertuples()}
    assert got == planted
    kinds = dict(
        zip(
            zip(result.rejects.source_file, result.rejects.source_row, strict=True),
            result.rejects.kind,
            strict=True,
        )
    )
    assert list(kinds.values()).count("duplicate") == 1


def test_reject_lines_name_column_and_suggest(cleaned) -> None:
    _, result = cleaned
    r = result.rejects.set_index("source_row")
    assert r.loc[122, "column"] == "Kecamatan" and "Kupang Tengah" in r.loc[122, "problem"]
    assert "outside the study period" in r.loc[4, "problem"]
    assert r.loc[43, "column"] == "Audience" and "aliases" in r.loc[43, "suggestion"]


def test_manifest_accounting_balances_and_hashes(cleaned) -> None:
    root, _ = cleaned
    m = json.loads((root / "data/processed/kupang/manifest.json").read_text(encoding="utf-8"))
    assert len(m["sources"]) == 11
    for s in m["sources"]:
        assert s["rows_read"] == s["rows_kept"] + s["rows_rejected"] + s["rows_duplicate"], s
    assert sum(s["rows_duplicate"] for s in m["sources"]) == 1
    assert len(m["inputs"]) == 5 and all(len(h) == 64 for h in m["inputs"].values())
    assert {f"{t}.parquet" for t in TABLES} <= set(m["outputs"]) and "rejects.csv" in m["outputs"]
    assert "pandas" in m["packages"]


def test_unknown_label_gets_closest_suggestion(tmp_path: Path, project_copy: Path) -> None:
    from analysis.clean.common import Context, Issues
    from analysis.clean.fields import codes
    from analysis.region.config import load_region

    ctx = Context.for_region(load_region("kupang", project_copy))
    df = pd.DataFrame(
        {
            "audience": ["Pelajarr", "Remaja"],
            "source_file": "f.xlsx",
            "source_sheet": "S",
            "source_row": [5, 6],
        }
    )
    iss = Issues(df, ctx)
    out = codes(iss, df["audience"], "audience", True)
    rej = iss.frame()
    assert out.iloc[1] == "teenagers" and len(rej) == 1
    assert "did you mean 'pelajar'" in rej.iloc[0]["suggestion"]


def test_two_runs_give_identical_bytes(tmp_path: Path, project_copy: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        shutil.copytree(project_copy / "config", d / "config")
        shutil.copytree(project_copy / "data/raw", d / "data/raw")
        clean_mod.clean_region("kupang", root=d)
    files = sorted(p.name for p in (a / "data/processed/kupang").iterdir())
    assert len(files) == 15  # 6 tables x (Parquet, CSV), rejects, manifest, datapackage
    for f in files:
        assert (a / "data/processed/kupang" / f).read_bytes() == (
            b / "data/processed/kupang" / f
        ).read_bytes(), f


def test_interrupted_run_leaves_previous_outputs(
    tmp_path: Path, project_copy: Path, monkeypatch
) -> None:
    d = tmp_path / "p"
    shutil.copytree(project_copy / "config", d / "config")
    shutil.copytree(project_copy / "data/raw", d / "data/raw")
    clean_mod.clean_region("kupang", root=d)
    out = d / "data/processed/kupang"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    from analysis.store import processed as store

    real = store.to_csv

    def dying(df, path):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt("killed halfway")
        real(df, path)

    monkeypatch.setattr(store, "to_csv", dying)
    with pytest.raises(KeyboardInterrupt):
        clean_mod.clean_region("kupang", root=d)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(out.parent.glob(".kupang.tmp-*"))


def test_validate_writes_nothing_and_strict_fails(
    tmp_path: Path, project_copy: Path, monkeypatch, capsys
) -> None:
    d = tmp_path / "v"
    shutil.copytree(project_copy / "config", d / "config")
    shutil.copytree(project_copy / "data/raw", d / "data/raw")
    monkeypatch.setenv("ANALYSIS_ROOT", str(d))
    assert main(["validate", "--region", "kupang"]) == 0
    assert not (d / "data/processed").exists()
    assert main(["validate", "--region", "kupang", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "row 122, column 'Kecamatan'" in out and "exact duplicate of row 9" in out
