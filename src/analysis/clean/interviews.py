"""Interview records: informants, coded segments and the two coders' codes.

Informants get ids R01, R02, ... in the order of the informant sheet; their names are
used only to link segments and to scrub the names out of the transcript text. Segment ids
and coder names are never copied: segments become S0001, S0002, ... in sheet order and
coders C1, C2, ... in order of first appearance (a typed id may hold a phone number, a
coder cell a name); the keys to the real values go to data/private/ only.
"""

from __future__ import annotations

import pandas as pd

from analysis.clean import qda
from analysis.clean.common import (
    Context,
    Field,
    Issues,
    Tables,
    apply_fields,
    column_of,
    text,
)
from analysis.clean.fields import codes, dates, required, unit_names
from analysis.errors import InputError
from analysis.kinds.model import PROVENANCE
from analysis.kinds.tables import COLUMNS
from analysis.privacy.scrubbing import scrub_series
from analysis.values.normalise import map_unique, norm_key
from analysis.vocab import THEME_ASPECT

INFORMANT_FIELDS = (
    Field("role", codes, required=True),
    Field("organisation_type", codes),
)
CODE_FIELDS = (
    Field("aspect", codes),
    Field("theme", codes, required=True),
)


def clean(ctx: Context) -> Tables:
    """Informants, segments and codes -> their three tables; reject lines go to
    `ctx.rejects`, the coders' note to `ctx.notes`, the private keys to `ctx`."""
    first_note = len(ctx.notes)
    informants, rejects, link, names = clean_informants(ctx.rows("informants"), ctx)
    ctx.rejects.append(rejects)
    segments, rejects, segment_key = clean_segments(
        ctx.rows("interview_segments"), ctx, link, names
    )
    ctx.rejects.append(rejects)
    codes, rejects, ctx.coder_key = clean_codes(ctx.rows("segment_codes"), ctx, segment_key)
    ctx.rejects.append(rejects)
    # the coders' note before the notes on a project's roles and codes, as the manifest lists them
    ctx.notes[first_note:first_note] = coder_notes(codes, ctx.coder_key)
    return {"informants": informants, "interview_segments": segments, "segment_codes": codes}


def clean_informants(
    df: pd.DataFrame, ctx: Context
) -> tuple[pd.DataFrame, pd.DataFrame, dict, list]:
    """-> informants, rejects, link map (normalised code or name -> R..), names to scrub."""
    df = qda.fill_roles(df, ctx)
    iss = Issues(df, ctx)
    out = apply_fields(iss, df, INFORMANT_FIELDS)
    names = text(column_of(df, "name"))
    informant_codes = text(column_of(df, "informant_code"))
    out["unit"] = unit_names(iss, column_of(df, "unit"), "unit")
    out = iss.kept(out)
    out = out.sort_values(PROVENANCE, kind="stable")
    out["informant_id"] = [f"R{i + 1:02d}" for i in range(len(out))]
    link: dict[str, str] = {}
    for idx, rid in out["informant_id"].items():
        for v in (names.get(idx), informant_codes.get(idx)):
            if v:
                link[norm_key(v)] = rid
        ctx.informant_names[rid] = names.get(idx) or informant_codes.get(idx) or ""
    out = out.reset_index(drop=True)
    return out[COLUMNS["informants"]], iss.frame(), link, [n for n in names.dropna()]


