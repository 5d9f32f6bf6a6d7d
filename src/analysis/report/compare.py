"""Bundled regions side by side (notebook 06_regions): counts, per month, police reports per
100,000 residents per year.

Each region is read from its processed tables; a region not cleaned yet is cleaned in memory
(nothing is written), so the comparison is the same whichever region's report runs first.
Rates per 100,000 residents (per year, with an exact Poisson interval) are given for police
reports only, and only where the region config names a population with its source; otherwise
they stay empty rather than guessed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from statsmodels.stats.rates import confint_poisson

from analysis.kinds.tables import TABLES
from analysis.labels import num, t
from analysis.paths import Paths, find_root
from analysis.region.config import Region, load_region


def region_tables(slug: str, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Processed tables of one region, or a fresh in-memory cleaning when there are none."""
    paths = Paths.for_region(slug, root or find_root())
    if all((paths.processed / f"{t}.parquet").exists() for t in TABLES):
        from analysis.store.processed import load_tables

        return load_tables(paths.processed)
    from analysis.clean.flow import clean_region

    return clean_region(slug, root=paths.root, write_outputs=False).tables


def available(root: Path | None = None) -> list[str]:
    """Bundled regions that have data here (processed tables or a raw folder), the thesis's
    own first; a config without data, e.g. in a copy holding one region's records only, is
    left out."""
    from analysis.report.site import ordered_regions

    out = []
    for slug in ordered_regions(root or find_root()):
        paths = Paths.for_region(slug, root or find_root())
        if paths.raw.is_dir() or (paths.processed / "outreach.parquet").exists():
            out.append(slug)
    return out


def study_months(region: Region) -> float:
    """Length of the study period in months (days / average month length)."""
    return ((region.end - region.start).days + 1) / (365.25 / 12)


def _text(v: object, lang: str) -> str:
    """A config text that may be given per language ({en: ..., id: ...})."""
    if isinstance(v, dict):
        return str(v.get(lang) or v.get("en") or "")
    return "" if v is None else str(v)


def _population_source(pop: dict, lang: str) -> str:
    if not pop:
        return t("none_sourced", lang)
    checked = f" ({t('pop_unchecked', lang)})" if pop.get("note") else ""  # the note: Methods
    return f"{pop.get('source')}, {pop.get('year')}{checked}"


def profile(root: Path | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per bundled region: what it is, where its data come from, its denominators."""
    from analysis.values.dates import long_date

    rows = []
    for slug in available(root):
        r = load_region(slug, root)
        pop = r.get("population") or {}
        rows.append(
            {
                "name": r.get("name"),
                "police": r.get("polda"),
                "platforms": ", ".join(r.get("platforms") or []),
                "source": _text(r.get("source_document"), lang),
                "reconstruction": bool(r.get("reconstruction", False)),
                "period": f"{long_date(r.start, lang)} – {long_date(r.end, lang)}",
                "months": num(study_months(r), lang, 0),
                "population": "–" if pop.get("total") is None else num(pop["total"], lang, 0),
                "population_source": _population_source(pop, lang),
            }
        )
    return pd.DataFrame(rows)


# Rates per resident only for what happens to residents: a police report. Activities and
# accounts count police work, and interview segments count talk; neither is a rate.
PER_RESIDENT = ("m_police_reports",)


def metrics(root: Path | None = None, lang: str = "en") -> pd.DataFrame:
    """Long table: region (its name), metric, count, per month, and for police reports a
    yearly rate per 100,000 residents with an exact Poisson 95% interval (or empty).

    Metrics are outreach activities by type, accounts flagged on patrols, accounts put
    forward for blocking, police reports and interview segments. A region that has no
    records of a kind gets no row for it (not a zero: absence of records is not evidence
    of no activity)."""
    rows = []
    for slug in available(root):
        r = load_region(slug, root)
        tb = region_tables(slug, root)
        months = study_months(r)
        pop = (r.get("population") or {}).get("total")

        def add(metric: str, n: int, r: Region = r, months: float = months, pop=pop) -> None:
            rate = pop and months and metric in PER_RESIDENT
            years = months / 12
            lo, hi = confint_poisson(n, pop * years / 100_000, method="exact-c") if rate else (0, 0)
            rows.append(
                {
                    "region": r.get("name"),
                    "metric": t(metric, lang),
                    "count": n,
                    "per_month": round(n / months, 3) if months else None,
                    "per_100k_year": round(n / pop * 100_000 / years, 3) if rate else None,
                    "per_100k_ci": f"{num(lo, lang)}–{num(hi, lang)}" if rate else None,
                }
            )

        o = tb["outreach"]
        for kind, n in o["activity_type"].value_counts().sort_index().items():
            add(str(kind), int(n))
        # patrol flags and blocking requests count the same accounts twice: keep them apart
        patrol = o[o["activity_type"] == "cyber_patrol"]["accounts_flagged"]
        if patrol.notna().any():
            add("m_accounts_patrol", int(patrol.sum()))
        asked = o[o["activity_type"] == "account_blocking_request"]["accounts_flagged"]
        if asked.notna().any():
            add("m_accounts_blocking", int(asked.sum()))
        if len(tb["cases"]):
            add("m_police_reports", len(tb["cases"]))
        if len(tb["interview_segments"]):
            add("m_interview_segments", len(tb["interview_segments"]))
    cols = ["region", "metric", "count", "per_month", "per_100k_year", "per_100k_ci"]
    return pd.DataFrame(rows, columns=cols)


def shared(long: pd.DataFrame, value: str = "per_month") -> pd.DataFrame:
    """Wide table of the metrics every region has, one column per region."""
    n = long["region"].nunique()
    common = long.groupby("metric")["region"].nunique()
    keep = common[common == n].index
    wide = long[long["metric"].isin(keep)].pivot(index="metric", columns="region", values=value)
    return wide.reset_index()
