"""Interviews: informants, their paraphrased segments, and two coders' codes (A8, A9).

K2 departs from K1 on about one segment in eight by picking the theme's neighbour, and writes
labels with inconsistent case, so agreement is substantial but imperfect.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .common import Planted, Writer, field_date, write_table

Story = dict[str, Any]


def _informant_rows(
    rng: random.Random, s: dict[str, Any], names: dict[str, str], day: dict[str, dt.date]
) -> list[list[object]]:
    return [
        [
            i["code"],
            names[i["code"]],
            i["role"],
            i["unit"],
            i["organisation"],
            field_date(day[i["code"]], rng, ("cell", "abbr")),
        ]
        for i in s["informants"]
    ]


def _k2_code(rng: random.Random, s: dict[str, Any], sid: str, theme: str) -> list[object]:
    """The second coder's code: sometimes the neighbouring theme, sometimes odd casing."""
    other = theme
    if rng.random() < 0.125:
        other = s["themes"][theme]["neighbour"]
    aspect, label = s["themes"][other]["aspect"], s["themes"][other]["label"]
    return [
        sid,
        "K2",
        aspect.lower() if rng.random() < 0.3 else aspect,
        label.upper() if rng.random() < 0.1 else label,
    ]


def _segments(
    rng: random.Random, s: dict[str, Any], names: dict[str, str], day: dict[str, dt.date]
) -> tuple[list[list[object]], list[list[object]]]:
    """Segment rows and coding rows (K1 then K2 for each segment), in theme order."""
    aloud = s["name_said_aloud"]
    seg_rows, code_rows = [], []
    k = 0
    for theme, t in s["themes"].items():
        for text, speaker in zip(t["segments"], t["speakers"], strict=True):
            k += 1
            sid = f"S{k:03d}"
            if k in aloud["segments"]:
                text = aloud["text"].format(segment=text, name=names[aloud["informant"]])
            date = field_date(day[speaker], rng, ("slash", "abbr"))
            seg_rows.append([sid, names[speaker], date, s["questions"][t["aspect"]], text])
            code_rows.append([sid, "K1", t["aspect"], t["label"]])
            code_rows.append(_k2_code(rng, s, sid, theme))
    return seg_rows, code_rows


def interviews(rng: random.Random, planted: Planted, story: Story, writer: Writer) -> None:
    """Informant, segment and coding sheets, with one coding row left without a theme (M7)."""
    s = story["interviews"]
    fname = s["file"]
    names = {i["code"]: planted.ident("name", i["name"]) for i in s["informants"]}
    first_day = dt.date.fromisoformat(s["first_interview"])
    day = {i["code"]: first_day + dt.timedelta(days=2 * n) for n, i in enumerate(s["informants"])}
    (informant, segment, coding), headers = list(s["sheets"]), list(s["sheets"].values())
    wb = writer.workbook(s["about"])
    write_table(wb.create_sheet(informant), headers[0], _informant_rows(rng, s, names, day), None)
    seg_rows, code_rows = _segments(rng, s, names, day)
    write_table(wb.create_sheet(segment), headers[1], seg_rows, None)
    bad_at = 50
    code_rows.insert(bad_at, list(s["missing_theme"]))
    first = write_table(wb.create_sheet(coding), headers[2], code_rows, None)
    what = "coding row without a theme"
    planted.problem("P6", fname, coding, first + bad_at, headers[2][3], "missing_value", what)
    writer.save(wb, fname)
