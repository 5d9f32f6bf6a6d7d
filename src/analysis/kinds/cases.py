"""Case records: the police-report register and the dated stage log of each case."""

from __future__ import annotations

import re

from analysis.kinds.model import CODES, N_STAGES, Col, Kind, Table
from analysis.vocab import AGE_BANDS, MODUS, REPORT_MODELS, STAGES, VICTIM_SEXES

_BAND = "|".join(re.escape(label) for _, _, label in AGE_BANDS)
AGE_BAND_RE = rf"^({_BAND})(; ({_BAND}))*$"

CASES = Table(
    "cases",
    {
        "case_id": Col("str", unique=True, checks=(("str_matches", r"^K\d{2,}$"),)),
        "report_model": Col("str", checks=(("isin", CODES),)),
        # quasi-identifiers may be withheld in the shareable tier (analysis.clean.disclosure);
        # cleaning itself requires a report date and a modus
        "report_date": Col("datetime64[us]", nullable=True),
        "report_period": Col.text(("str_matches", r"^\d{4}(?:-\d{2}|-Q[1-4])?$")),
        "year": Col("Int64", nullable=True),
        "modus": Col.text(("isin", CODES)),
        "platform": Col.text(),
        "victims": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "victim_minor": Col("boolean", nullable=True),
        "victim_age_band": Col.text(("str_matches", AGE_BAND_RE)),
        "victim_sex": Col.text(("isin", CODES)),
        "suspects": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "statutes": Col.text(),
        "status": Col.text(),
        "notes": Col.text(),
    },
    required_input=("report_number", "report_date", "modus"),
    closed={"report_model": REPORT_MODELS, "modus": MODUS, "victim_sex": VICTIM_SEXES},
    taxonomy_fields=("modus", "platform", "victim_sex", "status"),
    list_columns=("statutes", "victim_age_band"),
    date_column="report_date",
    # what a neighbour may know of a case from outside (one news item: "a 16-year-old girl,
    # reported in February 2023") and match against a shared table; the shareable tier
    # generalises and suppresses them until every case hides among at least `privacy.k`
    # cases (analysis.clean.disclosure), and the privacy gate refuses a case-level table
    # that does not
    quasi_identifiers=(
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
)

CASE_STAGES = Table(
    "case_stages",
    {
        "case_id": Col("str"),
        "stage": Col("str", checks=(("isin", CODES),)),
        "stage_order": Col("int64", checks=(("in_range", 1, N_STAGES),)),
        # withheld in the shareable tier; days_since_report keeps the order and the gaps
        "date": Col("datetime64[us]", nullable=True),
        "days_since_report": Col("Int64", nullable=True, checks=(("ge", 0),)),
        "notes": Col.text(),
    },
    required_input=("report_number", "stage", "date"),
    foreign_keys=(("case_id", "cases", "case_id"),),
    unique_rows=("case_id", "stage"),
    closed={"stage": STAGES},
    taxonomy_fields=("stage",),
    date_column="date",
    quasi_identifiers=("date",),
)

KIND = Kind("cases", (CASES, CASE_STAGES), cleaner="analysis.clean.cases")
