"""The Indonesian reviewer copy is Indonesian: no English label where an Indonesian one exists.

Checks the committed pages (reading copies, study, methods and front pages) and
the SVG figures, whose text is kept as text. The cleaning writes reject messages in English;
the Indonesian pages show them translated (aliases/problems.csv), so they are checked too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from analysis.labels import LABELS

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def english_only() -> dict[str, str]:
    """English labels (and snake_case codes) that have a different Indonesian label."""
    words = {}
    for key, e in LABELS.items():
        if key == "idx_lang":  # the link to the other language names that language
            continue
        if e["en"] != e["id"] and "{" not in e["en"] and len(e["en"]) >= 4:
            words[key] = e["en"]
    return words


def _id_pages() -> list[Path]:
    pages = [
        REPORTS / "index.id.html",
        REPORTS / "methods.id.html",
        *REPORTS.glob("*/id/index.html"),
    ]
    pages += [p for p in REPORTS.glob("*/id/html/*.html") if not p.name.endswith(".code.html")]
    return sorted(pages)


@pytest.mark.parametrize("page", _id_pages(), ids=lambda p: str(p.relative_to(REPORTS)))
def test_indonesian_pages_carry_no_english_label(page: Path) -> None:
    text = visible_text(page.read_text(encoding="utf-8"))
    found = []
    for key, en in english_only().items():
        if re.search(rf"(?<![\w-]){re.escape(en)}(?![\w-])", text):
            found.append(en)
        if "_" in key and re.search(rf"\b{re.escape(key)}\b", text):
            found.append(key)
    assert not found, f"English left in {page.name}: {sorted(set(found))}"


@pytest.mark.parametrize("svg", sorted(REPORTS.glob("*/id/figures/*.svg")), ids=lambda p: p.name)
def test_indonesian_figures_carry_no_english_label(svg: Path) -> None:
    text = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"), re.S))
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    found = [
        en
        for en in english_only().values()
        if re.search(rf"(?<![\w-]){re.escape(en)}(?![\w-])", text)
    ]
    assert not found, f"English left in {svg.name}: {found}"


def test_the_check_catches_english(tmp_path: Path) -> None:
    """The test above can fail: an English label in Indonesian text is found."""
    text = visible_text("<p>Jumlah <b>Legal education</b> per bulan</p>")
    assert any(
        re.search(rf"(?<![\w-]){re.escape(en)}(?![\w-])", text) for en in english_only().values()
    )


def test_reject_problems_read_in_indonesian() -> None:
    """Each kind of reject the bundled data produce has an Indonesian wording."""
    from analysis.labels import problem_text

    for kind in (
        "missing required value",
        "exact duplicate of row …",
        "unknown audience label …",
        "date … is outside the study period … to …",
        "district … is not one of Kota Kupang's districts (Alak, Oebobo)",
    ):
        assert problem_text(kind, "id") != kind, kind
    assert problem_text("a message nobody translated", "id") == "a message nobody translated"


def test_every_label_has_both_languages() -> None:
    assert all(set(e) == {"en", "id"} and e["en"] and e["id"] for e in LABELS.values())
    for e in LABELS.values():  # the same placeholders in both languages
        assert set(re.findall(r"{(\w+)", e["en"])) == set(re.findall(r"{(\w+)", e["id"])), e
