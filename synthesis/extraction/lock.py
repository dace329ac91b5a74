"""One extraction at a time per workspace: an OS lock on a file beside it, released when its process ends.

The lock file (``<workspace>.extracting``) stays in place; holding the OS lock on it is what counts, so a
killed extraction never leaves a stale lock. The database itself is still guarded (``BEGIN IMMEDIATE``
and the unique-evidence trigger), so an extraction that cannot take this lock cannot store duplicates.
"""

from __future__ import annotations

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
    try:
        handle = lock_path(Path(database)).open("a+b")
    except OSError:  # a read-only folder: the database refuses writes anyway, with its own message
        yield
        return
    with handle:
        try:
            _lock(handle)
        except OSError:
            raise ExtractionBusy(
                f"{database}: another Groundwork is extracting this workspace. Wait for it to finish "
                "(or stop it), then run the extraction again; it resumes where that one stopped."
            ) from None
        yield


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
    """Take an exclusive, non-blocking lock on the open file; OSError when another holder has it."""
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
