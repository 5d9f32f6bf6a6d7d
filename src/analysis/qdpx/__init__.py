"""REFI-QDA project exchange (.qdpx / .qde): coded interviews from and to QDA tools.

Import (`read_qdpx`, used by `io.read_any` for .qdpx/.qde under interviews/) turns a project
into the three raw interview sheets the cleaning already knows; export (`export_region`,
`analysis export-qdpx`) writes the processed tables back as a project. One module per job:

- `archive`: the zip and the project XML opened safely, under the caps below;
- `model`: the project as plain structures, GUIDs compared without braces and case;
- `positions`: which counting a tool used for selection positions, spans that cut no word;
- `informants`: informants from Cases or sources as the region config says (`qda:`);
- `sheets`, `read`: the informants, segments and codings sheets;
- `export`: the deterministic, schema-valid .qdpx.

What real exports get wrong is reported per selection or per source, never guessed.
"""

from __future__ import annotations

# Caps on what an archive may expand to; read by `archive` at each call, so lowering one
# here (a test does) takes effect everywhere. Defined before the imports below need them.
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # bytes an archive may expand to in total
MAX_ENTRY = 64 * 1024 * 1024  # bytes one entry (project XML or a source text) may expand to
MAX_RATIO = 200  # expansion ratio beyond which a large entry is treated as a zip bomb
MAX_ENTRIES = 10_000

from analysis.qdpx.export import NS, build_project, export_region, write_qdpx  # noqa: E402
from analysis.qdpx.informants import INFORMANTS_FROM, qda_options  # noqa: E402
from analysis.qdpx.model import guid  # noqa: E402
from analysis.qdpx.positions import COUNTINGS  # noqa: E402
from analysis.qdpx.read import FORMAT, read_qdpx  # noqa: E402
from analysis.qdpx.sheets import QdpxSheet  # noqa: E402

__all__ = [
    "COUNTINGS",
    "FORMAT",
    "INFORMANTS_FROM",
    "MAX_ENTRIES",
    "MAX_ENTRY",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "NS",
    "QdpxSheet",
    "build_project",
    "export_region",
    "guid",
    "qda_options",
    "read_qdpx",
    "write_qdpx",
]
