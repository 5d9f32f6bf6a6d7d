"""`analysis export`: the processed tables for Stata (.dta), SPSS (.sav) and R (CSV + codebook).

Coded columns (the enums of the codebook: aspects, modus, stages, roles, themes, ...) become
integers 1..n with value labels from the label dictionary (`analysis.labels`) in the chosen
language, and every variable carries its codebook description as its label, so a Stata or
SPSS user sees the same words as the notebooks. R users get the tables as CSV plus a
`codebook.csv` (one row per column and coded value) to turn codes into labelled factors.
SPSS needs `pyreadstat`, an optional extra: `pip install analysis[spss]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import InputError
from analysis.labels import t, use_region_labels
from analysis.outputs import check_target, writing
from analysis.paths import Paths
from analysis.privacy.kanon import k_anonymity, shown_quasi_identifiers
from analysis.store.codebook import describe, table_schema, taxonomy
from analysis.store.processed import load_tables, to_csv
from analysis.vocab import CASE_KEY

FORMATS = ("dta", "sav", "csv-r")
SPSS_MISSING = (
    "SPSS export needs pyreadstat: pip install 'analysis[spss]' (or pip install pyreadstat)"
)


def value_labels(tables: dict[str, pd.DataFrame], processed: Path, lang: str) -> dict:
    """{table: {column: {code: (number, label)}}} for every coded or yes/no column."""
    codes = taxonomy(processed, processed.name)
    use_region_labels(codes.labels)
    out: dict[str, dict[str, dict[Any, tuple[int, str]]]] = {}
    for table, df in tables.items():
        cols: dict[str, dict[Any, tuple[int, str]]] = {}
        for field in table_schema(table, codes)["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if enum and not field.get("constraints", {}).get("pattern"):
                cols[field["name"]] = {c: (i, t(c, lang)) for i, c in enumerate(enum, start=1)}
            elif field["type"] == "boolean":
                cols[field["name"]] = {False: (0, t("no", lang)), True: (1, t("yes", lang))}
        for col, mapping in cols.items():
            unknown = set(df[col].dropna()) - set(mapping)
            if unknown:  # the schema guards this; a gap here is a bug, not bad input
                raise RuntimeError(f"{table}.{col}: values without a label {sorted(unknown)}")
        out[table] = cols
    return out


def _numeric(df: pd.DataFrame, labels: dict[str, dict[Any, tuple[int, str]]]) -> pd.DataFrame:
    """Codes -> label numbers, nullable integers -> floats (NaN = missing), text NA -> ''."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in labels:
            nums = {k: n for k, (n, _) in labels[col].items()}
            out[col] = s.map(lambda v, nums=nums: nums.get(v) if pd.notna(v) else None)
            out[col] = out[col].astype("float64" if s.isna().any() else "int32")
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.astype("datetime64[ns]")
        elif pd.api.types.is_integer_dtype(s):
            out[col] = s.astype("float64") if s.isna().any() else s.astype("int32")
        elif pd.api.types.is_bool_dtype(s):
            out[col] = s.astype("float64")
        else:
            out[col] = s.astype(object).where(s.notna(), "").astype(str)
    return out


