"""Row accounting: for every source sheet, rows read = kept + rejected + duplicate.

A row that disappears without a reject line is a bug, so a mismatch stops the run.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.kinds.tables import KIND_NAMES


def account(
    sources: list[dict[str, Any]], tables: dict[str, pd.DataFrame], rejects: pd.DataFrame
) -> None:
    """Fill rows_kept/rows_rejected/rows_duplicate in every source entry and check the sum."""
    kept: dict[tuple[str, str], int] = {}
    for df in tables.values():
        for key, n in df.groupby(["source_file", "source_sheet"]).size().items():
            kept[key] = kept.get(key, 0) + int(n)
    per = rejects.drop_duplicates(["source_file", "source_sheet", "source_row"])
    rej = per[per["kind"] == "rejected"].groupby(["source_file", "source_sheet"]).size()
    dup = per[per["kind"] == "duplicate"].groupby(["source_file", "source_sheet"]).size()
    for s in sources:
        key = (s["file"], s["sheet"])
        s["rows_kept"] = kept.get(key, 0)
        s["rows_rejected"] = int(rej.get(key, 0))
        s["rows_duplicate"] = int(dup.get(key, 0))
        if s["rows_read"] != s["rows_kept"] + s["rows_rejected"] + s["rows_duplicate"]:
            raise RuntimeError(
                f"row accounting does not balance for {key}: {s} (a bug; please report)"
            )


def summary_lines(sources: list[dict[str, Any]], tables: dict[str, pd.DataFrame]) -> list[str]:
    """Per-kind totals and the columns that were not read, for the terminal."""
    lines = []
    for kind in KIND_NAMES:
        src = [s for s in sources if s["kind"] == kind]
        read = sum(s["rows_read"] for s in src)
        kept = sum(s["rows_kept"] for s in src)
        rej = sum(s["rows_rejected"] for s in src)
        dup = sum(s["rows_duplicate"] for s in src)
        lines.append(
            f"  {kind:<11} {len(src):>2} sheet(s): {read:>7} rows read, {kept:>7} kept, "
            f"{rej:>4} rejected, {dup:>4} duplicate"
        )
    for s in sources:
        if s["ignored_columns"]:
            where = s["file"] + (f", sheet {s['sheet']!r}" if s["sheet"] else "")
            lines.append(f"  not read from {where}: {', '.join(s['ignored_columns'])}")
    lines.append("  tables: " + ", ".join(f"{k} {len(v)}" for k, v in tables.items()))
    return lines
