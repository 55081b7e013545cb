"""Saved custom queues, and who queued each outbox action.

A workstation is shared across shifts: an action queued offline by one operator
must be replayed under that operator's name, so the outbox records the actor.
Existing outbox rows keep their data and get an empty actor (replayed under the
signed-in user, as before this revision).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", recreate="never") as batch:
        batch.add_column(
            sa.Column("actor", sa.String, nullable=False, server_default=sa.text("''"))
        )
    op.create_table(
        "saved_queries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ux_saved_queries_owner_name", "saved_queries", ["owner", "name"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_saved_queries_owner_name", table_name="saved_queries")
    op.drop_table("saved_queries")
    with op.batch_alter_table("outbox", recreate="never") as batch:
        batch.drop_column("actor")
