"""The schema contract on every processed table, turning any failure into reject lines.

A table that meets the contract passes in plain pandas (`clean.contract`); pandera is
imported, and the table validated by it, only when a check fails, so every reject line is
pandera's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.clean.contract import conforming
from analysis.kinds.model import PROVENANCE, REJECT_COLUMNS
from analysis.kinds.tables import CLOSED_COLUMNS
from analysis.privacy.messages import mark

if TYPE_CHECKING:
    from analysis.region.codes import Codes


def validate(
    table: str, df: pd.DataFrame, codes: Codes | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the table against its contract (the region's codes, from `Region.codes`, or the
    package's); rows named in pandera's failures become rejects."""
    passed = conforming(table, df, CLOSED_COLUMNS if codes is None else codes.closed)
    if passed is not None:
        return passed, pd.DataFrame(columns=REJECT_COLUMNS)
    return _pandera(table, df, codes)


def _pandera(
    table: str, df: pd.DataFrame, codes: Codes | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """pandera's lazy validation: every failure at once, the failing rows as rejects."""
    from analysis.schemas import SCHEMAS, import_pandera

    schema = SCHEMAS[table] if codes is None else codes.table_schemas[table]
    try:
        return schema.validate(df, lazy=True), pd.DataFrame(columns=REJECT_COLUMNS)
    except import_pandera().errors.SchemaErrors as e:
        fc = e.failure_cases
        idx = fc["index"].dropna()
        idx = idx[idx.isin(df.index)].astype(df.index.dtype).unique() if len(idx) else []
        if len(idx) == 0:
            raise RuntimeError(f"schema for {table} failed on the whole table:\n{fc}") from None
        bad = df.loc[idx, PROVENANCE].copy()
        first = fc.dropna(subset=["index"]).drop_duplicates("index").set_index("index")
        bad["column"] = [str(first.at[i, "column"]) for i in idx]
        bad["problem"] = [
            f"failed schema check {first.at[i, 'check']} (value {mark(first.at[i, 'failure_case'])})"
            for i in idx
        ]
        bad["suggestion"], bad["kind"] = "", "rejected"
        kept = df.drop(index=idx)
        return schema.validate(kept, lazy=True), bad[REJECT_COLUMNS]
