"""The first central schema: appeals, history, the change feed, idempotency keys, auth, region.

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

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
T = sa.Text
F = sa.Double


def upgrade() -> None:
    op.create_table(
        "appeals",
        sa.Column("id", BigId, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("theme", sa.String(64)),
        sa.Column("category", sa.String(64)),
        sa.Column("subcategory", sa.String(64)),
        sa.Column("municipality", sa.String(11)),
        sa.Column("body", sa.String(64)),
        sa.Column("executor", T),
        sa.Column("importance", sa.String(16), nullable=False),
        sa.Column("flags", sa.Integer, nullable=False),
        sa.Column("me_too", sa.Integer, nullable=False),
        sa.Column("title", T),
        sa.Column("text", T, nullable=False),
        sa.Column("address", T),
        sa.Column("address_is_private", sa.Boolean, nullable=False),
        sa.Column("lat", F),
        sa.Column("lon", F),
        sa.Column("author_name", T),
        sa.Column("author_phone", T),
        sa.Column("author_email", T),
        sa.Column("author_profile", T),
        sa.Column("url", T),
        sa.Column("created_at", F, nullable=False),
        sa.Column("registered_at", F),
        sa.Column("updated_at", F),
        sa.Column("due_at", F),
        sa.Column("postponed_to", F),
        sa.Column("pauses", T),
        sa.Column("taken_by", T),
        sa.Column("taken_at", F),
        sa.Column("first_reaction_at", F),
        sa.Column("interim_answer", T),
        sa.Column("interim_answer_at", F),
        sa.Column("answer", T),
        sa.Column("answered_at", F),
        sa.Column("closed_at", F),
        sa.Column("reopened_at", F),
        sa.Column("rework_count", sa.Integer, nullable=False),
        sa.Column("rejection_reason", sa.String(64)),
        sa.Column("redirected_to", T),
        sa.Column("satisfaction_rating", sa.Integer),
        sa.Column("satisfaction_reaction", sa.String(16)),
        sa.Column("merged_into", sa.BigInteger),
        sa.Column("attachments", T),
        sa.Column("window_at", F),
        sa.UniqueConstraint("source", "external_id", name="uq_appeals_source_external"),
    )
    op.create_index("ix_appeals_municipality_id", "appeals", ["municipality", "id"])
    op.create_index("ix_appeals_theme_id", "appeals", ["theme", "id"])
    op.create_index("ix_appeals_window_at", "appeals", ["window_at"])

    op.create_table(
        "history",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column(
            "appeal_id",
            BigId,
            sa.ForeignKey("appeals.id", ondelete="CASCADE", name="fk_history_appeal"),
            nullable=False,
        ),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("at", F, nullable=False),
        sa.Column("actor", T, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16)),
        sa.Column("details", T),
    )
    op.create_index("ix_history_appeal", "history", ["appeal_id", "id"])
    op.create_index("ix_history_seq", "history", ["seq"])

    op.create_table(
        "feed",
        sa.Column("seq", BigId, primary_key=True, autoincrement=False),
        sa.Column("appeal_id", sa.BigInteger, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("op", sa.String(32), nullable=False),
        sa.Column("municipality_before", sa.String(11)),
        sa.Column("theme_before", sa.String(64)),
        sa.Column("municipality_after", sa.String(11)),
        sa.Column("theme_after", sa.String(64)),
        sa.Column("at", F, nullable=False),
    )
    counter = op.create_table(
        "feed_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])

    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("appeal_id", sa.BigInteger, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("outcome", T, nullable=False),
        sa.Column("created_at", F, nullable=False),
    )
    op.create_index("ix_idempotency_keys_created", "idempotency_keys", ["created_at"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("login", sa.String(100), nullable=False, unique=True),
        sa.Column("name", T, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("scope", T, nullable=False),
        sa.Column("password_hash", T, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", F, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", name="fk_tokens_user"),
            nullable=False,
        ),
        sa.Column("workstation", sa.String(200), nullable=False),
        sa.Column("created_at", F, nullable=False),
        sa.Column("last_used_at", F, nullable=False),
        sa.Column("revoked_at", F),
    )
    op.create_table(
        "region",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", T, nullable=False),
        sa.Column("pack", T, nullable=False),
        sa.Column("dictionaries", T, nullable=False),
        sa.Column("sla_rules", T, nullable=False),
        sa.Column("boundaries", T),
        sa.Column("boundaries_etag", sa.String(80)),
        sa.Column("updated_at", F, nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("cursor", sa.BigInteger, nullable=False),
        sa.Column("closed_since", F, nullable=False),
        sa.Column("created_at", F, nullable=False),
        sa.Column("expires_at", F, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        # appeal ids are handed out by the service (cur_desktop.central.writes.allocate_ids)
        op.execute("CREATE SEQUENCE appeal_id_seq AS bigint")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE appeal_id_seq")
    for table in (
        "snapshots",
        "region",
        "tokens",
        "users",
        "idempotency_keys",
        "feed_counter",
        "feed",
        "history",
        "appeals",
    ):
        op.drop_table(table)
