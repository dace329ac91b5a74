"""Workspace files: creation, pragmas, migrations from older schemas, and refusing what is not ours."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.backup import backup_path
from models.database import (
    WorkspaceError,
    create_workspace,
    current_revision,
    head_revision,
    open_workspace,
)
from models.search import MATCH_END, MATCH_START, search_turns, to_fts_query
from models.tables import Company, Interview, Turn
from tests.conftest import FIXTURES


def test_new_workspace_is_at_head_with_wal_and_foreign_keys(workspace_path: Path) -> None:
    engine = create_workspace(workspace_path)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_create_refuses_existing_file(workspace_path: Path) -> None:
    workspace_path.write_text("keep me")
    with pytest.raises(WorkspaceError, match="already exists"):
        create_workspace(workspace_path)
    assert workspace_path.read_text() == "keep me"


def test_deleting_an_interview_deletes_its_turns(workspace_path: Path) -> None:
    engine = create_workspace(workspace_path)
    with Session(engine) as session:
        interview = Interview(
            title="t", source_file_name="t.txt", format="labelled", sha256="x", text="A: hi"
        )
        session.add(interview)
        session.flush()
        session.add(
            Turn(
                interview_id=interview.id,
                index=0,
                speaker="A",
                role="respondent",
                text="hi",
                start_char=3,
                end_char=5,
                segments=[[0, 3, 5]],
            )
        )
        session.commit()
        session.delete(interview)
        session.commit()
        assert session.exec(select(Turn)).all() == []
    engine.dispose()


def test_search_finds_turns_through_the_fts_index(workspace_path: Path) -> None:
    engine = create_workspace(workspace_path)
    with Session(engine) as session:
        interview = Interview(title="Call", source_file_name="c.txt", format="labelled", sha256="y", text="")
        session.add(interview)
        session.flush()
        for index, words in enumerate(["Forecasting eats my Mondays", "We use Salesforce", "Renewals slip"]):
            session.add(
                Turn(
                    interview_id=interview.id,
                    index=index,
                    speaker="P",
                    role="respondent",
                    text=words,
                    start_char=0,
                    end_char=len(words),
                    segments=[],
                )
            )
        session.commit()
        hits = search_turns(session, "salesforce")
        assert [(h.turn_index, h.interview_title) for h in hits] == [(1, "Call")]
        assert f"{MATCH_START}Salesforce{MATCH_END}" in hits[0].snippet
        assert [h.turn_index for h in search_turns(session, "forecast")] == [0]  # last word is a prefix
        assert search_turns(session, '"; DROP TABLE turn; --') == []
    engine.dispose()


def test_very_common_words_list_the_newest_matches(workspace_path: Path, monkeypatch) -> None:
    engine = create_workspace(workspace_path)
    with Session(engine) as session:
        interview = Interview(title="Call", source_file_name="c.txt", format="labelled", sha256="z", text="")
        session.add(interview)
        session.flush()
        for index, words in enumerate(["budget budget budget", "budget", "budget talk"]):
            session.add(Turn(interview_id=interview.id, index=index, speaker="P", role="respondent",
                             text=words, start_char=0, end_char=len(words), segments=[]))
        session.commit()
        assert search_turns(session, "budget")[0].turn_index in (0, 1)  # ranked
        monkeypatch.setattr("models.search.RANKED_MATCH_LIMIT", 2)
        assert [h.turn_index for h in search_turns(session, "budget")] == [2, 1, 0]
    engine.dispose()


def test_fts_query_quotes_every_word() -> None:
    assert to_fts_query('close "books" AND') == '"close" "books" "AND"*'
    assert to_fts_query("  ...  ") == ""


def test_workspace_from_first_schema_migrates_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.groundwork"
    shutil.copy(FIXTURES / "schema_0001.groundwork", path)
    engine = open_workspace(path)
    assert current_revision(engine) == head_revision()
    assert backup_path(path, "0001").is_file()
    with Session(engine) as session:
        assert session.exec(select(Company)).one().name == "Fieldlane"
        assert [h.speaker for h in search_turns(session, "mondays")] == ["Priya"]
    engine.dispose()
    reopened = open_workspace(path)  # already at head: opens without another backup
    assert current_revision(reopened) == head_revision()
    reopened.dispose()


def test_opening_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.groundwork"
    path.write_bytes(b"just some notes")
    with pytest.raises(WorkspaceError, match="not a Groundwork workspace"):
        open_workspace(path)
    assert path.read_bytes() == b"just some notes"


def test_opening_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.groundwork"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE things (x)")
    with pytest.raises(WorkspaceError, match="not a Groundwork workspace"):
        open_workspace(path)


def test_opening_a_newer_schema_is_refused_without_changes(tmp_path: Path) -> None:
    path = tmp_path / "future.groundwork"
    create_workspace(path).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version"):
        open_workspace(path)
    assert path.read_bytes() == before


def test_missing_workspace_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no such workspace"):
        open_workspace(tmp_path / "nope.groundwork")


def test_migrations_build_exactly_the_tables_the_code_declares(workspace_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = create_workspace(workspace_path)
    with engine.connect() as connection:
        not_fts = {"include_name": lambda name, _kind, _parent: not str(name).startswith("turn_fts")}
        context = MigrationContext.configure(connection, opts=not_fts)
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []
