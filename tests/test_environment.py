"""pyproject.toml, the hash-checked locks, environment.yml and the Binder files agree.

A conda user, a Binder visitor and a `make install` user must get the same direct
dependencies at the same versions; every third-party import must be declared.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

LOCK_PYTHONS = ("311", "312", "313")  # the README's supported Python versions, 3.11 to 3.13
# Import name -> distribution name where they differ (phonenumberslite installs `phonenumbers`).
IMPORT_TO_DIST = {
    "yaml": "pyyaml",
    "python_calamine": "python-calamine",
    "phonenumbers": "phonenumberslite",
    "pandera": "pandera",
    "PIL": "pillow",
}
# Imported only by the tests (dev extra) or only by an optional extra.
TEST_ONLY = {"pytest", "hypothesis", "frictionless"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _project(root: Path) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def _direct(root: Path) -> list[str]:
    py = _project(root)["project"]
    extras = py["optional-dependencies"]
    return py["dependencies"] + extras["dev"] + extras["spss"] + extras["lab"]


def _floor(spec: str) -> str | None:
    m = re.search(r">=\s*([0-9][^,;\s]*)", spec)
    return m.group(1) if m else None


def _lock_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _env(root: Path) -> tuple[dict[str, str], list[str]]:
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    conda: dict[str, str] = {}
    pip: list[str] = []
    for d in env["dependencies"]:
        if isinstance(d, dict):
            pip += d["pip"]
        else:
            conda[_name(d)] = d
    return conda, pip


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def test_environment_and_pyproject_name_the_same_dependencies(root: Path) -> None:
    conda, pip = _env(root)
    named = (set(conda) - {"python", "pip"}) | {_name(p) for p in pip}
    assert named == {_name(d) for d in _direct(root)}


def test_environment_pins_the_python311_lock_versions(root: Path) -> None:
    lock = _lock_pins(root / "requirements" / "lock-py311.txt")
    conda, pip = _env(root)
    specs = [s for n, s in conda.items() if n not in ("python", "pip")] + pip
    for spec in specs:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", spec.strip())
        assert m, f"environment.yml: {spec!r} is not an exact (==) pin"
        assert lock[_name(m.group(1))] == m.group(2), spec
    assert "python=3.11" in conda["python"]


def test_environment_has_no_local_pip_install_and_postbuild_installs(root: Path) -> None:
    # repo2docker installs environment.yml before the repository is copied into the image.
    _, pip = _env(root)
    assert not [p for p in pip if p.strip().startswith(("-e", ".", "/", "file:"))]
    post = (root / "postBuild").read_text(encoding="utf-8")
    assert post.startswith("#!/bin/bash") and "set -e" in post
    assert re.search(r"pip install[^\n]*-e \.", post)
    assert "config/regions/*.yml" in post and "analysis clean --region" in post


@pytest.mark.parametrize("pyver", LOCK_PYTHONS)
def test_lock_pins_every_direct_dependency_with_hashes(root: Path, pyver: str) -> None:
    path = root / "requirements" / f"lock-py{pyver}.txt"
    text = path.read_text(encoding="utf-8")
    pins = _lock_pins(path)
    for dep in _direct(root):
        assert _name(dep) in pins, f"{path.name} does not pin {dep}"
        floor = _floor(dep)
        if floor:  # a floor above the locked version would be a floor nobody tested
            assert _version_tuple(floor) <= _version_tuple(pins[_name(dep)]), dep
    # every requirement line carries at least one hash (pip --require-hashes needs them all)
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
    reqs = [b for b in blocks if re.match(r"[A-Za-z0-9_.-]+==", b)]
    assert len(reqs) == len(pins) > 50
    assert all("--hash=sha256:" in b for b in reqs)


def test_makefile_installs_the_matching_lock_with_hashes(root: Path) -> None:
    mk = (root / "Makefile").read_text(encoding="utf-8")
    script = (root / "scripts/install.sh").read_text(encoding="utf-8")
    assert "scripts/install.sh" in mk
    # uv and pip alike install the hash-checked lock of the venv's own Python
    assert script.count('--require-hashes -r "$lock"') == 2
    assert "lock=requirements/lock-py$v.txt" in script
    assert "LOCK_PYTHONS := " + " ".join(f"{p[0]}.{p[1:]}" for p in LOCK_PYTHONS) in mk


def test_build_backend_is_pinned(root: Path) -> None:
    requires = _project(root)["build-system"]["requires"]
    assert requires and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9.]+", r) for r in requires)


def test_pandera_floor_has_the_module_the_code_imports(root: Path) -> None:
    spec = next(d for d in _project(root)["project"]["dependencies"] if _name(d) == "pandera")
    assert _version_tuple(_floor(spec) or "0") >= (0, 24)  # pandera.pandas first shipped in 0.24


def _imports(files: list[Path]) -> set[str]:
    names: set[str] = set()
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_every_third_party_import_is_declared(root: Path) -> None:
    files = [*(root / "src").rglob("*.py"), *(root / "scripts").rglob("*.py")]
    tests = list((root / "tests").glob("*.py"))
    py = _project(root)["project"]
    # package code may import the optional extras only behind a clear message (export.py)
    declared = {_name(d) for d in py["dependencies"] + py["optional-dependencies"]["spss"]}
    dev = {_name(d) for d in _direct(root)}
    local = {"analysis", "conftest"} | {f.stem for f in tests}
    local |= {f.parent.name for f in (root / "scripts").rglob("__init__.py")}  # script packages
    local |= {f.stem for f in (root / "scripts").rglob("*.py")}
    dists = metadata.packages_distributions()
    for imports, allowed in ((_imports(files), declared), (_imports(tests), dev)):
        for mod in sorted(imports - set(sys.stdlib_module_names) - local):
            dist = IMPORT_TO_DIST.get(mod) or _name((dists.get(mod) or [mod])[0])
            if mod in TEST_ONLY and allowed is declared:
                raise AssertionError(f"{mod} is a test dependency imported by package code")
            assert dist in allowed, f"`import {mod}` ({dist}) is not declared in pyproject.toml"


def test_citation_cff_structure(root: Path) -> None:
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "type", "version", "license", "repository-code"):
        assert cff.get(key), key
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}  # code and data
    assert "OWNER/REPOSITORY" in cff["repository-code"]  # the placeholder stays visible
    assert "PLACEHOLDER" in (root / "CITATION.cff").read_text(encoding="utf-8")
    thesis = [r for r in cff["references"] if r["type"] == "thesis"]
    assert len(thesis) == 1 and "MiChat" in thesis[0]["title"] and thesis[0]["authors"]
    assert all(set(a) == {"name"} for a in thesis[0]["authors"])  # no invented person names


def test_ci_workflow_and_pre_commit(root: Path) -> None:
    wf = yaml.safe_load((root / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert "bash .ci/run" in steps and "make lint" in steps
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {h["id"] for r in hooks["repos"] for h in r["hooks"]}
    assert {"ruff", "ruff-format", "nbstripout"} <= ids
    ruff_rev = next(r["rev"] for r in hooks["repos"] if "ruff" in r["repo"])
    assert ruff_rev == "v" + _lock_pins(root / "requirements" / "lock-py311.txt")["ruff"]
