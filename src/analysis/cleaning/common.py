"""What the per-kind cleaners share: reject collection and one normaliser per kind of field.

A cleaner lists its fields as `Field(column, normaliser, required)`; `apply_fields` runs
them in order. Each normaliser is vectorised (it parses every distinct value once, with
`normalise.map_unique`) and records one reject line per offending row, naming the column
and the problem in plain words, with the closest known label suggested where there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.claim_values import LABEL_FIELDS, vocab_hint
from analysis.config import Region
from analysis.dates import parse_date, weekday_conflict
from analysis.lookup import Vocabulary, closest, district, district_lookup, split_list
from analysis.normalise import is_blank, map_unique, norm_key, parse_count
from analysis.privacy import Names, allow_words, mark, scrub_series
from analysis.vocab import PROVENANCE, REJECT_COLUMNS


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

    @classmethod
    def for_region(cls, region: Region) -> Context:
        aliases = region.extra_aliases("labels")
        vocab = Vocabulary(aliases, region.extra_aliases("agencies"))
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


def required(iss: Issues, s: pd.Series, column: str) -> pd.Series:
    blank = map_unique(s, is_blank, dtype="bool")
    iss.add(blank, column, "missing required value")
    return blank


def dates(
    iss: Issues,
    s: pd.Series,
    column: str,
    need: bool,
    period: tuple[dt.date, dt.date] | None = None,
) -> pd.Series:
    def to_ts(v: Any) -> pd.Timestamp | None:
        d = parse_date(v)
        return None if d is None else pd.Timestamp(d)

    out = map_unique(s, to_ts, dtype="datetime64[us]")
    blank = map_unique(s, is_blank, dtype="bool")
    if need:
        iss.add(blank, column, "missing required value")
    bad = out.isna() & ~blank
    if bad.any():  # a weekday that contradicts the date is said, not just "could not be read"
        clash = map_unique(s.where(bad), lambda v: "" if v is None else weekday_conflict(v))
        iss.add(
            bad,
            column,
            lambda m: (
                "date "
                + _quoted(s[m])
                + " could not be read"
                + clash[m].fillna("").map(lambda c: f": {c}" if c else "")
            ),
            clash.fillna("").map(
                lambda c: (
                    "correct the day or the weekday"
                    if c
                    else "write it as dd/mm/yyyy or '14 Mar 2023'"
                )
            ),
        )
    today = pd.Timestamp(dt.date.today())
    iss.add(  # records describe what happened: a date after today is a typing error
        out.notna() & (out > today),
        column,
        lambda m: "date " + out[m].dt.strftime("%Y-%m-%d") + " is in the future",
        "check the year",
    )
    if period is not None:
        lo, hi = pd.Timestamp(period[0]), pd.Timestamp(period[1])
        outside = out.notna() & ((out < lo) | (out > hi))
        iss.add(
            outside,
            column,
            lambda m: (
                "date " + out[m].dt.strftime("%Y-%m-%d") + f" is outside the study period "
                f"{period[0]} to {period[1]}"
            ),
            "check the year, or widen study_period in the config",
        )
    return out


def codes(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Label variants -> taxonomy codes; the column name is the taxonomy field."""
    vocab, field_name = iss.ctx.vocab, column
    coded = map_unique(s, lambda v: vocab.label(field_name, v), dtype="str")
    blank = map_unique(s, is_blank, dtype="bool")
    if need:
        iss.add(blank, column, "missing required value")
    unknown = coded.isna() & ~blank
    if unknown.any():
        sugg = map_unique(
            s.where(unknown), lambda v: "" if v is None else vocab.suggest(field_name, v)
        )
        table = next((t for (t, c), f in LABEL_FIELDS.items() if f == field_name), "outreach")
        hint = (
            "or add it to aliases.labels in the region config if it is a new label ("
            + vocab_hint(table, field_name, iss.ctx.region.slug)
            + ")"
        )
        iss.add(
            unknown,
            column,
            lambda m: "unknown " + field_name.replace("_", " ") + " label " + _quoted(s[m]),
            sugg.fillna("").map(lambda x: f"{x} {hint}" if x else hint[3:]),
        )
    return coded


