"""`analysis clean`: raw workbooks -> validated, pseudonymised tables + rejects + manifest.

Row accounting is exact: for every source file and sheet,
rows_read = rows_kept + rows_rejected + rows_duplicate. Blank rows are not records and are
counted apart (blank_rows_skipped). Outputs are written to a temporary folder and swapped
in at the end, so an interrupted run leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pandas as pd
import pandera.errors

from analysis.cleaning import cases as cases_mod
from analysis.cleaning import interviews as int_mod
from analysis.cleaning import outreach as out_mod
from analysis.cleaning.common import PROVENANCE, REJECT_COLUMNS, Context
from analysis.config import Region, load_region
from analysis.io import MAX_CELL_CHARS, InputError, RawSheet, col_letter, norm_header, read_any
from analysis.normalise import map_unique, package_table
from analysis.paths import KINDS, Paths
from analysis.privacy import scrub_series
from analysis.rawdata import sha256
from analysis.schemas import SCHEMAS

TABLES_OF = {
    "outreach": ["outreach"],
    "cases": ["cases", "case_stages"],
    "interviews": ["informants", "interview_segments", "segment_codes"],
}
REQUIRED = {
    "outreach": ["date", "activity_type"],
    "cases": ["report_number", "report_date", "modus"],
    "case_stages": ["report_number", "stage", "date"],
    "informants": ["role"],
    "interview_segments": ["segment_id", "informant", "text"],
    "segment_codes": ["segment_id", "coder", "theme"],
}
OUTPUT_TABLES = [
    "outreach",
    "cases",
    "case_stages",
    "informants",
    "interview_segments",
    "segment_codes",
]
PACKAGES = [
    "pandas",
    "pyarrow",
    "python-calamine",
    "pandera",
    "phonenumbers",
    "python-stdnum",
    "openpyxl",
    "statsmodels",
]


def header_aliases(region: Region) -> dict[str, dict[str, str]]:
    """table -> {normalised header -> canonical column}, package table plus config extras."""
    out: dict[str, dict[str, str]] = {}
    for table, alias, column in package_table("headers.csv")[
        ["table", "alias", "column"]
    ].itertuples(index=False):
        out.setdefault(table, {})[norm_header(alias)] = column
    for table, mapping in region.extra_aliases("headers").items():
        for alias, column in (mapping or {}).items():
            out.setdefault(table, {})[norm_header(alias)] = str(column)
    for table in OUTPUT_TABLES:  # canonical names are always accepted as headers
        cols = {c for c in out.get(table, {}).values() if c != "_ignore"}
        for c in cols:
            out[table].setdefault(norm_header(c), c)
    return out


@dataclass
class Result:
    """Everything one cleaning run produced, before or after writing."""

    region: str
    tables: dict[str, pd.DataFrame]
    rejects: pd.DataFrame
    sources: list[dict]
    inputs: dict[str, str]
    outputs: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = []
        for kind in KINDS:
            src = [s for s in self.sources if s["kind"] == kind]
            read = sum(s["rows_read"] for s in src)
            kept = sum(s["rows_kept"] for s in src)
            rej = sum(s["rows_rejected"] for s in src)
            dup = sum(s["rows_duplicate"] for s in src)
            lines.append(
                f"  {kind:<11} {len(src):>2} sheet(s): {read:>7} rows read, {kept:>7} kept, "
                f"{rej:>4} rejected, {dup:>4} duplicate"
            )
        for s in self.sources:
            if s["ignored_columns"]:
                where = s["file"] + (f", sheet {s['sheet']!r}" if s["sheet"] else "")
                lines.append(f"  not read from {where}: {', '.join(s['ignored_columns'])}")
        tables = ", ".join(f"{k} {len(v)}" for k, v in self.tables.items())
        lines.append(f"  tables: {tables}")
        return "\n".join(lines)


def _sheet_frame(
    sheet: RawSheet, kind: str, aliases: dict[str, dict[str, str]], region: Region
) -> tuple[str, pd.DataFrame, list[str], dict[str, str]]:
    """Choose the table a sheet feeds, rename its columns; return table, frame, ignored, headers."""
    where = f"{sheet.file}" + (f", sheet {sheet.sheet!r}" if sheet.sheet else "")
    override = (((region.data.get("raw") or {}).get("sheets") or {}).get(sheet.file) or {}).get(
        sheet.sheet or "csv", {}
    )
    keys = [norm_header(h) for h in sheet.header]
    candidates = TABLES_OF[kind]
    if override.get("table"):
        table = override["table"]
    else:
        score = {
            t: sum(1 for k in keys if aliases.get(t, {}).get(k, "_ignore") != "_ignore")
            for t in candidates
        }
        table = max(candidates, key=lambda t: (score[t], -candidates.index(t)))
    mapping = aliases.get(table, {})
    cols, ignored, seen = {}, [], {}
    for i, (h, k) in enumerate(zip(sheet.header, keys, strict=True)):
        c = mapping.get(k)
        if c is None:
            if h:
                ignored.append(h)
            continue
        if c == "_ignore":
            continue
        if c in seen:
            raise InputError(f"{where}: columns {seen[c]!r} and {h!r} both mean {c!r}; keep one")
        seen[c] = h
        cols[i] = c
    missing = [c for c in REQUIRED[table] if c not in seen]
    if table == "informants" and not ({"name", "informant_code"} & set(seen)):
        missing.append("name or informant_code")
    if missing:
        accepted = {
            c: sorted(a for a, v in _alias_names(table, region).items() if v == c) for c in missing
        }
        hint = "; ".join(
            f"{c} (headers accepted: {', '.join(accepted.get(c, []))})" for c in missing
        )
        raise InputError(f"{where}: missing required column {hint}")
    frame = sheet.frame[list(cols)].rename(columns=cols)
    return table, frame, ignored, {c: h for c, h in seen.items()}


def _alias_names(table: str, region: Region) -> dict[str, str]:
    t = package_table("headers.csv")
    t = t[t["table"] == table]
    out = dict(zip(t["alias"], t["column"], strict=True))
    out.update((region.extra_aliases("headers") or {}).get(table, {}) or {})
    return out


def _cell_rejects(sheet: RawSheet, frame: pd.DataFrame, headers: list[str]) -> pd.DataFrame:
    """Error cells, formulas without results, oversized cells -> reject lines."""
    lines = []
    for row, col, problem in sheet.cell_problems:
        ci = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(col))) - 1
        lines.append((row, headers[ci] if 0 <= ci < len(headers) else col, problem, ""))
    for ci in range(sheet.frame.shape[1]):
        s = sheet.frame[ci]
        if isinstance(s.dtype, pd.StringDtype):
            lens = s.str.len().fillna(0)
        else:
            lens = map_unique(s, lambda v: len(v) if isinstance(v, str) else 0)
        if (lens > MAX_CELL_CHARS).any():
            for pos in (lens > MAX_CELL_CHARS).to_numpy().nonzero()[0]:
                lines.append(
                    (
                        int(sheet.rows.iloc[pos]),
                        headers[ci] if ci < len(headers) else col_letter(ci),
                        f"cell has {lens.iloc[pos]:,} characters (limit {MAX_CELL_CHARS:,})",
                        "split the text or shorten it",
                    )
                )
    if not lines:
        return pd.DataFrame(columns=REJECT_COLUMNS)
    df = pd.DataFrame(lines, columns=["source_row", "column", "problem", "suggestion"])
    df["source_file"], df["source_sheet"], df["kind"] = sheet.file, sheet.sheet, "rejected"
    return df[REJECT_COLUMNS]


def _validate(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the table's schema lazily; rows named in failures become rejects."""
    schema = SCHEMAS[table]
    try:
        return schema.validate(df, lazy=True), pd.DataFrame(columns=REJECT_COLUMNS)
    except pandera.errors.SchemaErrors as e:
        fc = e.failure_cases
        idx = fc["index"].dropna()
        idx = idx[idx.isin(df.index)].astype(df.index.dtype).unique() if len(idx) else []
        if len(idx) == 0:
            raise RuntimeError(f"schema for {table} failed on the whole table:\n{fc}") from None
        bad = df.loc[idx, PROVENANCE].copy()
        first = fc.dropna(subset=["index"]).drop_duplicates("index").set_index("index")
        bad["column"] = [str(first.at[i, "column"]) for i in idx]
        bad["problem"] = [
            f"failed schema check {first.at[i, 'check']} (value {first.at[i, 'failure_case']!r})"
            for i in idx
        ]
        bad["suggestion"], bad["kind"] = "", "rejected"
        kept = df.drop(index=idx)
        return schema.validate(kept, lazy=True), bad[REJECT_COLUMNS]


