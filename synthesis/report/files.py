"""Writing output files safely: check the target first, write a temporary file beside it, then rename."""

from __future__ import annotations

import errno
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from synthesis.report.options import ReportError


def check_target(path: Path) -> None:
    """Raise ReportError unless a file can be written at ``path``."""
    if path.is_dir():
        raise ReportError(f"{path}: this is a folder; give a file name such as report.docx.")
    if not path.parent.is_dir():
        raise ReportError(f"{path}: the folder {path.parent} does not exist. Create it or choose another.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ReportError(f"{path}: the folder {path.parent} is not writable. Choose another folder.")


MIN_FREE_BYTES = 1024 * 1024
"""Refuse to start writing with less free space than this in the target folder: the write would fail."""

_DISK_FULL = "the disk is full; free some space or choose a folder on another disk"
_PROBLEMS = {
    errno.ENOSPC: _DISK_FULL,
    errno.EDQUOT: "your disk quota is used up; free some space or choose another folder",
    errno.EIO: (
        "the disk reported an input/output error, which usually means it is full or failing; free some "
        "space, check the disk, or choose another folder"
    ),
    errno.EROFS: "the disk is read-only; choose another folder",
    errno.EACCES: "permission denied; choose another folder",
}


def os_problem(exc: OSError) -> str:
    """What an OS error means for a file being written, in words a user can act on."""
    return _PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))


def check_free_space(path: Path) -> None:
    """Raise ReportError when the folder of ``path`` has (almost) no free space left."""
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return  # the write itself will report what is wrong
    if free < MIN_FREE_BYTES:
        raise ReportError(f"{path}: {_DISK_FULL} ({free // 1024} KB free in {path.parent}).")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_target(path: Path, suffix: str) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it on success and is removed on any failure.

    Leftovers of an earlier export that was killed before it could clean up are removed first.
    """
    check_target(path)
    for stale in path.parent.glob(f".{glob.escape(path.stem)}.*{suffix}.part"):
        stale.unlink(missing_ok=True)
    check_free_space(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f"{suffix}.part", dir=path.parent)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write in {path.parent}: {os_problem(exc)}.") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        raise ReportError(f"{path}: the file could not be written: {os_problem(exc)}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
