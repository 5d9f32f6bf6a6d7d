"""`analysis privacy-scan` answers for every input, through the CLI.

Threats: a format the scan used to pass over in silence (.tsv, .dta, .sav, .qdpx sources,
.docx, .xml), a file that is not what its name says, a FIFO (reading it waits forever), an
unreadable file or folder, a file too large to read at once, UTF-16 text. Every identifier is
found in every format; anything the scan cannot read is named and the exit is 1; nothing
is ever "no identifiers found" without having been read.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from analysis.cli import main

NIK = "5301041111000411"
PHONE = "0812-3456-7890"
EXAMPLE = Path(__file__).resolve().parents[1] / "data/examples/kupang/interviews.qdpx"


def _docx(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document xmlns:w='w'><w:p><w:t>{text}</w:t></w:p></w:document>")  # fmt: skip
    return buf.getvalue()


def _qdpx_with(path: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(EXAMPLE) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        for name, data in extra.items():
            zout.writestr(name, data)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"note": ["ok", f"hp {PHONE}"], "n": [1.5, float(NIK)]})


WRITERS = {
    "t.csv": lambda p: _frame().to_csv(p, index=False),
    "t.tsv": lambda p: _frame().to_csv(p, sep="\t", index=False),
    "t.txt": lambda p: p.write_text(f"catatan NIK {NIK}\n", encoding="utf-8"),
    "u16.txt": lambda p: p.write_bytes(f"catatan NIK {NIK}\n".encode("utf-16")),
    "t.md": lambda p: p.write_text(f"# x\n\nNIK {NIK}\n", encoding="utf-8"),
    "t.html": lambda p: p.write_text(f"<p>NIK <b>{NIK}</b></p>", encoding="utf-8"),
    "t.json": lambda p: p.write_text(f'{{"a": [{NIK}]}}', encoding="utf-8"),
    "t.xlsx": lambda p: _frame().to_excel(p, index=False),
    "t.parquet": lambda p: _frame().to_parquet(p, index=False),
    "t.dta": lambda p: _frame().to_stata(p, write_index=False, version=118),
    "t.sav": lambda p: pyreadstat.write_sav(_frame(), str(p)),
    "t.xml": lambda p: p.write_text(f"<a><b n='x'>x</b>after {NIK}</a>", encoding="utf-8"),
    "t.docx": lambda p: p.write_bytes(_docx(f"NIK {NIK}")),
    "t.qde": lambda p: p.write_bytes(
        zipfile.ZipFile(EXAMPLE)
        .read("project.qde")
        .replace(
            b"</Project>", f"<Description>NIK {NIK}</Description></Project>".encode()
        )  # fmt: skip
    ),
    "txt-source.qdpx": lambda p: _qdpx_with(p, {"sources/extra.txt": f"hp {NIK}".encode("utf-16")}),
    "docx-source.qdpx": lambda p: _qdpx_with(p, {"sources/extra.docx": _docx(f"NIK {NIK}")}),
}


def _scan(capsys, *paths: Path) -> tuple[int, str, str]:
    rc = main(["privacy-scan", *map(str, paths)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert NIK not in out + err and "3456" not in out + err  # never a value
    return rc, out, err


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_format_is_read_and_its_identifier_found(tmp_path: Path, capsys, name) -> None:
    path = tmp_path / name
    WRITERS[name](path)
    rc, out, err = _scan(capsys, path)
    assert rc == 1
    assert f"{path}: nik" in out or f"{path}: phone" in out, out
    assert "NOT READ" not in out


def test_clean_files_of_every_format_pass(tmp_path: Path, capsys) -> None:
    shutil.copy(EXAMPLE, tmp_path / "k.qdpx")  # the project's own export: GUIDs are not numbers
    pd.DataFrame({"a": ["ok", "fine"], "n": [1.5, 2.0]}).to_stata(tmp_path / "c.dta", version=118)
    pd.DataFrame({"a": ["ok"]}).to_csv(tmp_path / "c.tsv", sep="\t", index=False)
    (tmp_path / "c.docx").write_bytes(_docx("rapat koordinasi"))
    rc, out, _ = _scan(capsys, tmp_path)
    assert rc == 0 and out.startswith(f"no identifiers found in {tmp_path} (4 file(s)")


@pytest.mark.parametrize(
    "name, data",
    [
        ("notes.dta", b"hello, not stata"),
        ("t.parquet", b"PAR1 nope"),
        ("t.sav", b"$FL2 broken"),
        ("t.xlsx", b"just text named .xlsx"),
        ("t.docx", b"PK\x03\x04 broken zip"),
        ("t.qdpx", b"not a zip"),
        ("t.xml", b"<a><b></a>"),
        ("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'),
        ("odd.txt", "caf\u00e9 ".encode("utf-16-le")[:-1] * 3000 + b"\xd8"),
        ("report.pdf", b"%PDF-1.4"),
    ],
)
def test_a_file_not_read_as_its_format_is_listed_and_fails(
    tmp_path: Path, capsys, name: str, data: bytes
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "fine.csv").write_text("a\nok\n", encoding="utf-8")
    rc, out, err = _scan(capsys, tmp_path)
    assert rc == 1
    assert f"{tmp_path / name}: NOT READ: " in out
    assert "1 path(s) not read" in err and "no identifiers found" not in out


def test_text_of_other_extensions_is_read_and_binary_is_named(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.yml").write_text(f"catatan: NIK {NIK}\n", encoding="utf-8")
    (tmp_path / "README").write_text(f"hp {PHONE}\n", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    rc, out, err = _scan(capsys, tmp_path)
    assert rc == 1
    assert f"{tmp_path / 'notes.yml'}: nik" in out and f"{tmp_path / 'README'}: phone" in out
    assert f"{tmp_path / 'blob.bin'}: NOT READ: a format the scan does not read" in out
    assert "other formats: 1" in err


def test_a_source_of_an_unreadable_kind_inside_a_qdpx_is_listed(tmp_path: Path, capsys) -> None:
    _qdpx_with(tmp_path / "p.qdpx", {"sources/scan.pdf": b"%PDF-1.4"})
    rc, out, _ = _scan(capsys, tmp_path / "p.qdpx")
    assert rc == 1 and "1 source(s) of a kind the scan cannot read (.pdf)" in out


def test_fifos_are_named_and_never_opened(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait forever
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "ok.txt").write_text("rapat\n", encoding="utf-8")
    rc, out, err = _scan(capsys, tmp_path)
    assert rc == 1
    assert f"{tmp_path / 'pipe.txt'}: NOT READ: a FIFO (named pipe); never opened" in out
    assert "special files: 2" in err
    rc, out, _ = _scan(capsys, tmp_path / "pipe.csv")  # named directly, too
    assert rc == 1 and "FIFO" in out


def test_a_device_and_a_link_to_a_folder_are_named(tmp_path: Path, capsys) -> None:
    (tmp_path / "null").symlink_to("/dev/null")
    (tmp_path / "elsewhere").symlink_to(tmp_path.parent, target_is_directory=True)
    rc, out, _ = _scan(capsys, tmp_path)
    assert rc == 1
    assert "null: NOT READ: a character device" in out
    assert "elsewhere: NOT READ: a link to a folder (not followed)" in out


def test_unreadable_files_and_folders_are_named(tmp_path: Path, capsys, monkeypatch) -> None:
    """Permissions cannot be taken from root, so the refusal is the OS's answer, planted."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked/inside.txt").write_text(NIK, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(NIK, encoding="utf-8")
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def path_open(self, *a, **k):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", path_open)
    rc, out, err = _scan(capsys, tmp_path)
    assert rc == 1
    assert f"{tmp_path / 'locked'}: NOT READ: folder cannot be opened (Permission denied)" in out
    assert f"{tmp_path / 'secret.txt'}: NOT READ: cannot be read (Permission denied)" in out
    assert "unreadable: 2" in err


def test_a_large_file_is_streamed_with_progress(tmp_path: Path, capsys, monkeypatch) -> None:
    import analysis.read.scan as scaninputs
    from analysis.commands import Progress

    monkeypatch.setattr(scaninputs, "BLOCK", 4096)  # many chunks from a small file
    monkeypatch.setattr(Progress, "LARGE", 100_000)
    line = "rapat koordinasi dengan dinas sosial tentang patroli siber\n"
    body = line * 4000
    path = tmp_path / "big.txt"
    path.write_text(body[: len(body) // 2] + f"NIK {NIK}\n" + body[len(body) // 2 :])
    seen = []
    real = scaninputs._decoded

    def counted(p, enc):
        for text, share in real(p, enc):
            assert len(text) < 3 * 4096  # never the whole file at once
            seen.append(share)
            yield text, share

    monkeypatch.setattr(scaninputs, "_decoded", counted)
    rc, out, err = _scan(capsys, path)
    assert rc == 1 and f"{path}: nik" in out
    assert len(seen) > 40 and seen == sorted(seen) and seen[-1] == 1.0
    progress = [ln for ln in err.splitlines() if ln.startswith("privacy-scan: ")]
    assert len(progress) == 10 and progress[-1].endswith("(100%)")
