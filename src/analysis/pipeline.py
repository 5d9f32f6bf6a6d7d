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
import sys
import time
from pathlib import Path

from analysis.codebook import write_codebook_pages
from analysis.execute import run_notebooks
from analysis.execute import say as _say
from analysis.paths import Paths, find_root

MANAGED = ("notebooks", "html", "figures", "tables")


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


def _raw_ok(paths: Paths) -> int:
    """0 when the raw files match their manifest; otherwise the exit code, after saying why."""
    from analysis.rawdata import verify

    try:
        drift = verify(paths.raw)
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


def _build_reports(paths: Paths, lang: str, findings: list[dict], workers: int) -> int:
    """Execute the notebooks into a staging folder, pass the privacy gate, then install."""
    from analysis import gate, private
    from analysis.findings import to_json
    from analysis.store import staging_dir

    target = out_dir(paths, lang)
    staging = staging_dir(paths.reports.parent, f"{paths.region}-{lang}")
    try:
        n = len(list(paths.notebooks.glob("*.ipynb")))
        _say(f"{paths.region} ({lang}): executing {n} notebooks on {workers} worker(s)")
        errors = run_notebooks(paths, lang, staging, workers)
        if errors:
            for e in errors:
                _say(f"error: {e}")
            _say(f"previous reports in {target} were left as they were")
            return 1
        (staging / "findings.json").write_text(to_json(findings), encoding="utf-8")
        what = f"reports for {paths.region} ({lang})"
        try:  # the privacy gate: nothing is installed if any staged file holds an identifier
            gate.check(staging, private.gate_names(paths), what=what)
        except gate.PrivacyGateError as e:
            _say(f"error: {e}")
            return 1
        (staging / "findings.json").unlink()
        _install(staging, target)
        write_codebook_pages(paths.processed, target, lang)  # reports/SLUG[/id]/codebook.*
    finally:
        shutil.rmtree(staging, ignore_errors=True)
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
    from analysis.config import load_region
    from analysis.findings import evaluate_region, to_json
    from analysis.store import sweep_leftovers

    t0 = time.perf_counter()
    paths = Paths.for_region(slug, root or find_root())
    load_region(slug, paths.root)  # fail early, with the config's own message
    for note in sweep_leftovers(paths.reports.parent):
        _say(note)
    if code := _raw_ok(paths):
        return code
    target = out_dir(paths, lang)
    ckey = input_key(paths)
    rkey = report_key(paths, lang, ckey)
    findings_path = paths.reports / "findings.json"
    if not force and _up_to_date(target, rkey, findings_path):
        _write_index(paths)
        secs = time.perf_counter() - t0
        _say(f"{slug} ({lang}): nothing changed; {target} is up to date ({secs:.2f} s)")
        return _check(json.loads(findings_path.read_text(encoding="utf-8"))) if check else 0
    _ensure_clean(paths, ckey, force)
    findings = evaluate_region(slug, paths.root)
    if code := _build_reports(paths, lang, findings, workers):
        return code
    paths.reports.mkdir(parents=True, exist_ok=True)
    tmp = findings_path.with_suffix(".json.tmp")
    tmp.write_text(to_json(findings), encoding="utf-8")
    os.replace(tmp, findings_path)
    (target / ".stamp.json").write_text(json.dumps({"key": rkey}) + "\n", encoding="utf-8")
    _write_index(paths)
    _print_findings(findings, lang)
    _say(f"{slug} ({lang}): reports written to {target} in {time.perf_counter() - t0:.1f} s")
    return _check(findings) if check else 0
