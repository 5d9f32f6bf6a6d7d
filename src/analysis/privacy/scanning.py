"""The privacy scan's walk: every file under the paths given gets an answer, none is skipped
in silence.

A regular file is read chunk by chunk by a reader for its format (the gate's own for
generated files, `analysis.read.scan` for anything a user points `privacy-scan` at) and
each chunk goes through `find_identifiers`, so time grows with the size of the input and
memory does not. FIFOs, devices and sockets are named and never opened (reading a FIFO
would wait forever); a folder or file that cannot be opened is named with the reason; a
file its reader cannot read as its format is named too. Messages never quote content.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError
from analysis.privacy.detectors import find_identifiers
from analysis.privacy.names import Names

# (text, share of the file read so far, 0..1)
Chunks = Iterator[tuple[str, float]]
# a format's reader: its chunks, or None when it does not know the format
Reader = Callable[[Path], Chunks | None]

_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass
class ScanReport:
    """What the scan found and everything it could not vouch for."""

    hits: list[tuple[str, str]] = field(default_factory=list)  # (file, kind)
    unread: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    special: list[tuple[str, str]] = field(default_factory=list)  # (path, what it is)
    unknown: list[str] = field(default_factory=list)  # files of a format no reader knows
    files: int = 0
    bytes: int = 0

    @property
    def complete(self) -> bool:
        return not (self.unread or self.special or self.unknown)


@dataclass
class _Entry:
    path: Path
    st: os.stat_result | None = None
    why: str = ""  # why it cannot be read (no st)
    special: str = ""


def _why(e: OSError) -> str:
    return f"cannot be opened ({e.strerror or type(e).__name__})"


def walk(base: Path) -> Iterator[_Entry]:
    """Every entry under base, in name order; links to folders are not followed."""
    try:
        st = base.stat()
    except OSError as e:
        yield _Entry(base, why=_why(e))
        return
    if not stat.S_ISDIR(st.st_mode):
        yield _classify(base, st)
        return
    try:
        with os.scandir(base) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield _Entry(base, why=f"folder {_why(e)}")
        return
    for e in entries:
        p = Path(e.path)
        try:
            if e.is_symlink() and p.is_dir():
                yield _Entry(p, special="a link to a folder (not followed)")
            elif e.is_dir(follow_symlinks=False):
                yield from walk(p)
            else:
                yield _classify(p, p.stat())
        except OSError as err:
            yield _Entry(p, why=_why(err))


def _classify(p: Path, st: os.stat_result) -> _Entry:
    for test, what in _SPECIAL:
        if test(st.st_mode):
            return _Entry(p, st, special=what)
    return _Entry(p, st)


def describe_failure(e: BaseException, suffix: str) -> str:
    """Why a file could not be read as its format, without quoting any of its content."""
    if isinstance(e, InputError):
        return str(e)
    if isinstance(e, OSError) and e.strerror:
        return f"cannot be read ({e.strerror})"
    return f"cannot be read as a {suffix or 'plain'} file ({type(e).__name__})"


def scan_paths(
    bases: Iterable[Path],
    names: Iterable[str] | Names,
    reader: Reader,
    root: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanReport:
    """Scan every file under `bases`; `progress(bytes read, bytes in all)` after each chunk."""
    known = names if isinstance(names, Names) else Names(names)
    entries = [e for b in bases for e in walk(Path(b))]
    total = sum(e.st.st_size for e in entries if e.st is not None and not e.special)
    report, done = ScanReport(), 0

    def shown(p: Path) -> str:
        return p.relative_to(root).as_posix() if root and p.is_relative_to(root) else str(p)

    for e in entries:
        if e.why:
            report.unread.append((shown(e.path), e.why))
            continue
        if e.special:
            report.special.append((shown(e.path), e.special))
            continue
        assert e.st is not None
        size = e.st.st_size
        kinds = {k for k, _ in find_identifiers(e.path.name, known)}
        try:
            chunks = reader(e.path)
            if chunks is None:
                report.unknown.append(shown(e.path))
                chunks = iter(())
            else:
                report.files += 1
                report.bytes += size
            for text, share in chunks:
                kinds.update(k for k, _ in find_identifiers(text, known))
                if progress:
                    progress(done + int(size * min(share, 1.0)), total)
        except Exception as err:  # noqa: BLE001 (any reader failure is a file not vouched for)
            report.unread.append((shown(e.path), describe_failure(err, e.path.suffix.lower())))
        done += size
        report.hits.extend((shown(e.path), k) for k in sorted(kinds))
    return report
