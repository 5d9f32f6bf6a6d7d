"""The benchmark figures: cleaning CSV and .xlsx against reading them, `reproduce`, and the
student's loop (`validate` and `findings` against importing pandas)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from analysis.bench import synthetic
from analysis.bench.measure import alternate, run_step


def _project(tmp: Path, root: Path, slugs: list[str]) -> Path:
    """A throwaway project: the Kupang config copied under each slug, no raw data yet."""
    proj = tmp
    (proj / "config" / "regions").mkdir(parents=True, exist_ok=True)
    text = (root / "config" / "regions" / "kupang.yml").read_text(encoding="utf-8")
    for slug in slugs:
        cfg = text.replace("slug: kupang", f"slug: {slug}", 1)
        (proj / "config" / "regions" / f"{slug}.yml").write_text(cfg, encoding="utf-8")
    return proj


def ratio_row(name: str, m: dict, target: float | None) -> dict:
    return {
        "name": name,
        "value": round(m["ratio"], 2),
        "spread": round(m["spread"], 2),
        "target": target,
        "unit": "ratio",
    }


def _file_bench(tmp: Path, root: Path, rows: int, repeats: int, kind: str) -> list[dict]:
    proj = _project(tmp / kind, root, ["kupang"])
    path = proj / "data/raw/kupang/outreach" / f"synthetic.{kind}"
    print(f"{kind}: building {rows:,} synthetic outreach rows ...", flush=True)
    (synthetic.write_csv if kind == "csv" else synthetic.write_xlsx)(rows, path)
    peaks: list[float] = []

    def subject() -> float:
        r = run_step("clean", str(proj))
        peaks.append(r["peak_mb"])
        return r["seconds"]

    m = alternate(lambda: run_step(f"floor-{kind}", str(path))["seconds"], subject, repeats)
    reader = "pyarrow" if kind == "csv" else "calamine"
    target = 3.0 if kind == "csv" else 1.5
    return [
        ratio_row(f"{kind}_clean_{rows}_vs_{reader}_read", m, target),
        {
            "name": f"{kind}_clean_seconds",
            "value": round(m["subject_s"], 2),
            "spread": None,
            "target": None,
            "unit": "s",
        },
        {
            "name": f"{kind}_clean_peak_memory",
            "value": round(max(peaks)),
            "spread": None,
            "target": 2048,
            "unit": "MB",
        },
    ]


def csv(tmp: Path, root: Path, rows: int, repeats: int) -> list[dict]:
    return _file_bench(tmp, root, rows, repeats, "csv")


def xlsx(tmp: Path, root: Path, rows: int, repeats: int) -> list[dict]:
    return _file_bench(tmp, root, rows, repeats, "xlsx")


def _stack_notebooks(tmp: Path, n: int) -> float:
    """Seconds to execute n notebooks that only import the stack, one after another."""
    import nbformat
    import papermill as pm
    from nbformat.v4 import new_code_cell, new_notebook

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
    empty = tmp / "stack_only.ipynb"
    nbformat.write(nb, empty)
    from analysis.run.kernels import kernel_transport

    t0 = time.perf_counter()
    for i in range(n):  # the same kernel transport as `reproduce` uses: a fair, quiet floor
        sockets = tmp / f"sockets_{i}"
        sockets.mkdir(exist_ok=True)
        pm.execute_notebook(
            str(empty),
            str(tmp / f"out_{i}.ipynb"),
            progress_bar=False,
            **kernel_transport(str(sockets)),
        )
    return time.perf_counter() - t0


def reproduce(tmp: Path, root: Path, repeats: int) -> list[dict]:
    """`reproduce --force` for Kupang in English against its 7 notebooks importing the stack
    one after another, alternating; then the no-op `reproduce` (nothing changed), wall time
    of the whole command as a user sees it."""
    import json

    proj = tmp / "repro"
    for sub in ("config", "notebooks", "data/raw"):
        shutil.copytree(root / sub, proj / sub)
    n = len(list((proj / "notebooks").glob("*.ipynb")))
    env = {**os.environ, "ANALYSIS_ROOT": str(proj)}
    cmd = [sys.executable, "-m", "analysis", "reproduce", "--region", "kupang"]
    phases: list[dict] = []

    def full() -> float:
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--force"], env=env, check=True, capture_output=True)
        secs = time.perf_counter() - t0
        phases.append(json.loads((proj / "build/reproduce-phases.json").read_text("utf-8")))
        return secs

    print(f"reproduce --force against {n} stack-only notebooks run one after another ...")
    m = alternate(lambda: _stack_notebooks(tmp, n), full, repeats)
    noops = []
    for _ in range(max(repeats, 5)):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        noops.append(time.perf_counter() - t0)
    noops.sort()
    row = ratio_row("reproduce_vs_sequential_stack_notebooks", m, 0.6)
    # where the subject's time went (main process; workers summed over notebooks), median run
    row["phases"] = phases[
        sorted(range(len(phases)), key=lambda i: sum(phases[i]["main"].values()))[len(phases) // 2]
    ]
    return [
        row,
        {
            "name": "reproduce_force_seconds",
            "value": round(m["subject_s"], 2),
            "spread": None,
            "target": None,
            "unit": "s",
        },
        {
            "name": "reproduce_noop_seconds",
            "value": round(noops[len(noops) // 2], 2),
            "spread": round(noops[-1] - noops[0], 2),
            "target": 0.1,
            "unit": "s",
        },
    ]


def scale(tmp: Path, root: Path, regions: int, rows_each: int) -> list[dict]:
    """Regions cleaned one after another, as `analysis clean` does them: national scale on one
    machine. Each region is read, cleaned and written whole before the next one starts, so
    peak memory follows the largest region, not the national total."""
    slugs = [f"r{i:02d}" for i in range(1, regions + 1)]
    proj = _project(tmp / "scale", root, slugs)
    for i, slug in enumerate(slugs):
        print(f"scale: writing {rows_each:,} rows for region {slug} ...", flush=True)
        synthetic.write_csv(rows_each, proj / "data/raw" / slug / "outreach/log.csv", seed=i)
    total = regions * rows_each
    print(f"scale: cleaning {total:,} rows (in memory, no writing) ...", flush=True)
    r = run_step("clean", str(proj))
    print(f"scale: cleaning and writing {total:,} rows as `analysis clean` does ...", flush=True)
    w = run_step("clean-write", str(proj), echo=True)
    return [
        {
            "name": f"scale_clean_{total}_rows_seconds",
            "value": round(r["seconds"], 1),
            "spread": None,
            "target": None,
            "unit": "s",
        },
        {
            "name": "scale_clean_peak_memory",
            "value": round(r["peak_mb"]),
            "spread": None,
            "target": 8192,
            "unit": "MB",
        },
        {
            "name": f"scale_clean_and_write_{total}_rows_seconds",
            "value": round(w["seconds"], 1),
            "spread": None,
            "target": None,
            "unit": "s",
        },
        {
            "name": "scale_clean_and_write_peak_memory",
            "value": round(w["peak_mb"]),
            "spread": None,
            "target": 8192,
            "unit": "MB",
        },
    ]


# the commands a student runs after every edit, each as a whole process; the floor is the
# same interpreter importing pandas and nothing else
LOOP = (("validate", 1.5), ("findings", 1.2))


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _loop_env(proj: Path, tmp: Path) -> dict[str, str]:
    """The environment of the loop's processes: bytecode cached as a student's Python caches
    it, in a folder of this bench run (so nothing is written into the repository), even
    where the caller sets PYTHONDONTWRITEBYTECODE (some sandboxes do): that would charge
    compiling this package to every run of the commands, and nothing to the floor, whose
    pandas came with its bytecode installed."""
    env = {**os.environ, "ANALYSIS_ROOT": str(proj), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        print("  (PYTHONDONTWRITEBYTECODE is set here: unset for the loop's processes)")
    return env


def loop(tmp: Path, root: Path, repeats: int) -> list[dict]:
    """`analysis validate` and `analysis findings` for Kupang, whole processes as a user
    runs them, against `python -c "import pandas"`, alternating (at least 7 pairs: one run
    is about a second, and a busy machine moves a single pair a lot). Each row keeps the
    1-minute load average before and after it: the figures of a busy machine say so."""
    proj = tmp / "loop"
    for sub in ("config", "data/raw"):
        shutil.copytree(root / sub, proj / sub)
    env = _loop_env(proj, tmp)
    analysis = [sys.executable, "-m", "analysis"]
    floor = [sys.executable, "-c", "import pandas"]
    _wall([*analysis, "clean", "--region", "kupang"], env)  # the tables findings reads
    rows = []
    for command, target in LOOP:
        cmd = [*analysis, command, "--region", "kupang"]
        _wall(cmd, env)  # warm-up: bytecode compiled, files in the page cache
        _wall(floor, env)
        print(f"{command} --region kupang against python -c 'import pandas' ...", flush=True)
        load = os.getloadavg()[0]
        m = alternate(lambda: _wall(floor, env), lambda c=cmd: _wall(c, env), max(repeats, 7))
        loads = [round(load, 2), round(os.getloadavg()[0], 2)]
        print(f"    load average (1 min) before and after: {loads[0]}, {loads[1]}", flush=True)
        rows += [
            {**ratio_row(f"{command}_kupang_vs_import_pandas", m, target), "load": loads},
            {
                "name": f"{command}_kupang_seconds",
                "value": round(m["subject_s"], 2),
                "spread": None,
                "target": None,
                "unit": "s",
            },
        ]
    return rows
