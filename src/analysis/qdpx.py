"""REFI-QDA project exchange (.qdpx / .qde): coded interviews from and to QDA tools.

Import turns a project into the three raw interview sheets the cleaning already knows
(informants, interview_segments, segment_codes, with canonical headers), so label mapping,
rejects, scrubbing, pseudonyms and row accounting stay in one place. What real exports get
wrong is handled here and reported per selection or per source, never guessed:

- positions: the standard counts characters, some tools count UTF-16 code units over the
  text with CRLF kept (or count CRLF as one); the counting that cuts no word is chosen per
  source, and a selection that still starts or ends inside a word is rejected, not sliced;
- GUIDs are compared without braces and letter case;
- the coder is the Coding's creatingUser (else the selection's); users become C1, C2, ...
  in order of first appearance, their names are never read;
- selections with the same positions are one segment; a selection may carry no coding;
- entry names vary in case (Project.qde, Sources/); a source text may be inline, missing or
  outside the archive: its selections are rejected with the reason;
- code hierarchy: a code's parent (or an ATLAS.ti "Parent::child" name) is the aspect, the
  code the theme; codable parents coded directly become themes (and usually rejects);
- informant attributes come from Case variables, from source variables, or from Sets named
  "attribute: value" (for example "role: investigator").

Export writes the region's processed (already scrubbed) tables as a project that validates
against the REFI-QDA Project.xsd: informants as Cases with variables, one text source per
informant, one selection per segment, each coder's codings, aspects as parent codes and
themes as codes. GUIDs are derived from ids and zip timestamps are fixed, so the same
tables always give the same bytes.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from analysis.errors import InputError
from analysis.io import RawSheet, col_letter, norm_header

MAX_UNCOMPRESSED = 512 * 1024 * 1024  # bytes an archive may expand to in total
MAX_ENTRY = 64 * 1024 * 1024  # bytes one entry (project XML or a source text) may expand to
MAX_RATIO = 200  # expansion ratio beyond which a large entry is treated as a zip bomb
MAX_ENTRIES = 10_000
NS = "urn:QDA-XML:project:1.0"
GUID_NAMESPACE = uuid.UUID("6f1d2c4e-93a0-5b7e-8c61-2a9d0e4b7f35")  # fixed: stable exports
FORMAT = "REFI-QDA project (.qdpx)"
_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][\w .()/-]{0,40}?)\s*:\s*(.*?)\s*$")
INFORMANT_HEADERS = ["name", "role", "unit", "organisation_type"]
SEGMENT_HEADERS = ["segment_id", "informant", "date", "question", "text"]
CODE_HEADERS = ["segment_id", "coder", "aspect", "theme"]


@dataclass
class QdpxSheet(RawSheet):
    """A RawSheet that also says where it came from (format, exporting tool, counting)."""

    source_info: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- archive
def _guid(v: str | None) -> str | None:
    """GUIDs compare without braces and letter case (tools differ in both)."""
    if v is None:
        return None
    m = _GUID.match(v.strip())
    return m.group(1).lower() if m else v.strip().lower()


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Any, name: str) -> Any | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """Read one entry, never more than MAX_ENTRY bytes whatever its header claims."""
    with zf.open(info) as fh:
        data = fh.read(MAX_ENTRY + 1)
    if len(data) > MAX_ENTRY:
        raise InputError(
            f"{label}: entry {info.filename} expands beyond {MAX_ENTRY // 1_000_000} MB; "
            "refusing a possible zip bomb"
        )
    return data


class _Archive:
    """Entries of a .qdpx by case-insensitive name, with the safety checks of io.py."""

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
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"{label}: archive holds {len(infos)} entries (limit {MAX_ENTRIES})")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED:
            raise InputError(
                f"{label}: archive would expand to {total / 1e6:.0f} MB "
                f"(limit {MAX_UNCOMPRESSED / 1e6:.0f} MB); refusing a possible zip bomb"
            )
        for i in infos:
            if i.file_size > 10_000_000 and i.file_size / max(i.compress_size, 1) > MAX_RATIO:
                raise InputError(
                    f"{label}: entry {i.filename} is compressed "
                    f"{i.file_size // max(i.compress_size, 1)}:1; refusing a possible zip bomb"
                )
        self.by_name = {i.filename.replace("\\", "/").casefold(): i for i in infos}

    def project_xml(self) -> tuple[str, bytes]:
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
        return pick[0].filename, _read_entry(self.zf, pick[0], self.label)

    def source(self, name: str) -> bytes | None:
        """internal://NAME is stored under sources/NAME (any case), or at the top."""
        for key in (f"sources/{name}".casefold(), name.casefold()):
            info = self.by_name.get(key)
            if info is not None:
                return _read_entry(self.zf, info, self.label)
        return None


