"""Executing the notebooks: papermill kernels on a pool of workers, stopped cleanly.

Each notebook runs in a worker process with its own kernel (over local sockets), and is
rendered to HTML in the same worker. Ctrl-C, SIGTERM or the death of the parent stop every
worker and kernel, so an interrupted `reproduce` leaves no process behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from analysis.paths import Paths

NOTEBOOK_TIMEOUT = 600  # seconds per cell


def say(msg: str) -> None:
    """Progress for the terminal, flushed at once (runs take tens of seconds)."""
    print(msg, flush=True)


def kernel_transport(sockets: str) -> dict:
    """Local kernels talk over IPC sockets in a private folder where the OS has them.

    Over TCP, ipykernel logs "Kernel is running over TCP without encryption" on every start;
    a kernel on this machine, for this user, needs no network port. Each kernel gets its own
    socket folder, so parallel workers never share a socket. Windows keeps TCP.
    """
    if os.name == "nt":
        return {}
    from traitlets.config import Config

    ip = os.path.join(sockets, "kernel")
    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": ip}})}


def _execute(
    nb: str, dst: str, params: dict, cwd: str, report_dir: str
) -> tuple[str, float, str | None]:
    """Run one notebook (in a worker process); return (name, seconds, error or None)."""
    import papermill as pm

    t0 = time.perf_counter()
    name = Path(nb).stem
    sockets = tempfile.mkdtemp(prefix="analysis-kernel-")
    # the output folder travels in the environment, so no staging path is written into
    # the notebook as an injected parameter
    os.environ["ANALYSIS_REPORT_DIR"] = report_dir
    try:
        pm.execute_notebook(
            nb,
            dst,
            parameters=params,
            kernel_name="python3",
            cwd=cwd,
            progress_bar=False,
            execution_timeout=NOTEBOOK_TIMEOUT,
            log_output=False,
            **kernel_transport(sockets),
        )
    except pm.PapermillExecutionError as e:
        cell = e.cell_index
        try:  # papermill inserts a cell of injected parameters; count cells as the source has them
            import nbformat

            cells = nbformat.read(dst, as_version=4).cells
            injected = [
                i
                for i, c in enumerate(cells)
                if "injected-parameters" in c.metadata.get("tags", [])
            ]
            if injected and cell > injected[0]:
                cell -= 1
        except Exception:  # the message is still useful without the adjustment
            pass
        return (
            name,
            time.perf_counter() - t0,
            (f"notebook {name} failed in cell {cell} (counting from 0): {e.ename}: {e.evalue}"),
        )
    except Exception as e:  # kernel died, timeout, bad notebook file
        return name, time.perf_counter() - t0, f"notebook {name} failed: {type(e).__name__}: {e}"
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
        os.environ.pop("ANALYSIS_REPORT_DIR", None)
    _strip_volatile(Path(dst))
    # render in the same worker, so HTML export runs in parallel too
    from analysis.render import render_notebook

    render_notebook(Path(dst), Path(dst).parent.parent / "html", params["lang"])
    return name, time.perf_counter() - t0, None


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
    _stop_children()
    os._exit(1)


def _watch_parent(parent: int) -> None:
    """A worker whose parent was killed stops its kernels and exits, leaving no orphans."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            _on_term(signal.SIGTERM, None)


def _worker_init(parent: int) -> None:
    """Ctrl-C is the parent's to handle; SIGTERM or the parent's death stop the kernels."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.terminate()
    for p in procs:
        p.join(10)


def run_notebooks(paths: Paths, lang: str, staging: Path, workers: int = 2) -> list[str]:
    """Execute every notebook into staging/notebooks; return error messages (empty = success)."""
    nbs = sorted(paths.notebooks.glob("*.ipynb"))
    (staging / "notebooks").mkdir(parents=True, exist_ok=True)
    (staging / "html").mkdir(parents=True, exist_ok=True)
    # relative paths (kernels run in the project root) keep machine folders out of the reports
    params = {"region": paths.region, "lang": lang, "root": "."}
    report_dir = os.path.relpath(staging, paths.root)
    errors: list[str] = []
    env_before = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    # the pool's own pipes must raise BrokenPipeError, not kill this process, when a worker
    # is stopped (the CLI sets SIGPIPE to its default so that `| head` ends quietly)
    pipe_before = (
        signal.signal(signal.SIGPIPE, signal.SIG_IGN) if hasattr(signal, "SIGPIPE") else None
    )
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),)
    )
    try:
        # workers are forked while submitting: block Ctrl-C meanwhile, so none of them can
        # be hit before its initializer ignores it (a pending Ctrl-C arrives right after)
        block = hasattr(signal, "pthread_sigmask")
        if block:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            futs = [
                pool.submit(
                    _execute,
                    str(nb),
                    str(staging / "notebooks" / nb.name),
                    params,
                    str(paths.root),
                    report_dir,
                )
                for nb in nbs
            ]
        finally:
            if block:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        for i, fut in enumerate(as_completed(futs), start=1):
            name, secs, err = fut.result()
            if err:
                errors.append(err)
                say(f"  [{i}/{len(nbs)}] {name}: FAILED ({secs:.1f} s)")
            else:
                say(f"  [{i}/{len(nbs)}] {name}: executed and rendered ({secs:.1f} s)")
        pool.shutdown(wait=True)
    except BaseException:  # Ctrl-C or a failure: no worker or kernel may outlive the run
        _stop_pool(pool)
        raise
    finally:
        if env_before is None:
            os.environ.pop("MPLBACKEND", None)
        if pipe_before is not None:
            signal.signal(signal.SIGPIPE, pipe_before)
    return errors
