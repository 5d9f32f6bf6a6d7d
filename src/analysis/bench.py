"""`make bench`: performance ratios measured in one run (DESIGN section 9).

Every figure is a ratio against a floor measured in the same run on the same machine, so
the numbers travel between machines. Nothing here is a test: it prints and writes
build/bench.json, it never fails on a slow result.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import find_root

CSV_ROWS = 1_000_000
XLSX_ROWS = 100_000


def _synthetic(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2022-01-01", "2025-06-30", freq="D")
    d = days[rng.integers(0, len(days), n)]
    styles = rng.integers(0, 3, n)
    date = np.where(
        styles == 0,
        d.strftime("%d/%m/%Y"),
        np.where(styles == 1, d.strftime("%Y-%m-%d"), d.strftime("%d-%m-%Y 20:00 WITA")),
    )
    pick = lambda xs: np.asarray(xs, dtype=object)[rng.integers(0, len(xs), n)]  # noqa: E731
    return pd.DataFrame(
        {
            "Tanggal": date,
            "Jenis Kegiatan": pick(
                ["Sosialisasi Hukum", "sosialisasi hukum", "Patroli Siber", "Pengawasan Penginapan"]
            ),
            "Sasaran": pick(["Remaja", "Pelajar", "Masyarakat Umum", "Mahasiswa", ""]),
            "Jml Peserta": rng.integers(10, 200, n).astype(str),
            "Kecamatan": pick(
                ["Oebobo", "Kec. Alak", "Maulafa", "Kota Raja", "Kelapa Lima", "Kota Lama"]
            ),
            "Instansi Mitra": pick(["", "DP3A Kota Kupang", "Diskominfo, Disdikbud", "Satpol PP"]),
            "Satuan": pick(["Ditbinmas", "Subdit V Siber"]),
            "Keterangan": pick(["", "", "", "lancar", "hujan"]),
        }
    )


def _project(tmp: Path, root: Path) -> Path:
    proj = tmp / "proj"
    shutil.copytree(root / "config", proj / "config")
    (proj / "data/raw/kupang/outreach").mkdir(parents=True)
    return proj


def _child(code: str, cwd: Path) -> tuple[float, float]:
    """Run code in a fresh interpreter; return (seconds it reports, peak RSS in MB)."""
    wrapper = (
        "import resource, time\n"
        + code
        + "\nprint('SECONDS', elapsed)\nprint('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout
    vals = dict(line.split() for line in out.splitlines() if line.startswith(("SECONDS", "PEAK")))
    return float(vals["SECONDS"]), float(vals["PEAK"])


CLEAN_CODE = """
from pathlib import Path
from analysis.config import load_region
from analysis.paths import Paths
from analysis import clean
root = Path({root!r})
region = load_region("kupang", root)
t0 = time.perf_counter()
res = clean.run(region, Paths.for_region("kupang", root))
elapsed = time.perf_counter() - t0
"""
CSV_FLOOR = """
import pyarrow.csv as pacsv
t0 = time.perf_counter()
tbl = pacsv.read_csv({path!r})
elapsed = time.perf_counter() - t0
"""
XLSX_FLOOR = """
from python_calamine import CalamineWorkbook
t0 = time.perf_counter()
wb = CalamineWorkbook.from_path({path!r})
rows = [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]
elapsed = time.perf_counter() - t0
"""


def bench_csv(tmp: Path, root: Path) -> list[dict]:
    proj = _project(tmp / "csv", root)
    path = proj / "data/raw/kupang/outreach/synthetic.csv"
    print(f"building {CSV_ROWS:,} synthetic outreach rows as CSV ...", flush=True)
    _synthetic(CSV_ROWS).to_csv(path, index=False)
    floor, _ = _child(CSV_FLOOR.format(path=str(path)), proj)
    secs, peak = _child(CLEAN_CODE.format(root=str(proj)), proj)
    print(f"  CSV read floor (pyarrow) {floor:.2f} s; cleaning {secs:.2f} s; peak {peak:,.0f} MB")
    return [
        {
            "name": "csv_clean_vs_pyarrow_read",
            "value": round(secs / floor, 2),
            "target": 3.0,
            "unit": "ratio",
        },
        {"name": "csv_clean_peak_memory", "value": round(peak, 0), "target": 2048, "unit": "MB"},
        {"name": "csv_clean_seconds", "value": round(secs, 2), "target": None, "unit": "s"},
    ]


def bench_xlsx(tmp: Path, root: Path) -> list[dict]:
    from openpyxl import Workbook

    proj = _project(tmp / "xlsx", root)
    path = proj / "data/raw/kupang/outreach/synthetic.xlsx"
    print(f"building {XLSX_ROWS:,} synthetic outreach rows as .xlsx ...", flush=True)
    df = _synthetic(XLSX_ROWS)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    wb.save(path)
    floor, _ = _child(XLSX_FLOOR.format(path=str(path)), proj)
    secs, peak = _child(CLEAN_CODE.format(root=str(proj)), proj)
    print(
        f"  .xlsx read floor (calamine) {floor:.2f} s; cleaning {secs:.2f} s; peak {peak:,.0f} MB"
    )
    return [
        {
            "name": "xlsx_clean_vs_calamine_read",
            "value": round(secs / floor, 2),
            "target": 1.5,
            "unit": "ratio",
        },
        {"name": "xlsx_clean_peak_memory", "value": round(peak, 0), "target": 2048, "unit": "MB"},
    ]


def bench_reproduce(tmp: Path, root: Path) -> list[dict]:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    proj = tmp / "repro"
    for sub in ("config", "notebooks", "data/raw"):
        shutil.copytree(root / sub, proj / sub)
    n = len(list((proj / "notebooks").glob("*.ipynb")))
    print(f"executing {n} stack-only notebooks one after another (the floor) ...", flush=True)
    empty = tmp / "empty.ipynb"
    nb = new_notebook(
        cells=[
            new_code_cell("import pandas, matplotlib.pyplot, seaborn, statsmodels.api, analysis")
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, empty)
    import papermill as pm

    t0 = time.perf_counter()
    for i in range(n):
        pm.execute_notebook(
            str(empty), str(tmp / f"empty_{i}.ipynb"), kernel_name="python3", progress_bar=False
        )
    floor = time.perf_counter() - t0
    cmd = [sys.executable, "-m", "analysis", "reproduce", "--region", "kupang"]
    env_root = {"ANALYSIS_ROOT": str(proj)}
    import os

    env = {**os.environ, **env_root}
    print("running analysis reproduce --force ...", flush=True)
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--force"], env=env, check=True, capture_output=True)
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    noop = time.perf_counter() - t0
    print(
        f"  floor {floor:.1f} s for {n} notebooks; reproduce --force {full:.1f} s; no-op re-run {noop:.2f} s"
    )
    return [
        {
            "name": "reproduce_vs_sequential_stack_notebooks",
            "value": round(full / floor, 2),
            "target": 1.0,
            "unit": "ratio",
        },
        {"name": "reproduce_noop_seconds", "value": round(noop, 2), "target": 1.0, "unit": "s"},
    ]


def main() -> int:
    root = find_root()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as t:
        tmp = Path(t)
        for step in (bench_csv, bench_xlsx, bench_reproduce):
            results += step(tmp, root)
    print("\nname                                         value   target  unit   met")
    for r in results:
        met = "" if r["target"] is None else ("yes" if r["value"] <= r["target"] else "NO")
        print(f"{r['name']:<42} {r['value']:>8} {str(r['target']):>8}  {r['unit']:<6} {met}")
    out = root / "build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
