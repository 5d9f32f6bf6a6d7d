"""Opening a REFI-QDA project safely: zip entries by case-insensitive name under size caps,
project XML parsed without entities (the treatment workbooks get in `read.xlsxfile`).

The caps (MAX_UNCOMPRESSED, MAX_ENTRY, MAX_RATIO, MAX_ENTRIES) are defined once, below.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from analysis.errors import InputError

# Caps on what an archive may expand to; read at each call, so a test that lowers one
# (monkeypatching this module) takes effect everywhere.
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # bytes an archive may expand to in total
MAX_ENTRY = 64 * 1024 * 1024  # bytes one entry (project XML or a source text) may expand to
MAX_RATIO = 200  # expansion ratio beyond which a large entry is treated as a zip bomb
MAX_ENTRIES = 10_000


def local(tag: Any) -> str:
    """An element's name without its namespace (comments and PIs have none)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el: Any, name: str) -> list[Any]:
    return [c for c in el if local(c.tag) == name]


def child(el: Any, name: str) -> Any | None:
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """Read one entry, never more than MAX_ENTRY bytes whatever its header claims."""
    limit = MAX_ENTRY
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{label}: entry {info.filename} expands beyond {limit // 1_000_000} MB; "
            "refusing a possible zip bomb"
        )
    return data


def _check_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse archives that claim too many entries, too many bytes or a bomb's ratio."""
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{label}: archive holds {len(infos)} entries (limit {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{label}: archive would expand to {total / 1e6:.0f} MB "
            f"(limit {MAX_UNCOMPRESSED / 1e6:.0f} MB); refusing a possible zip bomb"
        )
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > 10_000_000 and ratio > MAX_RATIO:
            raise InputError(
                f"{label}: entry {i.filename} is compressed "
                f"{i.file_size // max(i.compress_size, 1)}:1; refusing a possible zip bomb"
            )


class Archive:
    """Entries of a .qdpx by case-insensitive name, with the safety checks the workbook reader makes."""

    def __init__(self, path: Path, label: str) -> None:
        self.label = label
        with path.open("rb") as fh:
            head = fh.read(4)
        if not head.startswith(b"PK"):
            raise InputError(f"{label}: not a REFI-QDA .qdpx archive (it is not a zip file)")
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError) as e:
            raise InputError(f"{label}: .qdpx archive is corrupt or truncated ({e})") from None
        _check_sizes(infos, label)
        self.by_name = {i.filename.replace("\\", "/").casefold(): i for i in infos}

    def project_xml(self) -> tuple[str, bytes]:
        """(entry name, bytes) of the one project XML at the top of the archive."""
        roots = [
            i for n, i in self.by_name.items() if "/" not in n.strip("/") and n.endswith(".qde")
        ]
        if not roots:
            raise InputError(
                f"{self.label}: no project XML in the archive (expected project.qde at its top)"
            )
        pick = [i for i in roots if i.filename.casefold() == "project.qde"] or roots
        if len(pick) > 1:
            names = ", ".join(sorted(i.filename for i in pick))
            raise InputError(f"{self.label}: several project XML files ({names}); keep one")
        return pick[0].filename, read_entry(self.zf, pick[0], self.label)

    def source(self, name: str) -> bytes | None:
        """internal://NAME is stored under sources/NAME (any case), or at the top."""
        for key in (f"sources/{name}".casefold(), name.casefold()):
            info = self.by_name.get(key)
            if info is not None:
                return read_entry(self.zf, info, self.label)
        return None


def parse_xml(data: bytes, where: str) -> Any:
    """Project XML -> element tree; DTDs and entities are refused, not expanded."""
    from defusedxml import DefusedXmlException
    from defusedxml import ElementTree as ET

    head = data[:65536]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise InputError(f"{where}: declares XML entities; refusing a possible XML bomb")
    try:
        return ET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(f"{where}: declares XML entities; refusing a possible XML bomb") from None
    except ET.ParseError as e:
        raise InputError(f"{where}: project XML is not well-formed ({e})") from None


def open_project(path: Path, label: str) -> tuple[Any, Archive | None, str]:
    """A .qdpx (or bare .qde) -> (Project root element, open archive or None, where).

    `where` names the file (and the XML entry inside an archive) for messages; the caller
    closes the archive."""
    archive = None
    if path.suffix.lower() == ".qde":
        data, qde = path.read_bytes(), path.name
        if len(data) > MAX_ENTRY:
            raise InputError(f"{label}: project XML is larger than {MAX_ENTRY // 1_000_000} MB")
    else:
        archive = Archive(path, label)
        qde, data = archive.project_xml()
    where = f"{label} ({qde})" if archive else label
    try:
        root = parse_xml(data, where)
        if local(root.tag) != "Project":
            raise InputError(
                f"{where}: not a REFI-QDA project (root element is {local(root.tag)!r})"
            )
    except InputError:
        if archive is not None:
            archive.zf.close()
        raise
    return root, archive, where


def decode_text(data: bytes, label: str) -> tuple[str | None, str]:
    """A source text's bytes -> (text, problem), decoded as the CSV reader decodes a file
    (BOMs, UTF-16 with or without a mark, UTF-8, then cp1252); a text that decodes to
    control characters is garbage, reported and never kept."""
    from analysis.read.csvfile import decode, garbled

    try:
        text = decode(data, label)
    except InputError as e:
        return None, str(e)
    why = garbled(text)
    return (None, f"{label}: {why}") if why else (text, "")
