"""The copy of a workspace taken before its first migration: written once, verified, never overwritten.

The copy is written under a temporary name, synced, checked (same size as the workspace, SQLite's
``integrity_check`` says ok, same schema revision) and only then renamed into place, so a file under the
final name is always a complete copy. A later attempt at the same upgrade reuses it as it is.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

_COPY_CHUNK = 1 << 20


class BackupError(Exception):
    """The backup copy could not be written or did not verify; the message says what to do."""


def backup_path(path: Path, revision: str | None) -> Path:
    return path.with_name(f"{path.name}.before-{revision or 'unversioned'}.bak")


def ensure_backup(path: Path, revision: str | None) -> Path:
    """The verified copy of ``path`` at schema ``revision``: the one already there, or a new one.

    A file under the backup name that does not verify (left by an older version) is renamed aside with a
    ``.damaged`` suffix, never deleted, and a fresh copy is written.
    """
    target = backup_path(path, revision)
    if target.exists():
        if backup_problem(target, revision, None) is None:
            return target
        os.replace(target, target.with_name(f"{target.name}.damaged"))
    size = path.stat().st_size
    free = shutil.disk_usage(path.parent).free
    if free < size:
        raise BackupError(
            f"there is not enough free space to copy the workspace aside before upgrading it "
            f"({_mb(size)} needed, {_mb(free)} free on that drive). Free some space and open it again"
        )
    partial = target.with_name(f"{target.name}.partial")
    try:
        _copy_synced(path, partial)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"the copy taken before upgrading could not be written ({exc.strerror}); nothing was changed. "
            "Free some space (or check the drive) and open it again"
        ) from exc
    problem = backup_problem(partial, revision, size)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy taken before upgrading did not verify ({problem}); nothing was changed")
    os.replace(partial, target)
    _sync_folder(target.parent)
    return target


def backup_problem(path: Path, revision: str | None, size: int | None) -> str | None:
    """What is wrong with a backup copy (wrong size, not intact, other revision); None when it is good."""
    if size is not None and path.stat().st_size != size:
        return f"{path.stat().st_size} bytes instead of {size}"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)) as connection:
            (verdict,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
            if verdict != "ok":
                return f"integrity check: {verdict}"
            has_version = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            version = "SELECT version_num FROM alembic_version"
            row = connection.execute(version).fetchone() if has_version else None
    except sqlite3.Error as exc:
        return str(exc)
    found = row[0] if row else None
    return None if found == revision else f"schema {found} instead of {revision}"


def _copy_synced(source: Path, target: Path) -> None:
    with source.open("rb") as reader, target.open("wb") as writer:
        shutil.copyfileobj(reader, writer, _COPY_CHUNK)
        writer.flush()
        os.fsync(writer.fileno())
    shutil.copystat(source, target)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open folders and needs no sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
