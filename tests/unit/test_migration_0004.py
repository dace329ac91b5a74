"""Migration 0004 on a real workspace file at 0003: fingerprints filled, duplicate extracted insights removed
safely (untouched copies only, persona links moved to the copy kept), and the unique-evidence trigger."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from models.database import make_engine, open_workspace, upgrade
from models.fingerprint import text_fingerprint
from tests.conftest import FIXTURES

_NOW = "'2026-01-01 00:00:00'"


def _insight(
    connection: sqlite3.Connection, kind: str, status: str, statement: str = "Forecasts eat Mondays"
) -> int:
    cursor = connection.execute(
        "INSERT INTO insight (interview_id, kind, statement, original_statement, confidence, status, "
        "origin, extractor_version, created_at, updated_at) "
        f"VALUES (1, ?, ?, 'Forecasts eat Mondays', 0.5, ?, 'rules', 'x', {_NOW}, {_NOW})",
        (kind, statement, status),
    )
    insight_id = cursor.lastrowid
    assert insight_id is not None
    connection.execute(
        'INSERT INTO evidencespan (insight_id, turn_id, start, "end", quote) '
        "VALUES (?, 2, 0, 8, 'Forecast')",
        (insight_id,),
    )
    return insight_id


def _persona(connection: sqlite3.Connection, name: str) -> int:
    cursor = connection.execute(
        "INSERT INTO persona (name, role, seniority, summary, demographics, group_key, status, "
        "edited_fields, created_at, updated_at) "
        f"VALUES (?, '', '', '', '', ?, 'draft', '[]', {_NOW}, {_NOW})",
        (name, name),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _link(connection: sqlite3.Connection, persona_id: int, insight_id: int) -> None:
    connection.execute(
        "INSERT INTO personainsight (persona_id, insight_id, theme, position, user_placed, excluded) "
        "VALUES (?, ?, '', 0, 0, 0)",
        (persona_id, insight_id),
    )


@pytest.fixture
def at_0003(tmp_path: Path) -> Path:
    path = tmp_path / "old.groundwork"
    shutil.copy(FIXTURES / "schema_0001.groundwork", path)
    engine = make_engine(path)
    upgrade(engine, "0003")
    engine.dispose()
    return path


def test_duplicates_go_the_touched_stay_and_links_follow(at_0003: Path) -> None:
    with closing(sqlite3.connect(at_0003)) as connection, connection:
        oldest = _insight(connection, "PAIN", "SUGGESTED")
        newer = _insight(connection, "PAIN", "SUGGESTED")
        edited = _insight(connection, "PAIN", "EDITED", "Forecast calls cost a day")
        other_kind = _insight(connection, "GOAL", "SUGGESTED")
        first, second = _persona(connection, "A"), _persona(connection, "B")
        _link(connection, first, newer)
        _link(connection, second, oldest)
    open_workspace(at_0003).dispose()
    with closing(sqlite3.connect(at_0003)) as connection:
        kept = [row[0] for row in connection.execute("SELECT id FROM insight ORDER BY id")]
        links = connection.execute("SELECT persona_id, insight_id FROM personainsight ORDER BY 1").fetchall()
        spans = connection.execute("SELECT count(*) FROM evidencespan").fetchone()[0]
        fingerprint, text = connection.execute("SELECT text_sha256, text FROM interview").fetchone()
    assert kept == [oldest, edited, other_kind]  # the newer untouched copy went
    assert links == [(first, oldest), (second, oldest)]
    assert spans == 3
    assert fingerprint == text_fingerprint(text)


def test_after_0004_a_duplicate_extracted_insight_cannot_be_inserted(at_0003: Path) -> None:
    open_workspace(at_0003).dispose()
    with closing(sqlite3.connect(at_0003)) as connection:
        _insight(connection, "PAIN", "SUGGESTED")
        with pytest.raises(sqlite3.IntegrityError, match="already has this evidence"):
            _insight(connection, "PAIN", "SUGGESTED")
        _insight(connection, "GOAL", "SUGGESTED")  # another kind on the same words is another insight


def test_fingerprint_ignores_bom_line_endings_and_spacing() -> None:
    text = "Dana: What hurts?\nPriya: Forecast calls eat my Mondays.\n"
    resaved = "\ufeff" + text.replace("\n", "  \r\n").replace(": ", ":   ")
    assert text_fingerprint(resaved) == text_fingerprint(text)
    assert text_fingerprint(text.replace("Mondays", "Tuesdays")) != text_fingerprint(text)
