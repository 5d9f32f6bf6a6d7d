"""The bad-input suite: every kind of damaged or unusual input, through the public CLI.

Each case builds its fixture in code inside a throwaway project (the region config plus
only the files the case writes), runs `analysis clean` (or `findings`), and checks the
exit code, the one-line message or the reject line (file, sheet, row, column), and that
the manifest's row accounting balances. A failing run must leave nothing half-written.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
import yaml

from analysis.cli import main
from analysis.values import limits

HEAD = ["Tanggal", "Jenis Kegiatan", "Sasaran", "Kecamatan", "Keterangan"]
ROW = ["14/03/2023", "Sosialisasi Hukum", "Pelajar", "Oebobo", ""]
OUT = "outreach"


def row(date: object = "14/03/2023", note: object = "") -> list:
    return [date, "Sosialisasi Hukum", "Pelajar", "Oebobo", note]


# --------------------------------------------------------------------------- fixture builders
def xlsx(p: Path, name: str, sheets: dict[str, list[list]], kind: str = OUT, hidden=(), edit=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if title in hidden:
            ws.sheet_state = "hidden"
        if edit:
            edit(ws)
    path = p / "data/raw/kupang" / kind / name
    wb.save(path)
    return path


def sheet_xml(path: Path, fn: Callable[[bytes], bytes]) -> None:
    """Rewrite the first sheet's XML (to plant what openpyxl cannot write: cached errors)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = fn(data)
            zout.writestr(item, data)
    path.write_bytes(buf.getvalue())


def raw(p: Path, name: str, data: bytes, kind: str = OUT) -> Path:
    path = p / "data/raw/kupang" / kind / name
    path.write_bytes(data)
    return path


def config(p: Path, fn: Callable[[dict], None] | None = None, text: str | None = None) -> None:
    cfg = p / "config/regions/kupang.yml"
    if text is not None:
        cfg.write_text(cfg.read_text(encoding="utf-8") + text, encoding="utf-8")
        return
    data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
    fn(data)
    cfg.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def csv_text(rows: list[list]) -> str:
    return "\n".join(",".join(str(c) for c in r) for r in rows) + "\n"


def cases_book(p: Path, stage_date="15/03/2023", age="16", victims="1") -> None:
    lp = "LP/B/12/III/2023/SPKT/POLDA NTT"
    xlsx(
        p,
        "register.xlsx",
        {
            "Register": [
                ["Nomor LP", "Tanggal Lapor", "Modus", "Umur Korban", "Jumlah Korban"],
                [lp, "14/03/2023", "sextortion", age, victims],
            ],
            "Tahapan": [
                ["Nomor LP", "Tahap", "Tanggal"],
                [lp, "report", "14/03/2023"],
                [lp, "inquiry", stage_date],
            ],
        },
        kind="cases",
    )


def interviews_book(p: Path, coders: list[str]) -> None:
    codes = [["ID Segmen", "Koder", "Tema"]]
    for c in coders:
        codes += [["S1", c, "legal_education"], ["S2", c, "cyber_patrol"]]
    xlsx(
        p,
        "wawancara.xlsx",
        {
            "Informan": [["Kode", "Jabatan"], ["I1", "investigator"]],
            "Segmen": [["ID Segmen", "Informan", "Isi"], ["S1", "I1", "a"], ["S2", "I1", "b"]],
            "Kode": codes,
        },
        kind="interviews",
    )


