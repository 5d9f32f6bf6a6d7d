"""The shareable copy of a cleaning run: pseudonymous files and sheets, withheld values.

`data/processed/` may be published, so file and sheet names become order-based pseudonyms
(F01, F01/S02), unknown headers and raw values in messages are withheld, and the key back
to the real names is kept apart for `data/private/` (see `analysis.privacy.private`).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.clean.common import Context
from analysis.privacy.messages import private_message, public_message, shown
from analysis.privacy.names import Names
from analysis.read import routing
from analysis.read.sheet import norm_header
from analysis.region.config import Region
from analysis.values.lookup import package_table

if TYPE_CHECKING:
    from analysis.clean.result import Result


def allowed_words(region: Region) -> set[str]:
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


def _pseudonyms(result: Result) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Order-based pseudonyms: file label -> F01, (file, sheet) -> S01 within its file."""
    files = {label: f"F{i + 1:02d}" for i, label in enumerate(result.inputs)}
    sheets: dict[tuple[str, str], str] = {}
    for s in result.sources:
        if s["sheet"] and (s["file"], s["sheet"]) not in sheets:
            n = sum(1 for f, _ in sheets if f == s["file"]) + 1
            sheets[(s["file"], s["sheet"])] = f"S{n:02d}"
    return files, sheets


def _provenance(df: pd.DataFrame, files: dict, sheets: dict) -> pd.DataFrame:
    """Real file and sheet names -> pseudonyms, once per distinct (file, sheet) pair."""
    df = df.copy(deep=False)  # only the two columns are replaced (copy-on-write)
    if df.empty:
        df["source_file"] = df["source_file"].astype("str")
        df["source_sheet"] = df["source_sheet"].astype("str")
        return df
    # codes of the two columns combined: each distinct (file, sheet) pair is looked up once
    fcodes, fnames = pd.factorize(df["source_file"].astype("str"), use_na_sentinel=False)
    scodes, snames = pd.factorize(df["source_sheet"].astype("str"), use_na_sentinel=False)
    n = max(len(snames), 1)
    pair, pairs = pd.factorize(fcodes.astype("int64") * n + scodes)
    sheet_ids = [sheets.get((fnames[p // n], snames[p % n]), "") for p in pairs]
    df["source_sheet"] = pd.Series(pd.array(sheet_ids, dtype="str").take(pair), index=df.index)
    file_ids = pd.array([files.get(f) for f in fnames], dtype="str")
    df["source_file"] = pd.Series(file_ids.take(fcodes), index=df.index)
    return df


def _public_rejects(
    result: Result, region: Region, words: set[str], names: Names, files: dict, sheets: dict
) -> pd.DataFrame:
    """Rejects with pseudonymous provenance, known headers only, raw values withheld."""
    known = routing.header_aliases(region)
    headers = {k for m in known.values() for k in m} | {
        norm_header(c) for t in known.values() for c in t.values()
    }
    pub = _provenance(result.rejects, files, sheets)
    pub["column"] = [
        c if (not c or norm_header(c) in headers) else "(column header withheld)"
        for c in result.rejects["column"]
    ]
    cache: dict[str, str] = {}

    def public(m: str) -> str:
        if m not in cache:
            cache[m] = public_message(m, words, names)
        return cache[m]

    pub["problem"] = result.rejects["problem"].map(public)
    pub["suggestion"] = result.rejects["suggestion"].fillna("").astype(str).map(public)
    return pub


def _public_source(s: dict[str, Any], files: dict, sheets: dict, words: set[str]) -> dict:
    letters = s.pop("_ignored_letters", [])
    entry = {k: v for k, v in s.items() if k != "ignored_columns"}
    entry["file"] = files[s["file"]]
    entry["sheet"] = sheets.get((s["file"], s["sheet"]), "")
    entry["ignored_columns"] = [
        f"column {letter} "
        + (repr(h) if not shown(h, words).startswith("[withheld") else "(header withheld)")
        for letter, h in zip(letters, s["ignored_columns"], strict=False)
    ] + [c for c in s["ignored_columns"][len(letters) :] if c.startswith("column ")]
    return entry


def pseudonymise(result: Result, region: Region, ctx: Context) -> Result:
    """Fill the shareable rejects, source entries, inputs and notes of a run, and the key
    from pseudonyms back to real names (`result.key`, written only to data/private/)."""
    files, sheets = _pseudonyms(result)
    for t, df in result.tables.items():
        result.tables[t] = _provenance(df, files, sheets)
    words = allowed_words(region)
    result.public_rejects = _public_rejects(result, region, words, ctx.names, files, sheets)
    result.rejects["problem"] = result.rejects["problem"].map(private_message)
    result.public_sources = [_public_source(s, files, sheets, words) for s in result.sources]
    result.public_inputs = {files[k]: v for k, v in result.inputs.items()}
    result.public_notes = [
        public_note(n, files, sheets, words, ctx.names, ctx.coder_key) for n in result.notes
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


def public_note(
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
