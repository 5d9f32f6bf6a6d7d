"""Deterministic reconstructions of a region's raw field files from an invented story.

`common` holds what any region needs (planted-problem bookkeeping, field dates, workbook
writing), the generators are split by record kind (`outreach`, `cases`, `interviews`), the
story itself is data under `story/`, and `kupang` ties them together for Kota Kupang.
"""
