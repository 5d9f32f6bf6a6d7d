"""Reading any file `analysis privacy-scan` is pointed at, as its format, in chunks.

Tables (.csv, .tsv, .parquet, .dta, .sav) are read in batches and scanned by their distinct
cells per batch (numbers as a CSV shows them); text (.txt, .md, and large markup) is decoded
by the CSV reader's encoding detector and read a megabyte at a time, cut at line ends; XML
(.qde, .xml) is parsed incrementally with entities refused; a .qdpx is its project XML and
its source texts (.txt, .docx); .xlsx and .docx are their XML parts. A file that does not
read as its format raises, and the scan lists it: never a silent "no identifiers found".
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import InputError
from analysis.privacy import filetext
from analysis.read.csvfile import delimiter, text_encoding

Chunks = Iterator[tuple[str, float]]
BLOCK = 1 << 20  # bytes of text per chunk
WHOLE_MAX = 32 << 20  # markup up to this size is parsed whole (the gate's reading)


def _size(path: Path) -> int:
    return max(path.stat().st_size, 1)


def text_chunks(path: Path) -> Chunks:
    """Decoded text cut at line ends; UTF-8 that turns out not to be UTF-8 is read again as
    cp1252 (as the CSV reader decides for a whole file)."""
    with path.open("rb") as fh:
        enc = text_encoding(fh.read(4096))
    try:
        yield from _decoded(path, enc)
    except UnicodeDecodeError:
        if enc != "utf-8":
            raise InputError(f"{path}: text looks like {enc} but cannot be decoded") from None
        yield from _decoded(path, "cp1252")


def _decoded(path: Path, enc: str) -> Chunks:
    size, carry = _size(path), ""
    dec = codecs.getincrementaldecoder(enc)(errors="strict")
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            text = carry + dec.decode(block)
            cut = text.rfind("\n") + 1 or (len(text) if len(text) > 4 * BLOCK else 0)
            carry = text[cut:]
            yield text[:cut], fh.tell() / size
        yield carry + dec.decode(b"", final=True), 1.0


def csv_chunks(path: Path, sep: str | None = None) -> Chunks:
    """Batches of cells; a file that is not a regular table is read as text instead."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with path.open("rb") as fh:
        head = fh.read(65536)
    enc = text_encoding(head)
    sep = sep or delimiter(head.decode(enc.replace("-sig", ""), errors="replace"))
    size = _size(path)
    try:
        with pa.OSFile(str(path)) as f:
            reader = pacsv.open_csv(
                f,
                read_options=pacsv.ReadOptions(
                    autogenerate_column_names=True, block_size=BLOCK, encoding=enc
                ),
                parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types={f"f{i}": pa.string() for i in range(4096)},
                    strings_can_be_null=False,
                ),
            )
            for batch in reader:
                table = pa.Table.from_batches([batch])
                yield filetext.table_text(table, headers=False), f.tell() / size
    except (pa.ArrowInvalid, UnicodeDecodeError):  # ragged, or not in one encoding: as text
        yield from text_chunks(path)


def parquet_chunks(path: Path) -> Chunks:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    rows, total = 0, max(pf.metadata.num_rows, 1)
    yield "\n".join(pf.schema_arrow.names), 0.0
    for batch in pf.iter_batches(batch_size=65536):
        rows += batch.num_rows
        yield filetext.table_text(pa.Table.from_batches([batch]), headers=False), rows / total


def _frame_text(df) -> str:
    """A pandas chunk as the gate reads a table (objects as text, numbers as numbers)."""
    import pyarrow as pa

    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: "" if v is None else str(v))
    return filetext.table_text(pa.Table.from_pandas(df, preserve_index=False))


def _labels_text(*labels) -> str:
    parts = []
    for lab in labels:
        if isinstance(lab, dict):
            for v in lab.values():
                parts.extend(v.values() if isinstance(v, dict) else [v])
        elif isinstance(lab, list | tuple):
            parts.extend(lab)
    return "\n".join(str(p) for p in parts if p is not None)


def stata_chunks(path: Path) -> Chunks:
    import pandas as pd

    with pd.read_stata(path, iterator=True, chunksize=50_000, convert_categoricals=False) as rd:
        total, rows = 0, 0
        for df in rd:
            if not total:  # the header is read with the first chunk
                total = max(rd._nobs, 1)  # noqa: SLF001 (pandas has no public row count)
                yield _labels_text(rd.variable_labels(), rd.value_labels(), [rd.data_label]), 0
            rows += len(df)
            yield _frame_text(df), rows / total
        if not total:
            yield _labels_text(rd.variable_labels(), rd.value_labels(), [rd.data_label]), 1.0


def spss_chunks(path: Path) -> Chunks:
    try:
        import pyreadstat
    except ImportError:
        raise InputError(
            f"{path}: reading SPSS .sav needs pyreadstat (pip install 'analysis[spss]')"
        ) from None
    for df, meta in pyreadstat.read_file_in_chunks(pyreadstat.read_sav, str(path), 50_000):
        labels = _labels_text(meta.column_labels, meta.variable_value_labels, [meta.file_label])
        done = (meta.number_rows or 0) and min(1.0, len(df) / meta.number_rows)
        yield labels + "\n" + _frame_text(df), done


