"""The first cache schema: appeals with Russian full-text search, history, outbox, sync state.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_OPEN = sa.text("is_open = 1")


def upgrade() -> None:
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("external_id", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("is_open", sa.Integer, nullable=False),
        sa.Column("theme", sa.String),
        sa.Column("category", sa.String),
        sa.Column("subcategory", sa.String),
        sa.Column("municipality", sa.String),
        sa.Column("body", sa.String),
        sa.Column("executor", sa.String),
        sa.Column("importance", sa.String, nullable=False),
        sa.Column("flags", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("me_too", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("address_is_private", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("author_name", sa.String),
        sa.Column("author_phone", sa.String),
        sa.Column("author_email", sa.String),
        sa.Column("author_profile", sa.String),
        sa.Column("url", sa.Text),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("registered_at", sa.Float),
        sa.Column("updated_at", sa.Float),
        sa.Column("due_at", sa.Float),
        sa.Column("postponed_to", sa.Float),
        sa.Column("pauses", sa.Text),
        sa.Column("taken_by", sa.String),
        sa.Column("taken_at", sa.Float),
        sa.Column("first_reaction_at", sa.Float),
        sa.Column("interim_answer", sa.Text),
        sa.Column("interim_answer_at", sa.Float),
        sa.Column("answer", sa.Text),
        sa.Column("answered_at", sa.Float),
        sa.Column("closed_at", sa.Float),
        sa.Column("reopened_at", sa.Float),
        sa.Column("rework_count", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("rejection_reason", sa.String),
        sa.Column("redirected_to", sa.String),
        sa.Column("satisfaction_rating", sa.Integer),
        sa.Column("satisfaction_reaction", sa.String),
        sa.Column("merged_into", sa.Integer),
        sa.Column("attachments", sa.Text),
    )
    op.create_index("ux_appeals_source_external", "appeals", ["source", "external_id"], unique=True)
    op.create_index("ix_appeals_open_due", "appeals", ["due_at", "id"], sqlite_where=_OPEN)
    op.create_index(
        "ix_appeals_open_theme_mun_due",
        "appeals",
        ["theme", "municipality", "due_at", "id"],
        sqlite_where=_OPEN,
    )
    op.create_index(
        "ix_appeals_status_theme_mun_due", "appeals", ["status", "theme", "municipality", "due_at"]
    )
    op.create_index("ix_appeals_created", "appeals", ["created_at"])

    op.create_table(
        "appeal_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("appeal_id", sa.Integer, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("from_status", sa.String),
        sa.Column("to_status", sa.String),
        sa.Column("details", sa.Text),
    )
    op.create_index("ix_history_appeal_at", "appeal_history", ["appeal_id", "at"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotency_key", sa.String, nullable=False, unique=True),
        sa.Column("appeal_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("state", sa.String, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("last_attempt_at", sa.Float),
        sa.Column("last_error", sa.Text),
        sa.Column("result", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_state", "outbox", ["state", "id"])

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "dictionaries",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )

    # Contentless FTS5 over Snowball stems (see cur_desktop.cache.search). The
    # triggers call ru_stems(), registered on every connection by cur_desktop.cache.db.
    # The update trigger fires only when indexed text changes: a status-only sync
    # of 10 k rows then costs 1 s instead of 9 s (PERFORMANCE.md).
    op.execute(
        "CREATE VIRTUAL TABLE appeals_fts USING fts5("
        "body, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        "CREATE TRIGGER appeals_fts_ai AFTER INSERT ON appeals BEGIN "
        "INSERT INTO appeals_fts(rowid, body) "
        "VALUES (new.id, ru_stems(new.title, new.text, new.address)); END"
    )
    op.execute(
        "CREATE TRIGGER appeals_fts_ad AFTER DELETE ON appeals BEGIN "
        "INSERT INTO appeals_fts(appeals_fts, rowid, body) "
        "VALUES ('delete', old.id, ru_stems(old.title, old.text, old.address)); END"
    )
    op.execute(
        "CREATE TRIGGER appeals_fts_au AFTER UPDATE OF title, text, address ON appeals "
        "WHEN old.title IS NOT new.title OR old.text IS NOT new.text "
        "OR old.address IS NOT new.address BEGIN "
        "INSERT INTO appeals_fts(appeals_fts, rowid, body) "
        "VALUES ('delete', old.id, ru_stems(old.title, old.text, old.address)); "
        "INSERT INTO appeals_fts(rowid, body) "
        "VALUES (new.id, ru_stems(new.title, new.text, new.address)); END"
    )


def downgrade() -> None:
    for trigger in ("appeals_fts_au", "appeals_fts_ad", "appeals_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS appeals_fts")
    for table in ("dictionaries", "sync_state", "outbox", "appeal_history", "appeals"):
        op.drop_table(table)
