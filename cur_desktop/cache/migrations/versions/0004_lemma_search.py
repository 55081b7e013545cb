"""Search by lemma and by number: the full-text triggers index lemmas, numbers and authors.

The triggers call ``ru_index(id, external_id, title, text, address, author_name,
author_phone)`` (registered on every connection by ``cur_desktop.cache.db``) instead
of ``ru_stems(title, text, address)``, and also fire when the source number or the
author changes. The index itself is emptied here and its builder's name removed, so
the cache rebuilds it when it opens (``Cache._check_fts``), with whatever lemmatizer
this program has.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TRIGGERS = ("appeals_fts_au", "appeals_fts_ad", "appeals_fts_ai")

_INDEX_NEW = (
    "ru_index(new.id, new.external_id, new.title, new.text, new.address, "
    "new.author_name, new.author_phone)"
)
_INDEX_OLD = (
    "ru_index(old.id, old.external_id, old.title, old.text, old.address, "
    "old.author_name, old.author_phone)"
)
_STEMS_NEW = "ru_stems(new.title, new.text, new.address)"
_STEMS_OLD = "ru_stems(old.title, old.text, old.address)"


def _recreate_table() -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS appeals_fts")
    op.execute(
        "CREATE VIRTUAL TABLE appeals_fts USING fts5("
        "body, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    # built by another indexer: the cache rebuilds it on open
    op.execute("DELETE FROM sync_state WHERE key = 'fts.stemmer'")


def upgrade() -> None:
    _recreate_table()
    _create_triggers(
        _INDEX_NEW,
        _INDEX_OLD,
        "title, text, address, external_id, author_name, author_phone",
        "old.title IS NOT new.title OR old.text IS NOT new.text "
        "OR old.address IS NOT new.address OR old.external_id IS NOT new.external_id "
        "OR old.author_name IS NOT new.author_name OR old.author_phone IS NOT new.author_phone",
    )


def downgrade() -> None:
    _recreate_table()
    _create_triggers(
        _STEMS_NEW,
        _STEMS_OLD,
        "title, text, address",
        "old.title IS NOT new.title OR old.text IS NOT new.text OR old.address IS NOT new.address",
    )


def _create_triggers(new: str, old: str, columns: str, changed: str) -> None:
    """Insert, delete and update triggers; the update one only when indexed columns change."""
    statements = (
        (
            "CREATE TRIGGER appeals_fts_ai AFTER INSERT ON appeals BEGIN "
            "INSERT INTO appeals_fts(rowid, body) VALUES (new.id, {new}); END"
        ),
        (
            "CREATE TRIGGER appeals_fts_ad AFTER DELETE ON appeals BEGIN "
            "INSERT INTO appeals_fts(appeals_fts, rowid, body) "
            "VALUES ('delete', old.id, {old}); END"
        ),
        (
            "CREATE TRIGGER appeals_fts_au AFTER UPDATE OF {columns} ON appeals "
            "WHEN {changed} BEGIN "
            "INSERT INTO appeals_fts(appeals_fts, rowid, body) VALUES ('delete', old.id, {old}); "
            "INSERT INTO appeals_fts(rowid, body) VALUES (new.id, {new}); END"
        ),
    )
    for statement in statements:
        op.execute(statement.format(new=new, old=old, columns=columns, changed=changed))
