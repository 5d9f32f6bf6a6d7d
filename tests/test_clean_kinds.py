"""One interface for every record kind: `clean(ctx) -> Tables`, registered in one list.

The threats: a kind whose cleaner is not registered (its rows read, then silently never
cleaned), a cleaner that returns a table of another kind or misses one of its own, and a
new kind that needs edits beyond its declaration, its cleaner and its registry entry (a
second list of its columns somewhere that drifts from the first).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.clean.common import Context
from analysis.clean.kinds import CLEANERS
from analysis.kinds.model import PROVENANCE
from analysis.kinds.tables import COLUMNS, KIND_NAMES, KIND_TABLES, TABLE
from analysis.region.config import load_region


def test_every_kind_has_one_registered_cleaner() -> None:
    assert list(CLEANERS) == list(KIND_NAMES)


def test_each_kind_names_its_cleaner_in_the_cleaning_stage() -> None:
    """A declaration names its cleaner by path (layer 0 imports no cleaning); the registered
    kinds keep theirs in `analysis.clean`, one module per kind."""
    from analysis.kinds.registry import KINDS

    assert [k.cleaner for k in KINDS] == [f"analysis.clean.{k.name}" for k in KINDS]
    assert all(CLEANERS[k.name].__module__ == k.cleaner for k in KINDS)


def test_each_cleaner_returns_exactly_its_kinds_tables_even_with_no_rows(root: Path) -> None:
    for kind, clean in CLEANERS.items():
        ctx = Context.for_region(load_region("kupang", root))
        tables = clean(ctx)
        assert list(tables) == list(KIND_TABLES[kind]), kind
        for name, df in tables.items():
            assert list(df.columns) == COLUMNS[name] and df.empty, name
        assert all(r.empty for r in ctx.rejects), kind


def test_a_cleaner_reads_its_rows_from_the_context_and_rejects_into_it(root: Path) -> None:
    ctx = Context.for_region(load_region("kupang", root))
    raw = pd.DataFrame(
        {
            "date": ["14/03/2024", "14/03/2021"],
            "activity_type": ["Patroli Siber", "Patroli Siber"],
            "source_file": "outreach/x.csv",
            "source_sheet": "",
            "source_row": [2, 3],
        }
    )
    ctx.raw = {"outreach": raw}
    out = CLEANERS["outreach"](ctx)["outreach"]
    assert out["activity_type"].tolist() == ["cyber_patrol"]
    rejects = pd.concat(ctx.rejects)
    assert rejects["source_row"].tolist() == [3]
    assert "outside the study period" in rejects["problem"].iloc[0]
    assert set(PROVENANCE) <= set(out.columns)


# A throwaway kind, in a package of its own: a declaration with one table, a tiny cleaner.
EXTRA_DECLARATION = """
from analysis.kinds.model import Col, Kind, Table

VISITS = Table(
    "visits",
    {
        "visit_id": Col("str", unique=True),
        "date": Col("datetime64[us]"),
        "visitors": Col("Int64", checks=(("ge", 0),)),
    },
    required_input=("date", "visitors"),
    date_column="date",
)
KIND = Kind("visits", (VISITS,), cleaner="extrakind.cleaner")
"""
EXTRA_CLEANER = """
from analysis.clean.common import Field, Issues, apply_fields
from analysis.clean.fields import counts, dates_in_period, sequential_ids
from analysis.kinds.tables import COLUMNS

FIELDS = (Field("date", dates_in_period, required=True), Field("visitors", counts, required=True))


def clean(ctx):
    rows = ctx.rows("visits")
    iss = Issues(rows, ctx)
    out = iss.kept(apply_fields(iss, rows, FIELDS)).reset_index(drop=True)
    out["visit_id"] = sequential_ids(len(out), "V")
    ctx.rejects.append(iss.frame())
    return {"visits": out[COLUMNS["visits"]]}
"""
# Registered by changing the registry's one list before anything derives from it.
EXTRA_RUN = """
import json, sys
from pathlib import Path

import analysis.kinds.registry as registry
from extrakind import declaration

registry.KINDS = (*registry.KINDS, declaration.KIND)

from analysis.clean.flow import run
from analysis.clean.kinds import CLEANERS
from analysis.kinds.tables import DATE_COLUMN, KIND_TABLES, TABLES
from analysis.paths import Paths
from analysis.region import claims
from analysis.region.config import load_region
from analysis.schemas import SCHEMAS
from analysis.store.codebook import missing_descriptions

