"""The region's processed interview tables -> a REFI-QDA project (.qdpx) for QDA tools.

Informants become Cases with variables, each informant one text source (their segments
joined by blank lines, under `Sources/` as the tools write it). Each segment is one
selection per coder, whose `creatingUser` is that coder, holding that coder's codings
(also stamped with the coder): QualCoder takes a coding's coder from its selection, NVivo and
ATLAS.ti from the coding, and both then see two coders. A segment nobody coded is one
selection by the exporting user. Aspects are parent codes and themes codes; the code book
holds every theme of the package's vocabulary besides those used, and Users at least the
exporting user, so a region without codings still gives a valid project.

Positions count characters, as the standard says and QualCoder, ATLAS.ti and MAXQDA read
them; `positions="utf16"` counts UTF-16 code units, as NVivo reads them (the two differ
only where a text holds characters outside the Basic Multilingual Plane, e.g. an emoji).

The tables are already scrubbed and pseudonymised. GUIDs are derived from ids and zip
timestamps are fixed, so the same tables always give the same bytes; the file validates
against the REFI-QDA Project.xsd (tests/test_qdpx.py).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from analysis.errors import InputError

NS = "urn:QDA-XML:project:1.0"
GUID_NAMESPACE = uuid.UUID("6f1d2c4e-93a0-5b7e-8c61-2a9d0e4b7f35")  # fixed: stable exports
VARIABLES = ("role", "unit", "organisation_type")  # informant columns written as variables
POSITIONS = ("characters", "utf16")  # how selection positions count (module docstring)
EXPORT_USER = "analysis export-qdpx"  # the user of selections no coder coded


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


def _label(key: str, indent: int) -> str:
    """A code's Description: the project's Indonesian / English label, if it has one."""
    from analysis.labels import LABELS

    label = LABELS.get(key, {})
    if not label:
        return ""
    return _el("Description", {}, escape(f"{label.get('id', '')} / {label.get('en', '')}"), indent)


def _codebook(codes: pd.DataFrame) -> tuple[str, dict[tuple[str, str], str]]:
    """Aspects as non-codable parents, themes as codes (the vocabulary's and those used);
    and (aspect, theme) -> code GUID."""
    from analysis.vocab import THEME_ASPECT

    known = pd.DataFrame({"aspect": list(THEME_ASPECT.values()), "theme": list(THEME_ASPECT)})
    pairs = pd.concat([codes[["aspect", "theme"]].astype(str), known], ignore_index=True)
    pairs = pairs.drop_duplicates().sort_values(["aspect", "theme"])
    theme_guid: dict[tuple[str, str], str] = {}
    book = []
    for aspect, group in pairs.groupby("aspect", sort=True):
        kids = []
        for theme in group["theme"]:
            g = theme_guid[(aspect, theme)] = _uid("code", f"{aspect}/{theme}")
            attrs = {"guid": g, "name": theme, "isCodable": "true"}
            kids.append(_el("Code", attrs, _label(theme, 5), 4))
        attrs = {"guid": _uid("code", aspect), "name": aspect, "isCodable": "false"}
        book.append(_el("Code", attrs, _label(aspect, 4) + "".join(kids), 3))
    return _el("CodeBook", {}, _el("Codes", {}, "".join(book), 2), 1), theme_guid


def _cases(informants: pd.DataFrame, source_guid: dict[str, str]) -> str:
    """<Variables> for the informant attributes, and one <Case> per informant (referring
    to its source if it has one: an informant without segments has none)."""
    var_cols = [c for c in VARIABLES if c in informants]
    var_guid = {c: _uid("variable", c) for c in var_cols}
    declared = "".join(
        _el("Variable", {"guid": var_guid[c], "name": c, "typeOfVariable": "Text"}, "", 2)
        for c in var_cols
    )
    cases = []
    for row in informants.itertuples(index=False):
        body = ""
        for c in var_cols:
            v = getattr(row, c)
            if isinstance(v, str) and v:
                ref = _el("VariableRef", {"targetGUID": var_guid[c]}, "", 4)
                body += _el("VariableValue", {}, ref + _el("TextValue", {}, escape(v), 4), 3)
        if row.informant_id in source_guid:
            body += _el("SourceRef", {"targetGUID": source_guid[row.informant_id]}, "", 3)
        attrs = {"guid": _uid("case", row.informant_id), "name": row.informant_id}
        cases.append(_el("Case", attrs, body, 2))
    out = _el("Variables", {}, declared, 1)
    return out + (_el("Cases", {}, "".join(cases), 1) if cases else "")


def _selections(s: Any, start: int, end: int, codings: pd.DataFrame | None, ids: dict) -> str:
    """One segment as one selection per coder (creatingUser = the coder, on the selection
    and on each of its codings), each with a memo of the segment's id, date and question."""
    memo = [f"segment_id: {s.segment_id}"]
    if pd.notna(s.date):
        memo.append(f"date: {pd.Timestamp(s.date).date().isoformat()}")
    if isinstance(s.question, str) and s.question:
        memo.append(f"question: {s.question}")
    described = "        <Description>" + escape("\n".join(memo)) + "</Description>\n"
    by_coder = dict(tuple(codings.groupby("coder", sort=True))) if codings is not None else {}
    out = ""
    for coder, mine in by_coder.items() or [(None, None)]:
        user = ids["users"][coder] if coder is not None else ids["export_user"]
        body = described
        for c in mine.itertuples(index=False) if mine is not None else []:
            attrs = {
                "guid": _uid("coding", f"{s.segment_id}/{c.coder}/{c.aspect}/{c.theme}"),
                "creatingUser": user,
            }
            ref = _el("CodeRef", {"targetGUID": ids["themes"][(c.aspect, c.theme)]}, "", 5)
            body += _el("Coding", attrs, ref, 4)
        key = s.segment_id if coder is None else f"{s.segment_id}/{coder}"
        attrs = {
            "guid": _uid("selection", key),
            "name": s.segment_id,
            "startPosition": start,
            "endPosition": end,
            "creatingUser": user,
        }
        out += _el("PlainTextSelection", attrs, body, 3)
    return out


def _units(text: str, positions: str) -> int:
    """The length of `text` in the export's position unit."""
    return len(text) if positions == "characters" else len(text.encode("utf-16-le")) // 2


def _sources(
    informants: pd.DataFrame,
    segments: pd.DataFrame,
    codes: pd.DataFrame,
    ids: dict,
    positions: str,
) -> tuple[str, dict[str, str]]:
    """One text source per informant with segments, and {archive path: its text}."""
    files: dict[str, str] = {}
    srcs = []
    by_inf = dict(tuple(segments.sort_values("segment_id").groupby("informant_id", sort=True)))
    code_groups = dict(tuple(codes.groupby("segment_id", sort=False)))
    for rid in informants["informant_id"]:
        segs = by_inf.get(rid)
        if segs is None:
            continue
        text, sels, at = "", [], 0
        for s in segs.itertuples(index=False):
            if text:
                text += "\n\n"
                at += 2
            start = at
            text += s.text
            at += _units(s.text, positions)
            sels.append(_selections(s, start, at, code_groups.get(s.segment_id), ids))
        g = ids["sources"][rid]
        files[f"Sources/{g}.txt"] = text
        attrs = {"guid": g, "name": rid, "plainTextPath": f"internal://{g}.txt"}
        srcs.append(_el("TextSource", attrs, "".join(sels), 2))
    return (_el("Sources", {}, "".join(srcs), 1) if srcs else ""), files


def build_project(
    informants: pd.DataFrame,
    segments: pd.DataFrame,
    codes: pd.DataFrame,
    project_name: str,
    origin: str,
    positions: str = "characters",
) -> tuple[str, dict[str, str]]:
    """Processed tables -> (project XML, {archive path: source text}); `positions` is one
    of POSITIONS."""
    if positions not in POSITIONS:
        raise ValueError(f"positions must be one of {', '.join(POSITIONS)}, not {positions!r}")
    coders = sorted(codes["coder"].dropna().unique())
    ids: dict[str, Any] = {
        "users": {c: _uid("user", c) for c in coders},
        "export_user": _uid("user", EXPORT_USER),
        "sources": {r: _uid("source", r) for r in informants["informant_id"]},
    }
    users = "".join(_el("User", {"guid": ids["users"][c], "name": c}, "", 2) for c in coders)
    if not coders or not segments["segment_id"].isin(set(codes["segment_id"])).all():
        users += _el("User", {"guid": ids["export_user"], "name": EXPORT_USER}, "", 2)
    book, ids["themes"] = _codebook(codes)
    sources, files = _sources(informants, segments, codes, ids, positions)
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{NS}" name={quoteattr(project_name)} origin={quoteattr(origin)}>\n'
        + _el("Users", {}, users, 1)
        + book
        + _cases(informants, {r: ids["sources"][r] for r in set(segments["informant_id"])})
        + sources
        + "</Project>\n"
    )
    return xml, files


def write_qdpx(xml: str, files: dict[str, str], out: Path) -> None:
    """Deterministic zip: sorted entries, fixed timestamps and permissions."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("project.qde", xml), *sorted(files.items())]:
            info = zipfile.ZipInfo(str(PurePosixPath(name)), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8"))


def export_region(
    slug: str,
    out: Path,
    root: Path | None = None,
    force: bool = False,
    positions: str = "characters",
) -> dict[str, int]:
    """Write data/processed/SLUG's interview tables as a REFI-QDA project."""
    from analysis import __version__
    from analysis.outputs import check_target, writing
    from analysis.paths import Paths
    from analysis.region.config import load_region

    paths = Paths.for_region(slug, root) if root else Paths.for_region(slug)
    check_target(out, paths.root, "file", force)  # before any work: a refusal costs nothing
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
        positions,
    )
    with writing(out, paths.root, "file", force) as tmp:
        write_qdpx(xml, files, tmp)
    return {k: len(v) for k, v in tables.items()}
