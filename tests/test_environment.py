"""environment.yml (conda route) and pyproject.toml must name the same direct dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_and_pyproject_agree(root: Path) -> None:
    py = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(d) for d in py["dependencies"]} | {
        _name(d) for d in py["optional-dependencies"]["dev"]
    }
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == declared
    pip_part = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip_part  # Binder installs the package itself


def test_lock_pins_every_direct_dependency(root: Path) -> None:
    py = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = (root / "requirements-lock.txt").read_text(encoding="utf-8").lower()
    pinned = {line.split("==")[0].replace("_", "-") for line in lock.splitlines() if "==" in line}
    for dep in py["dependencies"] + py["optional-dependencies"]["dev"]:
        assert _name(dep).replace("_", "-") in pinned, dep
