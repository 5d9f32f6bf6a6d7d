"""Interview records: informants, coded segments and the two coders' codes.

Informants get ids R01, R02, ... in the order of the informant sheet; their names are
used only to link segments and to scrub the names out of the transcript text.
"""

from __future__ import annotations

import pandas as pd

from analysis.cleaning.common import PROVENANCE, Context, Issues, dates, labels, required, text
from analysis.normalise import map_unique, norm_key
from analysis.privacy import scrub_series

INFORMANT_COLUMNS = ["informant_id", "role", "unit", "organisation_type", *PROVENANCE]
SEGMENT_COLUMNS = ["segment_id", "informant_id", "date", "question", "text", *PROVENANCE]
CODE_COLUMNS = ["segment_id", "coder", "aspect", "theme", *PROVENANCE]
THEME_ASPECT = {
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


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df else pd.Series(None, index=df.index, dtype=object)


def clean_informants(
    df: pd.DataFrame, ctx: Context
) -> tuple[pd.DataFrame, pd.DataFrame, dict, list]:
    """-> informants, rejects, link map (normalised code or name -> R..), names to scrub."""
    iss = Issues(df, ctx)
    out = pd.DataFrame(index=df.index)
    out["role"] = labels(iss, _col(df, "role"), "role", "role", True)
    out["organisation_type"] = labels(
        iss, _col(df, "organisation_type"), "organisation_type", "organisation_type", False
    )
    names = text(_col(df, "name"))
    codes = text(_col(df, "informant_code"))
    for c in PROVENANCE:
        out[c] = df[c]
    out["unit"] = scrub_series(text(_col(df, "unit")), names.dropna())
    out = iss.kept(out)
    out = out.sort_values(PROVENANCE, kind="stable")
    out["informant_id"] = [f"R{i + 1:02d}" for i in range(len(out))]
    link: dict[str, str] = {}
    for idx, rid in out["informant_id"].items():
        for v in (names.get(idx), codes.get(idx)):
            if v:
                link[norm_key(v)] = rid
    out = out.reset_index(drop=True)
    return out[INFORMANT_COLUMNS], iss.frame(), link, [n for n in names.dropna()]


def clean_segments(
    df: pd.DataFrame, ctx: Context, link: dict, names: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    iss = Issues(df, ctx)
    out = pd.DataFrame(index=df.index)
    sid = text(_col(df, "segment_id"))
    required(iss, _col(df, "segment_id"), "segment_id")
    iss.add(sid.notna() & sid.duplicated(keep="first"), "segment_id", "segment id is used twice")
    who = _col(df, "informant")
    blank = required(iss, who, "informant")
    rid = map_unique(who, lambda v: None if v is None else link.get(norm_key(v)))
    iss.add(rid.isna() & ~blank, "informant", "informant is not in the informant sheet")
    required(iss, _col(df, "text"), "text")
    out["segment_id"] = sid
    out["informant_id"] = rid
    out["date"] = dates(iss, _col(df, "date"), "date", False, None)
    out["question"] = scrub_series(text(_col(df, "question")), names)
    out["text"] = scrub_series(text(_col(df, "text")), names)
    for c in PROVENANCE:
        out[c] = df[c]
    out = iss.kept(out).sort_values("segment_id", kind="stable").reset_index(drop=True)
    return out[SEGMENT_COLUMNS], iss.frame()


def clean_codes(
    df: pd.DataFrame, ctx: Context, segment_ids: set[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    iss = Issues(df, ctx)
    out = pd.DataFrame(index=df.index)
    sid = text(_col(df, "segment_id"))
    blank = required(iss, _col(df, "segment_id"), "segment_id")
    iss.add(
        ~sid.isin(segment_ids) & ~blank,
        "segment_id",
        "segment id is not in the segment sheet (or its segment was rejected)",
    )
    required(iss, _col(df, "coder"), "coder")
    out["segment_id"] = sid
    out["coder"] = text(_col(df, "coder"))
    out["aspect"] = labels(iss, _col(df, "aspect"), "aspect", "aspect", False)
    out["theme"] = labels(iss, _col(df, "theme"), "theme", "theme", True)
    out["aspect"] = out["aspect"].fillna(out["theme"].map(THEME_ASPECT))
    for c in PROVENANCE:
        out[c] = df[c]
    out = (
        iss.kept(out)
        .sort_values(["segment_id", "coder", "theme"], kind="stable")
        .reset_index(drop=True)
    )
    return out[CODE_COLUMNS], iss.frame()
