"""A REFI-QDA project as plain structures: code book, variables, sources and selections.

GUIDs are normalised here once (no braces, lower case: tools differ in both), and every
reference the reader follows is checked, so a dangling GUID is one line naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from analysis.errors import InputError
from analysis.read.qdpx.archive import Archive, child, children, decode_text, local

_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)


def guid(v: str | None) -> str | None:
    """GUIDs compare without braces and letter case (tools differ in both)."""
    if v is None:
        return None
    m = _GUID.match(v.strip())
    return m.group(1).lower() if m else v.strip().lower()


@dataclass
class Selection:
    """One selection in document order, with the (user guid, code guid) of each coding."""

    order: int
    guid: str
    source: str
    start: int
    end: int
    name: str
    description: str
    user: str | None
    kind: str  # "text" or the element name of a non-text selection
    codings: list[tuple[str | None, str]]


@dataclass
class Source:
    """A text (a TextSource, or a transcript or representation of another source). `owner`
    is the source the informant is attached to: itself, or the audio/video it transcribes."""

    name: str
    owner: str
    text: str | None
    problem: str
    values: dict[str, str]
    kind: str = "TextSource"  # the element: TextSource, or the kind of a non-text source
    description: str = ""  # the source's memo; "role: ..." lines describe its informant


@dataclass
class Project:
    codes: dict[str, tuple[str, str]]  # code guid -> (aspect, theme)
    variables: dict[str, str]  # variable guid -> name
    users: set[str] = field(default_factory=set)  # declared user guids
    sources: dict[str, Source] = field(default_factory=dict)  # text guid -> source
    selections: list[Selection] = field(default_factory=list)

    @property
    def known_sources(self) -> set[str]:
        """GUIDs a case or set may refer to: every text and every source owning one."""
        return set(self.sources) | {s.owner for s in self.sources.values()}


def check_ref(target: str | None, known: Iterable[str], what: str, where: str) -> str:
    if target is None or target not in known:
        raise InputError(f"{where}: {what} refers to {target}, which is not in the project")
    return target


def read_codes(codebook: Any) -> dict[str, tuple[str, str]]:
    """code guid -> (aspect, theme): the parent is the aspect, ATLAS 'A::b' names too."""
    out: dict[str, tuple[str, str]] = {}

    def walk(el: Any, parent: str) -> None:
        for c in children(el, "Code"):
            name = (c.get("name") or "").strip()
            aspect, theme = parent, name
            if "::" in name and not parent:
                aspect, theme = (p.strip() for p in name.rsplit("::", 1))
            out[guid(c.get("guid")) or ""] = (aspect, theme)
            walk(c, theme)

    if codebook is not None:
        codes = child(codebook, "Codes")
        if codes is not None:
            walk(codes, "")
    return out


def read_variables(root: Any) -> dict[str, str]:
    out = {}
    block = child(root, "Variables")
    for v in children(block, "Variable") if block is not None else []:
        out[guid(v.get("guid")) or ""] = (v.get("name") or "").strip()
    return out


def read_values(el: Any, variables: dict[str, str], where: str) -> dict[str, str]:
    """Variable name -> value of a case's or source's VariableValues (empty ones dropped)."""
    out = {}
    for vv in children(el, "VariableValue"):
        ref = child(vv, "VariableRef")
        target = guid(ref.get("targetGUID")) if ref is not None else None
        if target not in variables:
            raise InputError(
                f"{where}: a variable value refers to variable {target}, which is not declared"
            )
        value = next((c.text for c in vv if local(c.tag) != "VariableRef"), None)
        if value is not None and value.strip():
            out[variables[target]] = value.strip()
    return out


class _Reader:
    """Walks <Sources>, collecting texts and selections into a Project."""

    def __init__(self, project: Project, archive: Archive | None, where: str) -> None:
        self.p, self.archive, self.where = project, archive, where

    def text_of(self, el: Any) -> tuple[str | None, str]:
        """(text, problem): inline, from the archive, or why it could not be read."""
        inline = child(el, "PlainTextContent")
        ptp = el.get("plainTextPath") or ""
        n_src = (el.get("guid") or "").strip("{}")
        if inline is not None and inline.text is not None:
            return inline.text, ""
        if ptp.lower().startswith("internal://"):
            raw = self.archive.source(ptp[len("internal://") :]) if self.archive else None
            if raw is not None:
                return decode_text(raw, f"text of source {n_src} ({ptp})")
            return None, (
                f"text of source {n_src} ({ptp}) is missing from the "
                f"{'archive' if self.archive else 'project: a bare .qde holds no source files'}"
            )
        if ptp:
            scheme = ptp.split(":", 1)[0]
            return (
                None,
                f"text of source {n_src} is outside the archive ({scheme}:// path); not read",
            )
        return None, f"source {n_src} has neither inline text nor a plainTextPath"

    def text_source(self, el: Any, name: str, owner: str) -> None:
        g = guid(el.get("guid")) or ""
        text, problem = self.text_of(el)
        values = read_values(el, self.p.variables, self.where)
        self.p.sources[g] = Source(name, owner, text, problem, values, "TextSource", memo(el))
        for sel in children(el, "PlainTextSelection"):
            self.selection(sel, g, "text")

    def user(self, who: str | None, what: str) -> str | None:
        """A coder's user guid, which must be among the project's Users: an undeclared one
        would count as a coder of its own."""
        if who is not None and who not in self.p.users:
            raise InputError(
                f"{self.where}: {what} was made by user {who}, who is not among the project's "
                "Users; add the user to <Users> in the tool, or export the project again"
            )
        return who

    def selection(self, sel: Any, source: str, kind: str) -> None:
        codings = []
        sel_user = guid(sel.get("creatingUser"))
        for c in children(sel, "Coding"):
            ref = child(c, "CodeRef")
            target = guid(ref.get("targetGUID")) if ref is not None else None
            what = f"coding {guid(c.get('guid'))}"
            check_ref(target, self.p.codes, what, self.where)
            codings.append((self.user(guid(c.get("creatingUser")) or sel_user, what), target))

        def num(attr: str) -> int:
            if kind != "text":
                return -1
            try:
                return int(sel.get(attr, ""))
            except ValueError:
                raise InputError(
                    f"{self.where}: selection {guid(sel.get('guid'))} has no whole-number {attr}"
                ) from None

        self.p.selections.append(
            Selection(
                len(self.p.selections) + 1,
                guid(sel.get("guid")) or "",
                source,
                num("startPosition"),
                num("endPosition"),
                (sel.get("name") or "").strip(),
                memo(sel),
                sel_user,
                kind,
                codings,  # type: ignore[arg-type]  # targets were checked above
            )
        )

    def other_source(self, src: Any, name: str, owner: str) -> None:
        """Audio, video, PDF, picture: their transcripts are texts; their own selections
        are kept (and later rejected as not text) so every selection is accounted for."""
        values = read_values(src, self.p.variables, self.where)
        kind = local(src.tag)
        self.p.sources.setdefault(owner, Source(name, owner, None, "", values, kind, memo(src)))
        for rep in children(src, "Representation") + children(src, "Transcript"):
            self.text_source(rep, name, owner)
        for sel in src:
            k = local(sel.tag)
            if k.endswith("Selection"):
                self.selection(sel, owner, k)


def memo(el: Any) -> str:
    """The text of an element's <Description>, or ''."""
    desc = child(el, "Description")
    return (desc.text or "") if desc is not None else ""


def read_users(root: Any) -> set[str]:
    block = child(root, "Users")
    return (
        {guid(u.get("guid")) or "" for u in children(block, "User")} if block is not None else set()
    )


def read_project(root: Any, archive: Archive | None, where: str) -> Project:
    """The code book, variables, users, texts and selections of a <Project> element."""
    project = Project(read_codes(child(root, "CodeBook")), read_variables(root), read_users(root))
    reader = _Reader(project, archive, where)
    sources = child(root, "Sources")
    for src in list(sources) if sources is not None else []:
        name = (src.get("name") or "").strip()
        owner = guid(src.get("guid")) or ""
        if local(src.tag) == "TextSource":
            reader.text_source(src, name, owner)
        else:
            reader.other_source(src, name, owner)
    return project
