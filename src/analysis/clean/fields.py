"""One normaliser per kind of field: dates, codes, counts, districts, agencies, text.

Each is vectorised (it parses every distinct value once, with `normalise.map_unique`) and
records one reject line per offending row, naming the column and the problem in plain
words, with the closest known label suggested where there is one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analysis.clean.common import Issues, text_value
from analysis.privacy.messages import allow_words, mark
from analysis.privacy.scrubbing import scrub_series
from analysis.region.claim_values import LABEL_FIELDS, vocab_hint
from analysis.values.dates import parse_date, weekday_conflict
from analysis.values.lookup import closest, district, split_list
from analysis.values.normalise import is_blank, map_unique, norm_key, parse_count


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
                lambda x: f"{x} Or, {outside}" if x else outside[0].upper() + outside[1:]
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
