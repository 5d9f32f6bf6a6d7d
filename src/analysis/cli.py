"""Command line: `analysis <command> --region SLUG` (also `python -m analysis`)."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis import __version__
from analysis.commands import (
    cmd_clean,
    cmd_export,
    cmd_export_qdpx,
    cmd_findings,
    cmd_manifest,
    cmd_new_region,
    cmd_privacy_scan,
    cmd_reproduce,
    cmd_validate,
    cmd_verify_raw,
    cmd_vocab,
    err,
)
from analysis.paths import regions

# imported where they are raised: `analysis reproduce` with nothing to do imports no pandas
_KNOWN_ERRORS = (
    ("analysis.region.config", "ConfigError"),
    ("analysis.errors", "InputError"),
    ("analysis.privacy.gate", "PrivacyGateError"),
)


_STRICT = (
    ("--strict",),
    {
        "action": "store_true",
        "help": "exit 1 if any row is rejected or an input holds nothing to analyse",
    },
)
_LANG = (("--lang",), {"choices": ["id", "en"], "default": "en"})
_WAIT = (
    ("--wait",),
    {"action": "store_true", "help": "wait for another run on the region instead of refusing"},
)
_FORCE_OUT = (
    ("--force",),
    {"action": "store_true", "help": "replace an existing file or non-empty folder at --out"},
)
_CHECK = (("--check",), {"action": "store_true", "help": "exit 1 if a claim is not reproduced"})

# name -> (function, needs --region, one-line help, description, other arguments)
COMMANDS: dict[str, tuple[Any, bool, str, str, list[tuple[tuple[str, ...], dict]]]] = {
    "verify-raw": (
        cmd_verify_raw,
        True,
        "check raw files against data/raw/SLUG/SHA256SUMS",
        "Fail if any raw file differs from its checksum manifest.",
        [],
    ),
    "new-region": (
        cmd_new_region,
        False,
        "write config/regions/SLUG.yml and Excel templates under data/raw/SLUG",
        "Scaffold a new region: a commented config and templates with drop-down lists, ready "
        "to fill in. Never overwrites an existing file.",
        [
            (("slug",), {"help": "short lower-case region code, e.g. depok"}),
            (("--name",), {"help": "region name, e.g. 'Kota Depok'"}),
            (("--city",), {"help": "'Kota Depok' or code 3276: fills the official districts"}),
            (("--polda",), {"default": "ISI / FILL IN", "help": "police force studied"}),
            (("--start",), {"help": "study period start, YYYY-MM-DD"}),
            (("--end",), {"help": "study period end, YYYY-MM-DD"}),
        ],
    ),
    "manifest": (
        cmd_manifest,
        True,
        "write data/raw/SLUG/SHA256SUMS from the raw files as they are now",
        "Record the checksum of every raw file; reproduce refuses raw data that drifted from it.",
        [],
    ),
    "clean": (
        cmd_clean,
        True,
        "raw workbooks and .qdpx projects -> data/processed/SLUG tables",
        "Read every .xlsx/.csv under data/raw/SLUG/{outreach,cases,interviews} (and REFI-QDA "
        ".qdpx/.qde projects under interviews/), normalise, validate, pseudonymise and write "
        "tidy tables, rejects.csv and manifest.json.",
        [_STRICT, _WAIT],
    ),
    "validate": (
        cmd_validate,
        True,
        "run the cleaning checks without writing anything",
        "Same checks as `clean`, prints every reject, writes nothing.",
        [_STRICT],
    ),
    "privacy-scan": (
        cmd_privacy_scan,
        False,
        "scan files or folders for identifiers (the privacy gate's check)",
        "Scan .csv, .tsv, .txt, .md, .html, .json, .ipynb, .xlsx, .docx, .parquet, .dta, .sav, "
        ".qdpx, .qde, .xml, .svg and PNG text for names, NIKs, phone numbers, handles, LP "
        "numbers, addresses and minors' ages; prints the file and the kind of identifier, "
        "never the value. Exit 1 on any finding, and on any file it could not read as its "
        "format (listed), a special file (FIFO, device) or an unreadable folder.",
        [
            (("paths",), {"nargs": "+", "metavar": "PATH"}),
            (
                ("--region",),
                {"default": None, "help": "also look for the region's known names (data/private)"},
            ),
        ],
    ),
    "findings": (
        cmd_findings,
        True,
        "compute the thesis claims from processed data",
        "Evaluate the region config's claims against data/processed (the shared tables; a "
        "claim on a column they withhold for k-anonymity says 'withheld').",
        [
            _LANG,
            _CHECK,
            (
                ("--private",),
                {"action": "store_true", "help": "on data/private/SLUG's case tables"},
            ),
        ],
    ),
    "vocab": (
        cmd_vocab,
        False,
        "list the tables, columns and allowed values a claim may name",
        "Every table, its columns with their meanings in English and Indonesian, and a "
        "column's allowed values with their meanings and the spellings the cleaning accepts "
        "(README, 'Claims').",
        [
            (("--table",), {"default": None, "help": "list this table's columns"}),
            (("--column",), {"default": None, "help": "list this column's allowed values"}),
            (
                ("--region",),
                {"default": None, "help": "include the region's own districts, agencies, labels"},
            ),
        ],
    ),
    "reproduce": (
        cmd_reproduce,
        True,
        "clean, execute notebooks, render reports, check claims",
        "Rebuild reports/SLUG from data/raw (skips work whose inputs did not change).",
        [
            (
                ("--lang",),
                {
                    "choices": ["id", "en"],
                    "nargs": "+",
                    "default": ["en"],
                    "help": "one or both languages (one clean and one run for all)",
                },
            ),
            _CHECK,
            (
                ("--force",),
                {"action": "store_true", "help": "redo every step even if nothing changed"},
            ),
            (
                ("--index",),
                {
                    "action": "store_true",
                    "help": "also rewrite reports/index.html and index.id.html (the pages "
                    "listing every region; done anyway when every region is rebuilt)",
                },
            ),
            _WAIT,
        ],
    ),
    "export-qdpx": (
        cmd_export_qdpx,
        True,
        "processed interviews -> a REFI-QDA project (.qdpx) for QDA tools",
        "Write the scrubbed segments, both coders' codings, the code book and informant roles "
        "(as Cases) from data/processed/SLUG as a .qdpx project. Selection positions count "
        "characters, as the REFI-QDA standard, QualCoder, ATLAS.ti and MAXQDA do; give "
        "--positions utf16 for NVivo, which counts UTF-16 code units (they differ where a "
        "text holds an emoji).",
        [
            (("--out",), {"required": True, "help": "the .qdpx file to write"}),
            (
                ("--positions",),
                {
                    "choices": ["characters", "utf16"],
                    "default": "characters",
                    "help": "unit of selection positions (utf16 for NVivo; default characters)",
                },
            ),
            _FORCE_OUT,
            _WAIT,
        ],
    ),
    "export": (
        cmd_export,
        True,
        "processed tables for Stata (.dta), SPSS (.sav) or R (CSV + codebook)",
        "Write every processed table with variable and value labels from the codebook and the "
        "label dictionary (default folder build/export/SLUG/FORMAT-LANG).",
        [
            (("--format",), {"required": True, "choices": ["dta", "sav", "csv-r"]}),
            (
                ("--lang",),
                {"choices": ["id", "en"], "default": "en", "help": "language of the labels"},
            ),
            (
                ("--out",),
                {
                    "type": Path,
                    "default": None,
                    "help": "output folder (a new or empty one; build/export/... is replaced)",
                },
            ),
            _FORCE_OUT,
            _WAIT,
        ],
    ),
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="analysis",
        description="Re-run the Polda NTT / MiChat thesis analysis from raw field records.",
    )
    p.add_argument("--version", action="version", version=f"analysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    bundled = ", ".join(regions()) or "none"
    for name, (func, needs_region, help_, description, arguments) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=description)
        if needs_region:
            many = name == "reproduce"  # several regions share one clean and one pool
            sp.add_argument(
                "--region",
                required=True,
                nargs="+" if many else None,
                help=f"region slug{'s' if many else ''}, a file in config/regions/ "
                f"(bundled: {bundled})",
            )
        for flags, kwargs in arguments:
            sp.add_argument(*flags, **kwargs)
        sp.set_defaults(func=func)
    return p


def _known(e: BaseException) -> bool:
    """An error of the project's own kinds (a module not imported cannot have raised one)."""
    for module, name in _KNOWN_ERRORS:
        mod = sys.modules.get(module)
        if mod is not None and isinstance(e, getattr(mod, name)):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # this process is the command, not a test calling main([...])
        if hasattr(signal, "SIGPIPE"):  # `analysis validate | head` ends quietly
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        gc.disable()  # while the command imports; see commands.imported
    try:
        return _run(build_parser().parse_args(argv))
    finally:
        if argv is None:  # the process ends: no last collector pass over every object
            gc.freeze()


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as e:  # a file removed while the run was reading it
        return err(str(e))
    except OSError as e:  # the last net: a disk that filled up, a folder made read-only meanwhile
        where = f"{e.filename}: " if e.filename else ""
        return err(f"{where}{e.strerror or e}; check the path and its permissions, then run again")
    except Exception as e:
        if _known(e):
            return err(str(e))
        raise
    except KeyboardInterrupt:
        err("interrupted; child processes stopped, previous outputs are intact")
        return 130
