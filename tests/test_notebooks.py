"""Execute every notebook on the bundled data into a temporary project (no repository writes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.run.pipeline import reproduce

NOTEBOOKS = [
    "00_data_overview",
    "01_preemptive",
    "02_preventive",
    "03_repressive",
    "04_interviews",
    "05_findings",
    "06_regions",
]


def test_notebooks_are_the_source(root: Path) -> None:
    assert not (root / "scripts" / "make_notebooks.py").exists()
    assert sorted(p.stem for p in (root / "notebooks").glob("*.ipynb")) == NOTEBOOKS


def test_no_region_written_into_notebooks(root: Path) -> None:
    """Police force, city, platform and source come from the region config."""
    for name in NOTEBOOKS:
        body = (root / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        for word in ("Kupang", "Polda NTT", "MiChat", "michat", "NTT"):
            assert word not in body, (name, word)  # the default slug is lower case "kupang"


def _cells(root: Path, name: str) -> list[dict]:
    return json.loads((root / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_notebook_reads_as_a_document_before_it_runs(root: Path, name: str) -> None:
    """Opened in JupyterLab, a notebook starts with its title and what it shows, and every
    code cell after the parameters has a heading above it saying what it does."""
    cells = _cells(root, name)
    first = _source(cells[0])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# "), name
    assert len(first.split()) > 40, name  # a title and a paragraph, not a bare heading
    for before, cell in zip(cells, cells[1:], strict=False):
        if cell["cell_type"] == "code" and "parameters" not in cell["metadata"].get("tags", []):
            assert before["cell_type"] == "markdown", (name, _source(cell)[:60])
            assert _source(before).startswith("## "), (name, _source(before)[:60])
    for cell in cells:
        if cell["cell_type"] == "markdown":
            assert "narrative" in cell["metadata"].get("tags", []), (name, _source(cell)[:60])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_names_what_it_holds(root: Path, name: str) -> None:
    """No one-letter session or table names: `session = setup(...)`, `tables = session.tables`."""
    code = "\n".join(_source(c) for c in _cells(root, name) if c["cell_type"] == "code")
    assert "session = setup(" in code
    assert not re.findall(r"^\s*([A-Za-z]) = ", code, re.M), name
    assert not re.search(r"(?<![\w.\"'])[ST](?:\.|\[)", code), name


def test_narrative_cells_stay_out_of_both_languages_pages(tmp_path: Path) -> None:
    """The English notes a researcher reads in JupyterLab never reach the reviewer's pages:
    the Indonesian page shows no English prose, and no page shows the notes twice."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from analysis.report.render import render_notebook

    note = new_markdown_cell("# A heading for the researcher\n\nEnglish narrative only.")
    note.metadata["tags"] = ["narrative"]
    shown = new_code_cell("print('said in the page language')")
    shown.outputs = [new_output("stream", name="stdout", text="Kalimat untuk pembaca\n")]
    nb = new_notebook(cells=[note, shown])
    path = tmp_path / "notebooks" / "99_doc.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    for lang in ("en", "id"):
        pages = render_notebook(path, tmp_path / lang, lang)
        for page in pages[:2]:
            body = page.read_text(encoding="utf-8")
            assert "Kalimat untuk pembaca" in body, page.name
            assert "English narrative only" not in body and "for the researcher" not in body


