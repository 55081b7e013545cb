"""Suggestions stored with the appeal (issue 14): category, place and body from history.

The central service computes them when an appeal is written and sends them down the
feed as a field of the appeal; the cache keeps them as JSON text so the triage dialog
has them offline too. Existing rows get NULL: "nothing suggested".

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appeals", recreate="never") as batch:
        batch.add_column(sa.Column("suggestions", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appeals", recreate="never") as batch:
        batch.drop_column("suggestions")
