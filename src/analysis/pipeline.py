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
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.paths import Paths, find_root
from analysis.rawdata import sha256
from analysis.runlog import Phases, longest_first, save_timings, timings
from analysis.stamps import MANAGED, FileHashes, input_key, report_key, up_to_date


def _say(msg: str) -> None:
    """Progress for the terminal, flushed at once (runs take tens of seconds)."""
    print(msg, flush=True)


def out_dir(paths: Paths, lang: str) -> Path:
    return paths.reports if lang == "en" else paths.reports / lang


def _install(staging: Path, target: Path) -> None:
    """Move the staged outputs into place, one managed folder at a time."""
    from analysis.store import recover, swap_in

    target.mkdir(parents=True, exist_ok=True)
    for name in MANAGED:
        src, dst = staging / name, target / name
        recover(dst)
        if src.exists():
            swap_in(src, dst)


FRONT_PAGES = ("index.html", "index.id.html")


def _write_index(root: Path, only_if_missing: bool = False) -> None:
    """The reviewer's front pages (all regions, and each region) in both languages."""
    if only_if_missing:
        reports = root / "reports"
        pages = [reports / p for p in FRONT_PAGES] + [
            f.parent / sub / "index.html"
            for f in reports.glob("*/findings.json")
            for sub in ("", "id")
        ]
        if all(p.exists() for p in pages):
            return
    from analysis.frontpage import write_front_pages

    write_front_pages(root)


def _print_findings(findings: list[dict], lang: str) -> None:
    from analysis.findings import format_table

    _say(format_table(findings, lang))


def _check(findings: list[dict]) -> int:
    failed = [f for f in findings if not f["reproduced"] and not f.get("withheld")]
    for f in findings:
        if f.get("withheld"):  # the shared tables cannot check it: said, not a failure
            _say(f"WITHHELD {f['id']} ({f['aspect']}): {f['detail']}")
    for f in failed:
        _say(f"NOT REPRODUCED {f['id']} ({f['aspect']}): {f['statement']} -- {f['detail']}")
    return 1 if failed else 0


