"""Suggestions stored with the appeal, and the models that compute them (issue 14).

``appeals.suggestions`` holds what the region's history suggests for an appeal
(JSON, :mod:`cur_desktop.domain.suggestions`), computed when it is written and sent
down the feed like any field. ``suggest_models`` keeps the trained models; the
newest is in force, so ``cur-central suggest train`` in one process and the service
in another share it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appeals", recreate="never") as batch:
        batch.add_column(sa.Column("suggestions", sa.Text, nullable=True))
    op.create_table(
        "suggest_models",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("trained_at", sa.Double, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("format", sa.String(64), nullable=False),
        sa.Column("model", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("suggest_models")
    with op.batch_alter_table("appeals", recreate="never") as batch:
        batch.drop_column("suggestions")
