"""One notebook executed in this worker's warm kernel and rendered beside its output.

Runs inside a pool worker (`run.execute`): the kernel, its one thread and the worker's
warm-up seconds are this module's state, so a worker holds exactly one of each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.run.kernels import NOTEBOOK_TIMEOUT, STARTUP_TIMEOUT, WarmKernel


@dataclass(frozen=True)
class Job:
    """One notebook to execute into dst (staging/notebooks/NAME.ipynb) and render beside it."""

    notebook: str
    dst: str
    params: dict
    cwd: str
    report_dir: str  # relative to cwd; reaches the notebook through ANALYSIS_REPORT_DIR
    label: str = ""  # how progress names it, e.g. "kupang (en) 03_repressive"


KERNEL: WarmKernel | None = None
WARMUP: dict[str, float] = {}  # seconds of this worker's warm-up, told with its first result


THREAD: Any = None


Result = tuple[Job, float, "str | None", dict[str, float]]


def on_kernel_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn on this worker's one kernel thread and wait for it.

    Every kernel and papermill call happens on that thread, so they share one event loop;
    and, being off the main thread, nbclient cannot take SIGTERM over (it would shut the
    kernel down and go on to the next notebook): SIGTERM stays with the worker's own handler in `run.execute`."""
    global THREAD
    if THREAD is None:
        from concurrent.futures import ThreadPoolExecutor

        THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel")
    return THREAD.submit(fn, *args).result()


def warm_kernel(cwd: str) -> WarmKernel:
    global KERNEL
    if KERNEL is not None and KERNEL.cwd != cwd:
        drop_kernel()
    if KERNEL is None:
        from multiprocessing import util

        KERNEL = WarmKernel(cwd)
        # when the pool shuts down (on the kernel thread, like every other kernel call)
        util.Finalize(None, on_kernel_thread, args=(drop_kernel,), exitpriority=10)
    return KERNEL


def drop_kernel() -> None:
    global KERNEL
    if KERNEL is not None:
        k, KERNEL = KERNEL, None
        k.shutdown()


def _cell_error(e: Any, dst: str, name: str) -> str:
    cell = e.cell_index
    try:  # papermill inserts a cell of injected parameters; count cells as the source has them
        import nbformat

        cells = nbformat.read(dst, as_version=4).cells
        injected = [
            i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])
        ]
        if injected and cell > injected[0]:
            cell -= 1
    except Exception:  # the message is still useful without the adjustment
        pass
    return f"notebook {name} failed in cell {cell} (counting from 0): {e.ename}: {e.evalue}"


def execute(job: Job) -> Result:
    """Run one notebook in this worker's kernel (on the kernel thread) and render it."""
    return on_kernel_thread(_execute_here, job)


def _execute_here(job: Job) -> Result:
    """Run one notebook in this worker's kernel and render it.

    Returns (job, seconds, error or None, seconds per phase: kernel start, reset, execute,
    render), so that `reproduce` can say where its time went."""
    import papermill as pm

    t0 = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - since
        return now

    name = Path(job.notebook).stem
    t = t0
    try:
        kernel = warm_kernel(job.cwd)
        t = lap("kernel start", t)
        kernel.enter(job.report_dir)
        t = lap("kernel reset", t)
        cpu = time.process_time()
        pm.execute_notebook(
            job.notebook,
            job.dst,
            parameters=job.params,
            kernel_name="python3",
            cwd=job.cwd,
            progress_bar=False,
            execution_timeout=NOTEBOOK_TIMEOUT,
            start_timeout=STARTUP_TIMEOUT,
            log_output=False,
            request_save_on_cell_execute=False,
            km=kernel.km,
        )
        t = lap("execute", t)
        phases["execute: papermill's own cpu"] = time.process_time() - cpu
        kernel.reset_begin()  # the kernel resets while this worker renders
    except Exception as e:
        drop_kernel()  # whatever it holds now, the next notebook gets a fresh kernel
        secs = time.perf_counter() - t0
        if isinstance(e, pm.PapermillExecutionError):
            return job, secs, _cell_error(e, job.dst, name), phases
        # kernel died, timeout, bad notebook file
        return job, secs, f"notebook {name} failed: {type(e).__name__}: {e}", phases
    _strip_volatile(Path(job.dst))
    from analysis.report.render import render_notebook

    render_notebook(Path(job.dst), Path(job.dst).parent.parent / "html", job.params["lang"])
    lap("render", t)
    for k, v in WARMUP.items():
        phases[f"warm-up: {k}"] = v
    WARMUP.clear()
    return job, time.perf_counter() - t0, None, phases


VOLATILE = ("start_time", "end_time", "duration", "input_path", "output_path")


def _strip_volatile(ipynb: Path) -> None:
    """Drop timestamps and absolute paths so a re-run with the same inputs gives the same file."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    for key in VOLATILE:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        for key in VOLATILE:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, ipynb)
