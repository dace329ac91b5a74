"""insights a user removed from a persona stay removed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 14:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("personainsight", schema=None) as batch_op:
        batch_op.add_column(sa.Column("excluded", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("personainsight", schema=None) as batch_op:
        batch_op.drop_column("excluded")
