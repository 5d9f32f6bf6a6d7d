"""What a run of `reproduce` says and took: progress lines (`say`), seconds per phase, and
seconds per notebook, so that the next run starts the longest notebooks first. Both are
kept under build/ (the bench reads the phases)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any


def say(msg: str) -> None:
    """Progress for the terminal, flushed at once (runs take tens of seconds)."""
    print(msg, flush=True)


TIMINGS = Path("build") / "notebook-seconds.json"
PHASES = Path("build") / "reproduce-phases.json"


class Phases:
    """Seconds spent per phase of a run, said at the end and kept in build/ for the bench."""

    def __init__(self) -> None:
        self.main: dict[str, float] = {}
        self.workers: dict[str, float] = {}
        self.t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.main[name] = self.main.get(name, 0.0) + now - self.t
        self.t = now

    def add_worker(self, phases: dict[str, float]) -> None:
        for k, v in phases.items():
            self.workers[k] = self.workers.get(k, 0.0) + v

    def describe(self) -> str:
        main = ", ".join(f"{k} {v:.2f}" for k, v in self.main.items())
        work = ", ".join(f"{k} {v:.2f}" for k, v in self.workers.items())
        return f"seconds: {main}" + (f"; summed over notebooks: {work}" if work else "")

    def save(self, root: Path) -> None:
        try:
            (root / PHASES).parent.mkdir(parents=True, exist_ok=True)
            body = {"main": self.main, "workers": self.workers}
            (root / PHASES).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        except OSError:
            pass


def timings(root: Path) -> dict[str, float]:
    try:
        return json.loads((root / TIMINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def longest_first(jobs: list, seconds: dict[str, float]) -> list:
    """Last run's seconds per notebook (unknown ones first, then larger files first)."""

    def key(job: Any) -> tuple[float, int]:
        stem = Path(job.notebook).stem
        return (-seconds.get(stem, float("inf")), -Path(job.notebook).stat().st_size)

    return sorted(jobs, key=key)


def save_timings(root: Path, results: list) -> None:
    seen: dict[str, list[float]] = {}
    for job, secs, err, _ in results:
        if not err:
            seen.setdefault(Path(job.notebook).stem, []).append(secs)
    if not seen:
        return
    merged = {**timings(root), **{k: round(sum(v) / len(v), 2) for k, v in seen.items()}}
    try:
        (root / TIMINGS).parent.mkdir(parents=True, exist_ok=True)
        (root / TIMINGS).write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    except OSError:
        pass
