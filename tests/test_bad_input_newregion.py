"""`analysis new-region` input from the threat: values that would break or inject YAML.

A value with a line break could add keys (`qda:`), a `#` would cut a value as a comment, a
quote or colon would change the type, and an impossible date used to leave a half-written
config. Every argument is checked before anything is written; what is written is read back
with exactly the values given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.cli import main
from analysis.region.config import load_region


@pytest.fixture
def proj(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "config" / "regions").mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _refused(proj: Path, capsys, *args: str) -> str:
    assert main(["new-region", "bogor", *args]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and not out.out
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert _files(proj) == []  # nothing written, not even a folder's worth
    assert not (proj / "data").exists()
    return lines[0]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--polda", "Polda X\nqda: {informants_from: cases}"], "--polda"),
        (["--name", "Kota\rBogor"], "--name"),
        (["--city", "Kota\u2028Bogor"], "--city"),
        (["--name", "   "], "--name"),
        (["--start", "2024-13-01"], "--start '2024-13-01'"),
        (["--end", "2024-02-30"], "--end '2024-02-30'"),
        (["--start", "31/01/2024"], "--start"),
        (["--start", "2024-05-01", "--end", "2024-04-01"], "after --end"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(
    proj: Path, capsys, args: list[str], fragment: str
) -> None:
    assert fragment in _refused(proj, capsys, *args)


@pytest.mark.parametrize(
    "name, polda",
    [
        ("Kota #Bogor", "Polresta Bogor Kota # satu"),
        ('Kota "Bogor": Barat', "Polres: {a: 1}"),
        ("- [Bogor]", "&anchor *alias !tag"),
        ("yes", "null"),
        ("Kota Bogor'", "'Polres'"),
    ],
)
def test_values_are_written_exactly_as_given(proj: Path, capsys, name: str, polda: str) -> None:
    args = ["new-region", "bogor", "--name", name, "--polda", polda, "--city", name]
    assert main([*args, "--start", "2024-01-01", "--end", "2024-06-30"]) == 0
    text = (proj / "config/regions/bogor.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["name"] == name and data["polda"] == polda and data["city"] == name
    assert "qda" not in data
    r = load_region("bogor", proj)  # the project's own strict loader agrees
    assert r.get("name") == name and str(r.start) == "2024-01-01"
    assert sum(ln.lstrip().startswith("#") for ln in text.splitlines()) >= 20  # still commented


def test_a_failure_while_writing_templates_leaves_nothing(proj: Path, capsys, monkeypatch) -> None:
    import analysis.region.scaffold as scaffold

    calls = []

    def broken(wb, out, creator):
        calls.append(out)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        wb.save(out)

    monkeypatch.setattr(scaffold, "save_workbook", broken)
    _refused(proj, capsys, "--name", "Kota Bogor")
    assert len(calls) == 2


def test_a_link_into_another_region_is_refused(proj: Path, capsys) -> None:
    other = proj / "data/raw/kupang/outreach"
    other.mkdir(parents=True)
    (other / "kegiatan.csv").write_text("Tanggal\n")
    (proj / "data/raw/bogor").symlink_to(other.parent, target_is_directory=True)
    assert main(["new-region", "bogor"]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and len(out.err.strip().splitlines()) == 1
    assert "data/raw/bogor" in out.err and "link" in out.err
    assert _files(proj) == ["data/raw/kupang/outreach/kegiatan.csv"]
