"""What a region config may say for the reviewer's copy (the `review:` keys) and their checks.

The study page, the methods page and each claim's line of strength read these keys: the
source the claims restate and how to cite it, the reconstruction's assumptions and the
limitations, and per claim the evidence, the operationalisation and what would make it fail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# Words for the reviewer's copy, in both languages (analysis.frontpage, analysis.methods).
TEXT = {"en": (str, True), "id": (str, True)}
REF_TEXT = {"ref": (str, True), "en": (str, True), "id": (str, True)}
# How one claim is read and how strong its check is: the pages under evidence that show it
# (NOTEBOOK#figure-NAME or NOTEBOOK#table-NAME), the part of the source it restates, how
# the words became a computation, what result would make it fail, and (when it does)
# why it holds by construction of a reconstruction.
CLAIM_REVIEW = {
    "evidence": ([str], True),
    "source_ref": (str, True),
    "operationalisation": (TEXT, True),
    "strength": (str, True),
    "fails_if": (TEXT, True),
    "by_construction": (TEXT, False),
}
# The source a region's claims restate, as the reviewer's copy cites it: kind (thesis,
# news_report), what the source itself names (a part the source does not name is left out
# and said in `not_named`), and its parts that the claims restate, paraphrased.
SOURCE = {
    "kind": (str, True),
    "title": (str, True),
    "author": (str, False),
    "institution": (str, False),
    "year": (int, False),
    "outlet": (str, False),
    "date": (dt.date, False),
    "not_named": (TEXT, False),
    "parts": ([REF_TEXT], False),
}
REVIEW = {
    "source": (SOURCE, True),
    "assumptions": ([REF_TEXT], False),
    "limitations": ([TEXT], False),
}


SOURCE_KINDS = ("thesis", "news_report", "other")
STRENGTHS = ("weak", "moderate", "strong")


def check_review(data: dict[str, Any], errors: list[str]) -> None:
    """A claim's review names a part of the source that exists, a known strength and
    evidence as NOTEBOOK#figure-NAME or NOTEBOOK#table-NAME."""
    source = (data.get("review") or {}).get("source") or {}
    if source.get("kind") is not None and source["kind"] not in SOURCE_KINDS:
        errors.append(f"key 'review.source.kind': {source['kind']!r} is not one of {SOURCE_KINDS}")
    refs = {p.get("ref") for p in source.get("parts") or [] if isinstance(p, dict)}
    for i, c in enumerate(data.get("claims") or []):
        rv = c.get("review") if isinstance(c, dict) else None
        if not isinstance(rv, dict):
            continue
        key = f"claims[{i}].review"
        if rv.get("strength") not in STRENGTHS:
            errors.append(f"key '{key}.strength': {rv.get('strength')!r} is not one of {STRENGTHS}")
        if rv.get("source_ref") not in refs:
            errors.append(
                f"key '{key}.source_ref': {rv.get('source_ref')!r} is not a review.source part"
            )
        for j, ev in enumerate(rv.get("evidence") or []):
            nb, _, frag = str(ev).partition("#")
            if not nb or not frag.startswith(("figure-", "table-")):
                errors.append(
                    f"key '{key}.evidence[{j}]': write NOTEBOOK#figure-NAME or #table-NAME"
                )
