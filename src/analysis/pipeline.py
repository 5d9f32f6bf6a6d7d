"""`analysis reproduce`: raw data -> processed tables -> executed notebooks -> reports.

Each step runs only when its inputs changed (a stamp of content hashes), so a second run
with nothing changed returns in well under a second. Notebooks execute on both cores into
a temporary folder; the previous reports are replaced only once every notebook succeeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from analysis.codebook import write_codebook_pages
from analysis.paths import Paths, find_root

NOTEBOOK_TIMEOUT = 600  # seconds per cell
MANAGED = ("notebooks", "html", "figures", "tables")


def _say(msg: str) -> None:
    print(msg, flush=True)


def _hash_files(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _code_files() -> list[Path]:
    pkg = Path(__file__).resolve().parent
    return [
        p for p in pkg.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts
    ]


def input_key(paths: Paths) -> str:
    """What the processed tables depend on: raw files, region config, dependency lock, code."""
    files = [p for p in paths.raw.rglob("*") if p.is_file()] + [paths.config]
    py = sys.version_info
    lock = paths.root / "requirements" / f"lock-py{py[0]}{py[1]}.txt"  # new pins -> rebuild
    files += [lock] if lock.is_file() else []
    pkg = Path(__file__).resolve().parent
    return _hash_files(files, paths.root) + _hash_files(_code_files(), pkg)


def report_key(paths: Paths, lang: str, clean_key: str) -> str:
    nbs = sorted(paths.notebooks.glob("*.ipynb"))
    return hashlib.sha256((clean_key + lang + _hash_files(nbs, paths.root)).encode()).hexdigest()


def out_dir(paths: Paths, lang: str) -> Path:
    return paths.reports if lang == "en" else paths.reports / lang


def _kernel_transport(sockets: str) -> dict:
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
            **_kernel_transport(sockets),
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
                _say(f"  [{i}/{len(nbs)}] {name}: FAILED ({secs:.1f} s)")
            else:
                _say(f"  [{i}/{len(nbs)}] {name}: executed and rendered ({secs:.1f} s)")
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


def _install(staging: Path, target: Path) -> None:
    """Move the staged outputs into place, one managed folder at a time."""
    from analysis.store import recover, swap_in

    target.mkdir(parents=True, exist_ok=True)
    for name in MANAGED:
        src, dst = staging / name, target / name
        recover(dst)
        if src.exists():
            swap_in(src, dst)


def _write_index(paths: Paths) -> None:
    """The reviewer's front pages (all regions, and this region) in both languages."""
    from analysis.frontpage import write_front_pages

    write_front_pages(paths.root)


def _print_findings(findings: list[dict], lang: str) -> None:
    from analysis.findings import format_table

    _say(format_table(findings, lang))


def _check(findings: list[dict]) -> int:
    failed = [f for f in findings if not f["reproduced"]]
    for f in failed:
        _say(f"NOT REPRODUCED {f['id']} ({f['aspect']}): {f['statement']} -- {f['detail']}")
    return 1 if failed else 0


def reproduce(
    slug: str,
    lang: str = "en",
    check: bool = False,
    force: bool = False,
    root: Path | None = None,
    workers: int = 2,
) -> int:
    t0 = time.perf_counter()
    paths = Paths.for_region(slug, root or find_root())
    from analysis.config import load_region
    from analysis.rawdata import verify
    from analysis.store import staging_dir, sweep_leftovers

    load_region(slug, paths.root)  # fail early, with the config's own message
    for note in sweep_leftovers(paths.reports.parent):
        _say(note)
    try:
        drift = verify(paths.raw)
    except (FileNotFoundError, ValueError) as e:
        _say(f"error: {e}; write it with analysis.rawdata.write_manifest (see README, 'Adapting')")
        return 2
    if not drift.ok:
        _say(
            f"error: raw data for {slug} drifted from SHA256SUMS ({drift.describe()}); raw data is "
            "immutable; if the change is intended, regenerate the manifest"
        )
        return 1
    target = out_dir(paths, lang)
    ckey = input_key(paths)
    rkey = report_key(paths, lang, ckey)
    stamp = target / ".stamp.json"
    findings_path = paths.reports / "findings.json"
    if not force and stamp.exists() and findings_path.exists():
        try:
            old = json.loads(stamp.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        if old.get("key") == rkey and all((target / m).exists() for m in MANAGED):
            _write_index(paths)
            _say(
                f"{slug} ({lang}): nothing changed; {target} is up to date "
                f"({time.perf_counter() - t0:.2f} s)"
            )
            return _check(json.loads(findings_path.read_text(encoding="utf-8"))) if check else 0

    cstamp = paths.processed / ".input_key"
    if force or not cstamp.exists() or cstamp.read_text() != ckey:
        from analysis.clean import clean_region

        _say(f"{slug}: cleaning raw data")
        result = clean_region(slug, root=paths.root, progress=lambda m: _say(f"  {m}"))
        _say(result.summary())
        cstamp.write_text(ckey)
    else:
        _say(f"{slug}: processed tables are up to date")

    from analysis.findings import evaluate_region, to_json

    findings = evaluate_region(slug, paths.root)
    staging = staging_dir(paths.reports.parent, f"{slug}-{lang}")
    try:
        _say(
            f"{slug} ({lang}): executing {len(list(paths.notebooks.glob('*.ipynb')))} notebooks "
            f"on {workers} worker(s)"
        )
        errors = run_notebooks(paths, lang, staging, workers)
        if errors:
            for e in errors:
                _say(f"error: {e}")
            _say(f"previous reports in {target} were left as they were")
            return 1
        from analysis import gate, private

        (staging / "findings.json").write_text(to_json(findings), encoding="utf-8")
        try:  # the privacy gate: nothing is installed if any staged file holds an identifier
            gate.check(staging, private.gate_names(paths), what=f"reports for {slug} ({lang})")
        except gate.PrivacyGateError as e:
            _say(f"error: {e}")
            return 1
        (staging / "findings.json").unlink()
        _install(staging, target)
        write_codebook_pages(paths.processed, target, lang)  # reports/SLUG[/id]/codebook.*
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    paths.reports.mkdir(parents=True, exist_ok=True)
    tmp = findings_path.with_suffix(".json.tmp")
    tmp.write_text(to_json(findings), encoding="utf-8")
    os.replace(tmp, findings_path)
    stamp.write_text(json.dumps({"key": rkey}) + "\n", encoding="utf-8")
    _write_index(paths)
    _print_findings(findings, lang)
    _say(f"{slug} ({lang}): reports written to {target} in {time.perf_counter() - t0:.1f} s")
    return _check(findings) if check else 0
