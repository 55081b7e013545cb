"""The head's desk: the wall's covering index also holds ``rework_count`` and ``flags``
(issue 16).

The rating's quality criterion (answers not returned for rework) is read by the
wall too, so ``ix_appeals_wall`` (revision 0007) is built again with
``rework_count`` after the wall frame's other columns: the wall's start still reads
the narrow index alone. With ``flags`` as well it holds every column the desk reads
(``cur_desktop.desk.figures.ROW_COLUMNS``): a period's rows are read from the narrow
index, not from every wide row (at a million appeals, the index is a tenth of the
table). The region's methodology itself arrives with ``GET /region``
and is kept in the existing ``dictionaries`` table (row ``methodology``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: The wall frame's columns (cur_desktop.analytics.wall_frame.FRAME_COLUMNS), in order.
_BEFORE = [
    "merged_into",
    "id",
    "is_open",
    "satisfaction_rating",
    "source",
    "kind",
    "status",
    "theme",
    "category",
    "municipality",
    "body",
    "importance",
    "created_at",
    "registered_at",
    "due_at",
    "first_reaction_at",
    "interim_answer_at",
    "answered_at",
    "closed_at",
    "reopened_at",
    "updated_at",
    "satisfaction_reaction",
]


def upgrade() -> None:
    op.drop_index("ix_appeals_wall", table_name="appeals")
    op.create_index("ix_appeals_wall", "appeals", [*_BEFORE, "rework_count", "flags"])


def downgrade() -> None:
    op.drop_index("ix_appeals_wall", table_name="appeals")
    op.create_index("ix_appeals_wall", "appeals", _BEFORE)
