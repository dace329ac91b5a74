"""Finding 1: an interrupted migration never bricks a workspace nor spoils its backup (real kills)."""

from __future__ import annotations

import resource
import shutil
import signal
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from alembic.operations import Operations
from sqlmodel import Session

from models import database
from models.backup import backup_path, backup_problem
from models.database import (
    WorkspaceError,
    current_revision,
    head_revision,
    make_engine,
    open_workspace,
    upgrade,
)
from models.search import search_turns
from tests.reliability.migration_faults import (
    OLD_SCHEMA,
    build_old_workspace,
    env,
    open_command,
    revision,
    run_trial,
    timed_open,
    turn_count,
)


def _fts_objects(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE name LIKE 'turn_fts%'")
        return [row[0] for row in rows]


def _fail_on_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make migration 0002 fail after its table and triggers exist, as a kill or full disk would."""
    real = Operations.execute

    def execute(self: Operations, sql: object, *args: object, **kwargs: object) -> object:
        if "'rebuild'" in str(sql):
            raise sqlite3.OperationalError("injected failure during the index rebuild")
        return real(self, sql, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Operations, "execute", execute)


def test_a_failure_inside_a_migration_leaves_the_revision_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    _fail_on_rebuild(monkeypatch)
    with pytest.raises(WorkspaceError, match="left as it was before"):
        open_workspace(path)
    assert revision(path) == "0001"
    assert _fts_objects(path) == []  # the DDL of 0002 was rolled back with the rest
    monkeypatch.undo()
    engine = open_workspace(path)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_backup_is_written_once_and_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    _fail_on_rebuild(monkeypatch)
    with pytest.raises(WorkspaceError):
        open_workspace(path)
    backup = backup_path(path, "0001")
    first = backup.read_bytes()
    assert backup_problem(backup, "0001", None) is None
    with closing(sqlite3.connect(path)) as connection, connection:  # the workspace changes after the backup
        connection.execute("UPDATE interview SET title = 'changed after the backup'")
    monkeypatch.undo()
    open_workspace(path).dispose()
    assert backup.read_bytes() == first


def test_a_damaged_backup_is_set_aside_and_a_verified_one_written(tmp_path: Path) -> None:
    path = tmp_path / "old.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    backup = backup_path(path, "0001")
    backup.write_bytes(OLD_SCHEMA.read_bytes()[:5000])  # truncated by a full disk in an older version
    open_workspace(path).dispose()
    assert backup.with_name(f"{backup.name}.damaged").stat().st_size == 5000
    assert backup_problem(backup, "0001", None) is None


def test_a_workspace_half_migrated_by_an_older_version_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "half.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    with closing(sqlite3.connect(path)) as connection:  # what 0002 committed before the fix: DDL, no rebuild
        connection.isolation_level = None
        connection.execute(
            "CREATE VIRTUAL TABLE turn_fts USING fts5(text, speaker, content='turn', content_rowid='id')"
        )
        connection.execute(
            "CREATE TRIGGER turn_fts_insert AFTER INSERT ON turn BEGIN "
            "INSERT INTO turn_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker); END"
        )
    engine = open_workspace(path)
    assert current_revision(engine) == head_revision()
    with Session(engine) as session:
        assert [hit.speaker for hit in search_turns(session, "mondays")] == ["Priya"]
    engine.dispose()


def test_a_full_disk_during_a_migration_is_a_message_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_old_workspace(tmp_path / "big.groundwork", turns=3000, interviews=3)
    pages = path.stat().st_size // 4096
    real = database._set_pragmas

    def small_disk(connection: sqlite3.Connection, record: object) -> None:
        real(connection, record)
        connection.execute(f"PRAGMA max_page_count={pages + 2}")

    monkeypatch.setattr(database, "_set_pragmas", small_disk)
    with pytest.raises(WorkspaceError, match="disk is full") as caught:
        open_workspace(path)
    assert "left as it was before" in str(caught.value)
    assert revision(path) == "0001" and _fts_objects(path) == []
    assert backup_problem(backup_path(path, "0001"), "0001", None) is None
    monkeypatch.undo()
    open_workspace(path).dispose()
    assert turn_count(path) == 3002


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-limit write fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_no_room_for_the_backup_is_a_message_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "old.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    before = path.read_bytes()
    done = subprocess.run(
        open_command(path),
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _limit_file_size(len(before) // 2),
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "copy taken before upgrading could not be written" in done.stderr
    assert not backup_path(path, "0001").exists()
    assert not list(tmp_path.glob("*.partial"))
    assert revision(path) == "0001" and _fts_objects(path) == []
    timed_open(path)
    assert revision(path) == head_revision()


def test_kill_9_during_migration_leaves_an_openable_workspace_and_a_good_backup(tmp_path: Path) -> None:
    base = build_old_workspace(tmp_path / "base.groundwork", turns=20_000)
    probe = tmp_path / "probe"
    probe.mkdir()
    shutil.copy2(base, probe / "full.groundwork")
    full = timed_open(probe / "full.groundwork")
    trials = [run_trial(base, tmp_path, full * fraction) for fraction in (0.2, 0.5, 0.8)]
    for trial in trials:
        assert trial.backup_problem is None, trial
        assert trial.openable and trial.turns_kept, trial


def test_a_batch_copy_left_by_an_older_version_is_dropped_on_open(tmp_path: Path) -> None:
    path = tmp_path / "half.groundwork"
    shutil.copy(OLD_SCHEMA, path)
    engine = make_engine(path)
    upgrade(engine, "0002")
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:  # 0003's batch copy, committed before a kill
        connection.execute("CREATE TABLE _alembic_tmp_personainsight (persona_id INTEGER)")
        connection.commit()
    engine = open_workspace(path)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        leftovers = connection.execute("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'")
        assert not leftovers.fetchall()
