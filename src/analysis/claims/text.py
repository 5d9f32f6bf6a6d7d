"""The claims in plain words, in either language, for notebooks and the front page.

A finding (see ``analysis.claims.findings.evaluate``) carries its expectation as config keys
(``each_between: 2–4``, ``includes: [...]``) and a compact computed value. A reader wants
both in the same unit and in words: "2 to 4 in every month" against "2 to 4 per month",
"100%" against "100% (5 of 5)". Unknown expectation keys fall back to "key: value".
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from analysis.labels import num, pct, t


def _num(v: Any) -> str:
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _pct(v: float) -> str:
    return f"{float(v):.0%}"


def share_interval(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact (Clopper-Pearson) 95% interval of a share k/n: the shares a claim relies on
    rest on a handful of cases, so the reader sees how little they pin down.

    The bounds are where a binomial tail equals alpha/2, found by bisection on the exact
    tail (the same numbers as statsmodels' `proportion_confint(method="beta")`, to 1e-12;
    tests/test_imports compares them): `analysis findings` does not import scipy for it."""
    logc = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in range(n + 1)]

    def tail(p: float, at_least: bool) -> float:  # P(X >= k) or P(X <= k) for X ~ Bin(n, p)
        idx = range(k, n + 1) if at_least else range(k + 1)
        lp, lq = math.log(p), math.log1p(-p)
        return math.fsum(math.exp(logc[i] + i * lp + (n - i) * lq) for i in idx)

    def solve(f) -> float:  # f rises from below 0 to above 0 on (0, 1)
        lo, hi = 0.0, 1.0
        for _ in range(200):
            mid = (lo + hi) / 2
            if mid in (lo, hi):
                break
            lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
        return (lo + hi) / 2

    low = 0.0 if k == 0 else solve(lambda p: tail(p, True) - alpha / 2)
    high = 1.0 if k == n else solve(lambda p: alpha / 2 - tail(p, False))
    return low, high


def _items(values: list[Any], lang: str) -> str:
    words = [t(str(v), lang) for v in values]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {t('and', lang)} " + words[-1]


def _is_share(want: Any, computed: Any) -> bool:
    return (
        isinstance(want, float)
        and 0 <= want <= 1
        and (isinstance(computed, float) or bool(re.fullmatch(r"\d+/\d+", str(computed))))
    )


def expected_text(
    expected: dict[str, Any], computed: Any, lang: str = "en", period: str | None = None
) -> str:
    """The expectation of one claim in words."""
    parts = []
    for key, want in expected.items():
        if key == "each_between":
            nums = re.findall(r"\d+", str(want))
            lo, hi = (nums + nums)[:2] if nums else (want, want)
            word = "exp_each_between_week" if period == "week" else "exp_each_between"
            parts.append(t(word, lang).format(lo=lo, hi=hi))
        elif key == "includes":
            parts.append(t("exp_includes", lang).format(items=_items(list(want), lang)))
        elif key == "top_includes":
            parts.append(t("exp_top_includes", lang).format(items=_items(list(want), lang)))
        elif key == "greater_than":
            share = _is_share(want, computed) and 0 < float(want) < 1
            parts.append(t("exp_greater_than", lang).format(v=_pct(want) if share else _num(want)))
        elif key in ("at_least", "at_most"):
            parts.append(t(f"exp_{key}", lang).format(v=_num(want)))
        elif key == "between":
            nums = want if isinstance(want, list) else re.findall(r"\d+(?:\.\d+)?", str(want))
            lo, hi = (list(nums) + list(nums))[:2] if nums else (want, want)
            parts.append(t("exp_between", lang).format(lo=_num(lo), hi=_num(hi)))
        elif key == "excludes":
            parts.append(t("exp_excludes", lang).format(items=_items(list(want), lang)))
        elif key == "equals":
            v = _pct(want) if _is_share(want, computed) else _num(want)
            parts.append(t("exp_equals", lang).format(v=v))
        else:
            parts.append(f"{key}: {want}")
    return "; ".join(parts)


def computed_text(finding: dict[str, Any], lang: str = "en") -> str:
    """The computed value of one claim in the unit of its expectation."""
    got = finding.get("computed")
    exp = finding.get("expected") or {}
    text = str(got)
    frac = re.fullmatch(r"(\d+)/(\d+)", text)
    if "each_between" in exp:
        nums = re.findall(r"\d+", text)
        if len(nums) >= 2:
            word = (
                "got_each_between_week" if finding.get("period") == "week" else "got_each_between"
            )
            return t(word, lang).format(lo=nums[0], hi=nums[1])
    if "includes" in exp and isinstance(got, str):
        return t("got_includes", lang).format(items=_items(got.split(", "), lang))
    if frac:
        k, n = int(frac[1]), int(frac[2])
        if not n:
            return t("got_share_of", lang).format(pct="–", k=k, n=n)
        lo, hi = share_interval(k, n)
        return t("got_share_ci", lang).format(
            pct=pct(k / n, lang), k=k, n=n, lo=num(100 * lo, lang, 0), hi=pct(hi, lang)
        )
    want = next(iter(exp.values()), None)
    if isinstance(got, float) and _is_share(want, got):
        return _pct(got)
    if isinstance(got, (int, float)):
        return _num(got)
    return text


def claims_frame(findings: list[dict[str, Any]], lang: str = "en") -> pd.DataFrame:
    """One row per claim: id, aspect, statement, expected, computed, reproduced, reason."""
    rows = []
    for f in findings:
        exp = f.get("expected") or {}
        want = expected_text(exp, f.get("computed"), lang, f.get("period"))
        got = t("withheld", lang) if f.get("withheld") else computed_text(f, lang)
        ok = bool(f.get("reproduced"))
        stmt = f.get("statement_id", f["statement"]) if lang == "id" else f["statement"]
        missed = {k: v for k, v in exp.items() if k in (f.get("failed") or exp)}
        # the expectation that failed, by name: "expected exactly 2, computed 3"
        reason = (
            ""
            if ok
            else t("reason_failed", lang).format(
                want=expected_text(missed, f.get("computed"), lang, f.get("period")), got=got
            )
        )
        if f.get("withheld"):  # not refuted: the shared tables withhold what it needs
            reason = t("reason_withheld", lang).format(columns=", ".join(f["withheld"]))
        rows.append(
            {
                t("col_id", lang): f["id"],
                t("col_aspect", lang): t(str(f.get("aspect", "")), lang),
                t("col_statement", lang): stmt,
                t("col_expected", lang): want,
                t("col_computed", lang): got,
                t("col_reproduced", lang): t(
                    "yes" if ok else "withheld" if f.get("withheld") else "no", lang
                ),
                t("col_reason", lang): reason,
            }
        )
    return pd.DataFrame(rows)
