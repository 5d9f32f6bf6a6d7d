"""Stage 9, interop: the processed tables handed to other tools.

Owns `analysis export` for Stata, SPSS and R (`export`) and `analysis export-qdpx`, a
REFI-QDA project for QualCoder, NVivo, ATLAS.ti or MAXQDA (`qdpx`).
May import: every stage up to `report`.
"""
