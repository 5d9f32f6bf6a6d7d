"""`analysis clean`: raw workbooks -> validated, pseudonymised tables + rejects + manifest.

The flow, one module per job: `read.files` reads each file safely, `read.routing` sends each
sheet to its table, `sheetchecks` rejects bad cells and repeated rows, the per-kind cleaners
listed in `kinds` (each `clean(ctx) -> Tables`) normalise each record kind, `validate` applies the
schemas, `accounting` proves no row was lost, and `store.processed` writes atomically.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pandas.api.types import union_categoricals

from analysis.clean import accounting, shareable
from analysis.clean.common import Context, Tables
from analysis.clean.disclosure import shareable_tier
from analysis.clean.kinds import CLEANERS
from analysis.clean.result import Result
from analysis.clean.sheetchecks import cell_rejects, duplicate_rows
from analysis.clean.validate import validate
from analysis.errors import InputError
from analysis.kinds.model import PROVENANCE, REJECT_COLUMNS
from analysis.kinds.tables import KIND_NAMES, QUASI_IDENTIFIERS, TABLES
from analysis.outputs import check_target
from analysis.paths import Paths
from analysis.privacy import private
from analysis.privacy.names import Names
from analysis.read import routing
from analysis.read.files import raw_files, read_any
from analysis.read.qdpx.informants import qda_options
from analysis.read.qdpx.sheets import QdpxSheet
from analysis.read.rawdata import sha256
from analysis.read.sheet import col_letter
from analysis.region.config import Region, load_region
from analysis.region.template_columns import TEMPLATES
from analysis.store import processed as store
from analysis.values import limits


@dataclass
class _Collected:
    """Rows read so far, per table, with the reject lines and source entries they made."""

    frames: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: {t: [] for t in TABLES})
    rejects: list[pd.DataFrame] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        parts = self.frames[name]
        if not parts:
            return pd.DataFrame(columns=PROVENANCE)
        out = pd.concat(parts, ignore_index=True)
        for c in out.columns:  # files' categoricals stay one categorical (concat gives object)
            cols = [p[c] for p in parts if c in p]
            if len(cols) == len(parts) > 1 and all(
                isinstance(s.dtype, pd.CategoricalDtype) for s in cols
            ):
                try:
                    out[c] = union_categoricals(cols, ignore_order=True)
                except TypeError:  # categories of different kinds: keep concat's object column
                    pass
        return out


def _read_kind(kind: str, region: Region, paths: Paths, ctx: Context, acc: _Collected, say) -> None:
    """Read every file of one record kind into `acc`, rejecting bad cells and repeats."""
    aliases = routing.header_aliases(region)
    known = routing.known_headers(aliases, kind)
    qda = qda_options(region)  # checked before any file is read: a bad value names the key
    files, notes = raw_files(paths.raw / kind)
    acc.notes += notes
    # each file's checksum is computed beside its read (hashlib and the CSV parser both
    # release the GIL); the thread ends with this block, so no thread outlives a clean
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as hasher:
        for path in files:
            label = path.relative_to(paths.raw).as_posix()
            t0 = time.perf_counter()
            digest = hasher.submit(sha256, path)
            pinned = routing.header_rows(region, label)
            sheets = read_any(path, label, known, region.skip_sheets, pinned, qda)
            if _empty_template(label, sheets):
                acc.notes.append(template_note(label, others=len(files) > 1))
                sheets = []
            for sheet in sheets:
                _add_sheet(sheet, kind, label, region, ctx, acc, aliases)
            acc.inputs[label] = digest.result()
            say(f"read {label} ({time.perf_counter() - t0:.1f} s)")


def _empty_template(label: str, sheets: list) -> bool:
    """A template `analysis new-region` wrote, still without a single row."""
    return label in TEMPLATES and all(s.skipped or len(s.rows) == 0 for s in sheets)


def template_note(label: str, others: bool) -> str:
    """Skipped, never deleted (raw data is not written): the student decides."""
    if others:
        return (
            f"{label}: the empty template from `analysis new-region` is skipped; your own "
            "workbooks beside it are read. Delete it when you no longer need it (then run "
            "`analysis manifest` again)"
        )
    return (
        f"{label}: the template from `analysis new-region` is still empty and is skipped; "
        "fill it, or put your own workbooks beside it"
    )


def _add_sheet(sheet, kind: str, label: str, region: Region, ctx: Context, acc, aliases) -> None:
    """Route one sheet to its table, keeping rows without bad cells or repeats."""
    if sheet.skipped:
        acc.notes.append(f"{label}: sheet {sheet.sheet!r} skipped ({sheet.skipped})")
        return
    acc.notes += sheet.notes
    if isinstance(sheet, QdpxSheet):
        ctx.qda_files.add(label)
        acc.notes += sheet.warnings
        acc.warnings += sheet.warnings
    table, frame, ignored, headers = routing.route(sheet, kind, aliases, region)
    for c, h in headers.items():
        ctx.source_headers[(sheet.file, sheet.sheet, c)] = h
    frame = frame.copy()
    frame["source_file"], frame["source_sheet"] = sheet.file, sheet.sheet
    frame["source_row"] = sheet.rows.to_numpy()
    bad_cells = cell_rejects(sheet)
    dup, dup_rejects = duplicate_rows(sheet, frame)
    acc.rejects += [dup_rejects, bad_cells]
    keep = ~dup & ~frame["source_row"].isin(set(bad_cells["source_row"])).to_numpy()
    acc.frames[table].append(frame if keep.all() else frame.loc[keep])
    letters = [col_letter(i) for i, h in enumerate(sheet.header) if h in ignored]
    acc.sources.append(
        {
            "_ignored_letters": letters,
            "kind": kind,
            "file": sheet.file,
            "sheet": sheet.sheet,
            "table": table,
            "header_row": sheet.header_row,
            "rows_read": len(frame),
            "blank_rows_skipped": sheet.blank_rows,
            "ignored_columns": ignored
            + [f"column {c} (values without a header)" for c in sheet.unheaded_columns],
            **getattr(sheet, "source_info", {}),  # .qdpx: format, exporting tool
        }
    )


def _clean_tables(acc: _Collected, ctx: Context) -> Tables:
    """Run each record kind's cleaner (analysis.clean.kinds); their rejects and notes go
    into `acc`. Names typed in any raw table are scrubbed from every table's free text."""
    ctx.raw = {t: acc.table(t) for t in TABLES}
    typed = [str(n) for df in ctx.raw.values() if "name" in df for n in df["name"].dropna()]
    ctx.names = Names([*ctx.known_names, *typed], ctx.region.places())
    tables: Tables = {}
    for clean in CLEANERS.values():
        tables.update(clean(ctx))
    acc.rejects += ctx.rejects
    acc.notes += ctx.notes
    return tables


