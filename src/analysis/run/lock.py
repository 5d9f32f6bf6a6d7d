"""One `clean`, `reproduce` or `export` per region at a time.

Two runs on the same region would stage, swap and sweep the same folders under each other.
Each command holds `build/locks/<slug>.lock` (filelock: an OS lock, released by the kernel
when a run is killed) for as long as it runs; a second run refuses with one line naming the
run that holds it, or waits with `--wait`. Beside the lock an owner note records who holds
it; a note left by a run that no longer exists is a stale lock, cleared with a message
(on file systems without OS locks filelock falls back to a lock file, which a killed run
leaves behind: that one is removed when its owner is gone).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from analysis.errors import InputError


class RegionBusy(InputError):
    """Another run holds the region; the message names it and says what to do."""


def lock_folder(root: Path) -> Path:
    return root / "build" / "locks"


def _owner(note: Path) -> dict | None:
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pid"), int) else None


def _gone(owner: dict) -> bool:
    """The owner's process has ended (only decidable on this host; another host's is kept)."""
    import psutil

    if owner.get("host") != socket.gethostname():
        return False
    pid = owner["pid"]
    if pid == os.getpid():
        return False
    if not psutil.pid_exists(pid):
        return True
    try:  # a new process that reused the pid started after the owner did
        return psutil.Process(pid).create_time() > float(owner.get("since", 0)) + 1
    except psutil.Error:
        return True


def _describe(owner: dict | None) -> str:
    if not owner:
        return "another run"
    since = time.strftime("%H:%M:%S", time.localtime(float(owner.get("since", 0))))
    return f"`analysis {owner.get('command', '?')}` (pid {owner['pid']}, started {since})"


def _take(slug: str, root: Path, command: str, wait: bool, say: Callable[[str], None]):
    from filelock import FileLock, Timeout

    folder = lock_folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create the lock folder {folder}: {e.strerror}") from None
    path, note = folder / f"{slug}.lock", folder / f"{slug}.owner.json"
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        owner = _owner(note)
        if owner and _gone(owner):  # a lock file a killed run left (soft-lock fallback)
            path.unlink(missing_ok=True)
            return _take(slug, root, command, wait, say)
        if not wait:
            raise RegionBusy(
                f"region {slug} is busy: {_describe(owner)} is working on it; run again when "
                "it has finished, or add --wait to wait for it"
            ) from None
        say(f"region {slug}: waiting for {_describe(owner)} to finish ...")
        lock.acquire()
    left = _owner(note)
    if left and left.get("pid") != os.getpid():
        say(f"region {slug}: cleared a stale lock left by {_describe(left)}, a run that was killed")
    tmp = note.with_name(f".{note.name}.{os.getpid()}")
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "command": command}
    tmp.write_text(json.dumps({**owner, "since": time.time()}), encoding="utf-8")
    os.replace(tmp, note)
    return lock, note


@contextmanager
def region_locks(
    root: Path,
    slugs: Iterable[str],
    command: str,
    wait: bool = False,
    say: Callable[[str], None] = print,
) -> Iterator[None]:
    """Hold every named region's lock (taken in sorted order, so two runs cannot deadlock)."""
    with ExitStack() as stack:
        for slug in sorted(set(slugs)):
            lock, note = _take(slug, root, command, wait, say)
            stack.callback(lock.release)
            stack.callback(note.unlink, missing_ok=True)
        yield


def hold_for_work(base: Path, work: list, wait: bool):
    """`reproduce`'s hold on the regions it will rebuild, taken only once there is work (the
    no-op path imports the standard library only); each report folder to be replaced is
    checked first (never a link into data/raw/)."""
    from analysis.outputs import check_target
    from analysis.run.publish import out_dir

    for w in work:
        check_target(out_dir(w.paths, w.lang), base, "folder", pipeline=True)

    def say_err(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    slugs = [w.paths.region for w in work]
    return region_locks(base, slugs, "reproduce", wait, say=say_err)
