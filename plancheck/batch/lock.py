"""One batch at a time in an output folder: an advisory lock the system drops when its holder dies."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from plancheck.errors import PlancheckError

LOCK_NAME = ".plancheck.lock"


FOLDER_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "it is on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a file of that name is in the way",
}
"""Errors of writing files, in words; other OSErrors (an unreachable cluster) are not the folder's."""


def folder_problem(out: Path, exc: OSError) -> str:
    """``exc`` (from making or writing ``out``) in words that name the folder and the cause."""
    cause = FOLDER_CAUSES.get(exc.errno or 0, exc.strerror or str(exc))
    return f"--out {out}: cannot write there: {cause}"


@contextlib.contextmanager
def out_folder_lock(out: Path) -> Iterator[None]:
    """Hold the lock on ``out`` for a run; PlancheckError at once when another live batch holds it."""
    if out.exists() and not out.is_dir():
        raise PlancheckError(f"--out {out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise PlancheckError(folder_problem(out, e)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise PlancheckError(
                f"another batch is using {out} (pid {holder}); wait for it or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing drops the lock
