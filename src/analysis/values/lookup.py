"""Label lookups: alias tables (package data plus region config) -> taxonomy codes.

Unknown labels are never guessed: a miss returns None and `closest` offers a suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from analysis.values.normalise import is_blank, norm_key


@cache
def package_table(name: str) -> pd.DataFrame:
    with resources.files("analysis.aliases").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def _packaged() -> tuple[dict[str, dict[str, str]], dict[str, set[str]], dict[str, str]]:
    """The packaged alias tables, normalised once per process: every Vocabulary (one per
    config check, clean and codebook) starts from a copy of them."""
    lookup: dict[str, dict[str, str]] = {}
    codes: dict[str, set[str]] = {}
    labels = package_table("labels.csv")
    for field, alias, code in labels[["field", "alias", "code"]].itertuples(index=False):
        lookup.setdefault(field, {})[norm_key(alias)] = code
        lookup[field][norm_key(code)] = code
        codes.setdefault(field, set()).add(code)
    ag = package_table("agencies.csv")
    agencies = {norm_key(a): c for a, c in ag[["alias", "canonical"]].itertuples(index=False)}
    for c in ag["canonical"]:
        agencies[norm_key(c)] = c
    return lookup, codes, agencies


class Vocabulary:
    """Alias -> code lookups for every labelled field, with suggestions for misses."""

    def __init__(
        self,
        extra_labels: dict[str, dict[str, str]] | None = None,
        extra_agencies: dict[str, str] | None = None,
    ) -> None:
        lookup, codes, agencies = _packaged()
        self.lookup: dict[str, dict[str, str]] = {f: dict(m) for f, m in lookup.items()}
        self.codes: dict[str, set[str]] = {f: set(c) for f, c in codes.items()}
        self.agencies = dict(agencies)
        for field, mapping in (extra_labels or {}).items():
            for alias, code in (mapping or {}).items():
                self.lookup.setdefault(field, {})[norm_key(alias)] = str(code)
                self.lookup[field].setdefault(norm_key(code), str(code))  # a code reads as itself
                self.codes.setdefault(field, set()).add(str(code))
        for alias, canon in (extra_agencies or {}).items():
            self.agencies[norm_key(alias)] = str(canon)
            self.agencies[norm_key(canon)] = str(canon)

    def label(self, field: str, v: Any) -> str | None:
        if is_blank(v):
            return None
        return self.lookup.get(field, {}).get(norm_key(v))

    def suggest(self, field: str, v: Any) -> str:
        return closest(norm_key(v), self.lookup.get(field, {}))

    def agency(self, v: Any) -> str | None:
        return self.agencies.get(norm_key(v))


def closest(key: str, table: dict[str, str]) -> str:
    """Closest known label, shown as "alias (-> code)", or '' when nothing is close."""
    hits = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    if not hits:
        return ""
    return f"did you mean '{hits[0]}' ({table[hits[0]]})?"


def split_list(v: Any) -> list[str]:
    """Partner lists: 'A, B; C & D' -> ['A', 'B', 'C', 'D'] (never split on 'dan')."""
    if is_blank(v):
        return []
    return [
        p.strip() for p in re.split(r"[,;&\n]+", str(v)) if p.strip() and p.strip() not in "-–—"
    ]


def district_lookup(official: Iterable[str], aliases: dict[str, str]) -> dict[str, str]:
    table = {}
    for name in official:
        table[norm_key(name)] = name
    for alias, name in aliases.items():
        table[norm_key(alias)] = name
    return table


def district(v: Any, table: dict[str, str]) -> str | None:
    if is_blank(v):
        return None
    key = norm_key(v)
    # the name as written first (a district may be named "Kecamatan ..."), then without prefix
    return table.get(key) or table.get(re.sub(r"^(?:kec|kecamatan)\s+", "", key))
