"""The project's vocabulary, defined once: stages, activity types, modus, themes, age bands.

Every other module imports these names from here and none redefines them, so adding a stage
is a one-line change (the habit of Open Policing's standards file); the record kinds and
their tables are declared in `analysis.kinds`, whose coded columns take these codes.
Label variants (Indonesian spellings, typos) are data, in `analysis/aliases/*.csv`; this
module holds only the canonical codes they map to.
"""

from __future__ import annotations

# The record kinds and their tables (names, columns, keys, coded columns) are declared in
# analysis.kinds; this module holds the codes their columns take.
# The unit k counts: a table with this column holds one person's case per value.
CASE_KEY = "case_id"

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

# --------------------------------------------------------------------------- claims
# The claims language (aggregates, expectations, periods) is defined in analysis.region.claims.
