from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.region.config import ConfigError, load_file, load_region


def _write(tmp: Path, data: dict, name: str = "testland") -> Path:
    p = tmp / f"{name}.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


@pytest.fixture
def good(root: Path) -> dict:
    data = yaml.safe_load((root / "config/regions/kupang.yml").read_text(encoding="utf-8"))
    data["slug"] = "testland"
    return data


def test_bundled_kupang_config_loads(root: Path) -> None:
    r = load_region("kupang", root)
    assert r.districts == ["Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo"]
    assert [c["id"] for c in r.claims] == [f"C{i}" for i in range(1, 9)]
    assert r.start.isoformat() == "2022-01-01" and r.end.isoformat() == "2025-06-30"


def test_any_region_file_loads(tmp_path: Path, good: dict) -> None:
    good["districts"] = [{"name": "Pancoran Mas"}, {"name": "Beji"}]
    r = load_file(_write(tmp_path, good))
    assert r.slug == "testland" and r.districts == ["Pancoran Mas", "Beji"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(colour="blue"), "key 'colour' is unknown"),
        (lambda d: d.pop("districts"), "key 'districts' is missing"),
        (lambda d: d.update(platforms="MiChat"), "key 'platforms': expected a list"),
        (
            lambda d: d["study_period"].update(start="soon"),
            "key 'study_period.start': expected date",
        ),
        (
            lambda d: d["districts"][0].update(population="many"),
            "key 'districts[0].population': expected",
        ),
        (
            lambda d: d["claims"][1].update(aggregate="vibes"),
            "key 'claims[1].aggregate': unknown aggregate 'vibes'",
        ),
        (
            lambda d: d["claims"][5].update(partner="Kominfo"),
            "key 'claims[5].partner' is not used by aggregate 'count'",
        ),
        (  # the reviewer's copy: a claim's strength, its place in the source, its evidence
            lambda d: d["claims"][0]["review"].update(strength="solid"),
            "key 'claims[0].review.strength': 'solid' is not one of",
        ),
        (
            lambda d: d["claims"][0]["review"].update(source_ref="5.9"),
            "key 'claims[0].review.source_ref': '5.9' is not a review.source part",
        ),
        (
            lambda d: d["claims"][0]["review"].update(evidence=["01_preemptive"]),
            "key 'claims[0].review.evidence[0]': write NOTEBOOK#figure-NAME or #table-NAME",
        ),
        (
            lambda d: d["claims"][0]["review"].pop("fails_if"),
            "key 'claims[0].review.fails_if' is missing",
        ),
        (
            lambda d: d["review"]["source"].update(kind="blog"),
            "key 'review.source.kind': 'blog' is not one of",
        ),
        (
            lambda d: d["claims"][3]["where"].update(platform=["wechat", ["beetalk"]]),
            "key 'claims[3].where.platform': expected a value or a list of values",
        ),
        (
            lambda d: d.update(stages={"paths": {"usual": ["report", "arest"]}}),
            "key 'stages.paths.usual[1]': stage 'arest' is not in stages.order",
        ),
        (lambda d: d["claims"][0].pop("source"), "key 'claims[0].source' is missing"),
        (
            lambda d: d["claims"][0].update(aspect="punitive"),
            "key 'claims[0].aspect': 'punitive' is not one of",
        ),
        (
            lambda d: d["claims"][0]["expected"].update(roughly=3),
            "key 'claims[0].expected.roughly' is not an expectation aggregate 'per_period' can",
        ),
        (
            lambda d: d["study_period"].update(end=d["study_period"]["start"].replace(year=2000)),
            "start is after end",
        ),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, good: dict, mutate, message: str) -> None:
    mutate(good)
    path = _write(tmp_path, good)
    with pytest.raises(ConfigError) as e:
        load_file(path)
    assert str(path) in str(e.value)
    assert message in str(e.value)


def test_slug_must_match_file_name(tmp_path: Path, good: dict) -> None:
    with pytest.raises(ConfigError, match="key 'slug' is 'testland' but the file is named 'other'"):
        load_file(_write(tmp_path, good, name="other"))


def test_broken_yaml_reports_line(tmp_path: Path) -> None:
    p = tmp_path / "x.yml"
    p.write_text("slug: x\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x\.yml: not valid YAML \(line \d+"):
        load_file(p)


def test_cli_reports_config_error_without_traceback(
    tmp_path: Path, good: dict, monkeypatch, capsys
) -> None:
    from analysis.cli import main

    (tmp_path / "config" / "regions").mkdir(parents=True)
    good["colour"] = "blue"
    _write(tmp_path / "config" / "regions", good)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    (tmp_path / "data" / "raw" / "testland").mkdir(parents=True)
    assert main(["validate", "--region", "testland"]) == 2
    err = capsys.readouterr().err
    assert "testland.yml: key 'colour' is unknown" in err and "Traceback" not in err
