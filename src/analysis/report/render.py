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

from analysis.labels import t

HIDDEN_TAGS = ("parameters", "injected-parameters", "internal")
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S | re.I)
TEMPLATE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S | re.I)
# nbconvert's lab stylesheet is the same on every page; one copy beside the pages is enough
SHARED_CSS = "notebook.css"
STYLE = """<style>
.report-nav{font:14px/1.5 system-ui,sans-serif;padding:8px 16px;border-bottom:1px solid #ddd;
  display:flex;gap:18px;flex-wrap:wrap;background:#f7f7f7}
.report-nav a{color:#1f5f8b}
.table-scroll{overflow-x:auto;max-width:100%}
.jp-RenderedHTMLCommon .report-table td,.jp-RenderedHTMLCommon .report-table th{text-align:left;
  vertical-align:top}
.jp-RenderedHTMLCommon .report-table td{max-width:32em}
.jp-RenderedImage img,.jp-OutputArea-output img{max-width:100%;height:auto}
.jp-Notebook{max-width:1100px;margin:0 auto}
</style>
"""


@cache  # one exporter per flavour and process: building one loads the template again
def _exporter(with_code: bool):
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = (
        set(HIDDEN_TAGS) if not with_code else {"injected-parameters", "internal"}
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


def _nav(name: str, lang: str, with_code: bool) -> str:
    other = "id" if lang == "en" else "en"
    other_dir = "../id/html" if lang == "en" else "../../html"
    this = f"{name}.code.html" if with_code else f"{name}.html"
    links = [
        ("../index.html", t("idx_title", lang)),
        (
            f"{name}.html" if with_code else f"{name}.code.html",
            t("idx_reading", lang) if with_code else t("idx_code", lang),
        ),
        (f"{other_dir}/{this}", t("idx_lang", lang)),
        ("../index.html#tables", t("idx_tables", lang)),
    ]
    items = "".join(f'<a href="{html.escape(h)}">{html.escape(x)}</a>' for h, x in links)
    return f'<nav class="report-nav" lang="{lang}" data-other="{other}">{items}</nav>\n'


def to_html(ipynb: Path, lang: str, with_code: bool) -> tuple[str, str]:
    """One rendering of an executed notebook as an offline page, and the template's CSS
    (linked from the page as notebook.css rather than repeated in every page)."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    body, _ = _exporter(with_code).from_notebook_node(nb)
    body = SCRIPT.sub("", body)
    head, sep, rest = body.partition("</head>")  # only the template's styles, in the head
    css = "\n".join(m.strip() for m in TEMPLATE_STYLE.findall(head)) + "\n"
    body = TEMPLATE_STYLE.sub("", head) + sep + rest
    link = f'<link rel="stylesheet" href="{SHARED_CSS}">\n'
    body = re.sub(r"<html([^>]*)>", f'<html lang="{lang}">', body, count=1)
    body = body.replace("</head>", link + STYLE + "</head>", 1)
    page = re.sub(
        r"(<body[^>]*>)", lambda m: m.group(1) + _nav(ipynb.stem, lang, with_code), body, count=1
    )
    return page, css


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