def xls_bytes() -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Data")
    for r, values in enumerate([HEAD, ROW]):
        for c, v in enumerate(values):
            ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bomb(p: Path, n_parts: int) -> None:
    path = xlsx(p, "bom.xlsx", {"Data": [HEAD, ROW]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        for i in range(n_parts):
            z.writestr(f"xl/media/pad{i}.bin", b"\0" * 3_000_000)


# --------------------------------------------------------------------------- the cases
@dataclass
class Case:
    build: Callable[[Path], None]
    message: tuple[str, ...] = ()  # error line fragments (exit 2) or output fragments (exit 0)
    rc: int = 2
    reject: tuple | None = None  # (file, sheet, row, column, problem fragment)
    caps: dict = field(default_factory=dict)
    command: str = "clean"


def _err_cell(ref: bytes, formula: bytes | None, value: bytes) -> Callable[[bytes], bytes]:
    f = b"<f>" + formula + b"</f>" if formula else b""
    cell = b'<c r="' + ref + b'" t="e">' + f + b"<v>" + value + b"</v></c>"
    return lambda d: d.replace(b"</row>", cell + b"</row>", 2).replace(
        cell + b"</row>", b"</row>", 1
    )


def _append_cell(row_no: int, cell: bytes) -> Callable[[bytes], bytes]:
    marker = b'<row r="' + str(row_no).encode() + b'"'

    def fn(d: bytes) -> bytes:
        if marker not in d:  # a row of its own
            return d.replace(b"</sheetData>", marker + b">" + cell + b"</row></sheetData>")
        head, tail = d.split(marker, 1)
        end = tail.index(b"</row>")
        return head + marker + tail[:end] + cell + tail[end:]

    return fn


def _book_with_xml(rows, fn):
    def build(p: Path) -> None:
        sheet_xml(xlsx(p, "x.xlsx", {"Data": rows}), fn)

    return build


def _ole(p: Path, name: str, body: bytes) -> None:
    raw(p, name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body + b"\0" * 4096)


def _corrupt(p: Path) -> None:
    path = xlsx(p, "rusak.xlsx", {"Data": [HEAD, ROW]})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _plain_zip(p: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    raw(p, "arsip.xlsx", buf.getvalue())


def _entity_bomb(p: Path) -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    sheet_xml(xlsx(p, "bom.xlsx", {"Data": [HEAD, ROW]}), lambda d: dtd + d.split(b"?>", 1)[-1])


def _merge(cells: str):
    return lambda ws: ws.merge_cells(cells)


def _utf16(p: Path, sep: str) -> None:
    text = sep.join(HEAD) + "\r\n" + sep.join(ROW[:4] + ["Café ramai"]) + "\r\n"
    raw(p, "unicode.csv", text.encode("utf-16"))


def _leftover(p: Path) -> None:
    xlsx(p, "x.xlsx", {"Data": [HEAD, ROW]})
    junk = p / "data/processed/.kupang.tmp-999999999"
    junk.mkdir(parents=True)
    (junk / "outreach.csv").write_text("half", encoding="utf-8")


def _cfg(fn) -> Callable[[Path], None]:
    def build(p: Path) -> None:
        xlsx(p, "x.xlsx", {"Data": [HEAD, ROW]})
        config(p, fn)

    return build


def _sheets_opt(opts: dict) -> Callable[[dict], None]:
    return lambda d: d.setdefault("raw", {}).update(sheets={"outreach/x.xlsx": {"Data": opts}})


X = "outreach/x.xlsx"
CASES: dict[str, Case] = {
    # ---- files that cannot be read at all: one line, nothing written
    "real .xls workbook": Case(
        lambda p: raw(p, "lama.xls", xls_bytes()),
        ("outreach/lama.xls", "97-2003", "save it as .xlsx"),
    ),
    ".xls renamed .xlsx": Case(
        lambda p: raw(p, "lama.xlsx", xls_bytes()), ("outreach/lama.xlsx", "97-2003")
    ),
    "password-protected": Case(
        lambda p: _ole(p, "kunci.xlsx", "EncryptedPackage".encode("utf-16-le")),
        ("outreach/kunci.xlsx", "password-protected"),
    ),
    "macro workbook .xlsm": Case(
        lambda p: raw(p, "makro.xlsm", b"PK\x03\x04"),
        ("outreach/makro.xlsm", ".xlsm", "save it as .xlsx"),
    ),
    "OpenDocument .ods": Case(
        lambda p: raw(p, "data.ods", b"PK\x03\x04"), ("outreach/data.ods", "OpenDocument")
    ),
    "truncated workbook": Case(_corrupt, ("outreach/rusak.xlsx", "corrupt or truncated")),
    "text named .xlsx": Case(
        lambda p: raw(p, "t.xlsx", b"Tanggal,Kegiatan\n"),
        ("outreach/t.xlsx", "not an Excel .xlsx workbook"),
    ),
    "zip that is no workbook": Case(_plain_zip, ("outreach/arsip.xlsx", "no xl/workbook.xml")),
    "XML entity bomb": Case(_entity_bomb, ("outreach/bom.xlsx", "XML entities")),
    "zip bomb, one part": Case(
        lambda p: bomb(p, 1),
        ("outreach/bom.xlsx", "zip bomb"),
        caps={"BIG_PART": 1_000_000, "BIG_EXPANSION": 1 << 40},
    ),
    "zip bomb, many small parts": Case(
        lambda p: bomb(p, 4),
        ("outreach/bom.xlsx", "parts expand", "together"),
        caps={"BIG_EXPANSION": 8_000_000},
    ),
    "workbook over the size cap": Case(
        lambda p: bomb(p, 1),
        ("outreach/bom.xlsx", "would expand to"),
        caps={"MAX_WORKBOOK_BYTES": 1_000_000},
    ),
    "too many rows in a workbook": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD] + [row(note=str(i)) for i in range(8)]}),
        (X, "data rows (limit 5 per file)"),
        caps={"MAX_ROWS_PER_FILE": 5},
    ),
    "too many rows in a CSV": Case(
        lambda p: raw(p, "x.csv", csv_text([HEAD] + [row(note=str(i)) for i in range(8)]).encode()),
        ("outreach/x.csv", "data rows (limit 5 per file)"),
        caps={"MAX_ROWS_PER_FILE": 5},
    ),
    "too many rejects in a file": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD] + [row("kemarin", str(i)) for i in range(6)]}),
        (X, "6 rows would be rejected (limit 3"),
        caps={"MAX_REJECTS_PER_FILE": 3},
    ),
    "empty sheet": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": []}), (X, "sheet 'Data'", "sheet is empty")
    ),
    "no header row": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [["a", "b"], ["c", "d"]]}), (X, "no header row found")
    ),
    "missing required column": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD[1:], ROW[1:]]}),
        (X, "missing required column date", "Tanggal"),
    ),
    "two headers, one meaning": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD + ["Tgl"], ROW + ["15/03/2023"]]}),
        (X, "'Tanggal' and 'Tgl' both mean 'date'"),
    ),
    "merged header cells": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, ROW]}, edit=_merge("B1:C1")),
        (X, "header cells B1:C1 are merged"),
    ),
    "merged header below empty rows": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [[], [], HEAD, ROW]}, edit=_merge("B3:C3")),
        (X, "header cells B3:C3 are merged"),
    ),
    "error cell in the header": Case(
        _book_with_xml([HEAD, ROW], _append_cell(1, b'<c r="F1" t="e"><v>#NAME?</v></c>')),
        (X, "header cell F1 holds the Excel error #NAME?"),
    ),
    "empty CSV": Case(
        lambda p: raw(p, "x.csv", b"\xef\xbb\xbf\r\n"), ("outreach/x.csv", "file is empty")
    ),
    "workbook named .csv": Case(
        lambda p: raw(p, "x.csv", b"PK\x03\x04rest"), ("outreach/x.csv", "looks like a workbook")
    ),
    "CSV stray quote swallows lines": Case(
        lambda p: raw(
            p,
            "x.csv",
            csv_text(
                [HEAD, ROW, ['"14/03/2023', *ROW[1:]], ROW[:4] + ["lain"], ROW[:4] + ["lagi"]]
            ).encode(),
        ),
        ("outreach/x.csv, line 3", "not closed until line", "stray quote"),
    ),
    "three coders": Case(
        lambda p: interviews_book(p, ["A", "B", "C"]),
        ("interviews/wawancara.xlsx", "3 coders (A, B, C)", "exactly two"),
    ),
    # ---- configuration mistakes: file and key
    "duplicate YAML key": Case(
        lambda p: config(p, text="study_period: {start: 2020-01-01, end: 2020-12-31}\n"),
        ("kupang.yml", "key 'study_period' is written twice"),
    ),
    "broken YAML": Case(
        lambda p: config(p, text="name: [unclosed\n"), ("kupang.yml", "not valid YAML (line")
    ),
    "raw.sheets names an unknown table": Case(
        _cfg(_sheets_opt({"table": "outreachh"})),
        ("kupang.yml", "key 'raw.sheets.outreach/x.xlsx.Data.table': unknown table 'outreachh'"),
    ),
    "raw.sheets table of another kind": Case(
        _cfg(_sheets_opt({"table": "cases"})),
        ("kupang.yml", "raw.sheets.outreach/x.xlsx.Data.table", "files in outreach/ feed outreach"),
    ),
    "header_row written as text": Case(
        _cfg(_sheets_opt({"header_row": "satu"})),
        ("kupang.yml", "key 'raw.sheets.outreach/x.xlsx.Data.header_row': expected whole number"),
    ),
    "header_row zero": Case(
        _cfg(_sheets_opt({"header_row": 0})), ("kupang.yml", "header_row': rows count from 1")
    ),
    "header_row past the sheet": Case(
        _cfg(_sheets_opt({"header_row": 40})),
        (X, "raw.sheets", "pins header_row 40, but the sheet has 2 rows"),
    ),
    "raw.sheets as a list": Case(
        _cfg(lambda d: d.setdefault("raw", {}).update(sheets=["outreach/x.xlsx"])),
        ("kupang.yml", "key 'raw.sheets': expected a mapping", "got a list"),
    ),
    "aliases written as a list": Case(
        _cfg(lambda d: d.update(aliases=["Tgl"])),
        ("kupang.yml", "key 'aliases': expected a mapping"),
    ),
    "header aliases as a list": Case(
        _cfg(lambda d: d.update(aliases={"headers": {"outreach": ["Tgl Kegiatan"]}})),
        ("kupang.yml", "key 'aliases.headers.outreach': expected a mapping"),
    ),
    "header aliases for an unknown table": Case(
        _cfg(lambda d: d.update(aliases={"headers": {"kegiatan": {"Tgl": "date"}}})),
        ("kupang.yml", "key 'aliases.headers.kegiatan' is unknown"),
    ),
    "label alias not text": Case(
        _cfg(lambda d: d.update(aliases={"labels": {"audience": {"Siswa": ["school_pupils"]}}})),
        ("kupang.yml", "key 'aliases.labels.audience.Siswa': expected text"),
    ),
    "skip_sheets as text": Case(
        _cfg(lambda d: d.setdefault("raw", {}).update(skip_sheets="tentang")),
        ("kupang.yml", "key 'raw.skip_sheets': expected a list"),
    ),
    "district aliases as text": Case(
        _cfg(lambda d: d["districts"][0].update(aliases="Alak Barat")),
        ("kupang.yml", "key 'districts[0].aliases': expected a list"),
    ),
    "study period start as text": Case(
        _cfg(lambda d: d["study_period"].update(start="awal 2022")),
        ("kupang.yml", "key 'study_period.start': expected date"),
    ),
    "findings before clean": Case(
        lambda p: None, ("run `analysis clean --region kupang` first",), command="findings"
    ),
    # ---- readable files: rejects name file, sheet, row and column; notes say what was skipped
    "hidden archive sheet": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, ROW], "Arsip": [HEAD, ROW]}, hidden=("Arsip",)),
        ("outreach/x.xlsx: sheet 'Arsip' skipped (hidden sheet",),
        rc=0,
    ),
    "formula result #N/A": Case(
        _book_with_xml(
            [HEAD, ROW, row(note="x")],
            _append_cell(3, b'<c r="F3" t="e"><f>VLOOKUP(A3,Z:Z,2,0)</f><v>#N/A</v></c>'),
        ),
        rc=0,
        reject=(X, "Data", 3, "F", "formula whose result is #N/A"),
    ),
    "formula result error in a data column": Case(
        _book_with_xml(
            [HEAD, ROW, row(note="x")],
            lambda d: d.replace(
                b'<c r="B3" t="inlineStr"><is><t>Sosialisasi Hukum</t></is></c>',
                b'<c r="B3" t="e"><f>VLOOKUP(A3,Z:Z,2,0)</f><v>#N/A</v></c>',
            ),
        ),
        rc=0,
        reject=(X, "Data", 3, "Jenis Kegiatan", "formula whose result is #N/A"),
    ),
    "typed error cell": Case(
        _book_with_xml(
            [HEAD, ROW, row(note=None)], _append_cell(3, b'<c r="E3" t="e"><v>#REF!</v></c>')
        ),
        rc=0,
        reject=(X, "Data", 3, "Keterangan", "the Excel error #REF!"),
    ),
    "formula without saved result": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, ROW, ["=TODAY()", *ROW[1:]]]}),
        rc=0,
        reject=(X, "Data", 3, "Tanggal", "no saved result"),
    ),
    "formula without result in a title row": Case(  # the data are read; the title is named
        lambda p: xlsx(p, "x.xlsx", {"Data": [['=CONCAT("Laporan ",2023)'], HEAD, ROW]}),
        (
            "note: outreach/x.xlsx, sheet 'Data': title row 1, cell A1 holds a formula with no "
            "saved result, so the sheet's title is unknown",
        ),
        rc=0,
    ),
    "error cell on an otherwise blank row": Case(
        _book_with_xml([HEAD, ROW], _append_cell(4, b'<c r="C4" t="e"><v>#DIV/0!</v></c>')),
        rc=0,
        reject=(X, "Data", 4, "Sasaran", "#DIV/0!"),
    ),
    "blank rows above the header": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [[], [], HEAD, ROW, row("bukan tanggal")]}),
        rc=0,
        reject=(X, "Data", 5, "Tanggal", "could not be read"),
    ),
    "blank header above values": Case(
        lambda p: xlsx(
            p, "x.xlsx", {"Data": [[*HEAD[:2], None, *HEAD[2:]], [*ROW[:2], "x", *ROW[2:]]]}
        ),
        ("not read from outreach/x.xlsx, sheet 'Data': column C (values without a header)",),
        rc=0,
    ),
    "values right of the header": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, [*ROW, None, "catatan"]]}),
        ("column G (values without a header)",),
        rc=0,
    ),
    "blank header above values in a CSV": Case(
        lambda p: raw(
            p,
            "x.csv",
            csv_text(
                [["Tanggal", "Jenis Kegiatan", "", "Sasaran"], [*ROW[:2], "x", "Pelajar"]]
            ).encode(),
        ),
        ("not read from outreach/x.csv: column C (values without a header)",),
        rc=0,
    ),
    "UTF-16 tab-separated text": Case(lambda p: _utf16(p, "\t"), rc=0),
    "UTF-16 comma-separated text": Case(lambda p: _utf16(p, ","), rc=0),
    "semicolon-separated CSV": Case(
        lambda p: raw(p, "x.csv", "\n".join(";".join(r) for r in [HEAD, ROW]).encode("cp1252")),
        rc=0,
    ),
    "ragged CSV line": Case(
        lambda p: raw(
            p, "x.csv", csv_text([HEAD[:4], ROW[:4], ["15/03/2023", *ROW[1:4], "extra"]]).encode()
        ),
        rc=0,
        reject=("outreach/x.csv", "", 3, "E", "5 cells"),
    ),
    "CSV with blank lines above the header": Case(
        lambda p: raw(p, "x.csv", ("\n\n" + csv_text([HEAD, ROW, row("32/13/2023")])).encode()),
        rc=0,
        reject=("outreach/x.csv", "", 5, "Tanggal", "could not be read"),
    ),
    "CSV note spanning lines": Case(
        lambda p: raw(
            p,
            "x.csv",
            (
                csv_text([HEAD, ROW])
                + '15/03/2023,Sosialisasi Hukum,Pelajar,Oebobo,"baris satu\nbaris dua"\n'
                + csv_text([row("bukan")])
            ).encode(),
        ),
        rc=0,
        reject=("outreach/x.csv", "", 5, "Tanggal", "could not be read"),
    ),
    "case stage dated 2099": Case(
        lambda p: cases_book(p, stage_date="15/03/2099"),
        rc=0,
        reject=("cases/register.xlsx", "Tahapan", 3, "Tanggal", "is in the future"),
    ),
    "20-digit count": Case(
        lambda p: cases_book(p, victims="12345678901234567890"),
        rc=0,
        reject=("cases/register.xlsx", "Register", 2, "Jumlah Korban", "not a whole number"),
    ),
    "age with birth year": Case(lambda p: cases_book(p, age="17 tahun (lahir 2005)"), rc=0),
    "weekday contradicts the date": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, ROW, row("Senin, 14 Maret 2023")]}),
        rc=0,
        reject=(X, "Data", 3, "Tanggal", "'Senin, 14 Maret 2023' could not be read"),
    ),
    "weekday then date in parentheses with time": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, row("Selasa (14/03/2023) pukul 10.00 WIB")]}),
        rc=0,
    ),
    "abbreviated weekday": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, row("Sel, 14 Mar 2023")]}), rc=0
    ),
    "month before day": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, row("Maret 14, 2023")]}), rc=0
    ),
    "two-digit year after a month name": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, row("14 Mar 23")]}), rc=0
    ),
    "leading tanggal": Case(
        lambda p: xlsx(
            p, "x.xlsx", {"Data": [HEAD, row("tanggal 14 Maret 2023"), row("Tgl. 15/03/2023")]}
        ),
        rc=0,
    ),
    "one coder only": Case(
        lambda p: interviews_book(p, ["A"]), ("one coder only (A)", "kappa"), rc=0
    ),
    "region without cases/ folder": Case(
        lambda p: shutil.rmtree(p / "data/raw/kupang/cases"), ("no cases/ folder",), rc=0
    ),
    "a PDF beside the workbooks": Case(
        lambda p: raw(p, "scan.pdf", b"%PDF-1.4"), ("not read: outreach/scan.pdf",), rc=0
    ),
    "very long cell": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, row(note="x" * 6000)]}),
        rc=0,
        reject=(X, "Data", 2, "Keterangan", "6,000 characters"),
    ),
    "exact duplicate row": Case(
        lambda p: xlsx(p, "x.xlsx", {"Data": [HEAD, ROW, ROW]}),
        rc=0,
        reject=(X, "Data", 3, "", "exact duplicate of row 2"),
    ),
    "leftover folder of a killed run": Case(_leftover, ("removed .kupang.tmp-999999999",), rc=0),
}


