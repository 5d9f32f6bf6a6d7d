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
from pathlib import Path
from typing import Any

from analysis.errors import InputError
from analysis.run.notebook_job import (
    WARMUP,
    Job,
    Result,
    drop_kernel,
    execute,
    on_kernel_thread,
    warm_kernel,
)
from analysis.run.runlog import say


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

        from analysis.report.render import warm_up

        warm_up()
        t1 = time.perf_counter()
        WARMUP["import papermill, nbconvert"] = t1 - t0
        on_kernel_thread(warm_kernel, cwd)
        WARMUP["kernel start, stack import"] = time.perf_counter() - t1
    except Exception:
        drop_kernel()


def _ping() -> int:
    return os.getpid()


WORKERS_VAR = "ANALYSIS_NOTEBOOK_WORKERS"


def notebook_workers() -> int:
    """How many notebooks run at once: $ANALYSIS_NOTEBOOK_WORKERS, else two (one on a
    one-core machine). Each worker pays for a kernel's start and the stack's import (about
    2.4 s of CPU), which buys time only when a core would otherwise be idle; where something
    else keeps every core busy (`make test` runs one pytest worker per core plus one), one
    notebook worker is cheaper."""
    raw = os.environ.get(WORKERS_VAR, "").strip()
    if not raw:
        return min(2, os.cpu_count() or 1)
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"{WORKERS_VAR}={raw!r}: give a whole number of workers, 1 or more")
    return int(raw)


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
        futs = [self.pool.submit(execute, job) for job in jobs]
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
    import multiprocessing

    # the pool's workers are this process's only multiprocessing children
    procs = multiprocessing.active_children()
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
