"""Problem control: reserved (issue 17: conflicts, disinformation cases, problems and measures).

Until its work lands this revision changes nothing (a placeholder keeps the chain
linear while several changes are made at once).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
