"""Police reports (LP): the register, one row per report, and the dated stage log.

Ages are written exactly, as a police register would, so the cleaning has to band them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .common import Planted, Writer, field_date, write_table

Story = dict[str, Any]


def _note(planted: Planted, spec: dict[str, str] | None) -> str | None:
    """A free-text note carrying one planted identifier, or None."""
    if not spec:
        return None
    return spec["text"].format(planted.ident(spec["kind"], spec["value"]))


def _stage_log(
    rng: random.Random, planted: Planted, story: Story, lp: str, report: dict[str, Any]
) -> list[list[object]]:
    """The eight stages of one report, in order, each a drawn number of days after the last."""
    s = story["cases"]
    rows: list[list[object]] = []
    when = dt.date.fromisoformat(report["date"])
    stage_note = report.get("stage_note") or {}
    for stage, labels in s["stages"].items():
        if stage in s["stage_gaps"]:
            lo, hi = s["stage_gaps"][stage]
            when = when + dt.timedelta(days=rng.randint(lo, hi))
        note = _note(planted, stage_note) if stage_note.get("stage") == stage else None
        rows.append(
            [
                lp,
                rng.choice(labels),
                field_date(when, rng, ("cell", "slash", "abbr", "dayname")),
                note,
            ]
        )
    return rows


def cases(rng: random.Random, planted: Planted, story: Story, writer: Writer) -> None:
    """The five reports of the story (A7) and their stage logs."""
    s = story["cases"]
    reg_rows, stage_rows = [], []
    for i, r in enumerate(s["reports"], start=1):
        d = dt.date.fromisoformat(r["date"])
        lp = planted.ident(
            "lp_number", s["lp_number"].format(seq=r["seq"], roman=r["roman"], year=d.year)
        )
        planted.ident("age_text", r["ages"])
        reg_rows.append(
            [
                i,
                lp,
                field_date(d, rng, ("cell", "dayname", "slash")),
                r["modus"],
                s["platform"],
                r["victims"],
                r["ages"],
                r["sex"],
                r["suspects"],
                r["statutes"],
                s["status"],
                _note(planted, r.get("note")),
            ]
        )
        stage_rows += _stage_log(rng, planted, story, lp, r)
    wb = writer.workbook(s["about"])
    write_table(wb.create_sheet(s["register_sheet"]), s["register_header"], reg_rows, None)
    write_table(wb.create_sheet(s["stage_sheet"]), s["stage_header"], stage_rows, None)
    writer.save(wb, s["file"])
