"""REFI-QDA (.qdpx) import and export.

Every shape of real exports the importer must handle is built here in code, as a small
project (XML + source texts zipped), then read through the same cleaning as the workbooks.
The ATLAS.ti standard project and the schema in tests/data/refi-qda/ are third-party
references (MIT, see the README there).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.clean.flow import clean_region
from analysis.errors import InputError
from analysis.interop import qdpx as qdpx_export
from analysis.read.files import read_any
from analysis.read.qdpx import archive as qdpx_archive

DATA = Path(__file__).parent / "data" / "refi-qda"
ATLAS = DATA / "atlasti8_refi_standard_project.qdpx"
PROV = ["source_file", "source_sheet", "source_row"]
INTERVIEW_TABLES = ["informants", "interview_segments", "segment_codes"]

U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
U3 = "33333333-3333-4333-8333-333333333333"
SRC = "AAAAAAAA-0000-4000-8000-000000000001"
CASE = "CCCCCCCC-0000-4000-8000-000000000001"
VAR_ROLE = "DDDDDDDD-0000-4000-8000-000000000001"
ASPECT = "EEEEEEEE-0000-4000-8000-000000000001"
THEME = "EEEEEEEE-0000-4000-8000-000000000002"
THEME2 = "EEEEEEEE-0000-4000-8000-000000000003"
TEXT = "Kami turun ke sekolah setiap bulan. Akun anonim menyulitkan penyidikan."


def codebook(parent_codable: bool = False, extra: str = "") -> str:
    return (
        "<CodeBook><Codes>"
        f'<Code guid="{ASPECT}" name="Pre-emtif" isCodable="{str(parent_codable).lower()}">'
        f'<Code guid="{THEME}" name="Sosialisasi hukum" isCodable="true"/></Code>'
        f'<Code guid="{THEME2}" name="Akun anonim" isCodable="true"/>{extra}'
        "</Codes></CodeBook>"
    )


def coding(code: str, user: str | None = U2, guid: str = "") -> str:
    who = f' creatingUser="{user}"' if user else ""
    g = guid or f"F0000000-0000-4000-8000-{abs(hash((code, user))) % 10**12:012d}"
    return f'<Coding guid="{g}"{who}><CodeRef targetGUID="{code}"/></Coding>'


def selection(start: int, end: int, codings: str = "", n: int = 1, user: str = U1) -> str:
    return (
        f'<PlainTextSelection guid="B0000000-0000-4000-8000-{n:012d}" name="sel {n}" '
        f'startPosition="{start}" endPosition="{end}" creatingUser="{user}">{codings}'
        "</PlainTextSelection>"
    )


def span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def project(
    selections: str,
    codes: str | None = None,
    source_attrs: str = f'plainTextPath="internal://{SRC}.txt"',
    source_body: str = "",
    cases: str | None = None,
    variables: str | None = None,
    sets: str = "",
    users: str = "",
) -> str:
    if variables is None:
        variables = (
            f'<Variables><Variable guid="{VAR_ROLE}" name="Jabatan" typeOfVariable="Text"/>'
            "</Variables>"
        )
    if cases is None:
        cases = (
            f'<Cases><Case guid="{CASE}" name="Nama Samaran Alfa"><VariableValue>'
            f'<VariableRef targetGUID="{VAR_ROLE}"/><TextValue>Penyidik</TextValue>'
            f'</VariableValue><SourceRef targetGUID="{SRC}"/></Case></Cases>'
        )
    users = users or (
        f'<Users><User guid="{U1}" name="Siti Rahayu"/><User guid="{U2}" name="Budi Santoso"/>'
        f'<User guid="{U3}" name="Yohanes Kase"/></Users>'
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="FixtureTool 1.0">'
        f"{users}{codes if codes is not None else codebook()}{variables}{cases}"
        f'<Sources><TextSource guid="{SRC}" name="Wawancara Alfa" {source_attrs}>'
        f"{source_body}{selections}</TextSource></Sources>{sets}</Project>"
    )


def make_qdpx(
    tmp: Path,
    xml: str,
    texts: dict[str, str] | None = None,
    entry: str = "project.qde",
    folder: str = "sources",
    name: str = "coded.qdpx",
    text_bytes: dict[str, bytes] | None = None,
) -> Path:
    texts = {SRC: TEXT} if texts is None else texts
    path = tmp / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(entry, xml)
        for guid, text in texts.items():
            zf.writestr(f"{folder}/{guid}.txt", text)
        for arc, data in (text_bytes or {}).items():
            zf.writestr(arc, data)
    return path


def sheets(path: Path) -> dict[str, pd.DataFrame]:
    """Sheet name -> frame with the sheet's headers as column names."""
    out = {}
    for s in read_any(path, f"interviews/{path.name}", set(), []):
        f = s.frame.copy()
        f.columns = s.header
        out[s.sheet] = f
    return out


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory, root: Path):
    """A project root with the Kupang config and an empty interviews folder; returns a
    function that cleans one .qdpx placed there (without writing outputs)."""
    base = tmp_path_factory.mktemp("qdpx_region")
    shutil.copytree(root / "config", base / "config")
    folder = base / "data" / "raw" / "kupang" / "interviews"
    folder.mkdir(parents=True)

    def clean(path: Path):
        for p in folder.iterdir():
            p.unlink()
        shutil.copy(path, folder / path.name)
        return clean_region("kupang", root=base, write_outputs=False)

    return clean


