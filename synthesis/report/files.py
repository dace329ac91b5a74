"""Writing output files safely: check the target first, write a temporary file beside it, then rename."""

from __future__ import annotations

import glob
import os
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
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f"{suffix}.part", dir=path.parent)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write in {path.parent} ({exc.strerror}).") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        raise ReportError(f"{path}: the file could not be written ({exc.strerror or exc}).") from exc
    finally:
        temporary.unlink(missing_ok=True)
