"""Executing the notebooks: papermill on a pool of workers, each reusing one warm kernel.

A worker starts one kernel when the pool starts (while the main process is still cleaning),
imports the analysis stack into it once, and runs every notebook it is given in that kernel,
resetting it in between: a fresh namespace, history and execution count, no open figures,
matplotlib settings, warning filters, environment and working folder as they were before the
first notebook. A notebook therefore sees what a fresh kernel would show it, minus the seconds
of starting Python and importing pandas, matplotlib, seaborn and statsmodels again; any
failure throws the kernel away. Each notebook is rendered to HTML in the same worker.

Ctrl-C, SIGTERM or the death of the parent stop every worker and kernel, so an interrupted
`reproduce` leaves no process behind.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.kernels import NOTEBOOK_TIMEOUT, STARTUP_TIMEOUT, WarmKernel


def say(msg: str) -> None:
    """Progress for the terminal, flushed at once (runs take tens of seconds)."""
    print(msg, flush=True)


@dataclass(frozen=True)
class Job:
    """One notebook to execute into dst (staging/notebooks/NAME.ipynb) and render beside it."""

    notebook: str
    dst: str
    params: dict
    cwd: str
    report_dir: str  # relative to cwd; reaches the notebook through ANALYSIS_REPORT_DIR
    label: str = ""  # how progress names it, e.g. "kupang (en) 03_repressive"


# -- in the worker -------------------------------------------------------------------------

_KERNEL: WarmKernel | None = None
_WARMUP: dict[str, float] = {}  # seconds of this worker's warm-up, told with its first result


_THREAD: Any = None


def _on_kernel_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn on this worker's one kernel thread and wait for it.

    Every kernel and papermill call happens on that thread, so they share one event loop;
    and, being off the main thread, nbclient cannot take SIGTERM over (it would shut the
    kernel down and go on to the next notebook): SIGTERM stays `_on_term`'s."""
    global _THREAD
    if _THREAD is None:
        from concurrent.futures import ThreadPoolExecutor

        _THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel")
    return _THREAD.submit(fn, *args).result()


def _kernel(cwd: str) -> WarmKernel:
    global _KERNEL
    if _KERNEL is not None and _KERNEL.cwd != cwd:
        _drop_kernel()
    if _KERNEL is None:
        from multiprocessing import util

        _KERNEL = WarmKernel(cwd)
        # when the pool shuts down (on the kernel thread, like every other kernel call)
        util.Finalize(None, _on_kernel_thread, args=(_drop_kernel,), exitpriority=10)
    return _KERNEL


def _drop_kernel() -> None:
    global _KERNEL
    if _KERNEL is not None:
        k, _KERNEL = _KERNEL, None
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


Result = tuple[Job, float, "str | None", dict[str, float]]


def _execute(job: Job) -> Result:
    """Run one notebook in this worker's kernel (on the kernel thread) and render it."""
    return _on_kernel_thread(_execute_here, job)


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
        kernel = _kernel(job.cwd)
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
        _drop_kernel()  # whatever it holds now, the next notebook gets a fresh kernel
        secs = time.perf_counter() - t0
        if isinstance(e, pm.PapermillExecutionError):
            return job, secs, _cell_error(e, job.dst, name), phases
        # kernel died, timeout, bad notebook file
        return job, secs, f"notebook {name} failed: {type(e).__name__}: {e}", phases
    _strip_volatile(Path(job.dst))
    from analysis.render import render_notebook

    render_notebook(Path(job.dst), Path(job.dst).parent.parent / "html", job.params["lang"])
    lap("render", t)
    for k, v in _WARMUP.items():
        phases[f"warm-up: {k}"] = v
    _WARMUP.clear()
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


def _stop_children() -> None:
    """Kill every process this worker started (kernels run in their own process groups)."""
    import psutil

    for child in psutil.Process().children(recursive=True):
        try:
            if os.getpgid(child.pid) == child.pid:
                os.killpg(child.pid, signal.SIGKILL)
            else:
                child.kill()
        except (ProcessLookupError, PermissionError, psutil.Error):
            pass


def _on_term(signum: int, frame: object) -> None:
    # a stopped worker has nothing left to say: whatever its other threads log while its
    # kernels go (a "kernel died" from papermill) is not the user's business
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    _stop_children()
    os._exit(1)


