"""Outputs and concurrency, through the CLI: nothing the user points at is overwritten.

Threats: `--out` naming a raw workbook, a link into data/raw/, data/private/, a folder
holding data/raw/, an existing file, a non-empty folder, a path through a file, a write that
fails half-way; two runs on one region at once, and a lock left by a killed run. Each case
checks the exit code, one `error:` line, no traceback, the target untouched, and no debris.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.run.lock import lock_folder, region_locks

ANALYSIS = [sys.executable, "-m", "analysis"]


@pytest.fixture
def proj(cleaned, monkeypatch) -> Path:
    root, _ = cleaned
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    monkeypatch.chdir(root)
    return root


def _one_error(capsys) -> str:
    out = capsys.readouterr()
    lines = [x for x in out.err.splitlines() if x.strip()]
    assert "Traceback" not in out.err + out.out
    assert len(lines) == 1 and lines[0].startswith("error: "), out.err
    return lines[0]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _no_debris(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if ".tmp" in p.name or ".old" in p.name]
    assert not left, left


def test_export_qdpx_onto_a_raw_workbook_is_refused(proj: Path, capsys) -> None:
    raw = proj / "data/raw/kupang"
    before = _snapshot(raw)
    book = next((raw / "interviews").glob("*.xlsx"))
    assert main(["export-qdpx", "--region", "kupang", "--out", str(book), "--force"]) == 2
    assert "raw data are never written" in _one_error(capsys)
    assert _snapshot(raw) == before
    _no_debris(book.parent)


def test_export_through_a_link_into_raw_is_refused(proj: Path, tmp_path: Path, capsys) -> None:
    raw = proj / "data/raw/kupang"
    before = _snapshot(raw)
    link = tmp_path / "out"
    link.symlink_to(raw / "outreach", target_is_directory=True)
    for fmt in ("csv-r", "dta"):
        assert main(["export", "--region", "kupang", "--format", fmt, "--out", str(link)]) == 2
        line = _one_error(capsys)
        assert str(link) in line and "data/raw" in line
    assert _snapshot(raw) == before
    _no_debris(raw / "outreach")


@pytest.mark.parametrize("where", ["data/private", "data/private/kupang/x", "data", "."])
def test_export_into_private_or_a_folder_holding_raw_is_refused(
    proj: Path, capsys, where: str
) -> None:
    before = _snapshot(proj / "data/raw")
    args = ["export", "--region", "kupang", "--format", "csv-r", "--out", where, "--force"]
    assert main(args) == 2
    line = _one_error(capsys)
    assert "data/private" in line or "holds data/raw" in line
    assert _snapshot(proj / "data/raw") == before
    assert not (proj / "data/private/kupang/x").exists()


def test_existing_file_and_non_empty_folder_need_force(proj: Path, tmp_path: Path, capsys) -> None:
    qdpx = tmp_path / "mine.qdpx"
    qdpx.write_bytes(b"my own work")
    assert main(["export-qdpx", "--region", "kupang", "--out", str(qdpx)]) == 2
    assert "--force" in _one_error(capsys)
    assert qdpx.read_bytes() == b"my own work"
    folder = tmp_path / "stata"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    assert main(["export", "--region", "kupang", "--format", "dta", "--out", str(folder)]) == 2
    assert "not empty" in _one_error(capsys)
    assert _snapshot(folder) == {"notes.txt": b"keep me"}
    # a folder where a file is asked for is never replaced, not even with --force
    args = ["export-qdpx", "--region", "kupang", "--out", str(folder), "--force"]
    assert main(args) == 2
    assert "is a folder" in _one_error(capsys)
    assert main(["export-qdpx", "--region", "kupang", "--out", str(qdpx), "--force"]) == 0
    assert qdpx.read_bytes()[:2] == b"PK"
    args = ["export", "--region", "kupang", "--format", "dta", "--out", str(folder), "--force"]
    assert main(args) == 0
    assert sorted(p.suffix for p in folder.iterdir()) == [".dta"] * 6
    _no_debris(tmp_path)


def test_a_path_through_a_file_is_one_line(proj: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "afile").write_text("x")
    args = ["export", "--region", "kupang", "--format", "dta", "--out", str(tmp_path / "afile/sub")]
    assert main(args) == 2
    assert str(tmp_path / "afile") in _one_error(capsys)
    assert (tmp_path / "afile").read_text() == "x"
    _no_debris(tmp_path)


def test_a_disk_full_half_way_leaves_the_old_file_and_no_debris(
    proj: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    import errno

    import analysis.interop.qdpx as qdpx_export

    qdpx = tmp_path / "old.qdpx"
    qdpx.write_bytes(b"old")

    def half_then_full(xml, files, out):
        Path(out).write_bytes(b"PK half a project")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(qdpx_export, "write_qdpx", half_then_full)
    assert main(["export-qdpx", "--region", "kupang", "--out", str(qdpx), "--force"]) == 2
    line = _one_error(capsys)
    assert str(qdpx) in line and "disk is full" in line
    assert qdpx.read_bytes() == b"old"
    _no_debris(tmp_path)


# --------------------------------------------------------------------------- one run per region
def _bare(tmp_path: Path, root: Path) -> Path:
    """A project of config and raw data only (reproduce runs no notebooks there: fast)."""
    dst = tmp_path / "proj"
    shutil.copytree(root / "config", dst / "config")
    shutil.copytree(root / "data/raw/kupang", dst / "data/raw/kupang")
    return dst


def _run(proj: Path, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "ANALYSIS_ROOT": str(proj)}
    return subprocess.Popen(
        [*ANALYSIS, *args], cwd=proj, env=env, text=True, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, **kw,
    )  # fmt: skip


def test_a_second_run_refuses_in_one_line_or_waits(root: Path, tmp_path: Path) -> None:
    proj = _bare(tmp_path, root)
    with region_locks(proj, ["kupang"], "reproduce", say=lambda m: None):
        for cmd in (["clean"], ["reproduce"], ["export", "--format", "dta"]):
            p = _run(proj, *cmd, "--region", "kupang")
            out, err = p.communicate(timeout=120)
            assert p.returncode == 2, err
            assert "Traceback" not in err
            assert err.strip().splitlines()[-1].startswith("error: region kupang is busy")
            assert "--wait" in err and f"pid {os.getpid()}" in err
        waiting = _run(proj, "clean", "--region", "kupang", "--wait")
        said = waiting.stderr.readline()  # blocks until it says it waits for the lock we hold
        assert said.startswith("region kupang: waiting for `analysis reproduce`"), said
        assert waiting.poll() is None
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "Traceback" not in err and "wrote" in out
    assert not (proj / "data/processed/kupang").with_name(".kupang.tmp").exists()


def test_two_reproduce_started_together_never_traceback(root: Path, tmp_path: Path) -> None:
    proj = _bare(tmp_path, root)
    runs = [_run(proj, "reproduce", "--region", "kupang") for _ in range(2)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in runs]
    assert sorted(rc for rc, _, _ in results)[0] == 0
    for rc, out, err in results:
        assert "Traceback" not in out + err
        if rc:
            assert rc == 2 and "error: region kupang is busy" in err
    _no_debris(proj / "reports")
    _no_debris(proj / "data/processed")


def test_a_lock_left_by_a_killed_run_is_cleared(root: Path, tmp_path: Path) -> None:
    proj = _bare(tmp_path, root)
    holder = (
        "import sys, time; from pathlib import Path; from analysis.run.lock import region_locks\n"
        "with region_locks(Path(sys.argv[1]), ['kupang'], 'clean'):\n"
        "    print('held', flush=True); time.sleep(600)\n"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", holder, str(proj)], stdout=subprocess.PIPE, text=True
    )
    assert p.stdout.readline().strip() == "held"
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert (lock_folder(proj) / "kupang.owner.json").exists()  # what the killed run left
    done = _run(proj, "clean", "--region", "kupang")
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert f"cleared a stale lock left by `analysis clean` (pid {p.pid}" in err
    assert not (lock_folder(proj) / "kupang.owner.json").exists()