def _parse_xml(data: bytes, where: str) -> Any:
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


def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------- positions
# candidate countings: (name, units, crlf_as_one)
COUNTINGS = [
    ("characters", "chars", False),
    ("UTF-16 code units", "utf16", False),
    ("characters, CRLF counted once", "chars", True),
    ("UTF-16 code units, CRLF counted once", "utf16", True),
]


def _unit_table(text: str, units: str) -> list[int] | None:
    """Unit offset -> character index, None where an offset falls inside a character
    (None overall when units are characters or every character is one unit)."""
    if units == "chars" or all(ord(c) < 0x10000 for c in text):
        return None
    out: list[int | None] = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(None)  # between the two halves of a surrogate pair
    out.append(len(text))
    return out  # type: ignore[return-value]


def _crlf_back(text: str) -> list[int]:
    """Index in the text with CRLF as one character -> index in the text as stored."""
    back, i = [], 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
            continue
        back.append(i)
        i += 1
    back.append(len(text))
    return back


def _cuts_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


@dataclass
class _Span:
    start: int | None
    end: int | None
    problem: str = ""


def _place(t: str, table: list[int] | None, s: int, e: int, unit: str) -> _Span:
    n = len(t) if table is None else len(table) - 1
    if s < 0 or e < s:
        return _Span(None, None, f"selection positions {s}-{e} are not in order")
    if e > n:
        return _Span(
            None, None, f"selection positions {s}-{e} are past the end of the text ({n} {unit})"
        )
    a, b = (s, e) if table is None else (table[s], table[e])
    if a is None or b is None:
        return _Span(None, None, f"selection positions {s}-{e} split a character in two")
    if _cuts_word(t, a) or _cuts_word(t, b):
        return _Span(a, b, f"selection {s}-{e} starts or ends inside a word; check the positions")
    return _Span(a, b)


def _resolve(text: str, positions: list[tuple[int, int, str]]) -> tuple[str, list[_Span]]:
    """Choose the counting under which selections cut the fewest words; return the spans
    as character indexes into the text as stored. Ties keep the standard (characters)."""
    best: tuple[int, str, list[_Span]] | None = None
    for name, units, crlf_once in COUNTINGS:
        t = text.replace("\r\n", "\n") if crlf_once else text
        table = _unit_table(t, units)
        if (crlf_once and t == text) or (units == "utf16" and table is None):
            continue  # identical to a counting already tried
        back = _crlf_back(text) if crlf_once else None
        spans, score = [], 0
        for s, e, label in positions:
            span = _place(t, table, s, e, name.split(",")[0])
            if span.start is None or span.end is None:
                score -= 3
            else:
                score += 0 if span.problem else 2
                if (
                    label
                    and " ".join(t[span.start : span.end].split())[:20]
                    == " ".join(label.split())[:20]
                ):
                    score += 1  # ATLAS.ti names a quotation by its text: a strong signal
                if back is not None:
                    span = _Span(back[span.start], back[span.end], span.problem)
            spans.append(span)
        if best is None or score > best[0]:
            best = (score, name, spans)
    assert best is not None
    return best[1], best[2]


# --------------------------------------------------------------------------- import
@dataclass
class _Selection:
    order: int
    guid: str
    source: str
    start: int
    end: int
    name: str
    description: str
    user: str | None
    kind: str  # "text" or the element name of a non-text selection
    codings: list[tuple[str | None, str]]  # (user guid, code guid)


