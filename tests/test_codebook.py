"""The codebook: every processed column described in both languages, and a datapackage.json
that validates (frictionless) and matches the tables it describes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from frictionless import validate

from analysis.kinds.model import REJECT_COLUMNS
from analysis.read.rawdata import sha256
from analysis.report.codebook_pages import codebook_html, codebook_markdown, write_codebook_pages
from analysis.schemas import SCHEMAS
from analysis.store.codebook import COLUMN_DESCRIPTIONS, LANGS, missing_descriptions


def test_every_schema_column_has_both_descriptions() -> None:
    assert missing_descriptions() == []
    # and the check bites: a column added to a schema without a description is reported
    grown = dict(SCHEMAS)
    grown["cases"] = SCHEMAS["cases"].add_columns({"new_column": pa.Column(str)})
    assert missing_descriptions(grown) == ["cases.new_column (en)", "cases.new_column (id)"]


def test_no_description_for_a_column_that_does_not_exist() -> None:
    for table, cols in COLUMN_DESCRIPTIONS.items():
        real = REJECT_COLUMNS if table == "rejects" else list(SCHEMAS[table].columns)
        assert set(cols) == set(real), table
        for col, text in cols.items():
            assert text["en"] != text["id"], f"{table}.{col}: Indonesian is a copy of English"


@pytest.fixture(scope="module")
def package(cleaned) -> tuple[Path, dict]:
    root, _ = cleaned
    processed = root / "data" / "processed" / "kupang"
    return processed, json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))


def test_datapackage_validates_with_frictionless(package) -> None:
    processed, _ = package
    report = validate(processed / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert {t.name for t in report.tasks} == {*SCHEMAS, "rejects"}


def test_datapackage_matches_the_tables(package) -> None:
    processed, desc = package
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    by_name = {r["name"]: r for r in desc["resources"]}
    for table, schema in SCHEMAS.items():
        res = by_name[table]
        df = pd.read_parquet(processed / f"{table}.parquet")
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == list(df.columns) == list(schema.columns)
        assert res["hash"] == f"sha256:{sha256(processed / res['path'])}"
        assert res["bytes"] == (processed / res["path"]).stat().st_size
        assert len(pd.read_csv(processed / res["path"], dtype=str)) == len(df)
        for f in fields:
            col = df[f["name"]]
            kind = {"date": "M", "integer": "iu", "boolean": "b"}.get(f["type"])
            if kind:
                assert col.dtype.kind in kind, (table, f["name"], col.dtype)
            enum = f.get("constraints", {}).get("enum")
            if enum:
                assert set(col.dropna().astype(str)) <= set(enum), (table, f["name"])
            assert f["description"] and f["description_id"]
    assert by_name["cases"]["schema"]["primaryKey"] == ["case_id"]
    assert by_name["case_stages"]["schema"]["primaryKey"] == ["case_id", "stage"]
    fk = by_name["case_stages"]["schema"]["foreignKeys"][0]
    assert fk == {"fields": ["case_id"], "reference": {"resource": "cases", "fields": ["case_id"]}}
    modus = next(f for f in by_name["cases"]["schema"]["fields"] if f["name"] == "modus")
    assert "sextortion" in modus["constraints"]["enum"]


def _tampered(processed: Path, tmp_path: Path, table: str, edit) -> Path:
    dst = tmp_path / "kupang"
    shutil.copytree(processed, dst)
    df = pd.read_csv(dst / f"{table}.csv", dtype=str, keep_default_na=False)
    edit(df)
    df.to_csv(dst / f"{table}.csv", index=False, lineterminator="\n")
    return dst / "datapackage.json"


@pytest.mark.parametrize(
    ("table", "edit", "error"),
    [
        ("case_stages", lambda df: df.loc.__setitem__((0, "notes"), "edited"), "hash-count"),
        ("case_stages", lambda df: df.__setitem__("case_id", "K99"), "foreign-key"),
        ("cases", lambda df: df.__setitem__("modus", "gambling"), "constraint-error"),
        ("cases", lambda df: df.__setitem__("victims", "many"), "type-error"),
        ("outreach", lambda df: df.__setitem__("activity_id", "A00001"), "unique-error"),
    ],
)
def test_validation_fails_on_tampered_tables(package, tmp_path, table, edit, error) -> None:
    processed, _ = package
    path = _tampered(processed, tmp_path, table, edit)
    report = validate(path)
    assert not report.valid
    types = {e.type for t in report.tasks for e in t.errors} | {e.type for e in report.errors}
    assert error in types, types


def test_codebook_pages_in_both_languages(package, tmp_path) -> None:
    processed, desc = package
    en = codebook_markdown(desc, "kupang", "en")
    id_ = codebook_markdown(desc, "kupang", "id")
    for table in SCHEMAS:
        assert f"## {table} (`{table}.csv`)" in en and f"## {table} (`{table}.csv`)" in id_
        for text in COLUMN_DESCRIPTIONS[table].values():
            assert text["en"].replace("|", "\\|") in en and text["id"] in id_
    assert "Allowed values" in en and "Nilai yang diizinkan" in id_
    page = codebook_html(desc, "kupang", "id")
    assert page.startswith("<!DOCTYPE html>") and 'lang="id"' in page and "<table>" in page
    for lang in LANGS:
        written = write_codebook_pages(processed, tmp_path / lang, lang)
        assert [p.name for p in written] == ["codebook.md", "codebook.html"]