def _xml_values(el) -> Iterator[str]:
    """An ended element's text, attribute values and its children's tails (a tail is parsed
    only after its element ended, so it is read with the parent)."""
    if el.text and el.text.strip():
        yield el.text
    yield from el.attrib.values()
    for child in el:
        if child.tail and child.tail.strip():
            yield child.tail


def xml_chunks(source, size: int = 0) -> Chunks:
    """Element text, tails and attribute values; DTDs and entities are refused."""
    from defusedxml import ElementTree as ET

    buf: list[str] = []
    n = 0
    fh = open(source, "rb") if isinstance(source, Path) else source  # noqa: SIM115
    try:
        for _, el in ET.iterparse(fh, events=("end",), forbid_dtd=True):
            for v in _xml_values(el):
                buf.append(v)
                n += len(v)
            tail = el.tail  # read with the parent, after this element ended
            el.clear()
            el.tail = tail
            if n >= BLOCK:
                yield "\n".join(buf), fh.tell() / size if size else 0.0
                buf, n = [], 0
        yield "\n".join(buf), 1.0
    finally:
        if isinstance(source, Path):
            fh.close()


def qdpx_chunks(path: Path) -> Chunks:
    """The project XML and every source text (.txt, .docx) of a REFI-QDA archive."""
    from analysis.read.csvfile import decode
    from analysis.read.qdpx.archive import Archive, read_entry

    archive = Archive(path, str(path))
    with archive.zf:
        qde, data = archive.project_xml()
        yield from ((t, 0.0) for t, _ in xml_chunks(io.BytesIO(data)))
        entries = [i for i in archive.zf.infolist() if not i.is_dir() and i.filename != qde]
        other = []
        for n, info in enumerate(entries, start=1):
            suffix = Path(info.filename).suffix.lower()
            where = f"{path} ({info.filename})"
            body = read_entry(archive.zf, info, where)
            if suffix == ".txt":
                yield decode(body, where), n / len(entries)
            elif suffix == ".docx":
                yield docx_text(io.BytesIO(body), where), n / len(entries)
            else:
                other.append(suffix or "no extension")
    if other:
        raise InputError(
            f"{path}: {len(other)} source(s) of a kind the scan cannot read "
            f"({', '.join(sorted(set(other)))}); check them by hand"
        )


def docx_text(source, where: str) -> str:
    try:
        with zipfile.ZipFile(source) as zf:
            if "word/document.xml" not in zf.namelist():
                raise InputError(f"{where}: not a Word document (no word/document.xml)")
        return filetext.zip_xml_text(source)
    except zipfile.BadZipFile:
        raise InputError(f"{where}: not a Word document (not a zip file)") from None


def _whole(path: Path) -> Chunks:
    """A generated-file format read as the gate reads it; a large one as plain text."""
    if path.stat().st_size > WHOLE_MAX:
        return text_chunks(path)
    return iter([(filetext.file_text(path), 1.0)])


def _xlsx(path: Path) -> Chunks:
    from analysis.read.xlsxfile import check_zip

    check_zip(path, str(path)).close()  # not a workbook, a zip or an XML bomb: one line
    return iter([(filetext.zip_xml_text(path), 1.0)])


READERS = {
    ".csv": csv_chunks,
    ".tsv": lambda p: csv_chunks(p, "\t"),
    ".txt": text_chunks,
    ".md": text_chunks,
    ".parquet": parquet_chunks,
    ".dta": stata_chunks,
    ".sav": spss_chunks,
    ".xlsx": _xlsx,
    ".docx": lambda p: iter([(docx_text(p, str(p)), 1.0)]),
    ".qdpx": qdpx_chunks,
    ".qde": lambda p: xml_chunks(p, _size(p)),
    ".xml": lambda p: xml_chunks(p, _size(p)),
    **{s: _whole for s in (".html", ".htm", ".json", ".ipynb", ".svg", ".css", ".png")},
}


# formats that hold text the scan cannot get at: named as not read, never sniffed as text
BINARY = frozenset(
    ".pdf .doc .xls .xlsm .xlsb .ppt .pptx .odt .ods .rtf .zip .7z .rar .gz .tar .bz2 .xz "
    ".jpg .jpeg .gif .tif .tiff .bmp .webp .heic .mp3 .mp4 .m4a .wav .ogg .mov .avi .sqlite "
    ".db .pkl .pickle .feather .arrow .rds .rdata .sas7bdat .por .nvp .nvpx .atlproj .mx".split()
)


def looks_like_text(path: Path) -> bool:
    """A file of another extension (.yml, .log, .R, none) read as text when its first 4 KB
    decode and hold almost no control characters."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    enc = text_encoding(head)
    try:
        text = codecs.getincrementaldecoder(enc)(errors="strict").decode(head)
    except UnicodeDecodeError:
        if enc != "utf-8":
            return False
        text = head.decode("cp1252", errors="replace")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return control * 100 <= len(text)


def input_chunks(path: Path) -> Chunks | None:
    """The reader `analysis privacy-scan` uses: None for a format it does not read."""
    suffix = path.suffix.lower()
    read = READERS.get(suffix)
    if read is None and suffix not in BINARY and looks_like_text(path):
        read = text_chunks
    return read(path) if read else None
