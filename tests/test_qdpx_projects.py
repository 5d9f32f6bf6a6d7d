"""What real projects hold, built in code: projects with nothing to analyse, coders the
project does not declare, source texts in every encoding a tool writes, informants without
a role, and the tool version the manifest records.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from analysis.clean.flow import clean_region
from analysis.errors import InputError
from analysis.read.files import read_any

U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
THEME = "EEEEEEEE-0000-4000-8000-000000000002"
SRC = "AAAAAAAA-0000-4000-8000-000000000001"
TEXT = "Kami turun ke sekolah – setiap bulan, kata Pak Kasat. Akun anonim menyulitkan."
PART = "Kami turun ke sekolah – setiap bulan"
USERS = f'<Users><User guid="{U1}" name="Siti Rahayu"/></Users>'
CODES = (
    f'<CodeBook><Codes><Code guid="{THEME}" name="Sosialisasi hukum" isCodable="true"/>'
    "</Codes></CodeBook>"
)


def sel(codings: str = "", user: str = U1, n: int = 1, part: str = PART) -> str:
    a = TEXT.index(part)
    return (
        f'<PlainTextSelection guid="B0000000-0000-4000-8000-{n:012d}" name="" '
        f'startPosition="{a}" endPosition="{a + len(part)}" creatingUser="{user}">{codings}'
        "</PlainTextSelection>"
    )


def coding(user: str | None = U1, n: int = 1) -> str:
    who = f' creatingUser="{user}"' if user else ""
    return (
        f'<Coding guid="F0000000-0000-4000-8000-{n:012d}"{who}>'
        f'<CodeRef targetGUID="{THEME}"/></Coding>'
    )


def source(body: str = "", name: str = "Wawancara Alfa", guid: str = SRC, desc: str = "") -> str:
    d = f"<Description>{desc}</Description>" if desc else ""
    return (
        f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">'
        f"{d}{body}</TextSource>"
    )


def project(sources: str = "", users: str = USERS, codes: str = CODES, origin: str = "T 1.0"):
    srcs = f"<Sources>{sources}</Sources>" if sources else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="{origin}">'
        f"{users}{codes}{srcs}</Project>"
    )


def make(tmp: Path, xml: str, texts: dict[str, bytes] | None = None, name="p.qdpx") -> Path:
    texts = {SRC: TEXT.encode("utf-8")} if texts is None else texts
    path = tmp / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", xml)
        for g, data in texts.items():
            zf.writestr(f"Sources/{g}.txt", data)
    return path


def region_root(tmp: Path, root: Path, project_file: Path, qda: dict | None = None) -> Path:
    base = tmp / "root"
    shutil.copytree(root / "config", base / "config")
    if qda is not None:
        cfg = base / "config" / "regions" / "kupang.yml"
        data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
        data["qda"] = qda
        cfg.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    folder = base / "data" / "raw" / "kupang" / "interviews"
    folder.mkdir(parents=True)
    shutil.copy(project_file, folder / project_file.name)
    return base


def selections_sheet(path: Path):
    return {s.sheet: s for s in read_any(path, f"interviews/{path.name}", set(), [])}["Selections"]


# --------------------------------------------------------------------------- loud emptiness
@pytest.mark.parametrize(
    "xml,texts,line",
    [
        (project(), {}, "the project holds no text sources (0 source(s) of other kinds)"),
        (project(codes=""), {}, "the project holds no text sources"),
        (project(source()), None, "holds no text selections (no coded segments) in its 1 text"),
        (project(source(sel())), None, "its 1 text selection(s) carry no codings"),
        (project(source(sel(coding()))), {}, "none of its 1 text source(s) could be read"),
    ],
    ids=["codebook only", "blank", "no selections", "no codings", "no readable text"],
)
def test_a_project_with_nothing_to_analyse_says_so_in_one_line(
    tmp_path: Path, xml: str, texts, line: str
) -> None:
    s = selections_sheet(make(tmp_path, xml, texts))
    assert len(s.warnings) == 1
    assert s.warnings[0].startswith("interviews/p.qdpx: ") and line in s.warnings[0]
    assert "\n" not in s.warnings[0]


def test_a_coded_project_has_no_warning(tmp_path: Path) -> None:
    s = selections_sheet(make(tmp_path, project(source(sel(coding())))))
    assert s.warnings == [] and s.notes == []


def test_validate_strict_fails_on_an_empty_project(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from analysis.cli import main

    base = region_root(tmp_path, root, make(tmp_path, project(), {}))
    monkeypatch.setenv("ANALYSIS_ROOT", str(base))
    assert main(["validate", "--region", "kupang"]) == 0
    out = capsys.readouterr().out
    assert "warning: interviews/p.qdpx: the project holds no text sources" in out
    assert main(["validate", "--region", "kupang", "--strict"]) == 1


def test_a_bare_qde_names_each_source_without_text(tmp_path: Path) -> None:
    """A MAXQDA-style .qde: its sources point into an archive it is not in."""
    names = [f"Interview {i}" for i in range(3)]
    guids = [f"AAAAAAAA-0000-4000-8000-00000000001{i}" for i in range(3)]
    xml = project("".join(source(name=n, guid=g) for n, g in zip(names, guids, strict=True)))
    path = tmp_path / "p.qde"
    path.write_text(xml, encoding="utf-8")
    s = selections_sheet(path)
    assert len(s.notes) == 3
    for n, line in zip(names, s.notes, strict=True):
        assert n in line and "a bare .qde holds no source files" in line
    assert "none of its 3 text source(s) could be read" in s.warnings[0]


# --------------------------------------------------------------------------- coders
def test_a_coding_by_an_undeclared_user_is_one_line(tmp_path: Path) -> None:
    xml = project(source(sel(coding(U1, 1) + coding(U2, 2))))
    with pytest.raises(InputError) as e:
        read_any(make(tmp_path, xml), "interviews/p.qdpx", set(), [])
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith("interviews/p.qdpx")
    assert U2.lower() in msg and "not among the project's Users" in msg
    assert "coders" not in msg


def test_a_selection_by_an_undeclared_user_counts_when_it_is_the_coder(tmp_path: Path) -> None:
    """A coding without a user falls back on its selection's user, which must be declared."""
    xml = project(source(sel(coding(None), user=U2)))
    with pytest.raises(InputError, match="not among the project's Users"):
        read_any(make(tmp_path, xml), "interviews/p.qdpx", set(), [])


