"""Stage 6, clean: sheets into the six processed tables, with every lost row accounted for.

Owns the flow of `analysis clean` (`flow`), bad cells and exact repeats (`sheetchecks`), one
cleaner per record kind (`outreach`, `cases`, `interviews`, listed by `kinds` from the
registry in `analysis.kinds`) built on the shared field normalisers (`common`), the schema
contract (`contract` in plain pandas; pandera in `validate` when a table breaks it; schemas
in `analysis.schemas`), the row accounting (`accounting`), pseudonyms and public rejects
(`shareable`) and the run's result (`result`).
May import: the top-level words, `values`, `privacy`, `region`, `read`, `store`.
"""
