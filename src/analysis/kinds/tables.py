"""Every layer's view of the registered kinds: table names, columns, keys, coded columns.

Derived from `analysis.kinds.registry` once, when first imported; nothing here is declared
by hand, so a kind added to the registry reaches the reading, the schemas, the store, the
privacy gate, the claims and the codebook without another edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.kinds.model import Table
from analysis.kinds.registry import KINDS

# record kind -> its tables (a region's raw folder has one sub-folder per kind)
KIND_TABLES: dict[str, tuple[str, ...]] = {k.name: tuple(t.name for t in k.tables) for k in KINDS}
KIND_NAMES: tuple[str, ...] = tuple(KIND_TABLES)
TABLE: dict[str, Table] = {t.name: t for k in KINDS for t in k.tables}
TABLES: tuple[str, ...] = tuple(TABLE)

# Output columns of every processed table, in order (provenance last).
COLUMNS: dict[str, list[str]] = {name: t.columns for name, t in TABLE.items()}
# Canonical input columns a sheet must have before it can feed a table.
REQUIRED_INPUT: dict[str, list[str]] = {name: list(t.required_input) for name, t in TABLE.items()}
QUASI_IDENTIFIERS: dict[str, tuple[str, ...]] = {
    name: t.quasi_identifiers for name, t in TABLE.items() if t.quasi_identifiers
}
# Keys that tie the tables together: (column, referenced table, referenced column).
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    name: list(t.foreign_keys) for name, t in TABLE.items() if t.foreign_keys
}
# Columns whose values are taxonomy codes (the labels.csv field of the same name).
TAXONOMY_FIELDS: dict[str, tuple[str, ...]] = {
    name: t.taxonomy_fields for name, t in TABLE.items() if t.taxonomy_fields
}
# Columns the schemas hold to a list of codes: (table, column) -> the package's codes. A region
# adds codes to them only by declaring each one (config `codes:`; a stage by `stages.order`);
# analysis.region.codes merges both lists, and the schemas, the claims checker, the codebook,
# the templates and the notebooks all read that one merged list.
CLOSED_COLUMNS: dict[tuple[str, str], Sequence[str]] = {
    (name, c): codes for name, t in TABLE.items() for c, codes in t.closed.items()
}
# Columns that hold '; '-joined lists, and the date each table is counted by in periods.
LIST_COLUMNS: set[tuple[str, str]] = {(n, c) for n, t in TABLE.items() for c in t.list_columns}
DATE_COLUMN: dict[str, str] = {n: t.date_column for n, t in TABLE.items() if t.date_column}


def _check() -> None:
    """Registry mistakes fail on import, naming the kind: a table twice, a key to nowhere."""
    names = [t.name for k in KINDS for t in k.tables]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice or len(KIND_NAMES) != len(KINDS):
        raise ValueError(f"kinds.registry: a table or kind is declared twice: {twice}")
    for table, keys in FOREIGN_KEYS.items():
        for column, parent, parent_column in keys:
            if parent not in TABLE or parent_column not in TABLE[parent].own_columns:
                raise ValueError(f"{table}.{column}: no column {parent}.{parent_column}")


_check()
