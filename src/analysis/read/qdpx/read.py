"""A REFI-QDA project -> the three raw interview sheets (informants, segments, codings).

The sheets carry canonical headers, so label mapping, rejects, scrubbing, pseudonyms and
row accounting stay in the cleaning like for a workbook. Selections with the same positions
in the same text are one segment; each coding is one code row whose coder is the Coding's
creatingUser (else the selection's), renamed C1, C2, ... in order of first appearance: user
names are never read. The Selections sheet also carries one note per source that cannot be
read (with the selections it costs) and, when the project holds nothing to analyse (no text
source, no readable text, no selection, no coding), the one warning that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.privacy.messages import mark
from analysis.read.qdpx.archive import open_project
from analysis.read.qdpx.informants import Informants, read_informants
from analysis.read.qdpx.model import Project, Selection, read_project
from analysis.read.qdpx.positions import Span, resolve
from analysis.read.qdpx.sheets import (
    CODE_HEADERS,
    INFORMANT_HEADERS,
    SEGMENT_HEADERS,
    QdpxSheet,
    description_fields,
    frame_sheet,
    tool,
)
from analysis.read.sheet import RawSheet

FORMAT = "REFI-QDA project (.qdpx)"


def read_qdpx(path: Path, label: str, options: Mapping[str, str] | None = None) -> list[RawSheet]:
    """Read a .qdpx archive (or a bare .qde) as informant, segment and code sheets.

    `options` are the region's checked `qda:` settings (see informants.qda_options)."""
    root, archive, where = open_project(path, label)
    try:
        project = read_project(root, archive, where)
        mode = (options or {}).get("informants_from", "auto")
        inf = read_informants(root, project, where, mode)
        rows = _Rows()
        rows.fill(project, inf)
    finally:
        if archive is not None:
            archive.zf.close()
    info: dict[str, Any] = {
        "format": FORMAT if archive else "REFI-QDA project XML (.qde)",
        "exported_by": tool(root.get("origin") or "not stated"),
    }
    if rows.countings:
        info["positions"] = sorted(rows.countings)
    sheets: list[QdpxSheet] = [
        frame_sheet(label, inf.sheet, "informants", list(inf.rows.values()), INFORMANT_HEADERS, 2),
        frame_sheet(
            label,
            "Selections",
            "interview_segments",
            rows.segments,
            SEGMENT_HEADERS,
            5,
            rows.problems,
        ),
        frame_sheet(label, "Codings", "segment_codes", rows.codes, CODE_HEADERS, 4),
    ]
    for sheet in sheets:
        sheet.source_info = info
    selections = sheets[1]
    selections.notes, selections.warnings = (
        unread_sources(project, label),
        emptiness(project, label),
    )
    out: list[RawSheet] = list(sheets)
    return out


def unread_sources(project: Project, label: str) -> list[str]:
    """One line per source whose text cannot be read, with the selections it costs (its
    name is marked: the shareable copy of a note withholds it)."""
    transcribed = {s.owner for g, s in project.sources.items() if g != s.owner}
    count: dict[str, int] = {}
    for x in project.selections:
        count[x.source] = count.get(x.source, 0) + 1
    out = []
    for g, s in project.sources.items():
        n = count.get(g, 0)
        costs = f"its {n} selection(s) are not read" if n else "it holds no selections"
        if s.kind == "TextSource" and s.text is None:
            out.append(f"{label}: source {mark(s.name, None)}: {s.problem}; {costs}")
        elif s.kind != "TextSource" and (n or g not in transcribed):
            what = "is not text" if g in transcribed else "has no text transcript"
            out.append(f"{label}: source {mark(s.name, None)} ({s.kind}) {what}; {costs}")
    return out


def emptiness(project: Project, label: str) -> list[str]:
    """The one line that says a project holds nothing to analyse, and why (else none)."""
    texts = [s for s in project.sources.values() if s.kind == "TextSource"]
    selections = [x for x in project.selections if x.kind == "text"]
    if not texts:
        return [
            f"{label}: the project holds no text sources ({len(project.sources)} source(s) of "
            "other kinds); no interview segment can be read from it"
        ]
    if all(s.text is None for s in texts):
        return [f"{label}: none of its {len(texts)} text source(s) could be read (see above)"]
    if not selections:
        return [
            f"{label}: the project holds no text selections (no coded segments) in its "
            f"{len(texts)} text source(s)"
        ]
    if not any(x.codings for x in selections):
        return [
            f"{label}: its {len(selections)} text selection(s) carry no codings; "
            "segment_codes gets nothing from it"
        ]
    return []


def _spans(project: Project) -> tuple[dict[str, Span], set[str]]:
    """Each text selection's span (keyed guid#order), and the countings chosen per text."""
    spans: dict[str, Span] = {}
    countings: set[str] = set()
    for g, s in project.sources.items():
        mine = [x for x in project.selections if x.source == g and x.kind == "text"]
        if s.text is not None and mine:
            counting, resolved = resolve(s.text, [(x.start, x.end, x.name) for x in mine])
            countings.add(counting)
            spans.update({f"{x.guid}#{x.order}": r for x, r in zip(mine, resolved, strict=True)})
    return spans, countings


@dataclass
class _Rows:
    """Segment rows (with their problems, by 1-based row) and code rows, built in order."""

    segments: list[dict[str, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    codes: list[dict[str, str]] = field(default_factory=list)
    countings: set[str] = field(default_factory=set)
    users: dict[str, str] = field(default_factory=dict)  # user guid -> C1, C2, ...

    def fill(self, project: Project, inf: Informants) -> None:
        spans, self.countings = _spans(project)
        width = max(4, len(str(len(project.selections))))
        seen: dict[tuple[str, int, int], str] = {}
        for x in project.selections:
            key = (x.source, x.start, x.end) if x.kind == "text" else (x.guid, x.order, 0)
            if key not in seen:
                seen[key] = self.segment(x, project, inf, spans, f"Q{x.order:0{width}d}")
            for user, code in x.codings:
                self.coding(seen[key], user or x.user, *project.codes[code])

    def segment(
        self, x: Selection, project: Project, inf: Informants, spans: dict[str, Span], sid: str
    ) -> str:
        """Add the segment row of a selection (a memo's segment_id overrides `sid`)."""
        fields = description_fields(x.description)
        who_said = inf.rows.get(inf.of(x.source))
        row = {
            "segment_id": fields.pop("segment_id", sid),
            "informant": (who_said or {}).get("name", ""),
            "text": "",
            **fields,
        }
        src = project.sources.get(x.source)
        span = spans.get(f"{x.guid}#{x.order}")
        if x.kind != "text":
            problem = f"{x.kind} is not text; only text selections are read"
        elif who_said is None:
            problem = "the selection's source belongs to no case, so its informant is unknown"
        elif src is not None and src.problem:
            problem = src.problem
        elif span is None or span.start is None:
            problem = span.problem if span else "selection could not be placed in its text"
        else:
            problem = span.problem
            row["text"] = src.text[span.start : span.end]  # type: ignore[union-attr,index]
        if problem:
            self.problems.append((len(self.segments) + 1, problem))
        self.segments.append(row)
        return row["segment_id"]

    def coding(self, sid: str, who: str | None, aspect: str, theme: str) -> None:
        if who and who not in self.users:
            self.users[who] = f"C{len(self.users) + 1}"
        self.codes.append(
            {
                "segment_id": sid,
                "coder": self.users.get(who or "", ""),
                "aspect": aspect,
                "theme": theme,
            }
        )