def _short(text: str, limit: int = 80) -> str:
    """Stata variable labels hold 80 characters: cut at a word and mark the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 3].rsplit(" ", 1)[0] + "..."


def _stata(table: str, df: pd.DataFrame, labels: dict, lang: str, path: Path) -> None:
    data = _numeric(df, labels)
    dates = {c: "td" for c in data.columns if pd.api.types.is_datetime64_any_dtype(data[c])}
    data.to_stata(
        path,
        write_index=False,
        version=118,  # Unicode (Indonesian labels), long strings as strL
        convert_dates=dates,
        variable_labels={c: _short(describe(table, c, lang)) for c in data.columns},
        value_labels={c: {n: lab for n, lab in m.values()} for c, m in labels.items()},
        data_label=f"{table} ({lang})"[:80],
    )


def _spss(table: str, df: pd.DataFrame, labels: dict, lang: str, path: Path) -> None:
    try:
        import pyreadstat
    except ImportError:
        raise InputError(SPSS_MISSING) from None
    data = _numeric(df, labels)
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels=[describe(table, c, lang) for c in data.columns],
        variable_value_labels={
            c: {int(n): lab for n, lab in m.values()} for c, m in labels.items()
        },
        file_label=f"{table} ({lang})",
    )


def _r_codebook(tables: dict[str, pd.DataFrame], labels: dict, lang: str) -> pd.DataFrame:
    rows = []
    for table, df in tables.items():
        for col in df.columns:
            base = {"table": table, "column": col, "label": describe(table, col, lang)}
            mapping = labels[table].get(col)
            if not mapping:
                rows.append({**base, "value": "", "value_label": ""})
            for code, (_, lab) in (mapping or {}).items():
                value = ("TRUE" if code else "FALSE") if isinstance(code, bool) else code
                rows.append({**base, "value": value, "value_label": lab})
    return pd.DataFrame(rows, columns=["table", "column", "label", "value", "value_label"])


def _k(slug: str, root: Path | None) -> int:
    from analysis.region.config import load_region

    return load_region(slug, root).k


def check_shareable(tables: dict[str, pd.DataFrame], k: int) -> None:
    """Refuse to export a case-level table whose quasi-identifiers leave a case among fewer
    than k cases (the gate's tier rule); names the table and columns, never a value."""
    for name, df in tables.items():
        if CASE_KEY not in df:
            continue
        reached = k_anonymity(df)
        if reached is not None and reached < k:
            shown = ", ".join(shown_quasi_identifiers(df))
            raise InputError(
                f"export refused: {name} has k = {reached} < {k} on columns {shown} (the "
                "processed tables of `analysis clean` meet privacy.k; run it again)"
            )


def export_region(
    slug: str,
    fmt: str,
    lang: str = "en",
    out: Path | None = None,
    root: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write every processed table of a region in one format; returns the files written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang not in ("en", "id"):
        raise InputError(f"lang must be 'en' or 'id', not {lang!r}")
    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    default = paths.root / "build" / "export" / slug / f"{fmt}-{lang}"
    target = Path(out) if out is not None else default
    # the default folder is the tool's own and is replaced; a folder the user names is not
    force = force or out is None
    check_target(target, paths.root, "folder", force)  # before any work: a refusal costs nothing
    try:
        tables = load_tables(paths.processed)
    except FileNotFoundError as e:
        raise InputError(str(e)) from None
    check_shareable(tables, _k(slug, root))  # an export is shared: the tier rule holds
    if fmt == "sav":  # fail before writing anything
        try:
            import pyreadstat  # noqa: F401
        except ImportError:
            raise InputError(SPSS_MISSING) from None
    labels = value_labels(tables, paths.processed, lang)
    with writing(target, paths.root, "folder", force) as tmp:
        names = _write_all(tables, labels, fmt, lang, tmp)
    return [target / n for n in names]


def _write_all(tables: dict, labels: dict, fmt: str, lang: str, folder: Path) -> list[str]:
    written = []
    for table, df in tables.items():
        if fmt == "dta":
            p = folder / f"{table}.dta"
            _stata(table, df, labels[table], lang, p)
        elif fmt == "sav":
            p = folder / f"{table}.sav"
            _spss(table, df, labels[table], lang, p)
        else:
            p = folder / f"{table}.csv"
            r = df.copy()
            for col in r.columns:
                if pd.api.types.is_bool_dtype(r[col]):  # R reads TRUE/FALSE as logical
                    r[col] = r[col].map({True: "TRUE", False: "FALSE"})
            r.to_csv(p, index=False, na_rep="NA", lineterminator="\n", date_format="%Y-%m-%d")
        written.append(p.name)
    if fmt == "csv-r":
        to_csv(_r_codebook(tables, labels, lang), folder / "codebook.csv")
        written.append("codebook.csv")
    return written
