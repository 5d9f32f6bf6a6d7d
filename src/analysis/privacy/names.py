"""Known names (informants, the region's list) found in text, small typos tolerated."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from analysis.privacy.patterns import RANKS, UNITS, name_ok
from analysis.privacy.places import Places, official


def tokens(s: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", s)


@lru_cache(maxsize=1 << 16)  # the same words meet the same names over and over in a report
def _close(a: str, b: str) -> bool:
    """Two name tokens are the same name, allowing a typo or two in longer names."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= (0.8 if len(a) < 8 else 0.75)


class Names:
    """Known names (informants, the region's list) matched token by token, typos tolerated.

    A full name (or any two or more consecutive words of it) matches as a run of tokens,
    each allowed a small typo; a single word of a name matches only exactly, capitalised in
    the text and at least four letters long, so common words survive. `places` are the
    place names and allowed words a name hit must not fall inside (official list by default)."""

    def __init__(self, names: Iterable[str] = (), places: Places | None = None) -> None:
        self.places = places if places is not None else official()
        self.full: list[list[str]] = []
        self.single: set[str] = set()
        for n in names:
            toks = [t for t in tokens(str(n)) if t]
            if not toks:
                continue
            self.full.append(toks)
            self.single.update(t.casefold() for t in toks if len(t) >= 4)
        self.full.sort(key=len, reverse=True)
        # two-word runs of longer names match too ("Yohanes Lado" of "Yohanes Lado Bria")
        self.full += [
            t[i : i + 2] for t in list(self.full) if len(t) > 2 for i in range(len(t) - 1)
        ]
        self.full.sort(key=len, reverse=True)
        self._firsts = {t[0] for t in self.full if len(t) > 1}
        self._starts: dict[str, bool] = {}  # word -> could it begin a run of a known name

    def _may_start(self, word: str) -> bool:
        hit = self._starts.get(word)
        if hit is None:
            hit = self._starts[word] = any(_close(word, f) for f in self._firsts)
        return hit

    def __bool__(self) -> bool:
        return bool(self.full)

    def _single(self, tok: str) -> bool:
        # one word alone must match exactly: typo tolerance on single words hits common
        # words ("Sasaran" for "Samaran"); runs of two or more words tolerate typos
        return tok.casefold() in self.single

    def spans(self, text: str) -> list[tuple[int, int]]:
        words = [
            (m.start(), m.end(), m.group(0))
            for m in re.finditer(r"[^\W\d_]+", text)
            if not (text[m.start() - 1 : m.start()] == "[" and text[m.end() : m.end() + 1] in "]-")
        ]
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            hit = 0
            for toks in self.full if self._may_start(words[i][2]) else ():
                k = len(toks)
                if k > 1 and i + k <= len(words):
                    if all(_close(words[i + j][2], toks[j]) for j in range(k)):
                        hit = k
                        break
            if not hit and words[i][2][:1].isupper() and self._single(words[i][2]):
                hit = 1
            if hit and not self.places.covers(text, words[i][0], words[i + hit - 1][1]):
                out.append((words[i][0], words[i + hit - 1][1]))
                i += hit
            else:
                i += 1
        return out


def as_names(names: Iterable[str] | Names) -> Names:
    return names if isinstance(names, Names) else Names(names)


_WORD = re.compile(r"\S+")
_INSTITUTION = re.compile(rf"(?i:{UNITS}|{RANKS})\.?")  # a unit's word or a rank, never a name


def position_name_span(m: re.Match[str], places: Places) -> tuple[int, int] | None:
    """Where the person's name is in a POSITION_NAME_RE match, or None when only the
    institution is named: the words after the position that are a unit, a rank, a title or
    a place ("Kasat Reskrim Polres Depok", "Kapolres Kupang Kota AKBP ...") are dropped first."""
    words = list(_WORD.finditer(m.string, m.start("name"), m.end("name")))
    keys = [tuple(t.casefold() for t in tokens(w.group(0))) for w in words]
    i = 0
    while i < len(words):
        if _INSTITUTION.fullmatch(words[i].group(0)):
            i += 1
            continue
        place = next(  # the longest place phrase starting at this word
            (
                j
                for j in range(min(len(words), i + places.longest), i, -1)
                if (phrase := tuple(t for k in keys[i:j] for t in k)) in places.places
                or phrase in places.allowed
            ),
            None,
        )
        if place is None:
            break
        i = place
    # the next word is the name, unless it is a word that is never one ("Dan", "Bersama")
    if i == len(words) or not name_ok(words[i].group(0)):
        return None
    return words[i].start(), m.end("name")
