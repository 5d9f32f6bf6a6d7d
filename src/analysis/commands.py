"""What each `analysis` subcommand does; the table of subcommands and `main` are in `cli`.

Heavy imports happen inside each command, so `analysis reproduce` with nothing to do and
`analysis --help` import no pandas.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Any

from analysis.paths import Paths


def err(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def imported() -> None:
    """A command's imports are done: turn the garbage collector back on for the work, with
    what the imports made (modules, classes, pandas' and pandera's tables: most of the
    process's objects, alive until it exits) moved out of its passes for good.

    `cli.main` turns collection off while a command imports when the process is the command
    itself: full passes over objects that can never be garbage cost about a third of
    `python -c "import pandas"` (`gc.freeze` is the standard library's answer). A test
    calling `main([...])` never turned it off, and then this does nothing.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _locked(args: argparse.Namespace, command: str):
    """This command's hold on its region: a second run refuses, or waits with --wait."""
    from analysis.run.lock import region_locks

    say = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    return region_locks(Paths.for_region(args.region).root, [args.region], command, args.wait, say)


def cmd_verify_raw(args: argparse.Namespace) -> int:
    from analysis.read.rawdata import verify

    imported()

    paths = Paths.for_region(args.region)
    try:
        drift = verify(paths.raw)
    except (FileNotFoundError, ValueError) as e:
        return err(str(e))
    if drift.ok:
        print(f"{paths.raw}: all raw files match SHA256SUMS")
        return 0
    print(f"{paths.raw}: raw data drifted from SHA256SUMS ({drift.describe()})", file=sys.stderr)
    return 1


def cmd_clean(args: argparse.Namespace, write: bool = True) -> int:
    from analysis.claims.evaluate import path_notes
    from analysis.clean.flow import clean_region
    from analysis.privacy import private

    imported()

    def say(msg: str) -> None:
        print(f"  {msg}", flush=True)

    print(f"{'cleaning' if write else 'validating'} region {args.region}", flush=True)
    if write:
        with _locked(args, "clean"):
            result = clean_region(args.region, write_outputs=write, progress=say)
    else:  # validate writes nothing: it needs no lock
        result = clean_region(args.region, write_outputs=write, progress=say)
    print(result.summary())
    t = result.tables
    for note in path_notes(t["cases"], t["case_stages"], result.config):
        print(f"  note: {note}")
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
    if getattr(args, "strict", False) and (n or result.warnings):
        return 1
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    return cmd_clean(args, write=False)


def cmd_privacy_scan(args: argparse.Namespace) -> int:
    """Scan folders or files with the privacy gate's detectors; names files and kinds only.

    Exit 0 only when every file was read as its format and nothing was found; 1 on a finding
    or on anything the scan could not read (listed, never passed over in silence)."""
    from analysis.privacy.scanning import scan_paths
    from analysis.read.scan import input_chunks
    from analysis.run.publish import region_gate

    imported()

    names: Any = []
    if args.region:  # the region's known names, and its places and allowed words
        names = region_gate(Paths.for_region(args.region))[0]
    missing = [p for p in args.paths if not (Path(p).exists() or Path(p).is_symlink())]
    if missing:
        return err(f"not found: {', '.join(missing)}")
    report = scan_paths([Path(p) for p in args.paths], names, input_chunks, progress=Progress())
    for f, kind in report.hits:
        print(f"{f}: {kind}")
    for f, why in report.unread:
        print(f"{f}: NOT READ: {why}")
    for f, what in report.special:
        print(f"{f}: NOT READ: {what}; never opened")
    for f in report.unknown:
        print(f"{f}: NOT READ: a format the scan does not read")
    size = f"{report.files} file(s), {report.bytes / 1e6:.1f} MB read"
    if report.hits:
        print(f"{len(report.hits)} finding(s) in {size}; values are never printed", file=sys.stderr)
    if not report.complete:
        n = len(report.unread) + len(report.special) + len(report.unknown)
        print(
            f"{n} path(s) not read (unreadable: {len(report.unread)}, special files: "
            f"{len(report.special)}, other formats: {len(report.unknown)}); they were not "
            "checked for identifiers",
            file=sys.stderr,
        )
    if report.hits or not report.complete:
        return 1
    print(f"no identifiers found in {', '.join(args.paths)} ({size})")
    return 0


class Progress:
    """One line per tenth of a large input read (on stderr), so a long scan is seen to move."""

    LARGE = 16_000_000

    def __init__(self) -> None:
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if total >= self.LARGE and tenth > self.shown:
            self.shown = tenth
            print(
                f"privacy-scan: {done / 1e6:.0f} of {total / 1e6:.0f} MB read ({tenth * 10}%)",
                file=sys.stderr,
                flush=True,
            )


def cmd_findings(args: argparse.Namespace) -> int:
    from analysis.claims.findings import evaluate_region, format_table

    imported()

    processed = Paths.for_region(args.region).processed
    if not (processed / "manifest.json").exists():
        return err(
            f"no processed tables in {processed} yet; run `analysis clean --region "
            f"{args.region}` first"
        )
    findings = evaluate_region(args.region, private=args.private)
    print(format_table(findings, args.lang))
    return int(args.check and any(not (f["reproduced"] or f["withheld"]) for f in findings))


def cmd_reproduce(args: argparse.Namespace) -> int:
    from analysis.run.pipeline import reproduce_many

    imported()

    # the region lock is taken inside, once there is work to do (the no-op path stays fast)
    return reproduce_many(
        args.region,
        args.lang,
        check=args.check,
        force=args.force,
        wait=args.wait,
        index=args.index,
    )


def cmd_vocab(args: argparse.Namespace) -> int:
    """Tables, columns or one column's values, for writing claims."""
    from analysis.claims import vocablist
    from analysis.region.claims import suggest, table_columns, tables

    imported()

    region = None
    if args.region:
        from analysis.region.config import load_region

        region = load_region(args.region, claims=False)  # a claim being mended is no bar
    if args.column and not args.table:
        return err("--column needs --table (see `analysis vocab` for the tables)")
    if args.table and args.table not in tables():
        return err(f"unknown table {args.table!r}{suggest(args.table, tables())}")
    if args.column and args.column not in table_columns(args.table):
        cols = list(table_columns(args.table))
        return err(
            f"table {args.table!r} has no column {args.column!r}{suggest(args.column, cols)}"
        )
    if args.column:
        lines = vocablist.list_values(region, args.table, args.column)
    elif args.table:
        lines = vocablist.list_columns(region, args.table)
    else:
        lines = vocablist.list_tables()
    print("\n".join(lines))
    return 0


def cmd_export_qdpx(args: argparse.Namespace) -> int:

    from analysis.interop.qdpx import export_region

    imported()

    with _locked(args, "export-qdpx"):
        counts = export_region(
            args.region, Path(args.out), force=args.force, positions=args.positions
        )
    print(
        f"wrote {args.out} ({', '.join(f'{k} {v}' for k, v in counts.items())}; positions in "
        f"{args.positions})"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.interop.export import export_region

    imported()

    with _locked(args, "export"):
        written = export_region(
            args.region, args.format, lang=args.lang, out=args.out, force=args.force
        )
    print(f"wrote {len(written)} file(s) to {written[0].parent if written else args.out}")
    return 0


def cmd_new_region(args: argparse.Namespace) -> int:
    from analysis.privacy.places import city_note
    from analysis.region.scaffold import new_region

    imported()

    written = new_region(
        args.slug, name=args.name, city=args.city, polda=args.polda, start=args.start, end=args.end
    )
    root = Paths.for_region(args.slug).root
    for p in written:
        print(f"wrote {p.relative_to(root)}")
    if args.city:
        print(city_note(args.city))
    print(
        f"next: edit {written[0].relative_to(root)}, fill the templates, then run\n"
        f"  analysis validate --region {args.slug}\n"
        f"  analysis manifest --region {args.slug}\n"
        f"  analysis reproduce --region {args.slug} --check"
    )
    return 0


def cmd_manifest(args: argparse.Namespace) -> int:
    from analysis.read.rawdata import raw_files, write_manifest

    imported()

    paths = Paths.for_region(args.region)
    if not paths.raw.is_dir():
        return err(f"{paths.raw}: no raw data folder for region {args.region!r}")
    out = write_manifest(paths.raw, paths.root)
    print(f"wrote {out} ({len(raw_files(paths.raw))} file(s))")
    return 0
