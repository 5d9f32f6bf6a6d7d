"""The privacy gate: scan every generated file for identifiers before anything is installed.

`clean` runs it on the staged data/processed/<slug>/ folder and `reproduce` on the staged
reports; on any hit nothing is installed and the previous outputs stay. Messages name the
file and the kind of identifier, never the value. `analysis privacy-scan PATH...` runs the
same scan on any folder. A case-level table (a `case_id` column) whose quasi-identifiers
leave a case among fewer than `privacy.k` cases is refused the same way (the tier rule,
`analysis.clean.disclosure`), naming the columns. A refusal shows the words around each
finding with the value masked, and the config key that would allow it (`privacy.refusal`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from analysis.privacy.filetext import file_text
from analysis.privacy.kanon import table_file_k
from analysis.privacy.names import Names
from analysis.privacy.refusal import Hit, refusal, with_context
from analysis.privacy.scanning import scan_paths, walk

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


def tier_hits(paths: Iterable[Path], k: int, root: Path | None = None) -> list[Hit]:
    """Every case-level table under the paths whose shown quasi-identifiers leave a case
    among fewer than k cases; the hit names the columns, never a value."""
    out = []
    for e in (e for b in paths for e in walk(Path(b))):
        if e.why or e.special or e.path.suffix.lower() not in (".csv", ".parquet"):
            continue
        try:
            found = table_file_k(e.path)
        except Exception:  # noqa: BLE001 (unreadable tables are named by the text scan)
            continue
        if found is not None and found[0] < k:
            p = e.path
            shown = p.relative_to(root).as_posix() if root and p.is_relative_to(root) else str(p)
            out.append(
                Hit(shown, "k-anonymity", f"k = {found[0]} < {k} on columns {', '.join(found[1])}")
            )
    return out


def scan_hits(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None, k: int = 3
) -> list[Hit]:
    """Every finding, with the masked words around it: identifiers, files that cannot be
    read or are not regular files (themselves a reason not to install), tables below k."""
    paths = list(paths)
    known = names if isinstance(names, Names) else Names(names)
    report = scan_paths(paths, known, chunks, root=root)
    path_of = {}
    for e in (e for b in paths for e in walk(Path(b))):
        p = e.path
        path_of[p.relative_to(root).as_posix() if root and p.is_relative_to(root) else str(p)] = p
    hits = with_context(report.hits, path_of, known)
    hits += [Hit(f, f"unreadable ({why})") for f, why in report.unread]
    hits += [Hit(f, f"not a regular file ({what})") for f, what in report.special]
    return sorted(hits + tier_hits(paths, k, root))


def scan(
    paths: Iterable[Path], names: Iterable[str] | Names = (), root: Path | None = None, k: int = 3
) -> list[tuple[str, str]]:
    """(file, kind) for every finding under the given files or folders (see `scan_hits`)."""
    return [(h.file, h.kind) for h in scan_hits(paths, names, root, k)]


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