def _codes(codebook: Any) -> dict[str, tuple[str, str]]:
    """code guid -> (aspect, theme): the parent is the aspect, ATLAS 'A::b' names too."""
    out: dict[str, tuple[str, str]] = {}

    def walk(el: Any, parent: str) -> None:
        for c in _children(el, "Code"):
            name = (c.get("name") or "").strip()
            aspect, theme = parent, name
            if "::" in name and not parent:
                aspect, theme = (p.strip() for p in name.rsplit("::", 1))
            out[_guid(c.get("guid")) or ""] = (aspect, theme)
            walk(c, theme)

    if codebook is not None:
        codes = _child(codebook, "Codes")
        if codes is not None:
            walk(codes, "")
    return out


def _variables(root: Any) -> dict[str, str]:
    out = {}
    block = _child(root, "Variables")
    for v in _children(block, "Variable") if block is not None else []:
        out[_guid(v.get("guid")) or ""] = (v.get("name") or "").strip()
    return out


def _values(el: Any, variables: dict[str, str], where: str) -> dict[str, str]:
    out = {}
    for vv in _children(el, "VariableValue"):
        ref = _child(vv, "VariableRef")
        target = _guid(ref.get("targetGUID")) if ref is not None else None
        if target not in variables:
            raise InputError(
                f"{where}: a variable value refers to variable {target}, which is not declared"
            )
        value = next((c.text for c in vv if _local(c.tag) != "VariableRef"), None)
        if value is not None and value.strip():
            out[variables[target]] = value.strip()
    return out


def _check_ref(target: str | None, known: Iterable[str], what: str, where: str) -> str:
    if target is None or target not in known:
        raise InputError(f"{where}: {what} refers to {target}, which is not in the project")
    return target


def read_qdpx(path: Path, label: str, *_: Any, **__: Any) -> list[RawSheet]:
    """Read a .qdpx archive (or a bare .qde) as informant, segment and code sheets."""
    archive = None
    if path.suffix.lower() == ".qde":
        data, qde = path.read_bytes(), path.name
        if len(data) > MAX_ENTRY:
            raise InputError(f"{label}: project XML is larger than {MAX_ENTRY // 1_000_000} MB")
    else:
        archive = _Archive(path, label)
        qde, data = archive.project_xml()
    where = f"{label} ({qde})" if archive else label
    root = _parse_xml(data, where)
    if _local(root.tag) != "Project":
        raise InputError(f"{where}: not a REFI-QDA project (root element is {_local(root.tag)!r})")
    try:
        return _sheets(root, archive, label, where)
    finally:
        if archive is not None:
            archive.zf.close()