def _all_rejects(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    rejects = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=REJECT_COLUMNS)
    rejects["source_row"] = rejects["source_row"].astype("int64")
    return rejects.sort_values(
        ["source_file", "source_sheet", "source_row", "column"], kind="stable"
    ).reset_index(drop=True)


def run(region: Region, paths: Paths, progress=None, known_names: list[str] = ()) -> Result:
    """Read, normalise, validate and pseudonymise every raw file of a region (no writing)."""
    say = progress or (lambda msg: None)
    ctx = Context.for_region(region)
    ctx.known_names = list(known_names)
    ctx.allowed_words = shareable.allowed_words(region)
    acc = _Collected()
    for kind in KIND_NAMES:
        if (paths.raw / kind).is_dir():
            _read_kind(kind, region, paths, ctx, acc, say)
        else:
            acc.notes.append(
                f"no {kind}/ folder in {paths.raw.name}: the {kind} tables are empty "
                "(the notebooks say so and go on)"
            )
    tables = _clean_tables(acc, ctx)
    for t in TABLES:
        tables[t], rej = validate(t, tables[t], region.codes)
        acc.rejects.append(rej)
    say("normalised and validated " + ", ".join(f"{t} ({len(df)})" for t, df in tables.items()))
    rejects = _all_rejects(acc.rejects)
    limits.check_rejects(rejects.groupby("source_file").size().items())
    accounting.account(acc.sources, tables, rejects)
    result = Result(region.slug, tables, rejects, acc.sources, acc.inputs, notes=acc.notes)
    result.warnings, result.config = acc.warnings, region
    result = shareable.pseudonymise(result, region, ctx)
    # the record-level tables with quasi-identifiers stay private; the shared tier follows
    result.private_tables = {t: result.tables[t] for t in QUASI_IDENTIFIERS}
    result.tables, result.disclosure = shareable_tier(result.tables, region.k)
    return result


def write(result: Result, target: Path, paths: Paths | None = None) -> None:
    """Write the private key and full rejects, then the shareable tables, rejects and
    manifest into `target` atomically, behind the privacy gate."""
    from analysis.store.codebook import write_datapackage  # pandera's schemas, only to write

    if paths is not None:
        private.write(paths, result.key, result.rejects, result.private_tables)
    result.outputs = store.write_processed(
        target,
        result.region,
        result.tables,
        result.public_rejects,
        result.public_sources,
        result.public_inputs,
        names=result.names,
        # the codebook, as Frictionless datapackage.json, written before the gate scans
        extra=lambda tmp: write_datapackage(tmp, result.region),
        notes=result.public_notes,
        disclosure=result.disclosure,
        k=result.disclosure.get("k_target", 3),
    )


def clean_region(
    slug: str, root: Path | None = None, write_outputs: bool = True, progress=None
) -> Result:
    """Clean one region and (unless only validating) write data/processed/<slug>/."""
    region = load_region(slug, root)
    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    if not paths.raw.is_dir():
        raise InputError(f"{paths.raw}: no raw data folder for region {slug!r}")
    if write_outputs:  # data/processed/<slug> must not be (a link to) a folder we never write
        check_target(paths.processed, paths.root, "folder", pipeline=True)
    store.recover(paths.processed)
    for note in store.sweep_leftovers(paths.processed.parent):
        (progress or print)(note)
    known = private.known_names(paths, create=write_outputs)
    result = run(region, paths, progress, known)
    if write_outputs:
        write(result, paths.processed, paths)
    return result
