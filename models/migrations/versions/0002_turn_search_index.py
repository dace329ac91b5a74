"""full-text search index over turn text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:35:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


_TRIGGERS = ("turn_fts_insert", "turn_fts_delete", "turn_fts_update")


def upgrade() -> None:
    _drop_leftovers()
    op.execute(
        "CREATE VIRTUAL TABLE turn_fts USING fts5("
        "text, speaker, content='turn', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER turn_fts_insert AFTER INSERT ON turn BEGIN "
        "INSERT INTO turn_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker); END"
    )
    op.execute(
        "CREATE TRIGGER turn_fts_delete AFTER DELETE ON turn BEGIN "
        "INSERT INTO turn_fts(turn_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker); END"
    )
    op.execute(
        "CREATE TRIGGER turn_fts_update AFTER UPDATE OF text, speaker ON turn BEGIN "
        "INSERT INTO turn_fts(turn_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker); "
        "INSERT INTO turn_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker); END"
    )
    op.execute("INSERT INTO turn_fts(turn_fts) VALUES ('rebuild')")


def _drop_leftovers() -> None:
    """Remove what an older Groundwork left when it was stopped inside this migration.

    Before migrations ran in one transaction each, the table and triggers were committed on their own, so
    a kill during the index rebuild left revision 0001 with the ``turn_fts*`` objects present.
    """
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS turn_fts")


def downgrade() -> None:
    _drop_leftovers()
