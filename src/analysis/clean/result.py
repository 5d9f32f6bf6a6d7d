"""What one cleaning run produced: the tables, the rejects in both tiers, the key.

Its own module because both the flow (`clean.flow`) and the pseudonymising step
(`clean.shareable`) hand it on, and neither should import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.clean import accounting
from analysis.privacy.messages import private_message
from analysis.privacy.names import Names


@dataclass
class Result:
    """Everything one cleaning run produced, before or after writing."""

    region: str
    tables: dict[str, pd.DataFrame]  # shareable: pseudonymous provenance (F01, S01)
    rejects: pd.DataFrame  # the researcher's own: real file names, raw values quoted
    sources: list[dict[str, Any]]  # the researcher's own (real names), for the terminal
    inputs: dict[str, str]
    public_rejects: pd.DataFrame = field(default_factory=pd.DataFrame)
    public_sources: list[dict[str, Any]] = field(default_factory=list)
    public_inputs: dict[str, str] = field(default_factory=dict)
    key: dict[str, Any] = field(default_factory=dict)
    names: Names = field(default_factory=Names)
    public_notes: list[str] = field(default_factory=list)
    # record-level case tables (exact dates; data/private/ only) and what sharing changed
    private_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    disclosure: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # notes saying an input holds nothing to analyse (also in `notes`); --strict fails on them
    warnings: list[str] = field(default_factory=list)
    # the region config the run read (a `Region`): the command reads it again from here,
    # not from the file, so a run loads and checks its config once
    config: Any = None

    def summary(self) -> str:
        lines = accounting.summary_lines(self.sources, self.tables)
        return "\n".join(
            lines
            + [
                f"  {'warning' if n in self.warnings else 'note'}: {private_message(n)}"
                for n in self.notes
            ]
        )
