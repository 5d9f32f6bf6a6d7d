"""The key-type check of a region config (pydantic, `typecheck`), skipped for a config whose
exact text already passed it: importing pydantic and building the model cost `analysis
findings` about a fifth of `python -c "import pandas"`, on every run, for a file that
rarely changes.

The record is `build/config-checks/<file name>.sha256` under the project that holds the
config (`<root>/config/regions/<slug>.yml`), and it holds one key: the SHA-256 of the
config's text, of whether its claims were checked, and of everything the verdict depends
on (the declaration `spec.SPEC` and `CLAIM_META` as written out by repr, the sources of
`typecheck` and `yaml_loader`, the installed PyYAML, pydantic and pydantic-core, the
Python version). The check is a pure function of those, so a key
that passed once passes again: skipping it changes no verdict. Only a pass is recorded;
a config with any error is checked (and its error reported) on every run. Every other
check of the config (stages, codes, meanings, the claims language) runs every time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from analysis.region.spec import CLAIM_META, SPEC

_SOURCES = ("typecheck.py", "yaml_loader.py")


@cache
def _fingerprint() -> bytes:
    """What the verdict depends on besides the text (found without importing pydantic)."""
    import yaml

    here = Path(__file__).parent
    parts = [sys.version.encode(), yaml.__version__.encode(), repr((SPEC, CLAIM_META)).encode()]
    parts += [(here / name).read_bytes() for name in _SOURCES]
    for package in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin is None:
            parts.append(b"missing " + package.encode())
            continue
        for f in (origin, origin.parent / "version.py"):  # a reinstall changes them
            st = f.stat() if f.is_file() else None
            parts.append(f"{f}:{st and st.st_size}:{st and st.st_mtime_ns}".encode())
    return hashlib.sha256(b"\0".join(parts)).digest()


def key(text: str, claims: bool) -> str:
    """The SHA-256 naming one config text checked with or without its claims."""
    h = hashlib.sha256(_fingerprint())
    h.update(b"claims" if claims else b"no claims")
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def record(path: Path) -> Path | None:
    """Where the last pass of the config at `path` is kept; None for a file outside a
    project's config/regions/ (nothing is recorded for it)."""
    path = Path(path)
    if path.parent.name != "regions" or path.parent.parent.name != "config":
        return None
    return path.parents[2] / "build" / "config-checks" / f"{path.name}.sha256"


def check_types_once(
    data: dict[str, Any], text: str, path: Path, claims: bool, record_pass: bool = True
) -> list[str]:
    """`typecheck.check_types(data)` (data parsed from `text`), unless this exact text
    passed it before; a pass is recorded (with `record_pass`: text read from the file at
    `path`, not text about to be written there), an error never is."""
    where, k = record(path), key(text, claims)
    try:
        if where is not None and where.read_text(encoding="ascii") == k:
            return []
    except (OSError, UnicodeDecodeError):
        pass
    from analysis.region.typecheck import check_types  # pydantic: only when checking

    errors = check_types(data)
    if not errors and where is not None and record_pass:
        try:  # written whole, then renamed: a reader never sees half a key
            where.parent.mkdir(parents=True, exist_ok=True)
            tmp = where.with_name(f"{where.name}.{os.getpid()}.tmp")
            tmp.write_text(k, encoding="ascii")
            os.replace(tmp, where)
        except OSError:  # a read-only project: check every time
            pass
    return errors
