"""One pandera schema per processed table: the last guard before anything is written.

The cleaning modules already turn bad values into reject lines; these schemas catch
anything they missed (a bug, or a region config that lets an odd value through), with
lazy validation so every failure is reported at once. The coded columns take their allowed
values as an argument (`build`): a region's own codes (analysis.region.codes) reach the
schema, so a stage or modus the region declares is kept, not rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandera.pandas as pa

from analysis.vocab import AGE_BANDS, CLOSED_COLUMNS

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


Closed = Mapping[tuple[str, str], Sequence[str]]


def build(closed: Closed = CLOSED_COLUMNS) -> dict[str, pa.DataFrameSchema]:
    """The schema of every table, the coded columns held to `closed` (vocab.CLOSED_COLUMNS
    with a region's own codes added)."""

    def isin(table: str, column: str) -> pa.Check:
        return pa.Check.isin(list(closed[(table, column)]))

    return {
        "outreach": _outreach(isin),
        "cases": _cases(isin),
        "case_stages": pa.DataFrameSchema(
            {
                "case_id": pa.Column(str),
                "stage": pa.Column(str, isin("case_stages", "stage")),
                "stage_order": pa.Column(
                    "int64", pa.Check.in_range(1, len(closed[("case_stages", "stage")]))
                ),
                # withheld in the shareable tier (analysis.clean.disclosure); cleaning
                # requires it, and days_since_report keeps the order and the gaps
                "date": pa.Column("datetime64[us]", nullable=True),
                "days_since_report": pa.Column("Int64", pa.Check.ge(0), nullable=True),
                "notes": _str(),
                **_prov(),
            },
            strict=True,
            coerce=True,
            unique=["case_id", "stage"],
        ),
        **_interviews(),
    }


def _outreach(isin) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "activity_id": pa.Column(str, unique=True),
            "date": pa.Column("datetime64[us]"),
            "month": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}$")),
            "aspect": pa.Column(str, isin("outreach", "aspect")),
            "activity_type": pa.Column(str, isin("outreach", "activity_type")),
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
    )


def _cases(isin) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "case_id": pa.Column(str, pa.Check.str_matches(r"^K\d{2,}$"), unique=True),
            "report_model": pa.Column(str, isin("cases", "report_model")),
            # quasi-identifiers may be withheld in the shareable tier (analysis.clean.disclosure);
            # cleaning itself requires a report date and a modus
            "report_date": pa.Column("datetime64[us]", nullable=True),
            "report_period": _str(checks=pa.Check.str_matches(r"^\d{4}(?:-\d{2}|-Q[1-4])?$")),
            "year": pa.Column("Int64", nullable=True),
            "modus": _str(checks=isin("cases", "modus")),
            "platform": _str(),
            "victims": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "victim_minor": pa.Column("boolean", nullable=True),
            "victim_age_band": _str(checks=pa.Check.str_matches(AGE_BAND_RE)),
            "victim_sex": _str(checks=isin("cases", "victim_sex")),
            "suspects": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "statutes": _str(),
            "status": _str(),
            "notes": _str(),
            **_prov(),
        },
        strict=True,
        coerce=True,
    )


def _interviews() -> dict[str, pa.DataFrameSchema]:
    return {
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


# The package's own codes; a region's schemas come from analysis.region.codes.
SCHEMAS: dict[str, pa.DataFrameSchema] = build()
