"""Nothing that identifies a person may reach data/processed/ or reports/."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from analysis.privacy import PATTERNS, find_identifiers, scrub


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
    cases = result.tables["cases"]
    assert set(cases.columns).isdisjoint({"victim_age", "report_number", "name"})
    assert cases["victim_age_band"].str.fullmatch(r"[0-9<+\-; ]+").all()
    assert list(cases["case_id"]) == ["K01", "K02", "K03", "K04", "K05"]
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
