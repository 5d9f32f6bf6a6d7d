"""One pandera schema per processed table: the last guard before anything is written.

The cleaning modules already turn bad values into reject lines; these schemas catch
anything they missed (a bug, or a region config that lets an odd value through), with
lazy validation so every failure is reported at once. The coded columns take their allowed
values as an argument (`build`): a region's own codes (analysis.region.codes) reach the
schema, so a stage or modus the region declares is kept, not rejected.

The contract is written as plain data (`CONTRACT`: each column's dtype, whether it may be
empty or must be unique, and its checks), so a command that only needs a table's columns
and types (`analysis findings`, the claims of a region config) knows them without importing
pandera; `build` makes the pandera schemas from it, and `SCHEMAS` (the package's own codes)
is built on first use.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from analysis.vocab import AGE_BANDS, CLOSED_COLUMNS

if TYPE_CHECKING:
    import pandera.pandas as pa

_BAND = "|".join(re.escape(label) for _, _, label in AGE_BANDS)
AGE_BAND_RE = rf"^({_BAND})(; ({_BAND}))*$"


class Col(NamedTuple):
    """One column of the contract; `checks` are (pandera `Check` name, its arguments...),
    where CODES stands for the column's allowed codes and N_STAGES for how many stages
    there are (both the package's, or a region's: `build`)."""

    dtype: str
    nullable: bool = False
    unique: bool = False
    checks: tuple[tuple[Any, ...], ...] = ()


def _text(*checks: tuple[Any, ...]) -> Col:
    """Free text or an optional code: a string that may be empty."""
    return Col("str", nullable=True, checks=checks)


CODES, N_STAGES = "<the column's codes>", "<the number of stages>"
_PROVENANCE = {
    "source_file": Col("str"),
    "source_sheet": Col("str"),
    "source_row": Col("int64", checks=(("ge", 1),)),
}

# table -> column -> Col, in the tables' column order
CONTRACT: dict[str, dict[str, Col]] = {
    "outreach": {
        "activity_id": Col("str", unique=True),
        "date": Col("datetime64[us]"),
        "month": Col("str", checks=(("str_matches", r"^\d{4}-\d{2}$"),)),
        "aspect": Col("str", checks=(("isin", CODES),)),
        "activity_type": Col("str", checks=(("isin", CODES),)),
        "audience": _text(),
        "participants": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "district": _text(),
        "venue_type": _text(),
        "partners": _text(),
        "n_partners": Col("int64", checks=(("ge", 0),)),
        "platform": _text(),
        "feature": _text(),
        "accounts_flagged": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "unit": _text(),
        "notes": _text(),
        **_PROVENANCE,
    },
    "cases": {
        "case_id": Col("str", unique=True, checks=(("str_matches", r"^K\d{2,}$"),)),
        "report_model": Col("str", checks=(("isin", CODES),)),
        # quasi-identifiers may be withheld in the shareable tier (analysis.clean.disclosure);
        # cleaning itself requires a report date and a modus
        "report_date": Col("datetime64[us]", nullable=True),
        "report_period": _text(("str_matches", r"^\d{4}(?:-\d{2}|-Q[1-4])?$")),
        "year": Col("Int64", nullable=True),
        "modus": _text(("isin", CODES)),
        "platform": _text(),
        "victims": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "victim_minor": Col("boolean", nullable=True),
        "victim_age_band": _text(("str_matches", AGE_BAND_RE)),
        "victim_sex": _text(("isin", CODES)),
        "suspects": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "statutes": _text(),
        "status": _text(),
        "notes": _text(),
        **_PROVENANCE,
    },
    "case_stages": {
        "case_id": Col("str"),
        "stage": Col("str", checks=(("isin", CODES),)),
        "stage_order": Col("int64", checks=(("in_range", 1, N_STAGES),)),
        # withheld in the shareable tier; days_since_report keeps the order and the gaps
        "date": Col("datetime64[us]", nullable=True),
        "days_since_report": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "notes": _text(),
        **_PROVENANCE,
    },
    "informants": {
        "informant_id": Col("str", unique=True, checks=(("str_matches", r"^R\d{2,}$"),)),
        "role": Col("str"),
        "unit": _text(),
        "organisation_type": _text(),
        **_PROVENANCE,
    },
    "interview_segments": {
        "segment_id": Col("str", unique=True),
        "informant_id": Col("str"),
        "date": Col("datetime64[us]", nullable=True),
        "question": _text(),
        "text": Col("str"),
        **_PROVENANCE,
    },
    "segment_codes": {
        "segment_id": Col("str"),
        "coder": Col("str"),
        "aspect": Col("str"),
        "theme": Col("str"),
        **_PROVENANCE,
    },
}
# Rows that must not repeat, beyond single unique columns.
UNIQUE_ROWS: dict[str, list[str]] = {"case_stages": ["case_id", "stage"]}


def column_types(table: str) -> dict[str, str]:
    """Column -> dtype name of one processed table (no pandera needed)."""
    return {name: col.dtype for name, col in CONTRACT[table].items()}


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
    (vocab.CLOSED_COLUMNS with a region's own codes added)."""
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
            for name, col in CONTRACT[table].items()
        }
        return pa.DataFrameSchema(columns, strict=True, coerce=True, unique=UNIQUE_ROWS.get(table))

    return {table: schema(table) for table in CONTRACT}


def __getattr__(name: str) -> Any:
    """`SCHEMAS` (table -> pandera schema with the package's own codes) is built on first
    use (PEP 562), so importing this module for the contract alone does not import pandera."""
    if name != "SCHEMAS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    schemas = build()
    globals()["SCHEMAS"] = schemas
    return schemas
