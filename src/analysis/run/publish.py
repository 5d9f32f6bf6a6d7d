"""Staging, rendering and installing a region's reviewer copy once its notebooks have run.

`reproduce` (in `pipeline`) decides what to rebuild; this module writes it: the staging
folders, findings, codebook pages and front pages, installed by an atomic swap.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.paths import Paths
from analysis.run.runlog import Phases, say
from analysis.run.stamps import MANAGED


def region_gate(paths: Paths) -> tuple[Any, int]:
    """What the gate knows of a region: its known names and informants, the places and
    allowed words (`privacy.allowed_words`) a name hit must not fall inside, and `privacy.k`."""
    from analysis.privacy import private
    from analysis.privacy.names import Names
    from analysis.region.config import load_region

    region = load_region(paths.region, paths.root)
    return Names(private.gate_names(paths), region.places()), region.k


def out_dir(paths: Paths, lang: str) -> Path:
    return paths.reports if lang == "en" else paths.reports / lang


def _install(staging: Path, target: Path) -> None:
    """Move the staged outputs into place, one managed folder at a time."""
    from analysis.store.processed import recover, swap_in

    target.mkdir(parents=True, exist_ok=True)
    for name in MANAGED:
        src, dst = staging / name, target / name
        recover(dst)
        if src.exists():
            swap_in(src, dst)


FRONT_PAGES = ("index.html", "index.id.html", "methods.html", "methods.id.html")


def write_index(root: Path, slugs: list[str], top: bool, only_if_missing: bool = False) -> None:
    """The front pages (and PDFs) of the regions rebuilt, in both languages; the top-level pages
    (reports/index.html, index.id.html, committed) only when `top` or when missing, so one
    region's run leaves the other regions' and the top-level files as they are."""
    reports = root / "reports"
    own = [s for s in slugs if (reports / s / "findings.json").exists()]
    missing = not all((reports / p).exists() for p in FRONT_PAGES)
    if only_if_missing:
        own = [
            s for s in own if not all((reports / s / d / "index.html").exists() for d in ("", "id"))
        ]
        top = False
    if not own and not (top or missing):
        return
    from analysis.report.frontpage import write_front_pages
    from analysis.report.pdf import write_pdfs

    write_front_pages(root, own, top=top or missing)
    write_pdfs(root, own, say=say)  # each region's pages in one PDF per language


def final_line(rebuilt: list[str], some_up_to_date: bool, check: bool) -> str:
    """The last line of a run that succeeded: what was rebuilt, never more than that."""
    checked = " and every claim checked" if check else ""
    if not rebuilt:
        return f"reproduce: nothing changed, every report already up to date{checked}"
    rest = "; the others were already up to date" if some_up_to_date else ""
    return f"reproduce: rebuilt {', '.join(rebuilt)}{rest}{checked}"


@dataclass
class Work:
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


def stage_all(work: list[Work]) -> None:
    from analysis.run.execute import jobs_for
    from analysis.store.processed import staging_dir

    for w in work:
        w.staging = staging_dir(w.paths.reports.parent, f"{w.paths.region}-{w.lang}")
        w.jobs = jobs_for(w.paths, w.lang, w.staging)
        if len(work) > 1:
            for i, j in enumerate(w.jobs):
                w.jobs[i] = type(j)(**{**j.__dict__, "label": f"{w.name} {j.label}"})


def publish(w: Work, findings: list[dict], ph: Phases) -> int:
    """Pass the staged outputs through the privacy gate, then install them."""
    from analysis.claims.findings import to_json
    from analysis.privacy import gate
    from analysis.report.codebook_pages import write_codebook_pages

    assert w.staging is not None
    target = out_dir(w.paths, w.lang)
    if w.errors:
        for e in w.errors:
            say(f"error: {e}")
        say(f"previous reports in {target} were left as they were")
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
        say(f"error: {e}")
        return 1
    finally:
        ph.lap("privacy gate")
    (w.staging / "findings.json").unlink()
    _install(w.staging, target)
    ph.lap("install")
    write_codebook_pages(w.paths.processed, target, w.lang)  # reports/SLUG[/id]/codebook.*
    if w.lang == "en":  # the machine-readable codebook beside findings.json (passed the gate)
        shutil.copyfile(
            w.paths.processed / "datapackage.json", w.paths.reports / "datapackage.json"
        )
    ph.lap("codebook pages")
    return 0


def install_all(
    ready: list[tuple[Paths, list[Work], list[dict]]], codes: dict[str, int], ph: Phases
) -> None:
    """Publish each region and language that passed; then the region's findings and stamps."""
    from analysis.claims.findings import to_json

    for paths, work, findings in ready:
        installed = []
        for w in work:
            codes[f"{paths.region}:{w.lang}"] = publish(w, findings, ph)
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


def last_line(
    codes: dict[str, int], rebuilt: list[str], asked: tuple[int, int], check: bool
) -> None:
    """The run's last line: the regions that failed (when several were asked for), or what
    was rebuilt; `asked` is (regions, languages)."""
    failed = [k.replace(":", "(") + ")" if ":" in k else k for k, v in codes.items() if v]
    if failed and asked[0] > 1:
        print(f"reproduce FAILED for: {' '.join(failed)}", file=sys.stderr, flush=True)
    elif not failed:
        say(final_line(rebuilt, len(rebuilt) < asked[0] * asked[1], check))


def check_claims(findings: list[dict]) -> int:
    """`--check`: 1 when a claim was not reproduced, each named with its failing expectation."""
    failed = [f for f in findings if not f["reproduced"] and not f.get("withheld")]
    for f in findings:
        if f.get("withheld"):  # the shared tables cannot check it: said, not a failure
            say(f"WITHHELD {f['id']} ({f['aspect']}): {f['detail']}")
    if failed:  # pandas only now: the no-op path imports the standard library alone
        from analysis.claims.text import claims_frame  # the failing expectation by name

        for f, why in zip(failed, claims_frame(failed, "en").iloc[:, -1], strict=True):
            head = f"NOT REPRODUCED {f['id']} ({f['aspect']}): {f['statement']}"
            say(f"{head} -- {why} ({f['detail']})")
    return 1 if failed else 0
