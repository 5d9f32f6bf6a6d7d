"""The claims language: a study's quantitative findings written as data in the region config.

A claim names a table, an optional `where:` filter and one aggregate with its own
parameters; the findings engine (analysis.claims.findings) evaluates it against the processed
tables. Every parameter is checked against the aggregate's signature when the config is
loaded, so a key the aggregate would not use is an error instead of being ignored.

Evaluation (filters, periods, aggregates) lives in analysis.claims.evaluate: the config layer
says what may be written, the claims stage computes it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from analysis.kinds.tables import DATE_COLUMN, TABLES
from analysis.region.claim_values import Normaliser, listed, vocab_hint
from analysis.schemas import column_types

SCALAR_EXPECT = ("equals", "greater_than", "at_least", "at_most", "between")
PERIODS = ("month", "week")
META_KEYS = ("id", "aspect", "statement", "statement_id", "source", "expected", "review")
LANGUAGE_KEYS = ("table", "where", "aggregate")


@dataclass(frozen=True)
class Aggregate:
    """The signature of one aggregate: its required and optional keys, what it may expect."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    expect: tuple[str, ...]
    doc: str


AGGREGATES: dict[str, Aggregate] = {
    "count": Aggregate((), ("show",), SCALAR_EXPECT, "number of matching rows"),
    "sum": Aggregate(
        ("column",), ("show",), SCALAR_EXPECT, "sum of a numeric column over matching rows"
    ),
    "share": Aggregate(
        (),
        ("of", "rank_by", "show"),
        (*SCALAR_EXPECT, "top_includes"),
        "matching rows / rows matching `of` (all rows when `of` is absent)",
    ),
    "per_period": Aggregate(
        ("period",), (), ("each_between",), "matching rows in every month or week"
    ),
    "coverage": Aggregate(
        ("period",), (), SCALAR_EXPECT, "share of months or weeks with at least one matching row"
    ),
    "values": Aggregate(
        ("column",), (), ("includes", "excludes"), "the distinct values of a column"
    ),
}

# Columns derived from the processed tables for claims (and notebooks), beside the stored ones.
DERIVED = {
    "outreach": {"in_region": "bool"},
    "cases": {"path": "str", "stages_recorded": "int"},
}
COMPARISONS = ("at_least", "at_most")


def table_columns(table: str) -> dict[str, str]:
    """Canonical column -> dtype name for one processed table, derived columns included."""
    cols = column_types(table)
    cols.update(DERIVED.get(table, {}))
    return cols


def tables() -> list[str]:
    return list(TABLES)


def _numeric(dtype: str) -> bool:
    return dtype.lower().startswith(("int", "float", "uint")) or dtype == "int"


def suggest(word: Any, known: list[str]) -> str:
    hits = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.5)
    return f"; did you mean {hits[0]!r}?" if hits else f" (known: {', '.join(map(str, known))})"


def _is_scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, dt.date))


def _check_filter(
    norm: Normaliser, table: str, flt: Any, key: str, cols: dict[str, str], errors: list[str]
) -> None:
    if not isinstance(flt, dict):
        errors.append(f"key '{key}': expected a mapping of column: value(s)")
        return
    for col, want in flt.items():
        k = f"{key}.{col}"
        if col not in cols:
            errors.append(
                f"key '{k}': table {table!r} has no column {col!r}{suggest(col, list(cols))}"
            )
            continue
        if isinstance(want, dict):
            bad = [op for op in want if op not in COMPARISONS]
            if not _numeric(cols[col]):
                errors.append(f"key '{k}': comparisons need a numeric column ({col} is not)")
            elif bad or not want:
                errors.append(
                    f"key '{k}': use a value, a list of values, or one of "
                    f"{', '.join(COMPARISONS)} with a number"
                )
            elif not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) for x in want.values()
            ):
                errors.append(f"key '{k}': a comparison needs a single number")
            continue
        values = want if isinstance(want, list) else [want]
        if not values:
            errors.append(f"key '{k}': the list of values is empty")
            continue
        for v in values:
            if not _is_scalar(v):
                errors.append(f"key '{k}': expected a value or a list of values, got {v!r}")
                break
        else:
            if cols[col] in ("bool", "boolean"):
                for v in values:
                    if not isinstance(v, bool):
                        errors.append(f"key '{k}': expected true or false, got {v!r}")
                continue
            for v in values:  # read as the cleaning reads a cell of this column
                why = norm.values(table, col, v)[1]
                if why:
                    errors.append(f"key '{k}': {why} ({vocab_hint(table, col, norm.region.slug)})")