def _sheets(root: Any, archive: _Archive | None, label: str, where: str) -> list[RawSheet]:
    codes = _codes(_child(root, "CodeBook"))
    variables = _variables(root)
    sources = _child(root, "Sources")
    text_sources: dict[str, dict[str, Any]] = {}  # guid -> name, text, problem, values
    selections: list[_Selection] = []

    def add_text_source(el: Any, name: str, owner: str) -> None:
        g = _guid(el.get("guid")) or ""
        text, problem = None, ""
        inline = _child(el, "PlainTextContent")
        ptp = el.get("plainTextPath") or ""
        n_src = (el.get("guid") or "").strip("{}")
        if inline is not None and inline.text is not None:
            text = inline.text
        elif ptp.lower().startswith("internal://"):
            raw = archive.source(ptp[len("internal://") :]) if archive else None
            if raw is None:
                problem = (
                    f"text of source {n_src} ({ptp}) is missing from the "
                    f"{'archive' if archive else 'project: a bare .qde holds no source files'}"
                )
            else:
                text = _decode_text(raw)
        elif ptp:
            scheme = ptp.split(":", 1)[0]
            problem = f"text of source {n_src} is outside the archive ({scheme}:// path); not read"
        else:
            problem = f"source {n_src} has neither inline text nor a plainTextPath"
        text_sources[g] = {
            "name": name,
            "owner": owner,
            "text": text,
            "problem": problem,
            "values": _values(el, variables, where),
        }
        for sel in _children(el, "PlainTextSelection"):
            add_selection(sel, g, "text")

    def add_selection(sel: Any, source: str, kind: str) -> None:
        codings = []
        for c in _children(sel, "Coding"):
            ref = _child(c, "CodeRef")
            target = _guid(ref.get("targetGUID")) if ref is not None else None
            _check_ref(target, codes, f"coding {_guid(c.get('guid'))}", where)
            codings.append((_guid(c.get("creatingUser")), target))
        desc = _child(sel, "Description")

        def num(attr: str) -> int:
            try:
                return int(sel.get(attr, ""))
            except ValueError:
                raise InputError(
                    f"{where}: selection {_guid(sel.get('guid'))} has no whole-number {attr}"
                ) from None

        selections.append(
            _Selection(
                len(selections) + 1,
                _guid(sel.get("guid")) or "",
                source,
                num("startPosition") if kind == "text" else -1,
                num("endPosition") if kind == "text" else -1,
                (sel.get("name") or "").strip(),
                (desc.text or "") if desc is not None else "",
                _guid(sel.get("creatingUser")),
                kind,
                codings,
            )
        )

    for src in list(sources) if sources is not None else []:
        kind = _local(src.tag)
        name = (src.get("name") or "").strip()
        owner = _guid(src.get("guid")) or ""
        if kind == "TextSource":
            add_text_source(src, name, owner)
            continue
        text_sources.setdefault(
            owner,
            {
                "name": name,
                "owner": owner,
                "text": None,
                "problem": "",
                "values": _values(src, variables, where),
            },
        )
        for rep in _children(src, "Representation") + _children(src, "Transcript"):
            add_text_source(rep, name, owner)
        for sel in src:
            k = _local(sel.tag)
            if k.endswith("Selection"):
                add_selection(sel, owner, k)
    known_sources = {g for g in text_sources} | {v["owner"] for v in text_sources.values()}

    # informants: Cases (with their sources), else one informant per source owner
    case_of: dict[str, str] = {}
    informants: dict[str, dict[str, str]] = {}  # informant key -> column values
    cases = _child(root, "Cases")
    for case in _children(cases, "Case") if cases is not None else []:
        key = f"case:{_guid(case.get('guid'))}"
        informants[key] = {
            "name": (case.get("name") or "").strip(),
            **_values(case, variables, where),
        }
        for ref in _children(case, "SourceRef"):
            g = _check_ref(_guid(ref.get("targetGUID")), known_sources, "a case", where)
            case_of.setdefault(g, key)
    by_cases = bool(informants)
    sheet_name = "Cases" if by_cases else "Sources"

    def informant_of(source: str) -> str:
        owner = text_sources[source]["owner"] if source in text_sources else source
        return case_of.get(source) or case_of.get(owner) or f"source:{owner}"

    if not by_cases:  # every source with text or selections stands for one informant
        used = {text_sources[x.source]["owner"] for x in selections if x.source in text_sources}
        for s in text_sources.values():
            if s["owner"] in used or s["text"] is not None:
                informants.setdefault(f"source:{s['owner']}", {"name": s["name"]})
    for g, s in text_sources.items():  # source variables describe the informant too
        inf = informants.get(informant_of(g))
        if inf is not None:
            for k, v in s["values"].items():
                inf.setdefault(k, v)
    sets = _child(root, "Sets")
    for st in _children(sets, "Set") if sets is not None else []:
        m = _KEY_VALUE.match(st.get("name") or "")
        members = [
            _check_ref(_guid(r.get("targetGUID")), known_sources, "a set", where)
            for r in _children(st, "MemberSource")
        ]
        for r in _children(st, "MemberCode"):
            _check_ref(_guid(r.get("targetGUID")), codes, "a set", where)
        if not m or not m.group(2):
            continue
        for g in members:
            inf = informants.get(informant_of(g))
            if inf is not None:
                inf.setdefault(m.group(1), m.group(2))

    informant_sheet = _frame_sheet(
        label, sheet_name, "informants", list(informants.values()), INFORMANT_HEADERS, 2
    )

    # segments: one per distinct (source, start, end); codes: one per coding
    users: dict[str, str] = {}
    seg_rows: list[dict[str, str]] = []
    seg_problems: list[tuple[int, str]] = []
    code_rows: list[dict[str, str]] = []
    spans: dict[str, _Span] = {}
    countings: set[str] = set()
    for g, s in text_sources.items():
        mine = [x for x in selections if x.source == g and x.kind == "text"]
        if s["text"] is not None and mine:
            counting, resolved = _resolve(s["text"], [(x.start, x.end, x.name) for x in mine])
            countings.add(counting)
            spans.update({x.guid + f"#{x.order}": r for x, r in zip(mine, resolved, strict=True)})
    ids = _segment_ids(selections)
    seen: dict[tuple[str, int, int], str] = {}
    for x in selections:
        key = (x.source, x.start, x.end) if x.kind == "text" else (x.guid, x.order, 0)
        sid = seen.get(key)
        if sid is None:
            fields = _description_fields(x.description)
            who_said = informants.get(informant_of(x.source))
            row = {
                "segment_id": fields.pop("segment_id", ids[x.order]),
                "informant": (who_said or {}).get("name", ""),
                "text": "",
                **fields,
            }
            sid = seen[key] = row["segment_id"]
            src = text_sources.get(x.source, {})
            span = spans.get(x.guid + f"#{x.order}")
            if x.kind != "text":
                problem = f"{x.kind} is not text; only text selections are read"
            elif who_said is None:
                problem = "the selection's source belongs to no case, so its informant is unknown"
            elif src.get("problem"):
                problem = src["problem"]
            elif span is None or span.start is None:
                problem = span.problem if span else "selection could not be placed in its text"
            else:
                problem = span.problem
                row["text"] = src["text"][span.start : span.end]
            if problem:
                seg_problems.append((len(seg_rows) + 1, problem))
            seg_rows.append(row)
        for user, code in x.codings:
            who = user or x.user
            if who and who not in users:
                users[who] = f"C{len(users) + 1}"
            aspect, theme = codes[code]
            code_rows.append(
                {
                    "segment_id": sid,
                    "coder": users.get(who or "", ""),
                    "aspect": aspect,
                    "theme": theme,
                }
            )
    info = {
        "format": FORMAT if archive else "REFI-QDA project XML (.qde)",
        "exported_by": _tool(root.get("origin") or "not stated"),
    }
    if countings:
        info["positions"] = sorted(countings)
    out = []
    for sheet in (
        informant_sheet,
        _frame_sheet(
            label, "Selections", "interview_segments", seg_rows, SEGMENT_HEADERS, 5, seg_problems
        ),
        _frame_sheet(label, "Codings", "segment_codes", code_rows, CODE_HEADERS, 4),
    ):
        sheet.source_info = info
        out.append(sheet)
    return out


