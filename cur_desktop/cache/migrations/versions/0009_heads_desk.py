"""The head's desk: reserved (issue 16).

Until its work lands this revision changes nothing (a placeholder keeps the chain
linear while several changes are made at once).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
