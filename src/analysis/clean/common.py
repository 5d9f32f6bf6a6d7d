"""What the per-kind cleaners share: the run's context, reject collection, `Field` lists.

Every record kind is one module (`clean.outreach`, `clean.cases`, `clean.interviews`) with
the same entry point, `clean(ctx) -> Tables`: it reads its raw rows from `ctx.raw`, adds
its reject lines to `ctx.rejects` and returns its tables; `clean.kinds` lists them. A
cleaner lists its fields as `Field(column, normaliser, required)`; `apply_fields` runs them
in order. The normalisers themselves, one per kind of field, live in `clean.fields`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.kinds.model import PROVENANCE, REJECT_COLUMNS
from analysis.privacy.names import Names
from analysis.region.config import Region
from analysis.values.lookup import Vocabulary, district_lookup
from analysis.values.normalise import is_blank, map_unique

# Processed tables by name: what a record kind's cleaner returns.
Tables = dict[str, pd.DataFrame]


@dataclass
class Context:
    """What every cleaning function needs to know about the region."""

    region: Region
    vocab: Vocabulary
    districts: dict[str, str] = field(default_factory=dict)
    source_headers: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # names the scrubber removes from free text: the region's known-names list + informants
    known_names: list[str] = field(default_factory=list)
    names: Names = field(default_factory=Names)
    informant_names: dict[str, str] = field(default_factory=dict)  # R01 -> name (private key)
    coder_key: dict[str, str] = field(default_factory=dict)  # raw coder -> C1 (private key)
    allowed_words: set[str] = field(default_factory=set)  # words a unit name may hold
    qda_files: set[str] = field(default_factory=set)  # inputs that are REFI-QDA projects
    raw: Tables = field(default_factory=dict)  # rows read per table, canonical column names
    rejects: list[pd.DataFrame] = field(default_factory=list)  # the cleaners' reject lines
    notes: list[str] = field(default_factory=list)  # what the cleaners tell the researcher

    def rows(self, table: str) -> pd.DataFrame:
        """The raw rows read for one table (no rows: provenance columns only)."""
        found = self.raw.get(table)
        return pd.DataFrame(columns=PROVENANCE) if found is None else found

    @classmethod
    def for_region(cls, region: Region) -> Context:
        vocab = region.codes.vocabulary(region.extra_aliases("agencies"))
        return cls(region, vocab, district_lookup(region.districts, region.district_aliases))


class Issues:
    """Collects reject lines for one table; rows with any issue are dropped."""

    def __init__(self, df: pd.DataFrame, ctx: Context) -> None:
        self.df = df
        self.ctx = ctx
        self.parts: list[pd.DataFrame] = []
        self.bad = pd.Series(False, index=df.index)

    def add(self, mask: pd.Series, column: str, problem: Any, suggestion: Any = "") -> None:
        """Reject the rows in mask. problem/suggestion: text, a Series, or a function of the
        row subset returning a Series, so messages are built only for offending rows."""
        if not mask.to_numpy(dtype=bool, na_value=False).any():  # the usual case: one pass
            return
        mask = mask.fillna(False).astype(bool) & ~self.bad  # one reason per row is enough
        if not mask.any():
            return
        if callable(problem):
            problem = problem(mask).reindex(mask.index)
        if callable(suggestion):
            suggestion = suggestion(mask).reindex(mask.index)
        sub = self.df.loc[mask, PROVENANCE]
        part = sub.copy()
        headers = {
            (f, s): self.ctx.source_headers.get((f, s, column), column)
            for f, s in set(zip(sub["source_file"], sub["source_sheet"], strict=True))
        }
        part["column"] = [
            headers[(f, s)] for f, s in zip(sub["source_file"], sub["source_sheet"], strict=True)
        ]
        part["problem"] = problem[mask].values if isinstance(problem, pd.Series) else problem
        part["suggestion"] = (
            suggestion[mask].values if isinstance(suggestion, pd.Series) else suggestion
        )
        part["kind"] = "rejected"
        self.parts.append(part)
        self.bad |= mask

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=REJECT_COLUMNS)
        return pd.concat(self.parts, ignore_index=True)[REJECT_COLUMNS]

    def kept(self, out: pd.DataFrame) -> pd.DataFrame:
        if not self.bad.any():  # the usual case: no copy of every column
            return out
        return out.loc[~self.bad.reindex(out.index, fill_value=False)]


def column_of(df: pd.DataFrame, name: str) -> pd.Series:
    """A raw column by canonical name; an absent optional column reads as all blank
    (a categorical of missing values: its normalisers look at one value, not every row)."""
    if name in df:
        return df[name]
    missing = np.full(len(df.index), -1, dtype=np.int8)
    empty = pd.Categorical.from_codes(missing, categories=pd.Index([], dtype=object))
    return pd.Series(empty, index=df.index)


def text_value(v: Any) -> str | None:
    """One cell's text: whitespace stripped and collapsed; a blank is missing."""
    return None if is_blank(v) else " ".join(str(v).split())


def text(s: pd.Series) -> pd.Series:
    """Strip and collapse whitespace; blanks become missing."""
    return map_unique(s, text_value, dtype="str")


Normaliser = Callable[[Issues, pd.Series, str, bool], pd.Series]


@dataclass(frozen=True)
class Field:
    """One canonical column: how to normalise it, and whether a row needs it."""

    column: str
    normalise: Normaliser
    required: bool = False
    # a rule across columns, run right after this field: check(issues, cleaned so far, raw)
    check: Callable[[Issues, pd.DataFrame, pd.DataFrame], None] | None = None


def apply_fields(
    iss: Issues, df: pd.DataFrame, fields: tuple[Field, ...], out: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Normalise every field in order (so reject order is stable) and copy provenance.

    Pass `out` to add the fields to a frame a cleaner has already started."""
    out = pd.DataFrame(index=df.index) if out is None else out
    for f in fields:
        out[f.column] = f.normalise(iss, column_of(df, f.column), f.column, f.required)
        if f.check is not None:
            f.check(iss, out, df)
    for c in PROVENANCE:
        out[c] = df[c]
    return out
