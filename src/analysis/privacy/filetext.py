"""The text a generated file shows a reader, as the privacy gate scans it.

One reader per format (tables by their distinct cells, notebooks, HTML, PNG text chunks,
workbooks, JSON strings), so `gate` decides what to refuse and this module only what to read.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from PIL import Image

from analysis.kinds.tables import TABLES

# Whole numbers our own writers put under these keys are sizes and row counts, not data: a
# 12 MB table ("bytes": 12345678) or a national run's row count is not an 8-digit identifier.
# A string under these keys, or a number under any other key, is still scanned.
_SIZE_KEYS = frozenset(
    {"bytes", "rows_read", "rows_kept", "rows_rejected", "rows_duplicate", "blank_rows_skipped"}
    | set(TABLES)
    | {"rejects"}
)


def _json_strings(obj: object, key: str = "") -> Iterator[str]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from _json_strings(v, str(k))
    elif isinstance(obj, list):
        for v in obj:
            yield from _json_strings(v, key)
    elif isinstance(obj, int) and not isinstance(obj, bool) and key in _SIZE_KEYS:
        return
    elif obj is not None:
        yield str(obj)


def _notebook_text(nb: dict) -> str:
    parts = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        parts.append("".join(src) if isinstance(src, list) else str(src))
        for out in cell.get("outputs", []):
            t = out.get("text", "")
            parts.append("".join(t) if isinstance(t, list) else str(t))
            for k in ("ename", "evalue"):
                parts.append(str(out.get(k, "")))
            for mime, data in out.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    parts.append(
                        "".join(data)
                        if isinstance(data, list)
                        else json.dumps(data, ensure_ascii=False)
                    )
    parts.extend(_json_strings(nb.get("metadata", {})))
    return "\n".join(parts)


class _HTMLText(HTMLParser):
    """What a reader of a page sees or can uncover: text, character references resolved,
    and the attributes that carry words (title, alt, value, content); scripts, styles and
    base64 `data:` payloads are not text."""

    ATTRS = ("title", "alt", "value", "content")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attrs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.attrs += [v for k, v in attrs if k in self.ATTRS and v and not _DATA_URI.match(v)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(_DATA_URI.sub(" ", data))


_DATA_URI = re.compile(r"data:[a-z/+\-]+;base64,[A-Za-z0-9+/=]+")


def _html_text(markup: str) -> str:
    reader = _HTMLText()
    reader.feed(markup)
    reader.close()
    return "\n".join(reader.parts) + "\n" + "\n".join(reader.attrs)


def _png_text(data: bytes) -> str:
    """The text chunks (tEXt, zTXt, iTXt: key and value), read by Pillow; pixels are not
    text. A PNG Pillow cannot read raises, and the gate refuses the file."""
    with Image.open(io.BytesIO(data), formats=["PNG"]) as im:
        im.load()
        return "\n".join(f"{key}\n{value}" for key, value in im.text.items())


def zip_xml_text(path: Path | IO[bytes]) -> str:
    """Every string in the XML parts of an Office file (.xlsx cells, sheet names, document
    properties; .docx paragraphs), character references resolved."""
    parts = []
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.endswith(".xml"):
                xml = zf.read(info).decode("utf-8", "replace")
                parts.append(html.unescape(re.sub(r"<[^>]+>", "\n", xml)))
                parts.extend(re.findall(r'\bname="([^"]*)"', xml))
    return "\n".join(parts)


# A cell that is only a whole number of up to 7 digits, or 1-3 capitals and up to 7 digits
# (row numbers, counts, pseudonyms A00001, K01, S0001), cannot hold any identifier the
# detectors look for (those need 8+ digits, letters in words, '@', '/' or brackets).
_PLAIN_CELL = r"^(?:[A-Z]{1,3}[0-9]{1,7}|[0-9]{1,7})$"


_PLAIN_MAX = 9_999_999


def _read_csv_table(path: Path):
    """Every cell as text, header line included (so '0812...' keeps its leading zero)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(4096)},
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, OSError):
        return None  # not a plain table (ragged, not UTF-8): scanned as text


def table_text(table, headers: bool = True) -> str:
    """A table as the scan reads it: its headers, then each column's distinct values.

    Identifiers sit in cells, so scanning every distinct cell once finds what scanning
    every row finds; a million-row table is scanned in seconds, not minutes. Values are
    separated by ',' and a line break, as cells are in CSV text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = [str(n) for n in table.column_names] if headers else []
    for col in table.columns:
        typ = col.type
        if pa.types.is_dictionary(typ):
            col, typ = col.cast(typ.value_type), typ.value_type
        if pa.types.is_timestamp(typ) or pa.types.is_date(typ) or pa.types.is_boolean(typ):
            continue  # a date or a yes/no is not an identifier
        if pa.types.is_integer(typ):
            lo_hi = pc.min_max(col)
            lo, hi = lo_hi["min"].as_py(), lo_hi["max"].as_py()
            if lo is None or (lo >= 0 and hi <= _PLAIN_MAX):
                continue
        values = pc.unique(col).drop_null()
        if pa.types.is_floating(typ):  # as pandas writes them in CSV (repr), not 3.2e+15
            values = pa.array([repr(v) for v in values.to_pylist()], type=pa.string())
        elif not (pa.types.is_string(typ) or pa.types.is_large_string(typ)):
            values = values.cast(pa.string())
        values = values.filter(pc.invert(pc.match_substring_regex(values, _PLAIN_CELL)))
        parts.extend(values.to_pylist())
    return ",\n".join(parts)


def file_text(path: Path) -> str:
    """The text of a generated file that a reader could see (never markup or pixels)."""
    suf = path.suffix.lower()
    if suf == ".parquet":
        import pyarrow.parquet as pq

        return table_text(pq.read_table(path))
    if suf == ".csv":
        table = _read_csv_table(path)
        if table is not None:  # its header line was read as a row (names f0, f1, ...)
            return table_text(table, headers=False)
    if suf == ".xlsx":
        return zip_xml_text(path)
    if suf == ".png":
        return _png_text(path.read_bytes())
    text = path.read_text(encoding="utf-8", errors="replace")
    if suf == ".json":
        try:
            return "\n".join(_json_strings(json.loads(text)))
        except ValueError:
            return text
    if suf == ".ipynb":
        try:
            return _notebook_text(json.loads(text))
        except ValueError:
            return text
    if suf == ".html":
        return _html_text(text)
    if suf == ".css":  # as in a page's <style>: only strings a stylesheet puts on screen
        return "\n".join(re.findall(r"content:\s*[\"']([^\"']*)[\"']", text))
    if suf == ".svg":  # coordinates are numbers, not data: only text runs, titles, metadata
        runs = re.findall(r"<(?:text|tspan|title|desc|dc:\w+)[^>]*>([^<]*)<", text)
        comments = re.findall(r"<!--(.*?)-->", text, flags=re.S)
        return "\n".join(runs + comments)
    return text
