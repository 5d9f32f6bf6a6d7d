"""Warm kernels: a notebook run after another in the same kernel sees a fresh kernel."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis.run.execute import WORKERS_VAR, NotebookPool, notebook_workers
from analysis.run.notebook_job import Job

LEAKY = """
import os, warnings
import matplotlib as mpl
import matplotlib.pyplot as plt
leaked = 42
mpl.rcParams["lines.linewidth"] = 9.5
os.environ["LEAKED"] = "1"
os.chdir("/")
warnings.simplefilter("error")
plt.figure()
print(os.getpid())
"""

CHECK = """
import os, warnings
import matplotlib as mpl
import matplotlib.pyplot as plt
assert "leaked" not in globals()
assert mpl.rcParams["lines.linewidth"] != 9.5
assert "LEAKED" not in os.environ
assert os.getcwd() == {cwd!r}, os.getcwd()
assert os.environ["ANALYSIS_REPORT_DIR"] == {report!r}
assert plt.get_fignums() == []
warnings.warn("only shown, not raised")
assert not [k for k in globals() if k.startswith("kernel_")]
print(os.getpid())
"""


def _notebook(path: Path, *sources: str) -> str:
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return str(path)


def test_a_reused_kernel_is_reset_between_notebooks(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    jobs = []
    for name, code, report in (("a", LEAKY, "out-a"), ("b", CHECK, "out-b"), ("c", CHECK, "out-c")):
        nb = _notebook(
            src / f"{name}.ipynb", code.format(cwd=str(tmp_path), report=report), "1 + 1"
        )
        stage = tmp_path / report
        (stage / "notebooks").mkdir(parents=True)
        dst = str(stage / "notebooks" / f"{name}.ipynb")
        jobs.append(Job(nb, dst, {"lang": "en"}, str(tmp_path), report, name))
    with NotebookPool(workers=1, cwd=tmp_path) as pool:  # one worker: one kernel for all three
        results = pool.run(jobs)
    assert [err for _, _, err, _ in results] == [None, None, None]
    pids, counts = [], []
    for job in jobs:
        nb = json.loads(Path(job.dst).read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]  # papermill's cell first
        assert "injected-parameters" in code[0]["metadata"]["tags"]
        out = next(o["text"] for o in code[1]["outputs"] if o.get("name") == "stdout")
        pids.append("".join(out).strip())
        counts.append([c["execution_count"] for c in code])
        results_out = [
            o for c in code for o in c["outputs"] if o["output_type"] == "execute_result"
        ]
        assert [o["execution_count"] for o in results_out] == [3]  # as in a fresh kernel
        assert (Path(job.dst).parent.parent / "html" / f"{job.label}.html").exists()
    assert len(set(pids)) == 1, "the three notebooks did not share one kernel"
    assert counts == [[1, 2, 3]] * 3


def test_notebook_workers_default_to_two_or_the_cores_and_follow_the_variable(monkeypatch) -> None:
    monkeypatch.delenv(WORKERS_VAR, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert notebook_workers() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert notebook_workers() == 2
    monkeypatch.setenv(WORKERS_VAR, " 3 ")
    assert notebook_workers() == 3


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_worker_count_is_one_line_naming_the_variable(
    value: str, root: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from analysis.cli import main

    for sub in ("config", "data/raw/kupang"):
        shutil.copytree(root / sub, tmp_path / sub)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    monkeypatch.setenv(WORKERS_VAR, value)
    assert main(["reproduce", "--region", "kupang"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {WORKERS_VAR}={value!r}: give a whole number of workers, 1 or more"
    assert not (tmp_path / "reports").exists() and not (tmp_path / "data/processed").exists()
