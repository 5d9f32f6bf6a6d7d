"""Every path the project uses, from one place (cookiecutter-data-science habit).

The root is found from ANALYSIS_ROOT if set (tests point it at a temporary copy), else
from the nearest folder above the working directory that holds config/regions, else from
the package's own location in a source checkout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    env = os.environ.get("ANALYSIS_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "config" / "regions").is_dir():
            return p
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Paths:
    """Paths for one region under one project root."""

    root: Path
    region: str

    @classmethod
    def for_region(cls, region: str, root: Path | None = None) -> Paths:
        return cls(root=(root or find_root()), region=region)

    @property
    def config(self) -> Path:
        return self.root / "config" / "regions" / f"{self.region}.yml"

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw" / self.region

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed" / self.region

    @property
    def reports(self) -> Path:
        return self.root / "reports" / self.region

    @property
    def lab(self) -> Path:
        """Where a notebook run by hand (Lab, an editor) writes figures and tables: a scratch
        folder, so only `reproduce` ever writes the reviewer copy in reports/."""
        return self.root / "build" / "lab" / self.region

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def sums(self) -> Path:
        return self.raw / "SHA256SUMS"


def regions(root: Path | None = None) -> list[str]:
    """Slugs of every bundled region (one YAML file each)."""
    base = (root or find_root()) / "config" / "regions"
    return sorted(p.stem for p in base.glob("*.yml"))
