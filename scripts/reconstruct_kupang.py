"""Write the reconstructed Kupang raw files under data/raw/kupang/ (see scripts/reconstruct/).

python scripts/reconstruct_kupang.py            # writes data/raw/kupang/
python scripts/reconstruct_kupang.py --out DIR  # writes elsewhere (tests use this)
"""

from __future__ import annotations

from reconstruct.kupang import main

if __name__ == "__main__":
    raise SystemExit(main())
