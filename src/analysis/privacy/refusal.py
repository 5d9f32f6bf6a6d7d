"""What the privacy gate says when it refuses: per finding the file, the kind, the words
around it with the value masked, and what would let it pass if it is not a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.privacy.detectors import find_identifiers
from analysis.privacy.filetext import file_text
from analysis.privacy.names import Names


@dataclass(frozen=True, order=True)
class Hit:
    """One finding: the file, the kind, the words around it (value masked)."""

    file: str
    kind: str
    context: str = ""


_TITLE_KINDS = ("honorific_name", "rank_name")
_ALLOW = (
    "a place or a unit's word, not a person? add the words to `privacy.allowed_words` in "
    "the region's config (config/regions/<region>.yml)"
)
ADVICE = {
    "honorific_name": _ALLOW,
    "rank_name": _ALLOW,
    "position_name": _ALLOW,
    "known_name": "not a person's name? remove it from data/private/<region>/known_names.txt",
    "k-anonymity": "a case-level table must hide every case among `privacy.k` cases: "
    "`analysis clean` generalises these columns for data/processed/; a table made by hand "
    "must leave them out",
}
_DEFAULT_ADVICE = (
    "no config key allows this kind: find the source row (data/private/<region>/rejects.csv "
    "and key.json) and fix or remove the value there"
)


def masked_context(text: str, value: str, kind: str, names: Names, width: int = 40) -> str:
    """The words around a hit on its own line, the value (and any other hit) masked; a
    title before a name stays ('Ibu [honorific_name hidden]'), so a place is recognisable."""
    at = text.find(value)
    if at < 0:
        return ""
    keep = value.split()[0] + " " if kind in _TITLE_KINDS and " " in value.strip() else ""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at + len(value))
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, at - width) : at]
    after = text[at + len(value) : min(line_end, at + len(value) + width)]
    before, after = (_mask_all(p, names) for p in (before, after))
    before = before.split(" ", 1)[-1] if at - width > line_start else before
    after = after.rsplit(" ", 1)[0] if at + len(value) + width < line_end else after
    return f"...{before}{keep}[{kind} hidden]{after}...".replace("\n", " ")


def _mask_all(text: str, names: Names) -> str:
    for _, v in find_identifiers(text, names):
        text = text.replace(v, "[hidden]")
    return re.sub(r"\d{3,}", "[digits]", text)


def with_context(hits: list[tuple[str, str]], path_of: dict[str, Path], names: Names) -> list[Hit]:
    """The gate's (file, kind) findings with the masked words around each kind's first hit
    (files are read again only when they hold a finding)."""
    out = []
    for shown in sorted({f for f, _ in hits}):
        path = path_of.get(shown)
        found: dict[str, str] = {}
        try:
            texts = [path.name, file_text(path)] if path is not None else []
        except Exception:  # noqa: BLE001 (unreadable: the finding itself says so)
            texts = []
        for text in texts:
            for kind, value in find_identifiers(text, names):
                found.setdefault(kind, masked_context(text, value, kind, names))
        out += [Hit(f, k, found.get(k, "")) for f, k in hits if f == shown]
    return out


def refusal(hits: list[Hit], what: str) -> str:
    """The gate's message, never a value."""
    lines = []
    for h in hits:
        where = f" in {h.context!r}" if h.context else ""
        lines.append(f"  {h.file}: {h.kind}{where}\n    -> {ADVICE.get(h.kind, _DEFAULT_ADVICE)}")
    return (
        f"privacy gate: identifiers found in the new {what}; nothing was installed and "
        f"the previous {what} are unchanged:\n" + "\n".join(lines)
    )
