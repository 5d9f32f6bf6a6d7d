"""`make bench`: performance ratios against floors measured in the same run.

Every figure is the median of several alternating runs of a floor (pyarrow or calamine
just reading the file, or notebooks that only import the stack) and the subject, each in
a fresh interpreter, so the figures travel between machines and the spread shows how far
one run can be trusted. Nothing here is a test: it prints and writes build/bench.json.
"""