def _tool(origin: str) -> str:
    """Tool name and version from a project's origin ('ATLAS.ti 8.4.0 573 , macOS ...' ->
    'ATLAS.ti 8.4.0'): it goes into the manifest, so no free text beyond that, scrubbed."""
    from analysis.privacy import scrub

    m = re.match(r"\s*([^\d\n]{1,40}?\s*\d+(?:\.\d+)*)", origin)
    short = (m.group(1) if m else origin[:40]).strip()
    return str(scrub(short)) or "not stated"


def _segment_ids(selections: list[_Selection]) -> dict[int, str]:
    """Generated segment ids in document order (a description's segment_id overrides)."""
    width = max(4, len(str(len(selections))))
    return {x.order: f"Q{x.order:0{width}d}" for x in selections}


def _description_fields(text: str) -> dict[str, str]:
    """'field: value' lines of a selection memo that name interview-segment columns."""
    known = _aliases("interview_segments")
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _KEY_VALUE.match(line)
        if m:
            col = known.get(norm_header(m.group(1)))
            if col in ("segment_id", "date", "question") and m.group(2):
                out.setdefault(col, m.group(2))
    return out


@cache
def _aliases(table: str) -> dict[str, str]:
    """Normalised header alias -> canonical column of one interview table."""
    from analysis.lookup import package_table

    t = package_table("headers.csv")
    t = t[(t["table"] == table) & (t["column"] != "_ignore")]
    out = {norm_header(a): c for a, c in zip(t["alias"], t["column"], strict=True)}
    out.update({norm_header(c): c for c in t["column"]})
    return out


