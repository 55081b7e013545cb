"""Performance: indexes that fit the console's queues and the wall's start (issues 19, 18).

* ``ix_appeals_open_mun_due``: a municipality's open appeals (its queue) are found
  by the municipality, not by scanning every open appeal;
* ``ix_appeals_mun_created``, ``ix_appeals_theme_status_created``: a municipality
  or a theme + status filter over all appeals, newest first, is read in the
  index's order and stops at the page's end (no sort of every match);
* ``ix_appeals_wall``: every column the wall aggregates, after ``merged_into``
  (the wall reads the unmerged appeals): the wall's start reads this narrow index
  alone (tens of MB at a million appeals) instead of every wide row. SQLite keeps
  it current with each write, so it is never stale after a crash.

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

#: The wall frame's columns (cur_desktop.analytics.wall_frame.FRAME_COLUMNS), in order.
WALL_COLUMNS = [
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
    op.create_index(
        "ix_appeals_open_mun_due",
        "appeals",
        ["municipality", "due_at", "id"],
        sqlite_where=sa.text("is_open = 1"),
    )
    op.create_index("ix_appeals_mun_created", "appeals", ["municipality", "created_at"])
    op.create_index("ix_appeals_theme_status_created", "appeals", ["theme", "status", "created_at"])
    op.create_index("ix_appeals_wall", "appeals", WALL_COLUMNS)
    # the planner's statistics, so that it prefers the open appeals' partial indexes
    # (sampled; the sync writer refreshes them when a snapshot ends)
    op.execute("PRAGMA analysis_limit = 400")
    op.execute("ANALYZE")


def downgrade() -> None:
    for name in (
        "ix_appeals_wall",
        "ix_appeals_theme_status_created",
        "ix_appeals_mun_created",
        "ix_appeals_open_mun_due",
    ):
        op.drop_index(name, table_name="appeals")
