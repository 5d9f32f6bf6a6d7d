"""Real REFI-QDA exports through the whole pipeline: an NVivo 12 project and the ATLAS.ti 8
standard project (tests/data/refi-qda/, MIT, see the README there).

What a researcher's project holds decides what is kept: every text selection that can be
placed, every coding mapped to a theme or kept as `unmapped`, informants with the role the
config gives or `unknown`. And a project read, cleaned, exported and read again gives the same
segments, codings and coders.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xmlschema
import yaml

from analysis.clean.flow import clean_region
from analysis.interop import qdpx
from analysis.privacy.messages import private_message

DATA = Path(__file__).parent / "data" / "refi-qda"
NVIVO = DATA / "nvivo12_oltas0517.qdpx"
ATLAS = DATA / "atlasti8_refi_standard_project.qdpx"
MAPPING = DATA / "nvivo_mapping.yml"
PROV = ["source_file", "source_sheet", "source_row"]
TABLES = ["informants", "interview_segments", "segment_codes"]


def _merge(base: dict, extra: dict) -> dict:
    for k, v in extra.items():
        base[k] = _merge(base.get(k) or {}, v) if isinstance(v, dict) else v
    return base


def make_root(tmp: Path, root: Path, project: Path, extra: dict | None = None) -> Path:
    """A project root with the Kupang config (plus `extra` keys) and one .qdpx as the only
    interview input."""
    shutil.copytree(root / "config", tmp / "config")
    if extra:
        cfg = tmp / "config" / "regions" / "kupang.yml"
        data = _merge(yaml.safe_load(cfg.read_text(encoding="utf-8")), extra)
        cfg.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    folder = tmp / "data" / "raw" / "kupang" / "interviews"
    folder.mkdir(parents=True)
    shutil.copy(project, folder / project.name)
    return tmp


def tables(result) -> dict[str, pd.DataFrame]:
    return {t: result.tables[t].drop(columns=PROV).reset_index(drop=True) for t in TABLES}


@pytest.fixture(scope="module")
def nvivo(tmp_path_factory: pytest.TempPathFactory, root: Path):
    """The NVivo project cleaned (and written) with the Kupang config as it is."""
    base = make_root(tmp_path_factory.mktemp("nvivo"), root, NVIVO)
    return base, clean_region("kupang", root=base)


# --------------------------------------------------------------------------- NVivo 12
def test_nvivo_keeps_every_text_selection_and_every_coding(nvivo) -> None:
    """303 selections in 188 places: 185 segments after the 3 that cut a word; 303
    codings: 300 kept (all unmapped under the Kupang config), 3 lost with their segments."""
    _, res = nvivo
    src = {s["sheet"]: s for s in res.sources}
    assert src["Selections"]["rows_read"] == 188
    assert src["Selections"]["positions"] == ["UTF-16 code units"]
    assert src["Selections"]["exported_by"] == "NVivo for Windows 12.6"
    seg, codes, inf = (res.tables[t] for t in ("interview_segments", "segment_codes", "informants"))
    assert len(seg) == 185
    assert src["Codings"]["rows_read"] == 303 and len(codes) == 300
    cut = res.rejects[res.rejects["source_sheet"] == "Selections"]
    assert len(cut) == 3 and cut["problem"].str.contains("inside a word").all()
    lost = res.rejects[res.rejects["source_sheet"] == "Codings"]
    assert len(lost) == 3 and lost["problem"].str.contains("segment was rejected").all()
    assert set(codes["aspect"]) == {"unmapped"} and codes["theme"].nunique() == 76
    assert set(codes["coder"]) == {"C1"}  # one user made every coding
    assert inf["role"].tolist() == ["unknown", "unknown"]
    for s in res.sources:
        assert s["rows_read"] == s["rows_kept"] + s["rows_rejected"] + s["rows_duplicate"]


def test_nvivo_run_ends_with_one_line_per_unmapped_code_family(nvivo) -> None:
    _, res = nvivo
    families = [private_message(n) for n in res.notes if n.startswith("unmapped code family")]
    assert len(families) == 24  # one per parent code of an unmapped code, most codings first
    assert [private_message(n) for n in res.notes[-24:]] == families
    assert families[0].startswith("unmapped code family '2. Distrust': 12 code(s), 77 coding(s)")
    assert "'Parallel governance claims Magyar Állam Tulajdonosai'" in " ".join(families)
    count = res.notes[-len(families) - 1]
    assert count.startswith("300 of 300 codings use codes that no theme alias maps")
    assert "aliases.labels.theme in config/regions/kupang.yml" in count
    role = [n for n in res.notes if "have no role" in n]
    assert len(role) == 1 and "qda.roles" in role[0] and "2 informant(s)" in role[0]


def test_a_config_mapping_takes_nvivo_codes_to_themes(tmp_path: Path, root: Path) -> None:
    """The mapping in tests/data/refi-qda/nvivo_mapping.yml: roles by source name, codes
    by name or by 'parent::code', new aspects for new themes."""
    extra = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    res = clean_region("kupang", root=make_root(tmp_path, root, NVIVO, extra), write_outputs=False)
    inf, codes = res.tables["informants"], res.tables["segment_codes"]
    assert inf["role"].tolist() == ["public_commenter", "public_commenter"]
    mapped = codes[codes["aspect"] != "unmapped"]
    got = mapped.groupby(["aspect", "theme"]).size().to_dict()
    assert got == {
        ("conspiracist_ideation", "big_pharma"): 8,
        ("conspiracist_ideation", "government_cover_up"): 8,
        ("distrust", "distrust_of_government"): 26,
        ("distrust", "distrust_of_media"): 10,
        ("obstacle", "victim_reluctance"): 28,
    }
    assert len(codes) == 300 and res.rejects["source_sheet"].eq("Selections").sum() == 3
    assert any(n.startswith("220 of 300 codings use codes") for n in res.notes)
    families = [private_message(n) for n in res.notes if n.startswith("unmapped code family")]
    distrust = [n for n in families if "'2. Distrust'" in n]
    assert distrust[0].startswith("unmapped code family '2. Distrust': 10 code(s), 41 coding(s)")
    assert not any("have no role" in n for n in res.notes)


def test_nvivo_round_trip_gives_the_same_segments_codings_and_coders(
    nvivo, tmp_path: Path, root: Path
) -> None:
    """NVivo -> clean -> export-qdpx -> clean, in both position units."""
    base, first = nvivo
    for positions in qdpx.POSITIONS:
        out = tmp_path / positions / "nvivo_again.qdpx"
        qdpx.export_region("kupang", out, root=base, positions=positions)
        xml = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
        xmlschema.XMLSchema(str(DATA / "Project.xsd")).validate(xml)
        again = clean_region(
            "kupang", root=make_root(tmp_path / positions, root, out), write_outputs=False
        )
        want, got = tables(first), tables(again)
        for t in TABLES:
            pd.testing.assert_frame_equal(got[t], want[t])
        assert again.rejects.empty


# --------------------------------------------------------------------------- ATLAS.ti 8
def test_atlas_reports_each_unreadable_source_once(tmp_path: Path, root: Path) -> None:
    res = clean_region("kupang", root=make_root(tmp_path, root, ATLAS), write_outputs=False)
    lines = [n for n in res.notes if ": source " in n]
    assert len(lines) == 15  # 13 sources; a video's two transcripts are named apart
    simon = [n for n in lines if "Simon.docx" in n]
    assert (
        len(simon) == 1 and "missing from the archive; its 3 selection(s) are not read" in simon[0]
    )
    assert any("(PictureSource) has no text transcript; its 1 selection(s)" in n for n in lines)
    assert res.warnings == [
        "interviews/atlasti8_refi_standard_project.qdpx: none of its 11 text source(s) could "
        "be read (see above)"
    ]
    assert res.tables["interview_segments"].empty
    # the manifest's copy names no source (names withheld), only the file's pseudonym
    public = " ".join(res.public_notes)
    for name in ("Simon", "Mabel", "Coca Cola", "atlasti8"):
        assert name not in public


def test_atlas_round_trip_keeps_its_informants_without_segments(tmp_path: Path, root: Path) -> None:
    """No text can be read: the export is a valid project of informants without sources
    (Users and CodeBook present), and reading it back gives the same informants."""
    base = make_root(tmp_path / "a", root, ATLAS)
    first = clean_region("kupang", root=base)
    out = tmp_path / "atlas_again.qdpx"
    qdpx.export_region("kupang", out, root=base)
    xml = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
    xmlschema.XMLSchema(str(DATA / "Project.xsd")).validate(xml)
    assert "<Users>" in xml and "<CodeBook>" in xml
    again = clean_region("kupang", root=make_root(tmp_path / "b", root, out), write_outputs=False)
    want, got = tables(first), tables(again)
    for t in TABLES:
        pd.testing.assert_frame_equal(got[t], want[t], check_dtype=False, check_index_type=False)
    assert len(got["informants"]) == 7 and got["interview_segments"].empty


def test_nvivo_region_datapackage_validates_with_its_code_names(nvivo) -> None:
    """The theme column's allowed values are the taxonomy plus the codes kept unmapped."""
    from frictionless import validate

    base, _ = nvivo
    report = validate(base / "data" / "processed" / "kupang" / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_atlas_keeps_the_selections_of_a_source_whose_text_is_there(
    tmp_path: Path, root: Path
) -> None:
    """The standard project with one of its missing texts put back (Simon.docx's, built to
    the project's own positions): its 3 selections are kept, the rest reported per source."""
    text = [" "] * 950
    for at, words in (
        (215, "I did try the gluten free bread, but it was always so soggy,"),
        (513, "But to be honest, I used to have a much bigger breakfast, and these days I find"),
        (688, "fatty foods do damage " * 9 + "in the end"),
    ):
        text[at : at + len(words)] = words
    text[687], text[907] = " ", " "
    body = "".join(text[:950])
    copy = tmp_path / "atlas_with_simon.qdpx"
    shutil.copy(ATLAS, copy)
    with zipfile.ZipFile(copy, "a") as zf:
        zf.writestr("Sources/C1C745F7-8E4D-48B2-9710-655AFE7E54FA.txt", body)
    res = clean_region("kupang", root=make_root(tmp_path, root, copy), write_outputs=False)
    seg, codes = res.tables["interview_segments"], res.tables["segment_codes"]
    assert len(seg) == 3 and seg["informant_id"].nunique() == 1
    assert "gluten free bread" in " ".join(seg["text"])
    assert len(codes) == 3 and set(codes["aspect"]) == {"unmapped"}
    lines = [n for n in res.notes if ": source " in n]
    assert len(lines) == 14 and not any("Simon.docx" in n for n in lines)
    assert res.warnings == []
