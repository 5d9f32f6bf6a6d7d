from __future__ import annotations

import shutil
from pathlib import Path

from analysis.cli import main
from analysis.read.rawdata import verify


def test_bundled_raw_files_match_manifest(root: Path) -> None:
    drift = verify(root / "data" / "raw" / "kupang")
    assert drift.ok, drift.describe()


def test_drift_is_detected(tmp_path: Path, root: Path) -> None:
    raw = tmp_path / "kupang"
    shutil.copytree(root / "data" / "raw" / "kupang", raw)
    csv = raw / "outreach" / "patroli_siber_michat.csv"
    csv.write_bytes(csv.read_bytes() + b"2025-06-30,Patroli Siber,MiChat,Nearby users,0,X,\n")
    (raw / "cases" / "extra.csv").write_text("a,b\n", encoding="utf-8")
    (raw / "planted_problems.csv").unlink()
    drift = verify(raw)
    assert drift.changed == ["outreach/patroli_siber_michat.csv"]
    assert drift.unlisted == ["cases/extra.csv"]
    assert drift.missing == ["planted_problems.csv"]


def test_cli_verify_raw(tmp_path: Path, root: Path, monkeypatch, capsys) -> None:
    shutil.copytree(root / "config", tmp_path / "config")
    shutil.copytree(root / "data" / "raw" / "kupang", tmp_path / "data" / "raw" / "kupang")
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    assert main(["verify-raw", "--region", "kupang"]) == 0
    f = tmp_path / "data" / "raw" / "kupang" / "planted_identifiers.csv"
    f.write_text(f.read_text(encoding="utf-8") + "x,y\n", encoding="utf-8")
    assert main(["verify-raw", "--region", "kupang"]) == 1
    assert "changed: planted_identifiers.csv" in capsys.readouterr().err
