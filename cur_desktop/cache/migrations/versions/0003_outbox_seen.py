"""The appeal as the operator saw it when an outbox action was stored.

A conflict (a colleague changed the appeal meanwhile) is shown as three sides:
what the operator saw, what they did, what the appeal is now. The first was kept in
memory only, so after a restart of the console (end of a shift with actions queued
offline) it was lost. The outbox now stores it, as the protocol's appeal object
(JSON). Existing rows get NULL: "not known", as before this revision.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", recreate="never") as batch:
        batch.add_column(sa.Column("seen", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", recreate="never") as batch:
        batch.drop_column("seen")
