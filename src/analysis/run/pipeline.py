"""`analysis reproduce`: raw data -> processed tables -> executed notebooks -> reports.

Each step runs only when its inputs changed (a stamp of content hashes), so a second run
with nothing changed returns in about a tenth of a second: that path imports only the
standard library and re-hashes a file only when its size, times or inode changed (the
hashes are remembered in build/.file-hashes.json). Several languages and regions asked for in
one call share one clean per region and one pool of warm kernels; notebooks execute into
temporary folders, and the previous reports are replaced only once every notebook of that
region and language succeeded and passed the privacy gate.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from analysis.paths import Paths, find_root, regions
from analysis.read.rawdata import sha256
from analysis.run.lock import hold_for_work
from analysis.run.publish import (
    Work,
    check_claims,
    install_all,
    last_line,
    out_dir,
    stage_all,
    write_index,
)
from analysis.run.runlog import Phases, longest_first, save_timings, say, timings
from analysis.run.stamps import FileHashes, input_key, report_key, up_to_date


def _print_findings(findings: list[dict], lang: str) -> None:
    from analysis.claims.findings import format_table

    say(format_table(findings, lang))


def _raw_ok(paths: Paths, digest: Callable[[Path], str] = sha256) -> int:
    """0 when the raw files match their manifest; otherwise the exit code, after saying why."""
    from analysis.read.rawdata import verify

    try:
        drift = verify(paths.raw, hasher=digest)
    except (FileNotFoundError, ValueError) as e:
        say(f"error: {e}; write it with `analysis manifest --region {paths.region}`")
        return 2
    if not drift.ok:
        say(
            f"error: raw data for {paths.region} drifted from SHA256SUMS ({drift.describe()}); "
            "raw data is immutable; if the change is intended, regenerate the manifest"
        )
        return 1
    return 0


def _sweep(parent: Path) -> None:
    """Remove what a killed run left in reports/ (looked for first without importing pandas)."""
    try:
        names = [e.name for e in os.scandir(parent) if e.name.startswith(".") and e.is_dir()]
    except OSError:
        return
    if not names:
        return
    from analysis.store.processed import sweep_leftovers

    for note in sweep_leftovers(parent):
        say(note)


def _ensure_clean(paths: Paths, ckey: str, force: bool) -> None:
    """Re-clean the raw data only when the raw files, config or code changed."""
    cstamp = paths.processed / ".input_key"
    if not force and cstamp.exists() and cstamp.read_text() == ckey:
        say(f"{paths.region}: processed tables are up to date")
        return
    from analysis.clean.flow import clean_region

    say(f"{paths.region}: cleaning raw data")
    result = clean_region(paths.region, root=paths.root, progress=lambda m: say(f"  {m}"))
    say(result.summary())
    from analysis.claims.evaluate import path_notes
    from analysis.region.config import load_region

    t = result.tables
    for note in path_notes(t["cases"], t["case_stages"], load_region(paths.region, paths.root)):
        say(f"  note: {note}")
    cstamp.write_text(ckey)


def run_jobs(pool: Any, jobs: list, on_result: Callable[[Any], None] | None = None) -> list:
    """Execute and render the jobs on the pool; [(job, seconds, error or None, phases)].

    on_result(result) runs in this process as each notebook ends (the gate's passes)."""
    return pool.run(jobs, on_result)


def reproduce(
    slug: str,
    lang: str = "en",
    check: bool = False,
    force: bool = False,
    root: Path | None = None,
    workers: int | None = None,
) -> int:
    """Rebuild one region's reports in one language; 1 when a claim is not reproduced (check)."""
    return reproduce_many([slug], [lang], check=check, force=force, root=root, workers=workers)


def reproduce_many(
    slugs: Sequence[str],
    langs: Sequence[str] = ("en",),
    check: bool = False,
    force: bool = False,
    root: Path | None = None,
    workers: int | None = None,  # notebooks at once; None: analysis.run.execute.notebook_workers
    wait: bool = False,
    index: bool = False,
) -> int:
    """Rebuild regions and languages on one pool of warm kernels, one clean per region; the
    worst exit code. reports/index*.html only with `index` or when every region is asked for."""
    t0, ph = time.perf_counter(), Phases()
    base = root or find_root()
    langs = list(dict.fromkeys(langs))
    hashes = FileHashes(base, trust=not force)
    codes: dict[str, int] = {}
    todo: list[tuple[Paths, str, list[Work]]] = []  # region, clean key, what to rebuild
    for slug in dict.fromkeys(slugs):
        paths = Paths.for_region(slug, base)
        if not paths.config.is_file():  # fail early, with the config's own message
            from analysis.region.config import load_region

            if len(slugs) == 1:
                load_region(slug, paths.root)
            codes[slug] = 2
            say(f"error: {paths.config}: region configuration not found")
            continue
        _sweep(paths.reports.parent)
        if code := _raw_ok(paths, hashes):
            codes[slug] = code
            continue
        ckey = input_key(paths, hashes)
        findings_path = paths.reports / "findings.json"
        work = []
        for lang in langs:
            target = out_dir(paths, lang)
            rkey = report_key(paths, lang, ckey, hashes)
            if not force and up_to_date(target, rkey, findings_path):
                write_index(base, [slug], top=False, only_if_missing=True)
                secs = time.perf_counter() - t0
                say(f"{slug} ({lang}): nothing changed; {target} is up to date ({secs:.2f} s)")
                if check:
                    found = json.loads(findings_path.read_text(encoding="utf-8"))
                    codes[f"{slug}:{lang}"] = check_claims(found)
            else:
                work.append(Work(paths, lang, rkey))
        if work:
            todo.append((paths, ckey, work))
    hashes.save()
    ph.lap("up-to-date check")
    if todo:  # the lock only once there is work (run.lock imports filelock only then)
        index = index or set(regions(base)) <= set(slugs)  # every region: `make reproduce`
        with hold_for_work(base, [w for _, _, work in todo for w in work], wait):
            _rebuild(todo, base, check, force, workers, codes, len(slugs) == 1, t0, ph, index)
        say(f"reproduce: {ph.describe()}")
        ph.save(base)
    rebuilt = [w.name for _, _, work in todo for w in work]
    last_line(codes, rebuilt, (len(slugs), len(langs)), check)
    return max(codes.values(), default=0)


def _rebuild(
    todo: list[tuple[Paths, str, list[Work]]],
    base: Path,
    check: bool,
    force: bool,
    workers: int | None,
    codes: dict[str, int],
    single: bool,
    t0: float,
    ph: Phases,
    index: bool = False,  # also rewrite the top-level front pages
) -> None:
    from analysis.run.execute import NotebookPool, notebook_workers

    workers = workers or notebook_workers()
    ph.lap("other")
    ready: list[tuple[Paths, list[Work], list[dict]]] = []
    try:
        # the workers start their kernels while this process cleans; forked first thing,
        # while this process is small and has no threads (a bad config stops them at once)
        with NotebookPool(workers, base) as pool:
            ph.lap("start workers")
            from analysis.region.config import load_region

            for paths, _, _ in todo:  # fail early, with the config's own message
                load_region(paths.region, paths.root)
            ph.lap("other")
            ready[:] = _clean_all(todo, force, codes, single, ph)
            every = [w for _, work, _ in ready for w in work]
            _run_all(pool, every, base, workers, ph)
        install_all(ready, codes, ph)
        for w in every:  # before the front pages, which look for reports/*/findings.json
            if w.staging is not None:
                shutil.rmtree(w.staging, ignore_errors=True)
        ph.lap("other")
        built = [w.paths.region for w in every if not codes[f"{w.paths.region}:{w.lang}"]]
        if built:
            write_index(base, list(dict.fromkeys(built)), top=index)
            ph.lap("front pages and PDFs")
        _say_results(ready, codes, check, t0)
        ph.lap("other")
    finally:  # after the pool has stopped: no worker can write into a staging folder again
        for _, work, _ in ready:
            for w in work:
                if w.staging is not None:
                    shutil.rmtree(w.staging, ignore_errors=True)


def _clean_all(
    todo: list[tuple[Paths, str, list[Work]]],
    force: bool,
    codes: dict[str, int],
    single: bool,
    ph: Phases,
) -> list[tuple[Paths, list[Work], list[dict]]]:
    """Clean each region (when its inputs changed) and evaluate its claims; a region that
    fails is named in `codes` and left out (alone, it raises)."""
    from analysis.claims.findings import evaluate_region
    from analysis.errors import InputError
    from analysis.privacy.gate import PrivacyGateError
    from analysis.region.config import ConfigError

    ready = []
    for paths, ckey, work in todo:
        try:
            _ensure_clean(paths, ckey, force)
            ph.lap("clean")
            findings = evaluate_region(paths.region, paths.root)
            ph.lap("findings")
        except (ConfigError, InputError, PrivacyGateError, FileNotFoundError) as e:
            if single:
                raise
            say(f"error: {paths.region}: {e}")
            codes[paths.region] = 2
            continue
        ready.append((paths, work, findings))
    return ready


def _run_all(pool: Any, every: list[Work], base: Path, workers: int, ph: Phases) -> None:
    """Every notebook of every region and language on one pool, longest first; the privacy
    gate scans what is already written while the workers go on."""
    from analysis.privacy.gate import Watch
    from analysis.run.publish import region_gate

    stage_all(every)
    for w in every:
        say(f"{w.name}: executing {len(w.jobs)} notebooks on {workers} worker(s)")
        w.gate = Watch(*region_gate(w.paths))
    jobs = longest_first([j for w in every for j in w.jobs], timings(base))
    ph.lap("other")

    def gate_pass(result: Any) -> None:
        for w in every:
            if w.gate is not None and w.staging is not None:
                w.gate.scan(w.staging)

    results = run_jobs(pool, jobs, gate_pass)
    ph.lap("notebooks (wall)")
    save_timings(base, results)
    owner = {j.dst: w for w in every for j in w.jobs}  # results come back as copies
    for job, _, err, phases in results:
        ph.add_worker(phases)
        if err:
            owner[job.dst].errors.append(err)


def _say_results(
    ready: list[tuple[Paths, list[Work], list[dict]]],
    codes: dict[str, int],
    check: bool,
    t0: float,
) -> None:
    for paths, work, findings in ready:
        for w in work:
            if codes[f"{paths.region}:{w.lang}"]:
                continue
            _print_findings(findings, w.lang)
            secs = time.perf_counter() - t0
            say(f"{w.name}: reports written to {out_dir(paths, w.lang)} in {secs:.1f} s")
            if check:
                codes[f"{paths.region}:{w.lang}"] = check_claims(findings)
