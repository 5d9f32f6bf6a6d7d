"""Who said what: the informants of a project, from its Cases or from its sources.

A region config says which (`qda.informants_from`): `cases` when each case is a person and
its sources are that person's interviews, `sources` when each source is one informant (cases,
if any, then only describe their sources, as groups), `auto` (the default) takes cases when
the project has any. Attributes (role, unit, ...) come from case variables, source variables,
Sets named "attribute: value" and "attribute: value" lines in a source's description; the
header aliases then map their names to columns. An informant the project gives no role is
not dropped: the cleaning takes it from `qda.roles` in the region config, else `unknown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.errors import InputError
from analysis.read.qdpx.archive import child, children
from analysis.read.qdpx.model import Project, check_ref, guid, read_values
from analysis.read.qdpx.sheets import KEY_VALUE, aliases
from analysis.read.sheet import norm_header
from analysis.region.config import ConfigError, Region

INFORMANTS_FROM = ("auto", "cases", "sources")
ATTRIBUTES = ("role", "unit", "organisation_type")  # what a source description may say


def qda_options(region: Region) -> dict[str, str]:
    """The region's `qda:` settings with defaults, checked: a bad value is one line naming
    the config file and the key."""
    qda = region.get("qda") or {}
    mode = qda.get("informants_from", "auto")
    if mode not in INFORMANTS_FROM:
        raise ConfigError(
            f"{region.path}: key 'qda.informants_from': expected one of "
            f"{', '.join(INFORMANTS_FROM)}, got {mode!r}"
        )
    return {"informants_from": mode}


def qda_roles(region: Region) -> dict[str, str]:
    """`qda.roles`: source (or case) name -> role label, for informants the project gives
    no role; names compare as header names do (case and spacing ignored)."""
    roles = (region.get("qda") or {}).get("roles") or {}
    return {norm_header(k): str(v) for k, v in roles.items()}


@dataclass
class Informants:
    """Informant key -> column values (in order of appearance), and how a source maps to one."""

    rows: dict[str, dict[str, str]]
    case_of: dict[str, str]  # source guid -> case key (used only when informants are cases)
    sheet: str  # "Cases" or "Sources": the sheet name rejects and the manifest show
    project: Project

    def of(self, source: str) -> str:
        """The informant key of a source (its owner's case, or the owner itself)."""
        s = self.project.sources.get(source)
        owner = s.owner if s is not None else source
        return self.case_of.get(source) or self.case_of.get(owner) or f"source:{owner}"


def _cases(root: Any, project: Project, where: str) -> tuple[dict[str, dict[str, str]], dict]:
    """Case key -> {name, variables...}, and source guid -> case key (first case wins)."""
    rows: dict[str, dict[str, str]] = {}
    case_of: dict[str, str] = {}
    cases = child(root, "Cases")
    for case in children(cases, "Case") if cases is not None else []:
        key = f"case:{guid(case.get('guid'))}"
        rows[key] = {
            "name": (case.get("name") or "").strip(),
            **read_values(case, project.variables, where),
        }
        for ref in children(case, "SourceRef"):
            g = check_ref(guid(ref.get("targetGUID")), project.known_sources, "a case", where)
            case_of.setdefault(g, key)
    return rows, case_of


def _describe(inf: Informants, values: dict[str, dict[str, str]]) -> None:
    """Fill attributes not yet known from {source guid: values} (first value wins)."""
    for g, vals in values.items():
        row = inf.rows.get(inf.of(g))
        if row is not None:
            for k, v in vals.items():
                row.setdefault(k, v)


def _from_sources(project: Project, case_rows: dict, case_of: dict) -> Informants:
    """Every source with text or selections is one informant, named by the source; its own
    variables first, then those of the cases it belongs to."""
    inf = Informants({}, {}, "Sources", project)
    used = {
        project.sources[x.source].owner for x in project.selections if x.source in project.sources
    }
    for s in project.sources.values():
        if s.owner in used or s.text is not None:
            inf.rows.setdefault(f"source:{s.owner}", {"name": s.name})
    _describe(inf, {g: s.values for g, s in project.sources.items()})
    case_values = {k: {c: v for c, v in r.items() if c != "name"} for k, r in case_rows.items()}
    _describe(inf, {g: case_values[k] for g, k in case_of.items()})
    return inf


def _sets(root: Any, inf: Informants, codes: dict, where: str) -> None:
    """Sets named "attribute: value" give that attribute to their member sources' informants."""
    sets = child(root, "Sets")
    for st in children(sets, "Set") if sets is not None else []:
        m = KEY_VALUE.match(st.get("name") or "")
        members = [
            check_ref(guid(r.get("targetGUID")), inf.project.known_sources, "a set", where)
            for r in children(st, "MemberSource")
        ]
        for r in children(st, "MemberCode"):
            check_ref(guid(r.get("targetGUID")), codes, "a set", where)
        if not m or not m.group(2):
            continue
        for g in members:
            row = inf.rows.get(inf.of(g))
            if row is not None:
                row.setdefault(m.group(1), m.group(2))


def _descriptions(inf: Informants) -> None:
    """'role: investigator' lines in a source's description, for attributes an informant
    sheet knows (role, unit, organisation type); other lines are memo text, not read."""
    known = aliases("informants")
    values = {}
    for g, s in inf.project.sources.items():
        found = {}
        for line in s.description.splitlines():
            m = KEY_VALUE.match(line)
            if m and m.group(2) and known.get(norm_header(m.group(1))) in ATTRIBUTES:
                found.setdefault(m.group(1), m.group(2))
        values[g] = found
    _describe(inf, values)


def read_informants(root: Any, project: Project, where: str, mode: str = "auto") -> Informants:
    """The informants of a project as `mode` (one of INFORMANTS_FROM) says."""
    case_rows, case_of = _cases(root, project, where)
    if mode == "cases" and not case_rows:
        raise InputError(
            f"{where}: the project has no cases, but the region config says informants come "
            "from cases (qda.informants_from: cases); use sources or auto"
        )
    if mode == "cases" or (mode == "auto" and case_rows):
        inf = Informants(case_rows, case_of, "Cases", project)
        _describe(inf, {g: s.values for g, s in project.sources.items()})
    else:
        inf = _from_sources(project, case_rows, case_of)
    _sets(root, inf, project.codes, where)
    _descriptions(inf)
    return inf
