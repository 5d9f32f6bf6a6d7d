"""The up-to-date check: file hashes remembered by stat, and never trusted past a change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from analysis.run.runlog import longest_first
from analysis.run.stamps import RACY_NS, FileHashes


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _later(h: FileHashes) -> FileHashes:
    h.now += 2 * RACY_NS  # as if the run happened a while after the files were written
    return h


def test_hashes_are_remembered_and_reused(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "raw.csv"
    f.write_bytes(b"a,b\n1,2\n")
    h = _later(FileHashes(tmp_path))
    assert h(f) == _sha(f)
    h.save()
    assert (tmp_path / "build/.file-hashes.json").exists()
    calls = []
    import analysis.run.stamps as stamps

    monkeypatch.setattr(stamps, "sha256", lambda p: calls.append(p) or "x")
    assert _later(FileHashes(tmp_path))(f) == _sha(f) and calls == []  # from the cache
    assert FileHashes(tmp_path, trust=False)(f) == "x" and calls == [f]  # --force re-reads


def test_same_size_and_mtime_but_new_content_is_hashed_again(tmp_path: Path) -> None:
    f = tmp_path / "raw.csv"
    f.write_bytes(b"a,b\n1,2\n")
    h = _later(FileHashes(tmp_path))
    old = h(f)
    h.save()
    st = f.stat()
    f.write_bytes(b"a,b\n9,2\n")  # same size; mtime put back as it was
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    new = _later(FileHashes(tmp_path))(f)
    assert new == _sha(f) != old


def test_a_file_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    f = tmp_path / "raw.csv"
    f.write_bytes(b"x")
    h = FileHashes(tmp_path)  # the file is younger than the racy window
    h(f)
    h.save()
    assert not (tmp_path / "build/.file-hashes.json").exists()


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    f = tmp_path / "raw.csv"
    f.write_bytes(b"x")
    (tmp_path / "build").mkdir()
    (tmp_path / "build/.file-hashes.json").write_text("{not json", encoding="utf-8")
    assert FileHashes(tmp_path)(f) == _sha(f)


def test_longest_notebook_first(tmp_path: Path) -> None:
    from analysis.run.notebook_job import Job

    jobs = []
    for name, size in (("a", 10), ("b", 30), ("c", 20), ("d", 5)):
        nb = tmp_path / f"{name}.ipynb"
        nb.write_bytes(b"x" * size)
        jobs.append(Job(str(nb), "", {}, "", ""))
    order = longest_first(jobs, {"a": 1.0, "b": 0.5, "c": 3.0})
    # unknown first (a new notebook), then by last run's seconds
    assert [Path(j.notebook).stem for j in order] == ["d", "c", "a", "b"]
    order = longest_first(jobs, {})  # no record yet: larger notebooks first
    assert [Path(j.notebook).stem for j in order] == ["b", "c", "a", "d"]


def test_gate_passes_see_a_file_rewritten_after_it_was_scanned(tmp_path: Path) -> None:
    """The passes during execution may see a page before its last write: never trusted."""
    from analysis.privacy.gate import Watch

    page = tmp_path / "html" / "01.html"
    page.parent.mkdir()
    clean = "<p>Hubungi kantor polisi terdekat, nomor ada di papan.</p>"
    leak = "<p>Hubungi 0812-3456-7890, nomor ada di papan kantor!!</p>"
    assert len(clean) == len(leak)
    page.write_text(clean, encoding="utf-8")
    g = Watch(["Yohanes Lado"])
    g.scan(tmp_path)
    assert not g.hit
    st = page.stat()
    page.write_text(leak, encoding="utf-8")  # same size, mtime put back
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    g.scan(tmp_path)
    assert g.hit
    g2 = Watch(["Yohanes Lado"])
    (tmp_path / "html" / "02.html").write_text("<p>Bripka Yohanes Lado</p>", encoding="utf-8")
    g2.scan(tmp_path)
    assert g2.hit  # a known name, not only patterns