def _frame_sheet(
    label: str,
    sheet: str,
    table: str,
    rows: list[dict[str, str]],
    fixed: list[str],
    required: int,
    problems: list[tuple[int, str]] | None = None,
) -> QdpxSheet:
    """Rows of dicts -> a RawSheet; extra keys (variables, set attributes) become columns
    that the header aliases map or report as not read. Row n is the n-th record."""
    header = list(fixed)
    keys = {norm_header(h): i for i, h in enumerate(header)}
    keys.update({a: keys[c] for a, c in _aliases(table).items() if c in keys})
    cols: list[list[str]] = [[] for _ in header]
    for n, row in enumerate(rows):
        for k, v in row.items():
            i = keys.get(norm_header(k))
            if i is None:
                i = keys[norm_header(k)] = len(header)
                header.append(k)
                cols.append([""] * n)
            if len(cols[i]) == n:  # first value for a column wins
                cols[i].append("" if v is None else str(v))
        for c in cols:
            c.extend([""] * (n + 1 - len(c)))
    # optional columns with no value are left out: a region alias may name them otherwise
    keep = [i for i, c in enumerate(cols) if i < required or any(v != "" for v in c)]
    header, cols = [header[i] for i in keep], [cols[i] for i in keep]
    frame = pd.DataFrame({i: pd.Series(c, dtype=object) for i, c in enumerate(cols)})
    if not rows:
        frame = pd.DataFrame(columns=range(len(header)), dtype=object)
    text_col = col_letter(header.index("text")) if "text" in header else "A"
    return QdpxSheet(
        file=label,
        sheet=sheet,
        header=header,
        frame=frame,
        rows=pd.Series(range(1, len(rows) + 1), dtype="int64"),
        cell_problems=[(r, text_col, p) for r, p in problems or []],
        header_row=0,
    )


# --------------------------------------------------------------------------- export
def _uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}")).upper()


def _el(tag: str, attrs: dict[str, Any], body: str = "", indent: int = 0) -> str:
    pad = "  " * indent
    a = "".join(f" {k}={quoteattr(str(v))}" for k, v in attrs.items() if v is not None)
    if not body:
        return f"{pad}<{tag}{a}/>\n"
    if "\n" not in body:
        return f"{pad}<{tag}{a}>{body}</{tag}>\n"
    return f"{pad}<{tag}{a}>\n{body}{pad}</{tag}>\n"


