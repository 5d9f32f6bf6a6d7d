"""`make install` says what it installs and hides pip's noise in a log it names on failure;
`make lab` works as root; a notebook run by hand writes to build/lab/, never reports/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

FAKE_PYTHON = """#!/bin/sh
case "$*" in
  *sys.version_info*) echo 311 ;;
  *platform.python_version*) echo 3.11.7 ;;
  *) echo "Collecting something (pip noise)"; echo "ERROR: the registry cannot be reached"; exit 1 ;;
esac
"""


def test_install_names_what_it_installs_and_the_log_when_it_fails(
    tmp_path: Path, root: Path
) -> None:
    (tmp_path / "requirements").mkdir()
    shutil.copy(root / "requirements/lock-py311.txt", tmp_path / "requirements")
    venv = tmp_path / ".venv/bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(FAKE_PYTHON, encoding="utf-8")
    (venv / "python").chmod(0o755)
    run = subprocess.run(
        ["sh", str(root / "scripts/install.sh"), "python3", ".venv", "0.13.9"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},  # no uv on PATH: fetched, fails
    )
    lines = run.stdout.splitlines()
    lock = (root / "requirements/lock-py311.txt").read_text(encoding="utf-8")
    pinned = len(re.findall(r"^[A-Za-z0-9_.-]+==", lock, re.M))
    assert lines[0].startswith(
        f"install: {pinned} pinned packages for Python 3.11.7 from requirements/lock-py311.txt "
        "(hashes checked) into .venv with uv 0.13.9;"
    )
    assert "log: build/install.log" in lines[0]
    assert "falling back to pip" in run.stdout  # uv could not be had: pip is tried
    assert "pip noise" not in run.stdout  # pip's own lines go to the log ...
    assert run.returncode == 1 and "install FAILED" in run.stderr
    assert "pip could not install requirements/lock-py311.txt" in run.stderr
    assert "build/install.log" in run.stderr and "the registry cannot be reached" in run.stderr
    assert "pip noise" in (tmp_path / "build/install.log").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_passes_allow_root_only_to_root(tmp_path: Path, root: Path) -> None:
    stamp = tmp_path / "stamp"
    stamp.write_text("", encoding="utf-8")
    run = subprocess.run(
        ["make", "-n", "-s", "-C", str(root), "lab", f"STAMP={stamp}", "REGIONS="],
        capture_output=True,
        text=True,
        check=True,
    )
    shown = run.stdout.replace("\\\n", " ")  # the recipe continues over two lines
    lab = next(ln for ln in shown.splitlines() if "jupyter lab" in ln)
    assert "--LabApp.default_url=/lab/tree/notebooks" in lab  # opens on the notebooks
    assert ("--allow-root" in lab) == (os.getuid() == 0)


def test_a_notebook_run_by_hand_writes_to_build_lab(cleaned, monkeypatch) -> None:
    from analysis.report.nbsupport import setup

    base, _ = cleaned
    monkeypatch.delenv("ANALYSIS_REPORT_DIR", raising=False)  # not under reproduce
    for lang, out in (("en", "build/lab/kupang"), ("id", "build/lab/kupang/id")):
        session = setup("kupang", lang, root=str(base))
        assert session.out == base / out
    monkeypatch.setenv("ANALYSIS_REPORT_DIR", str(base / "staging"))  # reproduce sets it
    assert setup("kupang", "id", root=str(base)).out == base / "staging"
