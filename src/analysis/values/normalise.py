"""Normalisers shared by every record kind: counts, ranges, report numbers, statutes, ages.

Every parser takes one raw value and returns a value or None (never raises), so the
cleaning modules can apply it once per *distinct* value and map the result back
(`map_unique`), which keeps a million-row file fast. Labels are looked up in alias tables
kept as CSV data files in this package, extendable from the region config; an unknown
label is never guessed, only reported with the closest known label as a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.values.limits import MAX_COUNT
from analysis.vocab import AGE_BANDS

# --------------------------------------------------------------------------- vectorising
# A cleaner asks several questions of one column (its code, is it blank, a suggestion):
# the column is factorized once and the answer reused while the same Series object is
# asked again. Entries hold the Series itself, so an id is never confused with a new one.
_FACTORIZED: list[tuple[pd.Series, np.ndarray, Any]] = []
_FACTORIZED_MAX = 4


def _factorize(s: pd.Series) -> tuple[np.ndarray, Any]:
    for cached, codes, uniques in _FACTORIZED:
        if cached is s:
            return codes, uniques
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    _FACTORIZED.insert(0, (s, codes, uniques))
    del _FACTORIZED[_FACTORIZED_MAX:]
    return codes, uniques


def map_unique(s: pd.Series, fn: Callable[[Any], Any], dtype: str | None = None) -> pd.Series:
    """Apply fn once per distinct value of s and map the results back.

    With dtype="str" the results become a string array before being spread over the rows,
    which keeps a million-row column cheap to validate and write.
    """
    codes, uniques = _factorize(s)
    results = [fn(u) for u in uniques]
    results.append(fn(None))  # position -1 is where missing values point
    if dtype is not None:
        arr = pd.array(results, dtype=dtype)
        return pd.Series(arr.take(codes), index=s.index)
    out = np.empty(len(results), dtype=object)
    out[:] = results
    return pd.Series(out[codes], index=s.index, dtype=object)


def is_blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and v.strip() in ("", "-", "–", "—")


def norm_key(v: Any) -> str:
    """Lookup key for labels: lower case, punctuation to spaces, single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(v).casefold()).split())


# --------------------------------------------------------------------------- numbers, ranges
_RANGE = re.compile(
    r"^\s*(\d+)\s*(?:[-–—]|s\s*/\s*d|sampai|hingga|sd|to)\s*(\d+)\s*(?:kali|x|times)?\b.*$", re.I
)
_SINGLE = re.compile(
    r"^\s*(?:±|\+/-|sekitar|kurang lebih)?\s*(\d+)\s*(?:kali|x|times|orang|org)?\s*$", re.I
)


def parse_range(v: Any) -> tuple[int, int] | None:
    """'2–4', '2-4 kali', '4 s/d 5', '3' -> (low, high); None when unreadable or reversed."""
    if isinstance(v, (list, tuple)) and len(v) == 2:
        v = f"{v[0]}-{v[1]}"
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return (int(v), int(v))
    if not isinstance(v, str):
        return None
    m = _RANGE.match(v)
    if m:
        lo, hi = int(m[1]), int(m[2])
        return (lo, hi) if lo <= hi else None
    m = _SINGLE.match(v)
    if m:
        return (int(m[1]), int(m[1]))
    return None


def parse_count(v: Any) -> int | None:
    """A whole, non-negative count: 45, 45.0, '45 orang', '± 60'; None above MAX_COUNT
    (a 20-digit number in a count cell is a typing or paste error, not a count)."""
    n = _count(v)
    return n if n is not None and n <= MAX_COUNT else None


def _count(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, np.integer)):
        return int(v) if v >= 0 else None
    if isinstance(v, (float, np.floating)):
        return int(v) if (v == v and 0 <= v <= MAX_COUNT and float(v).is_integer()) else None
    if isinstance(v, str):
        m = _SINGLE.match(
            v.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", v.strip()) else v
        )
        return int(m[1]) if m and len(m[1]) <= 9 else None
    return None


# --------------------------------------------------------------------------- report numbers
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
LP_PATTERN = r"\bLP\s*/\s*([AB])\s*/\s*(\d{1,5})\s*/\s*([IVX]{1,4})\s*/\s*((?:19|20)\d{2})(?:\s*/\s*([^\n;,]*))?"
_LP = re.compile(LP_PATTERN, re.I)


@dataclass(frozen=True)
class ReportNumber:
    """A parsed police report number; used for validation and linking, never published."""

    model: str
    sequence: int
    roman_month: str
    month: int
    year: int
    unit: str


