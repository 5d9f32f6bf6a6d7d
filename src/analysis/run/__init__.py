"""Stage 10, run: `analysis reproduce`, every stage in order for several regions at once.

Owns the flow (`pipeline`), what changed since the last run (`stamps`), seconds per phase
(`runlog`), the pool of notebook workers (`execute`) and their warm kernels (`kernels`).
May import: every stage below it; only `cli` and `bench` import it.
"""
