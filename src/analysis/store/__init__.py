"""Stage 5, store: the processed folder every later stage reads.

Owns atomic writes, the swap into `data/processed/<slug>/`, recovery after an interrupted
run, the manifest and `load_tables` (`processed`), and `datapackage.json`, the codebook of
the stored tables (`codebook`). Every file passes the privacy gate before it is installed.
May import: the top-level words, `values`, `privacy`, `region`, `read`.
"""
