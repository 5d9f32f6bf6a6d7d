"""The schema contract checked in plain pandas for a table that meets it, so `validate` and
`clean` import pandera only when a table breaks it.

pandera cost every run about 0.25 s for 600 rows (importing it with pydantic and typeguard
0.14 s, then six schemas and 68 column validations), a third of `python -c "import pandas"`.
`conforming` runs the same checks as the pandera schemas built from the kinds' declarations
(`schemas.build`), with pandera's own expressions: every column coerced to its dtype by the
same `astype` call pandera makes, none missing or extra, no missing value where the column is
not nullable, no repeat in a unique column or row key, and each check (`isin`, `str_matches`,
`ge`, `in_range`) true for every value present (pandera leaves missing values out of them);
a dtype or check it does not know sends the table to pandera.
It returns the coerced table only when every check holds, and None on any failure or any
input it does not know pandera's coercion for; then pandera validates the table and names
the failing rows (`clean.validate`). A table pandera would reject never passes here, and the
table it passes is the one pandera returns (tests/test_contract.py compares both).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.kinds.model import CODES, N_STAGES
from analysis.kinds.tables import TABLE

# pandera 0.35 on pandas 3: the dtype each contract dtype coerces to (`astype`), and the
# input dtypes whose coercion is that call alone (for an empty column, any dtype: an empty
# table of a record kind a region does not have); anything else goes to pandera
_TARGET: dict[str, Any] = {
    "str": pd.StringDtype(na_value=np.nan),
    "int64": np.dtype("int64"),
    "Int64": pd.Int64Dtype(),
    "boolean": pd.BooleanDtype(),
    "datetime64[us]": np.dtype("datetime64[ns]"),  # pandera's DateTime coerces to ns
}
_FROM: dict[str, Callable[[Any], bool]] = {
    "str": lambda d: str(d) in ("str", "string", "object"),
    "int64": lambda d: d == np.dtype("int64"),
    "Int64": lambda d: str(d) in ("Int64", "int64"),
    "boolean": lambda d: str(d) == "boolean",
    "datetime64[us]": lambda d: isinstance(d, np.dtype) and d.kind == "M",
}
# pandera's built-in checks (pandera.backends.pandas.builtin_checks), on the values present
_CHECKS: dict[str, Callable[..., pd.Series]] = {
    "isin": lambda s, allowed: s.isin(allowed),
    "str_matches": lambda s, pattern: s.str.match(pattern, na=False),
    "ge": lambda s, low: s >= low,
    "in_range": lambda s, low, high: (low <= s) & (high >= s),
}


def _column(s: pd.Series, dtype: str, nullable: bool, unique: bool, checks: list) -> Any:
    """The column coerced as pandera coerces it, or None if any check fails."""
    if dtype not in _TARGET or not (_FROM[dtype](s.dtype) or s.empty):  # empty: any dtype
        return None
    try:
        out = s.astype(_TARGET[dtype])
    except (TypeError, ValueError, OverflowError):  # pandera would report the coercion
        return None
    if (not nullable and out.hasnans) or (unique and not out.is_unique):
        return None
    present = out.dropna() if checks and out.hasnans else out
    for kind, *args in checks:
        if kind not in _CHECKS:
            return None
        holds = _CHECKS[kind](present, *args)
        if holds.hasnans or not holds.all():  # an undecided value is a failure here
            return None
    return out


def conforming(
    table: str, df: pd.DataFrame, closed: Mapping[tuple[str, str], Sequence[str]]
) -> pd.DataFrame | None:
    """`df` as pandera's schema of `table` returns it, if it meets every check of the
    contract (coded columns held to `closed`); None if pandera has to judge it."""
    contract = TABLE[table].contract
    if list(df.columns.sort_values()) != sorted(contract) or df.columns.has_duplicates:
        return None
    n_stages = len(closed[("case_stages", "stage")])
    out = df.copy()
    for name, col in contract.items():
        checks = [
            (kind, *(list(closed[(table, name)]) if a == CODES else a for a in args))
            for kind, *args in col.checks
        ]
        checks = [tuple(n_stages if a == N_STAGES else a for a in c) for c in checks]
        coerced = _column(df[name], col.dtype, col.nullable, col.unique, checks)
        if coerced is None:
            return None
        out[name] = coerced
    key = list(TABLE[table].unique_rows)
    if key and out.duplicated(subset=key).any():
        return None
    return out