# --------------------------------------------------------------------------- shapes
def test_one_source_with_cases_cleans_to_the_three_tables(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    c, d = span(TEXT, "Akun anonim menyulitkan penyidikan.")
    xml = project(selection(a, b, coding(THEME), 1) + selection(c, d, coding(THEME2), 2))
    res = region(make_qdpx(tmp_path, xml))
    inf, seg, codes = (res.tables[t] for t in INTERVIEW_TABLES)
    assert inf["role"].tolist() == ["investigator"]
    assert inf["informant_id"].tolist() == ["R01"]
    assert seg["text"].tolist() == [TEXT[a:b], TEXT[c:d]]
    assert set(seg["informant_id"]) == {"R01"}
    assert codes[["aspect", "theme"]].values.tolist() == [
        ["preemptive", "legal_education"],
        ["obstacle", "anonymous_accounts"],
    ]
    assert res.rejects.empty
    src = {s["sheet"]: s for s in res.sources}
    assert src["Selections"]["format"] == "REFI-QDA project (.qdpx)"
    assert src["Selections"]["exported_by"] == "FixtureTool 1.0"
    assert all(s["rows_read"] == s["rows_kept"] for s in res.sources)


def test_positions_in_utf16_units_with_crlf_are_detected(tmp_path: Path, region) -> None:
    text = (
        "Pembuka 😀 wawancara.\r\nKami turun ke sekolah setiap bulan 🙏 di Kupang.\r\n"
        "Akun anonim menyulitkan penyidikan."
    )
    parts = ["Kami turun ke sekolah", "setiap bulan", "Akun anonim menyulitkan penyidikan"]

    def utf16(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    sels = ""
    for n, p in enumerate(parts, 1):
        a, b = span(text, p)
        sels += selection(utf16(a), utf16(b), coding(THEME), n)
    path = make_qdpx(tmp_path, project(sels), {SRC: text})
    seg = sheets(path)["Selections"]
    assert seg["text"].tolist() == parts
    res = region(path)
    assert res.tables["interview_segments"]["text"].tolist() == parts
    assert [s.get("positions") for s in res.sources][0] == ["UTF-16 code units"]


def test_positions_in_characters_are_the_default(tmp_path: Path) -> None:
    text = "Pembuka 😀 wawancara.\r\nKami turun ke sekolah setiap bulan."
    a, b = span(text, "Kami turun ke sekolah")
    seg = sheets(make_qdpx(tmp_path, project(selection(a, b)), {SRC: text}))["Selections"]
    assert seg["text"].tolist() == ["Kami turun ke sekolah"]


def test_positions_counting_crlf_once_are_detected(tmp_path: Path) -> None:
    text = "Baris satu.\r\nBaris dua.\r\nKami turun ke sekolah setiap bulan."
    flat = text.replace("\r\n", "\n")
    a, b = span(flat, "Kami turun ke sekolah")
    seg = sheets(make_qdpx(tmp_path, project(selection(a, b)), {SRC: text}))["Selections"]
    assert seg["text"].tolist() == ["Kami turun ke sekolah"]


def test_a_selection_that_cuts_a_word_is_rejected_not_sliced(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    c, d = span(TEXT, "Akun anonim")
    xml = project(selection(a, b, coding(THEME), 1) + selection(c + 2, d, coding(THEME2), 2))
    res = region(make_qdpx(tmp_path, xml))
    assert res.tables["interview_segments"]["text"].tolist() == [TEXT[a:b]]
    rej = res.rejects[res.rejects["source_sheet"] == "Selections"]
    assert len(rej) == 1 and "inside a word" in rej["problem"].iloc[0]
    assert rej["source_row"].iloc[0] == 2
    # its coding goes too, with a reason, and the accounting balances
    assert len(res.tables["segment_codes"]) == 1
    assert "not in the segment sheet" in " ".join(res.rejects["problem"])


def test_guid_case_and_braces_do_not_matter(tmp_path: Path) -> None:
    a, b = span(TEXT, "Akun anonim menyulitkan penyidikan.")
    ref = "{" + THEME2.lower() + "}"
    xml = project(selection(a, b, coding(ref, "{" + U2.lower() + "}")))
    xml = xml.replace(
        f'<SourceRef targetGUID="{SRC}"/>', f'<SourceRef targetGUID="{SRC.lower()}"/>'
    )
    s = sheets(make_qdpx(tmp_path, xml))
    assert s["Codings"][["coder", "theme"]].values.tolist() == [["C1", "Akun anonim"]]
    assert s["Selections"]["informant"].tolist() == ["Nama Samaran Alfa"]


def test_coder_is_the_codings_creating_user_in_order_of_appearance(tmp_path: Path) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    c, d = span(TEXT, "Akun anonim menyulitkan penyidikan.")
    xml = project(
        selection(a, b, coding(THEME, U3) + coding(THEME, U2), 1, user=U1)
        + selection(c, d, coding(THEME2, None), 2, user=U2)
    )
    codes = sheets(make_qdpx(tmp_path, xml))["Codings"]
    # U3 first, then U2; the coding without a user falls back on its selection's (U2)
    assert codes["coder"].tolist() == ["C1", "C2", "C2"]
    every_cell = " ".join(
        str(v) for f in sheets(make_qdpx(tmp_path, xml)).values() for v in f.values.ravel()
    )
    for name in ("Siti", "Budi", "Yohanes"):
        assert name not in every_cell


def test_several_codings_per_selection_equal_several_selections(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    one = project(selection(a, b, coding(THEME, U1) + coding(THEME, U2), 1))
    two = project(selection(a, b, coding(THEME, U1), 1) + selection(a, b, coding(THEME, U2), 2))
    r1 = region(make_qdpx(tmp_path, one, name="one.qdpx"))
    r2 = region(make_qdpx(tmp_path, two, name="two.qdpx"))
    for t in INTERVIEW_TABLES:
        pd.testing.assert_frame_equal(
            r1.tables[t].drop(columns=PROV), r2.tables[t].drop(columns=PROV)
        )
    assert len(r1.tables["interview_segments"]) == 1
    assert r1.tables["segment_codes"]["coder"].tolist() == ["C1", "C2"]


def test_a_selection_without_coding_is_a_segment_without_codes(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    res = region(make_qdpx(tmp_path, project(selection(a, b))))
    assert len(res.tables["interview_segments"]) == 1
    assert res.tables["segment_codes"].empty and res.rejects.empty


@pytest.mark.parametrize("entry,folder", [("Project.qde", "Sources"), ("PROJECT.QDE", "sources")])
def test_entry_names_in_any_case(tmp_path: Path, entry: str, folder: str) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah")
    path = make_qdpx(tmp_path, project(selection(a, b)), entry=entry, folder=folder)
    assert sheets(path)["Selections"]["text"].tolist() == ["Kami turun ke sekolah"]


def test_missing_source_text_is_reported_and_inline_text_is_read(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah")
    res = region(make_qdpx(tmp_path, project(selection(a, b, coding(THEME))), texts={}))
    rej = res.rejects
    assert res.tables["interview_segments"].empty
    problem = rej.loc[rej["source_sheet"] == "Selections", "problem"].iloc[0]
    assert f"{SRC}.txt" in problem and "missing from the archive" in problem
    inline = project(
        selection(a, b, coding(THEME)),
        source_attrs="",
        source_body=f"<PlainTextContent>{TEXT}</PlainTextContent>",
    )
    res = region(make_qdpx(tmp_path, inline, texts={}, name="inline.qdpx"))
    assert res.tables["interview_segments"]["text"].tolist() == ["Kami turun ke sekolah"]


def test_text_outside_the_archive_is_not_read(tmp_path: Path) -> None:
    a, b = span(TEXT, "Kami")
    xml = project(selection(a, b), source_attrs='plainTextPath="absolute:///home/x/secret.txt"')
    path = make_qdpx(tmp_path, xml, texts={})
    s = read_any(path, "interviews/coded.qdpx", set(), [])[1]
    assert "outside the archive" in s.cell_problems[0][2]
    assert "/home/x" not in s.cell_problems[0][2]


def test_code_hierarchy_carries_aspect_and_theme(tmp_path: Path, region) -> None:
    """Children of an aspect code are themes; a codable parent coded directly is a code the
    vocabulary does not know: kept as unmapped under its own name, never guessed."""
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    c, d = span(TEXT, "Akun anonim menyulitkan penyidikan.")
    xml = project(
        selection(a, b, coding(THEME), 1) + selection(c, d, coding(ASPECT), 2),
        codes=codebook(parent_codable=True),
    )
    res = region(make_qdpx(tmp_path, xml))
    assert res.tables["segment_codes"][["aspect", "theme"]].values.tolist() == [
        ["preemptive", "legal_education"],
        ["unmapped", "Pre-emtif"],
    ]
    assert res.rejects.empty


def test_unmapped_code_is_kept_counted_and_named_by_family(tmp_path: Path, region) -> None:
    """A code no alias maps is kept (aspect 'unmapped', its own name as theme); the run
    ends with a count and one line per family naming the config key and the closest theme."""
    odd = "EEEEEEEE-0000-4000-8000-000000000009"
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    c, d = span(TEXT, "Akun anonim menyulitkan penyidikan.")
    extra = f'<Code guid="{odd}" name="Sosialisasi hukm" isCodable="true"/>'
    xml = project(
        selection(a, b, coding(odd), 1) + selection(c, d, coding(THEME2), 2),
        codes=codebook(extra=extra),
    )
    res = region(make_qdpx(tmp_path, xml))
    codes = res.tables["segment_codes"]
    assert codes[["aspect", "theme"]].values.tolist() == [
        ["unmapped", "Sosialisasi hukm"],
        ["obstacle", "anonymous_accounts"],
    ]
    assert res.rejects.empty
    notes = [n for n in res.notes if "unmapped" in n]
    assert notes[0].startswith("1 of 2 codings use codes that no theme alias maps")
    (family,) = [n for n in notes if n.startswith("unmapped code family")]
    assert "Sosialisasi hukm" in family and "legal_education" in family
    assert "aliases.labels.theme in config/regions/kupang.yml" in family
    assert notes[-1] == res.notes[-1]  # the run ends with them
    # the shareable copy (manifest) withholds the code names
    assert not any("Sosialisasi hukm" in n for n in res.public_notes)


def test_a_config_alias_maps_a_code_by_name_or_by_parent_path(tmp_path: Path, root: Path) -> None:
    """`aliases.labels.theme` maps a project's code to a theme, by its name or, where two
    parents hold codes of the same name, by 'parent::code'; the aspect follows the theme."""
    import yaml

    base = tmp_path / "proj"
    shutil.copytree(root / "config", base / "config")
    cfg = base / "config" / "regions" / "kupang.yml"
    data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
    data["aliases"]["labels"] = {"theme": {"Lainnya::Catatan": "forensic_capacity"}}
    cfg.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    g1, g2, p1, p2 = (f"EEEEEEEE-0000-4000-8000-0000000001{i:02d}" for i in range(4))
    codes = (
        f'<CodeBook><Codes><Code guid="{p1}" name="Lainnya" isCodable="false">'
        f'<Code guid="{g1}" name="Catatan" isCodable="true"/></Code>'
        f'<Code guid="{p2}" name="Umum" isCodable="false">'
        f'<Code guid="{g2}" name="Catatan" isCodable="true"/></Code></Codes></CodeBook>'
    )
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    xml = project(selection(a, b, coding(g1) + coding(g2, U3)), codes=codes)
    folder = base / "data" / "raw" / "kupang" / "interviews"
    folder.mkdir(parents=True)
    make_qdpx(folder, xml)
    res = clean_region("kupang", root=base, write_outputs=False)
    assert res.tables["segment_codes"][["coder", "aspect", "theme"]].values.tolist() == [
        ["C1", "obstacle", "forensic_capacity"],
        ["C2", "unmapped", "Catatan"],
    ]


def test_atlas_style_parent_names_split_into_aspect_and_theme(tmp_path: Path) -> None:
    g = "EEEEEEEE-0000-4000-8000-000000000010"
    a, b = span(TEXT, "Kami")
    xml = project(
        selection(a, b, coding(g)),
        codes=f'<CodeBook><Codes><Code guid="{g}" name="Kendala::Akun anonim" isCodable="true"/>'
        "</Codes></CodeBook>",
    )
    codes = sheets(make_qdpx(tmp_path, xml))["Codings"]
    assert codes[["aspect", "theme"]].values.tolist() == [["Kendala", "Akun anonim"]]


def test_informant_attributes_from_sets(tmp_path: Path, region) -> None:
    a, b = span(TEXT, "Kami turun ke sekolah setiap bulan.")
    sets = (
        '<Sets><Set guid="99999999-0000-4000-8000-000000000001" name="Jabatan: Penyidik">'
        f'<MemberSource targetGUID="{SRC}"/></Set>'
        '<Set guid="99999999-0000-4000-8000-000000000002" name="Satuan: Ditreskrimsus">'
        f'<MemberSource targetGUID="{SRC}"/></Set></Sets>'
    )
    xml = project(selection(a, b, coding(THEME)), cases="", variables="", sets=sets)
    res = region(make_qdpx(tmp_path, xml))
    inf = res.tables["informants"]
    assert inf[["role", "unit"]].values.tolist() == [["investigator", "Ditreskrimsus"]]
    assert res.tables["interview_segments"]["informant_id"].tolist() == ["R01"]
    assert [s["sheet"] for s in res.sources][0] == "Sources"


def test_informant_names_are_scrubbed_from_segment_text(tmp_path: Path, region) -> None:
    text = "Nama Samaran Alfa bilang kami turun ke sekolah."
    a, b = 0, len(text)
    res = region(make_qdpx(tmp_path, project(selection(a, b, coding(THEME))), {SRC: text}))
    out = res.tables["interview_segments"]["text"].iloc[0]
    assert "Alfa" not in out and "sekolah" in out


# --------------------------------------------------------------------------- ATLAS.ti
def test_atlas_standard_project_reports_its_missing_texts(region) -> None:
    s = {x.sheet: x for x in read_any(ATLAS, "interviews/atlas.qdpx", set(), [])}
    problems = [p for _, _, p in s["Selections"].cell_problems]
    assert len(problems) == len(s["Selections"].frame)  # every selection says why
    missing = [p for p in problems if "missing from the archive" in p]
    assert {p.split("(")[1].split(")")[0] for p in missing} >= {
        "internal://C1C745F7-8E4D-48B2-9710-655AFE7E54FA.txt"
    }
    assert any("PictureSelection is not text" in p for p in problems)
    assert s["Selections"].source_info["exported_by"] == "ATLAS.ti 8.4.0"  # no OS details
    res = region(ATLAS)
    assert res.tables["interview_segments"].empty
    for src in res.sources:
        assert src["rows_read"] == src["rows_kept"] + src["rows_rejected"] + src["rows_duplicate"]
    dump = res.rejects.to_csv() + str(res.sources)
    for name in ("Markgraf", "Petrausch", "Mabel", "Simon", "/Users/"):
        assert name not in dump


# --------------------------------------------------------------------------- bad files
def one_line(exc: pytest.ExceptionInfo[InputError], label: str) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith(label)
    return msg


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "x.qdpx"
    p.write_text("Segment,Text\n1,hello\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/x.qdpx", set(), [])
    assert "not a zip" in one_line(e, "interviews/x.qdpx")


def test_no_project_xml(tmp_path: Path) -> None:
    p = tmp_path / "x.qdpx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("sources/a.txt", "teks")
        zf.writestr("nested/project.qde", "<Project/>")
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/x.qdpx", set(), [])
    assert "no project XML" in one_line(e, "interviews/x.qdpx")


def test_not_a_project(tmp_path: Path) -> None:
    p = make_qdpx(tmp_path, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "not a REFI-QDA project" in one_line(e, "interviews/coded.qdpx")


@pytest.mark.parametrize(
    "broken",
    [
        lambda x: x.replace(f'<CodeRef targetGUID="{THEME}"/>', '<CodeRef targetGUID="0-0"/>'),
        lambda x: x.replace(f'<SourceRef targetGUID="{SRC}"/>', f'<SourceRef targetGUID="{U1}"/>'),
        lambda x: x.replace(
            f'<VariableRef targetGUID="{VAR_ROLE}"/>', f'<VariableRef targetGUID="{U1}"/>'
        ),
    ],
    ids=["code", "case source", "variable"],
)
def test_dangling_guid_references(tmp_path: Path, broken) -> None:
    a, b = span(TEXT, "Kami")
    p = make_qdpx(tmp_path, broken(project(selection(a, b, coding(THEME)))))
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "which is not" in one_line(e, "interviews/coded.qdpx")


def test_positions_past_the_end_of_the_text(tmp_path: Path, region) -> None:
    xml = project(selection(5, len(TEXT) + 40, coding(THEME)))
    res = region(make_qdpx(tmp_path, xml))
    rej = res.rejects[res.rejects["source_sheet"] == "Selections"]
    assert len(rej) == 1 and "\n" not in rej["problem"].iloc[0]
    assert "past the end of the text" in rej["problem"].iloc[0]


def test_zip_bomb(tmp_path: Path) -> None:
    a, b = span(TEXT, "Kami")
    p = make_qdpx(
        tmp_path,
        project(selection(a, b)),
        text_bytes={"sources/bomb.txt": b"\0" * 11_000_000},
    )
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "zip bomb" in one_line(e, "interviews/coded.qdpx")


def test_total_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qdpx_archive, "MAX_UNCOMPRESSED", 1000)
    p = make_qdpx(tmp_path, project(selection(0, 4)), {SRC: TEXT * 20})
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "would expand to" in one_line(e, "interviews/coded.qdpx")


def test_entry_that_lies_about_its_size_is_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qdpx_archive, "MAX_ENTRY", 100)
    p = make_qdpx(tmp_path, project(selection(0, 4)))
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "expands beyond" in one_line(e, "interviews/coded.qdpx")


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    xml = project(selection(0, 4)).replace(
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
    )
    p = make_qdpx(tmp_path, xml)
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "XML entities" in one_line(e, "interviews/coded.qdpx")


def test_malformed_xml(tmp_path: Path) -> None:
    p = make_qdpx(tmp_path, "<Project><Sources>")
    with pytest.raises(InputError) as e:
        read_any(p, "interviews/coded.qdpx", set(), [])
    assert "not well-formed" in one_line(e, "interviews/coded.qdpx")


def test_bare_qde_without_archive(tmp_path: Path) -> None:
    a, b = span(TEXT, "Kami")
    p = tmp_path / "coded.qde"
    p.write_text(project(selection(a, b)), encoding="utf-8")
    s = read_any(p, "interviews/coded.qde", set(), [])[1]
    assert "bare .qde holds no source files" in s.cell_problems[0][2]
    inline = project(
        selection(a, b), source_attrs="", source_body=f"<PlainTextContent>{TEXT}</PlainTextContent>"
    )
    p.write_text(inline, encoding="utf-8")
    seg = read_any(p, "interviews/coded.qde", set(), [])[1]
    assert seg.frame[4].tolist() == ["Kami"] and seg.source_info["format"].endswith("(.qde)")


# --------------------------------------------------------------------------- export
@pytest.fixture(scope="module")
def exported(cleaned, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root, _ = cleaned
    out = tmp_path_factory.mktemp("export") / "kupang.qdpx"
    qdpx_export.export_region("kupang", out, root=root)
    return root, out


def test_export_validates_against_the_schema(exported) -> None:
    import xmlschema

    _, out = exported
    schema = xmlschema.XMLSchema(str(DATA / "Project.xsd"))
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("project.qde").decode("utf-8")
        names = zf.namelist()
    schema.validate(xml)
    assert schema.is_valid(zipfile.ZipFile(ATLAS).read("Project.qde").decode("utf-8"))
    assert all(n == "project.qde" or n.startswith("Sources/") for n in names)
    assert "Nama Samaran" not in xml  # only pseudonyms (R01, ...) and coder codes


def test_export_is_deterministic(exported, tmp_path: Path) -> None:
    root, out = exported
    again = tmp_path / "again.qdpx"
    qdpx_export.export_region("kupang", again, root=root)
    assert again.read_bytes() == out.read_bytes()
    with zipfile.ZipFile(out) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def interview_tables(result) -> dict[str, pd.DataFrame]:
    return {t: result.tables[t].drop(columns=PROV).reset_index(drop=True) for t in INTERVIEW_TABLES}


def test_round_trip_is_exact(cleaned, exported, region) -> None:
    _, original = cleaned
    _, out = exported
    back = interview_tables(region(out))
    want = interview_tables(original)
    # coders become C1, C2 in order of first appearance: the same people, renamed
    pairs = pd.DataFrame(
        {"a": want["segment_codes"]["coder"], "b": back["segment_codes"]["coder"]}
    ).drop_duplicates()
    assert pairs["a"].is_unique and pairs["b"].is_unique
    back["segment_codes"]["coder"] = back["segment_codes"]["coder"].map(
        dict(zip(pairs["b"], pairs["a"], strict=True))
    )
    for t in INTERVIEW_TABLES:
        pd.testing.assert_frame_equal(back[t], want[t])


def test_cli_export(cleaned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from analysis.cli import main

    root, _ = cleaned
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    out = tmp_path / "cli.qdpx"
    assert main(["export-qdpx", "--region", "kupang", "--out", str(out)]) == 0
    assert zipfile.is_zipfile(out) and "wrote" in capsys.readouterr().out
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    (tmp_path / "config" / "regions").mkdir(parents=True)
    shutil.copy(root / "config" / "regions" / "kupang.yml", tmp_path / "config" / "regions")
    assert main(["export-qdpx", "--region", "kupang", "--out", str(out)]) == 2
    assert "the file exists" in capsys.readouterr().err  # refused before anything is read
    none = tmp_path / "none.qdpx"
    assert main(["export-qdpx", "--region", "kupang", "--out", str(none)]) == 2
    assert "run `analysis clean" in capsys.readouterr().err and not none.exists()


# --------------------------------------------------------------------------- bundled example
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "kupang" / "interviews.qdpx"


def test_bundled_example_equals_a_fresh_export(exported) -> None:
    _, out = exported
    assert EXAMPLE.read_bytes() == out.read_bytes(), (
        "data/examples/kupang/interviews.qdpx is stale; rewrite it with "
        "`analysis clean --region kupang` then "
        "`analysis export-qdpx --region kupang --out data/examples/kupang/interviews.qdpx`"
    )


def test_region_cleaned_from_the_example_gives_the_same_findings(
    cleaned, tmp_path: Path, root: Path
) -> None:
    from analysis.claims.findings import evaluate_region

    base, original = cleaned
    copy = tmp_path / "from_qdpx"
    shutil.copytree(root / "config", copy / "config")
    shutil.copytree(root / "data" / "raw", copy / "data" / "raw")
    interviews = copy / "data" / "raw" / "kupang" / "interviews"
    for p in interviews.glob("*.xlsx"):
        p.unlink()
    shutil.copy(EXAMPLE, interviews / EXAMPLE.name)
    res = clean_region("kupang", root=copy)
    got, want = interview_tables(res), interview_tables(original)
    for t in ("informants", "interview_segments"):
        pd.testing.assert_frame_equal(got[t], want[t])
    cols = ["segment_id", "aspect", "theme"]
    pd.testing.assert_frame_equal(got["segment_codes"][cols], want["segment_codes"][cols])
    for t in ("outreach", "cases", "case_stages"):
        pd.testing.assert_frame_equal(res.tables[t], original.tables[t])
    assert evaluate_region("kupang", copy) == evaluate_region("kupang", base)
    manifest = (copy / "data" / "processed" / "kupang" / "manifest.json").read_text()
    assert '"format": "REFI-QDA project (.qdpx)"' in manifest
    assert '"exported_by": "analysis' in manifest
