"""What `reproduce` compares to know whether anything changed: content hashes of the raw
data, config, lock, code and notebooks, remembered per file by size, times and inode.

This module imports only the standard library: the no-op path of `analysis reproduce`
answers from it in a few hundredths of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from analysis.paths import Paths
from analysis.read.rawdata import sha256

MANAGED = ("notebooks", "html", "figures", "tables")  # the folders a report build replaces
HASHES = Path("build") / ".file-hashes.json"
RACY_NS = 2_000_000_000  # a file changed this recently may change again within its timestamp


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


def hash_files(paths: list[Path], root: Path, digest: Callable[[Path], str] = sha256) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + digest(p).encode())
    return h.hexdigest()


def code_files() -> list[Path]:
    """Every module and data table of the analysis package (this file is in analysis/run/)."""
    pkg = Path(__file__).resolve().parents[1]
    return [
        p for p in pkg.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts
    ]


def input_key(paths: Paths, digest: Callable[[Path], str] = sha256) -> str:
    """What the processed tables depend on: raw files, region config, dependency lock, code."""
    files = [p for p in paths.raw.rglob("*") if p.is_file()] + [paths.config]
    py = sys.version_info
    lock = paths.root / "requirements" / f"lock-py{py[0]}{py[1]}.txt"  # new pins -> rebuild
    files += [lock] if lock.is_file() else []
    pkg = Path(__file__).resolve().parents[1]
    return hash_files(files, paths.root, digest) + hash_files(code_files(), pkg, digest)


def report_key(
    paths: Paths, lang: str, clean_key: str, digest: Callable[[Path], str] = sha256
) -> str:
    nbs = sorted(paths.notebooks.glob("*.ipynb"))
    body = clean_key + lang + hash_files(nbs, paths.root, digest)
    return hashlib.sha256(body.encode()).hexdigest()


def up_to_date(target: Path, rkey: str, findings_path: Path) -> bool:
    """True when the last run's stamp matches these inputs and its outputs are all there."""
    stamp = target / ".stamp.json"
    if not (stamp.exists() and findings_path.exists()):
        return False
    try:
        old = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return old.get("key") == rkey and all((target / m).exists() for m in MANAGED)
