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

import hashlib
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

MANAGED = ("notebooks", "html", "figures", "tables")
HASHES = Path("build") / ".file-hashes.json"
TIMINGS = Path("build") / "notebook-seconds.json"
PHASES = Path("build") / "reproduce-phases.json"
RACY_NS = 2_000_000_000  # a file changed this recently may change again within its timestamp


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


def _say(msg: str) -> None:
    """Progress for the terminal, flushed at once (runs take tens of seconds)."""
    print(msg, flush=True)


class FileHashes:
    """sha256 of files, re-read only when a file's size, mtime, ctime or inode changed.

    ctime cannot be set back by a user, so an edited file is always hashed again; a file
    changed in the last two seconds is not remembered (it could change again unseen).
    """

    def __init__(self, root: Path, trust: bool = True) -> None:
        self.path = root / HASHES
        self.old: dict[str, list] = {}
        if trust:
            try:
                self.old = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.old = {}
        self.new: dict[str, list] = {}
        self.now = time.time_ns()

    def __call__(self, path: Path) -> str:
        st = path.stat()
        sig = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        key = os.path.abspath(path)
        hit = self.old.get(key)
        digest = hit[4] if hit and hit[:4] == sig else sha256(path)
        if self.now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            self.new[key] = [*sig, digest]
        else:
            self.new[key] = None  # type: ignore[assignment]  # forget, hash again next time
        return digest

    def save(self) -> None:
        merged = {k: v for k, v in self.old.items() if k not in self.new}
        merged.update({k: v for k, v in self.new.items() if v is not None})
        if merged == self.old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(merged), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a read-only checkout still works, only without the shortcut
            pass


def _hash_files(paths: list[Path], root: Path, digest: Callable[[Path], str] = sha256) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + digest(p).encode())
    return h.hexdigest()


def _code_files() -> list[Path]:
    pkg = Path(__file__).resolve().parent
    return [
        p for p in pkg.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts
    ]


def input_key(paths: Paths, digest: Callable[[Path], str] = sha256) -> str:
    """What the processed tables depend on: raw files, region config, dependency lock, code."""
    files = [p for p in paths.raw.rglob("*") if p.is_file()] + [paths.config]
    py = sys.version_info
    lock = paths.root / "requirements" / f"lock-py{py[0]}{py[1]}.txt"  # new pins -> rebuild
    files += [lock] if lock.is_file() else []
    pkg = Path(__file__).resolve().parent
    return _hash_files(files, paths.root, digest) + _hash_files(_code_files(), pkg, digest)


def report_key(
    paths: Paths, lang: str, clean_key: str, digest: Callable[[Path], str] = sha256
) -> str:
    nbs = sorted(paths.notebooks.glob("*.ipynb"))
    body = clean_key + lang + _hash_files(nbs, paths.root, digest)
    return hashlib.sha256(body.encode()).hexdigest()


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
    failed = [f for f in findings if not f["reproduced"]]
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


def _up_to_date(target: Path, rkey: str, findings_path: Path) -> bool:
    """True when the last run's stamp matches these inputs and its outputs are all there."""
    stamp = target / ".stamp.json"
    if not (stamp.exists() and findings_path.exists()):
        return False
    try:
        old = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return old.get("key") == rkey and all((target / m).exists() for m in MANAGED)


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


class _Gate:
    """The privacy gate, run file by file while the notebooks are still executing.

    Each staged file is scanned once for its final content: a file is scanned again whenever
    its size, times or inode changed since. The last pass runs once every worker is done, so
    nothing can change behind it. On any hit the whole folder goes through `gate.check`,
    which refuses it with the gate's own message (a hit on a half-written file that turns out
    clean costs one more scan, never a pass)."""

    def __init__(self, names: list[str]) -> None:
        from analysis.privacy import Names

        self.names = Names(names)
        self.seen: dict[Path, tuple] = {}
        self.hit = False

    def scan(self, folder: Path) -> None:
        from analysis import gate

        try:
            files = sorted(folder.rglob("*"))
        except OSError:  # a worker renamed a file meanwhile: the last pass sees it
            return
        for f in files:
            try:
                st = f.stat()
                if not f.is_file():
                    continue
                sig = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                if self.seen.get(f) == sig:
                    continue
                if gate.scan([f], self.names, root=folder):
                    self.hit = True
                st = f.stat()
            except OSError:
                continue
            if sig == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
                self.seen[f] = sig