def _raw_ok(paths: Paths, digest: Callable[[Path], str] = sha256) -> int:
    """0 when the raw files match their manifest; otherwise the exit code, after saying why."""
    from analysis.rawdata import verify

    try:
        drift = verify(paths.raw, hasher=digest)
    except (FileNotFoundError, ValueError) as e:
        _say(f"error: {e}; write it with `analysis manifest --region {paths.region}`")
        return 2
    if not drift.ok:
        _say(
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
    from analysis.store import sweep_leftovers

    for note in sweep_leftovers(parent):
        _say(note)


def _ensure_clean(paths: Paths, ckey: str, force: bool) -> None:
    """Re-clean the raw data only when the raw files, config or code changed."""
    cstamp = paths.processed / ".input_key"
    if not force and cstamp.exists() and cstamp.read_text() == ckey:
        _say(f"{paths.region}: processed tables are up to date")
        return
    from analysis.clean import clean_region

    _say(f"{paths.region}: cleaning raw data")
    result = clean_region(paths.region, root=paths.root, progress=lambda m: _say(f"  {m}"))
    _say(result.summary())
    cstamp.write_text(ckey)


def region_gate(paths: Paths) -> tuple[Any, int]:
    """What the gate knows of a region: its known names and informants, the places and
    allowed words (`privacy.allowed_words`) a name hit must not fall inside, and `privacy.k`."""
    from analysis import private
    from analysis.config import load_region
    from analysis.privacy import Names

    region = load_region(paths.region, paths.root)
    return Names(private.gate_names(paths), region.places()), region.k


@dataclass
class _Work:
    """One region in one language to rebuild."""

    paths: Paths
    lang: str
    rkey: str
    staging: Path | None = None
    jobs: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    gate: Any = None  # gate.Watch, once the region's names are known

    @property
    def name(self) -> str:
        return f"{self.paths.region} ({self.lang})"


def run_jobs(pool: Any, jobs: list, on_result: Callable[[Any], None] | None = None) -> list:
    """Execute and render the jobs on the pool; [(job, seconds, error or None, phases)].

    on_result(result) runs in this process as each notebook ends (the gate's passes)."""
    return pool.run(jobs, on_result)


def _stage(work: list[_Work]) -> None:
    from analysis.execute import jobs_for
    from analysis.store import staging_dir

    for w in work:
        w.staging = staging_dir(w.paths.reports.parent, f"{w.paths.region}-{w.lang}")
        w.jobs = jobs_for(w.paths, w.lang, w.staging)
        if len(work) > 1:
            for i, j in enumerate(w.jobs):
                w.jobs[i] = type(j)(**{**j.__dict__, "label": f"{w.name} {j.label}"})


def _publish(w: _Work, findings: list[dict], ph: Phases) -> int:
    """Pass the staged outputs through the privacy gate, then install them."""
    from analysis import gate
    from analysis.codebook import write_codebook_pages
    from analysis.findings import to_json

    assert w.staging is not None
    target = out_dir(w.paths, w.lang)
    if w.errors:
        for e in w.errors:
            _say(f"error: {e}")
        _say(f"previous reports in {target} were left as they were")
        return 1
    (w.staging / "findings.json").write_text(to_json(findings), encoding="utf-8")
    what = f"reports for {w.name}"
    ph.lap("other")
    try:  # the privacy gate: nothing is installed if any staged file holds an identifier
        if w.gate is None:
            names, k = region_gate(w.paths)
            gate.check(w.staging, names, what=what, k=k)
        else:
            w.gate.scan(w.staging)  # what the passes during execution did not see
            if w.gate.hit:
                gate.check(w.staging, w.gate.names, what=what, k=w.gate.k)
    except gate.PrivacyGateError as e:
        _say(f"error: {e}")
        return 1
    finally:
        ph.lap("privacy gate")
    (w.staging / "findings.json").unlink()
    _install(w.staging, target)
    ph.lap("install")
    write_codebook_pages(w.paths.processed, target, w.lang)  # reports/SLUG[/id]/codebook.*
    ph.lap("codebook pages")
    return 0


def reproduce(
    slug: str,
    lang: str = "en",
    check: bool = False,
    force: bool = False,
    root: Path | None = None,
    workers: int = 2,
) -> int:
    """Rebuild one region's reports in one language; 1 when a claim is not reproduced (check)."""
    return reproduce_many([slug], [lang], check=check, force=force, root=root, workers=workers)


def reproduce_many(
    slugs: Sequence[str],
    langs: Sequence[str] = ("en",),
    check: bool = False,
    force: bool = False,
    root: Path | None = None,
    workers: int = 2,
) -> int:
    """Rebuild several regions in several languages, sharing one clean per region and one
    pool of warm kernels; the worst exit code of all (a failing region does not stop the
    others when several are asked for: it is named at the end)."""
    t0 = time.perf_counter()
    ph = Phases()
    base = root or find_root()
    langs = list(dict.fromkeys(langs))
    hashes = FileHashes(base, trust=not force)
    codes: dict[str, int] = {}
    todo: list[tuple[Paths, str, list[_Work]]] = []  # region, clean key, what to rebuild
    for slug in dict.fromkeys(slugs):
        paths = Paths.for_region(slug, base)
        if not paths.config.is_file():  # fail early, with the config's own message
            from analysis.config import load_region

            if len(slugs) == 1:
                load_region(slug, paths.root)
            codes[slug] = 2
            _say(f"error: {paths.config}: region configuration not found")
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
                _write_index(base, only_if_missing=True)
                secs = time.perf_counter() - t0
                _say(f"{slug} ({lang}): nothing changed; {target} is up to date ({secs:.2f} s)")
                if check:
                    found = json.loads(findings_path.read_text(encoding="utf-8"))
                    codes[f"{slug}:{lang}"] = _check(found)
            else:
                work.append(_Work(paths, lang, rkey))
        if work:
            todo.append((paths, ckey, work))
    hashes.save()
    ph.lap("up-to-date check")
    if todo:
        _rebuild(todo, base, check, force, workers, codes, single=len(slugs) == 1, t0=t0, ph=ph)
        _say(f"reproduce: {ph.describe()}")
        ph.save(base)
    failed = [k.replace(":", "(") + ")" if ":" in k else k for k, v in codes.items() if v]
    if len(slugs) > 1 and failed:
        print(f"reproduce FAILED for: {' '.join(failed)}", file=sys.stderr, flush=True)
    return max(codes.values(), default=0)


def _rebuild(
    todo: list[tuple[Paths, str, list[_Work]]],
    base: Path,
    check: bool,
    force: bool,
    workers: int,
    codes: dict[str, int],
    single: bool,
    t0: float,
    ph: Phases,
) -> None:
    from analysis.execute import NotebookPool

    ph.lap("other")
    ready: list[tuple[Paths, list[_Work], list[dict]]] = []
    try:
        # the workers start their kernels while this process cleans; forked first thing,
        # while this process is small and has no threads (a bad config stops them at once)
        with NotebookPool(workers, base) as pool:
            ph.lap("start workers")
            from analysis.config import load_region

            for paths, _, _ in todo:  # fail early, with the config's own message
                load_region(paths.region, paths.root)
            ph.lap("other")
            ready[:] = _clean_all(todo, force, codes, single, ph)
            every = [w for _, work, _ in ready for w in work]
            _run_all(pool, every, base, workers, ph)
        _install_all(ready, codes, ph)
        for w in every:  # before the front pages, which look for reports/*/findings.json
            if w.staging is not None:
                shutil.rmtree(w.staging, ignore_errors=True)
        ph.lap("other")
        if any(not codes[f"{w.paths.region}:{w.lang}"] for w in every):
            _write_index(base)
            ph.lap("front pages")
        _say_results(ready, codes, check, t0)
        ph.lap("other")
    finally:  # after the pool has stopped: no worker can write into a staging folder again
        for _, work, _ in ready:
            for w in work:
                if w.staging is not None:
                    shutil.rmtree(w.staging, ignore_errors=True)


def _clean_all(
    todo: list[tuple[Paths, str, list[_Work]]],
    force: bool,
    codes: dict[str, int],
    single: bool,
    ph: Phases,
) -> list[tuple[Paths, list[_Work], list[dict]]]:
    """Clean each region (when its inputs changed) and evaluate its claims; a region that
    fails is named in `codes` and left out (alone, it raises)."""
    from analysis.config import ConfigError
    from analysis.errors import InputError
    from analysis.findings import evaluate_region
    from analysis.gate import PrivacyGateError

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
            _say(f"error: {paths.region}: {e}")
            codes[paths.region] = 2
            continue
        ready.append((paths, work, findings))
    return ready


def _run_all(pool: Any, every: list[_Work], base: Path, workers: int, ph: Phases) -> None:
    """Every notebook of every region and language on one pool, longest first; the privacy
    gate scans what is already written while the workers go on."""
    from analysis.gate import Watch

    _stage(every)
    for w in every:
        _say(f"{w.name}: executing {len(w.jobs)} notebooks on {workers} worker(s)")
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


def _install_all(
    ready: list[tuple[Paths, list[_Work], list[dict]]], codes: dict[str, int], ph: Phases
) -> None:
    """Publish each region and language that passed; then the region's findings and stamps."""
    from analysis.findings import to_json

    for paths, work, findings in ready:
        installed = []
        for w in work:
            codes[f"{paths.region}:{w.lang}"] = _publish(w, findings, ph)
            if not codes[f"{paths.region}:{w.lang}"]:
                installed.append(w)
        if not installed:
            continue
        paths.reports.mkdir(parents=True, exist_ok=True)
        findings_path = paths.reports / "findings.json"
        tmp = findings_path.with_suffix(".json.tmp")
        tmp.write_text(to_json(findings), encoding="utf-8")
        os.replace(tmp, findings_path)
        for w in installed:
            stamp = out_dir(paths, w.lang) / ".stamp.json"
            stamp.write_text(json.dumps({"key": w.rkey}) + "\n", encoding="utf-8")


def _say_results(
    ready: list[tuple[Paths, list[_Work], list[dict]]],
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
            _say(f"{w.name}: reports written to {out_dir(paths, w.lang)} in {secs:.1f} s")
            if check:
                codes[f"{paths.region}:{w.lang}"] = _check(findings)
