"""Outreach records: legal education, agency coordination, cyber patrols, inspections, raids."""

from __future__ import annotations

from analysis.kinds.model import CODES, Col, Kind, Table
from analysis.vocab import ACTIVITY_ASPECT, ACTIVITY_TYPES

OUTREACH = Table(
    "outreach",
    {
        "activity_id": Col("str", unique=True),
        "date": Col("datetime64[us]"),
        "month": Col("str", checks=(("str_matches", r"^\d{4}-\d{2}$"),)),
        "aspect": Col("str", checks=(("isin", CODES),)),
        "activity_type": Col("str", checks=(("isin", CODES),)),
        "audience": Col.text(),
        "participants": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "district": Col.text(),
        "venue_type": Col.text(),
        "partners": Col.text(),
        "n_partners": Col("int64", checks=(("ge", 0),)),
        "platform": Col.text(),
        "feature": Col.text(),
        "accounts_flagged": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "unit": Col.text(),
        "notes": Col.text(),
    },
    required_input=("date", "activity_type"),
    closed={
        "activity_type": ACTIVITY_TYPES,
        "aspect": list(dict.fromkeys(ACTIVITY_ASPECT.values())),
    },
    taxonomy_fields=("activity_type", "audience", "venue_type", "platform", "feature"),
    list_columns=("partners",),
    date_column="date",
)

KIND = Kind("outreach", (OUTREACH,), cleaner="analysis.clean.outreach")
