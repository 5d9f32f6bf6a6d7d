"""Findings engine: a study's claims, recomputed from processed tables.

Claims are written in the claims language (analysis.region.claims) in the region config.
Expected values come only from the region config; computed values only from the data.
Nothing here knows what the answer "should" be.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.claims import evaluate as claims_eval
from analysis.claims.withheld import withhold
from analysis.paths import Paths
from analysis.privacy.private import record_tables
from analysis.region.claim_values import Normaliser, canonical
from analysis.region.config import Region, load_region
from analysis.store.processed import load_tables
from analysis.values.normalise import parse_range

# --------------------------------------------------------------------------- checking
NOUNS = {
    "outreach": "activities",
    "cases": "cases",
    "case_stages": "stage records",
    "informants": "informants",
    "interview_segments": "segments",
    "segment_codes": "codes",
}
SINGULAR = {"activities": "activity", "stage records": "stage record", "rows": "row"} | {
    n: n[:-1] for n in ("cases", "informants", "segments", "codes")
}


def _range(want: Any) -> tuple[float, float] | None:
    if isinstance(want, list) and len(want) == 2:
        return float(want[0]), float(want[1])
    r = parse_range(want)
    return None if r is None else (float(r[0]), float(r[1]))


def _fmt(v: float) -> str:
    return f"{v:g}"


class _BadRange(ValueError):
    """An expected range that cannot be read; the claim fails with this message."""


def _read_range(want: Any) -> tuple[float, float]:
    lo, hi = _range(want) or (None, None)
    if lo is None:
        raise _BadRange(f"cannot read the expected range {want!r}")
    return lo, hi


def _each_between(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
    lo, hi = _read_range(want)
    unit = c["period"] + "s"
    if not c["periods"]:  # "in every month" of none is no finding
        return False, f"no {c['period']} counts in the study period (see README, Claims)"
    bad = {m: n for m, n in c["per_period"].items() if not lo <= n <= hi}
    if bad:
        shown = ", ".join(f"{m}: {n}" for m, n in list(bad.items())[:6])
        return False, f"{len(bad)} of {c['periods']} {unit} outside {_fmt(lo)}–{_fmt(hi)} ({shown})"
    return True, (
        f"all {c['periods']} {unit} within {_fmt(lo)}–{_fmt(hi)} (observed {c['min']}–{c['max']})"
    )


def _between(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
    lo, hi = _read_range(want)
    ok = lo <= float(c["value"]) <= hi
    return ok, "" if ok else f"expected between {_fmt(lo)} and {_fmt(hi)}"


def _compare(test, words: str):
    def one(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
        ok = test(float(c["value"]), float(want))
        return ok, "" if ok else f"expected {words}{want}"

    return one


def _includes(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
    missing = [str(w) for w in want if str(w) not in c["values"]]
    return not missing, f"missing: {', '.join(missing)}" if missing else ""


def _excludes(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
    present = [str(w) for w in want if str(w) in c["values"]]
    return not present, f"should not occur but does: {', '.join(present)}" if present else ""


def _top_includes(want: Any, c: dict[str, Any]) -> tuple[bool, str]:
    top = _top(c["counts"], len(want))
    missing = [str(w) for w in want if str(w) not in top]
    counts = f"{c['rank_by']} counts " + ", ".join(f"{k} {v}" for k, v in c["counts"].items())
    if missing:
        return (
            False,
            f"not among the top {len(want)} {c['rank_by']}: {', '.join(missing)}; {counts}",
        )
    return True, counts


# expectation name -> check(expected value, computed aggregate) -> (reproduced, note)
EXPECTATION_CHECKS = {
    "each_between": _each_between,
    "equals": _compare(lambda v, w: abs(v - w) <= 1e-9, ""),
    "greater_than": _compare(lambda v, w: v > w, "more than "),
    "at_least": _compare(lambda v, w: v >= w, "at least "),
    "at_most": _compare(lambda v, w: v <= w, "at most "),
    "between": _between,
    "includes": _includes,
    "excludes": _excludes,
    "top_includes": _top_includes,
}


def outcomes(expected: dict[str, Any], computed: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """Each expectation of one claim: (its key, met, a note in plain words)."""
    out = []
    for key, want in expected.items():
        try:
            good, note = EXPECTATION_CHECKS[key](want, computed)
        except _BadRange as e:
            good, note = False, str(e)
        out.append((key, good, note))
    return out


def check(expected: dict[str, Any], computed: dict[str, Any]) -> tuple[bool, str]:
    """Compare one computed aggregate with its expectations; explain any miss in plain words."""
    results = outcomes(expected, computed)
    bad_range = [n for k, ok, n in results if not ok and n.startswith("cannot read")]
    if bad_range:
        return False, bad_range[0]
    notes = [describe(computed), *(n for _, _, n in results)]
    return all(ok for _, ok, _ in results), "; ".join(dict.fromkeys(n for n in notes if n))


def _top(counts: dict[str, int], n: int) -> list[str]:
    """Values ranked in the first n places by count (ties at the n-th place included)."""
    if not counts or n <= 0:
        return []
    ranked = sorted(counts.values(), reverse=True)
    floor = ranked[min(n, len(ranked)) - 1]
    return sorted(k for k, v in counts.items() if v >= floor)


def describe(c: dict[str, Any]) -> str:
    """The computed result in one plain sentence fragment."""
    kind = c["kind"]
    shown = c.get("shown")
    extra = f" ({', '.join(shown)})" if shown else ""
    if kind == "count":
        noun = NOUNS.get(c["table"], "rows")
        noun = SINGULAR.get(noun, noun) if c["value"] == 1 else noun  # "1 case", not "1 cases"
        years = c.get("per_year")
        by = f" ({', '.join(f'{y}: {n}' for y, n in years.items())})" if years else ""
        return f"{c['value']} {noun}{by}{extra}"
    if kind == "sum":
        rows = "1 row" if c["rows"] == 1 else f"{c['rows']} rows"
        return f"{c['column']} adds up to {c['value']} over {rows}{extra}"
    if kind == "share":
        noun = NOUNS.get(c["table"], "rows")
        out = f"{c['matching']} of {c['of']} {noun} ({c['value']:.0%}){extra}"
        if c.get("not_matching"):
            out += f"; not matching: {', '.join(c['not_matching'])}"
        return out
    if kind == "coverage":
        miss = c["missing"]
        unit = c["period"] + "s"
        more = f"; {unit} without a match: {', '.join(miss[:5])}" if miss else ""
        if len(miss) > 5:
            more += f" and {len(miss) - 5} more"
        return f"{c['periods'] - len(miss)} of {c['periods']} {unit} covered{more}"
    if kind == "values":
        return f"found {', '.join(c['values']) or 'none'}"
    return ""


def _display(c: dict[str, Any]) -> Any:
    """A compact computed value for the findings table (the detail carries the rest)."""
    kind = c["kind"]
    if kind == "per_period":
        return f"{c['min']}–{c['max']} per {c['period']}"
    if kind == "share":
        return f"{c['matching']}/{c['of']}"
    if kind == "coverage":
        return round(c["value"], 4)
    if kind == "values":
        return ", ".join(c["values"])
    return c["value"]


# every key a claim may carry, in the order findings.json lists them (evaluation adds the rest)
CLAIM_KEYS = (
    "id", "aspect", "statement", "statement_id", "source", "table", "where", "aggregate",
    "column", "period", "rank_by", "of", "show", "expected",
)  # fmt: skip


def evaluate(tables: dict[str, pd.DataFrame], region: Region) -> list[dict[str, Any]]:
    """Every claim of the region: its own keys, the computed value, whether each expectation
    held (`failed` names those that did not) and a plain-words detail."""
    out = []
    derived = claims_eval.derive(tables, region)
    norm = Normaliser(region)
    for claim in region.claims:
        # values as the register writes them ("Pasal 296 KUHP") compared in their stored form
        stored = canonical(claim, norm)
        computed = claims_eval.compute(stored, derived, region)
        ok, detail = check(stored["expected"], computed)
        failed = [k for k, good, _ in outcomes(stored["expected"], computed) if not good]
        ok, detail, failed, withheld = withhold(stored, derived, region, ok, detail, failed)
        keys = {k: claim[k] for k in CLAIM_KEYS if k in claim}
        keys.setdefault("statement_id", claim["statement"])
        keys.setdefault("where", {})
        out.append(
            {
                **keys,
                "computed": "withheld" if withheld else _display(computed),
                "reproduced": bool(ok),
                "withheld": withheld,
                "failed": failed,
                "detail": detail,
            }
        )
    return out


def evaluate_region(slug: str, root: Path | None = None, private: bool = False) -> list[dict]:
    """Claims on the shared tables; `private` (command line only): the record-level ones."""
    paths = Paths.for_region(slug, root)
    t = load_tables(paths.processed) | (record_tables(paths) if private else {})
    return evaluate(t, load_region(slug, root))


def to_json(findings: list[dict[str, Any]]) -> str:
    return json.dumps(findings, indent=2, ensure_ascii=False, default=str) + "\n"


def format_table(findings: list[dict[str, Any]], lang: str = "en") -> str:
    """The claims table for the terminal, in the words of the front page (analysis.claims.text);
    the 'why not' column appears only when a claim was not reproduced."""
    from analysis.claims.text import claims_frame
    from analysis.labels import t

    df = claims_frame(findings, lang)
    if all(f["reproduced"] for f in findings):
        df = df.drop(columns=[t("col_reason", lang)])
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in df.itertuples(index=False):
        lines.append("| " + " | ".join(str(v).replace("|", "/") for v in r) + " |")
    return "\n".join(lines)
