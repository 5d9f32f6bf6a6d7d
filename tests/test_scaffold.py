"""`analysis new-region`: templates a student fills in clean with zero rejects, no code edited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml

from analysis.cli import main
from analysis.read.rawdata import verify
from analysis.region.config import ConfigError, load_region
from analysis.region.scaffold import new_region
from analysis.region.template_columns import TEMPLATES
from analysis.region.templates import INSTRUCTIONS_SHEET, LISTS_SHEET, choices


@pytest.fixture
def proj(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "config" / "regions").mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    assert (
        main(
            [
                "new-region",
                "bogor",
                "--name",
                "Kota Bogor",
                "--start",
                "2024-01-01",
                "--end",
                "2024-03-31",
            ]
        )
        == 0
    )
    return tmp_path


def _sheet_rows(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def fill(root: Path, slug: str) -> None:
    """What a student does in Excel: a few rows per sheet, values picked from the drop-downs."""
    raw = root / "data/raw" / slug
    region = load_region(slug, root)
    d = region.districts[0]
    days = [dt.datetime(2024, 1, 8) + dt.timedelta(days=7 * i) for i in range(12)]
    wb = openpyxl.load_workbook(raw / "outreach/kegiatan.xlsx")
    ws = wb["Kegiatan"]
    for i, day in enumerate(days):
        ws.append(
            [
                day,
                "Sosialisasi Hukum",
                "Pelajar",
                40 + i,
                "Sekolah",
                d,
                "Dinas Pendidikan",
                None,
                None,
                None,
                "Satbinmas Polres",
                None,
            ]
        )
        ws.append(
            [
                day + dt.timedelta(days=2),
                "Patroli Siber",
                None,
                None,
                None,
                None,
                None,
                "MiChat",
                "Pengguna di Sekitar",
                i % 3,
                "Unit Siber Satreskrim",
                None,
            ]
        )
    ws.append(
        [
            days[3],
            "Permintaan Blokir Akun",
            None,
            None,
            "Daring",
            None,
            "Kominfo",
            "MiChat",
            None,
            4,
            "Satreskrim",
            None,
        ]
    )
    wb.save(raw / "outreach/kegiatan.xlsx")
    wb = openpyxl.load_workbook(raw / "cases/register_lp.xlsx")
    wb["Daftar LP"].append(
        [
            "LP/B/12/II/2024/SPKT/POLRES BOGOR",
            dt.datetime(2024, 2, 5),
            "Mucikari",
            "MiChat",
            1,
            "19",
            "P",
            1,
            "Pasal 296 KUHP",
            "Tahap II",
            None,
        ]
    )
    wb["Daftar LP"].append(
        [
            "LP/A/3/III/2024/SPKT/POLRES BOGOR",
            dt.datetime(2024, 3, 1),
            "Eksploitasi anak",
            "MiChat",
            1,
            "16",
            "P",
            2,
            "Pasal 76I jo Pasal 88 UU 35/2014",
            "Sidik",
            None,
        ]
    )
    usual = [
        "Penerimaan Laporan",
        "Penyelidikan",
        "Penyidikan",
        "Penangkapan",
        "Penahanan",
        "Penggeledahan",
        "Penyitaan",
        "Tahap II",
    ]
    for i, st in enumerate(usual):
        wb["Tahapan"].append(
            [
                "LP/B/12/II/2024/SPKT/POLRES BOGOR",
                st,
                dt.datetime(2024, 2, 5) + dt.timedelta(days=4 * i),
                None,
            ]
        )
    # caught in the act: arrest, search and seizure on the day of the raid, then the report
    for st, day in [
        ("Penangkapan", 1),
        ("Penggeledahan", 1),
        ("Penyitaan", 1),
        ("Penerimaan Laporan", 1),
        ("Penyidikan", 2),
        ("Penahanan", 2),
    ]:
        wb["Tahapan"].append(
            ["LP/A/3/III/2024/SPKT/POLRES BOGOR", st, dt.datetime(2024, 3, day), None]
        )
    wb.save(raw / "cases/register_lp.xlsx")
    wb = openpyxl.load_workbook(raw / "interviews/wawancara.xlsx")
    wb["Informan"].append(["INF-1", "Penyidik", "Satreskrim", "Polri", dt.datetime(2024, 3, 20)])
    wb["Informan"].append(
        ["INF-2", "Guru Bimbingan Konseling", "SMA", "Sekolah", dt.datetime(2024, 3, 21)]
    )
    themes = [
        ("Pre-emtif", "Sosialisasi hukum"),
        ("Preventif", "Patroli siber"),
        ("Represif", "Penanganan perkara"),
        ("Saran", "Literasi digital"),
    ]
    for i, (aspect, theme) in enumerate(themes, start=1):
        inf = f"INF-{1 + i % 2}"
        wb["Segmen"].append(
            [
                f"S{i:03d}",
                inf,
                dt.datetime(2024, 3, 20),
                "Pertanyaan?",
                f"Jawaban parafrase nomor {i} tentang {theme.lower()}.",
            ]
        )
        for coder in ("K1", "K2"):
            wb["Koding"].append([f"S{i:03d}", coder, aspect, theme])
    wb.save(raw / "interviews/wawancara.xlsx")


def test_new_region_writes_a_loadable_commented_config(proj: Path) -> None:
    text = (proj / "config/regions/bogor.yml").read_text(encoding="utf-8")
    r = load_region("bogor", proj)
    assert r.get("name") == "Kota Bogor" and r.start == dt.date(2024, 1, 1)
    data = yaml.safe_load(text)
    comments = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
    assert len(comments) >= 20 and "region" in text and "wilayah" in text
    for key in (
        "slug",
        "name",
        "province",
        "polda",
        "city",
        "timezone",
        "study_period",
        "platforms",
        "districts",
        "raw",
        "aliases",
        "privacy",
        "claims",
        "data_note",
        "source_document",
        "reconstruction",
    ):
        assert key in data, key
    assert INSTRUCTIONS_SHEET in data["raw"]["skip_sheets"]
    assert LISTS_SHEET in data["raw"]["skip_sheets"]


def test_templates_have_headers_dropdowns_dates_and_instructions(proj: Path) -> None:
    for rel, sheets in TEMPLATES.items():
        wb = openpyxl.load_workbook(proj / "data/raw/bogor" / rel)
        assert wb.sheetnames[0] == INSTRUCTIONS_SHEET and wb[LISTS_SHEET].sheet_state == "hidden"
        body = " ".join(str(v) for row in _sheet_rows(wb[INSTRUCTIONS_SHEET]) for v in row if v)
        assert "PETUNJUK" in body and "INSTRUCTIONS" in body and "EXAMPLE" in body
        for title, cols in sheets:
            ws = wb[title]
            assert [c.value for c in ws[1]] == [c.header for c in cols]
            assert ws.max_row == 1  # no example row among the data
            validated = {
                str(dv.sqref).split(":")[0].rstrip("0123456789")
                for dv in ws.data_validations.dataValidation
            }
            for i, col in enumerate(cols, start=1):
                letter = openpyxl.utils.get_column_letter(i)
                assert (letter in validated) == bool(col.choices), (title, col.header)
                if col.date:
                    assert ws.column_dimensions[letter].number_format == "DD/MM/YYYY"


def test_dropdowns_come_from_taxonomy_and_region(proj: Path) -> None:
    r = load_region("bogor", proj)
    assert "Sosialisasi Hukum" in choices(r, "activity_type")
    assert "Permintaan Blokir Akun" in choices(r, "activity_type")
    assert "Apartemen" in choices(r, "venue_type")
    assert {"WeChat", "BeeTalk"} <= set(choices(r, "platform"))
    assert {"Kominfo", "Pemkot", "Kejaksaan", "Pengadilan"} <= set(choices(r, "partners"))
    assert choices(r, "district") == r.districts
    r.data.setdefault("aliases", {})["agencies"] = {"Pemkot Bogor": "Pemkot Bogor"}
    assert "Pemkot Bogor" in choices(r, "partners")


def test_filled_templates_clean_with_zero_rejects(proj: Path) -> None:
    from analysis.clean.flow import clean_region

    fill(proj, "bogor")
    result = clean_region("bogor", root=proj, write_outputs=False)
    assert result.rejects.empty, result.rejects.to_dict("records")
    t = result.tables
    assert len(t["outreach"]) == 25 and len(t["cases"]) == 2 and len(t["case_stages"]) == 14
    assert len(t["segment_codes"]) == 8


def test_manifest_command_writes_checksums(proj: Path) -> None:
    fill(proj, "bogor")
    assert main(["manifest", "--region", "bogor"]) == 0
    assert verify(proj / "data/raw/bogor").ok


def test_new_region_never_overwrites_and_checks_the_slug(proj: Path) -> None:
    with pytest.raises(ConfigError, match="already exists"):
        new_region("bogor", proj)
    with pytest.raises(ConfigError, match="lower-case"):
        new_region("Bogor City", proj)


def test_student_path_new_region_to_rendered_reports(proj: Path, root: Path) -> None:
    """new-region, fill the templates, manifest, reproduce: reports, no code edited."""
    import shutil

    from analysis.run.pipeline import reproduce

    shutil.copytree(root / "notebooks", proj / "notebooks")
    fill(proj, "bogor")
    assert main(["manifest", "--region", "bogor"]) == 0
    assert reproduce("bogor", lang="en", check=True, root=proj) == 0
    out = proj / "reports/bogor"
    assert (out / "findings.json").exists()
    for nb in (root / "notebooks").glob("*.ipynb"):
        assert (out / "html" / f"{nb.stem}.html").exists(), nb.stem
    # no lodging inspections and no band claim in the student's rows: said in words, not drawn
    # as empty axes, and no caption speaks of a band the region's claims never state
    preventive = (out / "html/02_preventive.html").read_text(encoding="utf-8")
    assert "No lodging inspection is recorded" in preventive
    assert "Lodging inspections by district" not in preventive
    for page in ("01_preemptive", "02_preventive"):
        assert "shaded band" not in (out / "html" / f"{page}.html").read_text(encoding="utf-8")
