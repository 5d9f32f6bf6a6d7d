"""The values a claim names (`where:`, `of:`, `includes:`), read as the cleaning reads a cell.

A student types a filter the way the register writes it ("Pasal 296 KUHP", "Kominfo",
"Kec. Beji", "Sosialisasi Hukum"); the processed tables hold the normalised form
("KUHP Pasal 296", the agency's recorded name, "Beji", "legal_education"). Each value goes
through the same normaliser as its column's data, so anything the cleaning accepts in a
cell is accepted in a claim, and a value that normalises to nothing known is a config error
with a suggestion, instead of a filter that silently matches nothing.
"""

from __future__ import annotations

import difflib
from typing import Any

from analysis.kinds.tables import TAXONOMY_FIELDS

# (table, column) -> the taxonomy field whose labels the column holds
LABEL_FIELDS = {(t, f): f for t, fields in TAXONOMY_FIELDS.items() for f in fields}
PATH_OTHER = ("incomplete", "out_of_order")


def vocab_hint(table: str, column: str, slug: str = "") -> str:
    """Where every allowed value is listed, for the end of an 'unknown value' message."""
    region = f" --region {slug}" if slug else ""
    return f"every allowed value: `analysis vocab --table {table} --column {column}{region}`"


def known_values(region: Any, table: str, column: str) -> list[str] | None:
    """The values a claim may name for a categorical column (as stored): the region's codes
    (analysis.region.codes), exactly what the schema lets through; None for free ones."""
    known = region.codes.values(table, column)
    if known is not None:
        return known
    if (table, column) == ("outreach", "partners"):
        from analysis.values.lookup import Vocabulary

        return sorted(set(Vocabulary(None, region.extra_aliases("agencies")).agencies.values()))
    if (table, column) == ("outreach", "district"):
        return sorted(set(region.district_aliases.values()))
    if (table, column) == ("cases", "path"):
        return [*region.stage_paths, *PATH_OTHER]
    return None


class Normaliser:
    """One region's normalisers for claim values, built once per config check."""

    def __init__(self, region: Any) -> None:
        from analysis.values.lookup import district_lookup

        self.region = region
        self.vocab = region.codes.vocabulary(region.extra_aliases("agencies"))
        self.districts = district_lookup(region.districts, region.district_aliases)

    def values(self, table: str, column: str, v: Any) -> tuple[list[Any], str]:
        """The stored value(s) `v` stands for, and '' ; or ([], why it is unknown)."""
        from analysis.values.lookup import district
        from analysis.values.normalise import normalise_statutes

        if isinstance(v, bool) or not isinstance(v, str):
            return [v], ""
        key = (table, column)
        if key in LABEL_FIELDS:
            code = self.vocab.label(LABEL_FIELDS[key], v)
            allowed = known_values(self.region, *key)
            if code and code in allowed:
                return [code], ""
            if code:  # a spelling of a code this region's tables never hold
                return [], _unknown(v, f"{code!r} is not one of this region's {key[1]} values")
            table = self.vocab.lookup.get(LABEL_FIELDS[key], {})
            return [], _unknown(v, _near(v, table))
        if key == ("outreach", "partners"):
            name = self.vocab.agency(v)
            return ([name], "") if name else ([], _unknown(v, _near(v, self.vocab.agencies)))
        if key == ("outreach", "district"):
            return self._district(v, district(v, self.districts), _near(v, self.districts))
        if key == ("cases", "statutes"):
            found = normalise_statutes(v)
            if found:
                return found.split("; "), ""
            return (
                [],
                f"no known statute recognised in {v!r} (write it as in the register, e.g. 'Pasal 296 KUHP')",
            )
        known = known_values(self.region, table, column)
        if known is None or v in known:
            return [v], ""
        hit = difflib.get_close_matches(v, known, n=1, cutoff=0.5)
        return [], _unknown(v, f"did you mean {hit[0]!r}?" if hit else f"known: {', '.join(known)}")

    def _district(self, v: str, found: str | None, near: str) -> tuple[list[Any], str]:
        if found:
            return [found], ""
        outside = (
            f"if {v!r} lies outside {self.region.get('city')}, add it to `districts:` with "
            f"`outside: <its city>` (README, 'Adapting it to another region')"
        )
        return [], _unknown(v, f"{near} {outside}" if near else outside)


def _near(v: str, aliases: dict[str, str]) -> str:
    """The closest stored value ('did you mean X?'), else the closest spelling the cleaning
    knows with what it stands for."""
    from analysis.values.lookup import closest
    from analysis.values.normalise import norm_key

    hit = difflib.get_close_matches(v, sorted(set(aliases.values())), n=1, cutoff=0.6)
    return f"did you mean {hit[0]!r}?" if hit else closest(norm_key(v), aliases)


def _unknown(v: Any, suggestion: str) -> str:
    return f"unknown value {v!r}" + (f"; {suggestion}" if suggestion else "")


def listed(claim: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The claim's parts that name values of a column: (part, expectation or '', column)."""
    out = [(part, "", col) for part in ("where", "of") for col in claim.get(part) or {}]
    exp = claim.get("expected") if isinstance(claim.get("expected"), dict) else {}
    for name, col in (("includes", "column"), ("excludes", "column"), ("top_includes", "rank_by")):
        if name in exp and isinstance(claim.get(col), str):
            out.append(("expected", name, claim[col]))
    return out


def canonical(claim: dict[str, Any], norm: Normaliser) -> dict[str, Any]:
    """The claim with every value it names in its stored form (what evaluation compares)."""
    out = {**claim}
    for part, name, col in listed(claim):
        holder = dict(out[part])
        if name:
            holder[name] = [x for v in holder[name] for x in norm.values(claim["table"], col, v)[0]]
        elif not isinstance(holder[col], dict):  # {at_least: n} comparisons stay as written
            vals = holder[col] if isinstance(holder[col], list) else [holder[col]]
            found = [x for v in vals for x in norm.values(claim["table"], col, v)[0]]
            holder[col] = found[0] if len(found) == 1 else found
        out[part] = holder
    return out
