"""One interface for every record kind: `clean(ctx) -> Tables`, registered in one list.

The threat: a kind whose cleaner is not registered (its rows read, then silently never
cleaned), or a cleaner that returns a table of another kind or misses one of its own.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.clean.common import Context
from analysis.clean.kinds import CLEANERS
from analysis.kinds.model import PROVENANCE
from analysis.kinds.tables import COLUMNS, KIND_NAMES, KIND_TABLES
from analysis.region.config import load_region


def test_every_kind_has_one_registered_cleaner() -> None:
    assert list(CLEANERS) == list(KIND_NAMES)


def test_each_cleaner_returns_exactly_its_kinds_tables_even_with_no_rows(root: Path) -> None:
    for kind, clean in CLEANERS.items():
        ctx = Context.for_region(load_region("kupang", root))
        tables = clean(ctx)
        assert list(tables) == list(KIND_TABLES[kind]), kind
        for name, df in tables.items():
            assert list(df.columns) == COLUMNS[name] and df.empty, name
        assert all(r.empty for r in ctx.rejects), kind


def test_a_cleaner_reads_its_rows_from_the_context_and_rejects_into_it(root: Path) -> None:
    ctx = Context.for_region(load_region("kupang", root))
    raw = pd.DataFrame(
        {
            "date": ["14/03/2024", "14/03/2021"],
            "activity_type": ["Patroli Siber", "Patroli Siber"],
            "source_file": "outreach/x.csv",
            "source_sheet": "",
            "source_row": [2, 3],
        }
    )
    ctx.raw = {"outreach": raw}
    out = CLEANERS["outreach"](ctx)["outreach"]
    assert out["activity_type"].tolist() == ["cyber_patrol"]
    rejects = pd.concat(ctx.rejects)
    assert rejects["source_row"].tolist() == [3]
    assert "outside the study period" in rejects["problem"].iloc[0]
    assert set(PROVENANCE) <= set(out.columns)
