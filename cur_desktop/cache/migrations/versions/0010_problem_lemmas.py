"""Problem clusters reuse their work: each appeal's lemmas, and the last clustering (issue 16).

``appeal_lemmas`` keeps the lemma text (``cur_desktop.text.lemmas.lemma_text`` of the
title and text) of the appeals the problem clusters have read, with the lemmatizer
that made it; two triggers drop an appeal's row when its title or text changes and
when the appeal is deleted, so a row is never stale. ``problem_memo`` keeps the last
clustering of ``cur_desktop.problems.clusters.problems_in_cache`` under a digest of
its whole input: a report made on unchanged data reuses it.

Both are derived data, filled by whoever clusters (never required: an empty table
only means the work is done again).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appeal_lemmas",
        sa.Column("appeal_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("lemmatizer", sa.String, nullable=False),
        sa.Column("lemmas", sa.Text, nullable=False),
        sqlite_autoincrement=False,
    )
    op.create_table(
        "problem_memo",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("digest", sa.String, nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
    )
    op.execute(
        "CREATE TRIGGER appeal_lemmas_au AFTER UPDATE OF title, text ON appeals "
        "WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN "
        "DELETE FROM appeal_lemmas WHERE appeal_id = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER appeal_lemmas_ad AFTER DELETE ON appeals BEGIN "
        "DELETE FROM appeal_lemmas WHERE appeal_id = old.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS appeal_lemmas_ad")
    op.execute("DROP TRIGGER IF EXISTS appeal_lemmas_au")
    op.drop_table("problem_memo")
    op.drop_table("appeal_lemmas")
