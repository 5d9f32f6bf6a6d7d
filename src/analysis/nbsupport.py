"""What every notebook needs in one call: config, tables, output folders, house style."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.config import Region, load_region
from analysis.paths import Paths, find_root
from analysis.store import load_tables


@dataclass
class Session:
    region: Region
    lang: str
    tables: dict[str, pd.DataFrame]
    paths: Paths
    out: Path  # the report folder figures/ and tables/ go under

    @property
    def figures(self) -> Path:
        return self.out / "figures"

    @property
    def table_dir(self) -> Path:
        return self.out / "tables"

    @property
    def reconstruction(self) -> bool:
        return bool(self.region.get("reconstruction", False))


def setup(region: str, lang: str = "en", report_dir: str = "", root: str = "") -> Session:
    from analysis.plots import house_style

    base = Path(root) if root else find_root()
    paths = Paths.for_region(region, base)
    out = (
        Path(report_dir)
        if report_dir
        else Path(os.environ.get("ANALYSIS_REPORT_DIR", paths.reports))
    )
    house_style()
    pd.set_option("display.max_colwidth", 120)
    return Session(load_region(region, base), lang, load_tables(paths.processed), paths, out)
