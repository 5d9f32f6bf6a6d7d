"""The codes of one region: the package's taxonomy plus what the region's config declares.

One registry for every coded value: stages and their order, activity types with their
aspect, modus, and every labelled column. The schemas hold the tables to it (`schemas`), the
claims checker accepts only its values in `where:` (`Codes.values`), the codebook and the
exports list them, the templates offer them in drop-downs and the notebooks order stages by
it. A config extends it in two places: `codes:` (a new code, its labels in both languages
and, for an activity type, its aspect) and `stages.order` (a stage's place in the order);
`aliases.labels` maps raw spellings onto codes. A label that maps onto a code of a closed
column (kinds.tables.CLOSED_COLUMNS) that is neither the package's nor declared is a config error
(`check_codes`), so no value can pass the cleaning and then fail the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from analysis import schemas
from analysis.kinds.tables import CLOSED_COLUMNS, TAXONOMY_FIELDS
from analysis.values.lookup import Vocabulary, closest
from analysis.vocab import ACTIVITY_ASPECT, STAGES

if TYPE_CHECKING:  # pandera loads only where tables are validated (schemas.build)
    import pandera.pandas as pa

# Every labelled field (a column of that name holds its codes; labels.csv `field`).
FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for fs in TAXONOMY_FIELDS.values() for f in fs))
# Closed columns a label fills, whose codes a region may add to, by field (the column's name);
# a stage is added by `stages.order`, and outreach's aspect follows from the activity type.
EXTENDABLE: dict[str, tuple[str, str]] = {
    c: (t, c) for (t, c) in CLOSED_COLUMNS if c in TAXONOMY_FIELDS.get(t, ()) and c != "stage"
}
OUTREACH_ASPECTS: list[str] = list(CLOSED_COLUMNS[("outreach", "aspect")])
CODE_KEYS = ("aspect", "en", "id")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Codes:
    """The codes a region's tables may hold, and what its config says about its own codes."""

    taxonomy: dict[str, list[str]]  # labelled field -> codes (package's first)
    closed: dict[tuple[str, str], list[str]]  # what the schemas allow (CLOSED_COLUMNS+)
    activity_aspect: dict[str, str]  # activity type -> aspect
    labels: dict[str, dict[str, str]]  # code -> {lang: label}, the region's own codes
    aliases: dict[str, dict[str, str]]  # field -> spelling -> code, for the cleaning

    @property
    def stages(self) -> list[str]:
        """The region's stages in their usual order (`stages.order`, else the package's)."""
        return list(self.closed[("case_stages", "stage")])

    def values(self, table: str, column: str) -> list[str] | None:
        """The values a column may hold: the schema's list for a closed column, the field's
        codes for another coded column, None for a free one."""
        if (table, column) in self.closed:
            return list(self.closed[(table, column)])
        if column in TAXONOMY_FIELDS.get(table, ()):
            return list(self.taxonomy.get(column, []))
        return None

    def vocabulary(self, agencies: dict[str, str] | None = None) -> Vocabulary:
        """Spellings -> codes for the cleaning: the package's, the config's, the new codes."""
        return Vocabulary(self.aliases, agencies)

    @cached_property
    def table_schemas(self) -> dict[str, pa.DataFrameSchema]:
        """The pandera schema of every table, with this region's codes."""
        return schemas.build(self.closed)


def _declared(data: dict[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    out = data.get("codes") or {}
    return {str(f): {str(c): dict(v or {}) for c, v in (m or {}).items()} for f, m in out.items()}


def codes_of(data: dict[str, Any]) -> Codes:
    """The registry for one region config (its parsed YAML); `{}` gives the package's."""
    declared = _declared(data)
    labels_cfg = (data.get("aliases") or {}).get("labels") or {}
    aliases: dict[str, dict[str, str]] = {
        str(f): {str(a): str(c) for a, c in (m or {}).items()} for f, m in labels_cfg.items()
    }
    labels: dict[str, dict[str, str]] = {}
    for field, entries in declared.items():
        for code, entry in entries.items():
            spellings = aliases.setdefault(field, {})
            for text in (code, entry.get("en"), entry.get("id")):
                if text:
                    spellings.setdefault(str(text), code)
            labels[code] = {lang: str(entry[lang]) for lang in ("en", "id") if entry.get(lang)}
    closed = {key: list(values) for key, values in CLOSED_COLUMNS.items()}
    for field, key in EXTENDABLE.items():
        closed[key] += [c for c in declared.get(field, {}) if c not in closed[key]]
        for code in closed[key]:  # every code the schema allows can be read as written
            aliases.setdefault(field, {}).setdefault(code, code)
    order = (data.get("stages") or {}).get("order") or STAGES
    closed[("case_stages", "stage")] = [str(s) for s in order]
    taxonomy = {f: sorted(c) for f, c in Vocabulary(aliases).codes.items()}
    aspect = dict(ACTIVITY_ASPECT)
    for code, entry in declared.get("activity_type", {}).items():
        aspect.setdefault(code, str(entry.get("aspect", "")))
    return Codes(taxonomy, closed, aspect, labels, aliases)


def check_codes(data: dict[str, Any], errors: list[str]) -> None:
    """New codes are declared with what they need; labels map only onto codes the schema
    allows (a new stage: one in `stages.order`)."""
    codes = codes_of(data)
    for field, entries in _declared(data).items():
        for code, entry in entries.items():
            _check_declared(field, code, entry, errors)
    for field, spellings in ((data.get("aliases") or {}).get("labels") or {}).items():
        key = ("case_stages", "stage") if field == "stage" else EXTENDABLE.get(str(field))
        if key is None:
            continue
        allowed = codes.closed[key]
        where = "stages.order" if field == "stage" else f"codes.{field}"
        for alias, code in (spellings or {}).items():
            if str(code) not in allowed:
                hint = closest(str(code), {c: c for c in allowed})
                errors.append(
                    f"key 'aliases.labels.{field}.{alias}': {field} {code!r} is not one of "
                    f"this region's codes{'; ' + hint if hint else ''}; a new one is "
                    f"declared under {where}"
                )
    for code in _declared(data).get("stage", {}):
        if code not in codes.stages:
            errors.append(f"key 'codes.stage.{code}': stage {code!r} is not in stages.order")


def _check_declared(field: str, code: str, entry: dict[str, str], errors: list[str]) -> None:
    key = f"codes.{field}.{code}"
    if not _CODE.match(code):
        errors.append(f"key '{key}': a code is lower-case letters, digits and '_' (e.g. new_code)")
    elif code in Vocabulary().codes.get(field, set()) or code in CLOSED_COLUMNS.get(
        EXTENDABLE.get(field, ("", "")), []
    ):
        errors.append(
            f"key '{key}': {code!r} is already a package code; map spellings to it "
            f"under aliases.labels.{field}"
        )
    aspect = entry.get("aspect")
    if field == "activity_type" and aspect not in OUTREACH_ASPECTS:
        errors.append(
            f"key '{key}.aspect': a new activity type needs its aspect, one of "
            f"{', '.join(OUTREACH_ASPECTS)} (got {aspect!r})"
        )
    elif field != "activity_type" and aspect is not None:
        errors.append(f"key '{key}.aspect': only an activity type has an aspect here")
