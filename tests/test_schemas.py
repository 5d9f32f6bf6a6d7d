"""The schema contract, written as plain data in each kind's declaration (`analysis.kinds`), is
what pandera enforces:
a value the cleaners let through by mistake becomes a reject line naming the check."""

from __future__ import annotations

from analysis.clean.validate import validate
from analysis.kinds.tables import TABLE
from analysis.schemas import SCHEMAS, column_types


def test_the_contract_and_the_pandera_schemas_name_the_same_columns() -> None:
    assert list(TABLE) == list(SCHEMAS)
    for table, declared in TABLE.items():
        cols = declared.contract
        assert list(cols) == list(SCHEMAS[table].columns), table
        assert (SCHEMAS[table].unique or []) == list(declared.unique_rows), table
        for name, col in cols.items():
            built = SCHEMAS[table].columns[name]
            assert (built.nullable, built.unique) == (col.nullable, col.unique), (table, name)
            assert [c.name for c in built.checks] == [
                {"ge": "greater_than_or_equal_to"}.get(n, n) for n, *_ in col.checks
            ], (table, name)
    assert column_types("cases")["victims"] == "Int64"


def test_a_value_that_breaks_a_check_is_rejected_and_the_rest_kept(cleaned) -> None:
    _, result = cleaned
    cases = result.tables["cases"].copy()
    cases.loc[cases.index[1], "case_id"] = "X1"  # not K + two digits
    cases.loc[cases.index[2], "suspects"] = -3  # a count below zero
    kept, rejects = validate("cases", cases)
    assert len(kept) == len(cases) - 2
    assert sorted(rejects["column"]) == ["case_id", "suspects"]
    assert all(p.startswith("failed schema check") for p in rejects["problem"])
    assert "str_matches" in " ".join(rejects["problem"])  # the check is named