def _check_expected(agg: str, exp: Any, key: str, errors: list[str]) -> None:
    from analysis.values.normalise import parse_range

    if not isinstance(exp, dict) or not exp:
        errors.append(f"key '{key}': expected a non-empty mapping")
        return
    allowed = AGGREGATES[agg].expect
    for name, want in exp.items():
        k = f"{key}.{name}"
        if name not in allowed:
            errors.append(
                f"key '{k}' is not an expectation aggregate {agg!r} can check "
                f"(it can check: {', '.join(allowed)})"
            )
        elif name in ("equals", "greater_than", "at_least", "at_most"):
            if isinstance(want, bool) or not isinstance(want, (int, float)):
                errors.append(f"key '{k}': expected a single number, got {want!r}")
        elif name in ("between", "each_between"):
            if parse_range(want) is None and not (
                name == "between"
                and isinstance(want, list)
                and len(want) == 2
                and all(isinstance(x, (int, float)) for x in want)
            ):
                errors.append(
                    f"key '{k}': expected a range such as \"2–4\" or [2, 4], got {want!r}"
                )
        elif name in ("includes", "excludes", "top_includes"):
            if not isinstance(want, list) or not all(_is_scalar(x) for x in want):
                errors.append(f"key '{k}': expected a list of values, got {want!r}")


def validate_claim(region: Any, claim: dict[str, Any], key: str, errors: list[str]) -> None:
    """Check one claim against its aggregate's signature; append 'key ...' messages."""
    agg = claim.get("aggregate")
    if agg is None:
        errors.append(f"key '{key}.aggregate' is missing (one of: {', '.join(AGGREGATES)})")
        return
    if not isinstance(agg, str):
        errors.append(f"key '{key}.aggregate': expected a single aggregate name, got {agg!r}")
        return
    if agg not in AGGREGATES:
        errors.append(
            f"key '{key}.aggregate': unknown aggregate {agg!r}{suggest(agg, list(AGGREGATES))}"
        )
        return
    sig = AGGREGATES[agg]
    for k in claim:
        if k not in (*META_KEYS, *LANGUAGE_KEYS, *sig.required, *sig.optional):
            used = [*LANGUAGE_KEYS, *sig.required, *sig.optional]
            errors.append(
                f"key '{key}.{k}' is not used by aggregate {agg!r} (it takes: {', '.join(used)})"
            )
    for k in sig.required:
        if k not in claim:
            errors.append(f"key '{key}.{k}' is missing (aggregate {agg!r} needs it)")
    table = claim.get("table")
    if table is None:
        errors.append(f"key '{key}.table' is missing")
        return
    if not isinstance(table, str):
        errors.append(f"key '{key}.table': expected a single table name, got {table!r}")
        return
    if table not in tables():
        errors.append(f"key '{key}.table': unknown table {table!r}{suggest(table, tables())}")
        return
    cols = table_columns(table)
    norm = Normaliser(region)
    for part in ("where", "of"):
        if part in claim:
            _check_filter(norm, table, claim[part], f"{key}.{part}", cols, errors)
    _check_columns(claim, key, agg, table, cols, errors)
    exp = claim.get("expected")
    for _, name, col in listed(claim):
        if name and col in cols and isinstance(exp.get(name), list):
            for v in exp[name]:
                why = norm.values(table, col, v)[1]
                if why:
                    errors.append(
                        f"key '{key}.expected.{name}': {why} ({vocab_hint(table, col, norm.region.slug)})"
                    )
    if "expected" in claim:
        exp = claim["expected"]
        _check_expected(agg, exp, f"{key}.expected", errors)
        if isinstance(exp, dict) and "top_includes" in exp and "rank_by" not in claim:
            errors.append(f"key '{key}.expected.top_includes' needs 'rank_by' (the column to rank)")


def _check_columns(
    claim: dict[str, Any], key: str, agg: str, table: str, cols: dict[str, str], errors: list[str]
) -> None:
    """The claim's column-naming keys and its period, checked against the table."""
    for k in ("column", "rank_by", "show"):
        if k in claim:
            c = claim[k]
            if not isinstance(c, str):
                errors.append(f"key '{key}.{k}': expected a single column name, got {c!r}")
            elif c not in cols:
                errors.append(
                    f"key '{key}.{k}': table {table!r} has no column {c!r}{suggest(c, list(cols))}"
                )
            elif agg == "sum" and not _numeric(cols[c]):
                errors.append(f"key '{key}.{k}': column {c!r} is not numeric ({cols[c]})")
    if "period" in claim:
        p = claim["period"]
        if not isinstance(p, str):
            errors.append(f"key '{key}.period': expected one of {', '.join(PERIODS)}, got {p!r}")
        elif p not in PERIODS:
            errors.append(f"key '{key}.period': unknown period {p!r}{suggest(p, list(PERIODS))}")
        elif table not in DATE_COLUMN:
            errors.append(f"key '{key}.period': table {table!r} has no date to count periods by")
