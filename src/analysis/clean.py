"""`analysis clean`: raw workbooks -> validated, pseudonymised tables + rejects + manifest.

The flow, one module per job: `io` reads each file safely, `routing` sends each sheet to
its table, `sheetchecks` rejects bad cells and repeated rows, `cleaning.*` normalise each
record kind, `validate` applies the schemas, `accounting` proves no row was lost, and
`store` writes everything atomically.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import accounting, limits, private, routing, store
from analysis.cleaning import cases as cases_mod
from analysis.cleaning import interviews as interviews_mod
from analysis.cleaning import outreach as outreach_mod
from analysis.cleaning.common import Context
from analysis.codebook import write_datapackage
from analysis.config import Region, load_region
from analysis.io import InputError, col_letter, norm_header, raw_files, read_any
from analysis.lookup import package_table
from analysis.paths import Paths
from analysis.privacy import Names, private_message, public_message, shown
from analysis.qdpx import qda_options
from analysis.rawdata import sha256
from analysis.sheetchecks import cell_rejects, duplicate_rows
from analysis.validate import validate
from analysis.vocab import KINDS, PROVENANCE, REJECT_COLUMNS, TABLES


@dataclass
class Result:
    """Everything one cleaning run produced, before or after writing."""

    region: str
    tables: dict[str, pd.DataFrame]  # shareable: pseudonymous provenance (F01, S01)
    rejects: pd.DataFrame  # the researcher's own: real file names, raw values quoted
    sources: list[dict[str, Any]]  # the researcher's own (real names), for the terminal
    inputs: dict[str, str]
    public_rejects: pd.DataFrame = field(default_factory=pd.DataFrame)
    public_sources: list[dict[str, Any]] = field(default_factory=list)
    public_inputs: dict[str, str] = field(default_factory=dict)
    key: dict[str, Any] = field(default_factory=dict)
    names: Names = field(default_factory=Names)
    public_notes: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = accounting.summary_lines(self.sources, self.tables)
        return "\n".join(lines + [f"  note: {n}" for n in self.notes])


@dataclass
class _Collected:
    """Rows read so far, per table, with the reject lines and source entries they made."""

    frames: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: {t: [] for t in TABLES})
    rejects: list[pd.DataFrame] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        parts = self.frames[name]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PROVENANCE)


def _read_kind(kind: str, region: Region, paths: Paths, ctx: Context, acc: _Collected, say) -> None:
    """Read every file of one record kind into `acc`, rejecting bad cells and repeats."""
    aliases = routing.header_aliases(region)
    known = routing.known_headers(aliases, kind)
    qda = qda_options(region)  # checked before any file is read: a bad value names the key
    files, notes = raw_files(paths.raw / kind)
    acc.notes += notes
    for path in files:
        label = path.relative_to(paths.raw).as_posix()
        t0 = time.perf_counter()
        acc.inputs[label] = sha256(path)
        pinned = routing.header_rows(region, label)
        for sheet in read_any(path, label, known, region.skip_sheets, pinned, qda):
            if sheet.skipped:
                acc.notes.append(f"{label}: sheet {sheet.sheet!r} skipped ({sheet.skipped})")
                continue
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
        say(f"read {label} ({time.perf_counter() - t0:.1f} s)")


def _clean_tables(acc: _Collected, ctx: Context) -> dict[str, pd.DataFrame]:
    """Run each record kind's cleaner; their rejects go into `acc`."""
    tables: dict[str, pd.DataFrame] = {}
    informant_names = acc.table("informants").get("name", pd.Series(dtype=object))
    ctx.names = Names([*ctx.known_names, *(str(n) for n in informant_names.dropna())])
    tables["outreach"], rej = outreach_mod.clean(acc.table("outreach"), ctx)
    acc.rejects.append(rej)
    tables["cases"], rej, lp_map = cases_mod.clean_cases(acc.table("cases"), ctx)
    acc.rejects.append(rej)
    tables["case_stages"], rej = cases_mod.clean_stages(acc.table("case_stages"), ctx, lp_map)
    acc.rejects.append(rej)
    tables["informants"], rej, link, names = interviews_mod.clean_informants(
        acc.table("informants"), ctx
    )
    acc.rejects.append(rej)
    tables["interview_segments"], rej, segment_key = interviews_mod.clean_segments(
        acc.table("interview_segments"), ctx, link, names
    )
    acc.rejects.append(rej)
    tables["segment_codes"], rej, ctx.coder_key = interviews_mod.clean_codes(
        acc.table("segment_codes"), ctx, segment_key
    )
    acc.rejects.append(rej)
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
    ctx.allowed_words = _allowed_words(region)
    acc = _Collected()
    for kind in KINDS:
        if (paths.raw / kind).is_dir():
            _read_kind(kind, region, paths, ctx, acc, say)
        else:
            acc.notes.append(
                f"no {kind}/ folder in {paths.raw.name}: the {kind} tables are empty "
                "(the notebooks say so and go on)"
            )
    tables = _clean_tables(acc, ctx)
    acc.notes += interviews_mod.coder_notes(tables["segment_codes"], ctx.coder_key)
    for t in TABLES:
        tables[t], rej = validate(t, tables[t])
        acc.rejects.append(rej)
    say("normalised and validated " + ", ".join(f"{t} ({len(df)})" for t, df in tables.items()))
    rejects = _all_rejects(acc.rejects)
    limits.check_rejects(rejects.groupby("source_file").size().items())
    accounting.account(acc.sources, tables, rejects)
    return _pseudonymise(
        Result(region.slug, tables, rejects, acc.sources, acc.inputs, notes=acc.notes), region, ctx
    )


