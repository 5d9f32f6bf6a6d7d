"""The exported .qdpx as QDA tools read it: QualCoder's import (coders from selections),
NVivo's positions (UTF-16 code units), and a valid project for a region without codings.

`qualcoder_import` follows what QualCoder's `qualcoder/refi.py` (RefiImport,
load_codings_for_text) does with a text selection: the coder of every coding in it is the
name of the selection's `creatingUser` ("default" if none), the selected text is the source
text sliced by character positions, and a code_text row that repeats (code, file, start,
end, coder) is dropped as a duplicate; a selection without codings becomes an annotation.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xmlschema
from defusedxml import ElementTree as ET

from analysis.interop import qdpx
from analysis.read.files import read_any
from analysis.vocab import THEME_ASPECT

DATA = Path(__file__).parent / "data" / "refi-qda"
SCHEMA = DATA / "Project.xsd"
Q = "{urn:QDA-XML:project:1.0}"


def qualcoder_import(path: Path) -> tuple[list[tuple], list[tuple]]:
    """(code_text rows kept, rows dropped as duplicates) as QualCoder's import makes them."""
    zf = zipfile.ZipFile(path)
    root = ET.fromstring(zf.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{Q}Code")}
    folder = "/Sources" if any(n.startswith("Sources/") for n in zf.namelist()) else "/sources"
    kept, dropped, seen = [], [], set()
    for src in root.iter(f"{Q}TextSource"):
        name = src.get("plainTextPath").removeprefix("internal://")
        text = zf.read(f"{folder[1:]}/{name}").decode("utf-8")
        for sel in src.iter(f"{Q}PlainTextSelection"):
            pos0, pos1 = int(sel.get("startPosition")), int(sel.get("endPosition"))
            owner = users.get(sel.get("creatingUser"), "default")
            for c in sel.iter(f"{Q}Coding"):
                cid = codes[c.find(f"{Q}CodeRef").get("targetGUID")]
                row = (cid, src.get("name"), pos0, pos1, owner)
                (dropped if row in seen else kept).append((*row, text[pos0:pos1]))
                seen.add(row)
    return kept, dropped


@pytest.fixture(scope="module")
def kupang_export(cleaned, tmp_path_factory: pytest.TempPathFactory):
    root, result = cleaned
    out = tmp_path_factory.mktemp("qc") / "kupang.qdpx"
    qdpx.export_region("kupang", out, root=root)
    return result, out


def test_qualcoder_import_keeps_both_coders_and_every_coding(kupang_export) -> None:
    result, out = kupang_export
    codes, segs = result.tables["segment_codes"], result.tables["interview_segments"]
    kept, dropped = qualcoder_import(out)
    assert dropped == []
    assert len(kept) == len(codes) == 128
    assert {r[4] for r in kept} == {"C1", "C2"}
    text = dict(zip(segs["segment_id"], segs["text"], strict=True))
    # every coding lands on its segment's text, under its own coder
    got = sorted((r[5], r[4], r[0]) for r in kept)
    want = sorted(
        (text[s], c, t) for s, c, t in codes[["segment_id", "coder", "theme"]].itertuples(False)
    )
    assert got == want


def test_coder_is_on_the_selection_and_on_its_codings(kupang_export) -> None:
    _, out = kupang_export
    root = ET.fromstring(zipfile.ZipFile(out).read("project.qde"))
    sels = list(root.iter(f"{Q}PlainTextSelection"))
    assert sels and all(s.get("creatingUser") for s in sels)
    for s in sels:
        assert {c.get("creatingUser") for c in s.iter(f"{Q}Coding")} <= {s.get("creatingUser")}


def test_the_archive_folder_is_capitalised_as_the_tools_write_it(kupang_export) -> None:
    _, out = kupang_export
    names = zipfile.ZipFile(out).namelist()
    assert names[0] == "project.qde" and all(n.startswith("Sources/") for n in names[1:])


# --------------------------------------------------------------------------- positions
EMOJI = "Kami patroli 😀 setiap pekan."


def small_tables(with_codes: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    prov = {"source_file": "F01", "source_sheet": "S01", "source_row": 1}
    inf = pd.DataFrame(
        [{"informant_id": "R01", "role": "investigator", "unit": None,
          "organisation_type": None, **prov}]
    )  # fmt: skip
    seg = pd.DataFrame(
        [
            {"segment_id": "S0001", "informant_id": "R01", "date": pd.NaT, "question": None,
             "text": EMOJI, **prov},
            {"segment_id": "S0002", "informant_id": "R01", "date": pd.NaT, "question": None,
             "text": "Akun anonim menyulitkan.", **prov},
        ]
    )  # fmt: skip
    rows = [("S0002", "C1", "obstacle", "anonymous_accounts")] if with_codes else []
    codes = pd.DataFrame(rows, columns=["segment_id", "coder", "aspect", "theme"])
    for c, v in prov.items():
        codes[c] = v
    return inf, seg, codes


def selection_spans(xml: str) -> list[tuple[int, int]]:
    root = ET.fromstring(xml.encode("utf-8"))
    return [
        (int(s.get("startPosition")), int(s.get("endPosition")))
        for s in root.iter(f"{Q}PlainTextSelection")
    ]


def test_positions_count_characters_or_utf16_code_units(tmp_path: Path) -> None:
    """After an emoji the two countings differ by one; each slices the text back exactly
    in its own unit, and the reader recognises either."""
    chars, _ = qdpx.build_project(*small_tables(), "t", "analysis test")
    utf16, files = qdpx.build_project(*small_tables(), "t", "analysis test", positions="utf16")
    text = next(iter(files.values()))
    (a1, b1), (a2, b2) = selection_spans(chars)
    assert text[a1:b1] == EMOJI and text[a2:b2] == "Akun anonim menyulitkan."
    (u1, v1), (u2, v2) = selection_spans(utf16)
    units = text.encode("utf-16-le")
    assert units[2 * u2 : 2 * v2].decode("utf-16-le") == "Akun anonim menyulitkan."
    assert (u1, v1 - b1, u2 - a2) == (0, 1, 1)
    for name, xml in (("chars.qdpx", chars), ("utf16.qdpx", utf16)):
        out = tmp_path / name
        qdpx.write_qdpx(xml, files, out)
        seg = {s.sheet: s for s in read_any(out, f"interviews/{name}", set(), [])}["Selections"]
        assert seg.frame[4].tolist() == [EMOJI, "Akun anonim menyulitkan."]
    with pytest.raises(ValueError, match="positions must be one of"):
        qdpx.build_project(*small_tables(), "t", "x", positions="bytes")


def test_cli_offers_utf16_positions(cleaned, tmp_path: Path, monkeypatch, capsys) -> None:
    from analysis.cli import main

    root, _ = cleaned
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    out = tmp_path / "nvivo.qdpx"
    assert (
        main(["export-qdpx", "--region", "kupang", "--out", str(out), "--positions", "utf16"]) == 0
    )
    assert "positions in utf16" in capsys.readouterr().out


# --------------------------------------------------------------------------- no codings
@pytest.mark.parametrize("segments", [True, False], ids=["segments, no codings", "nothing"])
def test_a_region_without_codings_exports_a_valid_project(segments: bool) -> None:
    inf, seg, codes = small_tables(with_codes=False)
    if not segments:
        seg = seg.iloc[0:0]
    xml, _ = qdpx.build_project(inf, seg, codes, "t", "analysis test")
    xmlschema.XMLSchema(str(SCHEMA)).validate(xml)
    root = ET.fromstring(xml.encode("utf-8"))
    users = [u.get("name") for u in root.iter(f"{Q}User")]
    assert users == ["analysis export-qdpx"]
    themes = {c.get("name") for c in root.iter(f"{Q}Code") if c.get("isCodable") == "true"}
    assert themes == set(THEME_ASPECT)  # the vocabulary, ready to code with
    assert all(
        s.get("creatingUser") == root.find(f"{Q}Users/{Q}User").get("guid")
        for s in root.iter(f"{Q}PlainTextSelection")
    )
    assert len(list(root.iter(f"{Q}PlainTextSelection"))) == (2 if segments else 0)
