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
DAYS = [
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "jum’at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
_DAY_RE = re.compile(r"^\s*(?:" + "|".join(re.escape(d) for d in DAYS) + r")\b[\s,./-]*", re.I)
_TIME_RE = re.compile(
    r"(?:\s*,?\s*(?:pukul|pkl\.?|jam)?\s*\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?\s*(?:wib|wita|wit)?\s*$",
    re.I,
)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$", re.I)
_DMONY = re.compile(r"^(\d{1,2})[\s.-]+([a-z]+)\.?[\s.,-]+(\d{4})$", re.I)
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
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        if v != v:  # NaN
            return None
        return excel_serial_to_date(float(v))
    if not isinstance(v, str):
        return None
    s = v.strip().replace("\u00a0", " ")
    if not s:
        return None
    s = _DAY_RE.sub("", s)
    s = _TIME_RE.sub("", s).strip().rstrip(",").strip()
    if re.fullmatch(r"\d{5}(?:\.0+)?", s):
        return excel_serial_to_date(float(s))
    m = _YMD.match(s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.match(s)
    if m:
        y = int(m[3])
        if y < 100:
            y += 2000
        return dt.date(y, int(m[2]), int(m[1]))
    m = _DMONY.match(s)
    if m:
        mon = MONTHS.get(m[2].casefold())
        if mon is None:
            return None
        return dt.date(int(m[3]), mon, int(m[1]))
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
