"""Service hardening (issue 15): the feed's epoch, part of the feed's identity.

``feed_counter.epoch`` is a random value that ``cur-central restore`` rotates; with
the feed row at a position it makes the *mark* a workstation sends back with
``after=`` (``cur_desktop.central.feed``), so a database restored from a backup is
never read on past positions the workstation never saw. The login limits, token
lifecycle and private files need no schema.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feed_counter", sa.Column("epoch", sa.String(32)))
    op.execute(
        sa.text("UPDATE feed_counter SET epoch = :epoch").bindparams(epoch=secrets.token_hex(8))
    )


def downgrade() -> None:
    with op.batch_alter_table("feed_counter") as batch:
        batch.drop_column("epoch")
