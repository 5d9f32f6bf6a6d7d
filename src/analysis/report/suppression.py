"""Small-cell suppression of count tables: primary (counts below the region's threshold)
and secondary (cells that could be worked out from the published margins are withheld too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def with_margins(table: pd.DataFrame) -> pd.DataFrame:
    full = table.astype(int).copy()
    full["total"] = full.sum(axis=1)
    full.loc["total"] = full.sum(axis=0)
    return full


def recoverable(full: pd.DataFrame, mask: pd.DataFrame) -> list[tuple[object, object]]:
    """Withheld cells whose value follows from the published ones (linear-programming audit).

    ``full`` is a count table whose last row and column are the margins. For each withheld
    cell the smallest and largest value consistent with every published cell and every row
    and column sum are found; a cell whose range is a single value is recoverable.
    """
    from scipy.optimize import linprog

    cells = [(r, c) for r in full.index for c in full.columns if mask.at[r, c]]
    if not cells:
        return []
    pos = {cell: i for i, cell in enumerate(cells)}
    rows, cols = list(full.index), list(full.columns)
    lines = [[(r, c) for c in cols[:-1]] + [(r, cols[-1])] for r in rows]
    lines += [[(r, c) for r in rows[:-1]] + [(rows[-1], c)] for c in cols]
    a_eq, b_eq = [], []
    for line in lines:  # sum of the inner cells minus the margin is zero
        coef, const = np.zeros(len(cells)), 0.0
        for j, cell in enumerate(line):
            sign = -1.0 if j == len(line) - 1 else 1.0
            if cell in pos:
                coef[pos[cell]] += sign
            else:
                const -= sign * float(full.at[cell])
        if coef.any():
            a_eq.append(coef)
            b_eq.append(const)
    hi = float(full.to_numpy().max()) if full.size else 0.0
    out = []
    for cell, i in pos.items():
        ends = []
        for sense in (1.0, -1.0):
            c = np.zeros(len(cells))
            c[i] = sense
            res = linprog(c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=[(0, hi)] * len(cells))
            ends.append(res.fun * sense if res.success else np.nan)
        if not np.isnan(ends).any() and abs(ends[0] - ends[1]) < 1e-6:
            out.append(cell)
    return out


def suppress(table: pd.DataFrame, threshold: int, published_total: bool = True) -> pd.DataFrame:
    """Primary and secondary suppression of a two-way count table with its margins.

    Returns a boolean mask the shape of ``table`` plus a ``total`` row and column (True =
    withhold). Primary: any count from 1 to ``threshold - 1``, margins included. Secondary:
    while any row, column or totals line withholds exactly one cell, or the audit in
    ``recoverable`` can still work a withheld cell out from the published ones (the grand
    total is treated as published, e.g. because a claim states the number of cases), the
    smallest remaining cell of such a line is withheld too (inner cells before margins).
    """
    full = with_margins(table)
    mask = (full > 0) & (full < threshold)
    fixed = ("total", "total") if published_total else None
    if published_total:
        mask.loc["total", "total"] = False
    rows, cols = list(full.index), list(full.columns)
    lines = [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]

    def widen(line: list) -> bool:
        free = [cell for cell in line if not mask.at[cell] and cell != fixed]
        if not free:
            return False
        free.sort(key=lambda cell: ("total" in cell, full.at[cell] == 0, full.at[cell]))
        mask.at[free[0]] = True
        return True

    for _ in range(full.size):
        single = [ln for ln in lines if sum(mask.at[cell] for cell in ln) == 1]
        if single and widen(single[0]):
            continue
        leaks = recoverable(full, mask)
        if not leaks or not any(widen(ln) for ln in lines if leaks[0] in ln):
            break
    return mask


def suppressed_table(
    table: pd.DataFrame, threshold: int, published_total: bool = True, hidden: str = "withheld"
) -> pd.DataFrame:
    """The table with margins, withheld cells replaced by ``hidden`` (text), others as counts."""
    mask = suppress(table, threshold, published_total)
    full = with_margins(table)
    shown = full.astype(object).where(~mask, hidden)
    return shown
