"""The contract checked in plain pandas (`clean.contract.conforming`) passes exactly the
tables pandera passes, as pandera returns them; anything else goes to pandera. Each table
of a real clean is broken one way at a time (a missing value, a wrong code, a repeat, a
wrong type, a column too many or too few) and both judges are asked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.clean import flow
from analysis.clean.contract import conforming
from analysis.kinds.tables import TABLES
from analysis.paths import Paths
from analysis.region.config import Region, load_region
from analysis.schemas import import_pandera

pa = import_pandera()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, root: Path) -> dict:
    """What the cleaners hand to validation for Kupang and Depok: slug -> (region, tables)."""
    proj = tmp_path_factory.mktemp("contract")
    for sub in ("config", "data/raw"):
        shutil.copytree(root / sub, proj / sub)
    out = {}
    real = flow.validate
    for slug in ("kupang", "depok"):
        seen: dict[str, pd.DataFrame] = {}

        def spy(table, df, codes=None, seen=seen):
            seen[table] = df.copy()
            return real(table, df, codes)

        region = load_region(slug, proj)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(flow, "validate", spy)
            flow.run(region, Paths.for_region(slug, proj))
        out[slug] = (region, seen)
    return out


def _pandera(region: Region, table: str, df: pd.DataFrame) -> pd.DataFrame | None:
    try:  # not lazy: the first failure settles the verdict, and is three times faster
        return region.codes.table_schemas[table].validate(df)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError):
        return None


def _bad_value(s: pd.Series) -> object:
    kind = s.dtype.kind
    if kind in "iuf" or str(s.dtype) == "Int64":
        return -1
    if kind == "M":
        return pd.Timestamp("2300-01-01")  # beyond what nanoseconds hold
    if kind == "b" or str(s.dtype) == "boolean":
        return pd.NA
    return "no such code"


def _broken(df: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """The table broken one way at a time (some ways break nothing: a missing value where
    one is allowed)."""
    if len(df) >= 2:
        yield "a row twice", pd.concat([df, df.iloc[[0]]], ignore_index=True)
    yield "a column too many", df.assign(extra="x")
    yield "a column too few", df.drop(columns=df.columns[0])
    for c in df.columns:
        if not len(df):
            break
        i = df.index[0]
        for what, value in (("missing", None), ("wrong", _bad_value(df[c]))):
            m = df.copy()
            try:
                m.loc[i, c] = value
            except (TypeError, ValueError):
                m[c] = m[c].astype(object)
                m.loc[i, c] = value
            yield f"{c} {what}", m
        if len(df) >= 2:
            m = df.copy()
            m.loc[df.index[1], c] = df.loc[i, c]
            yield f"{c} repeated", m
        yield f"{c} as Python objects", df.assign(**{c: df[c].astype(object)})
        if df[c].dtype.kind in "iu":
            yield f"{c} as floats", df.assign(**{c: df[c].astype("float64")})
            yield f"{c} as text", df.assign(**{c: df[c].astype(str)})


@pytest.mark.parametrize("slug", ["kupang", "depok"])
def test_every_table_of_a_real_clean_passes_as_pandera_returns_it(inputs, slug: str) -> None:
    region, tables = inputs[slug]
    assert list(tables) == list(TABLES)
    for table, df in tables.items():
        fast = conforming(table, df, region.codes.closed)
        assert fast is not None, table  # pandera is not needed for a clean table
        pd.testing.assert_frame_equal(fast, _pandera(region, table, df), check_exact=True)


def test_a_broken_table_passes_only_where_pandera_passes_it_and_as_pandera_returns_it(
    inputs,
) -> None:
    region, tables = inputs["kupang"]
    verdicts = {"both pass": 0, "both fail": 0, "left to pandera": 0}
    for table, whole in tables.items():
        df = whole.head(30)  # the breaks are in the first rows; pandera takes 20 ms a table
        for what, m in _broken(df):
            fast, ref = conforming(table, m, region.codes.closed), _pandera(region, table, m)
            if ref is None:
                assert fast is None, (table, what)  # never passes what pandera rejects
                verdicts["both fail"] += 1
            elif fast is None:
                verdicts["left to pandera"] += 1  # pandera judges it: slower, same verdict
            else:
                pd.testing.assert_frame_equal(fast, ref, check_exact=True, obj=f"{table}: {what}")
                verdicts["both pass"] += 1
    assert verdicts["both fail"] > 20 and verdicts["both pass"] > 20, verdicts


def test_pandera_still_names_the_rows_of_a_broken_table(inputs) -> None:
    from analysis.clean.validate import validate

    region, tables = inputs["kupang"]
    df = tables["outreach"].copy()
    df.loc[df.index[3], "aspect"] = "punitive"
    df.loc[df.index[5], "n_partners"] = -2
    kept, rejects = validate("outreach", df, region.codes)
    assert len(kept) == len(df) - 2
    assert sorted(rejects["column"]) == ["aspect", "n_partners"]
    assert rejects["problem"].str.startswith("failed schema check").all()
    assert np.array_equal(rejects["source_row"], df.loc[df.index[[3, 5]], "source_row"])


def test_a_check_or_dtype_it_does_not_know_is_left_to_pandera(inputs, monkeypatch) -> None:
    from analysis.clean import contract

    region, tables = inputs["kupang"]
    df = tables["outreach"]
    assert conforming("outreach", df, region.codes.closed) is not None
    monkeypatch.delitem(contract._CHECKS, "isin")  # as if a kind declared a new check
    assert conforming("outreach", df, region.codes.closed) is None
    monkeypatch.undo()
    monkeypatch.delitem(contract._TARGET, "datetime64[us]")  # or a new dtype
    assert conforming("outreach", df, region.codes.closed) is None
