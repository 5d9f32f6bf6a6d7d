"""Shared fixtures. Tests never write into the repository: anything generated goes to tmp."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "reconstruct_kupang.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="tests/test_site.py also saves full-page screenshots of every page at both "
        "widths to build/screenshots/site/ (`make screenshots`)",
    )


# The files that take longest (each renders a region or runs many commands) are handed to the
# pytest-xdist workers first, so that no worker is left with one of them at the end while the
# others idle (longest first). A file not named here keeps its place after them.
LONGEST_FIRST = (
    "test_notebooks.py",
    "test_signals.py",
    "test_bad_input_suite.py",
    "test_privacy_adversarial.py",
    "test_place_names.py",
    "test_site.py",
    "test_contract.py",
    "test_scaffold.py",
    "test_bad_input_outputs.py",
    "test_student_path.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's order kept


def reconstruct(out: Path) -> Path:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True, text=True
    )
    return out


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway copy of config/ and data/raw/ to run the pipeline against."""
    dst = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "config", dst / "config")
    shutil.copytree(ROOT / "data" / "raw", dst / "data" / "raw")
    return dst


@pytest.fixture(scope="session")
def cleaned(project_copy: Path):
    """Kupang cleaned once into the throwaway copy; returns (root, Result)."""
    from analysis.clean.flow import clean_region

    return project_copy, clean_region("kupang", root=project_copy)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kupang rendered once, in both languages on one pool (`reproduce --lang en id`), into a
    throwaway copy of config/, notebooks/ and data/raw/. Tests only read it; a test that
    changes a project makes its own."""
    from analysis.run.pipeline import reproduce_many

    dst = tmp_path_factory.mktemp("rendered")
    for sub in ("config", "notebooks", "data/raw"):
        shutil.copytree(ROOT / sub, dst / sub)
    # two notebook workers, as a user's `make reproduce` runs them (make test sets one)
    assert reproduce_many(["kupang"], ["en", "id"], check=True, root=dst, workers=2) == 0
    return dst
