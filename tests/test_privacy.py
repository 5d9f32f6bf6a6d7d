"""Nothing that identifies a person may reach data/processed/ or reports/."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from analysis.privacy.detectors import PATTERNS, find_identifiers
from analysis.privacy.scrubbing import scrub


def _texts(folder: Path):
    for p in sorted(folder.rglob("*")):
        if p.suffix == ".svg":  # path coordinates look like digits; scan only the text runs
            yield (
                p,
                "\n".join(re.findall(r"<text[^>]*>([^<]*)</text>", p.read_text(encoding="utf-8"))),
            )
        elif p.suffix == ".html":  # page styles and scripts are not data; images are base64
            html = p.read_text(encoding="utf-8")
            html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
            yield p, re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", " ", html)
        elif p.suffix == ".ipynb":
            yield p, _notebook_text(p)
        elif p.suffix in (".csv", ".json", ".md"):
            yield p, p.read_text(encoding="utf-8", errors="replace")
        elif p.suffix == ".parquet":
            yield p, pd.read_parquet(p).to_csv(index=False)
        elif p.suffix == ".xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(p, read_only=True)
            yield (
                p,
                "\n".join(
                    str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row
                ),
            )


def _notebook_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", [])))
            for mime, data in out.get("data", {}).items():
                if mime.startswith("text/"):
                    parts.append("".join(data))
    return "\n".join(parts)


def _planted(root: Path) -> list[tuple[str, str]]:
    with (root / "data/raw/kupang/planted_identifiers.csv").open(encoding="utf-8") as fh:
        return [(r["kind"], r["value"]) for r in csv.DictReader(fh)]


def _scan(folder: Path, planted) -> list[str]:
    problems = []
    for path, text in _texts(folder):
        for kind, value in planted:
            if kind == "age_text":
                continue  # checked through the minor_age pattern and age bands instead
            if value.lower() in text.lower():
                problems.append(f"{path}: planted {kind} {value!r}")
        for kind, rx in PATTERNS.items():
            for m in rx.finditer(text):
                problems.append(f"{path}: {kind} pattern {m.group(0)!r}")
    return problems


def test_processed_data_holds_no_identifier(cleaned, root: Path) -> None:
    proj, _ = cleaned
    planted = _planted(root)
    assert len(planted) > 20
    assert _scan(proj / "data/processed", planted) == []


def test_committed_reports_hold_no_identifier(root: Path) -> None:
    assert _scan(root / "reports", _planted(root)) == []


def test_scrubbing_left_typed_placeholders(cleaned) -> None:
    _, result = cleaned
    notes = " ".join(result.tables["outreach"]["notes"].dropna())
    assert "[TELEPON]" in notes and "[AKUN]" in notes and "[NIK]" in notes
    text = " ".join(result.tables["interview_segments"]["text"])
    assert "[NAMA]" in text
    assert "[ALAMAT]" in " ".join(result.tables["case_stages"]["notes"].dropna())


def test_ages_are_bands_and_ids_are_pseudonyms(cleaned) -> None:
    _, result = cleaned
    cases = result.private_tables["cases"]  # the record-level tier (data/private/)
    assert set(cases.columns).isdisjoint({"victim_age", "report_number", "name"})
    assert cases["victim_age_band"].str.fullmatch(r"[0-9<+\-; ]+").all()
    assert list(cases["case_id"]) == ["K01", "K02", "K03", "K04", "K05"]
    shared = result.tables["cases"]  # bands, or withheld where k-anonymity needs it
    assert set(shared.columns).isdisjoint({"victim_age", "report_number", "name"})
    assert shared["victim_age_band"].dropna().str.fullmatch(r"[0-9<+\-; ]+").all()
    assert list(shared["case_id"]) == ["K01", "K02", "K03", "K04", "K05"]
    assert "name" not in result.tables["informants"].columns


def test_scrub_examples() -> None:
    text = (
        "Hubungi 0812-3000-0012 atau +62 813 0000 0002, NIK 5371012804000004, @akun_x, "
        "email a.b@contoh.id, LP/A/12/IV/2024/SPKT/POLDA NTT, Jl. Contoh Fiktif No. 3, usia 15 tahun"
    )
    out = scrub(text, ["Nama Samaran Alfa"])
    assert find_identifiers(out) == [], out
    for tag in ("[TELEPON]", "[NIK]", "[AKUN]", "[EMAIL]", "[NOMOR-LP]", "[ALAMAT]", "[USIA-ANAK]"):
        assert tag in out


def _copy(project_copy: Path, dst: Path) -> Path:
    import shutil

    for d in ("config", "data/raw"):
        shutil.copytree(project_copy / d, dst / d)
    return dst


def test_gate_refuses_a_forced_leak_and_keeps_previous_outputs(
    tmp_path: Path, project_copy: Path, monkeypatch
) -> None:
    import pytest

    from analysis.clean import fields
    from analysis.clean import flow as clean_mod
    from analysis.privacy.gate import PrivacyGateError

    d = _copy(project_copy, tmp_path / "p")
    clean_mod.clean_region("kupang", root=d)
    out = d / "data/processed/kupang"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # a cleaner that forgets to scrub: raw notes (with planted phone numbers) are copied
    monkeypatch.setattr(fields, "scrub_series", lambda s, names=(), before=None: s)
    with pytest.raises(PrivacyGateError) as e:
        clean_mod.clean_region("kupang", root=d)
    assert "phone" in str(e.value)
    assert "outreach.csv" in str(e.value) and "0812" not in str(e.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(out.parent.glob(".kupang.tmp-*"))


def test_reproduce_gate_refuses_a_leaking_notebook(
    tmp_path: Path, project_copy: Path, root: Path, monkeypatch
) -> None:
    import shutil

    from analysis.clean.flow import clean_region
    from analysis.run import pipeline

    d = _copy(project_copy, tmp_path / "r")
    shutil.copytree(root / "notebooks", d / "notebooks")
    clean_region("kupang", root=d)
    target = d / "reports/kupang/html"
    target.mkdir(parents=True)
    (target / "old.html").write_text("<p>previous report</p>", encoding="utf-8")

    def leaky(pool, jobs, on_result=None):  # the notebooks "ran"; one page leaked a phone, a name
        html = Path(jobs[0].dst).parent.parent / "html"
        html.mkdir(parents=True, exist_ok=True)
        (html / "x.html").write_text(
            "<p>Hubungi 0812-3456-7890 atau Bripka Yohanes Lado</p>", encoding="utf-8"
        )
        return [(job, 0.0, None, {}) for job in jobs]

    monkeypatch.setattr(pipeline, "run_jobs", leaky)
    assert pipeline.reproduce("kupang", root=d, force=True) == 1
    assert [p.name for p in target.iterdir()] == ["old.html"]
    assert not (d / "reports/kupang/findings.json").exists()


def test_detectors_stay_quiet_on_dates_floats_and_hashes() -> None:
    clean = (
        "2022-03-09 00:00:00, 09/03/2022, 15-12-2021, 0.30000000000000004, 1.2345678901e-05, "
        "2022 2023 2024 2025, 2022-2025, Rp 15.000.000, UU ITE Pasal 27 ayat (1), "
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, Ibu Kota Kupang"
    )
    assert find_identifiers(clean) == []
    assert scrub(clean) == clean


def test_scrubber_forms_from_the_issue() -> None:
    cases = {
        "Sdr. Benediktus Mau datang": "Mau",
        "diterima an. Serafina Lawa": "Lawa",
        "Ibu Magdalena Tnunay hadir": "Tnunay",
        "Bripka Stefanus Ratu dan Kompol Agustina Sinlaeloe": "Ratu",
        "tersangka berinisial RFK": "RFK",
        "akun MiChat manis_kupang88": "manis_kupang88",
        "promosi di t.me/sayangkupang": "sayangkupang",
        "Jalan Timor Raya nomor 58": "nomor 58",
        "RT 029/RW 009": "029",
        "korban anak (16)": "16",
        "usia: 13 tahun": "13",
        "LP.B.777.IV.2023.SPKT": "777",
        "ref 99537101280400000499": "5371012804",
        "kata Yohanis Ladoo kemarin": "Ladoo",
    }
    for text, secret in cases.items():
        out = scrub(text, ["Yohanes Lado"])
        assert secret not in out, (text, out)
        assert find_identifiers(out) == [], (text, out)


def test_count_above_the_plausible_maximum_is_rejected_without_its_value(project_copy) -> None:
    import pandas as pd

    from analysis.clean.common import Context, Issues
    from analysis.clean.fields import counts
    from analysis.privacy.messages import public_message
    from analysis.region.config import load_region

    ctx = Context.for_region(load_region("kupang", project_copy))
    df = pd.DataFrame(
        {
            "participants": ["45", "250000"],
            "source_file": "f",
            "source_sheet": "",
            "source_row": [2, 3],
        }
    )
    iss = Issues(df, ctx)
    out = counts(iss, df["participants"], "participants")
    rej = iss.frame()
    assert out.iloc[0] == 45 and pd.isna(out.iloc[1]) and list(rej["source_row"]) == [3]
    msg = public_message(rej.iloc[0]["problem"], set())
    assert "plausible maximum" in msg and "250000" not in msg and "250,000" not in msg
