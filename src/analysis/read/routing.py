"""Sheet routing: which table a raw sheet feeds, and its headers renamed to canonical columns.

Header spellings are data (`analysis/aliases/headers.csv`, extended by a region config's
`aliases.headers`), so a new spelling is a config line, never a code change.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError
from analysis.kinds.tables import KIND_TABLES, REQUIRED_INPUT, TABLE
from analysis.read.sheet import RawSheet, norm_header
from analysis.region.config import Region
from analysis.values.lookup import package_table

IGNORE = "_ignore"  # a header the alias table names as "not data" (running numbers, ...)


def header_aliases(region: Region) -> dict[str, dict[str, str]]:
    """table -> {normalised header -> canonical column}, package table plus config extras."""
    out: dict[str, dict[str, str]] = {}
    for table, alias, column in package_table("headers.csv")[
        ["table", "alias", "column"]
    ].itertuples(index=False):
        out.setdefault(table, {})[norm_header(alias)] = column
    for table, mapping in region.extra_aliases("headers").items():
        for alias, column in (mapping or {}).items():
            out.setdefault(table, {})[norm_header(alias)] = str(column)
    for table, declared in TABLE.items():  # canonical names are always accepted as headers
        cols = {c for c in out.get(table, {}).values() if c != IGNORE}
        for c in sorted(cols) + [*declared.required_input, *declared.required_any]:
            out.setdefault(table, {}).setdefault(norm_header(c), c)
    return out


def known_headers(aliases: dict[str, dict[str, str]], kind: str) -> set[str]:
    """Normalised headers any table of a record kind accepts (to find the header row)."""
    return set().union(*(aliases.get(t, {}).keys() for t in KIND_TABLES[kind]))


def header_rows(region: Region, label: str) -> dict[str, int]:
    """Header rows pinned in the config (`raw.sheets.<file>.<sheet>.header_row`)."""
    pinned = ((region.data.get("raw") or {}).get("sheets") or {}).get(label) or {}
    return {
        ("csv" if s == "" else s): o["header_row"]
        for s, o in pinned.items()
        if isinstance(o, dict) and o.get("header_row")
    }


def route(
    sheet: RawSheet, kind: str, aliases: dict[str, dict[str, str]], region: Region
) -> tuple[str, pd.DataFrame, list[str], dict[str, str]]:
    """Choose the table a sheet feeds, rename its columns; return table, frame, ignored, headers."""
    where = f"{sheet.file}" + (f", sheet {sheet.sheet!r}" if sheet.sheet else "")
    override = (((region.data.get("raw") or {}).get("sheets") or {}).get(sheet.file) or {}).get(
        sheet.sheet or "csv", {}
    )
    keys = [norm_header(h) for h in sheet.header]
    candidates = KIND_TABLES[kind]
    if override.get("table"):
        table = override["table"]
        if table not in candidates:
            raise InputError(
                f"{region.path}: key 'raw.sheets.{sheet.file}.{sheet.sheet or 'csv'}.table' "
                f"names {table!r}, but files in {kind}/ feed {', '.join(candidates)}"
            )
    else:
        score = {
            t: sum(1 for k in keys if aliases.get(t, {}).get(k, IGNORE) != IGNORE)
            for t in candidates
        }
        table = max(candidates, key=lambda t: (score[t], -candidates.index(t)))
    mapping = aliases.get(table, {})
    cols, ignored, seen = {}, [], {}
    for i, (h, k) in enumerate(zip(sheet.header, keys, strict=True)):
        c = mapping.get(k)
        if c is None:
            if h:
                ignored.append(h)
            continue
        if c == IGNORE:
            continue
        if c in seen:
            raise InputError(f"{where}: columns {seen[c]!r} and {h!r} both mean {c!r}; keep one")
        seen[c] = h
        cols[i] = c
    missing = [c for c in REQUIRED_INPUT[table] if c not in seen]
    any_of = TABLE[table].required_any
    if any_of and not (set(any_of) & set(seen)):
        missing.append(" or ".join(any_of))
    if missing:
        accepted = {
            c: sorted(a for a, v in _alias_names(table, region).items() if v == c) for c in missing
        }
        hint = "; ".join(
            f"{c} (headers accepted: {', '.join(accepted.get(c, []))})" for c in missing
        )
        raise InputError(f"{where}: missing required column {hint}")
    frame = sheet.frame[list(cols)].rename(columns=cols)
    return table, frame, ignored, {c: h for c, h in seen.items()}


def _alias_names(table: str, region: Region) -> dict[str, str]:
    t = package_table("headers.csv")
    t = t[t["table"] == table]
    out = dict(zip(t["alias"], t["column"], strict=True))
    out.update((region.extra_aliases("headers") or {}).get(table, {}) or {})
    return out
