"""Stage 4, read: raw files into sheets, safely, with Excel row numbers.

Owns the choice of reader (`files`), the sheet record and header helpers (`sheet`), the
.xlsx and CSV readers (`xlsxfile`, `csvfile`), REFI-QDA projects (`qdpx/`), which table a
sheet feeds (`routing`) and the raw folder's checksums (`rawdata`).
May import: the top-level words, `values`, `privacy`, `region`.
"""
