"""Official place names (and a region's allowed words), so a place is never read as a person.

"Pancoran Mas" is a district of Kota Depok, not the title "Mas" before a name; "Kota Raja"
and "Ibu Selatan" are districts too. The official list (BPS/Kemendagri, ODbL, shipped in
`analysis/aliases/wilayah/` with its attribution) holds 7,215 districts and 514 regencies;
a region adds its config's districts and `privacy.allowed_words` (words or phrases).

A name hit is a place when the words that made it a name (the title "Mas", or a known
name) lie inside a place phrase on the same line that holds at least one other word: a
district called only "Ibu" cannot hide every "Ibu <name>". A phrase the user allowed
covers its words even alone (`privacy.allowed_words: [Mas]` is the user's own choice).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"[^\W_]+")
_PREFIXES = ("kota administrasi", "kabupaten administrasi", "kabupaten", "kota", "kab")


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(text))


@lru_cache(maxsize=2)
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    with resources.files("analysis.aliases").joinpath("wilayah", name).open(encoding="utf-8") as fh:
        return tuple(tuple(r) for r in csv.reader(fh) if r)


def regencies() -> list[tuple[str, str]]:
    """(code, official name) of the 514 regencies and cities, as the list spells them."""
    return [(r[0], r[2]) for r in _rows("regencies.csv")]


def districts() -> list[tuple[str, str, str]]:
    """(district code, regency code, official name) of the 7,215 districts."""
    return [(r[0], r[1], r[2]) for r in _rows("districts.csv")]


def _without_prefix(name: str) -> str:
    low = name.casefold().strip()
    for p in _PREFIXES:
        if low.startswith(p + " "):
            return name.strip()[len(p) + 1 :].strip()
    return name.strip()


@lru_cache(maxsize=1)
def official_phrases() -> frozenset[tuple[str, ...]]:
    """Every official district and regency name as a phrase (also without 'Kota'/'Kabupaten')."""
    out: set[tuple[str, ...]] = set()
    for _, name in regencies():
        out.update({_key(name), _key(_without_prefix(name))})
    for _, _, name in districts():
        out.add(_key(name))
    out.discard(())
    return frozenset(out)


def proper(name: str) -> str:
    """An upper-case official name as people write it: 'PANCORAN MAS' -> 'Pancoran Mas'."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), name)


def find_regency(city: str) -> tuple[str, str] | None:
    """The regency or city meant by a code ('3276') or a name ('Kota Depok', 'depok')."""
    want = city.strip()
    rows = regencies()
    for code, name in rows:
        if want == code or want.replace(".", "") == code:
            return code, name
    # names match as written (case and spacing aside): 'Kota Bogor'' is not Kota Bogor
    key = _plain(want)
    exact = [(c, n) for c, n in rows if _plain(n) == key]
    if exact:
        return exact[0]
    bare = [(c, n) for c, n in rows if _plain(_without_prefix(n)) == _plain(_without_prefix(want))]
    return bare[0] if len(bare) == 1 else None


def _plain(name: str) -> str:
    return " ".join(name.casefold().split())


def districts_of(code: str) -> list[str]:
    """The official districts of one regency or city, spelled as people write them."""
    return [proper(name) for _, reg, name in districts() if reg == code]


def city_note(city: str) -> str:
    """What `new-region --city` did with the official list: filled the districts or not."""
    found = find_regency(city)
    if found:
        n = len(districts_of(found[0]))
        return f"districts: the {n} official districts of {proper(found[1])} (BPS/Kemendagri list)"
    return (
        f"districts: {city!r} is not in the official list of 514 regencies and cities (give "
        "its name as 'Kota Depok' / 'Kabupaten Kupang' or its code, e.g. 3276); two "
        "placeholder districts were written instead"
    )


class Places:
    """Place phrases (official list + a region's districts) and phrases a user allowed."""

    def __init__(self, places: Iterable[str] = (), allowed: Iterable[str] = ()) -> None:
        self.places = set(official_phrases()) | {k for p in places if (k := _key(str(p)))}
        self.allowed = {k for a in allowed if (k := _key(str(a)))}
        self.longest = max((len(p) for p in self.places | self.allowed), default=1)

    def covers(self, text: str, start: int, end: int) -> bool:
        """Does a place phrase (or an allowed one) on the same line hold text[start:end]?"""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        s, e = start - line_start, end - line_start
        toks = [(m.start(), m.end(), m.group(0).casefold()) for m in _TOKEN.finditer(line)]
        inside = [i for i, (a, b, _) in enumerate(toks) if a < e and b > s]
        if not inside:
            return False
        lo, hi = inside[0], inside[-1]
        for i in range(max(0, hi - self.longest + 1), lo + 1):
            for j in range(hi + 1, min(len(toks), i + self.longest) + 1):
                phrase = tuple(t for _, _, t in toks[i:j])
                if phrase in self.allowed:
                    return True
                if phrase in self.places and (i < lo or j > hi + 1):
                    return True
        return False


@lru_cache(maxsize=1)
def official() -> Places:
    """The official list alone (what a scan without a region knows)."""
    return Places()
