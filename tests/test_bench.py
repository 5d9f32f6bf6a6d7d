"""The benchmark machinery (`make bench`): each figure is a median over alternating runs,
and each step runs in its own interpreter on a throwaway project."""

from __future__ import annotations

import itertools
from pathlib import Path

from analysis.bench import suites, synthetic
from analysis.bench.measure import alternate, run_step


def test_alternate_reports_the_median_ratio_and_its_spread() -> None:
    floors = iter([1.0, 2.0, 1.0])
    subjects = iter([3.0, 10.0, 5.0])
    order = []

    def floor() -> float:
        order.append("floor")
        return next(floors)

    def subject() -> float:
        order.append("subject")
        return next(subjects)

    m = alternate(floor, subject, 3)
    assert order == list(itertools.chain.from_iterable(["floor", "subject"] for _ in range(3)))
    assert (m["ratio"], m["spread"]) == (5.0, 2.0)  # ratios 3, 5, 5
    assert (m["floor_s"], m["subject_s"]) == (1.0, 5.0)


def test_a_clean_step_runs_in_a_child_and_reports_time_and_memory(
    tmp_path: Path, root: Path
) -> None:
    proj = suites._project(tmp_path / "p", root, ["kupang"])
    synthetic.write_csv(500, proj / "data/raw/kupang/outreach/log.csv")
    for step in ("clean", "clean-write"):
        r = run_step(step, str(proj))
        assert r["seconds"] > 0 and r["peak_mb"] > 10, (step, r)
    assert (proj / "data/processed/kupang/outreach.parquet").is_file()  # clean-write wrote
