"""What the privacy gate reads in a figure's metadata and a page's markup.

The threat: an identifier hidden where a reader (or a crawler) can still find it, in a PNG
text chunk (compressed or not) or an HTML attribute or character reference, while the gate
reads only what the page shows; or a PNG the reader cannot parse being passed as clean.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, PngImagePlugin

from analysis.privacy.filetext import file_text
from analysis.privacy.gate import scan

PHONE = "081234567890"


def _png(path: Path, **chunks: tuple[str, str]) -> Path:
    info = PngImagePlugin.PngInfo()
    for key, (kind, value) in chunks.items():
        if kind == "iTXt":
            info.add_itxt(key, value, lang="id", tkey=key, zip=True)
        else:
            info.add_text(key, value, zip=kind == "zTXt")
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG", pnginfo=info)
    path.write_bytes(buf.getvalue())
    return path


def test_every_png_text_chunk_is_read(tmp_path: Path) -> None:
    png = _png(
        tmp_path / "fig.png",
        Author=("tEXt", "plain 3201"),
        Comment=("zTXt", f"zipped {PHONE}"),
        Title=("iTXt", "internasional ü 5301"),
    )
    text = file_text(png)
    for part in ("Author", "plain 3201", "Comment", f"zipped {PHONE}", "internasional ü 5301"):
        assert part in text
    assert [kind for _, kind in scan([png])] == ["phone"]


def test_a_png_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "fig.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + PHONE.encode())
    [(shown, kind)] = scan([bad])
    assert shown == str(bad) and kind.startswith("unreadable (")


def test_html_text_attributes_and_references_are_read_scripts_are_not(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><style>td{color:red}</style><script>var build = 1;</script></head>"
        '<body><p title="dihubungi di 0812&#45;3456&#45;7890">Ringkasan &amp; tabel</p>'
        '<img alt="gambar" src="data:image/png;base64,MDgxMjM0NTY3ODkw"><!-- catatan --></body>'
        "</html>",
        encoding="utf-8",
    )
    text = file_text(page)
    assert "Ringkasan & tabel" in text and "dihubungi di 0812-3456-7890" in text
    assert "var build" not in text and "td{color" not in text and "MDgx" not in text
    assert [kind for _, kind in scan([page])] == ["phone"]
