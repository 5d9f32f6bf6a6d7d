"""The processed-data store: atomic writes, the manifest, and loading tables back.

`clean` writes through here, `reproduce` installs reports through `swap_in`, and the
notebooks and the findings engine read through `load_tables`, so a table's file format
and the rule "an interrupted run leaves the previous outputs intact" live in one place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.kinds.tables import TABLES
from analysis.privacy.names import Names
from analysis.read.rawdata import sha256

# package versions recorded in the manifest (the ones that decide what the tables hold)
RECORDED_PACKAGES = [
    "pandas",
    "pyarrow",
    "python-calamine",
    "pandera",
    "phonenumberslite",
    "openpyxl",
    "statsmodels",
]


def load_tables(processed: Path) -> dict[str, pd.DataFrame]:
    """Every processed table of a region; says which command to run when they are missing."""
    missing = [t for t in TABLES if not (processed / f"{t}.parquet").exists()]
    if missing:
        raise FileNotFoundError(
            f"{processed}: processed tables missing ({', '.join(missing)}); run `analysis clean` first"
        )
    return {t: pd.read_parquet(processed / f"{t}.parquet") for t in TABLES}


def to_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d", encoding="utf-8")


def versions() -> dict[str, str]:
    from importlib import metadata  # only a command that writes records the versions

    out = {"python": sys.version.split()[0]}
    for p in RECORDED_PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = "not installed"
    from analysis import __version__

    out["analysis"] = __version__
    return out


def write_processed(
    target: Path,
    region: str,
    tables: dict[str, pd.DataFrame],
    rejects: pd.DataFrame,
    sources: list[dict[str, Any]],
    inputs: dict[str, str],
    names: Names | None = None,
    extra: Callable[[Path], None] | None = None,
    notes: list[str] | None = None,
    disclosure: dict[str, Any] | None = None,
    k: int = 3,
) -> dict[str, str]:
    """Tables (Parquet + CSV), rejects and manifest, swapped in at once behind the privacy
    gate; returns output hashes. Everything passed in must already be shareable."""
    outputs: dict[str, str] = {}

    def fill(tmp: Path) -> None:
        for name, df in tables.items():
            df.to_parquet(
                tmp / f"{name}.parquet", index=False, engine="pyarrow", compression="zstd"
            )
            to_csv(df, tmp / f"{name}.csv")
        to_csv(rejects, tmp / "rejects.csv")
        for p in sorted(tmp.iterdir()):
            outputs[p.name] = sha256(p)
        manifest = {
            "region": region,
            "note": "rows_read = rows_kept + rows_rejected + rows_duplicate for every source",
            "sources": sources,
            "tables": {k: len(v) for k, v in tables.items()},
            "rejects": len(rejects),
            "inputs": inputs,
            "notes": notes or [],
            "disclosure": disclosure or {},
            "outputs": outputs,
            "packages": versions(),
        }
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if extra is not None:  # more files (the datapackage), inside the gate and the swap
            extra(tmp)

    write_folder(target, fill, names, k)
    return outputs


def write_folder(
    target: Path, fill: Callable[[Path], None], names: Names | None = None, k: int = 3
) -> None:
    """Let `fill` write a temporary sibling folder, pass it through the privacy gate, then
    swap it in for `target` at once; on a gate hit nothing is installed."""
    from analysis.privacy import gate  # the detectors load only for a command that writes

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir(target)
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        fill(tmp)
        gate.check(tmp, names or (), what=f"outputs for {target.name}", k=k)
        swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def swap_in(src: Path, target: Path) -> None:
    """Replace `target` by `src` with two renames; `recover` repairs a run killed between them."""
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(src, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """If a previous run died between the two renames of `swap_in`, put the old outputs back."""
    old = target.parent / f".{target.name}.old"
    if old.exists() and not target.exists():
        os.replace(old, target)


def tmp_dir(target: Path) -> Path:
    """The temporary sibling a run of this process fills before swapping it in for `target`."""
    return target.parent / f".{target.name}.tmp-{os.getpid()}"


def staging_dir(parent: Path, name: str) -> Path:
    """A staging folder whose name does not change between runs (it is written into the
    executed notebooks); the owner's pid goes in a file inside, for `sweep_leftovers`."""
    path = parent / f".{name}.staging"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    (path / ".pid").write_text(str(os.getpid()), encoding="utf-8")
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_TMP = re.compile(r"^\..+\.tmp-(\d+)$")


def sweep_leftovers(parent: Path) -> list[str]:
    """Remove temporary and staging folders left by a killed run; one note per folder removed."""
    if not parent.is_dir():
        return []
    notes = []
    for p in sorted(parent.iterdir()):
        if not p.is_dir():
            continue
        m = _TMP.match(p.name)
        if m:
            owner: int | None = int(m.group(1))
        elif p.name.startswith(".") and p.name.endswith(".staging"):
            try:
                owner = int((p / ".pid").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                owner = None
        else:
            continue
        if owner is not None and _alive(owner):
            continue
        shutil.rmtree(p, ignore_errors=True)
        notes.append(f"removed {p.name} left in {parent.name}/ by an interrupted run")
    return notes
