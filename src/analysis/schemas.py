"""One pandera schema per processed table: the last guard before anything is written.

The cleaning modules already turn bad values into reject lines; these schemas catch
anything they missed (a bug, or a region config that lets an odd value through), with
lazy validation so every failure is reported at once.
"""

from __future__ import annotations

import re

import pandera.pandas as pa

from analysis.vocab import (
    ACTIVITY_ASPECT,
    ACTIVITY_TYPES,
    AGE_BANDS,
    MODUS,
    REPORT_MODELS,
    STAGES,
    VICTIM_SEXES,
)

_BAND = "|".join(re.escape(label) for _, _, label in AGE_BANDS)
AGE_BAND_RE = rf"^({_BAND})(; ({_BAND}))*$"


def _prov() -> dict[str, pa.Column]:
    return {
        "source_file": pa.Column(str),
        "source_sheet": pa.Column(str),
        "source_row": pa.Column("int64", pa.Check.ge(1)),
    }


def _str(nullable: bool = True, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "outreach": pa.DataFrameSchema(
        {
            "activity_id": pa.Column(str, unique=True),
            "date": pa.Column("datetime64[us]"),
            "month": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}$")),
            "aspect": pa.Column(str, pa.Check.isin(sorted(set(ACTIVITY_ASPECT.values())))),
            "activity_type": pa.Column(str, pa.Check.isin(ACTIVITY_TYPES)),
            "audience": _str(),
            "participants": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "district": _str(),
            "venue_type": _str(),
            "partners": _str(),
            "n_partners": pa.Column("int64", pa.Check.ge(0)),
            "platform": _str(),
            "feature": _str(),
            "accounts_flagged": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "unit": _str(),
            "notes": _str(),
            **_prov(),
        },
        strict=True,
        coerce=True,
    ),
    "cases": pa.DataFrameSchema(
        {
            "case_id": pa.Column(str, pa.Check.str_matches(r"^K\d{2,}$"), unique=True),
            "report_model": pa.Column(str, pa.Check.isin(REPORT_MODELS)),
            # quasi-identifiers may be withheld in the shareable tier (analysis.disclosure);
            # cleaning itself requires a report date and a modus
            "report_date": pa.Column("datetime64[us]", nullable=True),
            "report_period": _str(checks=pa.Check.str_matches(r"^\d{4}(?:-\d{2}|-Q[1-4])?$")),
            "year": pa.Column("Int64", nullable=True),
            "modus": _str(checks=pa.Check.isin(MODUS)),
            "platform": _str(),
            "victims": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "victim_minor": pa.Column("boolean", nullable=True),
            "victim_age_band": _str(checks=pa.Check.str_matches(AGE_BAND_RE)),
            "victim_sex": _str(checks=pa.Check.isin(VICTIM_SEXES)),
            "suspects": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "statutes": _str(),
            "status": _str(),
            "notes": _str(),
            **_prov(),
        },
        strict=True,
        coerce=True,
    ),
    "case_stages": pa.DataFrameSchema(
        {
            "case_id": pa.Column(str),
            "stage": pa.Column(str, pa.Check.isin(STAGES)),
            "stage_order": pa.Column("int64", pa.Check.in_range(1, len(STAGES))),
            "date": pa.Column("datetime64[us]", nullable=True),
            "days_since_report": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "notes": _str(),
            **_prov(),
        },
        strict=True,
        coerce=True,
        unique=["case_id", "stage"],
    ),
    "informants": pa.DataFrameSchema(
        {
            "informant_id": pa.Column(str, pa.Check.str_matches(r"^R\d{2,}$"), unique=True),
            "role": pa.Column(str),
            "unit": _str(),
            "organisation_type": _str(),
            **_prov(),
        },
        strict=True,
        coerce=True,
    ),
    "interview_segments": pa.DataFrameSchema(
        {
            "segment_id": pa.Column(str, unique=True),
            "informant_id": pa.Column(str),
            "date": pa.Column("datetime64[us]", nullable=True),
            "question": _str(),
            "text": pa.Column(str),
            **_prov(),
        },
        strict=True,
        coerce=True,
    ),
    "segment_codes": pa.DataFrameSchema(
        {
            "segment_id": pa.Column(str),
            "coder": pa.Column(str),
            "aspect": pa.Column(str),
            "theme": pa.Column(str),
            **_prov(),
        },
        strict=True,
        coerce=True,
    ),
}
