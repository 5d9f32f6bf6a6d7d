"""`make lint` as a test, so CI enforces it: ruff check and format over code and notebooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TARGETS = ["src", "tests", "scripts", "notebooks"]


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(root: Path, args: list[str]) -> None:
    ruff = Path(sys.executable).with_name("ruff")
    cmd = [str(ruff) if ruff.exists() else "ruff", *args, *TARGETS]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_makefile_lint_covers_the_notebooks(root: Path) -> None:
    make = (root / "Makefile").read_text(encoding="utf-8")
    for line in ("ruff check " + " ".join(TARGETS), "ruff format --check " + " ".join(TARGETS)):
        assert line in make, line
