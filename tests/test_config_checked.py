"""The record of config texts pydantic already accepted (`region.checked`): it skips the key
type check only for the exact text that passed, and never hides an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis.region import checked
from analysis.region.config import ConfigError, load_file

PROBE = (
    "import json, sys\n"
    "from analysis.region.config import load_region\n"
    "r = load_region(sys.argv[1])\n"
    "print(json.dumps(['pydantic' in sys.modules, r.data['name'], len(r.claims)]))\n"
)


@pytest.fixture
def proj(tmp_path: Path, root: Path) -> Path:
    """A project holding only config/regions/testland.yml (Kupang's config, renamed)."""
    text = (root / "config/regions/kupang.yml").read_text(encoding="utf-8")
    cfg = tmp_path / "config" / "regions" / "testland.yml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text(text.replace("slug: kupang", "slug: testland", 1), encoding="utf-8")
    return tmp_path


def _load_fresh(proj: Path) -> tuple[bool, str, int]:
    """Load testland in a fresh interpreter: (pydantic imported?, name, number of claims)."""
    env = {**os.environ, "ANALYSIS_ROOT": str(proj)}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "testland"], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    return tuple(json.loads(run.stdout.splitlines()[-1]))


def _record(proj: Path) -> Path:
    return proj / "build" / "config-checks" / "testland.yml.sha256"


def test_a_pass_is_recorded_and_the_same_text_loads_without_pydantic(proj: Path) -> None:
    cfg = proj / "config/regions/testland.yml"
    first = _load_fresh(proj)
    assert first[0] is True  # checked by pydantic the first time
    assert _record(proj).read_text(encoding="ascii") == checked.key(cfg.read_text("utf-8"), True)
    second = _load_fresh(proj)
    assert second == (False, first[1], first[2])  # the same config, pydantic not needed


def test_a_changed_config_is_checked_again_and_its_error_names_file_and_key(proj: Path) -> None:
    cfg = proj / "config/regions/testland.yml"
    load_file(cfg)
    recorded = _record(proj).read_text(encoding="ascii")
    data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
    data["population"]["total"] = "many"
    cfg.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for _ in range(2):  # an error is never recorded: the second load reports it again
        with pytest.raises(ConfigError) as e:
            load_file(cfg)
        assert str(cfg) in str(e.value)
        assert "key 'population.total': expected whole number, got 'many'" in str(e.value)
    assert _record(proj).read_text(encoding="ascii") == recorded


def test_a_record_of_another_text_hides_no_error(proj: Path) -> None:
    cfg = proj / "config/regions/testland.yml"
    text = cfg.read_text(encoding="utf-8")
    bad = text.replace("slug: testland", "slug: testland\ncolour: blue", 1)
    cfg.write_text(bad, encoding="utf-8")
    _record(proj).parent.mkdir(parents=True)
    for stale in (checked.key(text, True), checked.key(bad, False), "not a key"):
        _record(proj).write_text(stale, encoding="ascii")
        with pytest.raises(ConfigError, match="key 'colour' is unknown"):
            load_file(cfg)


def test_the_key_follows_the_claims_flag_and_the_declaration(monkeypatch) -> None:
    text = "slug: x\n"
    assert checked.key(text, True) != checked.key(text, False)
    assert checked.key(text, True) != checked.key(text + " ", True)
    before = checked.key(text, True)
    monkeypatch.setattr(checked, "SPEC", {**checked.SPEC, "extra": (str, False)})
    checked._fingerprint.cache_clear()
    try:
        assert checked.key(text, True) != before  # a changed declaration: checked again
    finally:
        monkeypatch.undo()
        checked._fingerprint.cache_clear()
    assert checked.key(text, True) == before


def test_no_record_outside_a_project_or_where_build_cannot_be_written(
    tmp_path: Path, proj: Path
) -> None:
    loose = tmp_path / "testland.yml"
    loose.write_text((proj / "config/regions/testland.yml").read_text("utf-8"), "utf-8")
    assert checked.record(loose) is None
    assert load_file(loose).slug == "testland"
    (proj / "build").write_text("a file where the folder would be", encoding="utf-8")
    cfg = proj / "config/regions/testland.yml"
    assert load_file(cfg).slug == "testland"  # nothing recorded, nothing broken
    cfg.write_text(cfg.read_text("utf-8") + "colour: blue\n", "utf-8")
    with pytest.raises(ConfigError, match="key 'colour' is unknown"):
        load_file(cfg)


def test_validate_loads_and_checks_its_config_once(project_copy: Path, monkeypatch, capsys) -> None:
    from analysis.cli import main
    from analysis.region import config

    loaded = []
    real = config.load_text
    monkeypatch.setattr(config, "load_text", lambda *a, **k: loaded.append(a[1]) or real(*a, **k))
    monkeypatch.setenv("ANALYSIS_ROOT", str(project_copy))
    assert main(["validate", "--region", "kupang"]) == 0
    assert "validating region kupang" in capsys.readouterr().out
    assert loaded == [project_copy / "config/regions/kupang.yml"]