def build_project(
    informants: pd.DataFrame,
    segments: pd.DataFrame,
    codes: pd.DataFrame,
    project_name: str,
    origin: str,
) -> tuple[str, dict[str, str]]:
    """Processed tables -> (project XML, {archive path: source text})."""
    from analysis.labels import LABELS

    coders = sorted(codes["coder"].dropna().unique())
    users = {c: _uid("user", c) for c in coders}
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<Project xmlns="{NS}" name={quoteattr(project_name)} origin={quoteattr(origin)}>\n',
    ]
    out.append(
        _el(
            "Users",
            {},
            "".join(_el("User", {"guid": users[c], "name": c}, "", 2) for c in coders),
            1,
        )
    )
    pairs = codes[["aspect", "theme"]].drop_duplicates().sort_values(["aspect", "theme"])
    theme_guid = {}
    book = []
    for aspect, group in pairs.groupby("aspect", sort=True):
        kids = []
        for theme in group["theme"]:
            g = theme_guid[(aspect, theme)] = _uid("code", f"{aspect}/{theme}")
            label = LABELS.get(theme, {})
            desc = (
                _el("Description", {}, escape(f"{label.get('id', '')} / {label.get('en', '')}"), 5)
                if label
                else ""
            )
            kids.append(_el("Code", {"guid": g, "name": theme, "isCodable": "true"}, desc, 4))
        label = LABELS.get(aspect, {})
        desc = (
            _el("Description", {}, escape(f"{label.get('id', '')} / {label.get('en', '')}"), 4)
            if label
            else ""
        )
        book.append(
            _el(
                "Code",
                {"guid": _uid("code", aspect), "name": aspect, "isCodable": "false"},
                desc + "".join(kids),
                3,
            )
        )
    if book:
        out.append(_el("CodeBook", {}, _el("Codes", {}, "".join(book), 2), 1))
    var_cols = [c for c in ("role", "unit", "organisation_type") if c in informants]
    var_guid = {c: _uid("variable", c) for c in var_cols}
    out.append(
        _el(
            "Variables",
            {},
            "".join(
                _el("Variable", {"guid": var_guid[c], "name": c, "typeOfVariable": "Text"}, "", 2)
                for c in var_cols
            ),
            1,
        )
    )
    source_guid = {r: _uid("source", r) for r in informants["informant_id"]}
    cases = []
    for row in informants.itertuples(index=False):
        rid = row.informant_id
        body = ""
        for c in var_cols:
            v = getattr(row, c)
            if isinstance(v, str) and v:
                body += _el(
                    "VariableValue",
                    {},
                    _el("VariableRef", {"targetGUID": var_guid[c]}, "", 4)
                    + _el("TextValue", {}, escape(v), 4),
                    3,
                )
        body += _el("SourceRef", {"targetGUID": source_guid[rid]}, "", 3)
        cases.append(_el("Case", {"guid": _uid("case", rid), "name": rid}, body, 2))
    if cases:
        out.append(_el("Cases", {}, "".join(cases), 1))
    files: dict[str, str] = {}
    srcs = []
    by_inf = dict(tuple(segments.sort_values("segment_id").groupby("informant_id", sort=True)))
    code_groups = dict(tuple(codes.groupby("segment_id", sort=False)))
    for rid in informants["informant_id"]:
        segs = by_inf.get(rid)
        if segs is None:
            continue
        text, sels = "", []
        for s in segs.itertuples(index=False):
            if text:
                text += "\n\n"
            start = len(text)
            text += s.text
            memo = [f"segment_id: {s.segment_id}"]
            if pd.notna(s.date):
                memo.append(f"date: {pd.Timestamp(s.date).date().isoformat()}")
            if isinstance(s.question, str) and s.question:
                memo.append(f"question: {s.question}")
            body = "        <Description>" + escape("\n".join(memo)) + "</Description>\n"
            group = code_groups.get(s.segment_id)
            for c in group.itertuples(index=False) if group is not None else []:
                body += _el(
                    "Coding",
                    {
                        "guid": _uid("coding", f"{s.segment_id}/{c.coder}/{c.aspect}/{c.theme}"),
                        "creatingUser": users[c.coder],
                    },
                    _el("CodeRef", {"targetGUID": theme_guid[(c.aspect, c.theme)]}, "", 5),
                    4,
                )
            sels.append(
                _el(
                    "PlainTextSelection",
                    {
                        "guid": _uid("selection", s.segment_id),
                        "name": s.segment_id,
                        "startPosition": start,
                        "endPosition": len(text),
                    },
                    body,
                    3,
                )
            )
        g = source_guid[rid]
        files[f"sources/{g}.txt"] = text
        srcs.append(
            _el(
                "TextSource",
                {"guid": g, "name": rid, "plainTextPath": f"internal://{g}.txt"},
                "".join(sels),
                2,
            )
        )
    if srcs:
        out.append(_el("Sources", {}, "".join(srcs), 1))
    out.append("</Project>\n")
    return "".join(out), files


def write_qdpx(xml: str, files: dict[str, str], out: Path) -> None:
    """Deterministic zip: sorted entries, fixed timestamps and permissions."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("project.qde", xml), *sorted(files.items())]:
            info = zipfile.ZipInfo(str(PurePosixPath(name)), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8"))
    tmp.replace(out)


def export_region(slug: str, out: Path, root: Path | None = None) -> dict[str, int]:
    """Write data/processed/SLUG's interview tables as a REFI-QDA project."""
    from analysis import __version__
    from analysis.config import load_region
    from analysis.paths import Paths

    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    tables = {}
    for t in ("informants", "interview_segments", "segment_codes"):
        p = paths.processed / f"{t}.parquet"
        if not p.is_file():
            raise InputError(f"{p}: not found; run `analysis clean --region {slug}` first")
        tables[t] = pd.read_parquet(p)
    region = load_region(slug, root)
    xml, files = build_project(
        tables["informants"],
        tables["interview_segments"],
        tables["segment_codes"],
        f"{region.get('name', slug)}: interviews",
        f"analysis {__version__} (export-qdpx)",
    )
    write_qdpx(xml, files, out)
    return {k: len(v) for k, v in tables.items()}
