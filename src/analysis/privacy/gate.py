"""The privacy gate: scan every generated file for identifiers before anything is installed.

`clean` runs it on the staged data/processed/<slug>/ folder and `reproduce` on the staged
reports; on any hit nothing is installed and the previous outputs stay. Messages name the
file and the kind of identifier, never the value. `analysis privacy-scan PATH...` runs the
same scan on any folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis.privacy.detectors import find_identifiers
from analysis.privacy.filetext import file_text
from analysis.privacy.kanon import k_anonymity, shown_quasi_identifiers
from analysis.privacy.names import Names
from analysis.vocab import CASE_KEY

SCANNED = (
    ".csv",
    ".parquet",
    ".json",
    ".html",
    ".css",
    ".ipynb",
    ".xlsx",
    ".svg",
    ".png",
    ".md",
    ".txt",
)


class PrivacyGateError(RuntimeError):
    """Generated files hold identifiers; the message lists files and kinds, never values."""


@dataclass(frozen=True)
class Hit:
    """One finding: the file, the kind, the words around it (value masked), what to do."""

    file: str
    kind: str
    context: str = ""


_TITLE_KINDS = ("honorific_name", "rank_name")
ADVICE = {
    "honorific_name": "a place or a unit's word, not a person? add the words to "
    "`privacy.allowed_words` in the region's config (config/regions/<region>.yml)",
    "rank_name": "a place or a unit's word, not a person? add the words to "
    "`privacy.allowed_words` in the region's config (config/regions/<region>.yml)",
    "known_name": "not a person's name? remove it from data/private/<region>/known_names.txt",
    "k-anonymity": "a case-level table must hide every case among `privacy.k` cases: "
    "`analysis clean` generalises these columns for data/processed/; a table made by hand "
    "must leave them out",
}
_DEFAULT_ADVICE = (
    "no config key allows this kind: find the source row (data/private/<region>/rejects.csv "
    "and key.json) and fix or remove the value there"
)


def masked_context(text: str, value: str, kind: str, names: Names, width: int = 40) -> str:
    """The words around a hit on its own line, the value (and any other hit) masked."""
    at = text.find(value)
    if at < 0:
        return ""
    keep = value.split()[0] + " " if kind in _TITLE_KINDS and " " in value.strip() else ""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at + len(value))
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, at - width) : at]
    after = text[at + len(value) : min(line_end, at + len(value) + width)]
    before, after = (_mask_all(p, names) for p in (before, after))
    before = before.split(" ", 1)[-1] if at - width > line_start else before
    after = after.rsplit(" ", 1)[0] if at + len(value) + width < line_end else after
    return f"...{before}{keep}[{kind} hidden]{after}...".replace("\n", " ")


def _mask_all(text: str, names: Names) -> str:
    for _, v in find_identifiers(text, names):
        text = text.replace(v, "[hidden]")
    return re.sub(r"\d{3,}", "[digits]", text)


def _table_frame(path: Path):
    """A CSV or Parquet file as a table of text cells, or None if it is not one."""
    import pandas as pd

    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, dtype=str, keep_default_na=False).replace("", pd.NA)
    except Exception:  # not a table: the text scan already covers it
        return None


def tier_hit(path: Path, k: int) -> Hit | None:
    """A case-level table (a `case_id` column) whose quasi-identifiers leave a case among
    fewer than k cases; the hit names the columns, never a value."""
    if path.suffix.lower() not in (".csv", ".parquet"):
        return None
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", errors="replace") as fh:
            if CASE_KEY not in fh.readline():
                return None
    else:  # only a case table is read whole: a million-row outreach table is not
        import pyarrow.parquet as pq

        if CASE_KEY not in pq.read_schema(path).names:
            return None
    df = _table_frame(path)
    if df is None or CASE_KEY not in df.columns:
        return None
    reached = k_anonymity(df)
    if reached is None or reached >= k:
        return None
    shown = ", ".join(shown_quasi_identifiers(df))
    return Hit("", "k-anonymity", f"k = {reached} < {k} on columns {shown}")


def scan_hits(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None, k: int = 3
) -> list[Hit]:
    """Every finding under the given files or folders, one per file and kind."""
    known = names if isinstance(names, Names) else Names(names)
    hits: list[Hit] = []
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for f in files:
            if f.suffix.lower() not in SCANNED:
                continue
            shown = f.relative_to(root).as_posix() if root and f.is_relative_to(root) else str(f)
            try:
                text = file_text(f)
                tier = tier_hit(f, k)
            except Exception as e:  # an unreadable output is itself a reason not to install
                hits.append(Hit(shown, f"unreadable ({type(e).__name__})"))
                continue
            first: dict[str, str] = {}
            for kind, value in find_identifiers(f.name, known):
                first.setdefault(kind, masked_context(f.name, value, kind, known))
            for kind, value in find_identifiers(text, known):
                first.setdefault(kind, masked_context(text, value, kind, known))
            hits += [Hit(shown, kind, first[kind]) for kind in sorted(first)]
            if tier is not None:
                hits.append(Hit(shown, tier.kind, tier.context))
    return hits


def scan(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None, k: int = 3
) -> list[tuple[str, str]]:
    """(file, kind) for every identifier found under the given files or folders."""
    return [(h.file, h.kind) for h in scan_hits(paths, names, root, k)]


def refusal(hits: list[Hit], what: str) -> str:
    """The gate's message: per hit the file, the kind, the masked words around it and what
    would let it pass if it is not a person; never the value."""
    lines = []
    for h in hits:
        where = f" in {h.context!r}" if h.context else ""
        lines.append(f"  {h.file}: {h.kind}{where}\n    -> {ADVICE.get(h.kind, _DEFAULT_ADVICE)}")
    return (
        f"privacy gate: identifiers found in the new {what}; nothing was installed and "
        f"the previous {what} are unchanged:\n" + "\n".join(lines)
    )


def check(
    folder: Path, names: Iterable[str] | Names = (), what: str = "outputs", k: int = 3
) -> None:
    """Raise PrivacyGateError (values never shown) if anything under folder holds identifiers
    or a case-level table below k."""
    hits = scan_hits([folder], names, root=folder, k=k)
    if hits:
        raise PrivacyGateError(refusal(hits, what))


class Watch:
    """The privacy gate, run file by file while the notebooks are still executing.

    Each staged file is scanned once for its final content: a file is scanned again whenever
    its size, times or inode changed since. The last pass runs once every worker is done, so
    nothing can change behind it. On any hit the whole folder goes through `gate.check`,
    which refuses it with the gate's own message (a hit on a half-written file that turns out
    clean costs one more scan, never a pass)."""

    def __init__(self, names: Iterable[str] | Names, k: int = 3) -> None:
        self.names = names if isinstance(names, Names) else Names(names)
        self.k = k
        self.seen: dict[Path, tuple] = {}
        self.hit = False

    def scan(self, folder: Path) -> None:
        try:
            files = sorted(folder.rglob("*"))
        except OSError:  # a worker renamed a file meanwhile: the last pass sees it
            return
        for f in files:
            try:
                st = f.stat()
                if not f.is_file():
                    continue
                sig = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                if self.seen.get(f) == sig:
                    continue
                if scan([f], self.names, root=folder, k=self.k):
                    self.hit = True
                st = f.stat()
            except OSError:
                continue
            if sig == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
                self.seen[f] = sig
