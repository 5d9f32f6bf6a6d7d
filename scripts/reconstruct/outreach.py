"""Outreach records: legal-education sessions, weekly cyber patrols, lodging inspections.

Each generator draws from the shared rng in a fixed order; changing the order of draws (or of
the story's lists) changes every file written after it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .common import Planted, Writer, distinct_days, field_date, months, write_table

Story = dict[str, Any]


def _period(story: Story) -> tuple[dt.date, dt.date]:
    p = story["period"]
    return dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])


def _session_row(
    rng: random.Random, planted: Planted, story: Story, d: dt.date, english: bool
) -> list[object]:
    """One legal-education session held on day d (its "No" is filled in later)."""
    s = story["education"]
    aud_key = rng.choices(
        list(s["audiences"]), weights=[a["weight"] for a in s["audiences"].values()]
    )[0]
    aud = s["audiences"][aud_key]
    venue = rng.choice(aud["venues"])
    district = rng.choice(list(story["districts"]))
    partners = ""
    if rng.random() < 0.6:
        partners = ", ".join(rng.sample(s["partners"], rng.choice([1, 1, 2])))
    people = rng.randint(25, 180)
    note = ""
    roll = rng.random()
    if roll < 0.05:
        note = "Narahubung panitia: " + planted.ident(
            "phone", f"0812-3000-{rng.randint(1, 99):04d}"
        )
    elif roll < 0.08:
        note = "Peserta melapor akun mencurigakan " + planted.ident(
            "username", f"@michat_fiktif_{rng.randint(1, 99):02d}"
        )
    return [
        None,
        field_date(d, rng, ("cell", "dayname", "slash", "abbr", "long_wita")),
        s["activity_en"] if english and rng.random() < 0.5 else rng.choice(s["activity"]),
        aud["en"] if english else rng.choice(aud["variants"]),
        people if rng.random() < 0.7 else f"{people} orang",
        s["venues_en"][venue] if english else venue,
        rng.choice(story["districts"][district]),
        partners or ("-" if rng.random() < 0.5 else None),
        rng.choice(s["units"]),
        note or None,
    ]


def education(rng: random.Random, planted: Planted, story: Story, writer: Writer) -> None:
    """Legal-education sessions (A2-A4), one sheet a year, with three rows to reject (M7)."""
    s = story["education"]
    by_year: dict[int, list[list[object]]] = {}
    for y, m in months(*_period(story)):
        for d in distinct_days(rng, y, m, rng.choice(s["sessions_per_month"]), weekdays_only=True):
            row = _session_row(rng, planted, story, d, english=y == s["english_year"])
            by_year.setdefault(y, []).append(row)
    for rows in by_year.values():
        for i, row in enumerate(rows, start=1):
            row[0] = i
    # Planted rejects (extra rows; the monthly counts above stay within the band without them).
    years = sorted(by_year)
    first_year, dup_year, english = years[0], years[1], s["english_year"]
    by_year[first_year].insert(0, list(s["out_of_period"]))
    dup_src = 5
    by_year[dup_year].insert(dup_src + 1, list(by_year[dup_year][dup_src]))
    by_year[english].append([len(by_year[english]) + 1, *s["unknown_audience"]])

    wb = writer.workbook(s["about"])
    for y in years:
        header = s["header_en"] if y == english else s["header"]
        ws = wb.create_sheet(str(y))
        first = write_table(ws, header, by_year[y], s["title"].format(year=y))
        if y == first_year:
            what = f"session dated {s['out_of_period'][1]}, before the study period"
            planted.problem("P1", s["file"], str(y), first, header[1], "out_of_period", what)
        if y == dup_year:
            what = f"exact copy of Excel row {first + dup_src}"
            planted.problem("P2", s["file"], str(y), first + dup_src + 1, "", "duplicate", what)
        if y == english:
            row = first + len(by_year[y]) - 1
            what = f"audience '{s['unknown_audience'][2]}' is not in the taxonomy"
            planted.problem("P3", s["file"], str(y), row, header[3], "unknown_label", what)
    writer.save(wb, s["file"])


def _patrol_row(rng: random.Random, planted: Planted, story: Story, d: dt.date) -> list[object]:
    s = story["patrol"]
    note = ""
    roll = rng.random()
    if roll < 0.04:
        note = (
            "Akun "
            + planted.ident("username", f"@om_fiktif_{rng.randint(10, 99)}")
            + " menawarkan jasa"
        )
    elif roll < 0.06:
        note = "Nomor WA di profil " + planted.ident(
            "phone", f"+62 813 0000 {rng.randint(1, 999):04d}"
        )
    return [
        field_date(d, rng, ("iso", "slash", "wita", "abbr")),
        rng.choice(s["activity"]),
        rng.choice(s["platform"]),
        rng.choice(s["feature"]),
        rng.choice(s["accounts_flagged"]),
        rng.choice(s["units"]),
        note,
    ]


def patrol(rng: random.Random, planted: Planted, story: Story, writer: Writer) -> None:
    """A patrol in every Monday-Sunday week of the period, a second in about a fifth (A5)."""
    s = story["patrol"]
    start, end = _period(story)
    rows: list[list[object]] = []
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        days = [d for d in days if start <= d <= end]
        k = 2 if (rng.random() < 0.2 and len(days) > 1) else 1
        for d in sorted(rng.sample(days, k)):
            rows.append(_patrol_row(rng, planted, story, d))
        monday += dt.timedelta(days=7)
    at = 40
    rows.insert(at, list(s["missing_date"]))
    what = "patrol entry without a date"
    planted.problem("P4", s["file"], "", at + 2, s["header"][0], "missing_value", what)
    writer.csv(s["file"], s["header"], rows)


def _inspection_row(rng: random.Random, planted: Planted, story: Story, d: dt.date) -> list[object]:
    s = story["lodging"]
    note = None
    roll = rng.random()
    if roll < 0.04:
        nik = f"537101{rng.randint(1, 28):02d}0{rng.randint(1, 9)}00{rng.randint(1, 9):04d}"
        note = "Tamu tanpa identitas, NIK " + planted.ident("nik", nik[:16])
    elif roll < 0.06:
        note = "Penginapan di " + planted.ident(
            "address", f"Jl. Contoh Fiktif No. {rng.randint(1, 99)}"
        )
    district = rng.choice(list(story["districts"]))
    return [
        field_date(d, rng, ("cell", "cell", "dayname", "slash")),
        rng.choice(s["activity"]),
        rng.choice(s["audience"]),
        rng.choice(story["districts"][district]),
        rng.randint(2, 9),
        rng.choice(s["partners"]) or None,
        rng.choice(s["units"]),
        note,
    ]


def lodging(rng: random.Random, planted: Planted, story: Story, writer: Writer) -> None:
    """Lodging inspections (A6), with a blank row (M5) and an unknown district (M7)."""
    s = story["lodging"]
    rows: list[list[object]] = []
    for y, m in months(*_period(story)):
        n = rng.choice(s["inspections_per_month"])
        for d in distinct_days(rng, y, m, n, weekdays_only=False):
            rows.append(_inspection_row(rng, planted, story, d))
    blank_at = 57
    rows.insert(blank_at, [])  # an empty row left in the middle of the sheet
    bad_at = 120
    rows.insert(bad_at, list(s["unknown_district"]))
    wb = writer.workbook(s["about"])
    first = write_table(wb.create_sheet(s["sheet"]), s["header"], rows, None)
    what = f"'{s['unknown_district'][3]}' is a district of Kabupaten Kupang, not of Kota Kupang"
    planted.problem(
        "P5", s["file"], s["sheet"], first + bad_at, s["header"][3], "unknown_label", what
    )
    writer.save(wb, s["file"])
