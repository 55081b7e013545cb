"""Problem control: reserved (issue 17).

Until its work lands this revision changes nothing (a placeholder keeps the chain
linear while several changes are made at once).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
