"""The reconstructed Kupang raw data: deterministic, within the thesis's bands, honest."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import reconstruct

from analysis.values.dates import format_date, parse_date

STORY = Path(__file__).resolve().parents[1] / "scripts/reconstruct/story/kupang.yml"

STAGE_WORDS = [
    "laporan|terima lp",
    "lidik|penyelidikan",
    "sidik|penyidikan",
    "penangkapan",
    "penahanan",
    "geledah",
    "penyitaan",
    "pelimpahan|tahap ii",
]


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a = reconstruct(tmp_path_factory.mktemp("a"))
    b = reconstruct(tmp_path_factory.mktemp("b"))
    return a, b


def _cells(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb}


def test_two_runs_give_identical_cells_and_bytes(twice, root: Path) -> None:
    a, b = twice
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) == 8
    for rel in files:
        if rel.suffix == ".xlsx":
            assert _cells(a / rel) == _cells(b / rel), rel
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    # ... and the committed raw data is exactly what the script writes
    assert (a / "SHA256SUMS").read_text() == (root / "data/raw/kupang/SHA256SUMS").read_text()


def _rows(path: Path, sheet: str) -> tuple[list[str], list[tuple]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    hi = next(i for i, r in enumerate(rows) if sum(isinstance(v, str) for v in r) >= 3)
    return [str(h) for h in rows[hi]], [r for r in rows[hi + 1 :] if any(v is not None for v in r)]


def _months(dates) -> Counter:
    out = Counter()
    for v in dates:
        d = parse_date(v)
        if d and (2022, 1) <= (d.year, d.month) <= (2025, 6):
            out[(d.year, d.month)] += 1
    return out


def test_about_sheet_says_reconstruction(twice) -> None:
    a, _ = twice
    for wb_path in a.rglob("*.xlsx"):
        about = " ".join(str(r[0]) for r in _cells(wb_path)["tentang"] if r[0])
        assert "RECONSTRUCTION" in about and "not the original" in about


def test_outreach_counts_within_the_thesis_bands(twice) -> None:
    a, _ = twice
    edu = a / "outreach/sosialisasi_hukum_2022-2025.xlsx"
    dates = []
    for y in ("2022", "2023", "2024", "2025"):
        header, rows = _rows(edu, y)
        seen = set()
        for r in rows:
            if r in seen or "Ojek online community" in r:  # planted duplicate / unknown label
                continue
            seen.add(r)
            dates.append(r[1])
    per = _months(dates)
    assert len(per) == 42 and all(2 <= n <= 4 for n in per.values()), per
    header, rows = _rows(a / "outreach/pengawasan_penginapan.xlsx", "Pengawasan")
    per = _months(r[0] for r in rows if r[3] != "Kupang Tengah")
    assert len(per) == 42 and all(4 <= n <= 5 for n in per.values()), per
    with (a / "outreach/patroli_siber_michat.csv").open(encoding="utf-8-sig") as fh:
        patrol = [parse_date(r["date"]) for r in csv.DictReader(fh)]
    weeks = {d.isocalendar()[:2] for d in patrol if d}
    first_monday = dt.date(2021, 12, 27)  # the Monday-Sunday week holding 2022-01-01
    expected = (dt.date(2025, 6, 30) - first_monday).days // 7 + 1
    assert len(weeks) == expected  # every week touching the period has a patrol


def test_five_cases_each_with_eight_ordered_stages(twice) -> None:
    a, _ = twice
    path = a / "cases/register_lp_2022-2025.xlsx"
    header, cases = _rows(path, "Daftar LP")
    assert len(cases) == 5
    modus = " ".join(str(r[header.index("Modus")]).lower() for r in cases)
    assert modus.count("asusila") + modus.count("eksploitasi") >= 4
    header, stages = _rows(path, "Tahapan")
    by_case: dict[str, list] = {}
    for lp, stage, date, _note in stages:
        by_case.setdefault(lp, []).append((stage.lower(), parse_date(date)))
    assert len(by_case) == 5
    for lp, log in by_case.items():
        assert len(log) == 8, lp
        for (label, _), words in zip(log, STAGE_WORDS, strict=True):
            assert any(w in label for w in words.split("|")), (lp, label, words)
        dates = [d for _, d in log]
        assert dates == sorted(dates), lp


def test_interviews_have_enough_segments_and_two_coders(twice) -> None:
    a, _ = twice
    path = a / "interviews/wawancara_2025.xlsx"
    _, informants = _rows(path, "Informan")
    _, segments = _rows(path, "Segmen")
    _, codes = _rows(path, "Koding")
    assert 6 <= len(informants) <= 10 and len(segments) >= 60
    coders = Counter(r[1] for r in codes)
    assert set(coders) == {"K1", "K2"}
    k1 = {r[0]: str(r[3]).lower() for r in codes if r[1] == "K1" and r[3]}
    k2 = {r[0]: str(r[3]).lower() for r in codes if r[1] == "K2" and r[3]}
    agree = sum(k1[s] == k2.get(s) for s in k1) / len(k1)
    assert 0.75 <= agree < 1.0  # substantial but imperfect agreement


def test_planted_problems_are_where_the_list_says(twice) -> None:
    a, _ = twice
    with (a / "planted_problems.csv").open(encoding="utf-8") as fh:
        planted = list(csv.DictReader(fh))
    assert {p["kind"] for p in planted} == {
        "duplicate",
        "out_of_period",
        "unknown_label",
        "missing_value",
    }
    for p in planted:
        path = a / p["file"]
        row = int(p["row"])
        if path.suffix == ".csv":
            line = path.read_text(encoding="utf-8-sig").splitlines()[row - 1]
            assert line.startswith(","), p  # the date cell is empty
            continue
        ws = openpyxl.load_workbook(path)[p["sheet"]]
        values = [c.value for c in ws[row]]
        if p["kind"] == "duplicate":
            assert values == [c.value for c in ws[row - 1]]
        elif p["kind"] == "out_of_period":
            assert "2021" in str(values[1])
        elif p["kind"] == "unknown_label":
            assert any(v in ("Ojek online community", "Kupang Tengah") for v in values)
        elif p["kind"] == "missing_value":
            assert values[-1] is None


def test_planted_identifiers_are_obviously_fake(twice) -> None:
    a, _ = twice
    with (a / "planted_identifiers.csv").open(encoding="utf-8") as fh:
        idents = list(csv.DictReader(fh))
    kinds = Counter(i["kind"] for i in idents)
    assert {"phone", "nik", "username", "lp_number", "name", "address"} <= set(kinds)
    for i in idents:
        v = i["value"]
        if i["kind"] == "name":
            assert v.startswith("Nama Samaran")
        if i["kind"] == "username":
            assert "fiktif" in v
        if i["kind"] == "address":
            assert "Fiktif" in v
        if i["kind"] == "phone":
            assert "0000" in v or "3000" in v


def _leaves(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield f"{path}/{k}", k
            yield from _leaves(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, f"{path}/{i}")
    else:
        yield path, node


def test_story_yaml_keeps_field_text_as_text() -> None:
    """Unquoted YAML would turn "No" into False and "2022-03-09" into a date: none may slip in."""
    story = yaml.safe_load(STORY.read_text(encoding="utf-8"))
    for where, v in _leaves(story):
        assert v is None or type(v) in (str, int), (where, v)
    assert "No" in story["education"]["header"]
    assert any(v.endswith(" ") for v in story["districts"]["Maulafa"])  # messiness kept (M4)
    for theme, t in story["interviews"]["themes"].items():
        assert len(t["segments"]) == len(t["speakers"]), theme
        assert t["neighbour"] in story["interviews"]["themes"], theme
        assert t["aspect"] in story["interviews"]["questions"], theme


TIMED = {
    "long_wita": "pukul {hour}.00 WITA",
    "wita": " {hour:02d}:00 WITA",
    "dayname_long": "pukul {hour:02d}.00 WITA",
}


@pytest.mark.parametrize("style", sorted(TIMED))
@pytest.mark.parametrize("hour", [7, 9, 14, 21])
def test_timed_styles_print_the_given_hour_and_still_parse(style: str, hour: int) -> None:
    """The reconstruction draws the clock time; format_date must print it and parse_date skip it."""
    d = dt.date(2023, 3, 14)
    text = format_date(d, style, hour=hour)
    assert text.endswith(TIMED[style].format(hour=hour)), text
    assert parse_date(text) == d
