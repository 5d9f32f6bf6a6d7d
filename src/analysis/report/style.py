"""The house style every figure shares: palette, fonts, the reconstruction note, saving.

Kept apart from the figure functions (`plots`) so a notebook can set the style once.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import seaborn as sns

from analysis.labels import t

PALETTE = {
    "main": "#1f5f8b",
    "accent": "#d1603d",
    "band": "#9bc59d",
    "muted": "#9a9a9a",
    "ok": "#2e7d32",
    "bad": "#c62828",
}


def house_style() -> None:
    sns.set_theme(context="notebook", style="whitegrid", font_scale=0.95)
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 150,
            "figure.figsize": (9, 4.2),
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "analysis",
            "svg.fonttype": "none",
        }
    )


def reconstruction_note(fig: plt.Figure, lang: str, reconstruction: bool) -> None:
    if reconstruction:
        fig.text(
            0.01,
            0.005,
            t("reconstruction_note", lang),
            fontsize=7.5,
            color=PALETTE["muted"],
            ha="left",
            va="bottom",
        )


def save(fig: plt.Figure, outdir: Path, name: str) -> list[Path]:
    """PNG and SVG, without timestamps so re-runs give the same files."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = [outdir / f"{name}.png", outdir / f"{name}.svg"]
    fig.savefig(paths[0], bbox_inches="tight", metadata={"Software": None})
    fig.savefig(paths[1], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return paths