def counts(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Whole counts up to the region's plausible maximum (`privacy.max_count`): a phone
    number or ID typed into a count is rejected, and the message never prints it."""
    parsed = map_unique(s, parse_count, dtype="Int64")
    blank = map_unique(s, is_blank, dtype="bool")
    if need:
        iss.add(blank, column, "missing required value")
    iss.add(
        parsed.isna() & ~blank,
        column,
        lambda m: "value " + _quoted(s[m]) + " is not a whole number from 0 to 1,000,000",
        "write a single whole number, e.g. 45",
    )
    top = iss.ctx.region.max_count
    iss.add(
        parsed.notna() & (parsed.fillna(0) > top),
        column,
        f"value is above the plausible maximum of {top:,} for a count (value not shown)",
        "check the cell: an ID or phone number may have been typed here; or raise "
        "privacy.max_count in the region config",
    )
    return parsed.where(parsed.isna() | (parsed.fillna(0) <= top))


def districts(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    if need:
        required(iss, s, column)
    table = iss.ctx.districts
    coded = map_unique(s, lambda v: district(v, table), dtype="str")
    blank = map_unique(s, is_blank, dtype="bool")
    unknown = coded.isna() & ~blank
    if unknown.any():
        sugg = map_unique(
            s.where(unknown), lambda v: "" if v is None else closest(norm_key(v), table)
        )
        official = ", ".join(iss.ctx.region.districts)
        city = iss.ctx.region.get("city")
        # a district of another city is kept with `outside:` (README, Adapting), not renamed
        outside = (
            f"if it lies outside {city}, list it under districts: in the config with "
            "`outside: <its city>`: it is then recorded, never counted as the region's own"
        )
        iss.add(
            unknown,
            column,
            lambda m: (
                "district " + _quoted(s[m]) + f" is not one of {city}'s districts ({official})"
            ),
            sugg.fillna("").map(
                lambda x: f"{x} or, {outside}" if x else outside[0].upper() + outside[1:]
            ),
        )
    return coded


def agencies(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    if need:
        required(iss, s, column)
    vocab = iss.ctx.vocab

    def one(v: Any) -> tuple[str | None, str]:
        names = split_list(v)
        out, bad = [], []
        for n in names:
            c = vocab.agency(n)
            (out if c else bad).append(c or n)
        if bad:
            return None, bad[0]
        return "; ".join(sorted(set(out))), ""

    cache: dict[Any, tuple[str | None, str]] = {}

    def once(v: Any) -> tuple[str | None, str]:
        if v not in cache:
            cache[v] = one(v)
        return cache[v]

    joined = map_unique(s, lambda v: once(v)[0] or None, dtype="str")
    unknown = map_unique(s, lambda v: once(v)[1] != "", dtype="bool")
    if unknown.any():
        badname = map_unique(s.where(unknown), lambda v: "" if v is None else once(v)[1])
        sugg = map_unique(
            badname.where(unknown),
            lambda v: "" if v is None else closest(norm_key(v), vocab.agencies),
        )
        where = vocab_hint("outreach", "partners", iss.ctx.region.slug)
        more = f"or add it to aliases.agencies in the region config ({where})"
        iss.add(
            unknown,
            column,
            lambda m: "unknown agency " + _quoted(badname[m]),
            sugg.fillna("").map(lambda x: f"{x} {more}" if x else more[3].upper() + more[4:]),
        )
    return joined


def _quoted(s: pd.Series) -> pd.Series:
    """Raw values quoted in a message, marked so that the shareable copy of the rejects can
    withhold them (`privacy.public_message`); the researcher's copy shows them as typed."""
    return s.astype(str).map(mark)


def sequential_ids(n: int, prefix: str, width: int = 5) -> pd.Series:
    """prefix00001, prefix00002, ...: ids that reveal nothing beyond the order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    digits = pc.utf8_lpad(pa.array(np.arange(1, n + 1)).cast(pa.string()), width, "0")
    ids = pc.binary_join_element_wise(pa.scalar(prefix), digits, "")
    return pd.Series(pd.array(ids, dtype="str"))


def dates_in_period(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Dates that must fall inside the region's study period."""
    r = iss.ctx.region
    return dates(iss, s, column, need, (r.start, r.end))


def plain_text(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    if need:
        required(iss, s, column)
    return text(s)


def scrubbed_text(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Free text, with identifiers and known names replaced by placeholders before it is kept."""
    if need:
        required(iss, s, column)
    return scrub_series(s, iss.ctx.names, before=text_value)


def unit_names(iss: Issues, s: pd.Series, column: str, need: bool = False) -> pd.Series:
    """Unit / organisation names: only allow-listed words are kept (see privacy.UNIT_WORDS)."""
    if need:
        required(iss, s, column)
    words = iss.ctx.allowed_words
    return map_unique(s, lambda v: allow_words(text_value(v), words), dtype="str")


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
