"""The privacy gate: scan every generated file for identifiers before anything is installed.

`clean` runs it on the staged data/processed/<slug>/ folder and `reproduce` on the staged
reports; on any hit nothing is installed and the previous outputs stay. Messages name the
file and the kind of identifier, never the value. `analysis privacy-scan PATH...` runs the
same scan on any folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analysis.privacy.detectors import find_identifiers
from analysis.privacy.filetext import file_text
from analysis.privacy.names import Names

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


def scan(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None
) -> list[tuple[str, str]]:
    """(file, kind) for every identifier found under the given files or folders."""
    known = names if isinstance(names, Names) else Names(names)
    hits: list[tuple[str, str]] = []
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for f in files:
            if f.suffix.lower() not in SCANNED:
                continue
            shown = f.relative_to(root).as_posix() if root and f.is_relative_to(root) else str(f)
            try:
                text = file_text(f)
            except Exception as e:  # an unreadable output is itself a reason not to install
                hits.append((shown, f"unreadable ({type(e).__name__})"))
                continue
            file_name_hits = find_identifiers(f.name, known)
            for kind in sorted({k for k, _ in find_identifiers(text, known) + file_name_hits}):
                hits.append((shown, kind))
    return hits


def check(folder: Path, names: Iterable[str] | Names = (), what: str = "outputs") -> None:
    """Raise PrivacyGateError (values never shown) if anything under folder holds identifiers."""
    hits = scan([folder], names, root=folder)
    if hits:
        lines = "\n".join(f"  {f}: {k}" for f, k in hits)
        raise PrivacyGateError(
            f"privacy gate: identifiers found in the new {what}; nothing was installed and "
            f"the previous {what} are unchanged:\n{lines}\n"
            "Find the source row in data/private/ (rejects and key) and fix or scrub it."
        )


class Watch:
    """The privacy gate, run file by file while the notebooks are still executing.

    Each staged file is scanned once for its final content: a file is scanned again whenever
    its size, times or inode changed since. The last pass runs once every worker is done, so
    nothing can change behind it. On any hit the whole folder goes through `gate.check`,
    which refuses it with the gate's own message (a hit on a half-written file that turns out
    clean costs one more scan, never a pass)."""

    def __init__(self, names: list[str]) -> None:
        self.names = Names(names)
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
                if scan([f], self.names, root=folder):
                    self.hit = True
                st = f.stat()
            except OSError:
                continue
            if sig == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
                self.seen[f] = sig
