"""One extraction at a time per workspace: an OS lock on a file beside it, released when its process ends.

Holding the OS lock on ``<workspace>.extracting`` is what counts, not the file's existence, so a killed
extraction never leaves a stale lock (the file it leaves is reused). The holder deletes the file when it
is done; a process that locked a file just deleted that way notices and locks the new one. The database
itself is still guarded (``BEGIN IMMEDIATE`` and the unique-evidence trigger), so an extraction where
this lock is unavailable (a read-only folder) cannot store duplicates either.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

P = ParamSpec("P")
R = TypeVar("R")


class ExtractionBusy(Exception):
    """Another process (or task) is extracting the same workspace."""


def lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.extracting")


@contextmanager
def extraction_lock(engine: Engine) -> Iterator[None]:
    """Hold the workspace's extraction lock, or raise ExtractionBusy at once if another holder has it."""
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    path = lock_path(Path(database))
    try:
        handle = _locked_file(path)
    except OSError:  # no lock here (a read-only folder, a drive without locks): the database still guards
        yield
        return
    if handle is None:
        raise ExtractionBusy(
            f"{database}: another Groundwork is extracting this workspace. Wait for it to finish "
            "(or stop it), then run the extraction again; it resumes where that one stopped."
        )
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # Windows keeps a file open elsewhere; the next holder reuses it
            path.unlink(missing_ok=True)
        handle.close()


def _locked_file(path: Path) -> IO[bytes] | None:
    """The lock file, open and locked by this process; None when another holder has it."""
    while True:
        handle = path.open("a+b")
        try:
            _lock(handle)
        except (BlockingIOError, PermissionError):  # held elsewhere (POSIX, Windows)
            handle.close()
            return None
        except OSError:
            handle.close()
            raise
        try:
            if path.stat().st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()  # the holder before us deleted the file we locked: lock the current one


def one_extraction_at_a_time(
    function: Callable[Concatenate[Engine, P], R],
) -> Callable[Concatenate[Engine, P], R]:
    """Run ``function(engine, ...)`` under the workspace's extraction lock."""

    @functools.wraps(function)
    def locked(engine: Engine, *args: P.args, **kwargs: P.kwargs) -> R:
        with extraction_lock(engine):
            return function(engine, *args, **kwargs)

    return locked


def _lock(handle: IO[bytes]) -> None:
    """Take an exclusive, non-blocking lock on the open file; BlockingIOError or PermissionError when held."""
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
