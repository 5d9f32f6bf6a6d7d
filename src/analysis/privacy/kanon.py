"""k-anonymity and l-diversity of a case-level table, measured on its quasi-identifiers.

A case hides among the cases that show the same quasi-identifier values (its equivalence
class); k is the size of the smallest class. A withheld value (missing) is a value of its
own: two cases both withheld match each other, a withheld case does not match a shown one
(the strict reading; sdcMicro's default counts a missing value as a wildcard, which
overstates what the suppressed case itself is protected by). A table with several rows per
case (case_stages) is read per case: the case's rows together are its record.

Why not pycanon: every release (1.3.4-1.3.6) pins pandas==2.3.3 and numpy==2.0.2 exactly,
and this project runs on pandas 3; the measure itself is one group-by, tested against a
brute-force count in tests/test_disclosure.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.kinds.tables import QUASI_IDENTIFIERS
from analysis.vocab import CASE_KEY

WITHHELD = "\ue000withheld"  # a withheld value: a value of its own, unlike any shown one
QI_COLUMNS: frozenset[str] = frozenset(c for cols in QUASI_IDENTIFIERS.values() for c in cols)


def quasi_identifiers(columns: Iterable[str]) -> list[str]:
    """The declared quasi-identifiers among a table's columns, in the table's order."""
    return [c for c in columns if c in QI_COLUMNS]


def shown_quasi_identifiers(df: pd.DataFrame) -> list[str]:
    """The quasi-identifiers a table shows: a column withheld in every row tells nothing."""
    qi = quasi_identifiers(df.columns)
    shown = df[qi].notna().any() if qi else pd.Series()  # one pass over the frame's blocks
    return [c for c in qi if shown[c]]


def _as_text(dtype: object) -> bool:
    """Do two values of this dtype differ exactly when their text (`astype("string")`)
    differs? Text, whole numbers and booleans do; for the others the text is compared."""
    return (
        str(dtype) in ("str", "string", "Int64", "boolean") or getattr(dtype, "kind", "") in "iub"
    )


def _cells(s: pd.Series, missing: list[bool]) -> list:
    """A column's values for telling cases apart; a missing one is WITHHELD."""
    values = s.tolist() if _as_text(s.dtype) else s.astype("string").tolist()
    return [WITHHELD if m else v for v, m in zip(values, missing, strict=True)]


def _per_case(
    df: pd.DataFrame, qi: list[str], key: str, missing: pd.DataFrame | None = None
) -> dict:
    """Case -> its record: the multiset of its rows' quasi-identifier values (`missing`:
    `df[qi].isna()`, if already at hand).

    Built in plain Python over the columns' values (a case table has a few hundred rows):
    pandas' row-wise apply and group-by took about 10 ms a call, and anonymising calls
    this some thirty times per clean."""
    missing = df[qi].isna() if missing is None else missing
    cells = [_cells(df[c], missing[c].tolist()) for c in qi]
    rows: dict = {}
    keys, shown_keys = df[key].tolist(), df[key].notna().tolist()
    for case, shown, row in zip(keys, shown_keys, zip(*cells, strict=True), strict=True):
        if shown:  # a row without a case id belongs to no case (as group-by drops it)
            rows.setdefault(case, []).append(row)
    return {case: frozenset(Counter(r).items()) for case, r in rows.items()}


def _records(df: pd.DataFrame, qi: list[str], key: str) -> pd.Series:
    """One hashable record per case, indexed by case."""
    if not qi:
        return pd.Series(["" for _ in df[key].unique()], dtype=object)
    per_case = _per_case(df, qi, key)
    return pd.Series(
        list(per_case.values()), index=pd.Index(list(per_case), dtype=df[key].dtype), dtype=object
    )


def class_sizes(df: pd.DataFrame, qi: list[str], key: str = CASE_KEY) -> pd.Series:
    """For every case, how many cases share its quasi-identifier values."""
    rec = _records(df, qi, key)
    counts = Counter(rec.tolist())
    return pd.Series([counts[r] for r in rec.tolist()], index=rec.index, dtype="int64")


def k_anonymity(df: pd.DataFrame, qi: list[str] | None = None, key: str = CASE_KEY) -> int | None:
    """The smallest equivalence class over `qi` (if None: the declared ones the table shows);
    None for a table without cases, or one that shows no quasi-identifier at all (nothing to
    re-identify: a table of fewer than k cases can only be shared that way)."""
    if key not in df.columns or df.empty:
        return None
    missing = None
    if qi is None:  # the shown ones, from the same pass that marks the missing values
        missing = df[quasi_identifiers(df.columns)].isna()
        qi = [c for c, none in missing.all().items() if not none]
    if not qi:
        return None
    return min(Counter(_per_case(df, qi, key, missing).values()).values())


def l_diversity(df: pd.DataFrame, qi: list[str], sensitive: str, key: str = CASE_KEY) -> int | None:
    """Distinct values of a sensitive column in the least diverse class (None without cases)."""
    if key not in df.columns or df.empty or sensitive not in df.columns:
        return None
    rec = _records(df, qi, key)
    value = df.groupby(df[key].to_numpy(), sort=False)[sensitive].first().astype("string")
    value = value.reindex(rec.index).fillna(WITHHELD)
    return int(pd.DataFrame({"c": rec, "v": value}).groupby("c")["v"].nunique().min())


def table_file_k(path: Path) -> tuple[int, list[str]] | None:
    """(k, the quasi-identifiers shown) of a case-level CSV or Parquet file (one with a
    case_id column), or None for any other file: only a case table is read whole."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8", errors="replace") as fh:
            if CASE_KEY not in fh.readline():
                return None
        df = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", pd.NA)
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        if CASE_KEY not in pq.read_schema(path).names:
            return None
        df = pd.read_parquet(path)
    else:
        return None
    reached = k_anonymity(df)
    return None if reached is None else (reached, shown_quasi_identifiers(df))
