"""Interview records: informants by role, paraphrased answers, and the codes coders gave them."""

from __future__ import annotations

from analysis.kinds.model import Col, Kind, Table

INFORMANTS = Table(
    "informants",
    {
        "informant_id": Col("str", unique=True, checks=(("str_matches", r"^R\d{2,}$"),)),
        "role": Col("str"),
        "unit": Col.text(),
        "organisation_type": Col.text(),
    },
    required_input=("role",),
    required_any=("name", "informant_code"),  # a sheet must say who each row is
    taxonomy_fields=("role", "organisation_type"),
)

INTERVIEW_SEGMENTS = Table(
    "interview_segments",
    {
        "segment_id": Col("str", unique=True),
        "informant_id": Col("str"),
        "date": Col("datetime64[us]", nullable=True),
        "question": Col.text(),
        "text": Col("str"),
    },
    required_input=("segment_id", "informant", "text"),
    foreign_keys=(("informant_id", "informants", "informant_id"),),
)

SEGMENT_CODES = Table(
    "segment_codes",
    {
        "segment_id": Col("str"),
        "coder": Col("str"),
        "aspect": Col("str"),
        "theme": Col("str"),
    },
    required_input=("segment_id", "coder", "theme"),
    foreign_keys=(("segment_id", "interview_segments", "segment_id"),),
    taxonomy_fields=("aspect", "theme"),
)

KIND = Kind(
    "interviews",
    (INFORMANTS, INTERVIEW_SEGMENTS, SEGMENT_CODES),
    cleaner="analysis.clean.interviews",
)
