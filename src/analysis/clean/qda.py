"""What the cleaning does differently for rows read from a REFI-QDA project.

A real project is the researcher's own analysis, not a form filled in for this pipeline: its
informants often carry no role and its codes are its own. So an informant without a role
takes one from `qda.roles` in the region config (source or case name -> role), else
`unknown`, and is never dropped; a code that no theme alias maps is kept, with aspect
`unmapped` and its own name (scrubbed) as theme, and the run ends with one line per family
of such codes naming the config key that maps them. Rows from workbooks are untouched: a
label typed there that matches nothing is still a reject with a suggestion.
"""

from __future__ import annotations

import pandas as pd

from analysis.clean.common import Context, column_of, text
from analysis.privacy.messages import mark
from analysis.privacy.scrubbing import scrub_series
from analysis.read.qdpx.informants import qda_roles
from analysis.read.sheet import norm_header
from analysis.values.normalise import is_blank, map_unique
from analysis.vocab import THEME_ASPECT, UNKNOWN_ROLE, UNMAPPED


def _config(ctx: Context) -> str:
    return f"config/regions/{ctx.region.slug}.yml"


def fill_roles(df: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Blank roles of QDA informants: `qda.roles` by informant name, else `unknown`; one
    note per file counting the informants left `unknown`."""
    if not ctx.qda_files or df.empty or "source_file" not in df:
        return df
    role = column_of(df, "role")
    blank = map_unique(role, is_blank, dtype="bool") & df["source_file"].isin(ctx.qda_files)
    if not blank.any():
        return df
    roles = qda_roles(ctx.region)
    given = text(column_of(df, "name")).map(
        lambda v: roles.get(norm_header(v)) if isinstance(v, str) else None
    )
    unknown = blank & given.isna()
    for f, n in df.loc[unknown, "source_file"].value_counts(sort=False).items():
        ctx.notes.append(
            f"{f}: {n} informant(s) have no role in the project (no case variable, set or "
            f"source description gives one) and are kept with role '{UNKNOWN_ROLE}'; give "
            f"each one under qda.roles (source name: role) in {_config(ctx)}"
        )
    filled = role.astype(object).where(~blank, given.fillna(UNKNOWN_ROLE))
    return df.assign(role=filled)


def resolve_codes(df: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, pd.Series]:
    """Raw aspect/theme of QDA codings as the label lookup will read them, and the mask
    of codings no theme alias maps (their raw theme set to `unmapped` for the lookup).

    A theme is looked up as 'parent::code' first, then as the code's own name; a mapped
    theme whose parent is no aspect label takes its aspect from the theme."""
    none = pd.Series(False, index=df.index)
    if not ctx.qda_files or df.empty or "source_file" not in df:
        return df, none
    vocab = ctx.vocab
    qda = df["source_file"].isin(ctx.qda_files)
    aspect, theme = text(column_of(df, "aspect")), text(column_of(df, "theme"))
    keys = [
        (a if isinstance(a, str) else None, t if isinstance(t, str) else None) if q else None
        for a, t, q in zip(aspect, theme, qda, strict=True)
    ]
    found: dict[tuple, str | None] = {}
    for a, t in set(keys) - {None}:  # type: ignore[misc]  # None marks a workbook row
        path = vocab.label("theme", f"{a}::{t}") if a and t else None
        found[(a, t)] = path or vocab.label("theme", t)
    code = pd.Series([found.get(k) if k else None for k in keys], index=df.index, dtype=object)
    unmapped = qda & code.isna() & theme.notna()
    aspect_code = aspect.map(lambda v: vocab.label("aspect", v) if isinstance(v, str) else None)
    derive = qda & code.notna() & aspect_code.isna() & code.map(lambda c: c in THEME_ASPECT)
    new_aspect = aspect.astype(object).where(~derive, None).where(~unmapped, UNMAPPED)
    new_theme = theme.astype(object).where(~qda | code.isna(), code).where(~unmapped, UNMAPPED)
    return df.assign(aspect=new_aspect, theme=new_theme), unmapped


def keep_code_names(out: pd.DataFrame, raw: pd.DataFrame, unmapped: pd.Series, ctx) -> None:
    """Unmapped codings keep their code's own name as theme, scrubbed like free text."""
    if unmapped.any():
        names = scrub_series(text(column_of(raw, "theme"))[unmapped], ctx.names)
        out.loc[unmapped[unmapped].index, "theme"] = names.astype(str)


def unmapped_notes(kept: pd.Index, raw: pd.DataFrame, unmapped: pd.Series, ctx: Context) -> None:
    """One count line, then one line per unmapped code family (the codes under one parent,
    or a top-level code alone), most codings first, naming the config key that maps them."""
    rows = unmapped[unmapped].index.intersection(kept)
    if rows.empty:
        return
    aspect = text(column_of(raw, "aspect"))[rows]
    theme = text(column_of(raw, "theme"))[rows]
    family = aspect.where(aspect.notna(), theme)
    ctx.notes.append(
        f"{len(rows)} of {len(kept)} codings use codes that no theme alias maps; they are kept "
        f"in segment_codes with aspect '{UNMAPPED}' and the code's own name as theme; map a "
        f"code under aliases.labels.theme in {_config(ctx)} as 'code: theme' or "
        "'parent::code: theme'"
    )
    groups = pd.DataFrame({"family": family, "code": theme}).groupby("family", sort=False)
    order = sorted(groups, key=lambda g: (-len(g[1]), str(g[0])))
    for fam, g in order:
        codes = list(dict.fromkeys(g["code"]))
        shown = ", ".join(mark(c, None) for c in codes[:3]) + (", ..." if len(codes) > 3 else "")
        hint = next((s for c in codes if (s := ctx.vocab.suggest("theme", c))), "")
        ctx.notes.append(
            f"unmapped code family {mark(fam, None)}: {len(codes)} code(s), {len(g)} coding(s) "
            f"({shown}){'; ' + hint if hint else ''} -> aliases.labels.theme in {_config(ctx)}"
        )
