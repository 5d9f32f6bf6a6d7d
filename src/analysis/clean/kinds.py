"""The record kinds' cleaners, in the order a run cleans them, read off the kinds registry.

Each kind is one module with the same entry point, `clean(ctx) -> Tables` (analysis.clean.
common); its declaration (`analysis.kinds.<kind>`) names that module by its dotted path,
imported here, so the layer that declares the tables never imports the cleaning. Adding a
kind adds no line here. `tests/test_clean_kinds.py` checks that each cleaner returns exactly
its kind's tables, and that a kind added to the registry alone is read, cleaned and validated.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from analysis.clean.common import Context, Tables
from analysis.kinds.registry import KINDS

Cleaner = Callable[[Context], Tables]

CLEANERS: dict[str, Cleaner] = {kind.name: import_module(kind.cleaner).clean for kind in KINDS}
