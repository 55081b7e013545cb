"""The head's desk: no change to the cache's tables (issue 16).

The region's methodology arrives with ``GET /region`` and is kept in the existing
``dictionaries`` table (row ``methodology``), as the pack and the SLA rules are; the
desk's figures are computed from ``appeals`` as they are. The revision stays in the
chain so that its number keeps its place.

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
