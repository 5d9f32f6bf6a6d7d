"""Privacy by construction (DESIGN section 7): scrub free text, pseudonymise, band ages.

The project studies institutions, never individuals. Every free-text column passes
through `scrub` before it reaches data/processed/, and `PATTERNS` is also what the tests
use to scan every generated file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from analysis.normalise import LP_PATTERN, map_unique

PLACEHOLDERS = {
    "phone": "[TELEPON]",
    "nik": "[NIK]",
    "lp_number": "[NOMOR-LP]",
    "email": "[EMAIL]",
    "username": "[AKUN]",
    "address": "[ALAMAT]",
    "name": "[NAMA]",
    "minor_age": "[USIA-ANAK]",
}

# Patterns that must never appear in processed data, reports or notebook outputs.
PATTERNS: dict[str, re.Pattern[str]] = {
    "lp_number": re.compile(LP_PATTERN, re.I),
    "nik": re.compile(r"(?<![\d.])\d{16}(?!\d)"),  # not the digits of a decimal fraction
    "email": re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"),
    "username": re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{3,}"),
    "address": re.compile(
        r"\b(?:Jl|Jln|Jalan)\.?\s+[A-Z][^,;:\n]{2,60}?(?:\s+No\.?\s*\d+[A-Za-z]?)", re.I
    ),
    "phone": re.compile(r"(?<![\w/])(?:\+62|62|0)8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"),
    "minor_age": re.compile(
        r"\b(?:usia|umur|berumur|berusia)\s+(?:1[0-7]|[1-9])\s*(?:tahun|thn|th)\b", re.I
    ),
}
_CHAT_ID = re.compile(
    r"\b(?:id|akun|username)\s+(?:michat|wechat|beetalk)\s*:?\s*([A-Za-z0-9_.]{3,})", re.I
)


def _phones(text: str) -> str:
    spans = []
    for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.POSSIBLE):
        spans.append((m.start, m.end))
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDERS["phone"] + text[end:]
    return PATTERNS["phone"].sub(PLACEHOLDERS["phone"], text)


def _niks(text: str) -> str:
    # Any 16-digit run is treated as an ID, valid NIK checksum or not: a mistyped NIK is
    # still an identifier.
    return PATTERNS["nik"].sub(PLACEHOLDERS["nik"], text)


def scrub(text: object, names: Iterable[str] = ()) -> object:
    """Replace identifiers in one free-text value with typed placeholders."""
    if not isinstance(text, str) or not text:
        return text
    out = PATTERNS["lp_number"].sub(PLACEHOLDERS["lp_number"], text)
    out = PATTERNS["email"].sub(PLACEHOLDERS["email"], out)
    out = _niks(out)  # before phones, so a NIK is not half-read as a phone number
    out = _phones(out)
    out = _CHAT_ID.sub(lambda m: m.group(0).replace(m.group(1), PLACEHOLDERS["username"]), out)
    out = PATTERNS["username"].sub(PLACEHOLDERS["username"], out)
    out = PATTERNS["address"].sub(PLACEHOLDERS["address"], out)
    out = PATTERNS["minor_age"].sub(PLACEHOLDERS["minor_age"], out)
    for n in sorted({n for n in names if n and len(n) >= 3}, key=len, reverse=True):
        out = re.sub(re.escape(n), PLACEHOLDERS["name"], out, flags=re.I)
    return out


def scrub_series(s, names: Iterable[str] = ()):
    """Scrub a column, once per distinct value."""
    names = tuple(names)
    return map_unique(s, lambda v: scrub(v, names))


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """Every identifier pattern found in a text, as (kind, match) pairs; [] means clean."""
    hits = [(k, m.group(0)) for k, rx in PATTERNS.items() for m in rx.finditer(text)]
    for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID):
        hits.append(("phone", m.raw_string))
    return hits
