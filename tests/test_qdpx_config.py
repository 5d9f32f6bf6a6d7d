"""The region config's `qda:` key: whether a .qdpx project's sources are informants or
interviews grouped into informants by Cases, and its checks (one line naming file and key).

One project, built in code, tells the three settings apart: two interviews (sources A and B)
belong to one Case (a person), a third source C belongs to no case and carries its own role.
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
from analysis.region.config import ConfigError, load_file

U1 = "11111111-1111-4111-8111-111111111111"
THEME = "EEEEEEEE-0000-4000-8000-000000000002"
VAR = "DDDDDDDD-0000-4000-8000-000000000001"
CASE = "CCCCCCCC-0000-4000-8000-000000000001"
SRC = {k: f"AAAAAAAA-0000-4000-8000-00000000000{i}" for i, k in enumerate("ABC", 1)}
TEXT = {
    "A": "Kami turun ke sekolah setiap bulan.",
    "B": "Sosialisasi juga di kampus setiap semester.",
    "C": "Patroli siber memantau akun setiap pekan.",
}


def _role(value: str) -> str:
    return f'<VariableValue><VariableRef targetGUID="{VAR}"/><TextValue>{value}</TextValue></VariableValue>'


def _source(k: str, body: str = "") -> str:
    sel = (
        f'<PlainTextSelection guid="B0000000-0000-4000-8000-00000000000{"ABC".index(k)}" '
        f'startPosition="0" endPosition="{len(TEXT[k])}"><Coding guid="F0000000-0000-4000-8000-'
        f'00000000000{"ABC".index(k)}" creatingUser="{U1}"><CodeRef targetGUID="{THEME}"/>'
        "</Coding></PlainTextSelection>"
    )
    return (
        f'<TextSource guid="{SRC[k]}" name="Wawancara {k}" '
        f'plainTextPath="internal://{SRC[k]}.txt">{body}{sel}</TextSource>'
    )


def make(tmp: Path, with_case: bool = True) -> Path:
    """Sources A and B in one case (role from the case), C in none (role on the source)."""
    case = (
        f'<Cases><Case guid="{CASE}" name="Nama Samaran Alfa">{_role("Penyidik")}'
        f'<SourceRef targetGUID="{SRC["A"]}"/><SourceRef targetGUID="{SRC["B"]}"/></Case></Cases>'
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="FixtureTool 1.0">'
        f'<Users><User guid="{U1}" name="Siti Rahayu"/></Users>'
        f'<CodeBook><Codes><Code guid="{THEME}" name="Sosialisasi hukum" isCodable="true"/>'
        f'</Codes></CodeBook><Variables><Variable guid="{VAR}" name="Jabatan" '
        f'typeOfVariable="Text"/></Variables>{case if with_case else ""}<Sources>'
        f"{_source('A')}{_source('B')}{_source('C', _role('Penyidik'))}</Sources></Project>"
    )
    path = tmp / ("coded.qdpx" if with_case else "nocase.qdpx")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", xml)
        for k, text in TEXT.items():
            zf.writestr(f"sources/{SRC[k]}.txt", text)
    return path


@pytest.fixture
def region(tmp_path: Path, root: Path):
    """Clean one .qdpx as the only interview file of a Kupang copy whose config has
    `qda:` set to the given mapping (or absent when None)."""

    def clean(path: Path, qda: dict | None):
        base = tmp_path / "region"
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(root / "config", base / "config")
        cfg = base / "config" / "regions" / "kupang.yml"
        data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
        if qda is not None:
            data["qda"] = qda
        cfg.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        folder = base / "data" / "raw" / "kupang" / "interviews"
        folder.mkdir(parents=True)
        shutil.copy(path, folder / path.name)
        return clean_region("kupang", root=base, write_outputs=False)

    return clean


def informant_of_each_segment(res) -> list[str]:
    seg = res.tables["interview_segments"]
    return seg.sort_values("text")["informant_id"].tolist()  # B, C... by text: A "Kami" last


@pytest.mark.parametrize(
    "qda", [None, {}, {"informants_from": "auto"}], ids=["absent", "empty", "auto"]
)
def test_auto_takes_cases_when_the_project_has_them(tmp_path: Path, region, qda) -> None:
    res = region(make(tmp_path), qda)
    assert res.tables["informants"]["informant_id"].tolist() == ["R01"]
    assert sorted(res.tables["interview_segments"]["text"]) == sorted([TEXT["A"], TEXT["B"]])
    assert set(res.tables["interview_segments"]["informant_id"]) == {"R01"}
    rej = res.rejects[res.rejects["source_sheet"] == "Selections"]
    assert rej["problem"].str.contains("belongs to no case").tolist() == [True]
    assert [s["sheet"] for s in res.sources][0] == "Cases"


def test_auto_falls_back_on_sources_without_cases(tmp_path: Path) -> None:
    path = make(tmp_path, with_case=False)
    for qda in (None, {"informants_from": "auto"}, {"informants_from": "sources"}):
        inf = read_any(path, "interviews/nocase.qdpx", set(), [], None, qda)[0]
        assert inf.sheet == "Sources"
        assert inf.frame[0].tolist() == [f"Wawancara {k}" for k in "ABC"]


def test_cases_groups_several_interviews_under_one_informant(tmp_path: Path, region) -> None:
    res = region(make(tmp_path), {"informants_from": "cases"})
    inf, seg = res.tables["informants"], res.tables["interview_segments"]
    assert inf[["informant_id", "role"]].values.tolist() == [["R01", "investigator"]]
    assert len(seg) == 2 and set(seg["informant_id"]) == {"R01"}
    rej = res.rejects[res.rejects["source_sheet"] == "Selections"]
    assert len(rej) == 1 and "belongs to no case" in rej["problem"].iloc[0]


def test_cases_without_cases_in_the_project_is_one_line(tmp_path: Path) -> None:
    path = make(tmp_path, with_case=False)
    with pytest.raises(InputError) as e:
        read_any(path, "interviews/nocase.qdpx", set(), [], None, {"informants_from": "cases"})
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith("interviews/nocase.qdpx")
    assert "qda.informants_from: cases" in msg and "no cases" in msg


def test_sources_makes_each_interview_an_informant(tmp_path: Path, region) -> None:
    res = region(make(tmp_path), {"informants_from": "sources"})
    inf, seg = res.tables["informants"], res.tables["interview_segments"]
    assert len(inf) == 3 and inf["informant_id"].is_unique
    # the case still describes its sources (A, B); C has its own role
    assert inf["role"].tolist() == ["investigator"] * 3
    assert len(seg) == 3 and seg["informant_id"].nunique() == 3
    assert res.rejects.empty
    assert [s["sheet"] for s in res.sources][0] == "Sources"


def test_a_bad_value_names_file_and_key(tmp_path: Path, region) -> None:
    with pytest.raises(ConfigError) as e:
        region(make(tmp_path), {"informants_from": "people"})
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(tmp_path / "region" / "config"))
    assert "kupang.yml: key 'qda.informants_from'" in msg and "'people'" in msg
    assert "auto, cases, sources" in msg


@pytest.mark.parametrize(
    ("qda", "message"),
    [
        ({"informants_from": 3}, "key 'qda.informants_from': expected text"),
        ({"informants": "cases"}, "key 'qda.informants' is unknown"),
        ("cases", "key 'qda': expected a mapping"),
    ],
)
def test_config_shape_is_checked_on_load(tmp_path: Path, root: Path, qda, message) -> None:
    data = yaml.safe_load((root / "config/regions/kupang.yml").read_text(encoding="utf-8"))
    data["qda"] = qda
    p = tmp_path / "kupang.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_file(p)
    assert str(e.value).startswith(str(p)) and message in str(e.value)
