"""`make reproduce` and `analysis reproduce` over several regions: one failing region does not
stop the others, and the command (and the target) still fail, naming it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_reproduce_is_one_call_and_fails_when_it_fails(tmp_path: Path, root: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    fake = bin_dir / "analysis"
    # a stand-in for the real command: every call is logged, a call naming 'broken' fails
    fake.write_text(
        f'#!/bin/sh\necho "$*" >> {log}\ncase "$*" in *broken*) exit 1;; esac\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.write_text("", encoding="utf-8")

    def make(regions: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                "make",
                "-s",
                "-C",
                str(root),
                "reproduce",
                f"BIN={bin_dir}",
                f"STAMP={stamp}",
                f"REGIONS={regions}",
            ],
            capture_output=True,
            text=True,
        )

    run = make("broken fine")
    calls = log.read_text(encoding="utf-8").splitlines()
    # both languages of every region in one call: one clean per region, one pool of kernels
    assert calls == ["reproduce --region broken fine --lang en id --check"]
    assert run.returncode != 0 and "reproduce FAILED" in run.stderr
    assert "every region rebuilt" not in run.stdout
    log.unlink()
    run = make("fine other")
    # what was rebuilt is said by `analysis reproduce` itself (final_line), never by make
    assert run.returncode == 0 and "rebuilt" not in run.stdout
    assert log.read_text(encoding="utf-8").splitlines() == [
        "reproduce --region fine other --lang en id --check"
    ]


def test_a_failing_region_does_not_stop_the_next(
    tmp_path: Path, root: Path, monkeypatch, capsys
) -> None:
    """Region 'broken' has raw data that drifted from its manifest; kupang is still rebuilt."""
    from analysis.run import pipeline

    for sub in ("config", "notebooks", "data/raw"):
        shutil.copytree(root / sub, tmp_path / sub)
    cfg = (root / "config/regions/kupang.yml").read_text(encoding="utf-8")
    (tmp_path / "config/regions/broken.yml").write_text(
        cfg.replace("slug: kupang", "slug: broken", 1), encoding="utf-8"
    )
    shutil.copytree(tmp_path / "data/raw/kupang", tmp_path / "data/raw/broken")
    first = next(p for p in sorted((tmp_path / "data/raw/broken").rglob("*.csv")))
    first.write_bytes(first.read_bytes() + b"\n")  # drifted: reproduce must refuse it

    def fake_run(pool, jobs, on_result=None):  # the notebooks "ran": a page each, no error
        for job in jobs:
            html = Path(job.dst).parent.parent / "html"
            (html / f"{Path(job.notebook).stem}.html").write_text("<p>ok</p>", encoding="utf-8")
        return [(job, 0.0, None, {}) for job in jobs]

    monkeypatch.setattr(pipeline, "run_jobs", fake_run)
    code = pipeline.reproduce_many(["broken", "kupang"], ["en", "id"], root=tmp_path)
    assert code == 1
    out, err = capsys.readouterr()
    assert "drifted from SHA256SUMS" in out and "reproduce FAILED for: broken" in err
    for sub in ("html", "id/html"):
        pages = sorted(p.name for p in (tmp_path / "reports/kupang" / sub).glob("*.html"))
        assert pages == sorted(f"{p.stem}.html" for p in (tmp_path / "notebooks").glob("*.ipynb"))
    assert json.loads((tmp_path / "reports/kupang/findings.json").read_text(encoding="utf-8"))
    assert not (tmp_path / "reports/broken").exists()
    assert not list((tmp_path / "reports").glob(".*staging"))


def test_reproduce_takes_one_or_several_regions_and_languages() -> None:
    from analysis.cli import build_parser

    p = build_parser()
    old = p.parse_args(["reproduce", "--region", "kupang", "--lang", "id", "--check"])
    assert (old.region, old.lang, old.check) == (["kupang"], ["id"], True)
    assert p.parse_args(["reproduce", "--region", "kupang"]).lang == ["en"]
    many = p.parse_args(["reproduce", "--region", "kupang", "depok", "--lang", "en", "id"])
    assert (many.region, many.lang) == (["kupang", "depok"], ["en", "id"])
    with pytest.raises(SystemExit):
        p.parse_args(["reproduce", "--region", "kupang", "--lang", "fr"])
    assert p.parse_args(["clean", "--region", "kupang"]).region == "kupang"  # others take one


def test_the_last_line_says_what_was_rebuilt_and_nothing_more() -> None:
    from analysis.run.publish import final_line

    assert final_line([], True, True) == (
        "reproduce: nothing changed, every report already up to date and every claim checked"
    )
    line = final_line(["kupang (en)", "kupang (id)"], True, False)
    assert line == "reproduce: rebuilt kupang (en), kupang (id); the others were already up to date"
    assert "every region" not in final_line(["bogor (en)"], False, True)
