"""Selection positions: which counting a tool used, and the spans it gives in the text.

The standard counts characters; some tools count UTF-16 code units over the text with CRLF
kept, or count CRLF as one. The counting under which the selections cut the fewest words is
chosen per source; a selection that still starts or ends inside a word is reported, never
sliced silently.
"""

from __future__ import annotations

from dataclasses import dataclass

# candidate countings: (name, units, crlf_as_one)
COUNTINGS = [
    ("characters", "chars", False),
    ("UTF-16 code units", "utf16", False),
    ("characters, CRLF counted once", "chars", True),
    ("UTF-16 code units, CRLF counted once", "utf16", True),
]


@dataclass
class Span:
    """Character indexes into the text as stored (None when it cannot be placed), and the
    problem a reader must be told about."""

    start: int | None
    end: int | None
    problem: str = ""


def unit_table(text: str, units: str) -> list[int] | None:
    """Unit offset -> character index, None where an offset falls inside a character
    (None overall when units are characters or every character is one unit)."""
    if units == "chars" or all(ord(c) < 0x10000 for c in text):
        return None
    out: list[int | None] = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(None)  # between the two halves of a surrogate pair
    out.append(len(text))
    return out  # type: ignore[return-value]


def crlf_back(text: str) -> list[int]:
    """Index in the text with CRLF as one character -> index in the text as stored."""
    back, i = [], 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
            continue
        back.append(i)
        i += 1
    back.append(len(text))
    return back


def cuts_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def place(t: str, table: list[int] | None, s: int, e: int, unit: str) -> Span:
    """Positions s-e in one counting -> a Span in `t`, or the reason it cannot be placed."""
    n = len(t) if table is None else len(table) - 1
    if s < 0 or e < s:
        return Span(None, None, f"selection positions {s}-{e} are not in order")
    if e > n:
        return Span(
            None, None, f"selection positions {s}-{e} are past the end of the text ({n} {unit})"
        )
    a, b = (s, e) if table is None else (table[s], table[e])
    if a is None or b is None:
        return Span(None, None, f"selection positions {s}-{e} split a character in two")
    if cuts_word(t, a) or cuts_word(t, b):
        return Span(a, b, f"selection {s}-{e} starts or ends inside a word; check the positions")
    return Span(a, b)


def _names_its_text(t: str, span: Span, label: str) -> bool:
    """ATLAS.ti names a quotation by its first words: a strong signal of the right counting."""
    if not label or span.start is None:
        return False
    return " ".join(t[span.start : span.end].split())[:20] == " ".join(label.split())[:20]


def _try(
    text: str, units: str, crlf_once: bool, unit: str, positions: list[tuple[int, int, str]]
) -> tuple[int, list[Span]] | None:
    """Score one counting (placed +2, placed but cutting a word 0, unplaceable -3, named by
    its text +1) and give its spans in the text as stored; None if it equals another."""
    t = text.replace("\r\n", "\n") if crlf_once else text
    table = unit_table(t, units)
    if (crlf_once and t == text) or (units == "utf16" and table is None):
        return None  # identical to a counting already tried
    back = crlf_back(text) if crlf_once else None
    spans, score = [], 0
    for s, e, label in positions:
        span = place(t, table, s, e, unit)
        if span.start is None or span.end is None:
            score -= 3
        else:
            score += (0 if span.problem else 2) + _names_its_text(t, span, label)
            if back is not None:
                span = Span(back[span.start], back[span.end], span.problem)
        spans.append(span)
    return score, spans


def resolve(text: str, positions: list[tuple[int, int, str]]) -> tuple[str, list[Span]]:
    """Choose the counting under which selections cut the fewest words; return the spans
    as character indexes into the text as stored. Ties keep the standard (characters)."""
    best: tuple[int, str, list[Span]] | None = None
    for name, units, crlf_once in COUNTINGS:
        tried = _try(text, units, crlf_once, name.split(",")[0], positions)
        if tried is not None and (best is None or tried[0] > best[0]):
            best = (tried[0], name, tried[1])
    assert best is not None  # characters are always tried
    return best[1], best[2]
