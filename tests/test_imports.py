"""A command pays only for what it uses: `validate` and `findings` run in a fresh interpreter
and the modules they imported are listed (what a student waits for after every edit)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = (
    "import json, sys\n"
    "from analysis.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps([code, sorted(sys.modules)]))\n"
)
# stacks no reading, cleaning or checking of tables needs
NEVER = {"hypothesis", "matplotlib", "seaborn", "statsmodels", "scipy", "papermill", "nbformat"}
NEVER |= {"nbconvert", "jupyter_client", "IPython", "openpyxl", "pyreadstat", "frictionless"}


def _imported(proj: Path, *args: str) -> tuple[int, set[str], set[str]]:
    """Run `analysis ARGS` in a fresh interpreter: exit code, top-level packages and the
    analysis modules it imported."""
    env = {**os.environ, "ANALYSIS_ROOT": str(proj)}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, cwd=proj
    )
    assert run.returncode == 0, run.stderr
    code, modules = json.loads(run.stdout.splitlines()[-1])
    return (
        code,
        {m.split(".")[0] for m in modules},
        {m for m in modules if m.startswith("analysis")},
    )


@pytest.fixture(scope="module")
def proj(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    d = tmp_path_factory.mktemp("imports")
    for sub in ("config", "data/raw/kupang"):
        shutil.copytree(root / sub, d / sub)
    return d


def test_validate_imports_no_plotting_notebook_export_pandera_or_pydantic(proj: Path) -> None:
    (proj / "build/config-checks/kupang.yml.sha256").unlink(missing_ok=True)
    code, top, _ = _imported(proj, "validate", "--region", "kupang")
    assert code == 0
    assert "pydantic" in top  # the config's key types checked, and the pass recorded
    code, top, ours = _imported(proj, "validate", "--region", "kupang")
    assert code == 0
    assert "pandas" in top and "analysis.clean.contract" in ours  # it does check the tables
    # every table meets its contract: pandera (with pydantic and typeguard) is not needed,
    # the config text passed its key-type check on the first run, and no free text holds
    # the nine digits a phone number needs (phonenumbers is asked only then)
    assert top & (NEVER | {"pandera", "pydantic", "typeguard", "phonenumbers"}) == set()
    # the codebook, the privacy gate's detectors and every later stage are for writing
    later = ("analysis.store.codebook", "analysis.privacy.gate", "analysis.report")
    assert [m for m in ours if m.startswith(later + ("analysis.interop", "analysis.run."))] == []


def test_findings_imports_no_pandera(proj: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "analysis", "clean", "--region", "kupang"],
        env={**os.environ, "ANALYSIS_ROOT": str(proj)},
        cwd=proj,
        check=True,
        capture_output=True,
    )
    code, top, ours = _imported(proj, "findings", "--region", "kupang", "--check")
    assert code == 0  # every claim reproduced
    # pydantic neither: `clean` recorded that this config text passed the key-type check
    assert (proj / "build/config-checks/kupang.yml.sha256").is_file()
    assert top & (NEVER | {"pandera", "phonenumbers", "pydantic"}) == set()
    assert "analysis.clean.flow" not in ours and "analysis.privacy.gate" not in ours


def test_pandera_loads_without_hypothesis_and_hypothesis_still_imports_after() -> None:
    """The guard in `schemas.import_pandera` blocks hypothesis only while pandera loads."""
    probe = (
        "import sys\n"
        "from analysis.schemas import SCHEMAS\n"
        "loaded = 'hypothesis' in sys.modules\n"
        "import pandera.strategies.base_strategies as b\n"
        "import hypothesis.strategies\n"
        "print(loaded, b.HAS_HYPOTHESIS, len(SCHEMAS))\n"
    )
    assert probe_lines(probe)[0].split() == ["False", "False", "6"]


def probe_lines(probe: str) -> list[str]:
    """What a fresh Python prints running `probe` (nothing imported before it), by line."""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


@pytest.mark.parametrize("n", [1, 2, 5, 7, 40, 544, 3000])
def test_the_share_interval_findings_computes_without_scipy_is_statsmodels_exact_one(
    n: int,
) -> None:
    from statsmodels.stats.proportion import proportion_confint

    from analysis.claims.text import share_interval

    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        want = proportion_confint(k, n, alpha=0.05, method="beta")
        got = share_interval(k, n)
        assert got == pytest.approx(want, abs=1e-12), (k, n)
