"""One pandera schema per processed table: the last guard before anything is written.

The cleaning modules already turn bad values into reject lines; these schemas catch
anything they missed (a bug, or a region config that lets an odd value through), with
lazy validation so every failure is reported at once. The coded columns take their allowed
values as an argument (`build`): a region's own codes (analysis.region.codes) reach the
schema, so a stage or modus the region declares is kept, not rejected.

The contract is written as plain data, each table's in its kind's declaration
(`analysis.kinds`: each column's dtype, whether it may be empty or must be unique, and its
checks), so a command that only needs a table's columns and types (`analysis findings`, the
claims of a region config) knows them without importing pandera; `build` makes the pandera
schemas from it, and `SCHEMAS` (the package's own codes) is built on first use.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.kinds.model import CODES, N_STAGES
from analysis.kinds.tables import CLOSED_COLUMNS, TABLE

if TYPE_CHECKING:
    import pandera.pandas as pa


def column_types(table: str) -> dict[str, str]:
    """Column -> dtype name of one processed table (no pandera needed)."""
    return {name: col.dtype for name, col in TABLE[table].contract.items()}


def import_pandera() -> Any:
    """`pandera.pandas`, loaded without pandera's optional hypothesis strategies.

    pandera's built-in pandas checks import `pandera.strategies`, which imports hypothesis
    whenever it is installed (it is, for the tests): about 0.3 s a run never uses, since
    this project validates tables and never synthesises them. While pandera loads,
    `sys.modules["hypothesis"]` is set to None, which makes `import hypothesis` raise
    ImportError (the documented module-cache rule:
    https://docs.python.org/3/reference/import.html#the-module-cache); pandera's own
    `except ImportError` then takes its documented path for "hypothesis not installed"
    (`HAS_HYPOTHESIS = False`, data synthesis unavailable). The entry is removed afterwards,
    so hypothesis imports normally later; if it was already imported (as under pytest),
    nothing is blocked.
    """
    blocked = "hypothesis" not in sys.modules
    if blocked:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]
    try:
        import pandas as pd
        import pandera.pandas

        # the pandas backends (and their built-in checks, which import the strategies)
        # load here, inside the guard, not on the first validation
        pandera.pandas.DataFrameSchema.register_default_backends(pd.DataFrame)
    finally:
        if blocked and sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]
    return pandera.pandas


Closed = Mapping[tuple[str, str], Sequence[str]]


def build(closed: Closed = CLOSED_COLUMNS) -> dict[str, pa.DataFrameSchema]:
    """The pandera schema of every table, the coded columns held to `closed`
    (kinds.tables.CLOSED_COLUMNS with a region's own codes added)."""
    pa = import_pandera()

    def check(table: str, name: str, kind: str, *args: Any) -> pa.Check:
        if args == (CODES,):
            args = (list(closed[(table, name)]),)
        args = tuple(len(closed[("case_stages", "stage")]) if a == N_STAGES else a for a in args)
        return getattr(pa.Check, kind)(*args)

    def schema(table: str) -> pa.DataFrameSchema:
        columns = {
            name: pa.Column(
                col.dtype,
                [check(table, name, *c) for c in col.checks],
                nullable=col.nullable,
                unique=col.unique,
            )
            for name, col in TABLE[table].contract.items()
        }
        unique = list(TABLE[table].unique_rows) or None
        return pa.DataFrameSchema(columns, strict=True, coerce=True, unique=unique)

    return {table: schema(table) for table in TABLE}


def __getattr__(name: str) -> Any:
    """`SCHEMAS` (table -> pandera schema with the package's own codes) is built on first
    use (PEP 562), so importing this module for the contract alone does not import pandera."""
    if name != "SCHEMAS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    schemas = build()
    globals()["SCHEMAS"] = schemas
    return schemas
