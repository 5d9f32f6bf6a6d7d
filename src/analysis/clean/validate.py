"""The schema contract on every processed table, turning any failure into reject lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.kinds.model import PROVENANCE, REJECT_COLUMNS
from analysis.privacy.messages import mark
from analysis.schemas import SCHEMAS, import_pandera

if TYPE_CHECKING:
    import pandera.pandas as pa

SchemaErrors = import_pandera().errors.SchemaErrors  # pandera loaded without hypothesis


def validate(
    table: str, df: pd.DataFrame, schema: pa.DataFrameSchema | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the table's schema lazily (the region's, from `Region.codes`, or the package's);
    rows named in failures become rejects."""
    schema = SCHEMAS[table] if schema is None else schema
    try:
        return schema.validate(df, lazy=True), pd.DataFrame(columns=REJECT_COLUMNS)
    except SchemaErrors as e:
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
