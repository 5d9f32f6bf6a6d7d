"""What every notebook needs in one call: config, tables, output folders, house style.

The notebooks stay thin: every sentence, caption and header they show comes from
``analysis.labels`` through the helpers here, so the two languages cannot drift apart, and
every figure is both saved (PNG + SVG) and displayed with its caption and alt text.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.labels import LABELS, num, pct, problem_text, t, use_region_labels
from analysis.paths import Paths, find_root
from analysis.region.config import Region, load_region
from analysis.report.headers import CODED, HEADERS
from analysis.report.tablehtml import column_label, render_table
from analysis.store.processed import load_tables


@dataclass
class Session:
    region: Region
    lang: str
    tables: dict[str, pd.DataFrame]
    paths: Paths
    out: Path  # the report folder figures/ and tables/ go under
    _figures: int = field(default=0, repr=False)
    _tables: int = field(default=0, repr=False)
    _said_missing: set[str] = field(default_factory=set, repr=False)

    @property
    def figures(self) -> Path:
        return self.out / "figures"

    @property
    def table_dir(self) -> Path:
        return self.out / "tables"

    @property
    def reconstruction(self) -> bool:
        return bool(self.region.get("reconstruction", False))

    # ------------------------------------------------------------------ words
    def words(self) -> dict[str, str]:
        """Region facts the narrative names: police force, city, platform(s), source."""
        platforms = self.region.get("platforms") or []
        source = self.region.get("source_document") or {}
        if isinstance(source, str):
            source = {"en": source, "id": source}
        fallback = {"en": "the study", "id": "penelitian"}[self.lang]
        return {
            "polda": str(self.region.get("polda", "")),
            "city": str(self.region.get("city", self.region.get("name", ""))),
            "platform": f" {t('and', self.lang)} ".join(platforms),
            "source": source.get(self.lang) or source.get("en") or fallback,
        }

    def text(self, key: str, **values: Any) -> str:
        """A label with placeholders filled; floats are written the language's way."""
        vals = {k: self.num(v) if isinstance(v, float) else v for k, v in values.items()}
        return t(key, self.lang).format(**{**self.words(), **vals})

    def num(self, value: float, digits: int = 2) -> str:
        return num(value, self.lang, digits)

    def pct(self, share: float, digits: int = 0) -> str:
        return pct(share, self.lang, digits)

    def say(self, key: str, **values: Any) -> None:
        """Show one narrative paragraph from the label dictionary."""
        from IPython.display import Markdown, display

        display(Markdown(self.text(key, **values)))

    def say_months_left_out(self) -> None:
        """Name the edge months a monthly figure leaves out, as the claims do (none: silent)."""
        from analysis.report.summaries import months_left_out

        left = [
            self.text("nb_month_days", month=m, inside=inside, days=days)
            for m, inside, days in months_left_out(self.region)
        ]
        if left:
            self.say("nb_months_left_out", months=f" {t('and', self.lang)} ".join(left))

    def say_interview_sources(self) -> None:
        """Say which format (and, for a QDA project, which tool) the coded segments came from."""
        from analysis.report.summaries import interview_sources

        for fmt, tool in interview_sources(self.paths.processed):
            if fmt.startswith("REFI-QDA"):
                self.say("nb04_source_qdpx", tool=tool or self.text("nb04_source_tool_unknown"))
            else:
                self.say("nb04_source_" + ("csv" if fmt == "csv" else "workbook"))

    def title(self, key: str) -> None:
        from IPython.display import Markdown, display

        display(Markdown(f"# {self.text(key)}"))
        if self.reconstruction:
            note = self.region.get("data_note_id") if self.lang == "id" else None
            note = note or self.region.get("data_note", "")
            display(Markdown(f"> **{t('reconstruction_title', self.lang)}.** {note}"))

    def has(self, *names: str, what: str | None = None) -> bool:
        """True when every named table has rows; otherwise say so and let the notebook go on."""
        if all(len(self.tables.get(n, ())) for n in names):
            return True
        missing = t(what or names[0], self.lang).lower()
        if missing not in self._said_missing:  # once per notebook, not once per section
            self._said_missing.add(missing)
            self.say("no_records", what=missing)
        return False

    # ---------------------------------------------------------------- figures
    def figure(
        self, fig: Any, name: str, caption: str | list[str], alt: str, **values: Any
    ) -> list[Path]:
        """Save PNG + SVG under figures/ and display the PNG with alt text and a caption
        (several caption keys are joined: a sentence that holds only for some regions)."""
        import matplotlib.pyplot as plt
        from IPython.display import Markdown, display

        from analysis.report.style import save

        keys = [caption] if isinstance(caption, str) else caption
        paths = save(fig, self.figures, name)
        plt.close(fig)
        self._figures += 1
        png = base64.b64encode(paths[0].read_bytes()).decode("ascii")
        alt_text = self.text(alt, **values)
        display(
            {"image/png": png, "text/plain": alt_text},
            raw=True,
            metadata={
                "image/png": {"alt": alt_text, "width": _display_width(paths[0])},
                "analysis": {"figure": name},  # the page's anchor figure-NAME
            },
        )
        display(
            Markdown(
                f"**{t('figure', self.lang)} {self._figures}.** "
                + " ".join(self.text(k, **values) for k in keys)
            )
        )
        return paths

    # ----------------------------------------------------------------- tables
    def frame(self, df: pd.DataFrame, keep: tuple[str, ...] = ()) -> pd.DataFrame:
        """Headers and coded values in the session's language; ``keep`` columns stay as they are."""
        out = df.copy()
        for col in out.columns:
            if col in CODED and col not in keep:
                out[col] = out[col].map(lambda v: v if pd.isna(v) else t(str(v), self.lang))
            elif col == "problem":
                out[col] = out[col].map(lambda v: v if pd.isna(v) else problem_text(v, self.lang))
            elif col == "column":
                out[col] = out[col].map(lambda v: v if pd.isna(v) else column_label(v, self.lang))
            elif col == "themes":
                out[col] = out[col].map(lambda v: ", ".join(t(x, self.lang) for x in v))
            elif out[col].dtype == bool or str(out[col].dtype) == "boolean":
                out[col] = out[col].map(
                    lambda v: v if pd.isna(v) else t("yes" if v else "no", self.lang)
                )
        out.columns = [t(HEADERS.get(str(c), str(c)), self.lang) for c in out.columns]
        if isinstance(out.index, pd.RangeIndex):
            return out
        out.index = [t(HEADERS.get(str(i), str(i)), self.lang) for i in out.index]
        return out

    def table(
        self,
        df: pd.DataFrame,
        name: str | None = None,
        keep: tuple[str, ...] = (),
        caption: str | None = None,
    ) -> None:
        """Translate, save (CSV + XLSX, when named) and display a numbered table that
        scrolls if wide; its caption is the label ``tbl_NAME`` (or ``caption``)."""
        from IPython.display import HTML, display

        from analysis.report.tables import save_table

        shown = self.frame(df, keep)
        if name:
            save_table(shown, self.table_dir, name)
        display(HTML(self.numbered(render_table(shown, self.lang), caption or f"tbl_{name}")))

    def numbered(self, table_html: str, key: str) -> str:
        """A table with its number, caption and the anchor table-NAME the claims link to."""
        import html

        self._tables += 1
        anchor = key.removeprefix("tbl_")
        title = self.text(key) if key in LABELS else ""
        head = f"<strong>{t('table', self.lang)} {self._tables}.</strong> {html.escape(title)}"
        return (
            f'<div class="report-tablebox" id="table-{html.escape(anchor)}">'
            f'<p class="caption">{head}</p>{table_html}</div>'
        )

    def heading(self, key: str, **values: Any) -> None:
        from IPython.display import Markdown, display

        display(Markdown(f"## {self.text(key, **values)}"))

    def bullets(self, items: list[str]) -> None:
        from IPython.display import Markdown, display

        display(Markdown("\n".join(f"- {x}" for x in items)))

    def claims(self, aspect: str | None, save: str | None = None) -> list[dict[str, Any]]:
        """Show the claims of one aspect (all when None) in plain words; return the findings."""
        from IPython.display import HTML, Markdown, display

        from analysis.claims.findings import evaluate
        from analysis.claims.text import claims_frame

        found = [f for f in evaluate(self.tables, self.region) if aspect in (None, f["aspect"])]
        if aspect is not None:
            display(Markdown(f"## {t('claims_here', self.lang)}"))
        if not found:
            self.say("no_claims")
            return found
        frame = claims_frame(found, self.lang)
        if save:
            from analysis.report.tables import save_table

            save_table(frame, self.table_dir, save)
        display(HTML(self.numbered(render_table(frame, self.lang), f"tbl_{save or 'claims'}")))
        return found


def _display_width(png: Path) -> int:
    """Show figures at screen size: the PNG is saved at 150 dpi, the page is read at ~100."""
    import struct

    width = struct.unpack(">I", png.read_bytes()[16:20])[0]
    return int(width * 2 / 3)


def setup(region: str, lang: str = "en", report_dir: str = "", root: str = "") -> Session:
    from analysis.report.style import house_style

    base = Path(root) if root else find_root()
    paths = Paths.for_region(region, base)
    env = os.environ.get("ANALYSIS_REPORT_DIR")  # reproduce's staging; by hand: build/lab/
    out = Path(report_dir) if report_dir else Path(env) if env else paths.lab
    if lang != "en" and not report_dir and not env:
        out = out / lang
    house_style()
    pd.set_option("display.max_colwidth", 120)
    config = load_region(region, base)
    use_region_labels(config.codes.labels)
    return Session(config, lang, load_tables(paths.processed), paths, out)
