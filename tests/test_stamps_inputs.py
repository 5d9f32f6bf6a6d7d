"""What `reproduce`'s up-to-date check counts as code: the whole package, not one folder.

The threat: after the package was laid out in stage folders, the check hashed only the
folder of `run/stamps.py`, so a change to the cleaning, the claims or the codebook's words
left every report "up to date" and the committed copy stale.
"""

from __future__ import annotations

from analysis.run.stamps import code_files


def test_every_stage_folder_and_the_package_data_are_code() -> None:
    rel = {p.as_posix().split("/src/analysis/", 1)[-1] for p in code_files()}
    for part in (
        "vocab.py",
        "schemas.py",
        "kinds/registry.py",
        "clean/flow.py",
        "region/codes.py",
        "claims/findings.py",
        "report/stats.py",
        "run/stamps.py",
        "aliases/codebook.csv",
        "aliases/labels.csv",
    ):
        assert part in rel, part
