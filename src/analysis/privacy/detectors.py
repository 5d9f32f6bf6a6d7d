"""`find_identifiers`: the detector the privacy gate (`analysis.privacy.gate`) runs on every generated
file; it must stay quiet on dates, rounded floats and hex hashes."""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from analysis.privacy.names import Names, as_names, position_name_span
from analysis.privacy.patterns import (
    AGE_NOUN_RE,
    AGE_WORD_RE,
    AT_HANDLE_RE,
    DATE_SHAPES,
    EMAIL_RE,
    GUID_RE,
    HEX_RE,
    HONORIFIC_NAME_RE,
    INITIALS_RE,
    LINK_RE,
    LP_RE,
    PAREN_AGE_RE,
    PLACEHOLDERS,
    PLATFORM_HANDLE_RE,
    POSITION_NAME_RE,
    RANK_NAME_RE,
    RT_RW_RE,
    digit_runs,
    handle_named,
    is_minor_paren,
    name_ok,
)

DETECTORS: dict[str, re.Pattern[str]] = {
    "lp_number": LP_RE,
    "email": EMAIL_RE,
    "link": LINK_RE,
    "username": AT_HANDLE_RE,
    "address": RT_RW_RE,
    "minor_age": AGE_WORD_RE,
    "minor_age_noun": AGE_NOUN_RE,
    "initials": INITIALS_RE,
    "rank_name": RANK_NAME_RE,
    "honorific_name": HONORIFIC_NAME_RE,
}
# street addresses are only flagged with a house number (a street alone is not exact)
STREET_RE = re.compile(
    r"\b(?:Jalan|Jln|Jl|Gang|Gg|Lorong)\b\.?\s*(?:[A-Z][\w'.\-]*\s*){1,5}?"
    r"(?:No|Nomor|Nomer|Nmr|#)\.?\s*:?\s*\d+",
    re.I,
)


def find_identifiers(text: str, names: Iterable[str] | Names = ()) -> list[tuple[str, str]]:
    """Every identifier found in a text, as (kind, match) pairs; [] means clean.

    Hex digests (manifest hashes) and GUIDs are blanked first; dates, decimals and amounts in
    rupiah are not digit identifiers."""
    text = GUID_RE.sub(" ", HEX_RE.sub(" ", text))
    text = _PLACEHOLDER_RE.sub("\ue004", text)  # a placeholder is not the next word
    known = as_names(names)
    hits: list[tuple[str, str]] = []
    for kind, rx in DETECTORS.items():
        need = _NEEDS.get(kind)
        if need is not None and not need.search(text):
            continue  # cannot match: skips a costly pattern on text without '@' or links
        for m in rx.finditer(text):
            if kind in ("rank_name", "honorific_name") and (
                not name_ok(m.group("name"))
                or known.places.covers(text, m.start(), m.start("name"))
            ):
                continue
            if kind == "username" and m.group(0).lstrip("@").casefold() in _AT_OK:
                continue
            hits.append((kind.removesuffix("_noun"), m.group(0)))
    for m in POSITION_NAME_RE.finditer(text):
        span = position_name_span(m, known.places)
        if span is not None:
            hits.append(("position_name", text[span[0] : span[1]]))
    hits += [("street_address", m.group(0)) for m in STREET_RE.finditer(text)]
    hits += [("minor_age", m.group(0)) for m in PAREN_AGE_RE.finditer(text) if is_minor_paren(m)]
    hits += [(kind, text[s:e]) for s, e, kind in digit_runs(text)]
    for raw in _phone_numbers(text):
        if len(re.sub(r"\D", "", raw)) >= 9 and not DATE_SHAPES.match(raw):
            hits.append(("phone", raw))
    for m in PLATFORM_HANDLE_RE.finditer(text):
        if handle_named(m):
            hits.append(("username", m.group(0)))
    if known:
        hits += [("known_name", text[s:e]) for s, e in known.spans(text)]
    return hits


# What a pattern cannot match without (a cheap search before the costly one; never a filter
# that changes what is found): an e-mail has '@' or [at]/(at), a link a host then '/'.
_NEEDS = {
    "email": re.compile(r"@|[\[(]\s?at\s?[\])]", re.I),
    "link": re.compile(r"\.(?:me|com|am|sg|id|be)/", re.I),
}
# Where a phone number of 9+ digits can be: digits with at most a few spaces or punctuation
# marks ('x' included, as phonenumbers allows it) between them, on one line (the matcher never
# crosses a line). Only windows around these go to the matcher, which costs about a
# millisecond per number-like word otherwise (3 s per MB of text).
_PHONE_CANDIDATE = re.compile(r"\d(?:(?:[^\w\n]|[xX]){0,6}\d){8,}")
_PHONE_CONTEXT = 40  # characters either side: the matcher looks at the neighbours of a match
# ISO dates and times as tables write them ("2024-03-14", "2023-01-01 05:00:00"): a match made
# of one is dropped anyway (DATE_SHAPES), but next to a count ("2024-03-14,12") it makes every
# row of a table a candidate, and the matcher then reads the whole file (8 s for 50,000 rows).
# They are masked when looking for candidates only; the matcher still reads the original text.
_ISO_DATE = re.compile(
    r"(?<![\d+\-])(?:19|20)\d{2}-[01]\d-[0-3]\d(?:[ T][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?(?![\d\-])"
)


def _phone_numbers(text: str) -> list[str]:
    windows: list[list[int]] = []
    masked = _ISO_DATE.sub(lambda m: "_" * len(m.group(0)), text)
    for m in _PHONE_CANDIDATE.finditer(masked):
        a, b = max(0, m.start() - _PHONE_CONTEXT), m.end() + _PHONE_CONTEXT
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    leniency = phonenumbers.Leniency.VALID
    return [
        m.raw_string
        for a, b in windows
        for m in phonenumbers.PhoneNumberMatcher(text[a:b], "ID", leniency=leniency)
    ]


_PLACEHOLDER_RE = re.compile(
    r"\[(?:" + "|".join(re.escape(p[1:-1]) for p in PLACEHOLDERS.values()) + r")\]"
)
_AT_OK = {"media", "import", "font-face", "keyframes", "param", "property", "example"}

# kept for callers of the old deny-list interface (tests scan outputs with these)
PATTERNS: dict[str, re.Pattern[str]] = {
    "lp_number": LP_RE,
    "email": EMAIL_RE,
    "username": AT_HANDLE_RE,
    "address": STREET_RE,
    "minor_age": AGE_WORD_RE,
}
