"""Executed notebook -> two static HTML pages: a reading copy and a copy with the code.

The reading copy is what a thesis examiner opens: no code, no parameter cells, no prompts,
every figure as an image with its alt text and caption, tables that scroll when wide. The
copy with code sits beside it (``NAME.code.html``). Both pages work offline: every script
tag (nbconvert's CDN links for require.js, MathJax and mermaid) is removed, since a reading
copy needs none of them.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

from analysis.labels import t
from analysis.paths import find_root
from analysis.report.site import Here, wrap

# Markdown cells tagged "narrative" are the notebook read as a document in JupyterLab (English
# headings and notes for the researcher); the reviewer's pages leave them out in favour of the
# bilingual text the code prints (`Session.say`), so the Indonesian page shows no English prose.
NOTE_TAGS = ("internal", "narrative")
HIDDEN_TAGS = ("parameters", "injected-parameters", *NOTE_TAGS)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S | re.I)
TEMPLATE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S | re.I)
# nbconvert's lab stylesheet is the same on every page; one copy beside the pages is enough
SHARED_CSS = "notebook.css"
STYLE = """<style>
.copy-link{font:14px/1.5 system-ui,sans-serif;margin:.6em 0 0}
.report-figure{margin:0}
.caption{font-size:14px;margin:1.2em 0 .3em}
.table-scroll{overflow-x:auto;max-width:100%}
.jp-RenderedHTMLCommon .report-table td,.jp-RenderedHTMLCommon .report-table th{text-align:left;
  vertical-align:top}
.jp-RenderedHTMLCommon .report-table td{max-width:32em}
.jp-RenderedImage img,.jp-OutputArea-output img{max-width:100%;height:auto}
body.jp-Notebook{padding:0}
</style>
"""


@cache  # one exporter per flavour and process: building one loads the template again
def _exporter(with_code: bool):
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = (
        set(HIDDEN_TAGS) if not with_code else {"injected-parameters", *NOTE_TAGS}
    )
    c.HTMLExporter.preprocessors = ["nbconvert.preprocessors.TagRemovePreprocessor"]
    if not with_code:
        c.TemplateExporter.exclude_input = True
        c.TemplateExporter.exclude_input_prompt = True
        c.TemplateExporter.exclude_output_prompt = True
    return HTMLExporter(config=c, template_name="lab")


def warm_up() -> None:
    """Import nbconvert, build both exporters and compile their templates on a one-cell
    notebook, ahead of the first real page (the pool's warm-up, while the data is cleaned)."""
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("1")])
    for with_code in (False, True):
        _exporter(with_code).from_notebook_node(nb)


def _figures_as_html(nb: Any) -> Any:
    """Each figure as an <img> with the alt text the notebook gave it (nbconvert's template
    ignores it and writes a default), inside a <figure> the claims can link to."""
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data, meta = out.get("data", {}), out.get("metadata", {})
            if "image/png" not in data:
                continue
            img = meta.get("image/png", {}) if isinstance(meta.get("image/png"), dict) else {}
            alt = img.get("alt") or data.get("text/plain") or ""
            name = (meta.get("analysis") or {}).get("figure", "")
            width = f' width="{int(img["width"])}"' if img.get("width") else ""
            anchor = f' id="figure-{html.escape(name)}"' if name else ""
            src = "data:image/png;base64," + str(data["image/png"]).replace("\n", "")
            out["data"] = {
                "text/html": f'<figure class="report-figure"{anchor}><img src="{src}" '
                f'alt="{html.escape(str(alt))}"{width}></figure>'
            }
    return nb


def _here(nb: Any, stem: str, lang: str) -> Here | None:
    """Where the page sits in the site, from the parameters papermill ran it with."""
    params = (nb.metadata.get("papermill") or {}).get("parameters") or {}
    slug = params.get("region")
    return Here(lang, stem, str(slug)) if slug else None


def to_html(ipynb: Path, lang: str, with_code: bool, root: Path | None = None) -> tuple[str, str]:
    """One rendering of an executed notebook as an offline page inside the site, and the
    template's CSS (linked from the page as notebook.css rather than repeated in every page)."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    body, _ = _exporter(with_code).from_notebook_node(_figures_as_html(nb))
    body = SCRIPT.sub("", body)
    head, sep, rest = body.partition("</head>")  # only the template's styles, in the head
    css = "\n".join(m.strip() for m in TEMPLATE_STYLE.findall(head)) + "\n"
    body = TEMPLATE_STYLE.sub("", head) + sep + rest
    link = f'<link rel="stylesheet" href="{SHARED_CSS}">\n'
    body = re.sub(r"<html([^>]*)>", f'<html lang="{lang}">', body, count=1)
    body = body.replace("</head>", link + STYLE + "</head>", 1)
    here = _here(nb, ipynb.stem, lang)
    if here is None:  # a notebook run outside reproduce: a plain page
        return body, css
    page = wrap(body, here, root or find_root(ipynb.parent))
    other = "with_code" if not with_code else "reading"
    page = page.replace(
        '<main class="site-main">',
        '<main class="site-main">' + _copy_link(ipynb.stem, lang, other),
        1,
    )
    return page, css


def _copy_link(stem: str, lang: str, other: str) -> str:
    href = f"{stem}.code.html" if other == "with_code" else f"{stem}.html"
    text = t("idx_code", lang) if other == "with_code" else t("idx_reading", lang)
    return f'<p class="copy-link"><a href="{href}">{html.escape(text)}</a></p>'


def render_notebook(ipynb: Path, html_dir: Path, lang: str) -> list[Path]:
    """Write NAME.html (reading copy) and NAME.code.html (with code) into html_dir."""
    html_dir.mkdir(parents=True, exist_ok=True)
    out = []
    for with_code, suffix in ((False, ".html"), (True, ".code.html")):
        path = html_dir / f"{ipynb.stem}{suffix}"
        page, css = to_html(ipynb, lang, with_code)
        path.write_text(page, encoding="utf-8")
        out.append(path)
    # the same bytes from every page and worker (nbconvert's template); written atomically
    shared = html_dir / SHARED_CSS
    tmp = html_dir / f".{SHARED_CSS}.{ipynb.stem}.tmp"
    tmp.write_text(css, encoding="utf-8")
    tmp.replace(shared)
    out.append(shared)
    return out
