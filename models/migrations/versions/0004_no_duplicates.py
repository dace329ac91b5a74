"""no duplicate interviews or insights: text fingerprints, one extracted insight per evidence and kind

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 15:40:00

Interviews get ``text_sha256`` (``models.fingerprint``), filled here for the existing ones. Extracted
insights (origin other than ``user``) with the same kind and the same evidence span are duplicates left by
two extractions running at once: the copies the user never touched (still suggested, statement unchanged)
are removed, their persona links moved to the copy kept; touched copies stay. From then on the trigger
``evidencespan_unique_extracted`` refuses a second extracted insight of one kind on one span.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from models.fingerprint import text_fingerprint

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TRIGGER = "evidencespan_unique_extracted"

_KIND_OF_NEW = "(SELECT kind FROM insight WHERE id = NEW.insight_id)"
_CREATE_TRIGGER = f"""
CREATE TRIGGER {_TRIGGER} BEFORE INSERT ON evidencespan
WHEN (SELECT origin FROM insight WHERE id = NEW.insight_id) != 'user' AND EXISTS (
    SELECT 1 FROM evidencespan AS e JOIN insight AS i ON i.id = e.insight_id
    WHERE e.turn_id = NEW.turn_id AND e.start = NEW.start AND e."end" = NEW."end"
      AND i.origin != 'user' AND i.kind = {_KIND_OF_NEW})
BEGIN
    SELECT RAISE(ABORT, 'UNIQUE constraint failed: an extracted insight of this kind already has this evidence');
END
"""

_SINGLE_SPAN_INSIGHTS = """
SELECT i.id, i.kind, e.turn_id, e.start, e."end",
       i.status = 'SUGGESTED' AND i.statement = i.original_statement AS untouched,
       EXISTS (SELECT 1 FROM personainsight AS p WHERE p.insight_id = i.id) AS linked
FROM insight AS i JOIN evidencespan AS e ON e.insight_id = i.id
WHERE i.origin != 'user' AND (SELECT count(*) FROM evidencespan AS o WHERE o.insight_id = i.id) = 1
ORDER BY i.id
"""


def upgrade() -> None:
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_sha256", sa.String(), nullable=True))
    op.create_index("ix_interview_text_sha256", "interview", ["text_sha256"], unique=False)
    _fill_fingerprints()
    _remove_duplicate_insights()
    op.execute(_CREATE_TRIGGER)


def _fill_fingerprints() -> None:
    bind = op.get_bind()
    ids = [row[0] for row in bind.exec_driver_sql("SELECT id FROM interview").fetchall()]
    for interview_id in ids:
        (text,) = bind.exec_driver_sql("SELECT text FROM interview WHERE id = ?", (interview_id,)).one()
        bind.exec_driver_sql(
            "UPDATE interview SET text_sha256 = ? WHERE id = ?", (text_fingerprint(text), interview_id)
        )


def _remove_duplicate_insights() -> None:
    """Keep one insight per kind and evidence span: a touched or persona-linked one if any, else the oldest."""
    bind = op.get_bind()
    groups: dict[tuple[object, ...], list[tuple[int, bool, bool]]] = defaultdict(list)
    for insight_id, kind, turn_id, start, end, untouched, linked in bind.exec_driver_sql(
        _SINGLE_SPAN_INSIGHTS
    ):
        groups[(kind, turn_id, start, end)].append((insight_id, bool(untouched), bool(linked)))
    for members in groups.values():
        if len(members) < 2:
            continue
        keep = next((m for m in members if not m[1] or m[2]), members[0])[0]
        for insight_id, untouched, _linked in members:
            if insight_id == keep or not untouched:
                continue
            bind.exec_driver_sql(
                "UPDATE OR IGNORE personainsight SET insight_id = ? WHERE insight_id = ?", (keep, insight_id)
            )
            bind.exec_driver_sql("DELETE FROM personainsight WHERE insight_id = ?", (insight_id,))
            bind.exec_driver_sql("DELETE FROM evidencespan WHERE insight_id = ?", (insight_id,))
            bind.exec_driver_sql("DELETE FROM insight WHERE id = ?", (insight_id,))


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER}")
    op.drop_index("ix_interview_text_sha256", table_name="interview")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_column("text_sha256")
