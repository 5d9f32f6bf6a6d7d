"""Command line: `analysis <command> --region SLUG` (also `python -m analysis`)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis import __version__
from analysis.paths import Paths, regions

# imported where they are raised: `analysis reproduce` with nothing to do imports no pandas
_KNOWN_ERRORS = (
    ("analysis.config", "ConfigError"),
    ("analysis.errors", "InputError"),
    ("analysis.gate", "PrivacyGateError"),
)


def _err(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def cmd_verify_raw(args: argparse.Namespace) -> int:
    from analysis.rawdata import verify

    paths = Paths.for_region(args.region)
    try:
        drift = verify(paths.raw)
    except (FileNotFoundError, ValueError) as e:
        return _err(str(e))
    if drift.ok:
        print(f"{paths.raw}: all raw files match SHA256SUMS")
        return 0
    print(f"{paths.raw}: raw data drifted from SHA256SUMS ({drift.describe()})", file=sys.stderr)
    return 1


def cmd_clean(args: argparse.Namespace, write: bool = True) -> int:
    from analysis import private
    from analysis.clean import clean_region

    def say(msg: str) -> None:
        print(f"  {msg}", flush=True)

    print(f"{'cleaning' if write else 'validating'} region {args.region}", flush=True)
    result = clean_region(args.region, write_outputs=write, progress=say)
    print(result.summary())
    n = len(result.rejects)
    if n:
        paths = Paths.for_region(args.region)
        where = (
            f"{private.folder(paths) / 'rejects.csv'} (real file names and values; stays on this "
            f"machine) and {paths.processed / 'rejects.csv'} (shareable: file ids F01.., values "
            "withheld)"
        )
        print(f"  {n} row(s) not used; see {where if write else 'the list below'}")
        if not write:
            for r in result.rejects.itertuples(index=False):
                sheet = f", sheet {r.source_sheet!r}" if r.source_sheet else ""
                sugg = f" ({r.suggestion})" if r.suggestion else ""
                print(
                    f"    {r.source_file}{sheet}, row {r.source_row}, column {r.column!r}: "
                    f"{r.problem}{sugg}"
                )
    if write:
        print(f"  wrote {Paths.for_region(args.region).processed}")
    if getattr(args, "strict", False) and n:
        return 1
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    return cmd_clean(args, write=False)


def cmd_privacy_scan(args: argparse.Namespace) -> int:
    """Scan folders or files with the privacy gate's detectors; names files and kinds only."""
    from pathlib import Path

    from analysis import gate
    from analysis.pipeline import region_gate

    names: Any = []
    k = 3
    if args.region:
        names, k = region_gate(Paths.for_region(args.region))
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return _err(f"not found: {', '.join(missing)}")
    hits = gate.scan([Path(p) for p in args.paths], names, k=k)
    for f, kind in hits:
        print(f"{f}: {kind}")
    if hits:
        print(f"{len(hits)} finding(s); values are never printed", file=sys.stderr)
        return 1
    print(f"no identifiers found in {', '.join(args.paths)}")
    return 0


def cmd_findings(args: argparse.Namespace) -> int:
    from analysis.findings import evaluate_region, format_table

    processed = Paths.for_region(args.region).processed
    if not (processed / "manifest.json").exists():
        return _err(
            f"no processed tables in {processed} yet; run `analysis clean --region "
            f"{args.region}` first"
        )
    findings = evaluate_region(args.region, private_tier=args.private)
    print(format_table(findings, args.lang))
    failed = [f for f in findings if not f["reproduced"] and not f.get("withheld")]
    return 1 if args.check and failed else 0


def cmd_reproduce(args: argparse.Namespace) -> int:
    from analysis.pipeline import reproduce_many

    return reproduce_many(args.region, args.lang, check=args.check, force=args.force)


def cmd_export_qdpx(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.qdpx import export_region

    counts = export_region(args.region, Path(args.out))
    print(f"wrote {args.out} ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.export import export_region

    written = export_region(args.region, args.format, lang=args.lang, out=args.out)
    print(f"wrote {len(written)} file(s) to {written[0].parent if written else args.out}")
    return 0


def cmd_new_region(args: argparse.Namespace) -> int:
    from analysis.scaffold import new_region

    written = new_region(
        args.slug, name=args.name, city=args.city, polda=args.polda, start=args.start, end=args.end
    )
    root = Paths.for_region(args.slug).root
    for p in written:
        print(f"wrote {p.relative_to(root)}")
    if args.city:
        print(_city_note(args.city))
    print(
        f"next: edit {written[0].relative_to(root)}, fill the templates, then run\n"
        f"  analysis validate --region {args.slug}\n"
        f"  analysis manifest --region {args.slug}\n"
        f"  analysis reproduce --region {args.slug} --check"
    )
    return 0


def _city_note(city: str) -> str:
    """Whether `--city` was found in the official list (and so filled the districts)."""
    from analysis.scaffold import official_city

    found = official_city(city)
    if found:
        return (
            f"districts: the {len(found[1])} official districts of {found[0]} (BPS/Kemendagri list)"
        )
    return (
        f"districts: {city!r} is not in the official list of 514 regencies and cities (give "
        "its name as 'Kota Depok' / 'Kabupaten Kupang' or its code, e.g. 3276); two "
        "placeholder districts were written instead"
    )


def cmd_manifest(args: argparse.Namespace) -> int:
    from analysis.rawdata import raw_files, write_manifest

    paths = Paths.for_region(args.region)
    if not paths.raw.is_dir():
        return _err(f"{paths.raw}: no raw data folder for region {args.region!r}")
    out = write_manifest(paths.raw)
    print(f"wrote {out} ({len(raw_files(paths.raw))} file(s))")
    return 0


_STRICT = (("--strict",), {"action": "store_true", "help": "exit 1 if any row is rejected"})
_LANG = (("--lang",), {"choices": ["id", "en"], "default": "en"})
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
            (
                ("--city",),
                {
                    "help": "city or regency, e.g. 'Kota Depok' or its code 3276: its "
                    "official districts fill the config"
                },
            ),
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
        [_STRICT],
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
        "Scan CSV, Parquet, JSON, HTML, ipynb, XLSX, SVG and PNG text for names, NIKs, phone "
        "numbers, handles, LP numbers, addresses and minors' ages; prints the file and the kind "
        "of identifier, never the value. Exit 1 on any finding.",
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
                {
                    "action": "store_true",
                    "help": "use the record-level case tables in data/private/SLUG (this "
                    "machine only; print, never publish)",
                },
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
        ],
    ),
    "export-qdpx": (
        cmd_export_qdpx,
        True,
        "processed interviews -> a REFI-QDA project (.qdpx) for QDA tools",
        "Write the scrubbed segments, both coders' codings, the code book and informant roles "
        "(as Cases) from data/processed/SLUG as a .qdpx project.",
        [(("--out",), {"required": True, "help": "the .qdpx file to write"})],
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
            (("--out",), {"type": Path, "default": None, "help": "output folder"}),
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
    if argv is None and hasattr(signal, "SIGPIPE"):  # `analysis validate | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as e:  # a file removed while the run was reading it
        return _err(str(e))
    except Exception as e:
        if _known(e):
            return _err(str(e))
        raise
    except KeyboardInterrupt:
        _err("interrupted; child processes stopped, previous outputs are intact")
        return 130
