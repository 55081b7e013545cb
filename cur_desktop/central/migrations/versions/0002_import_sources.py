"""What real exports need kept: the sources' original texts of converted fields (issue 13).

ПОС texts arrive as HTML; the import stores plain text in ``appeals`` and keeps the
source's own markup in ``import_originals`` (central only, never synced), for a
source that needs it back.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "import_originals",
        sa.Column("appeal_id", BigId, sa.ForeignKey("appeals.id"), primary_key=True),
        sa.Column("field", sa.String(32), primary_key=True),
        sa.Column("original", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_originals")