def run(region: Region, paths: Paths, progress=None) -> Result:
    """Read, normalise, validate and pseudonymise every raw file of a region (no writing)."""
    say = progress or (lambda msg: None)
    ctx = Context.for_region(region)
    aliases = header_aliases(region)
    inputs: dict[str, str] = {}
    raw: dict[str, list[pd.DataFrame]] = {t: [] for t in OUTPUT_TABLES}
    reject_parts: list[pd.DataFrame] = []
    sources: list[dict] = []
    header_overrides = (region.data.get("raw") or {}).get("sheets") or {}
    for kind in KINDS:
        folder = paths.raw / kind
        if not folder.is_dir():
            continue
        known = set().union(*(aliases.get(t, {}).keys() for t in TABLES_OF[kind]))
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix.lower() not in (".xlsx", ".csv") or path.name.startswith(("~$", ".")):
                continue
            label = path.relative_to(paths.raw).as_posix()
            t0 = time.perf_counter()
            inputs[label] = sha256(path)
            hrows = {
                s: o.get("header_row")
                for s, o in (header_overrides.get(label) or {}).items()
                if isinstance(o, dict) and o.get("header_row")
            }
            for sheet in read_any(path, label, known, region.skip_sheets, hrows):
                table, frame, ignored, headers = _sheet_frame(sheet, kind, aliases, region)
                for c, h in headers.items():
                    ctx.source_headers[(sheet.file, sheet.sheet, c)] = h
                frame = frame.copy()
                frame["source_file"], frame["source_sheet"] = sheet.file, sheet.sheet
                frame["source_row"] = sheet.rows.to_numpy()
                cell_rej = _cell_rejects(sheet, frame, sheet.header)
                # exact duplicates within a sheet: hash each row's cells once, vectorised
                hashes = pd.util.hash_pandas_object(sheet.frame.astype(str), index=False)
                dup = hashes.duplicated(keep="first").to_numpy()
                if dup.any():
                    first_row = (
                        pd.Series(sheet.rows.to_numpy())
                        .groupby(hashes.to_numpy())
                        .transform("first")
                    )
                    d = frame.loc[dup, PROVENANCE].copy()
                    d["column"] = ""
                    d["problem"] = "exact duplicate of row " + first_row[dup].astype(str).to_numpy()
                    d["suggestion"], d["kind"] = "delete the repeated row", "duplicate"
                    reject_parts.append(d[REJECT_COLUMNS])
                bad_rows = set(cell_rej["source_row"])
                reject_parts.append(cell_rej)
                keep = ~dup & ~frame["source_row"].isin(bad_rows).to_numpy()
                raw[table].append(frame.loc[keep])
                sources.append(
                    {
                        "kind": kind,
                        "file": sheet.file,
                        "sheet": sheet.sheet,
                        "table": table,
                        "header_row": sheet.header_row,
                        "rows_read": len(frame),
                        "blank_rows_skipped": sheet.blank_rows,
                        "ignored_columns": ignored
                        + [f"column {c} (values without a header)" for c in sheet.unheaded_columns],
                    }
                )
            say(f"read {label} ({time.perf_counter() - t0:.1f} s)")

    def cat(t: str) -> pd.DataFrame:
        parts = raw[t]
        if not parts:
            cols = PROVENANCE
            return pd.DataFrame(columns=cols)
        return pd.concat(parts, ignore_index=True)

    tables: dict[str, pd.DataFrame] = {}
    tables["outreach"], rej = out_mod.clean(cat("outreach"), ctx)
    reject_parts.append(rej)
    tables["cases"], rej, lp_map = cases_mod.clean_cases(cat("cases"), ctx)
    reject_parts.append(rej)
    tables["case_stages"], rej = cases_mod.clean_stages(cat("case_stages"), ctx, lp_map)
    reject_parts.append(rej)
    tables["informants"], rej, link, names = int_mod.clean_informants(cat("informants"), ctx)
    reject_parts.append(rej)
    tables["interview_segments"], rej = int_mod.clean_segments(
        cat("interview_segments"), ctx, link, names
    )
    reject_parts.append(rej)
    tables["segment_codes"], rej = int_mod.clean_codes(
        cat("segment_codes"), ctx, set(tables["interview_segments"]["segment_id"])
    )
    reject_parts.append(rej)
    for t in OUTPUT_TABLES:
        tables[t], rej = _validate(t, tables[t])
        reject_parts.append(rej)
    say("normalised and validated " + ", ".join(f"{t} ({len(df)})" for t, df in tables.items()))
    parts = [p for p in reject_parts if len(p)]
    rejects = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=REJECT_COLUMNS)
    rejects["source_row"] = rejects["source_row"].astype("int64")
    # problems quote raw values; a quoted value must not carry an identifier out
    rejects["problem"] = scrub_series(rejects["problem"])
    rejects = rejects.sort_values(
        ["source_file", "source_sheet", "source_row", "column"], kind="stable"
    ).reset_index(drop=True)
    _account(sources, tables, rejects)
    return Result(region.slug, tables, rejects, sources, inputs)


