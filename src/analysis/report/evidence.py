"""Which figures and tables each rendered page holds, and a claim's links to its evidence.

The notebook pages carry anchors ``figure-NAME`` and ``table-NAME`` (analysis.render,
analysis.nbsupport) next to their numbered captions; this module reads them back from the
rendered pages, so a claim's evidence (``NOTEBOOK#figure-NAME`` in the region config) links
to a figure or table that is really there, under the number the page gives it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.report.site import Here, file_of, link, notebook_stems, notebook_title, path_of

_ID = re.compile(r'id="(?P<kind>figure|table)-(?P<name>[\w-]+)"')
_CAPTION = re.compile(r"<strong>(?P<label>[^<]*?\d+)\.</strong>\s*(?P<caption>[^<]*)")


@dataclass(frozen=True)
class Anchor:
    stem: str
    kind: str  # figure | table
    name: str
    label: str  # "Figure 2", "Tabel 3"
    caption: str


def anchors(root: Path, slug: str, lang: str) -> list[Anchor]:
    """Every numbered figure and table of a region's pages, in page order."""
    out = []
    for stem in notebook_stems(root):
        page = root / "reports" / path_of(Here(lang, stem, slug))
        if page.exists():
            out += _page_anchors(page.read_text(encoding="utf-8"), stem)
    return out


def _page_anchors(text: str, stem: str) -> list[Anchor]:
    out = []
    for m in _ID.finditer(text):
        at = text.find("<strong>", m.end())  # the caption after the figure or above the table
        cap = _CAPTION.match(text, at) if at >= 0 else None
        if cap is None:
            continue
        caption = html.unescape(cap["caption"]).strip()
        out.append(Anchor(stem, m["kind"], m["name"], html.unescape(cap["label"]), caption))
    return out


def evidence_links(here: Here, root: Path, slug: str, refs: list[str], found: list[Anchor]) -> str:
    """A claim's evidence as links: 'Figure 2 (03 Repressive efforts)'; a reference whose
    figure or table is not on its page is said plainly instead of linked."""
    index = {(a.stem, f"{a.kind}-{a.name}"): a for a in found}
    parts = []
    for ref in refs:
        stem, _, frag = ref.partition("#")
        a = index.get((stem, frag))
        target = f"{path_of(Here(here.lang, stem, slug))}#{frag}"
        if a is None:
            parts.append(html.escape(f"{ref} (?)"))
            continue
        text = f"{a.label} ({notebook_title(stem, here.lang)})"
        parts.append(
            f'<a class="evidence" href="{html.escape(link(here, target))}">{html.escape(text)}</a>'
        )
    return "<br>".join(parts)


def figure_files(here: Here, root: Path, slug: str, a: Anchor) -> str:
    """Download links of one figure (PNG, SVG) or table (CSV, XLSX) that exist."""
    base = file_of(slug, here.lang, "pdf").rsplit("/", 1)[0]
    sub, exts = ("figures", ("png", "svg")) if a.kind == "figure" else ("tables", ("csv", "xlsx"))
    files = [f"{base}/{sub}/{a.name}.{ext}" for ext in exts]
    return " · ".join(
        f'<a href="{html.escape(link(here, f))}">{f.rsplit(".", 1)[1].upper()}</a>'
        for f in files
        if (root / "reports" / f).exists()
    )
