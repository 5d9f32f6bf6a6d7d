"""Layer 0, kinds: every record kind declared once, with everything about its tables.

Owns the declaration of a kind (`model`: `Kind`, `Table`, the column contract `Col`, the
provenance and reject columns), one module per kind (`outreach`, `cases`, `interviews`),
the one ordered list of kinds (`registry`) and the views every layer reads (`tables`:
table names, columns, required input, keys, coded columns...).
May import: `vocab` (the taxonomies a kind's coded columns hold) and nothing else; the
cleaner of a kind is named by its dotted path and imported by `analysis.clean.kinds`.
"""
