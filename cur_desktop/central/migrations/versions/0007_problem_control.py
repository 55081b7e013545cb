"""Problem control (issue 17): the region's dictionaries as edited in the app, every version kept.

A block head creates or renames a category, sets its targets or edits an answer
template in the console; the service stores the whole resulting ``cur-dictionaries``
document as a new version (``region_dictionaries``, never overwritten) and sends
the newest with ``GET /region`` (cur_desktop.central.region_dictionaries).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region_dictionaries",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(128), nullable=False),
        sa.Column("changed_at", sa.Double, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("region_dictionaries")
