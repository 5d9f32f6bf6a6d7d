"""Workbooks saved byte for byte the same from the same cells.

The scaffold's templates, the reconstruction scripts and the report tables all write .xlsx;
fixed document times make a regenerated file identical, so checksums and git diffs show only
real changes. Lives with the region's templates, the lowest stage that writes workbooks.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

FIXED_DOC_TIME = dt.datetime(2025, 7, 1, 0, 0, 0)


def save_workbook(wb: Workbook, path: Path, creator: str) -> None:
    """Save with fixed timestamps (document properties and zip entries): same cells, same bytes."""
    wb.properties.created = FIXED_DOC_TIME
    wb.properties.modified = FIXED_DOC_TIME
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    buf = io.BytesIO()
    wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)")
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = stamp.sub(rb"\g<1>2025-07-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DOC_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
