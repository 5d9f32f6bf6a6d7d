"""Stage 8, report: what the notebooks show and the reviewer's copy is built from.

Owns summaries of the tables (`summaries`), small-sample statistics (`stats`), inter-coder
agreement (`agreement`), small-cell suppression (`suppression`), figures (`plots`), report
tables (`tables`), notebook support (`nbsupport`), HTML rendering (`render`), the front pages
(`frontpage`), the codebook pages (`codebook_pages`) and the comparison of regions
(`compare`).
May import: every stage up to `claims`.
"""
