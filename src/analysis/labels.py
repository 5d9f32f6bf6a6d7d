"""One label dictionary, Indonesian and English, for every chart, table and notebook.

The words themselves are data, in `analysis/aliases/dictionary.csv` (key, section, en, id),
so a translator edits one table and a test can compare the two languages entry by entry.
"""

from __future__ import annotations

import csv
import re
from functools import cache
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


@cache
def _problems() -> list[tuple[re.Pattern[str], str]]:
    with resources.files("analysis.aliases").joinpath("problems.csv").open(encoding="utf-8") as fh:
        return [(re.compile(f"^{r['pattern']}$"), r["id"]) for r in csv.DictReader(fh)]


def problem_text(kind: str, lang: str = "en") -> str:
    """A kind of reject problem (values taken out, see summaries.problem_kind) in the
    reader's language; the cleaning writes it in English, aliases/problems.csv translates
    it. A kind with no translation stays as written."""
    if lang == "en":
        return kind
    for rx, text in _problems():
        m = rx.match(kind)
        if m:
            words = {k: t(v, lang).lower() if k == "what" else v for k, v in m.groupdict().items()}
            return text.format(**words)
    return kind


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
