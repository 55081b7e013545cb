"""Texts masked once when written: the appeals' masked columns and the masker's version.

Roles without rights to personal data (the wall) are served these instead of the
texts (``cur_desktop.central.privacy``). Rows that exist before this revision have
no masked values (``masked_version`` NULL): ``cur-central remask`` and the service's
background task fill them in; until then a read masks such a row itself.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TEXTS = (
    "masked_title",
    "masked_text",
    "masked_interim",
    "masked_answer",
    "masked_address",
    "masked_summary",
)


def upgrade() -> None:
    op.add_column("appeals", sa.Column("masked_version", sa.Integer))
    for name in _TEXTS:
        op.add_column("appeals", sa.Column(name, sa.Text))
    op.create_index("ix_appeals_masked_version", "appeals", ["masked_version"])


def downgrade() -> None:
    op.drop_index("ix_appeals_masked_version", table_name="appeals")
    with op.batch_alter_table("appeals") as batch:
        for name in reversed(("masked_version", *_TEXTS)):
            batch.drop_column(name)
