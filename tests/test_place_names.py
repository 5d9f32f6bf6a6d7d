"""Real places are places: every official district and regency name passes the scrubber and
the gate inside sentences and chart labels; a student region with "Pancoran Mas" renders."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.cli import main
from analysis.privacy import gate
from analysis.privacy.detectors import find_identifiers
from analysis.privacy.names import Names
from analysis.privacy.places import Places, districts, proper, regencies
from analysis.privacy.scrubbing import scrub
from analysis.region.config import load_region

SENTENCES = [
    "Patroli siber di Kecamatan {n} pada Mei 2023.",
    "Sosialisasi hukum di {n} bersama DP3A dan Satbinmas.",
    "Pengawasan penginapan di {n}, peserta 40 orang.",
    "Lokasi: {n}; koordinasi dengan Camat.",
    "{N}",
    "{n}",
]


def _names() -> list[str]:
    return [proper(n) for _, _, n in districts()] + [proper(n) for _, n in regencies()]


def test_the_official_list_is_shipped_whole_with_its_licence(root: Path) -> None:
    assert len(districts()) == 7215 and len(regencies()) == 514
    assert ("3276", "KOTA DEPOK") in regencies()
    assert "PANCORAN MAS" in {n for _, reg, n in districts() if reg == "3276"}
    readme = (root / "src/analysis/aliases/wilayah/README.md").read_text(encoding="utf-8")
    assert "Open Database License (ODbL) 1.0" in readme and "Badan Pusat Statistik" in readme


def test_every_official_name_in_sentences_passes_scrubber_and_detectors() -> None:
    bad = []
    for n in _names():
        for tpl in SENTENCES:
            s = tpl.format(n=n, N=n.upper())
            if find_identifiers(s) or scrub(s) != s:
                bad.append(s)
    assert bad == []


def test_chart_labels_of_every_official_name_pass_the_gate(tmp_path: Path) -> None:
    """Axis labels as an SVG writes them (one text run each, read one per line by the gate),
    a table of labels, and label lists joined by commas or slashes in a caption."""
    names = _names()
    runs = "".join(f"<text><tspan>{n}</tspan></text>" for n in names)
    (tmp_path / "districts.svg").write_text(f"<svg>{runs}</svg>", encoding="utf-8")
    pd.DataFrame({"district": names, "sessions": range(len(names))}).to_csv(
        tmp_path / "by_district.csv", index=False
    )
    captions = [
        sep.join(names[i : i + 6]) for sep in (", ", " / ") for i in range(0, len(names), 6)
    ]
    (tmp_path / "captions.md").write_text("\n".join(captions), encoding="utf-8")
    assert gate.scan([tmp_path], root=tmp_path) == []
    for c in captions:
        assert scrub(c) == c


def test_labels_on_separate_lines_are_never_one_phrase() -> None:
    # "Pancoran Mas" above "Sawangan": 'Mas Sawangan' must not be read as title + name
    assert find_identifiers("Beji\nPancoran Mas\nSawangan\nCimanggis") == []
    # a real title on its own line before a real name on the next is not one phrase either
    assert find_identifiers("Ibu\nKota Raja") == []
    # but on one line a title and a name are still a name, even next to a place
    assert find_identifiers("Pancoran Mas, Ibu Magdalena hadir") == [
        ("honorific_name", "Ibu Magdalena")
    ]
    assert scrub("di Pancoran Mas, Mas Budi Santoso hadir") == "di Pancoran Mas, Mas [NAMA] hadir"


def test_a_one_word_place_named_like_a_title_hides_no_name() -> None:
    # "Ibu" and "Pace" are districts; alone they must not cover every "Ibu <name>"
    assert find_identifiers("Koordinasi dengan Ibu Theresia") != []
    assert find_identifiers("Kecamatan Ibu Selatan") == []


def test_allowed_words_work_for_phrases_and_words() -> None:
    text = "Kegiatan di Kampung Pak Tani dan di Dusun Mas Karebet"
    assert {k for k, _ in find_identifiers(text)} == {"honorific_name"}
    assert find_identifiers(text, Names([], Places(allowed=["Pak Tani", "Mas Karebet"]))) == []
    assert scrub(text, Names([], Places(allowed=["Pak Tani", "Mas Karebet"]))) == text
    # allowing one phrase leaves the other a hit
    assert find_identifiers(text, Names([], Places(allowed=["Pak Tani"]))) == [
        ("honorific_name", "Mas Karebet")
    ]


def test_the_regions_districts_and_allowed_words_reach_the_gate(project_copy: Path) -> None:
    region = load_region("depok", project_copy)
    region.data["privacy"]["allowed_words"] = ["Pak Tani"]
    region.data["districts"].append({"name": "Kampung Bu Dewi"})
    names = Names([], region.places())
    assert find_identifiers("Razia di Kampung Bu Dewi dan Kampung Pak Tani", names) == []
    assert find_identifiers("Razia di Kampung Bu Dewi dan Kampung Pak Tani") != []


def test_the_refusal_names_file_kind_masked_context_and_the_config_key(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text(
        "note\nKoordinasi dengan Ibu Magdalena Tnunayan di kantor DP3A\n", encoding="utf-8"
    )
    (tmp_path / "chat.md").write_text("Promosi lewat akun MiChat 'manis_88' malam", "utf-8")
    with pytest.raises(gate.PrivacyGateError) as e:
        gate.check(tmp_path, what="test outputs")
    msg = str(e.value)
    assert "notes.csv: honorific_name in '...Koordinasi dengan Ibu [honorific_name hidden]" in msg
    assert "privacy.allowed_words" in msg and "config/regions/" in msg
    assert "chat.md: username in '...Promosi lewat [username hidden] malam...'" in msg
    assert "no config key allows this kind" in msg
    for value in ("Magdalena", "Tnunayan", "manis_88"):
        assert value not in msg


def test_new_region_city_fills_the_official_districts(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "config/regions").mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    assert main(["new-region", "depoka", "--city", "Kota Depok"]) == 0
    assert main(["new-region", "depokb", "--city", "3276"]) == 0
    assert main(["new-region", "atlantis", "--city", "Kota Atlantis"]) == 0
    a, b = load_region("depoka", tmp_path), load_region("depokb", tmp_path)
    assert a.districts == b.districts and len(a.districts) == 11
    assert {"Pancoran Mas", "Sukma Jaya", "Beji", "Sawangan"} <= set(a.districts)
    assert a.get("city") == b.get("city") == "Kota Depok"
    assert load_region("atlantis", tmp_path).districts == ["Kecamatan Satu", "Kecamatan Dua"]


def _fill_pancoran(root: Path, slug: str) -> None:
    """A student's own rows: sessions in Pancoran Mas, Sawangan and Beji, notes naming them."""
    raw = root / "data/raw" / slug
    wb = openpyxl.load_workbook(raw / "outreach/kegiatan.xlsx")
    ws = wb["Kegiatan"]
    places = ["Pancoran Mas", "Sawangan", "Beji"]
    for i in range(12):
        day = dt.datetime(2024, 1, 8) + dt.timedelta(days=7 * i)
        place = places[i % 3]
        note = f"Sosialisasi di Kecamatan {place}, dekat Pancoran Mas"
        row = [day, "Sosialisasi Hukum", "Pelajar", 40 + i, "Sekolah", place, "Dinas Pendidikan"]
        ws.append([*row, None, None, None, "Satbinmas Polres Metro Depok", note])
        patrol = [day + dt.timedelta(days=2), "Patroli Siber", None, None, None, place, None]
        ws.append([*patrol, "MiChat", "Pengguna di Sekitar", i % 3, "Unit Siber", None])
        lodging = [day + dt.timedelta(days=3), "Pengawasan Penginapan", None, None, "Hotel"]
        ws.append([*lodging, place, None, None, None, None, "Satsamapta", None])
    wb.save(raw / "outreach/kegiatan.xlsx")


def test_a_student_region_with_pancoran_mas_renders(
    tmp_path: Path, root: Path, monkeypatch
) -> None:
    from analysis.run.pipeline import reproduce

    (tmp_path / "config/regions").mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    shutil.copytree(root / "notebooks", tmp_path / "notebooks")
    args = ["new-region", "pancoran", "--city", "Kota Depok", "--polda", "Polres Metro Depok"]
    assert main([*args, "--start", "2024-01-01", "--end", "2024-03-31"]) == 0
    _fill_pancoran(tmp_path, "pancoran")
    assert main(["manifest", "--region", "pancoran"]) == 0
    assert reproduce("pancoran", lang="en", check=True, root=tmp_path) == 0
    out = tmp_path / "reports/pancoran"
    assert (out / "findings.json").exists()
    # the chart of lodging inspections by district labels its axis with the three names
    # (the SVG holds one text run per label: the gate reads them one per line)
    svg = "".join(p.read_text(encoding="utf-8") for p in (out / "figures").glob("*.svg"))
    assert "Pancoran Mas" in svg and "Sawangan" in svg
    assert (tmp_path / "data/processed/pancoran/outreach.csv").read_text("utf-8").count(
        "Pancoran Mas"
    ) >= 4
