"""The record kinds, in the order a run reads and cleans them: the one list to extend.

Adding a kind: its declaration module beside this one (a `Kind`, see `model`), its cleaner
(`analysis.clean.<kind>`, `clean(ctx) -> Tables`), one entry here, and its notebook. Every
table name, column list, key and coded column the other layers use is derived from this
list (`analysis.kinds.tables`), and so is the list of cleaners (`analysis.clean.kinds`).
"""

from __future__ import annotations

from analysis.kinds import cases, interviews, outreach
from analysis.kinds.model import Kind

KINDS: tuple[Kind, ...] = (outreach.KIND, cases.KIND, interviews.KIND)