# --------------------------------------------------------------------------- what may be shared
def _allowed_words(region: Region) -> set[str]:
    """Words a public message may repeat: the taxonomy, alias tables, headers, place names."""
    words: set[str] = set()

    def add(v: object) -> None:
        words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", str(v)))

    for name in ("labels.csv", "agencies.csv", "headers.csv"):
        for col in package_table(name).columns:
            package_table(name)[col].map(add)
    for kind in ("labels", "agencies", "headers"):
        add(json.dumps(region.extra_aliases(kind), ensure_ascii=False))
    for d in region.data["districts"]:
        add(d["name"])
        for a in d.get("aliases", []):
            add(a)
    for k in ("name", "city", "province", "polda"):
        add(region.get(k, ""))
    for w in (region.data.get("privacy") or {}).get("allowed_words", []) or []:
        add(w)
    return words


def _pseudonymise(result: Result, region: Region, ctx: Context) -> Result:
    """Give files and sheets order-based pseudonyms (F01, F01/S02) and build the shareable
    rejects, source entries and inputs; the key to the real names goes to `result.key`."""
    files = {label: f"F{i + 1:02d}" for i, label in enumerate(result.inputs)}
    sheets: dict[tuple[str, str], str] = {}
    for s in result.sources:
        if s["sheet"] and (s["file"], s["sheet"]) not in sheets:
            n = sum(1 for f, _ in sheets if f == s["file"]) + 1
            sheets[(s["file"], s["sheet"])] = f"S{n:02d}"

    def prov(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        pairs = list(zip(df["source_file"], df["source_sheet"], strict=True))
        df["source_sheet"] = pd.array(
            [sheets.get(p, "") for p in pairs] if pairs else [], dtype="str"
        )
        df["source_file"] = df["source_file"].map(files).astype("str")
        return df

    for t, df in result.tables.items():
        result.tables[t] = prov(df)
    words = _allowed_words(region)
    known = routing.header_aliases(region)
    headers = {k for m in known.values() for k in m} | {
        norm_header(c) for t in known.values() for c in t.values()
    }
    pub = prov(result.rejects)
    pub["column"] = [
        c if (not c or norm_header(c) in headers) else "(column header withheld)"
        for c in result.rejects["column"]
    ]
    msg_cache: dict[str, str] = {}

    def public(m: str) -> str:
        if m not in msg_cache:
            msg_cache[m] = public_message(m, words, ctx.names)
        return msg_cache[m]

    pub["problem"] = result.rejects["problem"].map(public)
    pub["suggestion"] = result.rejects["suggestion"].fillna("").astype(str).map(public)
    result.rejects["problem"] = result.rejects["problem"].map(private_message)
    result.public_rejects = pub
    for s in result.sources:
        letters = s.pop("_ignored_letters", [])
        entry = {k: v for k, v in s.items() if k != "ignored_columns"}
        entry["file"] = files[s["file"]]
        entry["sheet"] = sheets.get((s["file"], s["sheet"]), "")
        entry["ignored_columns"] = [
            f"column {letter} "
            + (repr(h) if not shown(h, words).startswith("[withheld") else "(header withheld)")
            for letter, h in zip(letters, s["ignored_columns"], strict=False)
        ] + [c for c in s["ignored_columns"][len(letters) :] if c.startswith("column ")]
        result.public_sources.append(entry)
    result.public_inputs = {files[k]: v for k, v in result.inputs.items()}
    result.public_notes = [
        _public_note(n, files, sheets, words, ctx.names, ctx.coder_key) for n in result.notes
    ]
    result.key = {
        "note": "pseudonym -> real name; this file stays on this machine (data/private/ is git-ignored)",
        "files": {v: k for k, v in files.items()},
        "sheets": {f"{files[f]}/{v}": s for (f, s), v in sheets.items()},
        "coders": {v: k for k, v in getattr(ctx, "coder_key", {}).items()},
        "informants": ctx.informant_names,
    }
    result.names = ctx.names
    return result


def _public_note(
    note: str, files: dict[str, str], sheets: dict[tuple[str, str], str], words, names, coders
) -> str:
    """A run note for the manifest: file, sheet and coder names become their pseudonyms."""
    for real, cid in coders.items():
        note = note.replace(f"({real})", f"({cid})")
    for (f, s), sid in sheets.items():
        note = note.replace(f"{f}, sheet {s!r}", f"{files[f]}/{sid}")
    for label in sorted(files, key=len, reverse=True):
        note = note.replace(label, files[label])
    note = re.sub(r"sheet '[^']*'", "a sheet", note)
    return public_message(note, words, names)


def write(result: Result, target: Path, paths: Paths | None = None) -> None:
    """Write the private key and full rejects, then the shareable tables, rejects and
    manifest into `target` atomically, behind the privacy gate."""
    if paths is not None:
        private.write(paths, result.key, result.rejects)
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
    )


def clean_region(
    slug: str, root: Path | None = None, write_outputs: bool = True, progress=None
) -> Result:
    """Clean one region and (unless only validating) write data/processed/<slug>/."""
    region = load_region(slug, root)
    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    if not paths.raw.is_dir():
        raise InputError(f"{paths.raw}: no raw data folder for region {slug!r}")
    store.recover(paths.processed)
    for note in store.sweep_leftovers(paths.processed.parent):
        (progress or print)(note)
    known = private.known_names(paths, create=write_outputs)
    result = run(region, paths, progress, known)
    if write_outputs:
        write(result, paths.processed, paths)
    return result