def _account(sources: list[dict], tables: dict[str, pd.DataFrame], rejects: pd.DataFrame) -> None:
    kept: dict[tuple[str, str], int] = {}
    for df in tables.values():
        for key, n in df.groupby(["source_file", "source_sheet"]).size().items():
            kept[key] = kept.get(key, 0) + int(n)
    per = rejects.drop_duplicates(["source_file", "source_sheet", "source_row"])
    rej = per[per["kind"] == "rejected"].groupby(["source_file", "source_sheet"]).size()
    dup = per[per["kind"] == "duplicate"].groupby(["source_file", "source_sheet"]).size()
    for s in sources:
        key = (s["file"], s["sheet"])
        s["rows_kept"] = kept.get(key, 0)
        s["rows_rejected"] = int(rej.get(key, 0))
        s["rows_duplicate"] = int(dup.get(key, 0))
        if s["rows_read"] != s["rows_kept"] + s["rows_rejected"] + s["rows_duplicate"]:
            raise RuntimeError(
                f"row accounting does not balance for {key}: {s} (a bug; please report)"
            )


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for p in PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = "not installed"
    from analysis import __version__

    out["analysis"] = __version__
    return out


def _to_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d", encoding="utf-8")


def write(result: Result, target: Path) -> None:
    """Write every output into a temporary sibling folder, then swap it in atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        outputs: dict[str, str] = {}
        for name, df in result.tables.items():
            df.to_parquet(
                tmp / f"{name}.parquet", index=False, engine="pyarrow", compression="zstd"
            )
            _to_csv(df, tmp / f"{name}.csv")
        _to_csv(result.rejects, tmp / "rejects.csv")
        for p in sorted(tmp.iterdir()):
            outputs[p.name] = sha256(p)
        result.outputs = outputs
        manifest = {
            "region": result.region,
            "note": "rows_read = rows_kept + rows_rejected + rows_duplicate for every source",
            "sources": result.sources,
            "tables": {k: len(v) for k, v in result.tables.items()},
            "rejects": len(result.rejects),
            "inputs": result.inputs,
            "outputs": outputs,
            "packages": _versions(),
        }
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _swap(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _swap(tmp: Path, target: Path) -> None:
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """If a previous run died between the two renames, put the old outputs back."""
    old = target.parent / f".{target.name}.old"
    if old.exists() and not target.exists():
        os.replace(old, target)


def clean_region(
    slug: str, root: Path | None = None, write_outputs: bool = True, progress=None
) -> Result:
    region = load_region(slug, root)
    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    if not paths.raw.is_dir():
        raise InputError(f"{paths.raw}: no raw data folder for region {slug!r}")
    recover(paths.processed)
    result = run(region, paths, progress)
    if write_outputs:
        write(result, paths.processed)
    return result
