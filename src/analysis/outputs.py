"""Every path a command writes to goes through `writing`: nothing the user points at is lost.

A target is resolved through links first, so a link into data/raw/ is seen for what it is.
Raw data are never written (a link or `--out` into data/raw/, or a folder holding it, is
refused); shareable outputs never go to data/private/; the pipeline's own folders
(data/processed/, reports/) are written only by the pipeline. An existing file or a
non-empty folder is replaced only with `--force`. The new content is written to a temporary
sibling and renamed into place, so a failed or interrupted write leaves the old target and
no debris; every OS error becomes one line naming the path and what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from analysis.errors import InputError

Kind = Literal["file", "folder"]


class OutputError(InputError):
    """An output path cannot or must not be written; one line naming it and what to do."""


_ADVICE = {
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose another folder",
    errno.ENOSPC: "the disk is full; free some space or choose another disk",
    errno.EDQUOT: "the disk quota is exhausted; free some space or choose another disk",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EISDIR: "it is a folder; name a file inside it instead",
    errno.ENOENT: "a part of the path does not exist",
}


def os_error_line(path: Path, e: OSError) -> str:
    """One line for an OS error: the path, what went wrong in words, what to do."""
    what = _ADVICE.get(e.errno or 0) or f"{e.strerror or type(e).__name__}; choose another path"
    return f"cannot write {path}: {what}"


def _protected(root: Path, shareable: bool, pipeline: bool) -> list[tuple[Path, str]]:
    data = root / "data"
    out = [(data / "raw", "raw data are never written; choose a folder outside data/raw/")]
    if shareable:
        out.append(
            (data / "private", "data/private/ holds what must not be shared; choose another folder")
        )
    if not pipeline:
        for name in ("data/processed", "reports"):
            out.append(
                (root / name, f"{name}/ is rewritten by the pipeline; choose another folder")
            )
    return out


def check_target(
    path: Path,
    root: Path,
    kind: Kind = "file",
    force: bool = False,
    shareable: bool = True,
    pipeline: bool = False,
    raw_ok: bool = False,
) -> Path:
    """The resolved target, or OutputError saying why it must not be written.

    `pipeline`: the target is one of the pipeline's own folders (replaced on every run);
    `raw_ok`: the command's purpose is to write there (`new-region` templates, SHA256SUMS)."""
    try:
        target = Path(path).expanduser().resolve()
        base = root.resolve()
    except (OSError, RuntimeError) as e:  # a link loop
        raise OutputError(f"cannot write {path}: the path cannot be resolved ({e})") from None
    for folder, why in _protected(base, shareable, pipeline):
        folder = folder.resolve()
        if raw_ok and folder == base / "data" / "raw":
            continue
        shown = f"{path} (= {target})" if Path(path).absolute() != target else str(path)
        if target.is_relative_to(folder):
            raise OutputError(f"will not write {shown}: {why}")
        if folder.is_relative_to(target):
            raise OutputError(
                f"will not write {shown}: it holds {folder.relative_to(base)}/; choose another folder"
            )
    if target.is_dir():
        if kind == "file":
            raise OutputError(f"will not write {path}: it is a folder; name a file inside it")
        if any(target.iterdir()) and not (force or pipeline):
            raise OutputError(
                f"will not replace {path}: the folder is not empty; choose a new folder or "
                "pass --force to replace it"
            )
    elif target.exists() or target.is_symlink():
        if kind == "folder" or not target.is_file():
            raise OutputError(f"will not write {path}: it exists and is not a folder")
        if not force:
            raise OutputError(
                f"will not replace {path}: the file exists; choose a new name or pass --force"
            )
    return target


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        p.unlink(missing_ok=True)


@contextmanager
def writing(
    path: Path,
    root: Path,
    kind: Kind = "file",
    force: bool = False,
    shareable: bool = True,
    pipeline: bool = False,
    raw_ok: bool = False,
) -> Iterator[Path]:
    """Yield a temporary sibling to fill; on success it replaces the checked target at once.

    On any error or interruption the temporary sibling is removed and the target is as it was."""
    target = check_target(path, root, kind, force, shareable, pipeline, raw_ok)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove(tmp)
            if kind == "folder":
                tmp.mkdir()
        except OSError as e:
            raise OutputError(os_error_line(target.parent, e)) from None
        try:
            yield tmp
        except OSError as e:
            raise OutputError(os_error_line(target, e)) from None
        try:
            if kind == "folder" and target.is_dir():
                os.replace(target, old)  # a folder cannot be renamed over a non-empty one
            os.replace(tmp, target)
        except OSError as e:
            if old.exists() and not target.exists():
                os.replace(old, target)
            raise OutputError(os_error_line(target, e)) from None
    finally:
        _remove(tmp)
        _remove(old)
