"""The privacy gate: scan every generated file for identifiers before anything is installed.

`clean` runs it on the staged data/processed/<slug>/ folder and `reproduce` on the staged
reports; on any hit nothing is installed and the previous outputs stay. Messages name the
file and the kind of identifier, never the value. `analysis privacy-scan PATH...` runs the
same scan on any folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis.privacy.filetext import file_text
from analysis.privacy.names import Names
from analysis.privacy.scanning import scan_paths

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


def chunks(path: Path) -> Iterator[tuple[str, float]] | None:
    """The gate's reader for `privacy.scanning`: a generated file's text in one chunk."""
    if path.suffix.lower() not in SCANNED:
        return None
    return iter([(file_text(path), 1.0)])


def scan(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None
) -> list[tuple[str, str]]:
    """(file, kind) for every identifier found under the given files or folders; a file
    that cannot be read, or is not a regular file, is itself a reason not to install."""
    report = scan_paths(paths, names, chunks, root=root)
    hits = report.hits + [(f, f"unreadable ({why})") for f, why in report.unread]
    hits += [(f, f"not a regular file ({what})") for f, what in report.special]
    return sorted(hits)


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
