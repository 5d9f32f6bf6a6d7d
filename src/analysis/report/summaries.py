"""Tables the notebooks show, built from processed tables (kept here so they are tested).

Each function takes processed tables (or the region config) and returns a plain frame with
code values; translating headers and values is left to ``analysis.report.nbsupport``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.report import suppression
from analysis.vocab import AGE_BANDS

STATUTE = re.compile(r"^(UU [A-Za-z ]+?|KUHP)(?: Pasal|$)")


def split_list(values: pd.Series) -> pd.Series:
    """Cells holding '; '-separated lists (partners, statutes) as one item per row."""
    return values.dropna().astype(str).str.split("; ").explode().str.strip()


def counts(values: pd.Series, name: str, value_name: str) -> pd.DataFrame:
    """Value counts as a two-column frame, most frequent first, ties by name."""
    vc = values.dropna().value_counts()
    out = vc.rename_axis(name).reset_index(name=value_name)
    return out.sort_values([value_name, name], ascending=[False, True], ignore_index=True)


def activities(outreach: pd.DataFrame, activity_type: str) -> pd.DataFrame:
    return outreach[outreach["activity_type"] == activity_type]


def withheld(table: pd.DataFrame, *columns: str) -> list[str]:
    """Which of these columns the shared tables withhold in every row (k-anonymity,
    `analysis.disclosure`): a notebook then says so instead of drawing an empty chart."""
    return [c for c in columns if c in table and len(table) and table[c].isna().all()]


def statute_citations(cases: pd.DataFrame) -> pd.DataFrame:
    """Citations per law: 'UU ITE Pasal 27 ayat (1)' counts once for 'UU ITE'."""
    law = split_list(cases["statutes"]).str.extract(STATUTE)[0]
    return counts(law, "law", "citations")


def flagged_per_month(
    tables: dict[str, pd.DataFrame], region: Any, activity_type: str = "cyber_patrol"
) -> pd.Series:
    """Accounts flagged by patrols per counted calendar month (the claims' months), zeros
    included."""
    per = _per_period(tables["outreach"], region, activity_type, "month", "accounts_flagged")
    return pd.Series(per.to_numpy(), index=pd.PeriodIndex(per.index, freq="M"))


def victim_table(cases: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Victims (not cases) by age group and sex, with its suppression mask.

    A case records its number of victims, their age bands and one sex; its victims are
    counted in the age group all its bands fall in (minor, adult), or 'mixed' when they
    span both, 'unknown' when no age was recorded. A case without a victim count adds
    none. Returns (counts with margins, mask); see ``suppression.suppress``.
    """
    is_minor = {label: hi < 18 for _, hi, label in AGE_BANDS}
    bands = cases["victim_age_band"].fillna("").astype(str).str.split("; ")
    minor = bands.map(lambda b: {is_minor[x] for x in b if x in is_minor})
    group = minor.map(
        lambda s: (
            "unknown" if not s else "mixed" if len(s) > 1 else "minor" if True in s else "adult"
        )
    )
    sex = cases["victim_sex"].fillna("unknown").astype(str)
    n = pd.to_numeric(cases["victims"], errors="coerce").fillna(0).astype(int)
    tab = pd.crosstab(group.to_numpy(), sex.to_numpy(), values=n.to_numpy(), aggfunc="sum")
    tab = tab.fillna(0).astype(int)
    tab.index.name, tab.columns.name = "victim", None
    mask = suppression.suppress(tab, threshold, published_total=True)
    return suppression.with_margins(tab), mask


def activity_overview(outreach: pd.DataFrame) -> pd.DataFrame:
    """Records by activity, platform and district, with the partners named and the
    accounts counted: what the activity claims count, in one table."""
    o = outreach.assign(
        platform=outreach["platform"].astype(object).fillna("–"),
        district=outreach["district"].astype(object).fillna("–"),
    )
    keys = ["activity_type", "platform", "district"]
    g = o.groupby(keys, sort=True, observed=True)
    out = g.size().rename("records").reset_index()
    out["partners"] = g["partners"].agg(lambda v: "; ".join(sorted(set(split_list(v))))).values
    out["accounts"] = g["accounts_flagged"].sum(min_count=1).astype("Int64").values
    # partners last: a district read together with a partner's name looks like a person's
    return out[[*keys, "records", "accounts", "partners"]]


def first_coder(codes: pd.DataFrame) -> pd.DataFrame:
    """The codes of the first coder (by name), the set the descriptive tables use."""
    if codes.empty:
        return codes
    return codes[codes["coder"] == sorted(codes["coder"].unique())[0]]


def coded_segments(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """First coder's codes joined to their segment and informant (role, organisation)."""
    k1 = first_coder(tables["segment_codes"])
    seg = tables["interview_segments"][["segment_id", "informant_id"]]
    inf = tables["informants"][["informant_id", "role", "organisation_type"]]
    return k1.merge(seg, on="segment_id").merge(inf, on="informant_id")


def theme_frequencies(codes: pd.DataFrame) -> pd.DataFrame:
    k1 = first_coder(codes)
    return k1.groupby(["aspect", "theme"]).size().reset_index(name="segments")


def cooccurrence(seg: pd.DataFrame) -> pd.DataFrame:
    """Informants who raised both themes (diagonal: informants who raised the theme)."""
    pres = pd.crosstab(seg["informant_id"], seg["theme"]).clip(upper=1)
    return pres.T.dot(pres)


def theme_by_role(seg: pd.DataFrame) -> pd.DataFrame:
    return pd.crosstab(seg["theme"], seg["role"])


def recommendation_grounding(
    seg: pd.DataFrame, recommendations: list[dict[str, Any]], lang: str = "en"
) -> pd.DataFrame:
    """For each recommendation in the region config: its themes, segments and informants.

    ``recommendations`` items carry ``text`` (English), optional ``text_id`` (Indonesian)
    and ``themes`` (theme codes).
    """
    rows = []
    for rec in recommendations:
        themes = list(rec.get("themes") or [])
        hit = seg[seg["theme"].isin(themes)]
        text = rec.get("text_id", rec["text"]) if lang == "id" else rec["text"]
        rows.append(
            {
                "recommendation": text,
                "themes": themes,
                "segments": len(hit),
                "informants": int(hit["informant_id"].nunique()),
            }
        )
    return pd.DataFrame(rows, columns=["recommendation", "themes", "segments", "informants"])


def band_claim(region: Any, activity_type: str) -> tuple[str, int, int] | None:
    """The claim stating a per-month band for an activity type: (claim id, low, high)."""
    from analysis.values.normalise import parse_range

    for claim in region.claims:
        exp = claim.get("expected") or {}
        where = claim.get("where") or {}
        if "each_between" in exp and where.get("activity_type") == activity_type:
            got = parse_range(str(exp["each_between"]))
            if got:
                return str(claim.get("id", "")), int(got[0]), int(got[1])
    return None


ACCOUNTING = [
    "kind",
    "file",
    "sheet",
    "table",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "rows_duplicate",
    "blank_rows_skipped",
]


def row_accounting(processed: Path) -> pd.DataFrame:
    """Rows read, kept, rejected and duplicated per source, from the cleaning manifest.

    Raises if a source's rows do not add up, so a report never shows an accounting gap.
    """
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    src = pd.DataFrame(manifest.get("sources") or [], columns=ACCOUNTING)[ACCOUNTING]
    parts = src["rows_kept"] + src["rows_rejected"] + src["rows_duplicate"]
    if not (src["rows_read"] == parts).all():
        raise ValueError(f"{processed}: rows read differ from kept + rejected + duplicate")
    return src


_SPECIFIC = [
    (re.compile(r"\[withheld[^\]]*\]"), "…"),  # values the cleaning withheld
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "…"),  # dates
    (re.compile(r"'[^']*'"), "…"),  # quoted values
    (re.compile(r"\b\d+\b"), "…"),  # row numbers, counts
]


def problem_kind(message: str) -> str:
    """A reject message with its row-specific parts (values, dates, numbers) taken out, so
    that rejects can be counted by kind of problem."""
    for rx, repl in _SPECIFIC:
        message = rx.sub(repl, message)
    return message


def rejects(processed: Path) -> pd.DataFrame:
    """Rows not used, counted by file, column and kind of problem.

    Reports show counts only: the row-by-row list, with raw values, stays in
    data/private/<region>/rejects.csv for the researcher (and on their terminal)."""
    path = processed / "rejects.csv"
    cols = ["source_file", "column", "problem", "outcome", "rows"]
    if not path.exists():
        return pd.DataFrame(columns=cols)
    df = pd.read_csv(path, keep_default_na=False, dtype=str).rename(columns={"kind": "outcome"})
    if df.empty:
        return pd.DataFrame(columns=cols)
    df["problem"] = df["problem"].map(problem_kind)
    keys = ["source_file", "column", "problem", "outcome"]
    return df.groupby(keys, sort=True).size().reset_index(name="rows")[cols]


def interview_sources(processed: Path) -> list[tuple[str, str]]:
    """(format, exporting tool) of each interview source file, from the cleaning manifest:
    a workbook or CSV has no tool; a REFI-QDA project names the tool that exported it."""
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for s in manifest.get("sources") or []:
        if s.get("kind") != "interviews":
            continue
        fmt = s.get("format") or ("workbook" if s.get("sheet") else "csv")
        out.setdefault(s["file"], (fmt, s.get("exported_by") or ""))
    return sorted(set(out.values()))


def table_sizes(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.DataFrame({"table": list(tables), "rows": [len(v) for v in tables.values()]})


def timestamp(d: Any) -> pd.Timestamp:
    return pd.Timestamp(d)


def _per_period(
    outreach: pd.DataFrame, region: Any, activity_type: str, period: str, total: str | None = None
):
    """Activities (or their `total`) per counted period, by the claims' own rule (analysis.
    claims.evaluate: edge periods with fewer than half of their days in the study period are
    left out), so figures and claims count the same months and weeks."""
    from analysis.claims.evaluate import per_period

    return per_period(activities(outreach, activity_type), "outreach", region, period, total)


def months_left_out(region: Any) -> list[tuple[str, int, int]]:
    """Edge months of the study period that the monthly figures and claims do not count:
    (month, its days inside the study period, its days), so a notebook can name them."""
    from analysis.claims.evaluate import periods

    per = periods(region, "month")
    per = per[~per["counts"]]
    days = (per["end"] - per["start"]).dt.days + 1
    return list(zip(per["period"], per["days_in_study"].astype(int), days.astype(int), strict=True))


def monthly_counts(tables: dict[str, pd.DataFrame], region: Any, activity_type: str) -> pd.Series:
    """Activities per counted calendar month of the study period, zeros included."""
    per = _per_period(tables["outreach"], region, activity_type, "month")
    return pd.Series(per.to_numpy(), index=pd.PeriodIndex(per.index, freq="M"))


def weekly_coverage(tables: dict[str, pd.DataFrame], region: Any, activity_type: str) -> pd.Series:
    """For every counted Monday-Sunday week of the study period: was there such an activity?"""
    per = _per_period(tables["outreach"], region, activity_type, "week")
    return pd.Series((per > 0).to_numpy(), index=pd.DatetimeIndex(per.index), dtype=bool)


def translate_axes(df: pd.DataFrame, text: Any) -> pd.DataFrame:
    """Row and column labels through ``text`` (a label lookup), values untouched."""
    out = df.copy()
    out.index = [text(str(i)) for i in out.index]
    out.columns = [text(str(c)) for c in out.columns]
    out.index.name = text("h_" + str(df.index.name)) if df.index.name else None
    return out
