"""Create and open workspace files: one SQLite database per client engagement.

Opening a workspace checks that the file is a Groundwork database, copies it aside when its schema is
older than this version's (see ``models.backup``), and applies the pending Alembic migrations, each in its
own transaction: a migration interrupted at any point (kill, power loss, full disk) leaves the workspace at
the revision before it.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from contextlib import closing
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from models.backup import BackupError, ensure_backup

WORKSPACE_SUFFIX = ".groundwork"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class WorkspaceError(Exception):
    """A workspace file that cannot be created or opened; the message says what to do."""


_STORAGE_PROBLEMS = (
    ("database or disk is full", "the disk is full (or the workspace reached its size limit): free space"),
    ("readonly database", "the workspace file or its folder is read-only: copy it to a writable folder"),
    ("unable to open database file", "the workspace cannot be opened for writing: is its folder writable?"),
    ("disk i/o error", "the disk reported an input/output error: check the drive, copy the workspace off it"),
    ("database is locked", "another program is writing to the workspace; close it and try again"),
)


def storage_problem(exc: BaseException) -> str | None:
    """What a user should know about an SQLite storage failure (disk full, read-only...); None for others."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return next((message for needle, message in _STORAGE_PROBLEMS if needle in text), None)


def _cause(exc: BaseException) -> str:
    """The error without SQLAlchemy's statement and background-link decoration."""
    return storage_problem(exc) or str(getattr(exc, "orig", None) or exc)


def _folder_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (tried for real: permission bits do not bind root)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("models") / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine on the workspace file with foreign keys and WAL on every connection."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _revisions_after(current: str | None, target: str) -> list[str]:
    """The revisions to apply, oldest first, to go from ``current`` up to ``target`` (a linear history)."""
    script = ScriptDirectory.from_config(_alembic_config())
    chain = [s.revision for s in reversed(list(script.walk_revisions()))]
    target_script = script.get_revision(target)
    assert target_script is not None
    last = chain.index(target_script.revision)
    first = chain.index(current) + 1 if current is not None else 0
    return chain[first : last + 1]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``, each revision in its own transaction, its DDL included.

    pysqlite commits DDL on its own (it only opens transactions before INSERT/UPDATE/DELETE), so the
    connection is switched to manual transactions and every revision runs between our ``BEGIN IMMEDIATE``
    and ``COMMIT``, together with its ``alembic_version`` update.
    """
    config = _alembic_config()
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        pending = _revisions_after(MigrationContext.configure(connection).get_current_revision(), revision)
        connection.rollback()
        driver.isolation_level = None
        try:
            config.attributes["connection"] = connection
            for step in pending:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                try:
                    _drop_batch_leftovers(connection)
                    command.upgrade(config, step)
                    connection.commit()
                except BaseException:
                    connection.rollback()
                    raise
        finally:
            driver.isolation_level = ""


def _drop_batch_leftovers(connection: Connection) -> None:
    """Drop the copies an older version left when stopped inside a batch migration (``_alembic_tmp_*``).

    Alembic's batch mode builds the new table as ``_alembic_tmp_<name>`` and renames it within the same
    revision, so such a table is never data of a finished revision; left in place it blocks the retry.
    """
    leftovers = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_alembic\\_tmp\\_%' ESCAPE '\\'"
    ).all()
    for (name,) in leftovers:
        connection.exec_driver_sql(f'DROP TABLE "{name}"')


def begin_immediate(session: Session, *, wait_seconds: float = 60.0) -> None:
    """Take the workspace's write lock now, so what the session reads next stays true until it commits.

    Must be the session's first statement. Another writer holding the lock is waited for, up to
    ``wait_seconds``; then SQLite's "database is locked" is raised (``storage_problem`` words it).
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if "locked" not in str(exc.orig).lower() or time.monotonic() >= deadline:
                raise
            session.rollback()


def create_workspace(path: Path) -> Engine:
    """Create a new, empty workspace file at the current schema."""
    path = Path(path)
    if path.exists():
        raise WorkspaceError(
            f"{path}: a file with this name already exists. Open it, or choose another name."
        )
    if not path.parent.is_dir():
        raise WorkspaceError(f"{path}: the folder {path.parent} does not exist. Create it first.")
    if not _folder_writable(path.parent):
        raise WorkspaceError(
            f"{path}: the folder {path.parent} is read-only, so no workspace can be created there. "
            "Choose a writable folder."
        )
    engine = make_engine(path)
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        for leftover in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
            leftover.unlink(missing_ok=True)
        raise WorkspaceError(
            f"{path}: could not create the workspace ({_cause(exc)}). Check that the folder is writable."
        ) from exc
    return engine


def _check_is_workspace(path: Path) -> None:
    if not path.is_file():
        raise WorkspaceError(f"{path}: no such workspace file. Check the path, or create it with `init`.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise WorkspaceError(f"{path}: cannot be read ({exc.strerror}). Check its permissions.") from exc
    if magic != _SQLITE_MAGIC:
        raise WorkspaceError(f"{path}: this is not a Groundwork workspace (not an SQLite database).")


def open_workspace(path: Path) -> Engine:
    """Open an existing workspace, migrating it (after a backup copy) when its schema is older.

    A file that is not a workspace of this version is refused before any connection that could change it
    (switching a database to WAL rewrites its header).
    """
    path = Path(path)
    _check_is_workspace(path)
    try:
        revision, has_tables = _peek(path)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    if revision is not None and revision not in _known_revisions():
        raise WorkspaceError(
            f"{path}: this workspace was written by a newer version of Groundwork (schema {revision}). "
            "Update Groundwork to open it."
        )
    if revision is None and has_tables:
        raise WorkspaceError(f"{path}: this SQLite database is not a Groundwork workspace.")
    engine = make_engine(path)
    try:
        current_revision(engine)  # the first connection: WAL needs to write beside the file
    except Exception as exc:
        engine.dispose()
        raise _unreadable(path, exc) from exc
    if revision == head_revision():
        return engine
    try:
        _checkpoint(engine)
        backup = ensure_backup(path, revision)
    except (BackupError, OSError, SQLAlchemyError) as exc:
        engine.dispose()
        cause = str(exc) if isinstance(exc, BackupError) else _cause(exc)
        raise WorkspaceError(f"{path}: this workspace needs an upgrade, but {cause}.") from exc
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        raise WorkspaceError(
            f"{path}: the workspace could not be upgraded ({_cause(exc)}); it was left as it was before. "
            f"A copy from before the upgrade is at {backup}."
        ) from exc
    return engine


def _peek(path: Path) -> tuple[str | None, bool]:
    """The schema revision and whether the database has any table, read without changing the file."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return (row[0] if row else None), True


def _unreadable(path: Path, exc: BaseException) -> WorkspaceError:
    if not _folder_writable(path.parent):
        return WorkspaceError(
            f"{path}: the folder {path.parent} is read-only, and a workspace needs to write beside its "
            "file while open. Copy the workspace to a writable folder and open the copy."
        )
    return WorkspaceError(f"{path}: the database cannot be read ({_cause(exc)}).")


def _checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file so a file copy is complete."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
