"""File and disk faults: read-only folders and files, a full disk, non-workspace files, a newer schema.

Each gives a clear message and leaves every file as it was. Root ignores permission bits, so read-only is
made with ``chattr +i`` (the immutable attribute binds root too) and checked before each test relies on it.
"""

import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from models.database import WorkspaceError, create_workspace, open_workspace
from models.tables import Interview, Turn
from synthesis.cli.main import app
from synthesis.importer import Outcome, import_file

pytestmark = pytest.mark.integration

SMALL = "Interviewer: What slows you down?\n\nSam: Our forecast lives in three spreadsheets.\n"


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (file or folder) unwritable, for root too; undone on exit."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        probe = path / "probe" if path.is_dir() else path
        with pytest.raises(OSError):
            probe.open("ab").close()
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def transcript(folder: Path, name: str = "small.txt", text: str = SMALL) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(Interview)).one(),
            session.exec(select(func.count()).select_from(Turn)).one(),
        )


def test_creating_a_workspace_in_a_read_only_folder_is_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(WorkspaceError, match="read-only"):
        create_workspace(folder / "new.groundwork")
    assert list(folder.iterdir()) == []


def test_opening_a_workspace_in_a_read_only_folder_explains_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "client.groundwork"
    engine = create_workspace(path)
    import_file(engine, transcript(tmp_path))
    engine.dispose()
    before = digest(path)
    with read_only(folder):
        with pytest.raises(WorkspaceError, match=r"read-only.*writable folder"):
            open_workspace(path)
        result = CliRunner().invoke(app, ["interviews", str(path)])
    assert result.exit_code == 2 and "read-only" in result.output and "Traceback" not in result.output
    assert digest(path) == before


def test_importing_into_a_read_only_workspace_file_fails_per_file(tmp_path: Path) -> None:
    path = tmp_path / "client.groundwork"
    engine = create_workspace(path)
    assert import_file(engine, transcript(tmp_path)).outcome == Outcome.IMPORTED
    engine.dispose()
    with read_only(path):
        engine = open_workspace(path)
        result = import_file(engine, transcript(tmp_path, "other.txt", SMALL + "\nSam: And one more.\n"))
        assert result.outcome == Outcome.FAILED
        assert "other.txt" in result.message and "read-only" in result.message
        assert counts(engine) == (1, 2)
        engine.dispose()


def test_a_full_disk_fails_the_file_and_keeps_everything_before_it(tmp_path: Path) -> None:
    path = tmp_path / "client.groundwork"
    engine = create_workspace(path)
    assert import_file(engine, transcript(tmp_path)).outcome == Outcome.IMPORTED
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    before = counts(engine)
    engine.dispose()
    limit = pages + 8  # room for a few pages, not for a 2 MB transcript and its search index

    def cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={limit}")

    event.listen(engine, "connect", cap)
    lines = [f"Sam: Line {n} about forecasting, pipeline reviews and renewal risk." for n in range(30_000)]
    big = transcript(tmp_path, "big.txt", "\n\n".join(lines))
    result = import_file(engine, big)
    assert result.outcome == Outcome.FAILED
    assert result.message.startswith("big.txt:") and "disk is full" in result.message
    assert counts(engine) == before
    event.remove(engine, "connect", cap)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert import_file(engine, big).outcome == Outcome.IMPORTED  # nothing half-written blocks a retry
    engine.dispose()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Interviewer: hello\n", "not an SQLite database"),
        (b"", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "cannot be read"),
    ],
    ids=["text", "empty", "corrupt-sqlite"],
)
def test_a_file_that_is_no_workspace_is_refused_untouched(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "client.groundwork"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match=expected):
        open_workspace(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.groundwork"]
    result = CliRunner().invoke(app, ["interviews", str(path)])
    assert result.exit_code == 2 and "Error:" in result.output and "Traceback" not in result.output


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.groundwork"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE note (body TEXT)")
        connection.execute("INSERT INTO note VALUES ('private')")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="not a Groundwork workspace"):
        open_workspace(path)
    assert digest(path) == before


def test_a_workspace_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "client.groundwork"
    engine = create_workspace(path)
    import_file(engine, transcript(tmp_path))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    engine.dispose()
    before = digest(path)
    with pytest.raises(WorkspaceError, match="newer version of Groundwork"):
        open_workspace(path)
    assert digest(path) == before
    assert not list(tmp_path.glob("*.bak"))
    result = CliRunner().invoke(app, ["interviews", str(path)])
    assert result.exit_code == 2 and "newer version" in result.output
