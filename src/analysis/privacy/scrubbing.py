"""`scrub`: identifiers in free text replaced with typed placeholders before anything is
written (notes, interview text and questions)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.privacy.names import Names, as_names, position_name_span
from analysis.privacy.patterns import (
    ADDRESS_RE,
    AGE_NOUN_RE,
    AGE_WORD_RE,
    AT_HANDLE_RE,
    DATE_SHAPES,
    EMAIL_RE,
    HONORIFIC_NAME_RE,
    INITIALS_RE,
    LINK_RE,
    LP_RE,
    PAREN_AGE_RE,
    PLACEHOLDERS,
    PLATFORM_HANDLE_RE,
    POSITION_NAME_RE,
    RANK_NAME_RE,
    ROLE_NAME_RE,
    RT_RW_RE,
    URL_PATH_RE,
    digit_runs,
    handle_named,
    handle_ok,
    is_minor_paren,
    name_ok,
)
from analysis.values.normalise import map_unique


def _sub_group(rx: re.Pattern[str], group: str, tag: str, text: str, ok=None) -> str:
    def repl(m: re.Match[str]) -> str:
        if ok is not None and not ok(m):
            return m.group(0)
        s, e = m.start(group) - m.start(), m.end(group) - m.start()
        whole = m.group(0)
        return whole[:s] + tag + whole[e:]

    return rx.sub(repl, text)


def scrub(text: object, names: Iterable[str] | Names = ()) -> object:
    """Replace identifiers in one free-text value with typed placeholders."""
    if not isinstance(text, str) or not text:
        return text
    out = LP_RE.sub(PLACEHOLDERS["lp_number"], text)
    out = EMAIL_RE.sub(PLACEHOLDERS["email"], out)
    out = LINK_RE.sub(PLACEHOLDERS["username"], out)
    out = URL_PATH_RE.sub(PLACEHOLDERS["link"], out)
    for s, e, kind in reversed(digit_runs(out)):
        out = (
            out[:s]
            + PLACEHOLDERS["nik" if kind == "nik" else "phone" if kind == "phone" else "digits"]
            + out[e:]
        )
    out = _phones(out)
    out = AT_HANDLE_RE.sub(PLACEHOLDERS["username"], out)
    out = _sub_group(
        PLATFORM_HANDLE_RE,
        "handle",
        PLACEHOLDERS["username"],
        out,
        lambda m: handle_ok(m) or handle_named(m),
    )
    out = RT_RW_RE.sub(PLACEHOLDERS["address"], out)
    out = ADDRESS_RE.sub(PLACEHOLDERS["address"], out)
    out = _sub_group(AGE_WORD_RE, "age", PLACEHOLDERS["minor_age"], out)
    out = _sub_group(AGE_NOUN_RE, "age", PLACEHOLDERS["minor_age"], out)
    out = _sub_group(PAREN_AGE_RE, "age", PLACEHOLDERS["minor_age"], out, is_minor_paren)
    out = _sub_group(INITIALS_RE, "name", PLACEHOLDERS["name"], out)
    known = as_names(names)
    ok = lambda m: name_ok(m.group("name")) and not _title_is_place(m, known)  # noqa: E731
    out = _sub_group(RANK_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    out = _sub_group(HONORIFIC_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    out = _sub_group(ROLE_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    out = POSITION_NAME_RE.sub(lambda m: _position_name(m, known), out)
    if known:
        for s, e in reversed(known.spans(out)):
            out = out[:s] + PLACEHOLDERS["name"] + out[e:]
    return out


def _position_name(m: re.Match[str], known: Names) -> str:
    span = position_name_span(m, known.places)
    if span is None:
        return m.group(0)
    s, e = span[0] - m.start(), span[1] - m.start()
    return m.group(0)[:s] + PLACEHOLDERS["name"] + m.group(0)[e:]


def _title_is_place(m: re.Match[str], known: Names) -> bool:
    """The title before a name is part of a place name ("Pancoran Mas" + "Sawangan")."""
    return known.places.covers(m.string, m.start(), m.start("name"))


_DIGIT = re.compile(r"\d")
_PHONE_DIGITS = 9  # the fewest digits a match must hold to count as a phone number


def _phones(text: str) -> str:
    """Phone numbers phonenumbers finds, of at least 9 digits. A text holding fewer digits
    (most notes and answers) cannot contain one: phonenumbers is then neither asked nor
    imported (about a thirtieth of `import pandas`)."""
    if len(_DIGIT.findall(text)) < _PHONE_DIGITS:
        return text
    import phonenumbers

    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID)
        if len(_DIGIT.findall(m.raw_string)) >= _PHONE_DIGITS
        and not DATE_SHAPES.match(m.raw_string)
    ]
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDERS["phone"] + text[end:]
    return text


def scrub_series(s, names: Iterable[str] | Names = (), before=None):
    """Scrub a column, once per distinct value; `before` (e.g. whitespace clean-up) runs
    first on the same distinct value, so the column is spread over its rows only once."""
    known = as_names(names)
    if before is None:
        return map_unique(s, lambda v: scrub(v, known))
    return map_unique(s, lambda v: scrub(before(v), known), dtype="str")
