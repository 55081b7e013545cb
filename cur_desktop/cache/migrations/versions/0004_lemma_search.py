"""Search by lemma and by number: reserved for the search work (issue 13).

Until its work lands this revision changes nothing (a placeholder keeps the chain
linear while several changes are made at once).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
