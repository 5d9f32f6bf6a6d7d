"""`analysis vocab`: the tables, columns and values a claim may name, with their meanings.

A student writing `where: {activity_type: ...}` should not have to search the codebook for
`coordination_meeting`: this lists every table, every column (with its meaning in English
and Indonesian) and, for a categorical column, every value with its meaning in both
languages and the spellings the cleaning accepts for it. With `--region`, the region's own
districts, agencies and labels are included.
"""

from __future__ import annotations

from typing import Any

from analysis.labels import LABELS, t
from analysis.region.claim_values import LABEL_FIELDS, known_values, vocab_hint
from analysis.region.codes import codes_of

# derived columns (analysis.claims.DERIVED) have no codebook entry: their meanings are here
DERIVED_KEYS = {
    ("outreach", "in_region"): "vocab_in_region",
    ("cases", "path"): "vocab_path",
    ("cases", "stages_recorded"): "vocab_stages_recorded",
}


class _Package:
    """No region named: the package's own taxonomy, agencies and stage paths."""

    district_aliases: dict[str, str] = {}
    codes = codes_of({})

    def __init__(self, stage_paths: dict[str, list[str]]) -> None:
        self.stage_paths = stage_paths

    def extra_aliases(self, kind: str) -> dict[str, Any]:
        return {}


def _both(text: dict[str, str] | None) -> str:
    if not text:
        return ""
    return text["en"] if text["en"] == text["id"] else f"{text['en']} / {text['id']}"


def _column_meaning(table: str, column: str) -> str:
    from analysis.store.codebook import COLUMN_DESCRIPTIONS

    key = DERIVED_KEYS.get((table, column))
    return _both(LABELS.get(key) if key else COLUMN_DESCRIPTIONS.get(table, {}).get(column))


def _aliases(region: Any, table: str, column: str) -> dict[str, list[str]]:
    """Stored value -> the other spellings the cleaning accepts for it."""
    from analysis.values.lookup import package_table

    out: dict[str, list[str]] = {}
    if (table, column) == ("outreach", "district") and region is not None:
        pairs = list(region.district_aliases.items())
    elif (table, column) == ("outreach", "partners"):
        ag = package_table("agencies.csv")
        pairs = list(zip(ag["alias"], ag["canonical"], strict=True))
        pairs += list((region.extra_aliases("agencies") if region else {}).items())
    elif (table, column) in LABEL_FIELDS:
        field = LABEL_FIELDS[(table, column)]
        labels = package_table("labels.csv")
        rows = labels[labels["field"] == field]
        pairs = list(zip(rows["alias"], rows["code"], strict=True))
        pairs += list(((region.codes.aliases if region else {}).get(field) or {}).items())
    else:
        return out
    seen: set[tuple[str, str]] = set()
    for alias, value in pairs:
        key = (str(value), str(alias).casefold())
        if str(alias).casefold() != str(value).casefold() and key not in seen:
            seen.add(key)
            out.setdefault(str(value), []).append(str(alias))
    return out


def list_tables() -> list[str]:
    from analysis.region.claims import table_columns, tables
    from analysis.store.codebook import TABLE_DESCRIPTIONS

    lines = ["Tables a claim may name (`table:`) / tabel yang dapat dipakai klaim:"]
    for name in tables():
        lines.append(f"  {name}: {_both(TABLE_DESCRIPTIONS.get(name))}")
        lines.append(f"    columns: {', '.join(table_columns(name))}")
    lines.append("Columns of one table: `analysis vocab --table TABLE`")
    return lines


def list_columns(region: Any, table: str) -> list[str]:
    from analysis.region.claims import table_columns
    from analysis.store.codebook import field_type

    lines = [f"Columns of {table} (`where:`, `column:`, `rank_by:`, `show:`):"]
    for column, dtype in table_columns(table).items():
        kind = "values listed" if _has_values(region, table, column) else field_type(dtype)
        lines.append(f"  {column} ({kind}): {_column_meaning(table, column)}")
        if kind == "values listed":
            lines.append(f"    {vocab_hint(table, column)}")
    return lines


def _has_values(region: Any, table: str, column: str) -> bool:
    if (table, column) == ("outreach", "district"):
        return region is not None
    if (table, column) == ("cases", "path"):
        return True
    return (table, column) in LABEL_FIELDS or (table, column) == ("outreach", "partners")


def list_values(region: Any, table: str, column: str) -> list[str]:
    from analysis.region.spec import DEFAULT_STAGE_PATHS
    from analysis.values.normalise import LAWS

    lines = [f"{table}.{column}: {_column_meaning(table, column)}"]
    if (table, column) == ("cases", "statutes"):
        laws = ", ".join(law for law, _ in LAWS)
        return lines + [
            "  any citation the cleaning reads, e.g. 'Pasal 296 KUHP' (stored as 'KUHP Pasal 296')",
            f"  laws known: {laws}",
        ]
    if (table, column) == ("outreach", "district") and region is None:
        return lines + ["  the region's own districts: add --region SLUG"]
    values = known_values(region or _Package(DEFAULT_STAGE_PATHS), table, column)
    if values is None:
        return lines + ["  no fixed list: any value of the column's type"]
    spellings = _aliases(region, table, column)
    coded = (table, column) in LABEL_FIELDS or (table, column) == ("cases", "path")
    lines.append(
        "  value | English | Indonesia | also accepted as"
        if coded
        else "  value | also accepted as"
    )
    own = region.codes.labels if region is not None else {}  # the region's own codes
    for v in values:
        also = ", ".join(spellings.get(v, [])[:6])
        en, id_ = (own.get(v, {}).get(lang) or t(v, lang) for lang in ("en", "id"))
        lines.append(f"  {v} | {en} | {id_} | {also}" if coded else f"  {v} | {also}")
    return lines
