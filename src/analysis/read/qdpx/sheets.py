"""Rows read from a project -> RawSheets with the interview tables' canonical headers.

Extra keys (case or source variables, set attributes) become columns that the header
aliases (analysis/aliases/headers.csv plus the region's `aliases.headers`) map or report as
not read, exactly as for a workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from analysis.kinds.interviews import SEGMENT_CODES
from analysis.read.sheet import RawSheet, col_letter, norm_header

KEY_VALUE = re.compile(r"^\s*([A-Za-z][\w .()/-]{0,40}?)\s*:\s*(.*?)\s*$")
INFORMANT_HEADERS = ["name", "role", "unit", "organisation_type"]
SEGMENT_HEADERS = ["segment_id", "informant", "date", "question", "text"]
# a coding is a segment_codes row as it is stored (its declaration names the columns)
CODE_HEADERS = list(SEGMENT_CODES.own_columns)


@dataclass
class QdpxSheet(RawSheet):
    """A RawSheet that also says where it came from (format, exporting tool, counting), and
    what the run must say about the project: `notes` (a source not read, and why) and
    `warnings` (the project holds nothing to analyse; `validate --strict` fails on them)."""

    source_info: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@cache
def aliases(table: str) -> dict[str, str]:
    """Normalised header alias -> canonical column of one interview table."""
    from analysis.values.lookup import package_table

    t = package_table("headers.csv")
    t = t[(t["table"] == table) & (t["column"] != "_ignore")]
    out = {norm_header(a): c for a, c in zip(t["alias"], t["column"], strict=True)}
    out.update({norm_header(c): c for c in t["column"]})
    return out


def description_fields(text: str) -> dict[str, str]:
    """'field: value' lines of a selection memo that name interview-segment columns."""
    known = aliases("interview_segments")
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = KEY_VALUE.match(line)
        if m:
            col = known.get(norm_header(m.group(1)))
            if col in ("segment_id", "date", "question") and m.group(2):
                out.setdefault(col, m.group(2))
    return out


def tool(origin: str) -> str:
    """Tool name and version from a project's origin ('ATLAS.ti 8.4.0 573 , macOS ...' ->
    'ATLAS.ti 8.4.0'): it goes into the manifest, so no free text beyond that. The name is
    scrubbed; the version is only digits and dots, cut before its digits would look like a
    long number to the privacy gate (a build number: 23.2.1.27394 -> 23.2.1)."""
    from analysis.privacy.scrubbing import scrub

    m = re.match(r"\s*([^\d\n]{1,40}?)\s*(\d+(?:\.\d+)*)", origin)
    if not m:
        return str(scrub(origin[:40].strip())) or "not stated"
    kept: list[str] = []
    for part in m.group(2).split("."):
        if sum(map(len, kept)) + len(part) > 7:
            break
        kept.append(part)
    name = str(scrub(m.group(1).strip()))
    return " ".join(p for p in (name, ".".join(kept)) if p) or "not stated"


def _columns(
    table: str, rows: list[dict[str, str]], fixed: list[str]
) -> tuple[list[str], list[list[str]]]:
    """Header and column values: fixed headers first, then each new key in order of first
    appearance; a key the package aliases map onto a fixed header fills that header."""
    header = list(fixed)
    keys = {norm_header(h): i for i, h in enumerate(header)}
    keys.update({a: keys[c] for a, c in aliases(table).items() if c in keys})
    cols: list[list[str]] = [[] for _ in header]
    for n, row in enumerate(rows):
        for k, v in row.items():
            i = keys.get(norm_header(k))
            if i is None:
                i = keys[norm_header(k)] = len(header)
                header.append(k)
                cols.append([""] * n)
            if len(cols[i]) == n:  # first value for a column wins
                cols[i].append("" if v is None else str(v))
        for c in cols:
            c.extend([""] * (n + 1 - len(c)))
    return header, cols


def frame_sheet(
    label: str,
    sheet: str,
    table: str,
    rows: list[dict[str, str]],
    fixed: list[str],
    required: int,
    problems: list[tuple[int, str]] | None = None,
) -> QdpxSheet:
    """Rows of dicts -> a RawSheet whose row n is the n-th record; `problems` are (row,
    reason) pairs reported against the text column."""
    header, cols = _columns(table, rows, fixed)
    # optional columns with no value are left out: a region alias may name them otherwise
    keep = [i for i, c in enumerate(cols) if i < required or any(v != "" for v in c)]
    header, cols = [header[i] for i in keep], [cols[i] for i in keep]
    frame = pd.DataFrame({i: pd.Series(c, dtype=object) for i, c in enumerate(cols)})
    if not rows:
        frame = pd.DataFrame(columns=range(len(header)), dtype=object)
    text_col = col_letter(header.index("text")) if "text" in header else "A"
    return QdpxSheet(
        file=label,
        sheet=sheet,
        header=header,
        frame=frame,
        rows=pd.Series(range(1, len(rows) + 1), dtype="int64"),
        cell_problems=[(r, text_col, p) for r, p in problems or []],
        header_row=0,
    )