root = Path(sys.argv[1])
result = run(load_region("kupang", root), Paths.for_region("kupang", root))
visits = result.tables["visits"]
rejects = result.rejects[result.rejects["source_file"].str.startswith("visits/")]
print(json.dumps({
    "tables": list(TABLES),
    "kind_tables": KIND_TABLES["visits"],
    "schema": list(SCHEMAS["visits"].columns),
    "cleaners": list(CLEANERS),
    "claim_tables": claims.tables(),
    "date_column": DATE_COLUMN["visits"],
    "rows": visits.astype(str).to_dict("records"),
    "rejects": rejects[["source_row", "column"]].astype(str).to_dict("records"),
    "undescribed": [g for g in missing_descriptions() if g.startswith("visits.")],
    "outreach_rows": len(result.tables["outreach"]),
}))
"""


@pytest.fixture(scope="module")
def extra_kind(tmp_path_factory: pytest.TempPathFactory, root: Path) -> dict:
    """Kupang's raw data plus a `visits/` folder, cleaned with the throwaway kind registered."""
    tmp = tmp_path_factory.mktemp("extra_kind")
    pkg = tmp / "code" / "extrakind"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""A kind that exists only in this test."""\n')
    (pkg / "declaration.py").write_text(EXTRA_DECLARATION)
    (pkg / "cleaner.py").write_text(EXTRA_CLEANER)
    project = tmp / "project"
    shutil.copytree(root / "config", project / "config")
    shutil.copytree(root / "data" / "raw" / "kupang", project / "data" / "raw" / "kupang")
    visits = project / "data" / "raw" / "kupang" / "visits"
    visits.mkdir()
    (visits / "visits.csv").write_text("date,visitors\n2023-03-14,12\n2019-01-02,5\n2024-05-06,0\n")
    (tmp / "run.py").write_text(EXTRA_RUN)
    src = root / "src"
    done = subprocess.run(
        [sys.executable, str(tmp / "run.py"), str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{tmp / 'code'}:{src}"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_kind_added_to_the_registry_alone_reaches_tables_schemas_claims_and_cleaners(
    extra_kind: dict,
) -> None:
    assert extra_kind["tables"][-1] == "visits" and extra_kind["kind_tables"] == ["visits"]
    assert extra_kind["schema"] == ["visit_id", "date", "visitors", *PROVENANCE]
    assert extra_kind["cleaners"] == [*KIND_NAMES, "visits"]
    assert "visits" in extra_kind["claim_tables"] and extra_kind["date_column"] == "date"


def test_a_kind_added_to_the_registry_alone_is_read_cleaned_and_validated(
    extra_kind: dict,
) -> None:
    rows = extra_kind["rows"]
    assert [(r["visit_id"], r["date"][:10], r["visitors"]) for r in rows] == [
        ("V00001", "2023-03-14", "12"),
        ("V00002", "2024-05-06", "0"),
    ]
    assert len({r["source_file"] for r in rows}) == 1  # one file, pseudonymised as the others
    # the row dated before the study period is a reject line naming its row and column
    assert extra_kind["rejects"] == [{"source_row": "3", "column": "date"}]
    assert extra_kind["outreach_rows"] == 544  # the registered kinds are cleaned as before


def test_the_codebook_asks_for_a_new_kinds_descriptions(extra_kind: dict) -> None:
    """Descriptions stay data (aliases/codebook.csv): the one file a new kind adds rows to."""
    assert "visits.visit_id (en)" in extra_kind["undescribed"]
    assert "visits.visitors (id)" in extra_kind["undescribed"]


KINDS_DIR = Path(__file__).resolve().parents[1] / "src" / "analysis" / "kinds"


def column_listings(source: str) -> list[tuple[int, str]]:
    """(line, table) of every literal list, tuple, set or dict in `source` that names all of a
    table's own columns: a second truth beside the table's declaration. A dict whose values
    are variables is a row being built, not a listing, and is passed over."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            elements = node.elts
        elif isinstance(node, ast.Dict) and not any(
            isinstance(v, ast.Name | ast.Attribute | ast.Subscript) for v in node.values
        ):
            elements = [k for k in node.keys if k is not None]
        else:
            continue
        names = {
            e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)
        }
        for table in TABLE.values():
            if len(table.own_columns) >= 3 and set(table.own_columns) <= names:
                found.append((node.lineno, table.name))
    return found


def test_a_tables_columns_are_listed_only_in_its_kinds_declaration(root: Path) -> None:
    sources = [*(root / "src").rglob("*.py"), *(root / "scripts").rglob("*.py")]
    second = [
        f"{p.relative_to(root)}:{line} lists the columns of {table}"
        for p in sources
        if KINDS_DIR not in p.parents
        for line, table in column_listings(p.read_text(encoding="utf-8"))
    ]
    assert not second, "\n".join(second)
    declared = [t for p in KINDS_DIR.glob("*.py") for _, t in column_listings(p.read_text())]
    assert sorted(declared) == sorted(TABLE)  # each table's own columns are listed once


def test_the_listing_check_finds_a_second_list_of_columns() -> None:
    """The check can fail: vocab.COLUMNS of before, a list beside the declaration, is named."""
    planted = 'COLUMNS = {"segment_codes": ["segment_id", "coder", "aspect", "theme", *PROV]}'
    assert column_listings(planted) == [(1, "segment_codes")]
    assert column_listings('USED = ["segment_id", "coder", "theme"]') == []
    row = '{"segment_id": sid, "coder": who, "aspect": aspect, "theme": theme}'
    assert column_listings(row) == []  # a row being built
    contract = "{" + ", ".join(
        f'"{c}": Col("str")' for c in ("segment_id", "coder", "aspect", "theme")
    )
    assert column_listings(contract + "}") == [(1, "segment_codes")]  # a second contract


def test_a_declaration_naming_a_column_it_lacks_fails_on_import() -> None:
    from analysis.kinds.model import Col, Table

    with pytest.raises(ValueError, match=r"'visits' names columns it does not have: \['when'\]"):
        Table("visits", {"day": Col("str")}, required_input=("day",), date_column="when")
