"""Claims the shared tables cannot check: a column a claim reads is withheld in every row
(k-anonymity, analysis.clean.disclosure). Such a claim gets no yes or no, only the reason
and where it can be checked (`analysis findings --private`, on the researcher's machine)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def withheld_columns(claim: dict[str, Any], tables: dict[str, pd.DataFrame]) -> list[str]:
    """Columns a claim reads that the shared tables withhold in every row (k-anonymity)."""
    df = tables[claim["table"]]
    used = [*(claim.get("where") or {}), *(claim.get("of") or {})]
    used += [claim[k] for k in ("rank_by", "column") if isinstance(claim.get(k), str)]
    return [c for c in dict.fromkeys(used) if c in df and len(df) and df[c].isna().all()]


def withheld_detail(cols: list[str], region: Any) -> str:
    """Why a claim is not checked on the shared tables, and where it can be."""
    return (
        f"withheld: the shared tables withhold {', '.join(cols)} to keep every case among at "
        f"least {region.k} (k-anonymity, privacy.k); check it on the record-level tables "
        f"with `analysis findings --region {region.slug} --private` (your machine only)"
    )


def withhold(claim: dict, tables: dict, region: Any, ok: bool, detail: str, failed: list) -> tuple:
    """A claim on columns the shared tables withhold gets no yes or no, only the reason:
    (ok, detail, failed expectations, withheld columns)."""
    cols = withheld_columns(claim, tables)
    return (False, withheld_detail(cols, region), [], cols) if cols else (ok, detail, failed, cols)
