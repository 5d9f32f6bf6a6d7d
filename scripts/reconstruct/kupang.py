"""Write the reconstructed Kupang raw files under data/raw/kupang/.

The thesis's own records are confidential (they concern child victims), so this rebuilds a
plausible field dataset from the figures chapter 5 publishes. Every record is invented, every
identifier obviously fake, and two runs give the same bytes. The story is data in
story/kupang.yml; the assumptions and the messiness planted on purpose are listed in the
docstring of scripts/reconstruct_kupang.py, the entry point every workbook names.

    python scripts/reconstruct_kupang.py            # writes data/raw/kupang/
    python scripts/reconstruct_kupang.py --out DIR  # writes elsewhere (tests use this)
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from analysis.read.rawdata import write_manifest

from . import cases, interviews, outreach
from .common import Planted, Writer, load_story

ROOT = Path(__file__).resolve().parents[2]
STORY = Path(__file__).resolve().parent / "story" / "kupang.yml"
CREATOR = "scripts/reconstruct_kupang.py"  # written into every workbook's properties


def build(out: Path) -> Planted:
    """Write every Kupang file, the planted lists and SHA256SUMS into `out`."""
    story = load_story(STORY)
    rng = random.Random(story["seed"])
    planted = Planted()
    writer = Writer(out, CREATOR, story["about"], story["seed"])
    # The order matters: every generator draws from the same rng.
    outreach.education(rng, planted, story, writer)
    outreach.patrol(rng, planted, story, writer)
    outreach.lodging(rng, planted, story, writer)
    cases.cases(rng, planted, story, writer)
    interviews.interviews(rng, planted, story, writer)
    planted.write(out)
    write_manifest(out)
    return planted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "data" / "raw" / "kupang",
        help="folder to write (default: data/raw/kupang)",
    )
    args = ap.parse_args(argv)
    planted = build(args.out)
    print(
        f"wrote {args.out}: {len(planted.problems)} planted problems, "
        f"{len(planted.identifiers)} planted identifiers"
    )
    return 0
