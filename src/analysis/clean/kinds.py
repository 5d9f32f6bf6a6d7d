"""The record kinds and their cleaners, in the order a run cleans them.

Each kind is one module with the same entry point, `clean(ctx) -> Tables` (analysis.clean.
common); adding a kind adds its module, its entry here (and its tables in analysis.vocab),
and its notebook. `tests/test_clean_kinds.py` checks that the list matches vocab.KINDS and
that each cleaner returns exactly its kind's tables.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.clean import cases, interviews, outreach
from analysis.clean.common import Context, Tables

Cleaner = Callable[[Context], Tables]

CLEANERS: dict[str, Cleaner] = {
    "outreach": outreach.clean,
    "cases": cases.clean,
    "interviews": interviews.clean,
}
