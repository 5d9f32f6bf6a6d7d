"""`python -m analysis.bench [--quick | --scale | --reproduce]`: print the table and write build/bench.json."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from analysis.bench import suites
from analysis.paths import find_root


def _table(results: list[dict]) -> str:
    lines = [f"{'figure':<42} {'value':>8} {'spread':>7} {'target':>7}  unit   met"]
    for r in results:
        met = "" if r["target"] is None else ("yes" if r["value"] <= r["target"] else "NO")
        spread = "" if r.get("spread") is None else f"{r['spread']:.2f}"
        lines.append(
            f"{r['name']:<42} {r['value']:>8} {spread:>7} {str(r['target']):>7}  {r['unit']:<6} {met}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="100k CSV rows, 10k .xlsx rows")
    mode.add_argument("--scale", action="store_true", help="10 million rows over 10 regions")
    mode.add_argument(
        "--reproduce", action="store_true", help="only the `reproduce` rows (about 2 minutes)"
    )
    mode.add_argument(
        "--loop", action="store_true", help="only `validate` and `findings` (under a minute)"
    )
    p.add_argument("--repeats", type=int, default=3, help="alternating runs per figure")
    args = p.parse_args(argv)
    root = find_root()
    tmp = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    try:
        if args.scale:
            results = suites.scale(tmp, root, regions=10, rows_each=1_000_000)
            name = "bench-scale.json"
        elif args.loop:
            results = suites.loop(tmp, root, args.repeats)
            name = "bench-loop.json"
        elif args.reproduce:
            results = suites.reproduce(tmp, root, args.repeats)
            name = "bench-reproduce.json"
        elif args.quick:
            results = suites.csv(tmp, root, 100_000, args.repeats)
            results += suites.xlsx(tmp, root, 10_000, args.repeats)
            name = "bench-quick.json"
        else:
            results = suites.csv(tmp, root, 1_000_000, args.repeats)
            results += suites.xlsx(tmp, root, 100_000, args.repeats)
            results += suites.reproduce(tmp, root, args.repeats)
            results += suites.loop(tmp, root, args.repeats)
            name = "bench.json"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(_table(results))
    out = root / "build" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
