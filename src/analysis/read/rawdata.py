"""Raw data is immutable: a SHA256SUMS manifest beside each region's raw files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def sha256(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def raw_files(raw_dir: Path) -> list[Path]:
    """Every file under the raw folder except the manifest itself, in a stable order."""
    return sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.name != "SHA256SUMS")


def write_manifest(raw_dir: Path, root: Path | None = None) -> Path:
    """SHA256SUMS, the one file written into data/raw/ (replaced at once, never half-written)."""
    from analysis.outputs import writing

    lines = [f"{sha256(p)}  {p.relative_to(raw_dir).as_posix()}\n" for p in raw_files(raw_dir)]
    out = raw_dir / "SHA256SUMS"
    with writing(out, root or raw_dir.parent, "file", force=True, raw_ok=True) as tmp:
        tmp.write_text("".join(lines), encoding="utf-8")
    return out


@dataclass
class Drift:
    changed: list[str]
    missing: list[str]
    unlisted: list[str]

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.unlisted)

    def describe(self) -> str:
        parts = []
        for label, items in (
            ("changed", self.changed),
            ("missing", self.missing),
            ("not in manifest", self.unlisted),
        ):
            if items:
                parts.append(f"{label}: {', '.join(items)}")
        return "; ".join(parts) or "all files match"


def verify(raw_dir: Path, hasher: Callable[[Path], str] = sha256) -> Drift:
    """Compare the raw folder with its manifest; raise FileNotFoundError if there is none.

    ``hasher`` may answer from a cache that re-hashes only files whose stat changed."""
    manifest = raw_dir / "SHA256SUMS"
    if not manifest.exists():
        raise FileNotFoundError(f"{manifest}: no checksum manifest")
    listed: dict[str, str] = {}
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise ValueError(f"{manifest}, line {n}: expected '<sha256>  <path>'")
        listed[name] = digest
    present = {p.relative_to(raw_dir).as_posix(): p for p in raw_files(raw_dir)}
    changed = sorted(n for n, d in listed.items() if n in present and hasher(present[n]) != d)
    missing = sorted(n for n in listed if n not in present)
    unlisted = sorted(n for n in present if n not in listed)
    return Drift(changed, missing, unlisted)
