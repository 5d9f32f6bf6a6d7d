"""`make reproduce`: one failing region does not stop the others, and the target still fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_failing_region_does_not_stop_the_next(tmp_path: Path, root: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    fake = bin_dir / "analysis"
    # a stand-in for the real command: region 'broken' fails, every call is logged
    fake.write_text(
        f'#!/bin/sh\necho "$*" >> {log}\ncase "$*" in *"--region broken"*) exit 1;; esac\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.write_text("", encoding="utf-8")
    run = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(root),
            "reproduce",
            f"BIN={bin_dir}",
            f"STAMP={stamp}",
            "REGIONS=broken fine",
        ],
        capture_output=True,
        text=True,
    )
    calls = log.read_text(encoding="utf-8").splitlines()
    assert run.returncode != 0
    assert any("--region fine --lang en" in c for c in calls)
    assert any("--region fine --lang id" in c for c in calls)
    assert "reproduce FAILED for: broken(en) broken(id)" in run.stderr
