"""Charts in one house style; every label comes from analysis.labels in the chosen language."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from analysis.labels import t  # noqa: E402
from analysis.report.style import PALETTE, reconstruction_note


def monthly_band(
    per_month: pd.Series,
    band: tuple[int, int] | None,
    title_key: str,
    ylabel_key: str,
    lang: str,
    trend: pd.Series | None = None,
    reconstruction: bool = True,
) -> plt.Figure:
    """Counts per month as bars against the band the study reports (none drawn when no
    claim of the region states a band)."""
    fig, ax = plt.subplots()
    x = (
        per_month.index.to_timestamp()
        if isinstance(per_month.index, pd.PeriodIndex)
        else per_month.index
    )
    if band is not None:
        ax.axhspan(
            band[0],
            band[1],
            color=PALETTE["band"],
            alpha=0.35,
            label=f"{t('band', lang)} ({band[0]}–{band[1]})",
        )
        inside = (per_month >= band[0]) & (per_month <= band[1])
    else:
        inside = pd.Series(True, index=per_month.index)
    colors = [PALETTE["main"] if ok else PALETTE["accent"] for ok in inside]
    ax.bar(x, per_month.values, width=22, color=colors, label=t("observed", lang))
    if trend is not None:
        ax.plot(x, trend.values, color="black", lw=1.2, ls="--", label=t("trend", lang))
    ax.set_title(t(title_key, lang))
    ax.set_xlabel(t("month", lang))
    ax.set_ylabel(t(ylabel_key, lang))
    top = band[1] if band is not None else 0
    ax.set_ylim(0, max(top, int(per_month.max()) if len(per_month) else 0) + 1.5)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.legend(loc="upper left", ncols=3, frameon=False, fontsize=8.5)
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def patrol_coverage(
    covered: pd.Series, flagged_per_month: pd.Series, lang: str, reconstruction: bool = True
) -> plt.Figure:
    fig, (ax1, ax2) = plt.subplots(
        2, 1, figsize=(9, 5), sharex=True, gridspec_kw={"height_ratios": [1, 2.2]}
    )
    colors = np.where(covered.values, PALETTE["ok"], PALETTE["bad"])
    ax1.bar(covered.index, np.ones(len(covered)), width=6, color=colors)
    ax1.set_yticks([])
    share = covered.mean() if len(covered) else 0
    ax1.set_title(
        f"{t('title_patrol', lang)}: {share:.0%} ({int(covered.sum())}/{len(covered)})",
        fontsize=11,
    )
    handles = [
        matplotlib.patches.Patch(color=PALETTE["ok"], label=t("patrolled", lang)),
        matplotlib.patches.Patch(color=PALETTE["bad"], label=t("not_patrolled", lang)),
    ]
    ax1.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, -0.05),
        ncols=2,
        frameon=False,
        fontsize=8,
    )
    x = flagged_per_month.index.to_timestamp()
    ax2.bar(x, flagged_per_month.values, width=22, color=PALETTE["main"])
    ax2.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    if not flagged_per_month.fillna(0).any():  # none flagged: a count axis from 0, not ±0.04
        ax2.set_ylim(0, 1)
    ax2.set_ylabel(t("accounts_flagged", lang))
    ax2.set_xlabel(t("month", lang))
    ax2.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    ax2.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def swimlane(
    stages: pd.DataFrame, order: list[str], lang: str, reconstruction: bool = True
) -> plt.Figure:
    """One lane per case; x is days since the report so the stage sequences line up."""
    cases = sorted(stages["case_id"].unique())
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(cases) + 2.2))
    cmap = sns.color_palette("tab10", len(order))
    for i, cid in enumerate(cases):
        s = stages[stages["case_id"] == cid].sort_values("stage_order")
        start = s["date"].min()
        shared = "days_since_report" in s and s["days_since_report"].notna().all()
        days = s["days_since_report"].astype(int) if shared else (s["date"] - start).dt.days
        ax.plot(days, [i] * len(s), color=PALETTE["muted"], lw=1, zorder=1)
        seen: dict[int, int] = {}  # stages on the same day are stacked so none hides another
        for d, st in zip(days, s["stage"], strict=True):
            k = seen.get(int(d), 0)
            seen[int(d)] = k + 1
            ax.scatter(
                d,
                i - 0.13 * k,
                color=cmap[order.index(st)],
                s=50,
                zorder=2,
                edgecolor="white",
                linewidth=0.5,
            )
        if pd.notna(start):  # the month of the report only where dates are kept
            ax.text(
                days.max() + 3, i, f"{start:%Y-%m}", va="center", fontsize=8, color=PALETTE["muted"]
            )
    ax.set_yticks(range(len(cases)), cases)
    ax.set_ylim(len(cases) - 0.5, -0.9)
    ax.set_title(t("title_swimlane", lang))
    ax.set_xlabel(t("days", lang))
    ax.set_xlim(-3, ax.get_xlim()[1] + 15)
    handles = [
        matplotlib.lines.Line2D([], [], marker="o", ls="", color=cmap[k], label=t(s, lang))
        for k, s in enumerate(order)
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8
    )
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def interval_points(
    df: pd.DataFrame,
    label_col: str,
    value: str,
    title_key: str,
    xlabel_key: str,
    lang: str,
    reconstruction: bool = True,
    percent: bool = False,
) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(df) + 2))
    y = np.arange(len(df))
    lo = df[value] - df["ci_low"]
    hi = df["ci_high"] - df[value]
    ax.errorbar(
        df[value],
        y,
        xerr=[lo, hi],
        fmt="o",
        color=PALETTE["main"],
        ecolor=PALETTE["muted"],
        capsize=4,
    )
    ax.set_yticks(y, [t(str(v), lang) for v in df[label_col]])
    ax.invert_yaxis()
    ax.set_title(t(title_key, lang))
    ax.set_xlabel(t(xlabel_key, lang))
    if percent:
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_xlim(0, 1)
    else:
        ax.set_xlim(left=0)
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def yearly_rates(rates: pd.DataFrame, lang: str, reconstruction: bool = True) -> plt.Figure:
    """Reports per 12 months by year with exact intervals; a partial year is drawn hollow."""
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(rates) + 2))
    y = np.arange(len(rates))
    for i, r in enumerate(rates.itertuples(index=False)):
        ax.errorbar(
            r.rate_per_year,
            i,
            xerr=[[r.rate_per_year - r.ci_low], [r.ci_high - r.rate_per_year]],
            fmt="o",
            color=PALETTE["main"],
            ecolor=PALETTE["muted"],
            capsize=4,
            markerfacecolor="white" if r.partial else PALETTE["main"],
        )
    labels = [
        t("partial_year", lang).format(year=r.year, months=r.months_observed)
        if r.partial
        else str(r.year)
        for r in rates.itertuples(index=False)
    ]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_title(t("title_reports", lang))
    ax.set_xlabel(t("rate", lang))
    ax.set_xlim(left=0)
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def survival(curve: pd.DataFrame, lang: str, reconstruction: bool = True) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(7, 4))
    xs = np.r_[0, curve["days"].to_numpy()]
    ys = np.r_[1, curve["still_open"].to_numpy()]
    ax.step(xs, ys, where="post", color=PALETTE["main"], lw=2)
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(t("title_survival", lang))
    ax.set_xlabel(t("days", lang))
    ax.set_ylabel(t("still_open", lang))
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def heatmap(
    matrix: pd.DataFrame,
    title_key: str,
    lang: str,
    xlabel_key: str | None = None,
    ylabel_key: str | None = None,
    reconstruction: bool = True,
) -> plt.Figure:
    m = matrix.copy()
    m.index = [t(str(i), lang) for i in m.index]
    m.columns = [t(str(c), lang) for c in m.columns]
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * len(m.columns) + 3, 0.45 * len(m) + 2.5))
    sns.heatmap(m, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax, linewidths=0.5)
    ax.set_title(t(title_key, lang))
    ax.set_xlabel(t(xlabel_key, lang) if xlabel_key else "")
    ax.set_ylabel(t(ylabel_key, lang) if ylabel_key else "")
    plt.setp(ax.get_xticklabels(), rotation=40, ha="right")
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def bars(
    series: pd.Series, title_key: str, xlabel_key: str, lang: str, reconstruction: bool = True
) -> plt.Figure:
    s = series.sort_values()
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(s) + 1.8))
    ax.barh([t(str(i), lang) for i in s.index], s.values, color=PALETTE["main"])
    for i, v in enumerate(s.values):
        ax.text(v, i, f" {v}", va="center", fontsize=9)
    ax.set_title(t(title_key, lang))
    ax.set_xlabel(t(xlabel_key, lang))
    reconstruction_note(fig, lang, reconstruction)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def claims_summary(findings: list[dict], lang: str, reconstruction: bool = True) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(findings) + 1.8))
    for i, f in enumerate(findings):
        ok, gone = f["reproduced"], bool(f.get("withheld"))
        color = PALETTE["ok"] if ok else PALETTE["muted"] if gone else PALETTE["bad"]
        ax.scatter(0, i, s=160, color=color, marker="o" if ok else "s" if gone else "X")
        stmt = f["statement_id"] if lang == "id" else f["statement"]
        ax.text(0.06, i, f"{f['id']} ({t(f['aspect'], lang)}): {stmt}", va="center", fontsize=9)
    ax.set_xlim(-0.05, 2.2)
    ax.set_ylim(len(findings) - 0.5, -0.7)
    ax.axis("off")
    n = sum(f["reproduced"] for f in findings)
    ax.set_title(f"{t('title_summary', lang)}: {n}/{len(findings)}", loc="left")
    reconstruction_note(fig, lang, reconstruction)
    return fig
