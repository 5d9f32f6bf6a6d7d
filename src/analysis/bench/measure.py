"""Timed steps, each run in a fresh interpreter: `python -m analysis.bench.measure STEP ARG`.

A fresh interpreter per run keeps imports, caches and peak memory of one run out of the
next; the step prints one JSON line with its seconds and peak resident memory.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


# Each step imports what it needs, then returns the work to time: imports are not timed.
def _floor_csv(path: str) -> Callable[[], object]:
    import pyarrow.csv as pacsv

    return lambda: pacsv.read_csv(path)


def _floor_xlsx(path: str) -> Callable[[], object]:
    from python_calamine import CalamineWorkbook

    def read() -> list:
        wb = CalamineWorkbook.from_path(path)
        return [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]

    return read


def _clean(root: str) -> Callable[[], object]:
    from analysis.clean import flow as clean
    from analysis.paths import Paths
    from analysis.region.config import load_region

    base = Path(root)
    slugs = [
        c.stem
        for c in sorted((base / "config" / "regions").glob("*.yml"))
        if (base / "data" / "raw" / c.stem).is_dir()
    ]

    def run() -> None:
        for slug in slugs:
            clean.run(load_region(slug, base), Paths.for_region(slug, base))

    return run


def _clean_write(root: str) -> Callable[[], object]:
    """What `analysis clean` does for every region: clean, write, pass the gate, swap in."""
    from analysis.clean.flow import clean_region

    base = Path(root)
    slugs = [
        c.stem
        for c in sorted((base / "config" / "regions").glob("*.yml"))
        if (base / "data" / "raw" / c.stem).is_dir()
    ]

    def run() -> None:
        for slug in slugs:
            t0 = time.perf_counter()
            clean_region(slug, base, progress=lambda msg: None)
            print(
                f"    {slug}: cleaned and written in {time.perf_counter() - t0:.1f} s", flush=True
            )

    return run


STEPS: dict[str, Callable[[str], Callable[[], object]]] = {
    "floor-csv": _floor_csv,
    "floor-xlsx": _floor_xlsx,
    "clean": _clean,
    "clean-write": _clean_write,
}


def run_step(
    step: str, arg: str, env: dict[str, str] | None = None, echo: bool = False
) -> dict[str, float]:
    """Run one step in a child interpreter; return its seconds and peak memory (MB).
    With echo, the step's progress lines are shown as they come."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis.bench.measure", step, arg],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    lines = []
    for line in proc.stdout or []:
        lines.append(line)
        if echo and not line.startswith("{"):
            print(line, end="", flush=True)
    if proc.wait() != 0:
        raise subprocess.CalledProcessError(proc.returncode, f"bench step {step}")
    return json.loads(lines[-1])


def alternate(
    floor: Callable[[], float], subject: Callable[[], float], repeats: int
) -> dict[str, float]:
    """Floor, subject, floor, subject, ...: the median ratio and its spread over the pairs."""
    ratios, floors, subjects = [], [], []
    for i in range(repeats):
        f, s = floor(), subject()
        floors.append(f)
        subjects.append(s)
        ratios.append(s / f)
        print(f"    run {i + 1}/{repeats}: floor {f:.2f} s, subject {s:.2f} s, ratio {s / f:.2f}")
    return {
        "ratio": statistics.median(ratios),
        "spread": max(ratios) - min(ratios),
        "floor_s": statistics.median(floors),
        "subject_s": statistics.median(subjects),
    }


def main(argv: list[str]) -> int:
    step, arg = argv
    work = STEPS[step](arg)
    t0 = time.perf_counter()
    work()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
