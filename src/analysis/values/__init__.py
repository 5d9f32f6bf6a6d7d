"""Stage 1, values: reading one cell's value, whatever file it came from.

Owns Indonesian dates (reader and writer, `dates`), counts, ranges, report numbers,
statutes and ages (`normalise`), label aliases, agencies and districts (`lookup`), and the
caps on what any input may hold (`limits`).
May import: the top-level words (`vocab`, `kinds`, `errors`, `paths`, `labels`, `schemas`).
"""
