"""Resource caps, in one place: how much a file may expand to, hold, and get rejected.

A damaged or hostile workbook must stop the run with one line long before it can use
gigabytes of memory or write a rejects file larger than the data; every reader and the
cleaning run check against these numbers (tests lower them with monkeypatch).
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.errors import InputError

MAX_WORKBOOK_BYTES = 512 * 1024 * 1024  # all parts of one .xlsx, expanded, together
MAX_PART_RATIO = 200  # expanded:compressed beyond which one large part is a likely bomb
BIG_PART = 10_000_000  # bytes from which one part is checked for its ratio
MAX_TOTAL_RATIO = 100  # the same for the whole workbook, once it expands past BIG_EXPANSION
BIG_EXPANSION = 64 * 1024 * 1024
MAX_CELL_CHARS = 5000  # longer cells are rejected (no field note is this long)
MAX_ROWS_PER_FILE = 2_000_000  # data rows in one file (all its sheets)
MAX_REJECTS_PER_FILE = 50_000  # reject lines one file may produce before the run stops
MAX_COUNT = 1_000_000  # the largest count a count cell may hold (people, sessions, ...)


def check_rows(label: str, n: int) -> None:
    """Stop when one file holds more data rows than any field record could."""
    if n > MAX_ROWS_PER_FILE:
        raise InputError(
            f"{label}: {n:,} data rows (limit {MAX_ROWS_PER_FILE:,} per file); "
            "split the file or remove copied blocks"
        )


def check_rejects(per_file: Iterable[tuple[str, int]]) -> None:
    """Stop (instead of writing a huge rejects file) when one file is mostly unusable."""
    for label, n in per_file:
        if n > MAX_REJECTS_PER_FILE:
            raise InputError(
                f"{label}: {n:,} rows would be rejected (limit {MAX_REJECTS_PER_FILE:,} per "
                "file); the file is probably not the kind of record its folder says; "
                "run `analysis validate` on a smaller copy to see why"
            )