@pytest.fixture
def proj(tmp_path: Path, root: Path, monkeypatch) -> Path:
    shutil.copytree(root / "config", tmp_path / "config")
    for kind in ("outreach", "cases", "interviews"):
        (tmp_path / "data/raw/kupang" / kind).mkdir(parents=True)
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def _private_rejects(proj: Path) -> list[dict]:
    with (proj / "data/private/kupang/rejects.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _balanced(processed: Path) -> list[dict]:
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    for s in manifest["sources"]:
        assert s["rows_read"] == s["rows_kept"] + s["rows_rejected"] + s["rows_duplicate"], s
    with (processed / "rejects.csv").open(encoding="utf-8") as fh:
        rejects = list(csv.DictReader(fh))
    assert sum(s["rows_rejected"] + s["rows_duplicate"] for s in manifest["sources"]) == len(
        {(r["source_file"], r["source_sheet"], r["source_row"]) for r in rejects}
    )
    return rejects


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, proj: Path, capsys, monkeypatch) -> None:
    case = CASES[name]
    for cap, value in case.caps.items():
        monkeypatch.setattr(limits, cap, value)
    case.build(proj)
    rc = main([case.command, "--region", "kupang"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert rc == case.rc, out + err
    processed = proj / "data/processed/kupang"
    if rc == 2:
        line = err.strip()
        assert line.startswith("error: ") and "\n" not in line, line
        for f in case.message:
            assert f in line, line
        assert not processed.exists()  # nothing half-written
        return
    for f in case.message:
        assert f in out, out
    rejects = _balanced(processed)
    if case.reject:
        file, sheet, row_no, column, problem = case.reject
        hits = [  # the researcher's own copy: real file and sheet names, raw values
            r
            for r in _private_rejects(proj)
            if (r["source_file"], r["source_sheet"], int(r["source_row"])) == (file, sheet, row_no)
        ]
        assert any(r["column"] == column and problem in r["problem"] for r in hits), hits
    else:
        assert rejects == [], rejects
    assert not list((proj / "data/processed").glob(".*"))  # no leftover temporary folder


def test_hidden_sheet_is_not_counted_twice(proj: Path, capsys) -> None:
    xlsx(proj, "x.xlsx", {"Data": [HEAD, ROW], "Arsip": [HEAD, ROW]}, hidden=("Arsip",))
    assert main(["clean", "--region", "kupang"]) == 0
    m = json.loads((proj / "data/processed/kupang/manifest.json").read_text(encoding="utf-8"))
    key = json.loads((proj / "data/private/kupang/key.json").read_text(encoding="utf-8"))
    sheets = [key["sheets"][f"{s['file']}/{s['sheet']}"] for s in m["sources"]]
    assert sheets == ["Data"] and m["tables"]["outreach"] == 1
    assert any("hidden sheet" in n for n in m["notes"])


def test_utf16_text_is_read_as_text(proj: Path, capsys) -> None:
    import pandas as pd

    _utf16(proj, "\t")
    assert main(["clean", "--region", "kupang"]) == 0
    df = pd.read_parquet(proj / "data/processed/kupang/outreach.parquet")
    assert list(df["notes"]) == ["Café ramai"] and list(df["district"]) == ["Oebobo"]


def test_age_with_birth_year_is_one_age(proj: Path, capsys) -> None:
    import pandas as pd

    cases_book(proj, age="17 tahun (lahir 2005)")
    assert main(["clean", "--region", "kupang"]) == 0
    # the record-level tier holds the age band; one case (< privacy.k) shares none of it
    df = pd.read_parquet(proj / "data/private/kupang/cases.parquet")
    assert list(df["victim_minor"]) == [True] and ";" not in df["victim_age_band"].iloc[0]
    shared = pd.read_parquet(proj / "data/processed/kupang/cases.parquet")
    assert shared["victim_minor"].isna().all() and shared["victim_age_band"].isna().all()


def test_suite_covers_sixty_kinds() -> None:
    assert len(CASES) >= 60