# --------------------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),  # with its byte-order mark
        lambda t: t.encode("utf-16-le"),  # without: "Unicode text" as Windows saves it
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8 BOM", "utf-16 BOM", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_source_texts_are_decoded_as_csv_files_are(tmp_path: Path, encode) -> None:
    s = selections_sheet(make(tmp_path, project(source(sel(coding()))), {SRC: encode(TEXT)}))
    assert s.frame[4].tolist() == [PART] and s.cell_problems == []


@pytest.mark.parametrize(
    "data,why",
    [
        (bytes(range(256)) * 40, "neither UTF-8 nor Windows-1252"),  # a picture renamed .txt
        (b"PK\x03\x04" + bytes(range(1, 32)) * 100, "decodes to garbage"),  # cp1252 reads it
        (TEXT.encode("utf-8") + b"\x00" + TEXT.encode("utf-8"), "NUL characters"),
    ],
    ids=["undecodable", "control characters", "a NUL"],
)
def test_a_text_that_decodes_to_garbage_is_rejected_naming_its_source(
    tmp_path: Path, root: Path, data: bytes, why: str
) -> None:
    path = make(tmp_path, project(source(sel(coding()))), {SRC: data})
    s = selections_sheet(path)
    assert s.frame[4].tolist() == [""]
    (problem,) = [p for _, _, p in s.cell_problems]
    assert SRC in problem and why in problem
    assert any(SRC in n for n in s.notes)
    res = clean_region("kupang", root=region_root(tmp_path, root, path), write_outputs=False)
    assert res.tables["interview_segments"].empty


