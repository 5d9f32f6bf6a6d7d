"""Interrupted runs: Ctrl-C and kill -9 during `clean` and `reproduce`, as a user would.

Each run is a subprocess in its own session (like a terminal's foreground job); Ctrl-C is a
SIGINT to that whole process group. After an interruption there must be no traceback, no
process left running, the previous outputs byte-identical, and nothing left behind once
the next run has started.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def proj(tmp_path: Path, root: Path) -> Path:
    for part in ("config", "data/raw", "notebooks", "reports/kupang"):
        shutil.copytree(root / part, tmp_path / part)
    return tmp_path


def _start(proj: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "ANALYSIS_ROOT": str(proj), "PYTHONUNBUFFERED": "1"}
    env["ANALYSIS_NOTEBOOK_WORKERS"] = "2"  # a user's pool: two workers, two kernels to stop
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *args, "--region", "kupang"],
        cwd=proj,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(proc: subprocess.Popen, text: str, timeout: float = 60) -> str:
    seen, end = "", time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"{text!r} never printed; output so far:\n{seen}")


def _family(proc: subprocess.Popen) -> list[psutil.Process]:
    try:
        return [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _busy_family(proc: subprocess.Popen, timeout: float = 60) -> list[psutil.Process]:
    """The run's processes once its pool workers and kernels are up (polled, not a fixed
    sleep: quick on a quiet machine, patient on a busy one)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        family = _family(proc)
        if sum("kernel" in " ".join(_cmdline(p)) for p in family) >= 1:
            time.sleep(0.5)  # the kernels are running cells
            return _family(proc)
        time.sleep(0.1)
    raise AssertionError(f"no kernel started within {timeout} s: {_family(proc)}")


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def _all_gone(procs: list[psutil.Process], timeout: float = 15) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(procs, timeout=timeout)
    alive = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
    for p in alive:  # do not leave them running for the rest of the test session
        p.kill()
    return alive


@pytest.mark.parametrize(
    ("sig", "after"),
    [(signal.SIGINT, "read cases/"), (signal.SIGKILL, "normalised and validated")],
)
def test_interrupted_clean_keeps_previous_outputs(proj: Path, sig, after: str) -> None:
    first = _start(proj, "clean")
    assert first.wait(120) == 0
    before = _tree(proj / "data/processed")
    proc = _start(proj, "clean")
    _wait_for(proc, after)
    os.killpg(proc.pid, sig)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in out + err
    if sig == signal.SIGINT and proc.returncode != 0:
        assert proc.returncode == 130 and err.strip().count("\n") == 0, err
        assert "interrupted" in err
    after_tree = _tree(proj / "data/processed")
    if proc.returncode != 0:  # the run did not finish: the old outputs are intact
        assert {k: v for k, v in after_tree.items() if not k.startswith(".")} == before
    nxt = _start(proj, "clean")
    out, err = nxt.communicate(timeout=120)
    assert nxt.returncode == 0 and "Traceback" not in out + err
    assert not [p.name for p in (proj / "data/processed").iterdir() if p.name.startswith(".")]
    if (
        sig == signal.SIGKILL
        and proc.returncode != 0
        and any(k.startswith(".") for k in after_tree)
    ):
        assert "removed .kupang.tmp-" in out


def test_reproduce_interrupted_and_killed(proj: Path) -> None:
    reports = proj / "reports/kupang"
    before = _tree(reports)
    # 1. Ctrl-C while notebooks run: one line, every child stopped, reports untouched
    proc = _start(proj, "reproduce", "--force")
    _wait_for(proc, "executing", timeout=180)
    family = _busy_family(proc)
    assert len(family) > 2, "expected pool workers and kernels"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in out + err, err
    ours = [ln for ln in err.splitlines() if not ln.startswith("[IPKernelApp]")]  # kernel's own
    assert proc.returncode == 130 and len(ours) == 1 and "interrupted" in ours[0], err
    assert _all_gone(family) == []
    assert _tree(reports) == before
    assert not list((proj / "reports").glob(".*staging"))
    # 2. kill -9 while notebooks run: workers and kernels still stop; staging is left behind
    proc = _start(proj, "reproduce", "--force")
    _wait_for(proc, "executing", timeout=180)
    family = _busy_family(proc)
    os.killpg(proc.pid, signal.SIGKILL)  # only the main process's group: kernels are in theirs
    proc.communicate(timeout=30)
    assert _all_gone(family) == []
    assert list((proj / "reports").glob(".*staging"))
    assert _tree(reports) == before
    # 3. the next run removes the leftover with a note (stopped early, to keep the test short)
    proc = _start(proj, "reproduce")
    seen = _wait_for(proc, "removed .kupang-en.staging", timeout=60)
    assert "left in reports/ by an interrupted run" in seen
    _wait_for(proc, "executing", timeout=180)
    family = _family(proc)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in out + err and _all_gone(family) == []
    assert _tree(reports) == before