def readme_figures(root: Path) -> dict[str, int]:
    """Notebook -> figures shown, from the README's list of outputs."""
    out = {}
    for line in (root / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|.*\| `(\d\d_\w+)` \| (\d+) \|$", line)
        if m:
            out[m[1]] = int(m[2])
    return out


def test_committed_html_shows_the_figures_the_readme_lists(root: Path) -> None:
    expected = readme_figures(root)
    assert sorted(expected) == NOTEBOOKS
    for sub in ("reports/kupang/html", "reports/kupang/id/html"):
        for name, n in expected.items():
            for suffix in (".html", ".code.html"):
                page = (root / sub / f"{name}{suffix}").read_text(encoding="utf-8")
                assert page.count("<img") == n, (sub, name, suffix)
                assert len(re.findall(r'<img[^>]+alt="[^"]{10,}"', page)) == n, (sub, name)


def test_source_notebooks_have_parameters_and_no_outputs(root: Path) -> None:
    for name in NOTEBOOKS:
        nb = json.loads((root / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1 and "lang" in "".join(tagged[0]["source"])
        assert all(
            not c.get("outputs") and not c.get("execution_count")
            for c in nb["cells"]
            if c["cell_type"] == "code"
        ), name


@pytest.mark.parametrize("lang", ["en", "id"])
def test_reproduce_runs_every_notebook(rendered: Path, lang: str, capsys) -> None:
    # `rendered` ran `reproduce --lang en id --check` and asserted it returned 0
    proj = rendered
    out = proj / "reports/kupang" / ("" if lang == "en" else lang)
    for name in NOTEBOOKS:
        assert (out / "notebooks" / f"{name}.ipynb").exists()
        page = (out / "html" / f"{name}.html").read_text(encoding="utf-8")
        # rendered with nbconvert's lab template, whose stylesheet is shared beside the pages
        assert "jp-Notebook" in page and '<link rel="stylesheet" href="notebook.css">' in page
        assert (out / "html" / "notebook.css").stat().st_size > 10_000
    assert (
        len(list((out / "figures").glob("*.png")))
        == len(list((out / "figures").glob("*.svg")))
        >= 10  # reports per year and modus are withheld for Kupang's five cases (k-anonymity)
    )
    assert (out / "tables" / "findings.xlsx").exists()
    findings = json.loads((proj / "reports/kupang/findings.json").read_text(encoding="utf-8"))
    # C7 (the modus) cannot be checked on the k-anonymous shared tables: withheld, not failed
    assert [f["reproduced"] for f in findings] == [True] * 6 + [False, True]
    assert findings[6]["id"] == "C7" and findings[6]["withheld"] == ["modus"]
    _check_content(out, findings, lang)
    for page in (out / "html").glob("*.html"):  # figures inline, as many as the README says
        n = readme_figures(Path(__file__).resolve().parents[1])[page.name.split(".")[0]]
        assert page.read_text(encoding="utf-8").count("<img") == n, page.name
    for nb in (out / "notebooks").glob("*.ipynb"):  # clean outputs, no machine paths
        body = nb.read_text(encoding="utf-8")
        assert "Warning" not in body and "Traceback" not in body and str(proj) not in body, nb.name
    text = (out / "html" / "05_findings.html").read_text(encoding="utf-8")
    assert ("Tereproduksi" if lang == "id" else "Reproduced") in text
    # nothing changed: the second run is a no-op
    capsys.readouterr()
    assert reproduce("kupang", lang=lang, check=True, root=proj) == 0
    assert "nothing changed" in capsys.readouterr().out
    # ... and the command line answers it with the standard library only (no pandas & co.)
    probe = (
        "import sys\nfrom analysis.cli import main\n"
        f"code = main(['reproduce', '--region', 'kupang', '--lang', {lang!r}, '--check'])\n"
        "heavy = {'pandas', 'numpy', 'pyarrow', 'matplotlib', 'papermill', 'yaml', 'pandera'}\n"
        "print(code, sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    env = {**os.environ, "ANALYSIS_ROOT": str(proj)}
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=proj
    )
    assert "nothing changed" in run.stdout and run.stdout.splitlines()[-1] == "0 []", run


def _check_content(out: Path, findings: list[dict], lang: str) -> None:
    """What a fresh run must show, whatever its bytes: each page titled in its language and
    none in the other; the findings table agreeing with findings.json claim by claim."""
    import pandas as pd

    from analysis.labels import t

    other = "id" if lang == "en" else "en"
    for name in NOTEBOOKS:
        page = (out / "html" / f"{name}.html").read_text(encoding="utf-8")
        key = f"nb{name[:2]}_title"
        title = re.search(r"<h1[^>]*>(.*?)<", page)
        assert title and title[1].strip() == t(key, lang), (name, title)
        assert f">{t(key, other)}<" not in page or t(key, other) == t(key, lang), name
    table = pd.read_csv(out / "tables" / "findings.csv", dtype=str, keep_default_na=False)
    assert table.iloc[:, 0].tolist() == [f["id"] for f in findings]
    verdict = {True: t("yes", lang), False: t("no", lang), None: t("withheld", lang)}
    said = [None if f.get("withheld") else f["reproduced"] for f in findings]
    assert table.iloc[:, 5].tolist() == [verdict[v] for v in said]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden_committed_reports_equal_a_fresh_run(rendered: Path, lang: str) -> None:
    """CHANGE DETECTOR, not a check of correctness: the committed reviewer copy (pages and
    tables) must be byte for byte what a fresh run writes. It fails on any change, right or
    wrong; after an intended change, run `make reproduce` and commit reports/. What the pages
    must say is checked by content in test_reproduce_runs_every_notebook."""
    fresh = rendered / "reports/kupang"  # `rendered` ran reproduce --lang en id --check
    committed = Path(__file__).resolve().parents[1] / "reports/kupang"
    sub = "" if lang == "en" else lang
    files = [*(fresh / sub / "tables").glob("*.csv"), *(fresh / sub / "html").glob("*.html")]
    for f in sorted([*files, fresh / "findings.json"]):
        rel = f.relative_to(fresh)
        assert f.read_bytes() == (committed / rel).read_bytes(), f"{rel} changed: make reproduce"


def test_failing_notebook_is_named_and_previous_reports_stay(
    tmp_path: Path, root: Path, capsys
) -> None:
    """Only the broken notebook is in the project, so the run fails without executing the
    other six first; the previous reports (the committed copy) must stay as they were."""
    proj = tmp_path
    for sub in ("config", "data/raw", "reports/kupang"):
        shutil.copytree(root / sub, proj / sub)
    before = {p: p.read_bytes() for p in sorted((proj / "reports").rglob("*")) if p.is_file()}
    nb = json.loads((root / "notebooks/03_repressive.ipynb").read_text(encoding="utf-8"))
    nb["cells"][3]["source"] = "raise ValueError('broken on purpose')"
    (proj / "notebooks").mkdir()
    (proj / "notebooks/03_repressive.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert reproduce("kupang", lang="en", root=proj) == 1
    out = capsys.readouterr().out
    assert (
        "notebook 03_repressive failed in cell 3 (counting from 0)" in out
        and "broken on purpose" in out
    )
    after = {p: p.read_bytes() for p in sorted((proj / "reports").rglob("*")) if p.is_file()}
    assert after == before
    assert not list((proj / "reports").glob(".*staging"))


def test_formula_injection_is_escaped(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    from analysis.report.tables import save_table

    save_table(pd.DataFrame({"a": ['=HYPERLINK("x")', "+1", "ok"]}), tmp_path, "t")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [ws.cell(row=r, column=1).value for r in (2, 3, 4)] == ['\'=HYPERLINK("x")', "'+1", "ok"]
    assert (tmp_path / "t.csv").read_text().splitlines()[1].startswith("\"'=HYPERLINK")


def test_region_without_interviews_says_so_and_goes_on(root: Path, tmp_path: Path) -> None:
    """Empty interview tables: notebook 04 runs, says there are none, and shows no figure."""
    import pandas as pd
    import papermill as pm

    from analysis.clean.flow import clean_region

    proj = tmp_path / "proj"
    for sub in ("config", "notebooks", "data/raw"):
        shutil.copytree(root / sub, proj / sub)
    clean_region("kupang", root=proj)
    processed = proj / "data/processed/kupang"
    for name in ("informants", "interview_segments", "segment_codes"):
        df = pd.read_parquet(processed / f"{name}.parquet")
        df.iloc[0:0].to_parquet(processed / f"{name}.parquet")
    out = tmp_path / "04.ipynb"
    pm.execute_notebook(
        str(proj / "notebooks/04_interviews.ipynb"),
        str(out),
        parameters={
            "region": "kupang",
            "lang": "id",
            "root": str(proj),
            "report_dir": str(tmp_path / "rep"),
        },
        kernel_name="python3",
        progress_bar=False,
    )
    body = out.read_text(encoding="utf-8")
    assert "belum memiliki catatan wawancara" in body and "image/png" not in body


@pytest.mark.parametrize("region", ["kupang", "depok"])
def test_band_captions_name_the_claim_that_states_the_band(root: Path, region: str) -> None:
    """A shaded band is explained by the claim that states it, and only where one does
    (Depok's source is a news report with no monthly range: no band, no band sentence)."""
    from analysis.labels import t
    from analysis.region.config import load_region
    from analysis.report.summaries import band_claim

    cfg = load_region(region, root)
    for page, activity in (
        ("01_preemptive", "legal_education"),
        ("02_preventive", "lodging_inspection"),
    ):
        stated = band_claim(cfg, activity)
        for lang, folder in (("en", ""), ("id", "id")):
            html = (root / "reports" / region / folder / "html" / f"{page}.html").read_text(
                encoding="utf-8"
            )
            sentence = " ".join(t("cap_band", lang).split()[:3])  # "The shaded band"
            if stated:
                assert t("cap_band", lang).format(claim=stated[0]) in html, (page, lang)
            else:
                assert sentence not in html, (page, lang)
