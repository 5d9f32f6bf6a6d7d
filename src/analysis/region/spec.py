"""What a region configuration may contain (SPEC) and its semantic checks.

SPEC declares every key with its type; analysis.region.typecheck checks a file against it
(with pydantic), and the checks here what types cannot say (a start after its end, a stage
path naming an unknown stage). analysis.region.config loads the file and raises ConfigError
with the messages; every message names the key, so a student sees one line per mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.kinds.tables import TABLES
from analysis.region.codes import CODE_KEYS, FIELDS, codes_of
from analysis.region.review import CLAIM_REVIEW, REVIEW, TEXT, check_review
from analysis.vocab import ASPECTS, STAGES

if TYPE_CHECKING:
    from analysis.region.config import Region

# The package default for stage sequences (a region config may replace it under `stages:`).
# The usual order follows KUHAP from report to handover; when a suspect is caught in the act
# (tertangkap tangan, KUHAP art. 1(19), 18(2), 111) officers arrest, search and seize on the
# spot, and the report (model A) and the investigation follow.
DEFAULT_STAGE_PATHS = {
    "usual": list(STAGES),
    "caught_in_the_act": [
        "arrest",
        "search",
        "seizure",
        "report",
        "investigation",
        "detention",
        "prosecutor_handover",
    ],
}


@dataclass(frozen=True)
class MapOf:
    """Spec of a mapping with free keys (file names, tables, aliases) and one value spec;
    `keys`, when given, lists the keys allowed."""

    value: Any
    keys: tuple[str, ...] | None = None


# A spec is a type, a tuple of types, a list [spec] (list of items), a dict
# {key: (spec, required)} or a MapOf. "mapping" accepts any dict.
_SHEET_OPTIONS = {"table": (str, False), "header_row": (int, False)}
_DISTRICT = {
    "name": (str, True),
    "population": ((int, type(None)), False),
    "population_year": ((int, type(None)), False),
    "population_source": (str, False),
    "aliases": ([str], False),
    # a district of another city or regency that records may name (recorded, never counted
    # as the region's own): the name of the city it belongs to
    "outside": (str, False),
}
# Claim keys beyond these are checked against the aggregate's signature (analysis.region.claims).
CLAIM_META = {
    "id": (str, True),
    "aspect": (str, True),
    "statement": (str, True),
    "statement_id": (str, False),
    "source": (str, True),
    "expected": ("mapping", True),
    "review": (CLAIM_REVIEW, False),
}
_RECOMMENDATION = {
    "text": (str, True),
    "text_id": (str, False),
    "themes": ([str], True),
}
SPEC: dict[str, tuple[Any, bool]] = {
    "slug": (str, True),
    "name": (str, True),
    "province": (str, True),
    "polda": (str, True),
    "city": (str, True),
    "timezone": (str, True),
    "timezone_label": (str, True),
    "study_period": ({"start": (dt.date, True), "end": (dt.date, True)}, True),
    "platforms": ([str], True),
    "population": (
        {
            "total": (int, True),
            "year": (int, True),
            "source": (str, True),
            "note": (TEXT, False),
        },
        False,
    ),
    "districts": ([_DISTRICT], True),
    "reconstruction": (bool, False),
    "data_note": (str, False),
    "data_note_id": (str, False),
    "source_document": ({"en": (str, True), "id": (str, False)}, False),
    "recommendations": ([_RECOMMENDATION], False),
    "review": (REVIEW, False),
    "raw": (
        {
            "skip_sheets": ([str], False),
            "sheets": (MapOf(MapOf(_SHEET_OPTIONS)), False),
        },
        False,
    ),
    # REFI-QDA projects (.qdpx): informants_from is auto, cases or sources, checked in
    # analysis.read.qdpx.informants.qda_options says what each means; roles: source (or
    # case) name -> role, for informants the project gives none (analysis.clean.qda)
    "qda": ({"informants_from": (str, False), "roles": (MapOf(str), False)}, False),
    "aliases": (
        {
            "labels": (MapOf(MapOf(str)), False),
            "headers": (MapOf(MapOf(str), keys=TABLES), False),
            "agencies": (MapOf(str), False),
        },
        False,
    ),
    "privacy": (
        {
            "small_cell_threshold": (int, False),
            "k": (int, False),
            "max_count": (int, False),
            "allowed_words": ([str], False),
        },
        False,
    ),
    "stages": ({"order": ([str], False), "paths": ("mapping", False)}, False),
    # codes the region adds (analysis.region.codes): field -> code -> aspect / en / id
    "codes": (MapOf(MapOf({k: (str, False) for k in CODE_KEYS}), keys=FIELDS), False),
    "claims": (["claim"], True),
}


def _raw_sheets(data: dict[str, Any], errors: list[str]) -> None:
    """Sheet options name a real table and a header row counted from 1."""
    for file, sheets in ((data.get("raw") or {}).get("sheets") or {}).items():
        for sheet, opts in (sheets or {}).items():
            key = f"raw.sheets.{file}.{sheet}"
            table = opts.get("table")
            if table is not None and table not in TABLES:
                errors.append(
                    f"key '{key}.table': unknown table {table!r} (known: {', '.join(TABLES)})"
                )
            row = opts.get("header_row")
            if row is not None and row < 1:
                errors.append(f"key '{key}.header_row': rows count from 1, got {row}")


def check_semantics(data: dict[str, Any], errors: list[str], region: Region) -> None:
    _raw_sheets(data, errors)
    sp = data.get("study_period") or {}
    if isinstance(sp.get("start"), dt.date) and isinstance(sp.get("end"), dt.date):
        if sp["start"] > sp["end"]:
            errors.append("key 'study_period': start is after end")
    k = (data.get("privacy") or {}).get("k", 3)
    if isinstance(k, int) and k < 3:
        errors.append(
            f"key 'privacy.k': {k} is below 3 (a shared table must hide each case among 3)"
        )
    names = [d.get("name") for d in data.get("districts") or [] if isinstance(d, dict)]
    if len(set(names)) != len(names):
        errors.append("key 'districts': district names repeat")
    seen: set[str] = set()
    for i, c in enumerate(data.get("claims") or []):
        if not isinstance(c, dict):
            continue
        if c.get("id") in seen:
            errors.append(f"key 'claims[{i}].id': id {c.get('id')!r} is used twice")
        seen.add(c.get("id"))
        if isinstance(c.get("aspect"), str) and c["aspect"] not in ASPECTS:
            errors.append(
                f"key 'claims[{i}].aspect': {c['aspect']!r} is not one of {', '.join(ASPECTS)}"
            )
        from analysis.region.claims import validate_claim

        validate_claim(region, c, f"claims[{i}]", errors)
    check_review(data, errors)


def check_stages(data: dict[str, Any], errors: list[str]) -> None:
    st = data.get("stages") or {}
    known = set(codes_of(data).taxonomy.get("stage", []))
    order = st.get("order", STAGES)
    for j, name in enumerate(order):
        if name not in known:
            errors.append(
                f"key 'stages.order[{j}]': unknown stage {name!r} (known: {', '.join(sorted(known))})"
            )
    if len(set(order)) != len(order):
        errors.append("key 'stages.order': a stage is listed twice")
    paths = st.get("paths", DEFAULT_STAGE_PATHS)
    if not paths:
        errors.append("key 'stages.paths': list at least one allowed sequence of stages")
    for name, seq in paths.items():
        k = f"stages.paths.{name}"
        if not isinstance(seq, list) or not all(isinstance(x, str) for x in seq):
            errors.append(f"key '{k}': expected a list of stage names")
            continue
        for j, x in enumerate(seq):
            if x not in order:
                errors.append(f"key '{k}[{j}]': stage {x!r} is not in stages.order")
        if len(set(seq)) != len(seq):
            errors.append(f"key '{k}': a stage is listed twice")
        if name in ("incomplete", "out_of_order"):
            errors.append(f"key '{k}': the name {name!r} is reserved")
