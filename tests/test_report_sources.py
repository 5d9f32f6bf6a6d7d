"""Notebook 04 states where the coded segments came from: a workbook, or a QDA tool's export."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.report import summaries


def _manifest(tmp: Path, sources: list[dict]) -> Path:
    (tmp / "manifest.json").write_text(json.dumps({"sources": sources}), encoding="utf-8")
    return tmp


def test_a_qdpx_source_names_its_format_and_tool(tmp_path: Path) -> None:
    proc = _manifest(
        tmp_path,
        [
            {"kind": "outreach", "file": "F01", "sheet": "S01"},
            {
                "kind": "interviews",
                "file": "F02",
                "sheet": "S01",
                "format": "REFI-QDA project (.qdpx)",
                "exported_by": "ATLAS.ti 8.4.0",
            },
            {
                "kind": "interviews",
                "file": "F02",
                "sheet": "S02",
                "format": "REFI-QDA project (.qdpx)",
                "exported_by": "ATLAS.ti 8.4.0",
            },
        ],
    )
    assert summaries.interview_sources(proc) == [("REFI-QDA project (.qdpx)", "ATLAS.ti 8.4.0")]


def test_workbook_and_csv_sources_have_no_tool(tmp_path: Path) -> None:
    proc = _manifest(
        tmp_path,
        [
            {"kind": "interviews", "file": "F01", "sheet": "S01"},
            {"kind": "interviews", "file": "F02", "sheet": ""},
        ],
    )
    assert summaries.interview_sources(proc) == [("csv", ""), ("workbook", "")]


def test_the_bundled_region_says_workbook(cleaned) -> None:
    root, _ = cleaned
    assert summaries.interview_sources(root / "data/processed/kupang") == [("workbook", "")]
