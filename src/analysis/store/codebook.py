"""The codebook: what every column of every processed table means, in English and Indonesian.

Descriptions live in `aliases/codebook.csv`, keyed by table and column; types, allowed
values, ranges and uniqueness come from the region's schemas and codes
(`analysis.region.codes`: the package's taxonomy plus the config's own codes), so the
codebook cannot drift from what `clean` enforces. `write_datapackage` writes it as a Frictionless
Data Package (`data/processed/SLUG/datapackage.json`); the readable page of
the reviewer copy is rendered from it by `analysis.report.codebook_pages`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from analysis.kinds.model import REJECT_COLUMNS
from analysis.kinds.tables import FOREIGN_KEYS
from analysis.read.rawdata import sha256
from analysis.region.codes import Codes, codes_of
from analysis.schemas import SCHEMAS
from analysis.values.lookup import package_table

LANGS = ("en", "id")
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def _descriptions() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, dict[str, str]]]]:
    """Table and column descriptions from `aliases/codebook.csv` (column '' = the table;
    table '*' = a column every table has, such as provenance)."""
    rows = package_table("codebook.csv")
    tables: dict[str, dict[str, str]] = {}
    columns: dict[str, dict[str, dict[str, str]]] = {}
    shared = {}
    for table, column, en, id_ in rows[["table", "column", "en", "id"]].itertuples(index=False):
        text = {"en": en, "id": id_}
        if table == "*":
            shared[column] = text
        elif column == "":
            tables[table] = text
        else:
            columns.setdefault(table, {})[column] = text
    for table in columns:
        columns[table].update(shared)
    return tables, columns


TABLE_DESCRIPTIONS, COLUMN_DESCRIPTIONS = _descriptions()


_CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}


def missing_descriptions(schemas: dict[str, Any] | None = None) -> list[str]:
    """Every `table.column (lang)` of the schemas that has no description: must be empty."""
    gaps = []
    for table, schema in (SCHEMAS if schemas is None else schemas).items():
        for column in schema.columns:
            for lang in LANGS:
                if not COLUMN_DESCRIPTIONS.get(table, {}).get(column, {}).get(lang, "").strip():
                    gaps.append(f"{table}.{column} ({lang})")
    return gaps


def describe(table: str, column: str, lang: str = "en") -> str:
    """Description of one column; KeyError names the missing entry (a codebook gap)."""
    return COLUMN_DESCRIPTIONS[table][column][lang]


def field_type(dtype: str) -> str:
    d = str(dtype).lower()
    if d.startswith("datetime"):
        return "date"
    if "int" in d:
        return "integer"
    if d in ("bool", "boolean"):
        return "boolean"
    return "string"


def _constraints(column: Any, codes: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not column.nullable and column.name != "source_sheet":  # '' is a sheet of a CSV file
        out["required"] = True
    if column.unique:
        out["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            out["enum"] = sorted(str(v) for v in stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "in_range":
            out["minimum"], out["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "str_matches":
            out["pattern"] = re.sub(r"^\^|\$$", "", str(stats["pattern"]))
    if "enum" not in out and codes:
        out["enum"] = sorted(codes)
    return out


def taxonomy(processed_dir: Path, region: str) -> Codes:
    """The region's codes (analysis.region.codes), from its config beside the tables."""
    from analysis.region.config import load_region

    try:
        return load_region(region, processed_dir.resolve().parents[2]).codes
    except Exception:  # no config beside the tables: the packaged taxonomy alone
        return codes_of({})


def table_schema(table: str, codes: Codes | None = None) -> dict[str, Any]:
    """Frictionless Table Schema of one processed table, from its pandera schema."""
    schema = SCHEMAS[table] if codes is None else codes.table_schemas[table]
    fields = []
    for name, col in schema.columns.items():
        taxonomy = None if codes is None else codes.values(table, name)
        field = {
            "name": name,
            "type": field_type(col.dtype),
            "description": describe(table, name, "en"),
            "description_id": describe(table, name, "id"),
        }
        if field["type"] == "boolean":
            field |= {"trueValues": ["True"], "falseValues": ["False"]}
        constraints = _constraints(col, taxonomy)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    unique = [c for c, col in schema.columns.items() if col.unique]
    if unique:
        out["primaryKey"] = unique[:1]
    elif schema.unique:
        out["primaryKey"] = list(schema.unique)
    fks = FOREIGN_KEYS.get(table, [])
    if fks:
        out["foreignKeys"] = [
            {"fields": [c], "reference": {"resource": parent, "fields": [pc]}}
            for c, parent, pc in fks
        ]
    return out


def _rejects_schema() -> dict[str, Any]:
    fields = []
    for name in REJECT_COLUMNS:
        fields.append(
            {
                "name": name,
                "type": "integer" if name == "source_row" else "string",
                "description": describe("rejects", name, "en"),
                "description_id": describe("rejects", name, "id"),
            }
        )
    return {"fields": fields, "missingValues": [""]}


def _kept_code_names(processed_dir: Path) -> set[str]:
    """Themes of aspect 'unmapped': a QDA project's own code names (analysis.clean.qda),
    allowed values of this region's theme column beside the taxonomy."""
    import pandas as pd

    from analysis.vocab import UNMAPPED

    path = processed_dir / "segment_codes.csv"
    if not path.is_file():
        return set()
    codes = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["aspect", "theme"])
    return set(codes.loc[codes["aspect"] == UNMAPPED, "theme"])


def datapackage(processed_dir: Path, region: str) -> dict[str, Any]:
    """The Data Package descriptor for the tables in `processed_dir` (hashes of the CSVs)."""
    codes = taxonomy(processed_dir, region)
    themes = set(codes.taxonomy.get("theme", [])) | _kept_code_names(processed_dir)
    codes = replace(codes, taxonomy={**codes.taxonomy, "theme": sorted(themes)})
    resources = []
    for table in [*SCHEMAS, "rejects"]:
        path = processed_dir / f"{table}.csv"
        schema = _rejects_schema() if table == "rejects" else table_schema(table, codes)
        resources.append(
            {
                "name": table,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": TABLE_DESCRIPTIONS[table]["en"],
                "description_id": TABLE_DESCRIPTIONS[table]["id"],
                "dialect": _CSV_DIALECT,
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256(path)}",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": f"analysis-{region}".lower(),
        "title": f"Processed tables, region {region}",
        "description": "Cleaned, pseudonymised tables written by `analysis clean`; each "
        "table is also stored as Parquet beside its CSV. Columns are described in English "
        "(description) and Indonesian (description_id).",
        "licenses": [DATA_LICENCE],
        "resources": resources,
        "disclosure": _disclosure(processed_dir),
    }


def _disclosure(processed_dir: Path) -> dict[str, Any]:
    """What the shareable tier generalised or withheld and the k reached (from the manifest)."""
    try:
        manifest = json.loads((processed_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest.get("disclosure") or {}


def write_datapackage(processed_dir: Path, region: str | None = None) -> Path:
    """Write `datapackage.json` beside the processed tables (atomically); returns its path."""
    region = region or processed_dir.name
    target = processed_dir / "datapackage.json"
    tmp = target.with_suffix(".json.tmp")
    text = json.dumps(datapackage(processed_dir, region), indent=2, ensure_ascii=False)
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
