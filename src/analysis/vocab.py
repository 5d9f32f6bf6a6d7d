"""The project's vocabulary, defined once: tables, columns, record kinds, stages, taxonomies.

Every other module imports these names from here and none redefines them, so renaming a
table or adding a stage is a one-line change (the habit of Open Policing's standards file).
Label variants (Indonesian spellings, typos) are data, in `analysis/aliases/*.csv`; this
module holds only the canonical codes they map to.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- record kinds
# A region's raw folder has one sub-folder per kind; each kind feeds one or more tables.
KINDS: tuple[str, ...] = ("outreach", "cases", "interviews")
KIND_TABLES: dict[str, tuple[str, ...]] = {
    "outreach": ("outreach",),
    "cases": ("cases", "case_stages"),
    "interviews": ("informants", "interview_segments", "segment_codes"),
}
TABLES: tuple[str, ...] = tuple(t for kind in KINDS for t in KIND_TABLES[kind])

# --------------------------------------------------------------------------- columns
PROVENANCE: list[str] = ["source_file", "source_sheet", "source_row"]
REJECT_COLUMNS: list[str] = [*PROVENANCE, "column", "problem", "suggestion", "kind"]

# Canonical input columns a sheet must have before it can feed a table.
REQUIRED_INPUT: dict[str, list[str]] = {
    "outreach": ["date", "activity_type"],
    "cases": ["report_number", "report_date", "modus"],
    "case_stages": ["report_number", "stage", "date"],
    "informants": ["role"],
    "interview_segments": ["segment_id", "informant", "text"],
    "segment_codes": ["segment_id", "coder", "theme"],
}
# An informant sheet must also say who each row is, by one of these columns.
INFORMANT_KEYS: tuple[str, ...] = ("name", "informant_code")

# Output columns of every processed table, in order.
COLUMNS: dict[str, list[str]] = {
    "outreach": [
        "activity_id",
        "date",
        "month",
        "aspect",
        "activity_type",
        "audience",
        "participants",
        "district",
        "venue_type",
        "partners",
        "n_partners",
        "platform",
        "feature",
        "accounts_flagged",
        "unit",
        "notes",
        *PROVENANCE,
    ],
    "cases": [
        "case_id",
        "report_model",
        "report_date",
        "report_period",
        "year",
        "modus",
        "platform",
        "victims",
        "victim_minor",
        "victim_age_band",
        "victim_sex",
        "suspects",
        "statutes",
        "status",
        "notes",
        *PROVENANCE,
    ],
    "case_stages": [
        "case_id",
        "stage",
        "stage_order",
        "date",
        "days_since_report",
        "notes",
        *PROVENANCE,
    ],
    "informants": ["informant_id", "role", "unit", "organisation_type", *PROVENANCE],
    "interview_segments": [
        "segment_id",
        "informant_id",
        "date",
        "question",
        "text",
        *PROVENANCE,
    ],
    "segment_codes": ["segment_id", "coder", "aspect", "theme", *PROVENANCE],
}

# Quasi-identifiers: what a neighbour may know of a case from outside (one news item: "a
# 16-year-old girl, reported in February 2023") and match against a shared table. The
# record-level tables with them stay in data/private/; the shareable tier generalises and
# suppresses them until every case hides among at least `privacy.k` cases
# (analysis.disclosure), and the privacy gate refuses a case-level table that does not.
QUASI_IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "cases": (
        "report_date",
        "report_period",
        "year",
        "district",
        "modus",
        "platform",
        "victims",
        "victim_minor",
        "victim_age_band",
        "victim_sex",
        # the statutes charged name the modus (UU ITE Pasal 27: sextortion; KUHP 296: pimping)
        "statutes",
    ),
    "case_stages": ("date",),
}
# The unit k counts: a table with this column holds one person's case per value.
CASE_KEY = "case_id"

# Keys that tie the tables together: (column, referenced table, referenced column).
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "case_stages": [("case_id", "cases", "case_id")],
    "interview_segments": [("informant_id", "informants", "informant_id")],
    "segment_codes": [("segment_id", "interview_segments", "segment_id")],
}
# Columns whose values are taxonomy codes (the labels.csv field of the same name).
TAXONOMY_FIELDS: dict[str, tuple[str, ...]] = {
    "outreach": ("activity_type", "audience", "venue_type", "platform", "feature"),
    "cases": ("modus", "platform", "victim_sex", "status"),
    "case_stages": ("stage",),
    "informants": ("role", "organisation_type"),
    "segment_codes": ("aspect", "theme"),
}

# --------------------------------------------------------------------------- taxonomies
ASPECTS: tuple[str, ...] = ("preemptive", "preventive", "repressive")
# Interview themes may also speak of obstacles and recommendations.
THEME_ASPECTS: tuple[str, ...] = (*ASPECTS, "obstacle", "recommendation")

# Outreach activity type -> the aspect of police work it belongs to.
ACTIVITY_ASPECT: dict[str, str] = {
    "legal_education": "preemptive",
    "agency_coordination": "preemptive",
    "cyber_patrol": "preventive",
    "lodging_inspection": "preventive",
    "raid": "preventive",
    "coordination_meeting": "preemptive",
    "account_blocking_request": "preventive",
    "management_summons": "preventive",
    "other": "preventive",
}
ACTIVITY_TYPES: list[str] = list(ACTIVITY_ASPECT)

MODUS: list[str] = ["sextortion", "child_exploitation", "pimping", "trafficking", "other"]

# The usual order of a criminal case under KUHAP, from police report to prosecutor.
STAGES: list[str] = [
    "report",
    "inquiry",
    "investigation",
    "arrest",
    "detention",
    "search",
    "seizure",
    "prosecutor_handover",
]

# Interview theme -> aspect (used when a coder left the aspect cell blank).
THEME_ASPECT: dict[str, str] = {
    "legal_education": "preemptive",
    "agency_cooperation": "preemptive",
    "cyber_patrol": "preventive",
    "lodging_supervision": "preventive",
    "case_handling": "repressive",
    "sextortion": "repressive",
    "child_exploitation": "repressive",
    "anonymous_accounts": "obstacle",
    "forensic_capacity": "obstacle",
    "victim_reluctance": "obstacle",
    "digital_literacy": "recommendation",
    "parental_supervision": "recommendation",
    "platform_cooperation": "recommendation",
    "victim_rehabilitation": "recommendation",
    "moral_awareness": "recommendation",
}

# What a REFI-QDA project cannot say: an informant without a role, a code no theme maps
# (kept as aspect UNMAPPED with the code's own name as theme; analysis.clean.qda).
UNKNOWN_ROLE = "unknown"
UNMAPPED = "unmapped"

VICTIM_SEXES: list[str] = ["female", "male"]
REPORT_MODELS: list[str] = ["A", "B"]

# Ages are never stored; only these bands (inclusive bounds) reach the processed tables.
AGE_BANDS: list[tuple[int, int, str]] = [
    (0, 12, "<13"),
    (13, 14, "13-14"),
    (15, 17, "15-17"),
    (18, 24, "18-24"),
    (25, 200, "25+"),
]

# Columns the schemas hold to a list of codes: (table, column) -> the package's codes. A region
# adds codes to them only by declaring each one (config `codes:`; a stage by `stages.order`);
# analysis.region.codes merges both lists, and the schemas, the claims checker, the codebook,
# the templates and the notebooks all read that one merged list.
CLOSED_COLUMNS: dict[tuple[str, str], list[str]] = {
    ("outreach", "activity_type"): ACTIVITY_TYPES,
    ("outreach", "aspect"): list(dict.fromkeys(ACTIVITY_ASPECT.values())),
    ("cases", "report_model"): REPORT_MODELS,
    ("cases", "modus"): MODUS,
    ("cases", "victim_sex"): VICTIM_SEXES,
    ("case_stages", "stage"): STAGES,
}

# Columns that hold '; '-joined lists, and the date each table is counted by in periods.
LIST_COLUMNS = {("outreach", "partners"), ("cases", "statutes"), ("cases", "victim_age_band")}
DATE_COLUMN = {"outreach": "date", "cases": "report_date", "case_stages": "date"}

# --------------------------------------------------------------------------- claims
# The claims language (aggregates, expectations, periods) is defined in analysis.region.claims.