def _watch_parent(parent: int) -> None:
    """A worker whose parent was killed stops its kernels and exits, leaving no orphans."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            _on_term(signal.SIGTERM, None)


def _worker_init(parent: int, cwd: str | None) -> None:
    """Ctrl-C is the parent's to handle; SIGTERM or the parent's death stop the kernels.

    Then warm up: import papermill and start this worker's kernel with the stack imported,
    while the main process is still busy (cleaning). A failure here is not fatal: the first
    notebook starts a kernel again and reports what went wrong.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    # jsonschema (under nbformat) imports rfc3987_syntax when installed, which compiles a
    # grammar for 1.1 s; notebook schemas never check the "iri" format it serves
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    if cwd is None:
        return
    try:
        t0 = time.perf_counter()
        import papermill  # noqa: F401

        from analysis.render import warm_up

        warm_up()
        t1 = time.perf_counter()
        _WARMUP["import papermill, nbconvert"] = t1 - t0
        _on_kernel_thread(_kernel, cwd)
        _WARMUP["kernel start, stack import"] = time.perf_counter() - t1
    except Exception:
        _drop_kernel()


def _ping() -> int:
    return os.getpid()


class NotebookPool:
    """Two (or `workers`) processes with a warm kernel each, started early and stopped cleanly.

    Use as a context manager: leaving it normally shuts the kernels down; leaving it on an
    exception (Ctrl-C included) terminates workers and kernels at once.
    """

    def __init__(self, workers: int = 2, cwd: Path | None = None) -> None:
        self.workers = workers
        self.cwd = str(cwd) if cwd is not None else None
        self.pool: ProcessPoolExecutor | None = None
        self._env_before = os.environ.get("MPLBACKEND")
        self._pipe_before: Any = None

    def __enter__(self) -> NotebookPool:
        os.environ["MPLBACKEND"] = "Agg"  # inherited by workers and kernels
        # the pool's own pipes must raise BrokenPipeError, not kill this process, when a worker
        # is stopped (the CLI sets SIGPIPE to its default so that `| head` ends quietly)
        if hasattr(signal, "SIGPIPE"):
            self._pipe_before = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        import multiprocessing

        # Linux forks (cheap, and the default there before 3.14); elsewhere the platform's own
        ctx = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(os.getpid(), self.cwd),
        )
        # workers are forked now, while this process is still small and has no threads;
        # block Ctrl-C meanwhile, so none can be hit before its initializer ignores it
        block = hasattr(signal, "pthread_sigmask")
        if block:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.pool.submit(_ping)
        finally:
            if block:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        return self

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        assert self.pool is not None
        try:
            if kind is None:
                self.pool.shutdown(wait=True)
            else:  # Ctrl-C or a failure: no worker or kernel may outlive the run
                _stop_pool(self.pool)
        finally:
            if self._env_before is None:
                os.environ.pop("MPLBACKEND", None)
            else:
                os.environ["MPLBACKEND"] = self._env_before
            # after a stop, the pool's threads may still write to a stopped worker's pipe:
            # SIGPIPE stays ignored for the little time left before this process exits
            if self._pipe_before is not None and kind is None:
                signal.signal(signal.SIGPIPE, self._pipe_before)

    def run(
        self, jobs: list[Job], on_result: Callable[[Result], None] | None = None
    ) -> list[Result]:
        """Execute the jobs in the order given (put the longest first); results as they end,
        each handed to on_result first (in this process, while the workers go on)."""
        assert self.pool is not None
        futs = [self.pool.submit(_execute, job) for job in jobs]
        results = []
        for i, fut in enumerate(as_completed(futs), start=1):
            job, secs, err, phases = fut.result()
            results.append((job, secs, err, phases))
            what = job.label or Path(job.notebook).stem
            state = "FAILED" if err else "executed and rendered"
            say(f"  [{i}/{len(jobs)}] {what}: {state} ({secs:.1f} s)")
            if on_result is not None:
                on_result(results[-1])
        return results


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.terminate()
    for p in procs:
        p.join(10)


def jobs_for(paths: Any, lang: str, staging: Path) -> list[Job]:
    """One job per notebook of the project, writing into staging/{notebooks,html}."""
    (staging / "notebooks").mkdir(parents=True, exist_ok=True)
    (staging / "html").mkdir(parents=True, exist_ok=True)
    # relative paths (kernels run in the project root) keep machine folders out of the reports
    params = {"region": paths.region, "lang": lang, "root": "."}
    report_dir = os.path.relpath(staging, paths.root)
    return [
        Job(
            str(nb),
            str(staging / "notebooks" / nb.name),
            params,
            str(paths.root),
            report_dir,
            f"{nb.stem}",
        )
        for nb in sorted(paths.notebooks.glob("*.ipynb"))
    ]


def run_notebooks(paths: Any, lang: str, staging: Path, workers: int = 2) -> list[str]:
    """Execute every notebook into staging/notebooks; return error messages (empty = success)."""
    jobs = jobs_for(paths, lang, staging)
    with NotebookPool(workers, paths.root) as pool:
        return [err for _, _, err, _ in pool.run(jobs) if err]