# --------------------------------------------------------------------------- informants
@pytest.mark.parametrize(
    "desc,qda,role",
    [
        ("Jabatan: Penyidik\nDiwawancarai di kantor", None, "investigator"),
        ("", {"roles": {"wawancara ALFA": "Penyidik"}}, "investigator"),
        ("Catatan: wawancara kedua", {"roles": {"Wawancara Beta": "Penyidik"}}, "unknown"),
    ],
    ids=["source description", "config by source name", "neither"],
)
def test_an_informant_without_a_role_keeps_its_segments(
    tmp_path: Path, root: Path, desc: str, qda, role: str
) -> None:
    path = make(tmp_path, project(source(sel(coding()), desc=desc)))
    res = clean_region("kupang", root=region_root(tmp_path, root, path, qda), write_outputs=False)
    assert res.tables["informants"]["role"].tolist() == [role]
    assert res.tables["interview_segments"]["text"].tolist() == [PART]
    assert len(res.tables["segment_codes"]) == 1 and res.rejects.empty
    unknown = [n for n in res.notes if "have no role" in n]
    assert len(unknown) == (role == "unknown")


def test_a_role_the_vocabulary_does_not_know_is_still_a_reject(tmp_path: Path, root: Path) -> None:
    """A role the project does give, but misspelt, is reported with a suggestion."""
    path = make(tmp_path, project(source(sel(coding()), desc="Jabatan: Penyidk")))
    res = clean_region("kupang", root=region_root(tmp_path, root, path), write_outputs=False)
    rej = res.rejects[res.rejects["source_sheet"] == "Sources"]
    assert "unknown role label 'Penyidk'" in rej["problem"].iloc[0]
    assert "investigator" in rej["suggestion"].iloc[0]


# --------------------------------------------------------------------------- manifest
def test_the_tool_version_reaches_the_manifest_without_a_false_positive(
    tmp_path: Path, root: Path
) -> None:
    origin = "ATLAS.ti for Windows 23.2.1.27394 (2023-09-01)"
    path = make(tmp_path, project(source(sel(coding())), origin=origin))
    base = region_root(tmp_path, root, path)
    clean_region("kupang", root=base)  # passes the privacy gate
    manifest = (base / "data" / "processed" / "kupang" / "manifest.json").read_text("utf-8")
    assert '"exported_by": "ATLAS.ti for Windows 23.2.1"' in manifest
    assert "NOMOR" not in manifest


def test_an_unmapped_code_name_is_scrubbed_before_it_is_kept(tmp_path: Path, root: Path) -> None:
    """A code is the researcher's free text: a name or number in it never reaches the table,
    and the family line's shareable copy withholds it."""
    odd = "EEEEEEEE-0000-4000-8000-000000000099"
    codes = (
        f'<CodeBook><Codes><Code guid="{odd}" name="Cerita Pak Yohanes 081234567890" '
        'isCodable="true"/></Codes></CodeBook>'
    )
    c = f'<Coding guid="F0000000-0000-4000-8000-000000000001" creatingUser="{U1}">'
    xml = project(source(sel(c + f'<CodeRef targetGUID="{odd}"/></Coding>')), codes=codes)
    path = make(tmp_path, xml)
    base = region_root(tmp_path, root, path)
    res = clean_region("kupang", root=base)  # written: the privacy gate scans the tables
    (theme,) = res.tables["segment_codes"]["theme"].tolist()
    assert "081234567890" not in theme and "Yohanes" not in theme and theme.startswith("Cerita")
    assert not any("081234567890" in n or "Yohanes" in n for n in res.public_notes)