def parse_report_number(v: Any) -> ReportNumber | None:
    """'LP/B/344/X/2024/SPKT/POLDA NUSA TENGGARA TIMUR' -> ReportNumber, else None.

    The Roman month is the month the number was issued in; it is checked, never used to
    infer the report date.
    """
    if not isinstance(v, str):
        return None
    m = _LP.search(v.strip())
    if not m:
        return None
    roman = m[3].upper()
    if roman not in ROMAN:
        return None
    return ReportNumber(
        m[1].upper(),
        int(m[2]),
        roman,
        ROMAN[roman],
        int(m[4]),
        " ".join((m[5] or "").split()).upper(),
    )


# --------------------------------------------------------------------------- statutes
LAWS = [
    # canonical, patterns identifying the law
    (
        "UU ITE",
        [
            r"\bITE\b",
            r"11\s*/\s*2008",
            r"19\s*/\s*2016",
            r"1\s*/\s*2024",
            r"(?:no\.?\s*)?19\s+tahun\s+2016",
            r"(?:no\.?\s*)?11\s+tahun\s+2008",
            r"(?:no\.?\s*)?1\s+tahun\s+2024",
        ],
    ),
    ("UU Pornografi", [r"pornografi", r"44\s*/\s*2008", r"44\s+tahun\s+2008"]),
    (
        "UU Perlindungan Anak",
        [
            r"perlindungan\s+anak",
            r"35\s*/\s*2014",
            r"23\s*/\s*2002",
            r"35\s+tahun\s+2014",
            r"\bUU\s*PA\b",
        ],
    ),
    ("UU TPKS", [r"\bTPKS\b", r"12\s*/\s*2022", r"12\s+tahun\s+2022"]),
    ("UU TPPO", [r"\bTPPO\b", r"21\s*/\s*2007", r"21\s+tahun\s+2007", r"perdagangan\s+orang"]),
    ("KUHP", [r"\bKUHP\b"]),
]
_LAW_RES = [(c, re.compile("|".join(p), re.I)) for c, p in LAWS]
_ARTICLE = re.compile(
    r"\b(?:pasal|psl)\.?\s*(\d{1,3}[A-Z]?)(?!\d)(?:\s*ayat\s*\(?\s*(\d{1,2})\s*\)?)?"
    r"|\bjo\.?\s*(?:pasal|psl)?\.?\s*(\d{1,3}[A-Z]?)(?!\d)(?:\s*ayat\s*\(?\s*(\d{1,2})\s*\)?)?",
    re.I,
)


def normalise_statutes(v: Any) -> str | None:
    """Officers' statute text -> 'UU ITE Pasal 27 ayat (1); UU ITE Pasal 45 ayat (1); ...'.

    Clauses are split on ';'. Within a clause, articles belong to the law named in it.
    Returns None when no known law is recognised.
    """
    if not isinstance(v, str) or not v.strip():
        return None
    cites: list[str] = []
    for clause in re.split(r"[;\n]+", v):
        law = None
        for canon, rx in _LAW_RES:
            if rx.search(clause):
                law = canon
                break
        if law is None:
            continue
        # strip the law's own number ("UU 35/2014", "No. 19 Tahun 2016") before reading articles
        body = re.sub(
            r"\b(?:UU|undang-undang)\s*(?:no\.?|nomor)?\s*\d+\s*(?:/|tahun)\s*\d{4}",
            " ",
            clause,
            flags=re.I,
        )
        arts = []
        for m in _ARTICLE.finditer(body):
            num, ayat = (m[1], m[2]) if m[1] else (m[3], m[4])
            if num:
                arts.append(f"Pasal {num.upper()}" + (f" ayat ({ayat})" if ayat else ""))
        if not arts:
            cites.append(law)
        cites.extend(f"{law} {a}" for a in arts)
    if not cites:
        return None
    seen: dict[str, None] = dict.fromkeys(cites)
    return "; ".join(seen)


# --------------------------------------------------------------------------- ages
_AGE = re.compile(r"\d+")
# a birth year or date beside the age ("17 tahun (lahir 2005)") is not a second age
_BIRTH = re.compile(
    r"\((?:[^)]*\b(?:lahir|lhr|lahir thn|tahun lahir|born)\b[^)]*)\)"
    r"|\b(?:lahir|lhr|born)\b\.?\s*(?:tahun|thn|th)?\.?\s*[\d/.-]+",
    re.I,
)


def parse_ages(v: Any) -> list[int] | None:
    """'15 dan 16 thn', '17 tahun', 17 -> [15, 16] / [17]; None if no age is readable.

    Every number must be a whole age under 100: '17 tahun (lahir 2005)' is one age, but
    '2005' alone is unreadable, never split into two ages."""
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return [int(v)] if v == v and 0 < v < 100 and float(v).is_integer() else None
    if not isinstance(v, str):
        return None
    ages = [int(a) for a in _AGE.findall(_BIRTH.sub(" ", v))]
    return ages if ages and all(0 < a < 100 for a in ages) else None


def age_band(age: int) -> str:
    for lo, hi, label in AGE_BANDS:
        if lo <= age <= hi:
            return label
    return "unknown"
