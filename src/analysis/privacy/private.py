"""data/private/<slug>/: what stays on the researcher's machine and is never shared.

- `key.json`: pseudonym -> real name for source files (F01), sheets (F01/S02), coders
  (C1) and informants (R01), so a student can find the row a reject or a table points at;
- `rejects.csv`: every reject with the real file and sheet name and the raw value quoted;
- `cases.*`, `case_stages.*`: the record-level case tables with exact dates, age bands and
  counts (data/processed/ holds their k-anonymous generalisation, `analysis.disclosure`);
- `known_names.txt`: names of people known to the region (one per line), which the
  scrubber removes from free text even with small typos. The student fills it.

The folder is git-ignored. Only the command line reads it (to print a reject's real file
name on the researcher's own terminal, and to give the privacy gate the known names);
notebooks and reports never do.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.kinds.tables import QUASI_IDENTIFIERS
from analysis.paths import Paths

KNOWN_NAMES_TEMPLATE = """\
# Names of people known to this region's records (victims, suspects, officers, informants,
# witnesses), one per line. Lines starting with # are ignored. This file never leaves this
# machine (data/private/ is git-ignored); the scrubber removes these names from free text,
# tolerating small typos, and the privacy gate refuses outputs that still contain them.
# Nama orang yang dikenal dalam berkas wilayah ini, satu per baris. Berkas ini tidak pernah
# dibagikan; nama-nama ini dihapus dari teks bebas dan diperiksa oleh gerbang privasi.
"""


def folder(paths: Paths) -> Path:
    return paths.root / "data" / "private" / paths.region


def known_names(paths: Paths, create: bool = False) -> list[str]:
    """Names listed in known_names.txt (created from a template on first clean)."""
    f = folder(paths) / "known_names.txt"
    if not f.exists():
        if create:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(KNOWN_NAMES_TEMPLATE, encoding="utf-8")
        return []
    lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def load_key(paths: Paths) -> dict[str, Any]:
    f = folder(paths) / "key.json"
    if not f.exists():
        return {}
    try:
        return json.loads(f.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def gate_names(paths: Paths) -> list[str]:
    """Every name the gate should look for: the known-names list and the informants."""
    return known_names(paths) + list(load_key(paths).get("informants", {}).values())


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write(
    paths: Paths,
    key: dict[str, Any],
    rejects: pd.DataFrame,
    tables: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write the key, the full rejects (raw values) and the record-level case tables (exact
    dates, ages bands, counts: what the shareable tier generalises) into data/private/<slug>/."""
    out = folder(paths)
    out.mkdir(parents=True, exist_ok=True)
    gi = out.parent / ".gitignore"  # belt and braces, in case the repository's is edited
    if not gi.exists():
        gi.write_text("*\n", encoding="utf-8")
    _atomic_text(out / "key.json", json.dumps(key, indent=2, ensure_ascii=False) + "\n")
    _atomic_text(out / "rejects.csv", rejects.to_csv(index=False, lineterminator="\n"))
    for name, df in (tables or {}).items():
        tmp = out / f".{name}.parquet.tmp-{os.getpid()}"
        df.to_parquet(tmp, index=False)
        os.replace(tmp, out / f"{name}.parquet")
        _atomic_text(
            out / f"{name}.csv", df.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
        )
    return out


def record_tables(paths: Paths) -> dict[str, pd.DataFrame]:
    """The record-level case tables of the last clean (for `analysis findings --private`)."""
    out = {}
    for name in QUASI_IDENTIFIERS:
        f = folder(paths) / f"{name}.parquet"
        if f.exists():
            out[name] = pd.read_parquet(f)
    return out
