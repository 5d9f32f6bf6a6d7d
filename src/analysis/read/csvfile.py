"""Reading CSV text: encodings (UTF-8, UTF-16 "Unicode text", cp1252), delimiters, exact lines.

Line numbers in messages are the lines a text editor shows. A stray quote that would make
the CSV reader swallow the following lines into one cell stops the file with the line of
the quote, instead of quietly turning several records into one note.
"""

from __future__ import annotations

import csv
import io as _io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.read.sheet import RawSheet, col_letter
from analysis.values import limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def text_encoding(head: bytes) -> str:
    """The codec text starting with these bytes is read with: a BOM decides; else UTF-16 by
    its zero bytes; else UTF-8 (`decode` falls back to cp1252 when that fails)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _zero_heavy(head):
        sample = head[:4096]
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    return "utf-8"


def decode(data: bytes, label: str) -> str:
    """Text from bytes in the codec `text_encoding` names; UTF-8 that fails is cp1252."""
    enc = text_encoding(data)
    if enc.startswith("utf-16"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            how = "has a UTF-16 mark but is not" if enc == "utf-16" else "looks like UTF-16 but"
            what = "valid UTF-16" if enc == "utf-16" else "cannot be decoded"
            raise InputError(f"{label}: text {how} {what}") from None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{label}: text is neither UTF-8 nor Windows-1252 (cp1252)") from None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def garbled(text: str) -> str:
    """Why decoded text is not text (a binary file, a wrong encoding), or '' if it reads:
    any NUL, or more than 1 in 200 characters a control character or U+FFFD."""
    if "\x00" in text:
        return "text holds NUL characters: a binary file, or an encoding it does not declare"
    bad = len(_CONTROL.findall(text[:200_000]))
    if bad * 200 > min(len(text), 200_000):
        return f"text decodes to garbage ({bad} control or replacement characters)"
    return ""


def delimiter(text: str) -> str:
    """The separator of the first non-blank line: comma, semicolon (some locales) or tab."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _swallowed(rec: list[str], sep: str, width: int) -> bool:
    """Does a multi-line cell hold lines that look like whole records of their own?"""
    need = max(1, width - 2)
    for cell in rec:
        if "\n" in cell or "\r" in cell:
            if any(ln.count(sep) >= need for ln in cell.splitlines()[1:]):
                return True
    return False


def _utf8_body(data: bytes) -> bytes | None:
    """The bytes as UTF-8 for the fast reader (BOM dropped), or None when `decode` would read
    them as UTF-16; pyarrow itself refuses invalid UTF-8, and then the exact reader decodes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _zero_heavy(data):
        return None
    return data


def _zero_heavy(data: bytes) -> bool:
    """UTF-16 without a mark: a quarter or more of the first 4 KB are zero bytes."""
    sample = data[:4096]
    return len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4


def read_csv(path: Path, label: str, header_row: int = 1) -> list[RawSheet]:
    """Read a CSV keeping line numbers exact; stray quotes and ragged lines are reported."""
    data = path.read_bytes()
    if not re.search(rb"\S", data):
        raise InputError(f"{label}: file is empty")
    if data[:4].startswith(b"PK\x03\x04") or data.startswith(OLE_MAGIC):
        raise InputError(f"{label}: looks like a workbook, not CSV text; rename it to .xlsx")
    body = _utf8_body(data)
    if header_row == 1 and body is not None:
        lines = body[: 1 << 16].decode("utf-8", errors="replace").splitlines()
        head = "\n".join(lines if len(body) <= 1 << 16 else lines[:-1])  # whole lines only
        if head.strip():
            fast = _read_csv_fast(body, label, delimiter(head))
            if fast is not None:
                return [fast]
    text = decode(data, label)
    if not text.strip(" \r\n\t\ufeff"):
        raise InputError(f"{label}: file is empty")
    sep = delimiter(text)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    rows, numbers = [], []
    header: list[str] | None = None
    blanks = line_before = 0
    for rec in reader:
        start_line, line_before = line_before + 1, reader.line_num
        if header is None:
            if start_line >= header_row and any(c.strip() for c in rec):
                header = [c.strip() for c in rec]
            continue
        if not any(c.strip() for c in rec):
            blanks += 1
            continue
        if line_before > start_line and _swallowed(rec, sep, len(header)):
            raise InputError(
                f'{label}, line {start_line}: a quote (") opened on this line is not closed '
                f"until line {line_before}, so those lines would be read as one cell; "
                "remove the stray quote or close it"
            )
        rows.append(rec)
        numbers.append(start_line)
    if header is None:
        raise InputError(f"{label}: no header line")
    limits.check_rows(label, len(rows))
    return [_sheet(label, header, rows, numbers, blanks)]


def _sheet(label: str, header: list[str], rows, numbers, blanks) -> RawSheet:
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    header = header[:width]
    problems, fixed = [], []
    for rec, n in zip(rows, numbers, strict=True):
        if len(rec) > width and any(c.strip() for c in rec[width:]):
            problems.append(
                (n, col_letter(width), f"line has {len(rec)} cells but the header has {width}")
            )
        fixed.append((rec + [""] * width)[:width])
    frame = pd.DataFrame(fixed, columns=range(width), dtype=object)
    unheaded = [
        col_letter(i)
        for i, h in enumerate(header)
        if h == "" and frame[i].astype(str).str.strip().ne("").any()
    ]
    return RawSheet(
        label,
        "",
        header,
        frame,
        pd.Series(numbers, dtype="int64"),
        blanks,
        problems,
        unheaded_columns=unheaded,
    )


def _read_csv_fast(data: bytes, label: str, sep: str) -> RawSheet | None:
    """pyarrow parses; returns None (use the exact reader) unless every record is one line,
    so that line number = record index + 1 holds.

    Columns are read dictionary-encoded (pandas categoricals): a log repeats a few hundred
    distinct values over a million rows, and every later step (blank rows, repeats, the
    normalisers) works on the distinct values and the integer codes."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    try:
        tbl = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.dictionary(pa.int32(), pa.string()) for i in range(4096)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None  # ragged lines: the exact reader reports them row by row
    # pyarrow skips empty lines: then it has fewer records than the text has lines, and the
    # exact reader (which counts them) takes over
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if tbl.num_rows != lines or tbl.num_rows < 2:
        return None
    header = [str(h).strip() for h in tbl.slice(0, 1).to_pylist()[0].values()]
    if "" in header:
        return None  # the exact reader names columns with values but no header
    limits.check_rows(label, tbl.num_rows - 1)
    frame = tbl.slice(1).to_pandas()
    frame.columns = range(len(header))
    numbers = pd.Series(range(2, len(frame) + 2), dtype="int64")
    empty = np.ones(len(frame), dtype=bool)
    for c in frame.columns:  # blank: every cell is whitespace; judged once per distinct value
        col = frame[c]
        blank_value = pc.equal(pc.utf8_trim_whitespace(pa.array(col.cat.categories)), "")
        empty &= blank_value.to_numpy(zero_copy_only=False)[col.cat.codes.to_numpy()]
    blanks = int(empty.sum())
    if blanks:
        frame = frame[~empty].reset_index(drop=True)
        numbers = numbers[~empty].reset_index(drop=True)
    return RawSheet(label, "", header, frame, numbers, blanks, [])
