"""What a record kind declares: its tables, each column's contract, and its cleaner's path.

A kind is plain data (frozen dataclasses), so the lower layers (reading, the store, the
privacy gate) know a table's columns and types without importing the cleaning or pandera;
`analysis.schemas` builds the pandera schemas from it and `analysis.kinds.tables` derives
the lookups every layer reads. Every table ends with the provenance columns, added here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Where a row came from: every processed table and every reject line ends with these.
PROVENANCE: list[str] = ["source_file", "source_sheet", "source_row"]
REJECT_COLUMNS: list[str] = [*PROVENANCE, "column", "problem", "suggestion", "kind"]

# In a column's checks, CODES stands for the column's allowed codes and N_STAGES for how
# many stages there are (both the package's, or a region's: analysis.schemas.build).
CODES, N_STAGES = "<the column's codes>", "<the number of stages>"


class Col(NamedTuple):
    """One column of the contract; `checks` are (pandera `Check` name, its arguments...)."""

    dtype: str
    nullable: bool = False
    unique: bool = False
    checks: tuple[tuple[Any, ...], ...] = ()

    @classmethod
    def text(cls, *checks: tuple[Any, ...]) -> Col:
        """Free text or an optional code: a string that may be empty."""
        return cls("str", nullable=True, checks=checks)


PROVENANCE_CONTRACT: dict[str, Col] = dict(
    zip(PROVENANCE, (Col("str"), Col("str"), Col("int64", checks=(("ge", 1),))), strict=True)
)


@dataclass(frozen=True)
class Table:
    """One processed table: its own columns in order (provenance follows) and their roles."""

    name: str
    own_columns: Mapping[str, Col]
    required_input: tuple[str, ...]  # canonical input columns a sheet must have
    required_any: tuple[str, ...] = ()  # ... and at least one of these (who a row is)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, parent table, its column)
    unique_rows: tuple[str, ...] = ()  # columns that together must not repeat
    closed: Mapping[str, Sequence[str]] = field(default_factory=dict)  # column -> codes
    taxonomy_fields: tuple[str, ...] = ()  # columns holding labels.csv codes of that field
    list_columns: tuple[str, ...] = ()  # '; '-joined lists
    date_column: str | None = None  # the date a claim counts the table by in periods
    quasi_identifiers: tuple[str, ...] = ()  # what a neighbour may know (analysis.privacy.kanon)

    @property
    def contract(self) -> dict[str, Col]:
        """Every column of the table, in order, provenance last."""
        return {**self.own_columns, **PROVENANCE_CONTRACT}

    @property
    def columns(self) -> list[str]:
        return list(self.contract)

    def __post_init__(self) -> None:
        named = [
            *self.closed,
            *self.taxonomy_fields,
            *self.list_columns,
            *self.unique_rows,
            *(fk[0] for fk in self.foreign_keys),
            *([self.date_column] if self.date_column else []),
        ]
        unknown = [c for c in named if c not in self.own_columns]
        if unknown:
            raise ValueError(f"table {self.name!r} names columns it does not have: {unknown}")


@dataclass(frozen=True)
class Kind:
    """A record kind: a raw sub-folder `data/raw/<slug>/<name>/`, its tables, and the dotted
    path of the module whose `clean(ctx) -> Tables` cleans it (imported by analysis.clean.kinds,
    so this layer never imports the cleaning)."""

    name: str
    tables: tuple[Table, ...]
    cleaner: str