@dataclass
class _Work:
    """One region in one language to rebuild."""

    paths: Paths
    lang: str
    rkey: str
    staging: Path | None = None
    jobs: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    gate: _Gate | None = None

    @property
    def name(self) -> str:
        return f"{self.paths.region} ({self.lang})"


def _timings(root: Path) -> dict[str, float]:
    try:
        return json.loads((root / TIMINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _longest_first(jobs: list, seconds: dict[str, float]) -> list:
    """Last run's seconds per notebook (unknown ones first, then larger files first)."""

    def key(job: Any) -> tuple[float, int]:
        stem = Path(job.notebook).stem
        return (-seconds.get(stem, float("inf")), -Path(job.notebook).stat().st_size)

    return sorted(jobs, key=key)


def _save_timings(root: Path, results: list) -> None:
    seen: dict[str, list[float]] = {}
    for job, secs, err, _ in results:
        if not err:
            seen.setdefault(Path(job.notebook).stem, []).append(secs)
    if not seen:
        return
    merged = {**_timings(root), **{k: round(sum(v) / len(v), 2) for k, v in seen.items()}}
    try:
        (root / TIMINGS).parent.mkdir(parents=True, exist_ok=True)
        (root / TIMINGS).write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    except OSError:
        pass


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
    from analysis import gate, private  # noqa: F401  (private: when no pass ran yet)
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
            gate.check(w.staging, private.gate_names(w.paths), what=what)
        else:
            w.gate.scan(w.staging)  # what the passes during execution did not see
            if w.gate.hit:
                gate.check(w.staging, w.gate.names, what=what)
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
            if not force and _up_to_date(target, rkey, findings_path):
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

    ready: list[tuple[Paths, list[_Work], list[dict]]] = []
    ph.lap("other")
    # the workers start their kernels while this process cleans; forked first thing, while
    # this process is small and has no threads (a bad config stops them again at once)
    with NotebookPool(workers, base) as pool:
        ph.lap("start workers")
        from analysis.config import ConfigError, load_region
        from analysis.errors import InputError
        from analysis.findings import evaluate_region, to_json
        from analysis.gate import PrivacyGateError

        for paths, _, _ in todo:  # fail early, with the config's own message
            load_region(paths.region, paths.root)
        ph.lap("other")
        try:
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
            every = [w for _, work, _ in ready for w in work]
            _stage(every)
            for w in every:
                _say(f"{w.name}: executing {len(w.jobs)} notebooks on {workers} worker(s)")
            jobs = _longest_first([j for w in every for j in w.jobs], _timings(base))
            from analysis import private

            for w in every:
                w.gate = _Gate(private.gate_names(w.paths))
            ph.lap("other")

            def gate_pass(result: Any) -> None:  # while the workers go on with the next ones
                for w in every:
                    if w.gate is not None and w.staging is not None:
                        w.gate.scan(w.staging)

            results = run_jobs(pool, jobs, gate_pass)
            ph.lap("notebooks (wall)")
            _save_timings(base, results)
            owner = {j.dst: w for w in every for j in w.jobs}  # results come back as copies
            for job, _, err, phases in results:
                ph.add_worker(phases)
                if err:
                    owner[job.dst].errors.append(err)
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
            for w in every:  # before the front pages, which look for reports/*/findings.json
                if w.staging is not None:
                    shutil.rmtree(w.staging, ignore_errors=True)
            ph.lap("other")
            if any(not codes[f"{w.paths.region}:{w.lang}"] for w in every):
                _write_index(base)
                ph.lap("front pages")
            for paths, work, findings in ready:
                for w in work:
                    if codes[f"{paths.region}:{w.lang}"]:
                        continue
                    _print_findings(findings, w.lang)
                    secs = time.perf_counter() - t0
                    _say(f"{w.name}: reports written to {out_dir(paths, w.lang)} in {secs:.1f} s")
                    if check:
                        codes[f"{paths.region}:{w.lang}"] = _check(findings)
            ph.lap("other")
        finally:
            for _, work, _ in ready:
                for w in work:
                    if w.staging is not None:
                        shutil.rmtree(w.staging, ignore_errors=True)
