"""Stage 2, privacy: what may leave the researcher's machine, decided in one place.

Owns scrubbing free text (`scrubbing`, with `patterns` and known-name matching in `names`),
the messages that show or withhold raw values (`messages`), the identifier detector
(`detectors`), the gate every generated file passes (`gate`) and the git-ignored private
folder with its key of real names (`private`).
May import: the top-level words (`vocab`, `kinds`, `errors`, `paths`, `labels`, `schemas`)
and `values`.
"""