def clean_segments(
    df: pd.DataFrame, ctx: Context, link: dict, names: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Segments -> re-keyed ids, pseudonymous informant ids, text with names scrubbed out;
    also returns the private map typed segment id -> new id, to link the codes."""
    iss = Issues(df, ctx)
    out = pd.DataFrame(index=df.index)
    sid = text(column_of(df, "segment_id"))
    required(iss, column_of(df, "segment_id"), "segment_id")
    iss.add(sid.notna() & sid.duplicated(keep="first"), "segment_id", "segment id is used twice")
    who = column_of(df, "informant")
    blank = required(iss, who, "informant")
    rid = map_unique(who, lambda v: None if v is None else link.get(norm_key(v)))
    iss.add(rid.isna() & ~blank, "informant", "informant is not in the informant sheet")
    required(iss, column_of(df, "text"), "text")
    out["segment_id"] = sid
    out["informant_id"] = rid
    apply_fields(iss, df, (Field("date", dates),), out)
    known = ctx.names or names
    out["question"] = scrub_series(text(column_of(df, "question")), known)
    out["text"] = scrub_series(text(column_of(df, "text")), known)
    for c in PROVENANCE:
        out[c] = df[c]
    # ordered by the typed id (as the coders numbered them), then re-keyed S0001, S0002, ...
    out = iss.kept(out).sort_values("segment_id", kind="stable").reset_index(drop=True)
    new_ids = [f"S{i + 1:04d}" for i in range(len(out))]
    segment_key = dict(zip(out["segment_id"], new_ids, strict=True))
    out["segment_id"] = pd.array(new_ids, dtype="str")
    return out[COLUMNS["interview_segments"]], iss.frame(), segment_key


def clean_codes(
    df: pd.DataFrame, ctx: Context, segment_key: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Coders' codes, linked to kept segments; a blank aspect is taken from the theme, and
    a QDA project's codes that no theme maps are kept as `unmapped` (clean.qda).
    Also returns the private map coder as typed -> C1, C2, ..."""
    raw = df
    df, unmapped = qda.resolve_codes(df, ctx)
    iss = Issues(df, ctx)
    sid = text(column_of(df, "segment_id"))
    blank = required(iss, column_of(df, "segment_id"), "segment_id")
    iss.add(
        ~sid.isin(set(segment_key)) & ~blank,
        "segment_id",
        "segment id is not in the segment sheet (or its segment was rejected)",
    )
    required(iss, column_of(df, "coder"), "coder")
    coder = text(column_of(df, "coder"))
    coder_key = {c: f"C{i + 1}" for i, c in enumerate(coder.dropna().unique())}
    out = pd.DataFrame(
        {
            "segment_id": map_unique(sid, lambda v: segment_key.get(v), dtype="str"),
            "coder": map_unique(coder, lambda v: coder_key.get(v), dtype="str"),
        },
        index=df.index,
    )
    apply_fields(iss, df, CODE_FIELDS, out)
    out["aspect"] = out["aspect"].fillna(out["theme"].map(THEME_ASPECT))
    qda.keep_code_names(out, raw, unmapped, ctx)
    out = iss.kept(out)
    qda.unmapped_notes(out.index, raw, unmapped, ctx)
    out = out.sort_values(["segment_id", "coder", "theme"], kind="stable").reset_index(drop=True)
    return out[COLUMNS["segment_codes"]], iss.frame(), coder_key


def coder_notes(codes: pd.DataFrame, coder_key: dict[str, str] | None = None) -> list[str]:
    """Inter-coder agreement needs exactly two coders: more stops the run, one is a loud note.

    Messages name coders as typed (they go to the researcher's terminal; the manifest's copy
    of a note gets the pseudonyms back in `clean`)."""
    real = {v: k for k, v in (coder_key or {}).items()}
    coders = [real.get(c, c) for c in sorted(codes["coder"].dropna().unique())]
    if len(coders) > 2:
        files = ", ".join(sorted(set(codes["source_file"])))
        raise InputError(
            f"{files}: segment codes come from {len(coders)} coders ({', '.join(coders)}); "
            "inter-coder agreement (Cohen's kappa) needs exactly two; keep two coders' codes "
            "in the coding sheet (the others' in a separate project)"
        )
    if len(coders) == 1:
        return [
            f"segment codes come from one coder only ({coders[0]}); inter-coder agreement "
            "(kappa) cannot be computed and the interview report leaves it out"
        ]
    return []
