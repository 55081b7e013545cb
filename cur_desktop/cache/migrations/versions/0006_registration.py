"""Appeals registered by hand at this workstation (issue 20).

A registration is stored before the central service has seen it: the command in
the outbox, a provisional row in ``appeals`` (a negative id) and a row here that
ties the outbox key, the provisional id and the provisional number the citizen
was told to the real appeal and number once the service confirms. The provisional
number stays findable after that (``number_key``: the number folded for search).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotency_key", sa.String, nullable=False, unique=True),
        sa.Column("provisional_id", sa.Integer, nullable=False),
        sa.Column("provisional_number", sa.String, nullable=False),
        sa.Column("number_key", sa.String, nullable=False),
        sa.Column("appeal_id", sa.Integer),
        sa.Column("number", sa.String),
        sa.Column("actor", sa.String, nullable=False, server_default=sa.text("''")),
        sa.Column("state", sa.String, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_registrations_number_key", "registrations", ["number_key"])


def downgrade() -> None:
    op.drop_index("ix_registrations_number_key", table_name="registrations")
    op.drop_table("registrations")
