"""Stage 7, claims: the region's claims evaluated on the processed tables.

Owns computing aggregates over filters and periods (`evaluate`), checking each claim and
formatting the findings (`findings`), and saying a claim in plain words (`text`). The
language claims are written in belongs to the config: `analysis.region.claims`.
May import: every stage up to `clean`.
"""
