"""Service hardening: reserved (issue 15: feed identity, login limits, token lifecycle).

Until its work lands this revision changes nothing (a placeholder keeps the chain
linear while several changes are made at once).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
