"""One label dictionary, Indonesian and English, for every chart, table and notebook.

The words themselves are data, in `analysis/aliases/dictionary.csv` (key, section, en, id),
so a translator edits one table and a test can compare the two languages entry by entry.
"""

from __future__ import annotations

import csv
from importlib import resources


def _load() -> dict[str, dict[str, str]]:
    with (
        resources.files("analysis.aliases").joinpath("dictionary.csv").open(encoding="utf-8") as fh
    ):
        return {row["key"]: {"en": row["en"], "id": row["id"]} for row in csv.DictReader(fh)}


LABELS: dict[str, dict[str, str]] = _load()
# Labels of the codes a region declares itself (config `codes:`), set by `use_region_labels`.
_REGION: dict[str, dict[str, str]] = {}


def use_region_labels(labels: dict[str, dict[str, str]]) -> None:
    """Label a region's own codes from now on (`Region.codes.labels`); replaces the labels of
    the region before, since one kernel may render several regions in turn."""
    _REGION.clear()
    _REGION.update(labels)


def num(value: float, lang: str = "en", digits: int = 2) -> str:
    """A number as each language writes it: 1,234.56 in English, 1.234,56 in Indonesian."""
    text = f"{value:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(share: float, lang: str = "en", digits: int = 0) -> str:
    return num(100 * share, lang, digits) + "%"


def t(key: str, lang: str = "en") -> str:
    """Label for a code in the chosen language; unknown codes fall back to a tidy form."""
    if lang not in ("en", "id"):
        raise ValueError(f"lang must be 'en' or 'id', not {lang!r}")
    entry = LABELS.get(key) or _REGION.get(key)
    if (
        entry is None or lang not in entry
    ):  # a snake_case code gets a tidy form; a proper name stays as written
        text = str(key)
        return text.replace("_", " ").capitalize() if "_" in text or text.islower() else text
    return entry[lang]
