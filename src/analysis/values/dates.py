"""Indonesian dates as field officers write them, read and written in one place.

Reading accepts month names and abbreviations, day names, WIB/WITA/WIT suffixes, Excel
serial numbers and day-first numeric dates; `format_date` writes the same styles, so the
reconstruction and the tests produce exactly what the reader must accept.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ["januari", "jan", "january"],
        ["februari", "feb", "peb", "pebruari", "february"],
        ["maret", "mar", "mrt", "march"],
        ["april", "apr"],
        ["mei", "may"],
        ["juni", "jun", "june"],
        ["juli", "jul", "july"],
        ["agustus", "ags", "agu", "agt", "agst", "aug", "august"],
        ["september", "sep", "sept"],
        ["oktober", "okt", "oct", "october"],
        ["november", "nov", "nop", "nopember"],
        ["desember", "des", "dec", "december"],
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i
# weekday names (Monday = 0), full, short and English; longest first so "Selasa" beats "Sel"
_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ["senin", "sen", "monday", "mon"],
        ["selasa", "sel", "tuesday", "tue"],
        ["rabu", "rab", "wednesday", "wed"],
        ["kamis", "kam", "thursday", "thu"],
        ["jumat", "jum'at", "jum’at", "jum", "friday", "fri"],
        ["sabtu", "sab", "saturday", "sat"],
        ["minggu", "min", "ahad", "sunday", "sun"],
    ]
):
    for _n in _names:
        _WEEKDAYS[_n] = _i
DAYS = list(_WEEKDAYS)
_DAY_RE = re.compile(
    r"^\s*("
    + "|".join(re.escape(d) for d in sorted(DAYS, key=len, reverse=True))
    + r")\b\.?[\s,./-]*",
    re.I,
)
_LEAD_RE = re.compile(r"^\s*(?:tanggal|tgl)\b\.?\s*:?\s*", re.I)
# a clock time, then a part of the day ("3:25:50 sore") and a time zone, all optional
_TIME_RE = re.compile(
    r"(?:\s*,?\s*(?:pukul|pkl\.?|jam)?\s*\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?"
    r"(?:\s*(?:pagi|siang|sore|petang|malam|am|pm))?\s*(?:wib|wita|wit)?\s*$",
    re.I,
)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$", re.I)
_DMONY = re.compile(r"^(\d{1,2})[\s.-]+([a-z]+)\.?[\s.,-]+(\d{4}|\d{2})$", re.I)
_MONDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)
EXCEL_EPOCH = dt.date(1899, 12, 30)


def excel_serial_to_date(v: float) -> dt.date | None:
    if not (1 <= v < 2958466):
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(v))


def parse_date(v: Any) -> dt.date | None:
    """One Indonesian field date -> date, or None if it cannot be read unambiguously."""
    try:
        return _parse_date(v)
    except (ValueError, OverflowError, TypeError):
        return None


def _parse_date(v: Any) -> dt.date | None:
    d, weekday = _read(v)
    if d is not None and weekday is not None and weekday != d.weekday():
        return None  # the named weekday contradicts the date: which one is wrong is unknown
    return d


def weekday_conflict(v: Any) -> str:
    """Why a date naming a weekday was refused ('' when it was not): the weekday written
    and the one the date falls on, so the officer can tell which to correct."""
    try:
        d, weekday = _read(v)
    except (ValueError, OverflowError, TypeError):
        return ""
    if d is None or weekday is None or weekday == d.weekday():
        return ""
    return (
        f"it names {_DAY_NAMES[weekday]} ({_DAY_EN[weekday]}), but {d.day} {d:%B %Y} is a "
        f"{_DAY_NAMES[d.weekday()]} ({_DAY_EN[d.weekday()]})"
    )


def _read(v: Any) -> tuple[dt.date | None, int | None]:
    """The date a cell holds and the weekday it names (Monday = 0), unchecked."""
    if v is None:
        return None, None
    if isinstance(v, dt.datetime):
        return v.date(), None
    if isinstance(v, dt.date):
        return v, None
    if isinstance(v, pd.Timestamp):
        return (None if pd.isna(v) else v.date()), None
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        if v != v:  # NaN
            return None, None
        return excel_serial_to_date(float(v)), None
    if not isinstance(v, str):
        return None, None
    s = v.strip().replace("\u00a0", " ")
    if not s:
        return None, None
    s = _LEAD_RE.sub("", s)
    day = _DAY_RE.match(s)
    s = _LEAD_RE.sub("", s[day.end() :] if day else s)
    s = _TIME_RE.sub("", s).strip().rstrip(",").strip()
    if s.startswith("(") and s.endswith(")"):  # "Selasa (14/03/2023)"
        s = s[1:-1].strip()
    return _parse_plain(s), (_WEEKDAYS[day.group(1).casefold()] if day else None)


def _year(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


def _parse_plain(s: str) -> dt.date | None:
    """A date without weekday, time or decoration."""
    if re.fullmatch(r"\d{5}(?:\.0+)?", s):
        return excel_serial_to_date(float(s))
    m = _YMD.match(s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.match(s)
    if m:
        return dt.date(_year(m[3]), int(m[2]), int(m[1]))
    m = _DMONY.match(s)
    if m:
        mon = MONTHS.get(m[2].casefold())
        return None if mon is None else dt.date(_year(m[3]), mon, int(m[1]))
    m = _MONDY.match(s)
    if m:  # "Maret 14, 2023"
        mon = MONTHS.get(m[1].casefold())
        return None if mon is None else dt.date(int(m[3]), mon, int(m[2]))
    return None


DATE_STYLES = (
    "iso",
    "slash",
    "dash",
    "abbr",
    "long",
    "dayname",
    "dayname_long",
    "long_wita",
    "wita",
    "serial",
)
_MONTH_LONG = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Ags", "Sep", "Okt", "Nop", "Des"]
_DAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu"]
_DAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


_MONTH_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(d: dt.date | pd.Timestamp, lang: str = "en") -> str:
    """A date as a reader writes it: '1 January 2022', '1 Januari 2022'."""
    months = _MONTH_LONG if lang == "id" else _MONTH_EN
    return f"{d.day} {months[d.month - 1]} {d.year}"


def format_date(d: dt.date, style: str, hour: int | None = None) -> str | float:
    """Write a date in one of the supported field styles (used by tests and the reconstruction).

    `hour` sets the clock time printed by the timed styles ("dayname_long", "long_wita",
    "wita"); without it each prints its usual hour.
    """
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dash":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "abbr":
        return f"{d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"
    if style == "long":
        return f"{d.day} {_MONTH_LONG[d.month - 1]} {d.year}"
    if style == "dayname":
        return f"{_DAY_NAMES[d.weekday()]}, {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"
    if style == "dayname_long":
        h = 9 if hour is None else hour
        return f"{_DAY_NAMES[d.weekday()]}, {d.day} {_MONTH_LONG[d.month - 1]} {d.year} pukul {h:02d}.00 WITA"
    if style == "long_wita":  # "14 Maret 2023 pukul 9.00 WITA": the hour is not padded
        h = 9 if hour is None else hour
        return f"{d.day} {_MONTH_LONG[d.month - 1]} {d.year} pukul {h}.00 WITA"
    if style == "wita":  # "14-03-2023 20:00 WITA"
        h = 20 if hour is None else hour
        return f"{d.day:02d}-{d.month:02d}-{d.year} {h:02d}:00 WITA"
    if style == "serial":
        return float((d - EXCEL_EPOCH).days)
    raise ValueError(f"unknown date style {style!r}")
